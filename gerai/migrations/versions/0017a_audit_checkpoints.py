"""audit checkpoints: the points up to which `gerai audit verify` proved the audit trail, so a
later verify checks only what came since (issue 18)

Revision ID: 0017a
Revises: 0017s
Create Date: 2026-12-06 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import gerai.models

revision: str = "0017a"
down_revision: str | None = "0017s"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "auditcheckpoint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("from_start", sa.Boolean(), nullable=False),
        sa.Column("last_sale_id", sa.Integer(), nullable=False),
        sa.Column("created_at", gerai.models.UTCDateTime(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("record_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auditcheckpoint")),
        sa.UniqueConstraint("record_seq", name=op.f("uq_auditcheckpoint_record_seq")),
    )


def downgrade() -> None:
    op.drop_table("auditcheckpoint")
