"""stock administration: suppliers, goods receipts, pack units, price history, repacking,
write-offs and stock counts

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 10:40:08
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import gerai.models

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT = sqlmodel.sql.sqltypes.AutoString
QTY = gerai.models.Qty
AT = gerai.models.UTCDateTime


def _id(table: str) -> tuple[sa.Column[int], sa.PrimaryKeyConstraint]:
    return sa.Column("id", sa.Integer(), nullable=False), sa.PrimaryKeyConstraint(
        "id", name=op.f(f"pk_{table}")
    )


def _ref(table: str, column: str, target: str) -> tuple[sa.Column[int], sa.ForeignKeyConstraint]:
    return sa.Column(column, sa.Integer(), nullable=False), sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def _number(table: str) -> tuple[sa.Column[str], sa.UniqueConstraint]:
    return sa.Column("number", TEXT(length=30), nullable=False), sa.UniqueConstraint(
        "number", name=op.f(f"uq_{table}_number")
    )


def _stamp() -> tuple[sa.Column[object], sa.Column[str]]:
    return (
        sa.Column("created_at", AT(), nullable=False),
        sa.Column("created_by", TEXT(length=60), nullable=False),
    )


def _indexes(table: str, *columns: str) -> None:
    for column in columns:
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column])


def upgrade() -> None:
    # New tables and one new index: no table that holds a shop's data is rebuilt.
    op.create_index(
        "ix_product_low_stock", "product", ["name", "id"],
        sqlite_where=sa.text("active = 1 AND stock <= reorder_level"),
        postgresql_where=sa.text("active AND stock <= reorder_level"),
    )  # fmt: skip
    op.create_table(
        "supplier",
        *_id("supplier"),
        sa.Column("name", TEXT(length=120), nullable=False),
        sa.Column("phone", TEXT(length=30), nullable=False),
        sa.Column("address", TEXT(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("name", name=op.f("uq_supplier_name")),
    )
    op.create_table(
        "packunit",
        *_id("packunit"),
        *_ref("packunit", "product_id", "product"),
        sa.Column("name", TEXT(length=20), nullable=False),
        sa.Column("factor", QTY(), nullable=False),
        sa.UniqueConstraint("product_id", "name", name=op.f("uq_packunit_product_id")),
    )
    _indexes("packunit", "product_id")
    op.create_table(
        "goodsreceipt",
        *_id("goodsreceipt"),
        *_number("goodsreceipt"),
        *_ref("goodsreceipt", "supplier_id", "supplier"),
        sa.Column("reference", TEXT(length=60), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        *_stamp(),
        sa.Column("total", sa.Integer(), nullable=False),
    )
    _indexes("goodsreceipt", "business_date", "supplier_id")
    op.create_table(
        "goodsreceiptline",
        *_id("goodsreceiptline"),
        *_ref("goodsreceiptline", "receipt_id", "goodsreceipt"),
        sa.Column("line_no", sa.Integer(), nullable=False),
        *_ref("goodsreceiptline", "product_id", "product"),
        sa.Column("pack", TEXT(length=20), nullable=False),
        sa.Column("pack_qty", QTY(), nullable=False),
        sa.Column("factor", QTY(), nullable=False),
        sa.Column("qty", QTY(), nullable=False),
        sa.Column("unit_cost", sa.Integer(), nullable=False),
        sa.Column("line_total", sa.Integer(), nullable=False),
        sa.Column("cost_before", sa.Integer(), nullable=False),
        sa.Column("cost_after", sa.Integer(), nullable=False),
        sa.UniqueConstraint("receipt_id", "line_no", name=op.f("uq_goodsreceiptline_receipt_id")),
    )
    _indexes("goodsreceiptline", "product_id", "receipt_id")
    op.create_table(
        "pricechange",
        *_id("pricechange"),
        *_ref("pricechange", "product_id", "product"),
        sa.Column("changed_at", AT(), nullable=False),
        sa.Column("changed_by", TEXT(length=60), nullable=False),
        sa.Column("old_price", sa.Integer(), nullable=False),
        sa.Column("new_price", sa.Integer(), nullable=False),
        sa.Column("old_member_price", sa.Integer(), nullable=True),
        sa.Column("new_member_price", sa.Integer(), nullable=True),
    )
    _indexes("pricechange", "product_id")
    op.create_table(
        "repack",
        *_id("repack"),
        *_number("repack"),
        *_ref("repack", "source_id", "product"),
        sa.Column("source_qty", QTY(), nullable=False),
        *_ref("repack", "target_id", "product"),
        sa.Column("per_source", QTY(), nullable=False),
        sa.Column("expected", QTY(), nullable=False),
        sa.Column("produced", QTY(), nullable=False),
        sa.Column("shrinkage", QTY(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        *_stamp(),
        sa.Column("note", TEXT(length=200), nullable=False),
    )
    _indexes("repack", "source_id", "target_id")
    op.create_table(
        "writeoff",
        *_id("writeoff"),
        *_number("writeoff"),
        *_ref("writeoff", "product_id", "product"),
        sa.Column("qty", QTY(), nullable=False),
        sa.Column("cost", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("reason", TEXT(length=200), nullable=False),
        *_stamp(),
    )
    _indexes("writeoff", "product_id")
    op.create_table(
        "stockcount",
        *_id("stockcount"),
        *_number("stockcount"),
        sa.Column("scope", TEXT(length=80), nullable=False),
        sa.Column("reason", TEXT(length=200), nullable=False),
        *_stamp(),
        sa.Column("value", sa.Integer(), nullable=False),
    )
    op.create_table(
        "stockcountline",
        *_id("stockcountline"),
        *_ref("stockcountline", "count_id", "stockcount"),
        *_ref("stockcountline", "product_id", "product"),
        sa.Column("expected", QTY(), nullable=False),
        sa.Column("counted", QTY(), nullable=False),
        sa.Column("difference", QTY(), nullable=False),
        sa.Column("cost", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.UniqueConstraint("count_id", "product_id", name=op.f("uq_stockcountline_count_id")),
    )
    _indexes("stockcountline", "count_id", "product_id")


TABLES = {  # newest first, each with its indexed columns
    "stockcountline": ("count_id", "product_id"),
    "stockcount": (),
    "writeoff": ("product_id",),
    "repack": ("source_id", "target_id"),
    "pricechange": ("product_id",),
    "goodsreceiptline": ("product_id", "receipt_id"),
    "goodsreceipt": ("business_date", "supplier_id"),
    "packunit": ("product_id",),
    "supplier": (),
}


def downgrade() -> None:
    for table, columns in TABLES.items():
        for column in columns:
            op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
        op.drop_table(table)
    op.drop_index("ix_product_low_stock", table_name="product")
