"""Kasbon (member credit): a member may buy on credit up to their limit (`Member.credit_limit`;
0 = no credit, the default). Outstanding = the kasbon payments of the member's completed sales
− their repayments − the kasbon refunds of their returns. A kasbon is allowed only for an
active member and only while outstanding + this kasbon ≤ the limit. Repayments are taken at
the counter (tunai, QRIS or transfer) and never exceed the debt. Aging splits what is owed by
the date of each kasbon sale into 0–30, 31–60 and over 60 days; repayments pay the oldest
debt first (FIFO), while a return's kasbon refund pays off the sale it returns."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import ColumnElement, func, select
from sqlmodel import Session, col

from gerai.core.errors import GeraiError
from gerai.core.money import format_rupiah
from gerai.core.words import KasbonEntry, MemberPaymentKind, PaymentMethod, Permission, SaleStatus
from gerai.models import Member, MemberPayment, Payment, Sale, SaleReturn
from gerai.services.members.lookup import MemberInfo, member_info
from gerai.services.members.payments import IN_METHODS
from gerai.services.members.savings import check_amount, locked_member, record_member_payment
from gerai.services.shop.auth import Actor, Approval, authorize
from gerai.services.shop.profile import ShopProfile

BUCKETS = (30, 60)  # 0–30 days, 31–60 days, over 60 days


@dataclass(frozen=True)
class Aging:
    """What a member owes by the age of the kasbon sale it comes from."""

    days_0_30: int = 0
    days_31_60: int = 0
    over_60: int = 0

    @property
    def total(self) -> int:
        """Everything owed."""
        return self.days_0_30 + self.days_31_60 + self.over_60


@dataclass(frozen=True)
class StatementLine:
    """One movement of a member's kasbon: a kasbon sale (debit), a repayment or a return's
    kasbon refund (credit), and the balance after it."""

    day: date
    moment: datetime
    kind: KasbonEntry
    ref: str
    debit: int
    credit: int
    balance: int


@dataclass(frozen=True)
class KasbonStatement:
    """A member's kasbon: limit, every movement, what is owed and its age."""

    member: MemberInfo
    lines: tuple[StatementLine, ...]
    outstanding: int
    aging: Aging
    limit: int

    @property
    def available(self) -> int:
        """What the member may still take on credit."""
        return max(self.limit - self.outstanding, 0)


@dataclass(frozen=True)
class KasbonRow:
    """One member in the all-members kasbon list."""

    member: MemberInfo
    limit: int
    outstanding: int
    aging: Aging


@dataclass
class _Ledger:
    """One member's kasbon debits by sale, and credits: repayments and return refunds."""

    debits: list[tuple[date, int, int]] = field(default_factory=list)  # (day, sale id, amount)
    refunds: dict[int, int] = field(default_factory=lambda: defaultdict(int))  # by sale id
    repaid: int = 0


def _ledgers(
    session: Session, member_ids: Iterable[int] | None, until: date | None = None
) -> dict[int, _Ledger]:
    """The kasbon ledgers of these members (every member when None), up to the end of
    business day `until` (when given)."""
    member_where: list[ColumnElement[bool]] = []  # of the sales (and the returns')
    sale_where: list[ColumnElement[bool]] = []
    return_where: list[ColumnElement[bool]] = []
    pay_where: list[ColumnElement[bool]] = []
    if until is not None:
        sale_where.append(col(Sale.business_date) <= until)
        return_where.append(col(SaleReturn.business_date) <= until)
        pay_where.append(col(MemberPayment.business_date) <= until)
    if member_ids is not None:
        ids = list(member_ids)
        member_where.append(col(Sale.member_id).in_(ids))
        pay_where.append(col(MemberPayment.member_id).in_(ids))
    ledgers: dict[int, _Ledger] = defaultdict(_Ledger)
    for member_id, day, sale_id, amount in session.execute(
        select(
            col(Sale.member_id),
            col(Sale.business_date),
            col(Sale.id),
            func.sum(col(Payment.amount)),
        )
        .join(Sale, col(Sale.id) == col(Payment.sale_id))
        .where(
            col(Payment.method) == PaymentMethod.KASBON,
            col(Sale.status) == SaleStatus.COMPLETED,
            col(Sale.member_id).is_not(None),
            *member_where,
            *sale_where,
        )
        .group_by(col(Sale.member_id), col(Sale.business_date), col(Sale.id))
    ):
        ledgers[member_id].debits.append((day, sale_id, int(amount)))
    for member_id, sale_id, amount in session.execute(
        select(col(Sale.member_id), col(SaleReturn.sale_id), func.sum(col(SaleReturn.refund_total)))
        .join(Sale, col(Sale.id) == col(SaleReturn.sale_id))
        .where(
            col(SaleReturn.refund_method) == PaymentMethod.KASBON,
            col(Sale.member_id).is_not(None),
            *member_where,
            *return_where,
        )
        .group_by(col(Sale.member_id), col(SaleReturn.sale_id))
    ):
        ledgers[member_id].refunds[sale_id] += int(amount)
    for member_id, amount in session.execute(
        select(col(MemberPayment.member_id), func.sum(col(MemberPayment.amount)))
        .where(col(MemberPayment.kind) == MemberPaymentKind.REPAYMENT, *pay_where)
        .group_by(col(MemberPayment.member_id))
    ):
        ledgers[member_id].repaid += int(amount)
    return ledgers


def _owed(ledger: _Ledger) -> int:
    return sum(a for _, _, a in ledger.debits) - sum(ledger.refunds.values()) - ledger.repaid


def _age(ledger: _Ledger, today: date) -> Aging:
    """What is still owed of each kasbon sale after its own return refunds and then the
    repayments (and any refund beyond its sale), oldest sale first, bucketed by age."""
    return Aging(*_buckets(ledger, today, BUCKETS))


def _buckets(ledger: _Ledger, today: date, bounds: tuple[int, ...]) -> list[int]:
    """What is still owed of each kasbon sale (after its own return refunds, then the
    repayments and any refund beyond its sale, oldest sale first) by its age in days on
    `today`: up to bounds[0], up to bounds[1], ..., over the last bound."""
    sold = {sale_id for _, sale_id, _ in ledger.debits}
    credit = ledger.repaid + sum(a for s, a in ledger.refunds.items() if s not in sold)
    debts = []
    for day, sale_id, amount in sorted(ledger.debits):
        left = amount - ledger.refunds.get(sale_id, 0)
        credit += max(-left, 0)
        debts.append((day, max(left, 0)))
    buckets = [0] * (len(bounds) + 1)
    for day, amount in debts:
        paid = min(credit, amount)
        credit -= paid
        age = (today - day).days
        buckets[next((n for n, bound in enumerate(bounds) if age <= bound), len(bounds))] += (
            amount - paid
        )
    return buckets


def aged_at(session: Session, until: date, bounds: tuple[int, ...]) -> list[int]:
    """What all members owed on kasbon at the end of business day `until`, by the age of the
    kasbon sales it comes from (`_buckets`); a member the shop owes adds nothing."""
    totals = [0] * (len(bounds) + 1)
    for ledger in _ledgers(session, None, until).values():
        for n, amount in enumerate(_buckets(ledger, until, bounds)):
            totals[n] += amount
    return totals


def outstanding(session: Session, member_id: int) -> int:
    """What the member owes on kasbon now (negative: the shop owes the member)."""
    return _owed(_ledgers(session, [member_id]).get(member_id, _Ledger()))


def owed_at(session: Session, until: date) -> int:
    """What all members owed on kasbon at the end of business day `until`."""
    return sum(_owed(ledger) for ledger in _ledgers(session, None, until).values())


def available_credit(session: Session, member: MemberInfo) -> int:
    """What the member may still take on kasbon now: 0 for an inactive member or one without
    credit."""
    if not member.active or member.credit_limit <= 0:
        return 0
    return max(member.credit_limit - outstanding(session, member.id), 0)


def check_credit(
    session: Session, member: MemberInfo | None, payments: Iterable[tuple[str, int, int]]
) -> None:
    """Refuse a sale's kasbon part unless the buyer is an active member with credit and the
    kasbon fits in what is left of their limit. `payments` are (method, amount, handed)."""
    amount = sum(applied for method, applied, _ in payments if method == PaymentMethod.KASBON)
    if not amount:
        return
    if member is None:
        raise GeraiError("pay.kasbon_member_only")
    row = locked_member(session, member.id)
    if not row.active:
        raise GeraiError("member.inactive", number=row.number, name=row.name)
    if row.credit_limit <= 0:
        raise GeraiError("kasbon.off", number=row.number, name=row.name)
    owed = outstanding(session, member.id)
    if owed + amount > row.credit_limit:
        raise GeraiError(
            "kasbon.over_limit",
            amount=format_rupiah(amount),
            limit=format_rupiah(row.credit_limit),
            owed=format_rupiah(owed),
            available=format_rupiah(max(row.credit_limit - owed, 0)),
        )


def repay(
    session: Session,
    actor: Actor,
    member_id: int,
    amount: int,
    *,
    till: str,
    now: datetime,
    shop: ShopProfile,
    method: str = PaymentMethod.CASH,
    approval: Approval | None = None,
    note: str = "",
) -> MemberPayment:
    """Take a kasbon repayment at the counter: more than zero, at most what is owed."""
    by = authorize(session, actor, Permission.REPAYMENT, now=now, approval=approval)
    if method not in IN_METHODS:
        raise GeraiError("members.bad_method", method=method, accepted=", ".join(IN_METHODS))
    check_amount(amount)
    member = locked_member(session, member_id)
    owed = outstanding(session, member_id)
    if owed <= 0:
        raise GeraiError("kasbon.nothing_owed", number=member.number, name=member.name)
    if amount > owed:
        raise GeraiError(
            "kasbon.more_than_debt", amount=format_rupiah(amount), owed=format_rupiah(owed)
        )
    return record_member_payment(
        session, member, MemberPaymentKind.REPAYMENT, amount, method=method, by=by, till=till,
        now=now, shop=shop, note=note,
    )  # fmt: skip


def statement(session: Session, member: MemberInfo, today: date) -> KasbonStatement:
    """Every kasbon movement of `member` in order with the running balance, what is owed and
    its age on `today`."""
    events: list[tuple[datetime, int, KasbonEntry, str, date, int, int]] = []
    for moment, receipt, day, amount in session.execute(
        select(
            col(Sale.created_at),
            col(Sale.receipt_no),
            col(Sale.business_date),
            func.sum(col(Payment.amount)),
        )
        .join(Sale, col(Sale.id) == col(Payment.sale_id))
        .where(
            col(Payment.method) == PaymentMethod.KASBON,
            col(Sale.status) == SaleStatus.COMPLETED,
            col(Sale.member_id) == member.id,
        )
        .group_by(col(Sale.id), col(Sale.created_at), col(Sale.receipt_no), col(Sale.business_date))
    ):
        events.append((moment, 0, KasbonEntry.KASBON, receipt, day, int(amount), 0))
    for moment, number, day, amount in session.execute(
        select(
            col(SaleReturn.created_at),
            col(SaleReturn.number),
            col(SaleReturn.business_date),
            col(SaleReturn.refund_total),
        )
        .join(Sale, col(Sale.id) == col(SaleReturn.sale_id))
        .where(
            col(SaleReturn.refund_method) == PaymentMethod.KASBON, col(Sale.member_id) == member.id
        )
    ):
        events.append((moment, 1, KasbonEntry.REFUND, number, day, 0, int(amount)))
    for moment, number, day, amount in session.execute(
        select(
            col(MemberPayment.created_at),
            col(MemberPayment.number),
            col(MemberPayment.business_date),
            col(MemberPayment.amount),
        ).where(
            col(MemberPayment.member_id) == member.id,
            col(MemberPayment.kind) == MemberPaymentKind.REPAYMENT,
        )
    ):
        events.append((moment, 2, KasbonEntry.REPAYMENT, number, day, 0, int(amount)))
    lines, balance = [], 0
    for moment, _, kind, ref, day, debit, credit in sorted(events):
        balance += debit - credit
        lines.append(StatementLine(day, moment, kind, ref, debit, credit, balance))
    ledger = _ledgers(session, [member.id]).get(member.id, _Ledger())
    return KasbonStatement(
        member=member,
        lines=tuple(lines),
        outstanding=balance,
        aging=_age(ledger, today),
        limit=member.credit_limit,
    )


def kasbon_list(session: Session, today: date) -> list[KasbonRow]:
    """Every member who owes (or is owed) kasbon, with their limit, outstanding and aging on
    `today`, by member number."""
    ledgers = {m: ledger for m, ledger in _ledgers(session, None).items() if _owed(ledger)}
    if not ledgers:
        return []
    members = session.execute(
        select(Member).where(col(Member.id).in_(list(ledgers))).order_by(col(Member.number))
    ).scalars()
    rows = []
    for member in members:
        info = member_info(member)
        ledger = ledgers[info.id]
        rows.append(KasbonRow(info, info.credit_limit, _owed(ledger), _age(ledger, today)))
    return rows
