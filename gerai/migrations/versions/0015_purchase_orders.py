"""purchase orders: the orders, their lines and the goods receipts against them (issue 17)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import gerai.models

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "purchaseorder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("created_at", gerai.models.UTCDateTime(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("cancelled_at", gerai.models.UTCDateTime(), nullable=True),
        sa.Column("cancelled_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["supplier_id"], ["supplier.id"], name=op.f("fk_purchaseorder_supplier_id_supplier")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchaseorder")),
        sa.UniqueConstraint("number", name=op.f("uq_purchaseorder_number")),
    )
    op.create_index(op.f("ix_purchaseorder_status"), "purchaseorder", ["status"])
    op.create_index(op.f("ix_purchaseorder_supplier_id"), "purchaseorder", ["supplier_id"])
    op.create_table(
        "purchaseorderline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("pack", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("factor", gerai.models.Qty(), nullable=False),
        sa.Column("qty", gerai.models.Qty(), nullable=False),
        sa.Column("unit_cost", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["purchaseorder.id"],
            name=op.f("fk_purchaseorderline_order_id_purchaseorder"),
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["product.id"], name=op.f("fk_purchaseorderline_product_id_product")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchaseorderline")),
        sa.UniqueConstraint("order_id", "product_id", name=op.f("uq_purchaseorderline_order_id")),
    )
    op.create_index(op.f("ix_purchaseorderline_order_id"), "purchaseorderline", ["order_id"])
    op.create_index(op.f("ix_purchaseorderline_product_id"), "purchaseorderline", ["product_id"])
    op.create_table(
        "purchaseorderreceipt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("receipt_id", sa.Integer(), nullable=False),
        sa.Column("over_reason", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", gerai.models.UTCDateTime(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["purchaseorder.id"],
            name=op.f("fk_purchaseorderreceipt_order_id_purchaseorder"),
        ),
        sa.ForeignKeyConstraint(
            ["receipt_id"],
            ["goodsreceipt.id"],
            name=op.f("fk_purchaseorderreceipt_receipt_id_goodsreceipt"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purchaseorderreceipt")),
        sa.UniqueConstraint("receipt_id", name=op.f("uq_purchaseorderreceipt_receipt_id")),
    )
    op.create_index(op.f("ix_purchaseorderreceipt_order_id"), "purchaseorderreceipt", ["order_id"])


def downgrade() -> None:
    op.drop_table("purchaseorderreceipt")
    op.drop_table("purchaseorderline")
    op.drop_table("purchaseorder")
