"""The month's and the year's figures of the gerai, for the pengurus and the RAT: each day's (or
each month's) sales to members and to non-members, returns, HPP and gross margin, made of the
daily reports themselves so every figure equals the sum of the days, and the expenses the kas
bendahara paid on those days by category; then what the period lost
at cost (write-offs and stock-count differences), the members' savings paid in and out, and
the kasbon members owed at the period's end (and by its age), the stock at cost at the
period's start and end, and what was paid to suppliers and still owed them at its end."""

from __future__ import annotations

import calendar
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from gerai.core.errors import GeraiError
from gerai.core.words import MemberPaymentKind, PaymentMethod
from gerai.models import SALE, SALE_RETURN, MemberPayment, StockCount, WriteOff
from gerai.services.cash.kas import added_up, expenses_by_day
from gerai.services.members.kasbon import aged_at, owed_at
from gerai.services.reports.daily import DailySummary, daily_summary
from gerai.services.shop.profile import ShopProfile
from gerai.services.stock.supplier_debts import debt_at, paid_by_day
from gerai.services.stock.value import stock_value_at


@dataclass(frozen=True)
class Figures:
    """One day's, one month's or the whole period's trading figures."""

    label: str  # `2025-11-30` for a day, `2025-11` for a month, the period's own for totals
    sales_count: int
    member_sales: int
    non_member_sales: int
    net: int  # member + non-member sales, after discounts
    returns: int
    net_after_returns: int
    cost: int  # HPP of the sales
    returns_cost: int  # HPP of the goods the returs brought back
    margin: int  # laba kotor: net_after_returns − (cost − returns_cost)
    expenses: dict[str, int]  # paid from the kas bendahara, by category

    @property
    def expenses_total(self) -> int:
        """The expenses of every category."""
        return sum(self.expenses.values())

    @classmethod
    def of_day(cls, summary: DailySummary, expenses: dict[str, int]) -> Figures:
        """A day's figures, as its daily report has them, and its `expenses` by category."""
        return cls(
            summary.date.isoformat(), summary.sales_count, summary.member.net,
            summary.non_member.net, summary.net, summary.returns_total,
            summary.net_after_returns, summary.cost, summary.returns_cost, summary.margin,
            expenses,
        )  # fmt: skip

    @classmethod
    def of_quiet_day(cls, day: date, expenses: dict[str, int]) -> Figures:
        """A day with no sale and no retur: its daily report's trading figures are all zero."""
        zeros: dict[str, Any] = dict.fromkeys(FIGURES, 0)
        return cls(label=day.isoformat(), expenses=expenses, **zeros)

    @classmethod
    def total(cls, label: str, parts: list[Figures]) -> Figures:
        """The sum of `parts`, named `label`."""
        sums = {name: sum(getattr(p, name) for p in parts) for name in FIGURES}
        return cls(label=label, expenses=added_up(p.expenses for p in parts), **sums)


FIGURES = (
    "sales_count", "member_sales", "non_member_sales", "net", "returns", "net_after_returns",
    "cost", "returns_cost", "margin",
)  # fmt: skip


PAID_KEYS = {
    PaymentMethod.CASH: "supplier_paid_cash",
    PaymentMethod.TRANSFER: "supplier_paid_transfer",
}


@dataclass(frozen=True)
class Suppliers:
    """The period's dealings with its suppliers (issue 17): what was paid them, in cash from
    the kas and by transfer, each row's (day's or month's) payments, and the debt to them
    (hutang dagang) at the period's end."""

    paid: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PAID_KEYS.values(), 0))
    by_row: dict[str, int] = field(default_factory=dict)  # a row's label → paid that day/month
    debt_end: int = 0

    @property
    def paid_total(self) -> int:
        """Everything paid to suppliers in the period."""
        return sum(self.paid.values())

    def as_dict(self) -> dict[str, Any]:
        """The JSON's `supplier_payments` (by method), their total and the debt at the end."""
        return {
            "supplier_payments": self.paid,
            "supplier_payments_total": self.paid_total,
            "supplier_debt_end": self.debt_end,
        }


@dataclass(frozen=True)
class PeriodReport:
    """A month's or a year's report: `rows` are its days (a month) or months (a year)."""

    period: str  # `2025-11` or `2025`
    first: date
    last: date
    timezone: str
    rows: tuple[Figures, ...]
    totals: Figures
    write_offs: int  # goods written off, at HPP
    count_differences: int  # stock counts' differences at HPP (negative: goods missing)
    savings: dict[str, int]  # paid in the period by kind (sukarela_out: withdrawn)
    kasbon_outstanding: int  # what members owed at the period's end
    balances: Balances  # kasbon by age and the stock at cost, at the period's ends
    suppliers: Suppliers = field(default_factory=Suppliers)  # issue 17

    @property
    def expenses(self) -> dict[str, int]:
        """The gerai's expenses of the period by category (paid from the kas bendahara)."""
        return self.totals.expenses

    @property
    def expenses_total(self) -> int:
        """The gerai's expenses of the period."""
        return self.totals.expenses_total

    @property
    def unit_result(self) -> int:
        """Hasil usaha unit gerai: the gross margin less the goods written off and the goods
        missing at stock counts, at HPP, less the gerai's expenses (listrik, gaji, ...)."""
        margin = self.totals.margin - self.write_offs + min(self.count_differences, 0)
        return margin - self.expenses_total

    def row_dict(self, row: Figures) -> dict[str, Any]:
        """A row (or the totals) as JSON-ready values, with its payments to suppliers."""
        if row is self.totals:
            paid = self.suppliers.paid_total
        else:
            paid = self.suppliers.by_row.get(row.label, 0)
        return {**asdict(row), "supplier_payments": paid}

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready values."""
        return {
            "period": self.period, "first": self.first.isoformat(),
            "last": self.last.isoformat(), "timezone": self.timezone,
            "rows": [self.row_dict(r) for r in self.rows], "totals": self.row_dict(self.totals),
            "write_offs": self.write_offs, "count_differences": self.count_differences,
            "unit_result": self.unit_result, "savings": self.savings,
            "kasbon_outstanding": self.kasbon_outstanding, **self.balances.as_dict(),
            "expenses": self.expenses, "expenses_total": self.expenses_total,
            **self.suppliers.as_dict(),
        }  # fmt: skip


def period_suppliers(
    session: Session, first: date, last: date, yearly: bool, today: date
) -> Suppliers:
    """What the period paid its suppliers (by method, and by row: day, or month of a year)
    and owed them at the end of `last` (or of `today`, a period still running)."""
    end = min(last, today)
    paid = dict.fromkeys(PAID_KEYS.values(), 0)
    by_row: dict[str, int] = {}
    for day, methods in paid_by_day(session, first, end).items():
        label = day.isoformat()[:7] if yearly else day.isoformat()
        for method, amount in methods.items():
            paid[PAID_KEYS[PaymentMethod(method)]] += amount
            by_row[label] = by_row.get(label, 0) + amount
    return Suppliers(paid, by_row, debt_at(session, end))


AGING_BOUNDS = (30, 60, 90)  # 0–30, 31–60, 61–90 and over 90 days
AGING = ("aging_0_30", "aging_31_60", "aging_61_90", "aging_over_90")


@dataclass(frozen=True)
class Balances:
    """What stood at the period's ends: the members' kasbon at the end by the age of the
    kasbon sales it comes from (`AGING`: 0–30, 31–60, 61–90, over 90 days; a member the shop
    owes adds nothing), and the stock at cost (HPP) at the start and at the end."""

    aging: tuple[int, int, int, int]
    stock_value_start: int
    stock_value_end: int

    def as_dict(self) -> dict[str, Any]:
        """The JSON's `kasbon_aging` (by bucket) and the two stock values."""
        return {
            "kasbon_aging": dict(zip(AGING, self.aging, strict=True)),
            "stock_value_start": self.stock_value_start,
            "stock_value_end": self.stock_value_end,
        }


def period_balances(
    session: Session, first: date, last: date, shop: ShopProfile, today: date
) -> Balances:
    """The kasbon by age at the end of `last` (or of `today`, a period still running) and the
    stock at cost when business day `first` began and when `last` ended (from the ledger)."""
    end = min(last, today)
    a, b, c, d = aged_at(session, end, AGING_BOUNDS)
    return Balances(
        (a, b, c, d),
        stock_value_at(session, day_start(first, shop)),
        stock_value_at(session, day_start(end + timedelta(days=1), shop)),
    )


def day_start(day: date, shop: ShopProfile) -> datetime:
    """The moment (UTC) business day `day` begins: `day_end_hour` o'clock local time."""
    return datetime.combine(day, time(shop.day_end_hour), tzinfo=shop.zone).astimezone(UTC)


def month_period(text: str, today: date) -> tuple[str, date, date]:
    """A month `YYYY-MM` that has begun: its label, first and last day."""
    raw = text.strip()
    parts = raw.split("-")
    if len(parts) != 2 or not all(p.isascii() and p.isdigit() for p in parts):
        raise GeraiError("period.bad_month", value=text)
    try:
        first = date(int(parts[0]), int(parts[1]), 1)
    except ValueError as exc:
        raise GeraiError("period.bad_month", value=text) from exc
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return _begun(f"{first:%Y-%m}", first, last, today)


def year_period(text: str, today: date) -> tuple[str, date, date]:
    """A year `YYYY` that has begun: its label, first and last day."""
    raw = text.strip()
    if not (len(raw) == 4 and raw.isascii() and raw.isdigit()) or int(raw) < 2000:
        raise GeraiError("period.bad_year", value=text)
    return _begun(raw, date(int(raw), 1, 1), date(int(raw), 12, 31), today)


def _begun(label: str, first: date, last: date, today: date) -> tuple[str, date, date]:
    if first > today:
        raise GeraiError("period.future", value=label)
    return label, first, last


def period_report(
    session: Session, period: tuple[str, date, date], shop: ShopProfile, today: date
) -> PeriodReport:
    """The report of a month or a year (from `month_period` or `year_period`), up to `today`:
    a month's rows are its days, a year's its months."""
    label, first, last = period
    end = min(last, today)
    spent = expenses_by_day(session, first, end)
    none = added_up(())
    trading = trading_days(session, first, end)
    days = [
        Figures.of_day(daily_summary(session, day, shop), spent.get(day, none))
        if day in trading
        else Figures.of_quiet_day(day, spent.get(day, none))
        for day in (first + timedelta(days=n) for n in range((end - first).days + 1))
    ]
    yearly = first.month == 1 and last.month == 12
    if yearly:  # a year: its months
        rows = [
            Figures.total(month, [d for d in days if d.label.startswith(month)])
            for month in sorted({d.label[:7] for d in days})
        ]
    else:
        rows = days
    return PeriodReport(
        period=label,
        first=first,
        last=last,
        timezone=shop.timezone,
        rows=tuple(rows),
        totals=Figures.total(label, days),
        write_offs=_at_cost(session, WriteOff, first, last, shop),
        count_differences=_at_cost(session, StockCount, first, last, shop),
        savings=_savings(session, first, last),
        kasbon_outstanding=owed_at(session, last),
        balances=period_balances(session, first, last, shop, today),
        suppliers=period_suppliers(session, first, last, yearly, today),
    )


def trading_days(session: Session, first: date, last: date) -> set[date]:
    """The business days from `first` to `last` with a sale (of any status) or a retur: the
    only days whose daily report has trading figures (each is made of that day's sales and
    returs alone)."""
    found: set[date] = set()
    for table in (SALE, SALE_RETURN):
        day = table.c.business_date
        found.update(
            session.execute(select(day).where(day.between(first, last)).distinct()).scalars()
        )
    return found


def _at_cost(
    session: Session, model: type[WriteOff] | type[StockCount], first: date, last: date,
    shop: ShopProfile,
) -> int:  # fmt: skip
    """The values of the write-offs or stock counts made on the period's business days."""
    start = datetime.combine(first - timedelta(days=1), time(), tzinfo=UTC)
    end = datetime.combine(last + timedelta(days=2), time(), tzinfo=UTC)
    rows = session.execute(
        select(col(model.created_at), col(model.value)).where(
            col(model.created_at) >= start, col(model.created_at) < end
        )
    ).all()
    return sum(value for at, value in rows if first <= shop.business_date(at) <= last)


def _savings(session: Session, first: date, last: date) -> dict[str, int]:
    kinds = (
        MemberPaymentKind.POKOK, MemberPaymentKind.WAJIB, MemberPaymentKind.SUKARELA,
        MemberPaymentKind.SUKARELA_OUT,
    )  # fmt: skip
    paid = dict(
        session.execute(
            select(col(MemberPayment.kind), func.sum(col(MemberPayment.amount)))
            .where(
                col(MemberPayment.kind).in_(kinds),
                col(MemberPayment.business_date).between(first, last),
            )
            .group_by(col(MemberPayment.kind))
        ).all()
    )
    return {str(kind): int(paid.get(kind, 0)) for kind in kinds}
