"""print jobs

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 09:59:22.844555
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import gerai.models

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "printjob",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("till", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("receipt_no", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("created_at", gerai.models.UTCDateTime(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("printed_at", gerai.models.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_printjob")),
    )
    with op.batch_alter_table("printjob", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_printjob_receipt_no"), ["receipt_no"], unique=False)
        batch_op.create_index(batch_op.f("ix_printjob_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_printjob_till"), ["till"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("printjob", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_printjob_till"))
        batch_op.drop_index(batch_op.f("ix_printjob_status"))
        batch_op.drop_index(batch_op.f("ix_printjob_receipt_no"))
    op.drop_table("printjob")
