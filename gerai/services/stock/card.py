"""The stock card (kartu stok) of a product: every movement of its ledger in time order with
its date, kind, reference, quantity and the running balance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import and_, func, or_, select, type_coerce
from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.models import STOCK_MOVEMENT, Qty
from gerai.services.stock.catalog import ProductInfo, get_product

CARD_COLUMNS = ["date", "time", "kind", "ref", "note", "in", "out", "balance"]


@dataclass(frozen=True)
class CardLine:
    """One movement and the balance after it."""

    at: datetime
    kind: str
    ref: str
    note: str
    qty: Decimal
    balance: Decimal


@dataclass(frozen=True)
class StockCard:
    """The balance before the first line shown, the lines, and the balance after them."""

    product: ProductInfo
    opening: Decimal
    lines: list[CardLine]

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
    columns = (m.id, m.created_at, m.kind, m.ref, m.note, m.qty)
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
    lines, balance = [], opening
    for row in rows:
        balance += row.qty
        lines.append(CardLine(row.created_at, row.kind, row.ref, row.note, row.qty, balance))
    return StockCard(product, opening, lines)
