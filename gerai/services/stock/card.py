"""The stock card (kartu stok) of a product: every movement of its ledger in time order with
its date, kind, reference, quantity and the running balance; for a dated product, the batches
(expiry date and code) each movement went into or out of, read from the batch ledger."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, or_, select, type_coerce
from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.models import BATCH_MOVEMENT, STOCK_BATCH, STOCK_MOVEMENT, Qty
from gerai.services.stock.batches import is_dated
from gerai.services.stock.catalog import ProductInfo, get_product

CARD_COLUMNS = ["date", "time", "kind", "ref", "note", "in", "out", "balance"]
DATED_COLUMNS = [*CARD_COLUMNS[:5], "batch", *CARD_COLUMNS[5:]]  # a dated product's card


@dataclass(frozen=True)
class CardBatch:
    """The part of a movement that went into or out of one batch."""

    expiry: date | None
    code: str
    qty: Decimal


@dataclass(frozen=True)
class CardLine:
    """One movement and the balance after it (and, for a dated product, its batches)."""

    at: datetime
    kind: str
    ref: str
    note: str
    qty: Decimal
    balance: Decimal
    batches: tuple[CardBatch, ...] = ()


@dataclass(frozen=True)
class StockCard:
    """The balance before the first line shown, the lines, and the balance after them."""

    product: ProductInfo
    opening: Decimal
    lines: list[CardLine]
    dated: bool = False

    @property
    def columns(self) -> list[str]:
        """The card's columns: a dated product's has the batch after the note."""
        return DATED_COLUMNS if self.dated else CARD_COLUMNS

    @property
    def closing(self) -> Decimal:
        """The balance after the last line (the ledger's sum)."""
        return self.lines[-1].balance if self.lines else self.opening


_ORDER = (STOCK_MOVEMENT.c.created_at, STOCK_MOVEMENT.c.id)


def stock_card(session: Session, product_id: int, last: int | None = None) -> StockCard:
    """The product's card: every movement, or only the `last` ones after an opening balance
    that sums the earlier ones."""
    product = get_product(session, product_id)
    if product is None:
        raise GeraiError("stock.no_product", id=product_id)
    m = STOCK_MOVEMENT.c
    columns = (m.id, m.created_at, m.kind, m.ref, m.note, m.qty, m.sale_id)
    mine = m.product_id == product_id
    connection = session.connection()
    if last is None:
        rows = connection.execute(select(*columns).where(mine).order_by(*_ORDER)).all()
    else:
        newest = select(*columns).where(mine).order_by(*(c.desc() for c in _ORDER)).limit(last)
        rows = connection.execute(newest).all()[::-1]
    opening = Decimal(0)
    if last is not None and rows:
        first_id, first_at = rows[0].id, rows[0].created_at
        earlier = or_(m.created_at < first_at, and_(m.created_at == first_at, m.id < first_id))
        total = type_coerce(func.coalesce(func.sum(m.qty), 0), Qty())
        opening = connection.execute(select(total).where(mine, earlier)).scalar_one()
    dated = is_dated(session, product_id)
    parts = _batch_parts(session, product_id, rows) if dated and rows else {}
    lines, balance = [], opening
    for row in rows:
        balance += row.qty
        lines.append(
            CardLine(
                row.created_at, row.kind, row.ref, row.note, row.qty, balance, parts.get(row.id, ())
            )
        )
    return StockCard(product, opening, lines, dated)


def _batch_parts(
    session: Session, product_id: int, rows: Sequence[Any]
) -> dict[int, tuple[CardBatch, ...]]:
    """Movement id → its batch parts. The batch ledger's rows of one write share the stock
    movement's time, kind, reference and sale and follow its movements' order, each
    movement's parts adding up to it: a write of one movement takes all its parts, one of
    several gives each movement parts in turn until they add up to it."""
    b, sb = BATCH_MOVEMENT.c, STOCK_BATCH.c
    found = session.connection().execute(
        select(b.created_at, b.kind, b.ref, b.sale_id, b.qty, sb.expiry, sb.code)
        .join(STOCK_BATCH, sb.id == b.batch_id)
        .where(sb.product_id == product_id, b.created_at >= rows[0].created_at)
        .order_by(b.id)
    )
    queues: dict[tuple[Any, ...], deque[CardBatch]] = defaultdict(deque)
    for at, kind, ref, sale_id, qty, expiry, code in found:
        queues[(at, kind, ref, sale_id)].append(CardBatch(expiry, code, qty))
    movements: dict[tuple[Any, ...], list[Any]] = defaultdict(list)
    for row in rows:
        movements[(row.created_at, row.kind, row.ref, row.sale_id)].append(row)
    parts: dict[int, tuple[CardBatch, ...]] = {}
    for key, group in movements.items():
        queue = queues.get(key, deque())
        for row in group:
            if len(group) == 1:
                taken = list(queue)
            else:
                taken, total = [], Decimal(0)
                while queue and (not taken or total != row.qty):
                    taken.append(queue.popleft())
                    total += taken[-1].qty
            parts[row.id] = tuple(taken)
    return parts
