"""The SHU report (sisa hasil usaha) of a business year: each member's purchases in the year
(completed sales to the member, net of the refunds of the member's returns in the year; void
sales never count), their share of all members' purchases, and their savings at the year's
end. Given the pools the annual meeting (RAT) sets aside, each member's SHU for purchases
(jasa usaha) and for savings (jasa modal): each pool is shared in proportion with
largest-remainder rounding, so the shares add up to the pool to the Rupiah. The business year
is the calendar year of the shop's business dates (its time zone)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, or_, select
from sqlmodel import Session, col

from gerai.core.errors import GeraiError
from gerai.core.money import MAX_RUPIAH, format_rupiah, parse_rupiah
from gerai.core.words import SaleStatus
from gerai.models import Member, Sale, SaleReturn
from gerai.services.members.savings import savings_balances

FIRST_YEAR = 2000
SHARE_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class ShuMember:
    """One member's line of the SHU report. `share_percent` is the member's part of all
    members' purchases, in percent, rounded half up to 4 places; the SHU shares themselves
    are computed from the exact amounts."""

    number: str
    name: str
    active: bool
    sales_count: int
    sales: int
    returns: int
    purchases: int
    share_percent: Decimal
    savings: int
    shu_purchases: int | None
    shu_savings: int | None
    shu_total: int | None


@dataclass(frozen=True)
class ShuReport:
    """The year's SHU basis and shares. `as_dict()` is the JSON documented in the README."""

    year: int
    timezone: str
    pool_purchases: int | None
    pool_savings: int | None
    total_purchases: int
    total_savings: int
    members: tuple[ShuMember, ...]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: money as int Rupiah, `share_percent` as an exact decimal string."""
        data = asdict(self)
        for member in data["members"]:
            member["share_percent"] = format(member["share_percent"], "f")
        return data


def parse_year(text: str, today: date) -> int:
    """A business year `YYYY` from 2000 up to this year; GeraiError otherwise."""
    raw = text.strip()
    if not (raw.isascii() and raw.isdigit() and len(raw) == 4):
        raise GeraiError("shu.bad_year", value=text)
    year = int(raw)
    if year < FIRST_YEAR:
        raise GeraiError("shu.bad_year", value=text)
    if year > today.year:
        raise GeraiError("shu.future_year", year=year)
    return year


def parse_pool(text: str | None, option: str) -> int | None:
    """A pool amount in whole Rupiah (`10000000` or `10.000.000`); None when not given."""
    if text is None:
        return None
    raw = text.strip()
    if raw.startswith("-"):
        raise GeraiError("shu.negative_pool", option=option, value=raw)
    try:
        return parse_rupiah(raw)
    except ValueError as exc:
        raise GeraiError("shu.bad_pool", option=option, value=raw) from exc


def largest_remainder(pool: int, weights: dict[str, int]) -> dict[str, int]:
    """Share `pool` (≥ 0) in proportion to the non-negative `weights` (keyed by member
    number, not all zero unless the pool is 0): everyone gets the whole Rupiah part of their
    exact share, and the Rupiah left over go one each to the largest remainders, ties to the
    lower member number. The shares add up to `pool` exactly."""
    total = sum(weights.values())
    if pool < 0 or min(weights.values(), default=0) < 0 or (pool and total <= 0):
        raise ValueError(f"cannot share {pool} by {weights}")
    if total == 0:
        return dict.fromkeys(weights, 0)
    shares = {key: pool * weight // total for key, weight in weights.items()}
    left = pool - sum(shares.values())
    by_remainder = sorted(weights, key=lambda key: (-(pool * weights[key] % total), key))
    for key in by_remainder[:left]:
        shares[key] += 1
    return shares


def _year_sales(session: Session, first: date, last: date) -> dict[int, tuple[int, int]]:
    """Per member id: the count and total of their completed sales in the year."""
    rows = session.execute(
        select(col(Sale.member_id), func.count(col(Sale.id)), func.sum(col(Sale.total)))
        .where(
            col(Sale.member_id).is_not(None),
            col(Sale.status) == SaleStatus.COMPLETED,
            col(Sale.business_date) >= first,
            col(Sale.business_date) <= last,
        )
        .group_by(col(Sale.member_id))
    ).all()
    return {member_id: (int(count), int(total)) for member_id, count, total in rows}


def _year_returns(session: Session, first: date, last: date) -> dict[int, int]:
    """Per member id: the refunds of the member's returns made in the year (of sales that
    still count, i.e. not void)."""
    rows = session.execute(
        select(col(Sale.member_id), func.sum(col(SaleReturn.refund_total)))
        .join(Sale, col(Sale.id) == col(SaleReturn.sale_id))
        .where(
            col(Sale.member_id).is_not(None),
            col(Sale.status) == SaleStatus.COMPLETED,
            col(SaleReturn.business_date) >= first,
            col(SaleReturn.business_date) <= last,
        )
        .group_by(col(Sale.member_id))
    ).all()
    return {member_id: int(total) for member_id, total in rows}


def shu_report(
    session: Session,
    year: int,
    timezone: str,
    pool_purchases: int | None = None,
    pool_savings: int | None = None,
) -> ShuReport:
    """The SHU report of `year`: every member who had joined by the year's end or bought in
    it, by member number."""
    for option, pool in (("--pool-purchases", pool_purchases), ("--pool-savings", pool_savings)):
        if pool is not None and pool < 0:
            raise GeraiError("shu.negative_pool", option=option, value=format_rupiah(pool))
        if pool is not None and pool > MAX_RUPIAH:
            raise GeraiError("pay.too_large", amount=format_rupiah(pool))
    first, last = date(year, 1, 1), date(year, 12, 31)
    sales = _year_sales(session, first, last)
    returns = _year_returns(session, first, last)
    savings = savings_balances(session, until=last)
    members = session.execute(
        select(Member)
        .where(or_(col(Member.join_date) <= last, col(Member.id).in_(list(sales))))
        .order_by(col(Member.number))
    ).scalars()
    basis: dict[str, tuple[Member, int, int, int, int]] = {}
    for member in members:
        assert member.id is not None
        count, total = sales.get(member.id, (0, 0))
        returned = returns.get(member.id, 0)
        balance = savings[member.id].total if member.id in savings else 0
        basis[member.number] = (member, count, total, returned, balance)
    # a member whose returns this year exceed their purchases (goods bought the year before)
    # weighs 0, not less
    weights = {number: max(row[2] - row[3], 0) for number, row in basis.items()}
    capital = {number: row[4] for number, row in basis.items()}
    all_purchases, all_savings = sum(weights.values()), sum(capital.values())
    if pool_purchases is not None and not all_purchases:
        raise GeraiError("shu.no_purchases", year=year, pool=format_rupiah(pool_purchases))
    if pool_savings is not None and not all_savings:
        raise GeraiError("shu.no_savings", year=year, pool=format_rupiah(pool_savings))
    by_purchases = largest_remainder(pool_purchases, weights) if pool_purchases is not None else {}
    by_savings = largest_remainder(pool_savings, capital) if pool_savings is not None else {}
    rows = []
    for number, (member, count, total, returned, balance) in basis.items():
        share = (
            (Decimal(weights[number]) * 100 / all_purchases).quantize(
                SHARE_PLACES, rounding=ROUND_HALF_UP
            )
            if all_purchases
            else Decimal(0).quantize(SHARE_PLACES)
        )
        on_purchases, on_savings = by_purchases.get(number), by_savings.get(number)
        given = [s for s in (on_purchases, on_savings) if s is not None]
        rows.append(
            ShuMember(
                number=number,
                name=member.name,
                active=member.active,
                sales_count=count,
                sales=total,
                returns=returned,
                purchases=total - returned,
                share_percent=share,
                savings=balance,
                shu_purchases=on_purchases,
                shu_savings=on_savings,
                shu_total=sum(given) if given else None,
            )
        )
    return ShuReport(
        year=year,
        timezone=timezone,
        pool_purchases=pool_purchases,
        pool_savings=pool_savings,
        total_purchases=sum(r.purchases for r in rows),
        total_savings=all_savings,
        members=tuple(rows),
    )


def shu_columns() -> list[str]:
    """The member fields of the report, in order (CSV header, XLSX columns)."""
    return list(ShuMember.__dataclass_fields__)


def shu_rows(report: ShuReport) -> list[dict[str, Any]]:
    """The members of the report as flat records (the JSON's `members`)."""
    rows: list[dict[str, Any]] = report.as_dict()["members"]
    return rows
