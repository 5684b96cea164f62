"""sale token: each sale carries its cart's client-made UUID under a unique index, so a
retry after a lost COMMIT finds the stored sale instead of making a second (issue 19). Sales
made before have none.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "sale", sa.Column("token", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True)
    )
    op.create_index(op.f("ix_sale_token"), "sale", ["token"], unique=True)


def downgrade() -> None:
    op.drop_index(op.f("ix_sale_token"), table_name="sale")
    with op.batch_alter_table("sale", schema=None) as batch_op:
        batch_op.drop_column("token")
