"""Quotas over time for regulated products (issue 16): a product is regulated (it needs the
buyer's identity and counts in a quota group); a group carries limits per buyer (NIK) per day,
week or month and per household (KK) per month. The limits count every completed sale of the
group on every till, less what was returned, inside the sale's own transaction: the group's
quota rules are locked first (`SELECT ... FOR UPDATE` on PostgreSQL; SQLite's write
transactions are serial), so two tills cannot both sell the last allowed unit."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import bindparam, func, select
from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.core.quantity import format_quantity
from gerai.core.words import QuotaPeriod, QuotaScope, SaleStatus
from gerai.models import (
    DATED_PRODUCT,
    PRODUCT,
    QUOTA_RULE,
    REGULATED_PRODUCT,
    SALE,
    SALE_LINE,
    SALE_RETURN_LINE,
)
from gerai.services.audit.seals import seal
from gerai.services.prepared import Prepared
from gerai.services.sale.buyers import Buyer, make_buyer
from gerai.services.stock.catalog import PRODUCT_QUERY, ProductInfo, product_info


@dataclass(frozen=True)
class Regulation:
    """A regulated product's rule: its quota group and whether it needs the buyer."""

    product_id: int
    quota_group: str
    needs_buyer: bool


def set_regulated(
    session: Session,
    product_id: int,
    *,
    quota_group: str | None = None,
    needs_buyer: bool = True,
    actor: str,
    at: datetime,
) -> Regulation:
    """Make a product regulated (or change its rule); the group defaults to its code."""
    connection = session.connection()
    code = connection.execute(
        select(PRODUCT.c.code).where(PRODUCT.c.id == product_id)
    ).scalar_one_or_none()
    if code is None:
        raise GeraiError("quota.no_product", product=product_id)
    group = (quota_group or code).strip()
    values = {"quota_group": group, "needs_buyer": needs_buyer}
    updated = connection.execute(
        REGULATED_PRODUCT.update()
        .where(REGULATED_PRODUCT.c.product_id == product_id)
        .values(**values)
    ).rowcount
    if not updated:
        connection.execute(REGULATED_PRODUCT.insert().values(product_id=product_id, **values))
    seal(session, REGULATED_PRODUCT, [product_id], actor=actor, at=at)
    return Regulation(product_id, group, needs_buyer)


def set_quota(
    session: Session,
    quota_group: str,
    scope: str,
    period: str,
    limit: Decimal,
    *,
    actor: str,
    at: datetime,
) -> int:
    """Set (or replace) the group's limit for this scope and period; returns the rule's id."""
    if scope not in tuple(QuotaScope):
        raise GeraiError("quota.bad_scope", scope=scope, scopes=", ".join(QuotaScope))
    if period not in tuple(QuotaPeriod):
        raise GeraiError("quota.bad_period", period=period, periods=", ".join(QuotaPeriod))
    if limit <= 0:
        raise GeraiError("quota.limit_positive", limit=format_quantity(limit))
    connection = session.connection()
    where = (
        (QUOTA_RULE.c.quota_group == quota_group)
        & (QUOTA_RULE.c.scope == scope)
        & (QUOTA_RULE.c.period == period)
    )
    rule_id = connection.execute(select(QUOTA_RULE.c.id).where(where)).scalar_one_or_none()
    if rule_id is None:
        rule_id = connection.execute(
            QUOTA_RULE.insert()
            .values(quota_group=quota_group, scope=scope, period=period, limit=limit)
            .returning(QUOTA_RULE.c.id)
        ).scalar_one()
    else:
        connection.execute(
            QUOTA_RULE.update().where(QUOTA_RULE.c.id == rule_id).values(limit=limit)
        )
    seal(session, QUOTA_RULE, [rule_id], actor=actor, at=at)
    return int(rule_id)


def period_bounds(period: str, day: date) -> tuple[date, date]:
    """The first and last business day of the period holding `day` (weeks start Monday)."""
    if period == QuotaPeriod.DAY:
        return day, day
    if period == QuotaPeriod.WEEK:
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


def regulations(session: Session, product_ids: Iterable[int]) -> dict[int, Regulation]:
    """The regulated ones among these products."""
    ids = list(set(product_ids))
    if not ids:
        return {}
    rows = _REGULATED_AMONG.rows(session, {"ids": ids})
    return {row[0]: Regulation(row[0], row[1], bool(row[2])) for row in rows}


_REGULATED_AMONG = Prepared(
    select(
        REGULATED_PRODUCT.c.product_id,
        REGULATED_PRODUCT.c.quota_group,
        REGULATED_PRODUCT.c.needs_buyer,
    ).where(REGULATED_PRODUCT.c.product_id.in_(bindparam("ids", expanding=True)))
)


def stored_for_sale(
    session: Session, product_ids: Sequence[int]
) -> tuple[dict[int, ProductInfo], set[int], dict[int, Regulation]]:
    """A sale's products as stored now (active or not; an unknown id is left out), which of
    them are dated (`batches.dated_ids`) and the regulated ones' rules (`regulations`), in
    one query."""
    ids = sorted(set(product_ids))
    if not ids:
        return {}, set(), {}
    products: dict[int, ProductInfo] = {}
    dated: set[int] = set()
    rules: dict[int, Regulation] = {}
    for row in _FOR_SALE.rows(session, {"ids": ids}):
        product = products[row[0]] = product_info(row)
        is_dated, group, needs_buyer = row[-3:]
        if is_dated:
            dated.add(product.id)
        if group is not None:
            rules[product.id] = Regulation(product.id, group, bool(needs_buyer))
    return products, dated, rules


_FOR_SALE = Prepared(
    PRODUCT_QUERY.add_columns(
        DATED_PRODUCT.c.product_id.is_not(None),
        REGULATED_PRODUCT.c.quota_group,
        REGULATED_PRODUCT.c.needs_buyer,
    )
    .outerjoin(DATED_PRODUCT, DATED_PRODUCT.c.product_id == PRODUCT.c.id)
    .outerjoin(REGULATED_PRODUCT, REGULATED_PRODUCT.c.product_id == PRODUCT.c.id)
    .where(PRODUCT.c.id.in_(bindparam("ids", expanding=True)))
)


def bought(
    session: Session, quota_group: str, scope: str, who: str, start: date, end: date
) -> Decimal:
    """What `who` (a NIK, or a KK for a household) bought of the group from `start` to `end`
    (business days of the sales), on every till, less what was returned."""
    connection = session.connection()
    who_column = SALE_LINE.c.buyer_kk if scope == QuotaScope.HOUSEHOLD else SALE_LINE.c.buyer_nik
    in_group = SALE_LINE.c.product_id.in_(
        select(REGULATED_PRODUCT.c.product_id).where(REGULATED_PRODUCT.c.quota_group == quota_group)
    )
    counted = (
        (who_column == who)
        & in_group
        & (SALE.c.status == SaleStatus.COMPLETED)
        & SALE.c.business_date.between(start, end)
    )
    sold = connection.execute(
        select(func.coalesce(func.sum(SALE_LINE.c.qty), 0))
        .select_from(SALE_LINE.join(SALE, SALE.c.id == SALE_LINE.c.sale_id))
        .where(counted)
    ).scalar_one()
    returned = connection.execute(
        select(func.coalesce(func.sum(SALE_RETURN_LINE.c.qty), 0))
        .select_from(
            SALE_RETURN_LINE.join(
                SALE_LINE, SALE_LINE.c.id == SALE_RETURN_LINE.c.sale_line_id
            ).join(SALE, SALE.c.id == SALE_LINE.c.sale_id)
        )
        .where(counted)
    ).scalar_one()
    return Decimal(str(sold)) - Decimal(str(returned))


EXCEEDED = {  # the refusal's message for each scope and period
    (QuotaScope.BUYER, QuotaPeriod.DAY): "quota.exceeded_buyer_day",
    (QuotaScope.BUYER, QuotaPeriod.WEEK): "quota.exceeded_buyer_week",
    (QuotaScope.BUYER, QuotaPeriod.MONTH): "quota.exceeded_buyer_month",
    (QuotaScope.HOUSEHOLD, QuotaPeriod.DAY): "quota.exceeded_household_day",
    (QuotaScope.HOUSEHOLD, QuotaPeriod.WEEK): "quota.exceeded_household_week",
    (QuotaScope.HOUSEHOLD, QuotaPeriod.MONTH): "quota.exceeded_household_month",
}


def check_quotas(
    session: Session,
    lines: Iterable[tuple[int, str, Decimal]],
    buyer: Buyer | None,
    business_date: date,
    *,
    member_nik: str | None = None,
    regulated: Mapping[int, Regulation] | None = None,
) -> dict[int, Buyer]:
    """Check a sale's lines (product id, name, quantity) against the regulated products'
    rules, in the sale's transaction (without a typed buyer, the attached member's stored NIK
    is used, and only when a line is regulated); returns the product ids whose lines keep the buyer.
    Refuses a regulated product without a buyer, and any quota the sale would pass, saying
    the limit, what was bought in the period and what is left. `regulated`: the lines'
    regulated products' rules, when the caller read them in this transaction."""
    wanted = list(lines)
    rules_of = (
        regulations(session, (product_id for product_id, _, _ in wanted))
        if regulated is None
        else regulated
    )
    if not rules_of:
        return {}
    if buyer is None and member_nik:  # the attached member's stored NIK, as a household
        buyer = make_buyer(None, None, member_nik=member_nik)
    if buyer is None:
        for product_id, name, _ in wanted:
            if product_id in rules_of and rules_of[product_id].needs_buyer:
                raise GeraiError("buyer.required", name=name)
        return {}
    per_group: dict[str, Decimal] = {}
    for product_id, _, qty in wanted:
        if product_id in rules_of:
            group = rules_of[product_id].quota_group
            per_group[group] = per_group.get(group, Decimal(0)) + qty
    connection = session.connection()
    rules = connection.execute(
        select(
            QUOTA_RULE.c.quota_group, QUOTA_RULE.c.scope, QUOTA_RULE.c.period, QUOTA_RULE.c.limit
        )
        .where(QUOTA_RULE.c.quota_group.in_(sorted(per_group)))
        .order_by(QUOTA_RULE.c.id)
        .with_for_update()
    ).all()
    for group, scope, period, limit in rules:
        who = buyer.kk if scope == QuotaScope.HOUSEHOLD else buyer.nik
        if who is None:
            continue
        start, end = period_bounds(period, business_date)
        already = bought(session, group, scope, who, start, end)
        if already + per_group[group] > limit:
            raise GeraiError(
                EXCEEDED[scope, period],
                group=group,
                limit=format_quantity(limit),
                bought=format_quantity(already),
                left=format_quantity(max(limit - already, Decimal(0))),
            )
    return {product_id: buyer for product_id, _, _ in wanted if product_id in rules_of}
