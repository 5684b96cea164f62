"""Retur: some or all lines of a past completed sale (any day, found by its receipt number or
its receipt's QR) come back, with a reason and the `retur` permission (a kasir needs a
bendahara's or admin's PIN). The refund is paid from this till's open shift.

Rules:
- per line, more than 0 and at most what was sold minus what was already returned; a
  fraction only of a product sold by weight;
- the refund of a line is what was really paid for it (`line_total` less its share of a
  discount on the whole sale, issue 14) × returned qty / sold qty, rounded half up, never
  more than what is left of it; the return that brings a line to fully returned gets
  exactly the rest, so a line's refunds add up to what was paid for it once it is all back
  (a sale's cash rounding stays with the sale);
- refunded in the sale's own method when it was paid by one method (kasbon: the member's
  kasbon goes down), or in cash (`tunai`) — cash only as far as the drawer holds it; a cash
  refund is rounded as a cash sale is (the shop's `cash_rounding`): `refund_total` is the
  money paid out, the lines keep what the goods were worth, and the difference is the retur's
  rounding (its own amount in the audit record, `cash.shifts.return_rounding` in the reports);
- the retur gets its own number (`K1-20251130-R001`); its goods go back on the ledger as
  `return` movements. Damaged goods are returned and written off at once (an `adjust`
  movement with the same reference, the `SaleReturnLine.damaged` flag marks them), so the
  sellable stock does not rise; an audit record (kind `retur`) is written with it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import select
from sqlmodel import Session, col

from gerai.core.errors import GeraiError
from gerai.core.money import format_rupiah, round_cash, round_rupiah
from gerai.core.phrases import METHOD, Phrase
from gerai.core.quantity import MAX_QUANTITY, PLACES, format_quantity, is_whole, parse_quantity
from gerai.core.timefmt import format_moment
from gerai.core.words import (
    AuditKind,
    CashTerm,
    DocumentSeries,
    MovementKind,
    PaymentMethod,
    Permission,
    SaleStatus,
)
from gerai.models import (
    SALE_RETURN,
    SALE_RETURN_LINE,
    Member,
    Payment,
    Product,
    Sale,
    SaleLine,
    SaleReturn,
    SaleReturnLine,
)
from gerai.services.audit import trail as audit
from gerai.services.audit.seals import seal
from gerai.services.cash.numbering import next_document_number
from gerai.services.cash.shifts import cash_position, require_open_shift
from gerai.services.sale.corrections import (
    returned_so_far,
    sale_for_correction,
)
from gerai.services.sale.receipts import find_sale
from gerai.services.shop.auth import Actor, Approval, authorize
from gerai.services.shop.profile import ShopProfile, load_shop
from gerai.services.stock.inventory import reason as required_reason
from gerai.services.stock.ledger import Movement, move_stock
from receipts.return_slip import ReturnSlip, ReturnSlipItem

DAMAGED_NOTE = "retur rusak"
RETURN_NUMBER = re.compile(rf"[A-Z0-9]{{1,6}}-\d{{8}}-{DocumentSeries.RETURN}\d{{3,}}")


class ReturnRequest(NamedTuple):
    """One line asked back: its line number on the receipt, the quantity (a Decimal, or text as
    typed: `2`, `1,5`), and whether the goods are damaged."""

    line_no: int
    qty: Decimal | int | str
    damaged: bool = False


Requested = Sequence[ReturnRequest | tuple[int, Decimal | int | str, bool]]


@dataclass(frozen=True)
class SaleLineState:
    """A line of the sale with what has come back of it so far."""

    id: int
    line_no: int
    product_id: int
    code: str
    name: str
    unit: str
    sold_by_weight: bool
    qty: Decimal
    unit_price: int
    line_total: int
    returned: Decimal
    refunded: int
    share: int = 0  # the line's share of the sale's discount

    @property
    def paid(self) -> int:
        """What was really paid for the line."""
        return self.line_total - self.share

    @property
    def returnable(self) -> Decimal:
        """What may still come back."""
        return self.qty - self.returned


@dataclass(frozen=True)
class PastReturn:
    """A retur already made of the sale."""

    number: str
    created_at: datetime
    refund_total: int
    refund_method: str
    reason: str


@dataclass(frozen=True)
class SaleState:
    """A sale as a correction sees it: its lines, payments, status and returns so far."""

    id: int
    receipt_no: str
    till: str
    created_at: datetime
    cashier: str
    member: str | None
    total: int
    status: str
    payments: tuple[tuple[str, int], ...]
    lines: tuple[SaleLineState, ...]
    returns: tuple[PastReturn, ...]

    @property
    def refund_methods(self) -> tuple[str, ...]:
        """How a refund may be paid, the usual one first: the sale's own method when it was
        paid by one method, and cash."""
        methods = {method for method, _ in self.payments}
        if len(methods) == 1 and PaymentMethod.CASH not in methods:
            return (methods.pop(), PaymentMethod.CASH)
        return (PaymentMethod.CASH,)

    @property
    def refunded(self) -> int:
        """Everything refunded on this sale so far."""
        return sum(r.refund_total for r in self.returns)


@dataclass(frozen=True)
class PlannedLine:
    """One line of a retur: the quantity coming back, its refund, damaged or not."""

    line: SaleLineState
    qty: Decimal
    amount: int
    damaged: bool


@dataclass(frozen=True)
class ReturnPlan:
    """A checked retur, not yet written."""

    sale: SaleState
    lines: tuple[PlannedLine, ...]

    @property
    def total(self) -> int:
        """The refund."""
        return sum(line.amount for line in self.lines)


@dataclass(frozen=True)
class ReturnResult:
    """A retur written."""

    number: str
    receipt_no: str
    refund_total: int
    refund_method: str
    approved_by: str
    rounding: int = 0  # the cash rounding in refund_total (refund_total − the lines' worth)


def sale_state(session: Session, receipt_no: str, lock: bool = False) -> SaleState:
    """The sale `receipt_no` with its lines, payments and returns so far (with `lock`, its row
    is held until the transaction ends); GeraiError when there is no such sale."""
    sale = sale_for_correction(session, receipt_no) if lock else find_sale(session, receipt_no)
    assert sale.id is not None
    back = returned_so_far(session, sale.id)
    nothing = (Decimal(0), 0)
    lines = session.execute(
        select(SaleLine, col(Product.sold_by_weight))
        .join(Product, col(Product.id) == col(SaleLine.product_id))
        .where(col(SaleLine.sale_id) == sale.id)
        .order_by(col(SaleLine.line_no))
    ).all()
    payments = session.execute(
        select(col(Payment.method), col(Payment.amount))
        .where(col(Payment.sale_id) == sale.id)
        .order_by(col(Payment.id))
    ).all()
    returns = session.execute(
        select(SaleReturn).where(col(SaleReturn.sale_id) == sale.id).order_by(col(SaleReturn.id))
    ).scalars()
    member = session.get(Member, sale.member_id) if sale.member_id else None
    return SaleState(
        id=sale.id,
        receipt_no=sale.receipt_no,
        till=sale.till,
        created_at=sale.created_at,
        cashier=sale.cashier,
        member=f"{member.number} {member.name}" if member else None,
        total=sale.total,
        status=sale.status,
        payments=tuple((method, amount) for method, amount in payments),
        lines=tuple(
            SaleLineState(
                id=line.id or 0,
                line_no=line.line_no,
                product_id=line.product_id,
                code=line.code,
                name=line.name,
                unit=line.unit,
                sold_by_weight=by_weight,
                qty=line.qty,
                unit_price=line.unit_price,
                line_total=line.line_total,
                share=line.discount_share,
                returned=back.get(line.id or 0, nothing)[0],
                refunded=back.get(line.id or 0, nothing)[1],
            )
            for line, by_weight in lines
        ),
        returns=tuple(
            PastReturn(r.number, r.created_at, r.refund_total, r.refund_method, r.reason)
            for r in returns
        ),
    )


def refund_amount(line: SaleLineState, qty: Decimal) -> int:
    """The refund for `qty` more of `line` coming back (see the module's rules)."""
    left = line.paid - line.refunded
    if line.returned + qty == line.qty:
        return left
    return min(round_rupiah(line.paid * qty / line.qty), left)


def return_quantity(value: Decimal | int | str) -> Decimal:
    """A quantity to return as given (a number, or text with `.` or `,`): more than zero, at
    most three decimal places."""
    if isinstance(value, str):
        try:
            qty = parse_quantity(value)
        except ValueError as exc:
            raise GeraiError("retur.bad_qty", value=value.strip()) from exc
    else:
        qty = Decimal(value)
        if not qty.is_finite() or abs(qty) >= MAX_QUANTITY or qty != qty.quantize(PLACES):
            raise GeraiError("retur.bad_qty", value=str(value))
    if qty <= 0:
        raise GeraiError("retur.qty_positive", value=str(value).strip())
    return qty


def plan_return(sale: SaleState, requests: Requested) -> ReturnPlan:
    """Check the lines asked back against the sale and price their refunds; nothing is
    written. Refused whole on the first bad line."""
    if sale.status == SaleStatus.VOID:
        raise GeraiError("retur.sale_void", number=sale.receipt_no)
    if not requests:
        raise GeraiError("retur.nothing")
    by_number = {line.line_no: line for line in sale.lines}
    planned: list[PlannedLine] = []
    for request in requests:
        line_no, value, damaged = ReturnRequest(*request)
        line = by_number.get(line_no)
        if line is None:
            raise GeraiError(
                "retur.no_line", number=sale.receipt_no, line=line_no, count=len(sale.lines)
            )
        if any(p.line.line_no == line_no for p in planned):
            raise GeraiError("retur.duplicate_line", line=line_no)
        if line.returnable <= 0:
            raise GeraiError("retur.fully_returned", line=line_no, name=line.name)
        qty = return_quantity(value)
        if not line.sold_by_weight and not is_whole(qty):
            raise GeraiError("cart.fraction_piece", name=line.name, unit=line.unit)
        if qty > line.returnable:
            raise GeraiError(
                "retur.too_much",
                line=line_no,
                name=line.name,
                returnable=format_quantity(line.returnable, line.unit),
                sold=format_quantity(line.qty, line.unit),
                returned=format_quantity(line.returned, line.unit),
            )
        planned.append(PlannedLine(line, qty, refund_amount(line, qty), bool(damaged)))
    return ReturnPlan(sale, tuple(planned))


def return_items(
    session: Session,
    actor: Actor,
    receipt_no: str,
    lines: Requested,
    reason: str,
    refund_method: str,
    *,
    approval: Approval | None,
    now: datetime,
    till: str,
) -> ReturnResult:
    """Write the retur in the caller's transaction (see the module's rules). Nothing is
    written when anything is refused; a refused permission or a wrong PIN is audited. The
    business date is the stored shop's (time zone, day's end), read here."""
    sale = sale_state(session, receipt_no, lock=True)
    plan = plan_return(sale, lines)
    why = required_reason(reason, "retur.reason_required")
    if refund_method not in sale.refund_methods:
        raise GeraiError(
            "retur.bad_method",
            method=refund_method,
            methods=tuple(Phrase(METHOD[m]) for m in sale.refund_methods),
        )
    shift = require_open_shift(session, till)
    shop = load_shop(session)
    rounding = refund_rounding(plan.total, refund_method, shop.cash_rounding)
    refund_total = plan.total + rounding
    if refund_method == PaymentMethod.CASH:
        available = cash_position(session, shift).expected
        if refund_total > available:
            raise GeraiError(
                "retur.not_enough_cash",
                amount=format_rupiah(refund_total),
                available=format_rupiah(available),
            )
    approved_by = authorize(session, actor, Permission.RETUR, now=now, approval=approval)
    business_date = shop.business_date(now)
    number = next_document_number(session, DocumentSeries.RETURN, till, business_date)
    retur = SaleReturn(
        number=number,
        sale_id=sale.id,
        shift_id=shift.id or 0,
        till=till,
        business_date=business_date,
        created_at=now,
        created_by=actor.name,
        approved_by=approved_by,
        reason=why,
        refund_method=refund_method,
        refund_total=refund_total,
    )
    session.add(retur)
    session.flush()
    assert retur.id is not None
    returned = [
        SaleReturnLine(
            return_id=retur.id,
            sale_line_id=p.line.id,
            product_id=p.line.product_id,
            qty=p.qty,
            amount=p.amount,
            damaged=p.damaged,
        )
        for p in plan.lines
    ]
    session.add_all(returned)
    session.flush()
    seal(session, SALE_RETURN, [retur.id], actor=actor.name, at=now)
    seal(session, SALE_RETURN_LINE, [line.id for line in returned], actor=actor.name, at=now)
    back = move_stock(
        session,
        [
            Movement(
                p.line.product_id,
                p.qty,
                MovementKind.RETURN,
                ref=number,
                note=why,
                sale_id=sale.id,
            )
            for p in plan.lines
        ],
        at=now,
        allow_negative=True,
    )
    # a damaged line's write-off only takes back what its return just put in (into the
    # batches it went back to)
    move_stock(
        session,
        [
            Movement(
                p.line.product_id,
                -p.qty,
                MovementKind.ADJUST,
                ref=number,
                note=DAMAGED_NOTE,
                takes=tuple((batch, -qty) for batch, qty in split) or None,
            )
            for p, split in zip(plan.lines, back, strict=True)
            if p.damaged
        ],
        at=now,
        allow_negative=True,
    )
    audit.record(
        session,
        kind=AuditKind.RETUR,
        actor=actor.name,
        at=now,
        ref=number,
        detail={
            "receipt_no": sale.receipt_no,
            "refund_total": refund_total,
            CashTerm.ROUNDING: rounding,
            "refund_method": refund_method,
            "reason": why,
            "approved_by": approved_by,
            "till": till,
            "lines": [
                {
                    "line": p.line.line_no,
                    "qty": format(p.qty, "f"),
                    "amount": p.amount,
                    "damaged": p.damaged,
                }
                for p in plan.lines
            ],
        },
    )
    return ReturnResult(number, sale.receipt_no, refund_total, refund_method, approved_by, rounding)


def refund_rounding(worth: int, method: str, unit: int) -> int:
    """The cash rounding of a refund of goods `worth` this much: rounded as a cash sale's due
    is (to the nearest `unit`, half way in the buyer's favour); nothing for a refund that is
    not cash."""
    return round_cash(worth, unit) - worth if method == PaymentMethod.CASH else 0


def find_return(session: Session, number: str) -> SaleReturn:
    """The retur with this number; GeraiError when there is none."""
    retur = session.execute(
        select(SaleReturn).where(col(SaleReturn.number) == number.strip().upper())
    ).scalar_one_or_none()
    if retur is None:
        raise GeraiError("retur.not_found", number=number.strip())
    return retur


def is_return_number(number: str) -> bool:
    """Whether `number` has the form of a retur number (`K1-20251130-R001`), not a receipt's."""
    return RETURN_NUMBER.fullmatch(number.strip().upper()) is not None


def is_cash_refund(session: Session, number: str) -> bool:
    """True when retur `number` was refunded in cash (the drawer opens)."""
    return find_return(session, number).refund_method == PaymentMethod.CASH


def build_return_slip(
    session: Session, number: str, shop: ShopProfile, reprint: bool = False
) -> ReturnSlip:
    """Everything the slip of retur `number` says."""
    retur = find_return(session, number)
    sale = session.get(Sale, retur.sale_id)
    assert sale is not None
    member = session.get(Member, sale.member_id) if sale.member_id else None
    items = session.execute(
        select(SaleReturnLine, SaleLine)
        .join(SaleLine, col(SaleLine.id) == col(SaleReturnLine.sale_line_id))
        .where(col(SaleReturnLine.return_id) == retur.id)
        .order_by(col(SaleLine.line_no))
    ).all()
    return ReturnSlip(
        shop_name=shop.name,
        shop_address=shop.printed_address,
        shop_phone=shop.phone,
        number=retur.number,
        receipt_no=sale.receipt_no,
        moment=format_moment(retur.created_at, shop),
        sale_moment=format_moment(sale.created_at, shop),
        cashier=retur.created_by,
        approved_by=retur.approved_by,
        items=tuple(
            ReturnSlipItem(
                sale_line.name, format_quantity(back.qty, sale_line.unit), back.amount, back.damaged
            )
            for back, sale_line in items
        ),
        total=retur.refund_total,
        rounding=retur.refund_total - sum(back.amount for back, _ in items),
        refund_method=retur.refund_method,
        reason=retur.reason,
        member=f"{member.number} {member.name}" if member else None,
        kasbon=retur.refund_method == PaymentMethod.KASBON,
        reprint=reprint,
    )
