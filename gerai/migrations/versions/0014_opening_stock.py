"""opening stock (stok awal) as its own document: the `openingstock` table (series `SA`); its
ledger movements are of kind `opening` (issue 13). The opening stock booked before (as import
adjustments, ref `STOK-AWAL`) stays as it was.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 16:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import gerai.models

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "openingstock",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("created_at", gerai.models.UTCDateTime(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("products", sa.Integer(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_openingstock")),
        sa.UniqueConstraint("number", name=op.f("uq_openingstock_number")),
    )


def downgrade() -> None:
    op.drop_table("openingstock")
