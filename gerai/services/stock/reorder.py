"""What to order (issue 17, first part): a suggested quantity per product from its average
daily sales over a window, the lead time and a safety stock in days, what is on hand and on
order, rounded up to the pack the product was last received in; grouped by the supplier that
last delivered it.

    average  = net units sold in the window / window days (every weekday weighs the same)
    target   = average * (lead days + safety days)
    need     = target - stock - on order
    suggest  = need rounded UP to a whole number of packs (nothing when need <= 0)

Net units sold = sales minus retur and voided sales in the window (ledger kinds SALE, RETURN,
VOID). The pack is that of the product's newest goods-receipt line (karton of 40 -> multiples
of 40), else one selling unit. On order is what open and partly received purchase orders
still wait for (ordered less received, `purchase_orders.on_order`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlmodel import Session, col

from gerai.core.errors import GeraiError
from gerai.core.quantity import normalize
from gerai.core.words import MovementKind
from gerai.models import GoodsReceipt, GoodsReceiptLine, Product, StockMovement, Supplier
from gerai.services.stock.purchase_orders import on_order as waiting_for

DEFAULT_WINDOW_DAYS = 28
DEFAULT_LEAD_DAYS = 3
DEFAULT_SAFETY_DAYS = 2
_SOLD_KINDS = (MovementKind.SALE, MovementKind.RETURN, MovementKind.VOID)
_AVERAGE_PLACES = Decimal("0.001")

REORDER_COLUMNS = [
    "supplier",
    "code",
    "name",
    "unit",
    "sold",
    "daily_average",
    "stock",
    "on_order",
    "need",
    "pack",
    "pack_factor",
    "packs",
    "suggested",
]


@dataclass(frozen=True)
class Suggestion:
    """One product to order."""

    supplier: str  # "" when no goods receipt names one
    code: str
    name: str
    unit: str
    sold: Decimal
    daily_average: Decimal
    stock: Decimal
    on_order: Decimal
    need: Decimal
    pack: str
    pack_factor: Decimal
    packs: Decimal
    suggested: Decimal

    def row(self) -> dict[str, object]:
        """The export row: quantities as plain decimal text (`80`, `2.607`), as JSON holds
        them without loss."""
        values = {column: getattr(self, column) for column in REORDER_COLUMNS}
        return {
            k: format(normalize(v), "f") if isinstance(v, Decimal) else v for k, v in values.items()
        }


def reorder_suggestions(
    session: Session,
    *,
    until: datetime,
    window_days: int = DEFAULT_WINDOW_DAYS,
    lead_days: int = DEFAULT_LEAD_DAYS,
    safety_days: int = DEFAULT_SAFETY_DAYS,
) -> list[Suggestion]:
    """The active products worth ordering now, by supplier then code; sales counted in
    [until - window_days, until)."""
    if window_days < 1 or window_days > 366:
        raise GeraiError("reorder.bad_window", value=window_days)
    if lead_days < 0 or safety_days < 0 or lead_days > 366 or safety_days > 366:
        raise GeraiError("reorder.bad_days", lead=lead_days, safety=safety_days)
    since = until - timedelta(days=window_days)
    sold_rows = session.execute(
        select(col(StockMovement.product_id), func.sum(col(StockMovement.qty)))
        .where(
            col(StockMovement.kind).in_([str(k) for k in _SOLD_KINDS]),
            col(StockMovement.created_at) >= since,
            col(StockMovement.created_at) < until,
        )
        .group_by(col(StockMovement.product_id))
    ).all()
    sold = {pid: -Decimal(total) for pid, total in sold_rows if total is not None}
    if not sold:
        return []
    products = session.scalars(
        select(Product).where(col(Product.id).in_(list(sold)), col(Product.active))
    ).all()
    ids = [p.id for p in products if p.id is not None]
    last_lines = _last_received(session, ids)
    ordered = waiting_for(session, ids)
    days = Decimal(lead_days + safety_days)
    found: list[Suggestion] = []
    for p in products:
        assert p.id is not None
        net = sold[p.id]
        if net <= 0:
            continue
        average = net / Decimal(window_days)
        on_order = ordered.get(p.id, Decimal(0))
        need = average * days - p.stock - on_order
        if need <= 0:
            continue
        supplier, pack, factor = last_lines.get(p.id, ("", "", Decimal(1)))
        if factor <= 0:
            factor = Decimal(1)
        packs = packs_for(need, factor)
        found.append(
            Suggestion(
                supplier=supplier,
                code=p.code,
                name=p.name,
                unit=p.unit,
                sold=net,
                daily_average=average.quantize(_AVERAGE_PLACES, rounding=ROUND_HALF_UP),
                stock=p.stock,
                on_order=on_order,
                need=need.quantize(_AVERAGE_PLACES, rounding=ROUND_CEILING),
                pack=pack,
                pack_factor=factor,
                packs=packs,
                suggested=packs * factor,
            )
        )
    found.sort(key=lambda s: (s.supplier == "", s.supplier, s.code))
    return found


def packs_for(need: Decimal, factor: Decimal) -> Decimal:
    """The fewest whole packs of `factor` units that cover `need` (> 0)."""
    return (need / factor).to_integral_value(rounding=ROUND_CEILING)


def _last_received(session: Session, product_ids: list[int]) -> dict[int, tuple[str, str, Decimal]]:
    """Per product: the supplier, pack name and factor of its newest goods-receipt line."""
    if not product_ids:
        return {}
    newest = (
        select(func.max(col(GoodsReceiptLine.id)))
        .where(col(GoodsReceiptLine.product_id).in_(product_ids))
        .group_by(col(GoodsReceiptLine.product_id))
    )
    rows = session.execute(
        select(
            col(GoodsReceiptLine.product_id),
            col(Supplier.name),
            col(GoodsReceiptLine.pack),
            col(GoodsReceiptLine.factor),
        )
        .join(GoodsReceipt, col(GoodsReceipt.id) == col(GoodsReceiptLine.receipt_id))
        .join(Supplier, col(Supplier.id) == col(GoodsReceipt.supplier_id))
        .where(col(GoodsReceiptLine.id).in_(newest))
    ).all()
    return {pid: (name, pack, Decimal(factor)) for pid, name, pack, factor in rows}
