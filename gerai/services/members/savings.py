"""Savings at the counter: simpanan pokok (once per member, the shop's amount), wajib (any
number of months at once × the shop's monthly amount) and sukarela (any amount; withdrawable
up to its balance). Each payment is a `MemberPayment` with its own slip number from the `S`
series of the till and day, taken during the till's open shift, with the `savings`
permission, on the audit trail. Cash payments are cash in (or out of) the drawer; none of it
is ever a sale. This module also holds the one writer of `MemberPayment` rows, which kasbon
repayments use too."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, func, select
from sqlmodel import Session, col

from gerai.core.errors import GeraiError
from gerai.core.money import MAX_RUPIAH, format_rupiah
from gerai.core.text import check_text
from gerai.core.words import AuditKind, DocumentSeries, MemberPaymentKind, PaymentMethod, Permission
from gerai.models import MEMBER_PAYMENT, Member, MemberPayment
from gerai.services.audit import trail as audit
from gerai.services.audit.seals import seal
from gerai.services.cash.numbering import next_document_number
from gerai.services.cash.shifts import cash_position, require_open_shift
from gerai.services.members.payments import (
    IN_METHODS,
    OUT_METHODS,
    SAVINGS_KINDS,
    WITHDRAWAL_KINDS,
)
from gerai.services.shop.auth import Actor, Approval, authorize
from gerai.services.shop.profile import ShopProfile, load_shop

MAX_MONTHS = 120


@dataclass(frozen=True)
class SavingsBalance:
    """A member's savings by type, and how many months of wajib were paid."""

    pokok: int = 0
    wajib: int = 0
    sukarela: int = 0
    wajib_months: int = 0

    @property
    def total(self) -> int:
        """All savings together."""
        return self.pokok + self.wajib + self.sukarela

    def of(self, kind: str) -> int:
        """The balance of one savings type (`sukarela_out` reads the sukarela balance)."""
        balances: dict[str, int] = {
            MemberPaymentKind.POKOK: self.pokok,
            MemberPaymentKind.WAJIB: self.wajib,
        }
        return balances.get(kind, self.sukarela)


def check_amount(amount: int) -> None:
    """Refuse an amount that is not a positive, plausible whole Rupiah."""
    if amount <= 0:
        raise GeraiError("members.amount_positive", amount=format_rupiah(amount))
    if amount > MAX_RUPIAH:
        raise GeraiError("pay.too_large", amount=format_rupiah(amount))


def locked_member(session: Session, member_id: int) -> Member:
    """The member's row, locked for the rest of the transaction where the database can
    (PostgreSQL), so two tills cannot both spend the same balance or credit."""
    member = session.execute(
        select(Member).where(col(Member.id) == member_id).with_for_update()
    ).scalar_one_or_none()
    if member is None:
        raise GeraiError("members.missing", id=member_id)
    return member


def record_member_payment(
    session: Session,
    member: Member,
    kind: str,
    amount: int,
    *,
    method: str,
    by: str,
    till: str,
    now: datetime,
    shop: ShopProfile,
    months: int = 0,
    note: str = "",
) -> MemberPayment:
    """Write one member payment on the till's open shift with the next `S` slip number, and
    its audit record."""
    shift = require_open_shift(session, till)
    assert shift.id is not None and member.id is not None
    business_date = shop.business_date(now)
    payment = MemberPayment(
        number=next_document_number(session, DocumentSeries.SAVINGS, till, business_date),
        member_id=member.id,
        shift_id=shift.id,
        till=till,
        business_date=business_date,
        created_at=now,
        created_by=by,
        kind=kind,
        amount=amount,
        months=months,
        method=method,
        note=check_text(note.strip(), lines=True)[:200],
    )
    session.add(payment)
    session.flush()
    seal(session, MEMBER_PAYMENT, [payment.id], actor=by, at=now)
    audit.record(
        session, kind=AuditKind(f"member_payment_{kind}"), actor=by, at=now, ref=payment.number,
        detail={"member": member.number, "amount": amount, "months": months, "method": method},
    )  # fmt: skip
    return payment


def savings_amount(kind: str, shop: ShopProfile, amount: int | None, months: int) -> int:
    """What a savings payment of `kind` comes to: the shop's pokok, `months` × the shop's
    monthly wajib, or the sukarela `amount` given (pokok and wajib take no amount of their
    own: one that differs from the shop's is refused)."""
    if kind in (MemberPaymentKind.POKOK, MemberPaymentKind.WAJIB):
        if kind == MemberPaymentKind.WAJIB and not 1 <= months <= MAX_MONTHS:
            raise GeraiError("savings.bad_months", count=months, high=MAX_MONTHS)
        fixed = (
            shop.savings_pokok if kind == MemberPaymentKind.POKOK else months * shop.savings_wajib
        )
        if fixed <= 0:
            raise GeraiError("savings.not_set", kind=kind)
        if amount is not None and amount != fixed:
            raise GeraiError(
                "savings.fixed_amount", kind=kind, amount=format_rupiah(amount),
                fixed=format_rupiah(fixed),
            )  # fmt: skip
        return fixed
    if amount is None:
        raise GeraiError("members.amount_positive", amount=format_rupiah(0))
    check_amount(amount)
    return amount


def take_savings(
    session: Session,
    actor: Actor,
    member_id: int,
    kind: str,
    *,
    till: str,
    now: datetime,
    shop: ShopProfile,
    amount: int | None = None,
    months: int = 0,
    method: str = PaymentMethod.CASH,
    approval: Approval | None = None,
    note: str = "",
) -> MemberPayment:
    """Take a savings deposit (`pokok`, `wajib` for `months`, `sukarela` of `amount`) or pay
    out a sukarela withdrawal (`sukarela_out` of `amount`, at most the sukarela balance and,
    in cash, at most what the drawer holds). The pokok and wajib amounts and the day are the
    shop's as stored, read here: a caller's `shop` is not trusted for them."""
    by = authorize(session, actor, Permission.SAVINGS, now=now, approval=approval)
    shop = load_shop(session)
    if kind not in (*SAVINGS_KINDS, *WITHDRAWAL_KINDS):
        raise GeraiError("savings.bad_kind", kind=kind)
    withdrawal = kind == MemberPaymentKind.SUKARELA_OUT
    methods = OUT_METHODS if withdrawal else IN_METHODS
    if method not in methods:
        raise GeraiError("members.bad_method", method=method, accepted=", ".join(methods))
    member = locked_member(session, member_id)
    if not member.active and not withdrawal:
        raise GeraiError("member.inactive", number=member.number, name=member.name)
    value = savings_amount(MemberPaymentKind.SUKARELA if withdrawal else kind, shop, amount, months)
    balance = savings_balance(session, member_id)
    if kind == MemberPaymentKind.POKOK and balance.pokok:
        raise GeraiError(
            "savings.pokok_paid", number=member.number, amount=format_rupiah(balance.pokok)
        )
    if withdrawal:
        if value > balance.sukarela:
            raise GeraiError(
                "savings.more_than_balance",
                amount=format_rupiah(value),
                balance=format_rupiah(balance.sukarela),
            )
        if method == PaymentMethod.CASH:
            drawer = cash_position(session, require_open_shift(session, till)).expected
            if value > drawer:
                raise GeraiError(
                    "shift.not_enough_cash",
                    amount=format_rupiah(value),
                    available=format_rupiah(drawer),
                )
    return record_member_payment(
        session, member, kind, value, method=method, by=by, till=till, now=now, shop=shop,
        months=months if kind == MemberPaymentKind.WAJIB else 0, note=note,
    )  # fmt: skip


def _sums(session: Session, *where: ColumnElement[bool]) -> dict[int, SavingsBalance]:
    """Savings balances per member id of the payments matching `where`."""
    rows = session.execute(
        select(
            col(MemberPayment.member_id),
            col(MemberPayment.kind),
            func.sum(col(MemberPayment.amount)),
            func.sum(col(MemberPayment.months)),
        )
        .where(col(MemberPayment.kind).in_((*SAVINGS_KINDS, *WITHDRAWAL_KINDS)), *where)
        .group_by(col(MemberPayment.member_id), col(MemberPayment.kind))
    ).all()
    sums: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for member_id, kind, amount, months in rows:
        sums[member_id][kind] += int(amount)
        sums[member_id]["months"] += int(months) if kind == MemberPaymentKind.WAJIB else 0
    return {
        member_id: SavingsBalance(
            pokok=s[MemberPaymentKind.POKOK],
            wajib=s[MemberPaymentKind.WAJIB],
            sukarela=s[MemberPaymentKind.SUKARELA] - s[MemberPaymentKind.SUKARELA_OUT],
            wajib_months=s["months"],
        )
        for member_id, s in sums.items()
    }


def savings_balance(
    session: Session, member_id: int, *, upto_id: int | None = None, until: date | None = None
) -> SavingsBalance:
    """A member's savings by type (up to and including payment `upto_id`, or the end of
    business day `until`, when given)."""
    where: list[ColumnElement[bool]] = [col(MemberPayment.member_id) == member_id]
    if upto_id is not None:
        where.append(col(MemberPayment.id) <= upto_id)
    if until is not None:
        where.append(col(MemberPayment.business_date) <= until)
    return _sums(session, *where).get(member_id, SavingsBalance())


def savings_balances(session: Session, until: date | None = None) -> dict[int, SavingsBalance]:
    """Every member's savings by type at the end of business day `until` (default: now)."""
    where = [] if until is None else [col(MemberPayment.business_date) <= until]
    return _sums(session, *where)
