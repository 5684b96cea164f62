"""expiry dates and batches (dated products, their batches, the batch ledger) and the reference
of a QRIS or transfer payment (issue 17)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import gerai.models

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "datedproduct",
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("marked_at", gerai.models.UTCDateTime(), nullable=False),
        sa.Column("marked_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_datedproduct_product_id_product")
        ),
        sa.PrimaryKeyConstraint("product_id", name=op.f("pk_datedproduct")),
    )
    op.create_table(
        "stockbatch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("expiry", sa.Date(), nullable=True),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("qty", gerai.models.Qty(), nullable=False),
        sa.Column("created_at", gerai.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_stockbatch_product_id_product")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stockbatch")),
        sa.UniqueConstraint("product_id", "expiry", "code", name=op.f("uq_stockbatch_product_id")),
    )
    with op.batch_alter_table("stockbatch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stockbatch_expiry"), ["expiry"])
        batch_op.create_index(batch_op.f("ix_stockbatch_product_id"), ["product_id"])
    op.create_table(
        "batchmovement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("qty", gerai.models.Qty(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("ref", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=True),
        sa.Column("created_at", gerai.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"], ["stockbatch.id"], name=op.f("fk_batchmovement_batch_id_stockbatch")
        ),
        sa.ForeignKeyConstraint(
            ["sale_id"], ["sale.id"], name=op.f("fk_batchmovement_sale_id_sale")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_batchmovement")),
    )
    with op.batch_alter_table("batchmovement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_batchmovement_batch_id"), ["batch_id"])
        batch_op.create_index(batch_op.f("ix_batchmovement_sale_id"), ["sale_id"])
    # a plain ADD COLUMN: the payment table is not rebuilt
    op.add_column(
        "payment",
        sa.Column("reference", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    )


def downgrade() -> None:
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.drop_column("reference")
    op.drop_table("batchmovement")
    op.drop_table("stockbatch")
    op.drop_table("datedproduct")
