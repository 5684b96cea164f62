"""The daily summary of SPEC §6, computed from the ledger for one business day (local midnight
to midnight in the shop's time zone): the sales figures, the shifts and their cash, the
payment methods, categories, top items, sales by hour, voids and returns, margin from cost
(HPP) and the items at or below their reorder level. Only completed sales count in the sales
figures. Every figure comes from a few indexed queries by business date or sale id."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import BigInteger, case, func, select, type_coerce
from sqlmodel import Session, col

from gerai.core.quantity import SCALE, from_milli
from gerai.core.words import PaymentMethod, SaleStatus, ShiftStatus
from gerai.models import (
    PAYMENT,
    PRODUCT,
    SALE,
    SALE_LINE,
    SALE_RETURN,
    SALE_RETURN_LINE,
    SALE_VOID,
    CashMovement,
)
from gerai.services.cash.kas import setoran_by_shift
from gerai.services.cash.shifts import cash_position, return_rounding, shifts_of_day
from gerai.services.shop.profile import ShopProfile

TOP_ITEMS = 10
HOURS = 24


@dataclass(frozen=True)
class BuyerGroup:
    """Sales to members or to non-members."""

    count: int
    net: int


@dataclass(frozen=True)
class CashMove:
    """Cash put into (`in`) or taken out of (`out`) a till during a shift."""

    time: datetime
    kind: str
    amount: int
    reason: str
    by: str


@dataclass(frozen=True)
class ShiftReport:
    """One shift's cash: expected = opening + cash sales + cash in − cash out − refunds +
    member cash in (savings deposits, kasbon repayments) − member cash out (sukarela
    withdrawals) + rounding. The counted cash and the variance are None while the shift is
    open; `setoran` (taken to the kas bendahara at the close) and `stayed` (counted − setoran:
    the next opening cash) are None unless the close recorded a setoran."""

    id: int
    till: str
    status: str
    opened_at: datetime
    opened_by: str
    opening_cash: int
    cash_sales: int
    cash_in: int
    cash_out: int
    refunds: int
    member_cash_in: int
    member_cash_out: int
    rounding: int  # the cash rounding of the shift's sales (cash_sales is before it)
    returns_rounding: int  # the cash rounding in `refunds` (the goods: refunds − it)
    expected_cash: int
    counted_cash: int | None
    variance: int | None
    variance_reason: str
    setoran: int | None
    stayed: int | None
    closed_at: datetime | None
    closed_by: str | None
    later_sales: int  # the shift's sales on a later business day (it ran past the day's end)
    confirmed_by: str | None
    movements: tuple[CashMove, ...]


@dataclass(frozen=True)
class CategorySales:
    """A category's line totals (`net`), its lines' shares of the discounts on whole sales,
    what the day's returs refunded of its goods and the HPP of those back on the shelf, its
    HPP and its gross margin net of returns: net − sale_discount − returns − (cost −
    returns_cost)."""

    name: str
    net: int
    sale_discount: int
    returns: int
    cost: int
    returns_cost: int
    margin: int


@dataclass(frozen=True)
class ItemSales:
    """One product's quantity sold and line totals."""

    code: str
    name: str
    unit: str
    qty: Decimal
    net: int


@dataclass(frozen=True)
class HourSales:
    """The completed sales made in one local hour (`hour` 0..23)."""

    hour: int
    count: int
    net: int


@dataclass(frozen=True)
class Correction:
    """A voided sale or a retur. `receipt_no` is the sale's, `number` the retur's own (None for
    a void); `till` and `time` are where and when the correction was made; `cashier` sold the
    sale, `by` made the correction and `approved_by` answered for it; `total` is the voided
    sale's total or the retur's refund, `refund_method` how a retur was refunded (None for a
    void)."""

    receipt_no: str
    number: str | None
    till: str
    time: datetime
    cashier: str
    by: str
    approved_by: str
    total: int
    refund_method: str | None
    reason: str


@dataclass(frozen=True)
class LowStock:
    """A product whose stock is at or below its reorder level."""

    code: str
    name: str
    unit: str
    stock: Decimal
    reorder_level: Decimal


@dataclass(frozen=True)
class NonCashPayment:
    """A QRIS or transfer payment of a completed sale, with its reference (issue 17), for
    matching against the bank statement or the merchant app."""

    receipt_no: str
    till: str
    time: datetime
    method: str
    amount: int
    reference: str | None


@dataclass(frozen=True)
class DailySummary:
    """One day's figures. `as_dict()` is the stable JSON form documented in the README.

    `categories[].net` are line totals (after their own manual discounts), before any
    discount on a whole sale, so Σ categories.net − sale_discount + rounding = net;
    `manual_discount` is every manual discount of the day (lines' price overrides and
    discounts, and discounts on whole sales; issue 14), `rounding` the cash rounding
    (pembulatan) in the sales' totals; `cost` is the HPP of the day's completed sales.
    `returns_total` is what the day's returs refunded (of sales of any day), with
    `returns_rounding` the cash rounding of their cash refunds in it (what the goods were
    worth is returns_total − returns_rounding), `net_after_returns` = net − returns_total,
    and `returns_cost` the HPP of the goods those returs brought back to the shelf (at their
    cost when sold; not the damaged ones). The gross margin (laba kotor) is net of returns:
    `margin` = net_after_returns − (cost − returns_cost), `margin_percent` of
    net_after_returns. A category's margin is net of its share of the sale discounts and of
    its returns, so Σ categories.margin + rounding − returns_rounding = margin. Times are
    local to the shop."""

    date: date
    timezone: str
    sales_count: int
    gross: int
    member_discount: int
    manual_discount: int
    net: int
    sale_discount: int
    rounding: int
    returns_total: int
    returns_rounding: int
    net_after_returns: int
    average_basket: int
    payments: dict[str, int]
    member: BuyerGroup
    non_member: BuyerGroup
    cost: int
    returns_cost: int
    margin: int
    margin_percent: Decimal | None
    shifts: tuple[ShiftReport, ...]
    categories: tuple[CategorySales, ...]
    top_items: tuple[ItemSales, ...]
    by_hour: tuple[HourSales, ...]
    voids: tuple[Correction, ...]
    returns: tuple[Correction, ...]
    low_stock: tuple[LowStock, ...]
    noncash: tuple[NonCashPayment, ...] = ()  # issue 17: QRIS and transfer payments

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: dates `YYYY-MM-DD`, times ISO 8601 with the local offset, money
        as int Rupiah, quantities and the margin percent as exact decimal strings."""
        result: dict[str, Any] = _jsonable(asdict(self))
        return result


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _jsonable(inner) for key, inner in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(inner) for inner in value]
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return value


def daily_summary(session: Session, day: date, shop: ShopProfile) -> DailySummary:
    """The summary of business day `day` in the shop's time zone."""
    zone = shop.zone
    sales = session.execute(
        select(
            SALE.c.receipt_no,
            SALE.c.till,
            SALE.c.created_at,
            SALE.c.cashier,
            SALE.c.member_id,
            SALE.c.gross,
            SALE.c.member_discount,
            SALE.c.manual_discount,
            SALE.c.total,
            SALE.c.status,
            SALE.c.rounding,
        )
        .where(SALE.c.business_date == day)
        .order_by(SALE.c.id)
    ).all()
    completed = [s for s in sales if s.status == SaleStatus.COMPLETED]
    count, net = len(completed), sum(s.total for s in completed)
    members = [s for s in completed if s.member_id is not None]
    member_net = sum(s.total for s in members)
    categories, items = _lines(session, day)
    cost = sum(c.cost for c in categories)
    sale_discount = sum(s.manual_discount for s in completed)
    returns = _returns(session, day, zone)
    returned = sum(r.total for r in returns)
    returns_cost = sum(c.returns_cost for c in categories)
    margin = net - returned - (cost - returns_cost)
    return DailySummary(
        date=day,
        timezone=shop.timezone,
        sales_count=count,
        gross=sum(s.gross for s in completed),
        member_discount=sum(s.member_discount for s in completed),
        manual_discount=sale_discount + _line_discounts(session, day),
        net=net,
        sale_discount=sale_discount,
        rounding=sum(s.rounding for s in completed),
        returns_total=returned,
        returns_rounding=_returns_rounding(session, day),
        net_after_returns=net - returned,
        average_basket=net // count if count else 0,
        payments=_payments(session, day),
        member=BuyerGroup(len(members), member_net),
        non_member=BuyerGroup(count - len(members), net - member_net),
        cost=cost,
        returns_cost=returns_cost,
        margin=margin,
        margin_percent=_percent(margin, net - returned),
        shifts=_shifts(session, day, zone),
        categories=categories,
        top_items=items,
        by_hour=_by_hour(completed, zone),
        voids=_voids(session, day, zone),
        returns=returns,
        low_stock=_low_stock(session),
        noncash=_noncash(session, day, zone),
    )


def _percent(part: int, whole: int) -> Decimal | None:
    """`part` as a percentage of `whole`, one decimal, rounded half up; None when whole is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _day_completed(day: date) -> tuple[Any, ...]:
    return SALE.c.business_date == day, SALE.c.status == SaleStatus.COMPLETED


def _line_discounts(session: Session, day: date) -> int:
    """What the day's price overrides and line discounts took off (negative: priced up)."""
    return int(
        session.execute(
            select(func.coalesce(func.sum(SALE_LINE.c.manual_discount), 0))
            .join(SALE, SALE.c.id == SALE_LINE.c.sale_id)
            .where(*_day_completed(day))
        ).scalar_one()
    )


def _payments(session: Session, day: date) -> dict[str, int]:
    payments: dict[str, int] = dict.fromkeys(PaymentMethod, 0)
    for method, amount in session.execute(
        select(PAYMENT.c.method, func.sum(PAYMENT.c.amount))
        .join(SALE, SALE.c.id == PAYMENT.c.sale_id)
        .where(*_day_completed(day))
        .group_by(PAYMENT.c.method)
    ):
        payments[method] = int(amount)
    return payments


def _lines(session: Session, day: date) -> tuple[tuple[CategorySales, ...], tuple[ItemSales, ...]]:
    """Sales by category (net, shares of sale discounts, returns, HPP, margin) and the top
    items, from one grouped query of the day's sale lines and one of its retur lines. The HPP
    of a line is its quantity × its unit cost at the time of sale, rounded half up."""
    qty = type_coerce(SALE_LINE.c.qty, BigInteger)  # integer thousandths, summed exactly
    line_cost = (qty * SALE_LINE.c.cost + SCALE // 2) // SCALE
    rows = session.execute(
        select(
            SALE_LINE.c.category,
            SALE_LINE.c.product_id,
            func.max(SALE_LINE.c.code),
            func.max(SALE_LINE.c.name),
            func.max(SALE_LINE.c.unit),
            func.sum(qty),
            func.sum(SALE_LINE.c.line_total),
            func.sum(line_cost),
            func.sum(SALE_LINE.c.discount_share),
        )
        .join(SALE, SALE.c.id == SALE_LINE.c.sale_id)
        .where(*_day_completed(day))
        .group_by(SALE_LINE.c.category, SALE_LINE.c.product_id)
    ).all()
    by_category: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    by_product: dict[int, list[Any]] = {}
    for category, product_id, code, name, unit, milli, net, cost, share in rows:
        sums = by_category[category]
        sums[0] += int(net)
        sums[1] += int(share)
        sums[3] += int(cost)
        item = by_product.setdefault(product_id, [code, name, unit, 0, 0])
        item[3] += int(milli)
        item[4] += int(net)
    for category, refunded, cost_back in _returns_by_category(session, day):
        by_category[category][2] += refunded
        by_category[category][4] += cost_back
    categories = sorted(
        (
            CategorySales(
                name, net, share, back, cost, cost_back, net - share - back - (cost - cost_back)
            )
            for name, (net, share, back, cost, cost_back) in by_category.items()
        ),
        key=lambda c: (-c.net, c.name),
    )
    top = sorted(by_product.values(), key=lambda i: (-i[4], -i[3], i[0]))[:TOP_ITEMS]
    items = [
        ItemSales(code, name, unit, from_milli(milli), net) for code, name, unit, milli, net in top
    ]
    return tuple(categories), tuple(items)


def _by_hour(completed: list[Any], zone: ZoneInfo) -> tuple[HourSales, ...]:
    counts, nets = [0] * HOURS, [0] * HOURS
    for sale in completed:
        hour = sale.created_at.astimezone(zone).hour
        counts[hour] += 1
        nets[hour] += sale.total
    return tuple(HourSales(h, counts[h], nets[h]) for h in range(HOURS))


def _shifts(session: Session, day: date, zone: ZoneInfo) -> tuple[ShiftReport, ...]:
    """The shifts opened on `day` (every till), with their cash figures and movements."""
    shifts = shifts_of_day(session, day)
    moves: dict[int, list[CashMove]] = defaultdict(list)
    if shifts:
        for m in session.execute(
            select(CashMovement)
            .where(col(CashMovement.shift_id).in_([s.id for s in shifts]))
            .order_by(col(CashMovement.created_at), col(CashMovement.id))
        ).scalars():
            moves[m.shift_id].append(
                CashMove(m.created_at.astimezone(zone), m.kind, m.amount, m.reason, m.created_by)
            )
    later = dict(
        session.execute(
            select(SALE.c.shift_id, func.count())
            .where(SALE.c.shift_id.in_([s.id for s in shifts]), SALE.c.business_date > day)
            .group_by(SALE.c.shift_id)
        ).all()
    )
    taken = setoran_by_shift(session, [s.id for s in shifts if s.id is not None])
    reports = []
    for shift in shifts:
        position = cash_position(session, shift)
        closed = shift.status == ShiftStatus.CLOSED
        setoran = taken.get(shift.id or 0) if closed else None
        counted = shift.counted_cash or 0
        reports.append(
            ShiftReport(
                id=shift.id or 0,
                till=shift.till,
                status=shift.status,
                opened_at=shift.opened_at.astimezone(zone),
                opened_by=shift.opened_by,
                opening_cash=position.opening,
                cash_sales=position.cash_sales,
                cash_in=position.cash_in,
                cash_out=position.cash_out,
                refunds=position.refunds,
                member_cash_in=position.member_in,
                member_cash_out=position.member_out,
                rounding=position.rounding,
                returns_rounding=position.returns_rounding,
                expected_cash=position.expected,
                counted_cash=shift.counted_cash if closed else None,
                variance=shift.variance if closed else None,
                variance_reason=shift.variance_reason,
                setoran=setoran,
                stayed=None if setoran is None else counted - setoran,
                closed_at=shift.closed_at.astimezone(zone) if shift.closed_at else None,
                closed_by=shift.closed_by,
                later_sales=later.get(shift.id or 0, 0),
                confirmed_by=shift.confirmed_by,
                movements=tuple(moves[shift.id or 0]),
            )
        )
    return tuple(reports)


def _voids(session: Session, day: date, zone: ZoneInfo) -> tuple[Correction, ...]:
    """The day's voided sales with their void records (a sale marked void without one, made
    outside gerai, is still listed, at its sale's time, with no reason)."""
    rows = session.execute(
        select(
            SALE.c.receipt_no,
            SALE.c.till,
            func.coalesce(SALE_VOID.c.created_at, SALE.c.created_at),
            SALE.c.cashier,
            func.coalesce(SALE_VOID.c.created_by, ""),
            func.coalesce(SALE_VOID.c.approved_by, ""),
            SALE.c.total,
            func.coalesce(SALE_VOID.c.reason, ""),
        )
        .outerjoin(SALE_VOID, SALE_VOID.c.sale_id == SALE.c.id)
        .where(SALE.c.business_date == day, SALE.c.status == SaleStatus.VOID)
        .order_by(SALE.c.id)
    ).all()
    return tuple(
        Correction(n, None, till, at.astimezone(zone), cashier, by, approver, total, None, why)
        for n, till, at, cashier, by, approver, total, why in rows
    )


def _returns(session: Session, day: date, zone: ZoneInfo) -> tuple[Correction, ...]:
    """The returs made on the day (of sales of any day), in order."""
    rows = session.execute(
        select(
            SALE.c.receipt_no,
            SALE_RETURN.c.number,
            SALE_RETURN.c.till,
            SALE_RETURN.c.created_at,
            SALE.c.cashier,
            SALE_RETURN.c.created_by,
            SALE_RETURN.c.approved_by,
            SALE_RETURN.c.refund_total,
            SALE_RETURN.c.refund_method,
            SALE_RETURN.c.reason,
        )
        .join(SALE, SALE.c.id == SALE_RETURN.c.sale_id)
        .where(SALE_RETURN.c.business_date == day)
        .order_by(SALE_RETURN.c.id)
    ).all()
    return tuple(
        Correction(receipt, n, till, at.astimezone(zone), cashier, by, approver, total, how, why)
        for receipt, n, till, at, cashier, by, approver, total, how, why in rows
    )


def _returns_rounding(session: Session, day: date) -> int:
    """The cash rounding of the day's returs' refunds, signed."""
    return int(
        session.execute(
            select(func.coalesce(func.sum(return_rounding()), 0)).where(
                SALE_RETURN.c.business_date == day
            )
        ).scalar_one()
    )


def _returns_by_category(session: Session, day: date) -> list[tuple[str, int, int]]:
    """For each category, what the day's returs (of sales of any day) refunded of its goods
    and the HPP of what they brought back to the shelf: each returned quantity × its sale
    line's unit cost, rounded half up as the sale's own HPP is. Damaged goods are written off
    as they come back (an `adjust` movement, no write-off row): their HPP stays in the HPP, so
    the margin bears the loss."""
    qty = type_coerce(SALE_RETURN_LINE.c.qty, BigInteger)
    back = case(
        (SALE_RETURN_LINE.c.damaged.is_(False), (qty * SALE_LINE.c.cost + SCALE // 2) // SCALE),
        else_=0,
    )
    rows = session.execute(
        select(SALE_LINE.c.category, func.sum(SALE_RETURN_LINE.c.amount), func.sum(back))
        .select_from(SALE_RETURN_LINE)
        .join(SALE_RETURN, SALE_RETURN.c.id == SALE_RETURN_LINE.c.return_id)
        .join(SALE_LINE, SALE_LINE.c.id == SALE_RETURN_LINE.c.sale_line_id)
        .where(SALE_RETURN.c.business_date == day)
        .group_by(SALE_LINE.c.category)
    ).all()
    return [(category, int(refunded), int(cost)) for category, refunded, cost in rows]


def _low_stock(session: Session) -> tuple[LowStock, ...]:
    """Active products whose stock now is at or below their reorder level."""
    rows = session.execute(
        select(
            PRODUCT.c.code,
            PRODUCT.c.name,
            PRODUCT.c.unit,
            PRODUCT.c.stock,
            PRODUCT.c.reorder_level,
        ).where(PRODUCT.c.active, PRODUCT.c.stock <= PRODUCT.c.reorder_level)
    ).all()  # sorted here: ORDER BY code would walk the code index, 5× slower than one scan
    return tuple(LowStock(*row) for row in sorted(rows))


def _noncash(session: Session, day: date, zone: ZoneInfo) -> tuple[NonCashPayment, ...]:
    """The day's QRIS and transfer payments of completed sales, in the order they were made."""
    rows = session.execute(
        select(
            SALE.c.receipt_no,
            SALE.c.till,
            SALE.c.created_at,
            PAYMENT.c.method,
            PAYMENT.c.amount,
            PAYMENT.c.reference,
        )
        .join(SALE, SALE.c.id == PAYMENT.c.sale_id)
        .where(
            *_day_completed(day),
            PAYMENT.c.method.in_((PaymentMethod.QRIS, PaymentMethod.TRANSFER)),
        )
        .order_by(SALE.c.id, PAYMENT.c.id)
    ).all()
    return tuple(NonCashPayment(r[0], r[1], r[2].astimezone(zone), r[3], r[4], r[5]) for r in rows)
