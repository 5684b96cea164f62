"""A member's yearly statement (rekening anggota), what a member may ask to see before the RAT:
their purchases month by month (completed sales less the year's returns, as the SHU counts
them), their savings by kind with the balances at the year's start and end, and their kasbon
with every movement of the year and the balances before and after."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import extract, func
from sqlmodel import Session, col, select

from gerai.core.errors import GeraiError
from gerai.core.words import KasbonEntry, MemberPaymentKind, SaleStatus
from gerai.models import MemberPayment, Sale, SaleReturn
from gerai.services.members.kasbon import StatementLine, statement
from gerai.services.members.lookup import MemberInfo, find_member
from gerai.services.members.savings import SavingsBalance, savings_balance

SAVINGS_KINDS = (
    MemberPaymentKind.POKOK,
    MemberPaymentKind.WAJIB,
    MemberPaymentKind.SUKARELA,
    MemberPaymentKind.SUKARELA_OUT,
)


@dataclass(frozen=True)
class MonthLine:
    """A month's purchases: how many sales, their total, the month's returns."""

    month: int
    sales_count: int
    sales: int
    returns: int

    @property
    def net(self) -> int:
        """What counts for the SHU: sales less returns."""
        return self.sales - self.returns


@dataclass(frozen=True)
class MemberStatement:
    """One member's year."""

    member: MemberInfo
    year: int
    months: tuple[MonthLine, ...]  # January to December
    savings_start: SavingsBalance
    savings_paid: dict[str, int]  # by kind (sukarela_out: withdrawn)
    savings_end: SavingsBalance
    kasbon_start: int
    kasbon: tuple[StatementLine, ...]
    kasbon_end: int

    @property
    def purchases(self) -> int:
        """The year's purchases net of returns."""
        return sum(m.net for m in self.months)

    def as_dict(self) -> dict[str, Any]:
        """The statement as JSON-ready values (dates as ISO text)."""
        return {
            "member": {"number": self.member.number, "name": self.member.name},
            "year": self.year,
            "months": [{**asdict(m), "net": m.net} for m in self.months],
            "purchases": self.purchases,
            "savings": {
                "start": _balance(self.savings_start),
                "paid": self.savings_paid,
                "end": _balance(self.savings_end),
            },
            KasbonEntry.KASBON: {
                "start": self.kasbon_start,
                "lines": [
                    {"day": line.day.isoformat(), "kind": str(line.kind), "ref": line.ref,
                     "debit": line.debit, "credit": line.credit, "balance": line.balance}
                    for line in self.kasbon
                ],
                "end": self.kasbon_end,
            },
        }  # fmt: skip


def _balance(balance: SavingsBalance) -> dict[str, int]:
    """A savings balance by kind, as the JSON has it."""
    return {
        MemberPaymentKind.POKOK: balance.pokok,
        MemberPaymentKind.WAJIB: balance.wajib,
        MemberPaymentKind.SUKARELA: balance.sukarela,
        "total": balance.total,
    }


def member_statement(session: Session, key: str, year: int, today: date) -> MemberStatement:
    """The statement of the member `key` names (number, NIK, phone) for `year`; refused for
    a member no key names."""
    member = find_member(session, key)
    if member is None:
        raise GeraiError("statement.unknown_member", key=key.strip())
    first, last = date(year, 1, 1), date(year, 12, 31)
    sales = _by_month(
        session.execute(
            select(
                extract("month", col(Sale.business_date)),
                func.count(col(Sale.id)),
                func.sum(col(Sale.total)),
            )
            .where(
                col(Sale.member_id) == member.id,
                col(Sale.status) == SaleStatus.COMPLETED,
                col(Sale.business_date).between(first, last),
            )
            .group_by(extract("month", col(Sale.business_date)))
        ).all()
    )
    returns = _by_month(
        session.execute(
            select(
                extract("month", col(SaleReturn.business_date)),
                func.count(col(SaleReturn.id)),
                func.sum(col(SaleReturn.refund_total)),
            )
            .join(Sale, col(Sale.id) == col(SaleReturn.sale_id))
            .where(
                col(Sale.member_id) == member.id,
                col(Sale.status) == SaleStatus.COMPLETED,
                col(SaleReturn.business_date).between(first, last),
            )
            .group_by(extract("month", col(SaleReturn.business_date)))
        ).all()
    )
    months = tuple(
        MonthLine(m, sales.get(m, (0, 0))[0], sales.get(m, (0, 0))[1], returns.get(m, (0, 0))[1])
        for m in range(1, 13)
    )
    paid = dict(
        session.execute(
            select(col(MemberPayment.kind), func.sum(col(MemberPayment.amount)))
            .where(
                col(MemberPayment.member_id) == member.id,
                col(MemberPayment.kind).in_(SAVINGS_KINDS),
                col(MemberPayment.business_date).between(first, last),
            )
            .group_by(col(MemberPayment.kind))
        ).all()
    )
    kasbon = statement(session, member, min(today, last))
    before = [line for line in kasbon.lines if line.day < first]
    during = tuple(line for line in kasbon.lines if first <= line.day <= last)
    start = before[-1].balance if before else 0
    return MemberStatement(
        member=member,
        year=year,
        months=months,
        savings_start=savings_balance(session, member.id, until=date(year - 1, 12, 31)),
        savings_paid={kind: int(paid.get(kind, 0)) for kind in SAVINGS_KINDS},
        savings_end=savings_balance(session, member.id, until=last),
        kasbon_start=start,
        kasbon=during,
        kasbon_end=during[-1].balance if during else start,
    )


def _by_month(rows: Any) -> dict[int, tuple[int, int]]:
    return {int(month): (int(count), int(total or 0)) for month, count, total in rows}
