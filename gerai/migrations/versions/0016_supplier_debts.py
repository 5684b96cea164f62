"""supplier debts (hutang dagang): the terms of a goods receipt (paid now, or later by a due
date) and the payments to suppliers (issue 17)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 17:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import gerai.models

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "receiptterms",
        sa.Column("receipt_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("created_at", gerai.models.UTCDateTime(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["receipt_id"],
            ["goodsreceipt.id"],
            name=op.f("fk_receiptterms_receipt_id_goodsreceipt"),
        ),
        sa.PrimaryKeyConstraint("receipt_id", name=op.f("pk_receiptterms")),
    )
    with op.batch_alter_table("receiptterms", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_receiptterms_due_date"), ["due_date"])
    op.create_table(
        "supplierpayment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("receipt_id", sa.Integer(), nullable=True),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("method", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("reference", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("kas_entry_id", sa.Integer(), nullable=True),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("created_at", gerai.models.UTCDateTime(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["supplier_id"], ["supplier.id"], name=op.f("fk_supplierpayment_supplier_id_supplier")
        ),
        sa.ForeignKeyConstraint(
            ["receipt_id"],
            ["goodsreceipt.id"],
            name=op.f("fk_supplierpayment_receipt_id_goodsreceipt"),
        ),
        sa.ForeignKeyConstraint(
            ["kas_entry_id"],
            ["kasentry.id"],
            name=op.f("fk_supplierpayment_kas_entry_id_kasentry"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supplierpayment")),
        sa.UniqueConstraint("number", name=op.f("uq_supplierpayment_number")),
    )
    with op.batch_alter_table("supplierpayment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_supplierpayment_business_date"), ["business_date"])
        batch_op.create_index(batch_op.f("ix_supplierpayment_receipt_id"), ["receipt_id"])
        batch_op.create_index(batch_op.f("ix_supplierpayment_supplier_id"), ["supplier_id"])


def downgrade() -> None:
    op.drop_table("supplierpayment")
    op.drop_table("receiptterms")
