"""kas bendahara: the bendahara's own cash book (setoran from the drawers at their close, bank
deposits, expenses by category)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import gerai.models

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "kasentry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=True),
        sa.Column("till", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("created_at", gerai.models.UTCDateTime(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["shift_id"], ["shift.id"], name=op.f("fk_kasentry_shift_id_shift")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kasentry")),
    )
    with op.batch_alter_table("kasentry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_kasentry_business_date"), ["business_date"])
        batch_op.create_index(batch_op.f("ix_kasentry_shift_id"), ["shift_id"])


def downgrade() -> None:
    with op.batch_alter_table("kasentry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_kasentry_shift_id"))
        batch_op.drop_index(batch_op.f("ix_kasentry_business_date"))
    op.drop_table("kasentry")
