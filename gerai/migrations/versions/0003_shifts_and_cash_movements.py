"""shifts and cash movements

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 10:25:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import gerai.models

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT = sqlmodel.sql.sqltypes.AutoString
OPEN = sa.text("status = 'open'")


def upgrade() -> None:
    op.create_table(
        "shift",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("till", TEXT(length=10), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("opened_at", gerai.models.UTCDateTime(), nullable=False),
        sa.Column("opened_by", TEXT(length=60), nullable=False),
        sa.Column("opening_cash", sa.Integer(), nullable=False),
        sa.Column("status", TEXT(length=20), nullable=False),
        sa.Column("closed_at", gerai.models.UTCDateTime(), nullable=True),
        sa.Column("closed_by", TEXT(length=60), nullable=True),
        sa.Column("confirmed_by", TEXT(length=60), nullable=True),
        sa.Column("expected_cash", sa.Integer(), nullable=True),
        sa.Column("counted_cash", sa.Integer(), nullable=True),
        sa.Column("variance", sa.Integer(), nullable=True),
        sa.Column("variance_reason", TEXT(length=300), nullable=False),
        sa.Column("cash_count", TEXT(length=500), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shift")),
    )
    op.create_index(op.f("ix_shift_business_date"), "shift", ["business_date"])
    op.create_index(op.f("ix_shift_till"), "shift", ["till"])
    op.create_index(
        "uq_shift_open_till", "shift", ["till"], unique=True, sqlite_where=OPEN,
        postgresql_where=OPEN,
    )  # fmt: skip
    op.create_table(
        "cashmovement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=False),
        sa.Column("kind", TEXT(length=10), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("reason", TEXT(length=200), nullable=False),
        sa.Column("created_at", gerai.models.UTCDateTime(), nullable=False),
        sa.Column("created_by", TEXT(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["shift_id"], ["shift.id"], name=op.f("fk_cashmovement_shift_id_shift")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cashmovement")),
    )
    op.create_index(op.f("ix_cashmovement_shift_id"), "cashmovement", ["shift_id"])
    # A plain ADD COLUMN (no table rebuild), so a shop's sales stay where they are.
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE sale ADD COLUMN shift_id INTEGER REFERENCES shift (id)")
    else:
        op.add_column("sale", sa.Column("shift_id", sa.Integer(), nullable=True))
        op.create_foreign_key(op.f("fk_sale_shift_id_shift"), "sale", "shift", ["shift_id"], ["id"])
    op.create_index(op.f("ix_sale_shift_id"), "sale", ["shift_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_sale_shift_id"), table_name="sale")
    with op.batch_alter_table("sale") as batch_op:
        batch_op.drop_column("shift_id")
    op.drop_index(op.f("ix_cashmovement_shift_id"), table_name="cashmovement")
    op.drop_table("cashmovement")
    op.drop_index("uq_shift_open_till", table_name="shift")
    op.drop_index(op.f("ix_shift_till"), table_name="shift")
    op.drop_index(op.f("ix_shift_business_date"), table_name="shift")
    op.drop_table("shift")
