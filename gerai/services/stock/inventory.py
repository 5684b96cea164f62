"""What the stock documents share (barang masuk, pecah karung, stok opname, write-offs): their
numbers, the moving-average cost (HPP), values at cost, reading what a person typed as a
quantity, an amount or a reason, and the products at or below their reorder level."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, select, update
from sqlmodel import Session, SQLModel

from gerai.core.errors import GeraiError
from gerai.core.money import parse_rupiah, round_rupiah
from gerai.core.quantity import is_whole, parse_quantity
from gerai.core.text import check_text
from gerai.core.words import DocumentSeries
from gerai.models import PRODUCT, table_of
from gerai.services.audit.seals import seal
from gerai.services.importing import cell_text
from gerai.services.stock.catalog import (
    ProductFilter,
    ProductInfo,
    find_by_code,
    get_product,
    product_page,
)

# the terms of the partial index `ix_product_low_stock` (`active = 1` on SQLite), so it is used
LOW_STOCK = and_(PRODUCT.c.active, PRODUCT.c.stock <= PRODUCT.c.reorder_level)


def next_number(session: Session, model: type[SQLModel], prefix: DocumentSeries, day: date) -> str:
    """The next document number of the day, e.g. `BM-20251130-003` (the write transaction
    holds the database, and `number` is unique, so two tills never share one)."""
    table = table_of(model)
    stem = f"{prefix}-{day:%Y%m%d}-"
    taken = session.execute(
        select(func.count()).select_from(table).where(table.c.number.startswith(stem))
    ).scalar_one()
    return f"{stem}{taken + 1:03d}"


def moving_average(stock: Decimal, cost: int, qty_in: Decimal, value_in: int) -> int:
    """The HPP after `qty_in` units worth `value_in` Rupiah join `stock` units at `cost`,
    rounded half up. Stock at or below zero carries no value, so the new goods set the cost."""
    held = max(stock, Decimal(0))
    return round_rupiah((held * cost + value_in) / (held + qty_in))


def value_at(qty: Decimal, cost: int) -> int:
    """What `qty` is worth at `cost` a unit, rounded half up to the Rupiah."""
    return round_rupiah(qty * cost)


def set_costs(session: Session, costs: dict[int, int], at: datetime, *, by: str) -> None:
    """Store products' new HPP (product id → cost), sealed."""
    for product_id, cost in costs.items():
        session.connection().execute(
            update(PRODUCT).where(PRODUCT.c.id == product_id).values(cost=cost, updated_at=at)
        )
    seal(session, PRODUCT, costs, actor=by, at=at)


def product_for(session: Session, code: str) -> ProductInfo:
    """The product `code` (code or barcode) names, active or not; refused when none does."""
    product = find_by_code(session, code, include_inactive=True)
    if product is None:
        raise GeraiError("stockadm.unknown_code", code=code.strip())
    return product


def fresh(session: Session, product: ProductInfo) -> ProductInfo:
    """The product as it is now, inside the caller's transaction."""
    now = get_product(session, product.id)
    assert now is not None  # products are never deleted
    return now


def _number(value: Any) -> Decimal:
    raw = cell_text(value)
    if not raw:
        raise GeraiError("stockadm.qty_required")
    try:
        return parse_quantity(raw)
    except ValueError as exc:
        raise GeraiError("stockadm.bad_qty", value=raw) from exc


def quantity(value: Any, product: ProductInfo | None, allow_zero: bool = False) -> Decimal:
    """A quantity as typed (`12`, `1,5`, a Decimal): more than zero (or zero when allowed),
    and whole when it is of a `product` sold by the piece."""
    qty = _number(value)
    if qty < 0 or (qty == 0 and not allow_zero):
        key = "stockadm.qty_not_negative" if allow_zero else "stockadm.qty_positive"
        raise GeraiError(key, value=cell_text(value))
    if product is not None:
        whole(qty, product)
    return qty


def whole(qty: Decimal, product: ProductInfo) -> None:
    """Refuse a fraction of a product sold by the piece."""
    if not product.sold_by_weight and not is_whole(qty):
        raise GeraiError("cart.fraction_piece", name=product.name, unit=product.unit)


def factor(value: Any) -> Decimal:
    """A conversion factor (selling units in one pack): more than zero."""
    try:
        size = _number(value)
    except GeraiError as exc:
        raise GeraiError("stockadm.bad_factor", value=cell_text(value)) from exc
    if size <= 0:
        raise GeraiError("stockadm.bad_factor", value=cell_text(value))
    return size


def amount(value: Any) -> int:
    """A Rupiah amount as typed (`12500`, `Rp12.500`): a whole, non-negative number."""
    raw = cell_text(value)
    try:
        return parse_rupiah(raw)
    except ValueError as exc:
        raise GeraiError("stockadm.bad_money", value=raw) from exc


def reason(text: str, key: str = "stockadm.reason_required") -> str:
    """A reason, required, at most 200 characters, without control characters."""
    cleaned = check_text(" ".join(text.split()))
    if not cleaned:
        raise GeraiError(key)
    if len(cleaned) > 200:
        raise GeraiError("stockadm.too_long", limit=200)
    return cleaned


def low_stock_count(session: Session) -> int:
    """How many active products are at or below their reorder level."""
    return session.connection().execute(select(func.count()).where(LOW_STOCK)).scalar_one()


def low_stock(session: Session) -> list[ProductInfo]:
    """The active products at or below their reorder level, by name."""
    return product_page(session, ProductFilter(low_stock=True), limit=None)
