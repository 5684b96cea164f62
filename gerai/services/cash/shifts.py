"""Shifts: a till sells only while a shift is open. Opening takes the opening cash (modal
awal); cash may be put in or taken out with a reason; closing counts the cash by
denomination, compares it with what the till should hold, asks a reason for any variance
(selisih), and is signed off by the kasir and confirmed by a bendahara (their PIN, unless a
bendahara closes it). A closed shift never changes; each step is audited."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, bindparam, func, select, text
from sqlmodel import Session, col

from gerai.core.errors import GeraiError
from gerai.core.money import MAX_RUPIAH, format_rupiah
from gerai.core.text import check_text
from gerai.core.timefmt import format_moment
from gerai.core.words import (
    AuditKind,
    CashDirection,
    CashTerm,
    PaymentMethod,
    Permission,
    SaleStatus,
    ShiftStatus,
)
from gerai.models import (
    CASH_MOVEMENT,
    SHIFT,
    SHIFT_IS_OPEN,
    CashMovement,
    MemberPayment,
    Payment,
    Sale,
    SaleReturn,
    SaleReturnLine,
    Shift,
)
from gerai.services.audit import trail as audit
from gerai.services.audit.seals import seal
from gerai.services.audit.witness import current_witness
from gerai.services.cash.kas import carried_cash, check_setoran, record_setoran, setoran_of
from gerai.services.members.payments import WITHDRAWAL_KINDS
from gerai.services.prepared import Prepared
from gerai.services.shop.auth import Actor, Approval, authorize
from gerai.services.shop.profile import ShopProfile
from gerai.services.shop.users import full_names
from receipts.model import ShiftReport

DENOMINATIONS = (100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100)
MAX_PIECES = 100_000


@dataclass(frozen=True)
class CashPosition:
    """What the till should hold: opening cash + cash sales + cash in − cash out − refunds +
    members' cash deposits and repayments − their cash withdrawals (never sales) + the cash
    rounding. `cash_sales` is the sales' cash before rounding; the cash payments of the
    shift's sales are cash_sales + rounding."""

    opening: int
    cash_sales: int
    cash_in: int
    cash_out: int
    refunds: int
    member_in: int = 0
    member_out: int = 0
    rounding: int = 0  # the cash rounding (pembulatan) of the shift's sales, signed
    returns_rounding: int = 0  # the cash rounding in `refunds`, signed (what the goods were
    # worth is refunds − returns_rounding)

    def terms(self) -> tuple[tuple[CashTerm, int, int], ...]:
        """Every term of the expected-cash formula in reading order, as (name, sign, amount)
        with sign +1 or -1 (cash out, refunds and withdrawals are -1): the one source of
        every formula shown on screen or paper. The sum of sign × amount is `expected`. The
        rounding term (signed amount, sign +1) is listed only when it is not 0."""
        terms = (
            (CashTerm.OPENING, 1, self.opening),
            (CashTerm.SALES, 1, self.cash_sales),
            (CashTerm.IN, 1, self.cash_in),
            (CashTerm.OUT, -1, self.cash_out),
            (CashTerm.REFUNDS, -1, self.refunds),
            (CashTerm.MEMBER_IN, 1, self.member_in),
            (CashTerm.MEMBER_OUT, -1, self.member_out),
        )
        return terms + (((CashTerm.ROUNDING, 1, self.rounding),) if self.rounding else ())

    @property
    def expected(self) -> int:
        """The cash that should be in the drawer: the sum of the terms."""
        return sum(sign * amount for _, sign, amount in self.terms())


# the open-shift index's own condition, written out: SQLite plans a lookup with `status = ?`
# again at every run, to see whether the partial index applies (about 7 µs of each checkout)
_IS_OPEN = text(SHIFT_IS_OPEN)


def current_shift(session: Session, till: str) -> Shift | None:
    """This till's open shift, if any."""
    return session.execute(
        select(Shift).where(col(Shift.till) == till, _IS_OPEN)
    ).scalar_one_or_none()


def require_open_shift(session: Session, till: str) -> Shift:
    """This till's open shift; GeraiError when none is open."""
    shift = current_shift(session, till)
    if shift is None:
        raise GeraiError("shift.not_open", till=till)
    return shift


_OPEN_SHIFT_ID = Prepared(select(SHIFT.c.id).where(SHIFT.c.till == bindparam("till"), _IS_OPEN))


def open_shift_id(session: Session, till: str) -> int:
    """The id of this till's open shift (one indexed lookup, for the checkout's hot path);
    GeraiError when none is open."""
    found = _OPEN_SHIFT_ID.first(session, {"till": till})
    shift_id = None if found is None else found[0]
    if shift_id is None:
        raise GeraiError("shift.not_open", till=till)
    return int(shift_id)


def _check_amount(amount: int, allow_zero: bool) -> None:
    if amount < 0:
        raise GeraiError("shift.negative", amount=format_rupiah(amount))
    if amount == 0 and not allow_zero:
        raise GeraiError("shift.zero")
    if amount > MAX_RUPIAH:
        raise GeraiError("pay.too_large", amount=format_rupiah(amount))


def open_shift(
    session: Session, till: str, actor: Actor, opening_cash: int, now: datetime, shop: ShopProfile
) -> Shift:
    """Open a shift on `till` with `opening_cash` in the drawer."""
    authorize(session, actor, Permission.OPEN_SHIFT, now=now)
    _check_amount(opening_cash, allow_zero=True)
    if current_shift(session, till) is not None:
        raise GeraiError("shift.already_open", till=till)
    carried = carried_cash(session, till)
    if carried is not None and opening_cash != carried.stayed:
        raise GeraiError(
            "shift.opening_not_carried",
            opening=format_rupiah(opening_cash),
            stayed=format_rupiah(carried.stayed),
            counted=format_rupiah(carried.counted),
            setoran=format_rupiah(carried.setoran),
        )
    shift = Shift(
        till=till,
        business_date=shop.business_date(now),
        opened_at=now,
        opened_by=actor.name,
        opening_cash=opening_cash,
    )
    session.add(shift)
    session.flush()
    seal(session, SHIFT, [shift.id], actor=actor.name, at=now)
    audit.record(
        session, kind=AuditKind.SHIFT_OPENED, actor=actor.name, at=now, ref=shift_ref(shift),
        detail={"opening_cash": opening_cash},
    )  # fmt: skip
    return shift


def shift_ref(shift: Shift) -> str:
    """How the audit trail names a shift: `K1#12`."""
    return f"{shift.till}#{shift.id}"


def return_rounding() -> ColumnElement[int]:
    """The rounding of a retur row, for a query over `SaleReturn`: what it paid out less what
    its lines were worth."""
    worth = (
        select(func.coalesce(func.sum(col(SaleReturnLine.amount)), 0))
        .where(col(SaleReturnLine.return_id) == col(SaleReturn.id))
        .scalar_subquery()
    )
    return col(SaleReturn.refund_total) - worth


def cash_position(session: Session, shift: Shift) -> CashPosition:
    """The shift's cash figures so far."""
    completed = (col(Sale.shift_id) == shift.id, col(Sale.status) == SaleStatus.COMPLETED)
    cash_paid = session.execute(
        select(func.coalesce(func.sum(col(Payment.amount)), 0))
        .join(Sale, col(Sale.id) == col(Payment.sale_id))
        .where(*completed, col(Payment.method) == PaymentMethod.CASH)
    ).scalar_one()
    rounding = int(
        session.execute(
            select(func.coalesce(func.sum(col(Sale.rounding)), 0)).where(*completed)
        ).scalar_one()
    )
    moved = dict(
        session.execute(
            select(col(CashMovement.kind), func.sum(col(CashMovement.amount)))
            .where(col(CashMovement.shift_id) == shift.id)
            .group_by(col(CashMovement.kind))
        ).all()
    )
    member_cash = session.execute(
        select(col(MemberPayment.kind), func.sum(col(MemberPayment.amount)))
        .where(
            col(MemberPayment.shift_id) == shift.id, col(MemberPayment.method) == PaymentMethod.CASH
        )
        .group_by(col(MemberPayment.kind))
    ).all()
    members_out = sum(int(amount) for kind, amount in member_cash if kind in WITHDRAWAL_KINDS)
    members_in = sum(int(amount) for _, amount in member_cash) - members_out
    refunds, returns_rounding = session.execute(
        select(
            func.coalesce(func.sum(col(SaleReturn.refund_total)), 0),
            func.coalesce(func.sum(return_rounding()), 0),
        ).where(
            col(SaleReturn.shift_id) == shift.id,
            col(SaleReturn.refund_method) == PaymentMethod.CASH,
        )
    ).one()
    return CashPosition(
        opening=shift.opening_cash,
        cash_sales=int(cash_paid) - rounding,
        cash_in=int(moved.get(CashDirection.IN, 0)),
        cash_out=int(moved.get(CashDirection.OUT, 0)),
        member_in=members_in,
        member_out=members_out,
        refunds=int(refunds),
        rounding=rounding,
        returns_rounding=int(returns_rounding),
    )


def move_cash(
    session: Session, till: str, kind: str, amount: int, reason: str, actor: Actor, now: datetime
) -> CashMovement:
    """Record cash put into (`in`) or taken out of (`out`) the drawer, with a reason."""
    if kind not in tuple(CashDirection):
        raise ValueError(kind)
    authorize(session, actor, Permission.CASH_MOVE, now=now)
    shift = require_open_shift(session, till)
    _check_amount(amount, allow_zero=False)
    if not check_text(reason, lines=True).strip():
        raise GeraiError("shift.reason_required")
    if kind == CashDirection.OUT:
        available = cash_position(session, shift).expected
        if amount > available:
            raise GeraiError(
                "shift.not_enough_cash",
                amount=format_rupiah(amount),
                available=format_rupiah(available),
            )
    movement = CashMovement(
        shift_id=shift.id or 0,
        kind=kind,
        amount=amount,
        reason=reason.strip()[:200],
        created_at=now,
        created_by=actor.name,
    )
    session.add(movement)
    session.flush()
    seal(session, CASH_MOVEMENT, [movement.id], actor=actor.name, at=now)
    audit.record(
        session, kind=AuditKind(f"cash_{kind}"), actor=actor.name, at=now, ref=shift_ref(shift),
        detail={"amount": amount, "reason": movement.reason},
    )  # fmt: skip
    return movement


def count_cash(counts: dict[int, int]) -> int:
    """The total of a cash count (denomination → pieces); GeraiError for a bad count."""
    total = 0
    for value, pieces in counts.items():
        if value not in DENOMINATIONS:
            raise GeraiError("shift.bad_denomination", value=format_rupiah(value))
        if pieces < 0:
            raise GeraiError("shift.negative_count", value=format_rupiah(value), pieces=pieces)
        if pieces > MAX_PIECES:
            raise GeraiError("shift.count_too_large", value=format_rupiah(value), pieces=pieces)
        total += value * pieces
    return total


@dataclass(frozen=True)
class ShiftClose:
    """The result of closing a shift."""

    shift_id: int
    expected: int
    counted: int
    variance: int
    setoran: int | None = None  # taken to the kas bendahara (None: not recorded)

    @property
    def stayed(self) -> int:
        """The cash left in the drawer for the next shift."""
        return self.counted - (self.setoran or 0)


def close_shift(
    session: Session,
    shift_id: int,
    counts: dict[int, int],
    reason: str,
    actor: Actor,
    now: datetime,
    approval: Approval | None = None,
    setoran: int | None = None,
) -> ShiftClose:
    """Close a shift with the counted cash: the actor signs off, and a bendahara confirms with
    their PIN (`approval`) unless the actor is one. A variance needs a reason. `setoran` is
    what the bendahara takes from the drawer into the kas bendahara (never more than the
    counted cash); the rest stays as the next shift's opening cash, which `open_shift` then
    checks. None records no setoran (the next opening is not checked)."""
    confirmed_by = authorize(session, actor, Permission.CLOSE_SHIFT, now=now, approval=approval)
    shift = session.get(Shift, shift_id)
    if shift is None:
        raise GeraiError("shift.missing", id=shift_id)
    if shift.status != ShiftStatus.OPEN:
        raise GeraiError("shift.already_closed", till=shift.till)
    counted = count_cash(counts)
    if setoran is not None:
        check_setoran(setoran, counted)
    expected = cash_position(session, shift).expected
    variance = counted - expected
    if variance and not check_text(reason, lines=True).strip():
        raise GeraiError("shift.variance_reason", variance=format_rupiah(variance))
    shift.status, shift.closed_at = ShiftStatus.CLOSED, now
    shift.closed_by, shift.confirmed_by = actor.name, confirmed_by
    shift.expected_cash, shift.counted_cash, shift.variance = expected, counted, variance
    shift.variance_reason = reason.strip()[:300]
    shift.cash_count = json.dumps({str(k): v for k, v in sorted(counts.items()) if v})
    session.add(shift)
    session.flush()
    seal(session, SHIFT, [shift.id], actor=actor.name, at=now)
    audit.record(
        session, kind=AuditKind.SHIFT_CLOSED, actor=actor.name, at=now, ref=shift_ref(shift),
        detail={"expected": expected, "counted": counted, "variance": variance,
                "reason": shift.variance_reason, "confirmed_by": confirmed_by},
    )  # fmt: skip
    if setoran is not None:
        record_setoran(session, shift, setoran, confirmed_by, now)
    from gerai.services.audit.verify import check_at_close  # it reads sales, which need shifts

    check_at_close(session, actor=actor.name, at=now)
    return ShiftClose(shift_id, expected, counted, variance, setoran)


def shifts_of_day(session: Session, day: date) -> list[Shift]:
    """The shifts opened on a business day, every till, in order."""
    return list(
        session.execute(
            select(Shift).where(col(Shift.business_date) == day).order_by(col(Shift.id))
        ).scalars()
    )


def shift_report(session: Session, shift_id: int, shop: ShopProfile) -> ShiftReport:
    """A closed shift's figures for its Z report."""
    shift = session.get(Shift, shift_id)
    if shift is None:
        raise GeraiError("shift.missing", id=shift_id)
    if shift.status != ShiftStatus.CLOSED or shift.closed_at is None:
        raise GeraiError("shift.not_closed", till=shift.till)
    position = cash_position(session, shift)
    completed = (col(Sale.shift_id) == shift.id, col(Sale.status) == SaleStatus.COMPLETED)
    count, net = session.execute(
        select(func.count(col(Sale.id)), func.coalesce(func.sum(col(Sale.total)), 0)).where(
            *completed
        )
    ).one()
    payments = session.execute(
        select(col(Payment.method), func.sum(col(Payment.amount)))
        .join(Sale, col(Sale.id) == col(Payment.sale_id))
        .where(*completed)
        .group_by(col(Payment.method))
        .order_by(col(Payment.method))
    ).all()
    voids, voided = session.execute(
        select(func.count(col(Sale.id)), func.coalesce(func.sum(col(Sale.total)), 0)).where(
            col(Sale.shift_id) == shift.id, col(Sale.status) == SaleStatus.VOID
        )
    ).one()
    returns, returned = session.execute(
        select(
            func.count(col(SaleReturn.id)), func.coalesce(func.sum(col(SaleReturn.refund_total)), 0)
        ).where(col(SaleReturn.shift_id) == shift.id)
    ).one()
    cashiers = session.execute(
        select(col(Sale.cashier))
        .where(col(Sale.shift_id) == shift.id)
        .group_by(col(Sale.cashier))
        .order_by(func.min(col(Sale.id)))
    ).scalars()
    worked = full_names(session, list(cashiers) or [shift.opened_by])
    closer, confirmer = full_names(session, [shift.closed_by or "", shift.confirmed_by or ""])
    return ShiftReport(
        shop_name=shop.name,
        till=shift.till,
        opened=format_moment(shift.opened_at, shop),
        closed=format_moment(shift.closed_at, shop),
        sales_count=int(count),
        net=int(net),
        payments=tuple((method, int(amount)) for method, amount in payments),
        opening=position.opening,
        cash_sales=position.cash_sales,
        cash_in=position.cash_in,
        cash_out=position.cash_out,
        member_in=position.member_in,
        member_out=position.member_out,
        refunds=position.refunds,
        rounding=position.rounding,
        returns_rounding=position.returns_rounding,
        expected=shift.expected_cash or 0,
        counted=shift.counted_cash or 0,
        variance=shift.variance or 0,
        reason=shift.variance_reason,
        kasir=", ".join(worked),
        bendahara=confirmer,
        closed_by=closer,
        void_count=int(voids),
        void_total=int(voided),
        return_count=int(returns),
        return_total=int(returned),
        setoran=setoran_of(session, shift.id or 0),
        witness=str(current_witness(session)),
    )
