"""price decrees and shelf labels: HET (and price) changes scheduled for a business day, and
the prices each product's last printed shelf label shows

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import gerai.models

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "scheduledprice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("effective", sa.Date(), nullable=False),
        sa.Column("het", sa.Integer(), nullable=False),
        sa.Column("price", sa.Integer(), nullable=True),
        sa.Column("member_price", sa.Integer(), nullable=True),
        sa.Column("decree", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("created_at", gerai.models.UTCDateTime(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("applied_at", gerai.models.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_scheduledprice_product_id_product")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduledprice")),
    )
    with op.batch_alter_table("scheduledprice", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scheduledprice_effective"), ["effective"])
        batch_op.create_index(batch_op.f("ix_scheduledprice_product_id"), ["product_id"])
    op.create_table(
        "printedlabel",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("price", sa.Integer(), nullable=False),
        sa.Column("member_price", sa.Integer(), nullable=True),
        sa.Column("het", sa.Integer(), nullable=True),
        sa.Column("printed_at", gerai.models.UTCDateTime(), nullable=False),
        sa.Column("printed_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_printedlabel_product_id_product")
        ),
        sa.PrimaryKeyConstraint("product_id", name=op.f("pk_printedlabel")),
    )


def downgrade() -> None:
    op.drop_table("printedlabel")
    with op.batch_alter_table("scheduledprice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scheduledprice_product_id"))
        batch_op.drop_index(batch_op.f("ix_scheduledprice_effective"))
    op.drop_table("scheduledprice")
