"""The pangkalan's log of regulated sales (issue 16): every completed sale line kept with a
buyer's NIK in a month (LPG 3 kg: `--group` of its quota group), net of returns, with totals
per day and per buyer category, the monthly figure the agent asks for. The NIK is whole:
the log is for the bendahara and the agent."""

from __future__ import annotations

import calendar
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.core.words import SaleStatus
from gerai.models import REGULATED_PRODUCT, SALE, SALE_LINE, SALE_RETURN_LINE, Qty
from gerai.services.shop.profile import ShopProfile

LOG_COLUMNS = [
    "date",
    "time",
    "receipt",
    "code",
    "nik",
    "category",
    "qty",
    "price",
    "amount",
]


@dataclass(frozen=True)
class LogLine:
    """One regulated sale line, net of what came back."""

    date: str
    time: str
    receipt: str
    code: str
    nik: str
    category: str
    qty: Decimal
    price: int
    amount: int


@dataclass(frozen=True)
class RegulatedLog:
    """A month's regulated sales and their totals."""

    month: str
    lines: list[LogLine]
    by_day: dict[str, Decimal]
    by_category: dict[str, Decimal]
    qty: Decimal
    amount: int

    def as_dict(self) -> dict[str, Any]:
        """The log as JSON-ready values (quantities as text)."""
        return {
            "month": self.month,
            "lines": [{**asdict(line), "qty": str(line.qty)} for line in self.lines],
            "by_day": {k: str(v) for k, v in self.by_day.items()},
            "by_category": {k: str(v) for k, v in self.by_category.items()},
            "qty": str(self.qty),
            "amount": self.amount,
        }


def parse_month(text: str) -> tuple[date, date]:
    """`YYYY-MM` as its first and last day; GeraiError for anything else."""
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        first = date(year, month, 1)
    except ValueError as exc:
        raise GeraiError("report.bad_month", month=text) from exc
    return first, first.replace(day=calendar.monthrange(year, month)[1])


def regulated_log(
    session: Session, month: str, shop: ShopProfile, quota_group: str | None = None
) -> RegulatedLog:
    """The month's sale lines kept with a buyer's NIK (of one quota group when given)."""
    first, last = parse_month(month)
    returned = (
        select(func.coalesce(func.sum(SALE_RETURN_LINE.c.qty), 0, type_=Qty()))
        .where(SALE_RETURN_LINE.c.sale_line_id == SALE_LINE.c.id)
        .scalar_subquery()
    )
    query = (
        select(
            SALE.c.created_at,
            SALE.c.receipt_no,
            SALE_LINE.c.code,
            SALE_LINE.c.buyer_nik,
            SALE_LINE.c.buyer_category,
            SALE_LINE.c.qty,
            SALE_LINE.c.unit_price,
            SALE_LINE.c.line_total,
            returned,
        )
        .select_from(SALE_LINE.join(SALE, SALE.c.id == SALE_LINE.c.sale_id))
        .where(
            SALE_LINE.c.buyer_nik.is_not(None),
            SALE.c.status == SaleStatus.COMPLETED,
            SALE.c.business_date.between(first, last),
        )
        .order_by(SALE.c.created_at, SALE_LINE.c.line_no)
    )
    if quota_group:
        query = query.where(
            SALE_LINE.c.product_id.in_(
                select(REGULATED_PRODUCT.c.product_id).where(
                    REGULATED_PRODUCT.c.quota_group == quota_group
                )
            )
        )
    lines: list[LogLine] = []
    by_day: dict[str, Decimal] = {}
    by_category: dict[str, Decimal] = {}
    for at, receipt, code, nik, category, qty, price, total, back in session.connection().execute(
        query
    ):
        back_qty = Decimal(back)
        net = qty - back_qty
        if net <= 0:
            continue
        amount = total if back_qty == 0 else price * net
        local = at.astimezone(shop.zone)
        day = local.date().isoformat()
        lines.append(
            LogLine(
                day,
                local.strftime("%H:%M"),
                receipt,
                code,
                nik,
                category or "",
                net,
                price,
                int(amount),
            )
        )
        by_day[day] = by_day.get(day, Decimal(0)) + net
        by_category[category or ""] = by_category.get(category or "", Decimal(0)) + net
    return RegulatedLog(
        month=first.strftime("%Y-%m"),
        lines=lines,
        by_day=by_day,
        by_category=by_category,
        qty=sum((line.qty for line in lines), Decimal(0)),
        amount=sum(line.amount for line in lines),
    )
