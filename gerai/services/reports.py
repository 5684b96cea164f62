"""The daily summary, computed from the sales of one business day (local midnight to
midnight in the shop's time zone)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import case, func, select
from sqlmodel import Session, col

from gerai.models import Payment, Sale
from gerai.services.checkout import PAYMENT_METHODS
from gerai.services.shop import ShopProfile

COMPLETED = "completed"


@dataclass(frozen=True)
class BuyerGroup:
    """Sales to members or to non-members."""

    count: int
    net: int


@dataclass(frozen=True)
class DailySummary:
    """One day's figures. `as_dict()` is the stable JSON form documented in the README."""

    date: date
    timezone: str
    sales_count: int
    gross: int
    member_discount: int
    manual_discount: int
    net: int
    average_basket: int
    payments: dict[str, int]
    member: BuyerGroup
    non_member: BuyerGroup

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the date as `YYYY-MM-DD`)."""
        data = asdict(self)
        data["date"] = self.date.isoformat()
        return data


def daily_summary(session: Session, day: date, shop: ShopProfile) -> DailySummary:
    """The summary of `day`'s completed sales."""
    completed = (col(Sale.business_date) == day, col(Sale.status) == COMPLETED)
    is_member = col(Sale.member_id).is_not(None)
    row = session.execute(
        select(
            func.count(col(Sale.id)),
            func.coalesce(func.sum(Sale.gross), 0),
            func.coalesce(func.sum(Sale.member_discount), 0),
            func.coalesce(func.sum(Sale.manual_discount), 0),
            func.coalesce(func.sum(Sale.total), 0),
            func.coalesce(func.sum(case((is_member, 1), else_=0)), 0),
            func.coalesce(func.sum(case((is_member, Sale.total), else_=0)), 0),
        ).where(*completed)
    ).one()
    count, gross, member_discount, manual_discount, net, member_count, member_net = map(int, row)
    payments = dict.fromkeys(PAYMENT_METHODS, 0)
    for method, amount in session.execute(
        select(col(Payment.method), func.sum(col(Payment.amount)))
        .join(Sale, col(Sale.id) == col(Payment.sale_id))
        .where(*completed)
        .group_by(col(Payment.method))
    ):
        payments[method] = int(amount)
    return DailySummary(
        date=day,
        timezone=shop.timezone,
        sales_count=count,
        gross=gross,
        member_discount=member_discount,
        manual_discount=manual_discount,
        net=net,
        average_basket=net // count if count else 0,
        payments=payments,
        member=BuyerGroup(member_count, member_net),
        non_member=BuyerGroup(count - member_count, net - member_net),
    )


def summary_rows(summary: DailySummary) -> list[dict[str, Any]]:
    """The summary flattened to `item,value` rows (`payments.tunai`, `member.net`, ...)."""
    rows: list[dict[str, Any]] = []

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else key, inner)
        else:
            rows.append({"item": prefix, "value": value})

    walk("", summary.as_dict())
    return rows
