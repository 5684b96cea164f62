"""seal the rows issue 19 covers next: products, categories, barcodes, pack units, price
changes, shop settings, goods receipts and their lines, repacks, write-offs, counts and their
lines, voids, returns and their lines, as they are when a shop upgrades (actor "gerai")

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 08:00:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime

from alembic import op
from sqlmodel import Session

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEALED_HERE = (
    "product", "category", "barcode", "packunit", "pricechange", "shopsetting", "goodsreceipt",
    "goodsreceiptline", "repack", "writeoff", "stockcount", "stockcountline", "salevoid",
    "salereturn", "salereturnline",
)  # fmt: skip


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
