"""seal the rows of the tables that issue 19 covers: users, shifts, cash movements, member
payments and members, as they are when a shop upgrades (actor "gerai")

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 05:00:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime

from alembic import op
from sqlmodel import Session

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEALED_HERE = ("useraccount", "shift", "cashmovement", "memberpayment", "member")


def upgrade() -> None:
    from gerai.services.audit.seals import COVERED, seal_all

    now = datetime.now(UTC)
    session = Session(bind=op.get_bind())
    for entry in COVERED:
        if entry.name in SEALED_HERE:
            seal_all(session, entry.table, actor="gerai", at=now)
    session.flush()


def downgrade() -> None:
    """The seal records stay on the chain: it is append-only."""
