"""manual discounts, price overrides and cash rounding at the till (issue 14): the sale's
cash rounding and who allowed its discount; each line's manual discount, its share of the
sale's discount, whether its price was overridden and who allowed it. Existing sales get 0,
false and "" (none of these existed)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Plain ADD COLUMNs with constant defaults: SQLite adds them in place, no table (and no
    year of sale lines) is rebuilt."""
    op.add_column("sale", sa.Column("rounding", sa.Integer(), nullable=False, server_default="0"))
    op.add_column(
        "sale",
        sa.Column(
            "approved_by",
            sqlmodel.sql.sqltypes.AutoString(length=60),
            nullable=False,
            server_default="",
        ),
    )
    for name in ("manual_discount", "discount_share"):
        op.add_column("saleline", sa.Column(name, sa.Integer(), nullable=False, server_default="0"))
    op.add_column(
        "saleline",
        sa.Column("price_overridden", sa.Boolean(), nullable=False, server_default="0"),
    )
    op.add_column(
        "saleline",
        sa.Column(
            "approved_by",
            sqlmodel.sql.sqltypes.AutoString(length=120),
            nullable=False,
            server_default="",
        ),
    )


def downgrade() -> None:
    with op.batch_alter_table("saleline", schema=None) as batch_op:
        for name in ("approved_by", "price_overridden", "discount_share", "manual_discount"):
            batch_op.drop_column(name)
    with op.batch_alter_table("sale", schema=None) as batch_op:
        batch_op.drop_column("approved_by")
        batch_op.drop_column("rounding")
