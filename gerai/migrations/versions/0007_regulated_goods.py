"""regulated goods: the buyer kept with the sale line, regulated products and their quotas

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 04:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import gerai.models

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("saleline", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("buyer_nik", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True)
        )
        batch_op.add_column(
            sa.Column("buyer_kk", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True)
        )
        batch_op.add_column(
            sa.Column("buyer_category", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_saleline_buyer_nik"), ["buyer_nik"], unique=False)
        batch_op.create_index(batch_op.f("ix_saleline_buyer_kk"), ["buyer_kk"], unique=False)
    op.create_table(
        "regulatedproduct",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("quota_group", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("needs_buyer", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_regulatedproduct_product_id_product")
        ),
        sa.PrimaryKeyConstraint("product_id", name=op.f("pk_regulatedproduct")),
    )
    with op.batch_alter_table("regulatedproduct", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_regulatedproduct_quota_group"), ["quota_group"], unique=False
        )
    op.create_table(
        "quotarule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("quota_group", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("scope", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("limit", gerai.models.Qty(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quotarule")),
        sa.UniqueConstraint(
            "quota_group", "scope", "period", name=op.f("uq_quotarule_quota_group")
        ),
    )
    with op.batch_alter_table("quotarule", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quotarule_quota_group"), ["quota_group"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("quotarule", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quotarule_quota_group"))
    op.drop_table("quotarule")
    with op.batch_alter_table("regulatedproduct", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_regulatedproduct_quota_group"))
    op.drop_table("regulatedproduct")
    with op.batch_alter_table("saleline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_saleline_buyer_kk"))
        batch_op.drop_index(batch_op.f("ix_saleline_buyer_nik"))
        batch_op.drop_column("buyer_category")
        batch_op.drop_column("buyer_kk")
        batch_op.drop_column("buyer_nik")
