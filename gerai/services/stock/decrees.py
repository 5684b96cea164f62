"""Price decrees (HET): a decree file sets, from a business day on, products' price ceilings
(HET) and, when it says so, their price and member price. Every row is checked before any is
kept; the changes wait as scheduled prices and are applied at the start of their day (the
first shift opened that day, or `gerai prices apply`), at once when the day has come. A price
is never left above its HET: a decree that would leave one above is refused unless it says to
lower it, and applying always lowers what stands above the new HET."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from gerai.core.errors import GeraiError
from gerai.core.money import format_rupiah
from gerai.core.words import AuditKind, Permission
from gerai.models import PRODUCT, SCHEDULED_PRICE, Product, ScheduledPrice
from gerai.services.audit import trail as audit
from gerai.services.audit.seals import seal
from gerai.services.importing import ImportRefused, RowProblem, cell_money, cell_text
from gerai.services.shop.auth import Actor, authorize
from gerai.services.stock.catalog import ProductInfo, find_by_code
from gerai.services.stock.prices import PriceUpdate, record_price_changes
from gerai.tabular import Table

DECREE_COLUMNS = ("code", "het", "price", "member_price", "zone")  # code: a code or barcode


@dataclass(frozen=True)
class DecreeLine:
    """One product's change in a decree file, for the shop's HET zone."""

    row: int
    product: ProductInfo
    het: int
    price: int | None
    member_price: int | None

    def price_after(self) -> int:
        """The price the product will have: the decree's, else today's."""
        return self.price if self.price is not None else self.product.price

    def member_price_after(self) -> int | None:
        """The member price the product will have: the decree's, else today's."""
        return self.member_price if self.member_price is not None else self.product.member_price


@dataclass(frozen=True)
class PendingPrice:
    """A scheduled change not applied yet, as `gerai prices scheduled` lists it."""

    effective: date
    code: str
    name: str
    het: int
    price: int | None
    member_price: int | None
    decree: str


@dataclass(frozen=True)
class AppliedPrice:
    """What applying one scheduled change did to its product."""

    code: str
    het: tuple[int | None, int]
    price: tuple[int, int]
    member_price: tuple[int | None, int | None]

    @property
    def lowered(self) -> bool:
        """True when the price stood above the new HET and was brought down to it."""
        return self.price[1] == self.het[1] and self.price[0] > self.het[1]


def check_decree(
    session: Session, table: Table, *, zone: int, lower_to_het: bool
) -> list[DecreeLine]:
    """Every row of the decree file for the shop's HET `zone` (rows of other zones are left
    out), checked: a known code or barcode, a HET above zero, a price and member price not
    above the HET, each product once. A price that would stand above its new HET is a
    problem unless `lower_to_het`. ImportRefused with every bad row; nothing is read twice."""
    lines: list[DecreeLine] = []
    problems: list[RowProblem] = []
    seen: set[int] = set()
    for number, row in zip(table.numbers, table.rows, strict=True):
        try:
            line = _line(session, number, row, zone)
        except _RowError as bad:
            problems.append(RowProblem(number, bad.column, bad.error))
            continue
        if line is None:
            continue
        if line.product.id in seen:
            problems.append(RowProblem(number, "code", GeraiError("decree.twice")))
            continue
        seen.add(line.product.id)
        problems.extend(_above_het(line, lower_to_het))
        lines.append(line)
    if problems:
        raise ImportRefused(problems)
    if not lines:
        raise GeraiError("decree.empty", zone=zone)
    return lines


class _RowError(Exception):
    def __init__(self, column: str, error: GeraiError) -> None:
        super().__init__(column)
        self.column, self.error = column, error


def _cell(column: str, read: Any) -> Any:
    try:
        return read()
    except GeraiError as error:
        raise _RowError(column, error) from error


def _line(session: Session, number: int, row: dict[str, Any], zone: int) -> DecreeLine | None:
    row_zone = _cell("zone", lambda: cell_text(row.get("zone")))
    if row_zone and row_zone != str(zone):
        if not row_zone.isdigit():
            raise _RowError("zone", GeraiError("decree.bad_zone", value=row_zone))
        return None
    code = _cell("code", lambda: cell_text(row.get("code")))
    product = find_by_code(session, code, include_inactive=True) if code else None
    if product is None:
        raise _RowError("code", GeraiError("stockadm.unknown_code", code=code))
    het = _cell("het", lambda: cell_money(row.get("het"), "het", required=True))
    if not het:
        raise _RowError("het", GeraiError("decree.het_zero"))
    price = _cell("price", lambda: cell_money(row.get("price"), "price", required=False))
    member = _cell(
        "member_price", lambda: cell_money(row.get("member_price"), "member_price", False)
    )
    return DecreeLine(number, product, het, price, member)


def _above_het(line: DecreeLine, lower_to_het: bool) -> list[RowProblem]:
    """The decree's own price above its HET is always wrong; today's price left above the
    new HET is wrong unless the decree lowers it."""
    problems = []
    for column, own, after in (
        ("price", line.price, line.price_after()),
        ("member_price", line.member_price, line.member_price_after()),
    ):
        if after is None or after <= line.het:
            continue
        if own is not None or not lower_to_het:
            error = GeraiError(
                "decree.above_het",
                name=line.product.name,
                price=format_rupiah(after),
                het=format_rupiah(line.het),
            )
            problems.append(RowProblem(line.row, column, error))
    return problems


def schedule_decree(
    session: Session,
    lines: list[DecreeLine],
    effective: date,
    decree: str,
    *,
    actor: Actor,
    at: datetime,
) -> int:
    """Keep the checked lines as scheduled prices for `effective` (admins: permission
    `products`), audited; their number. They are applied by `apply_due_prices`."""
    authorize(session, actor, Permission.PRODUCTS, now=at)
    kept = [
        ScheduledPrice(
            product_id=line.product.id, effective=effective, het=line.het, price=line.price,
            member_price=line.member_price, decree=decree[:120], created_at=at,
            created_by=actor.name,
        )
        for line in lines
    ]  # fmt: skip
    session.add_all(kept)
    session.flush()
    seal(session, SCHEDULED_PRICE, [row.id for row in kept], actor=actor.name, at=at)
    audit.record(
        session, kind=AuditKind.PRICES_SCHEDULED, actor=actor.name, at=at, ref=decree[:120],
        detail={"effective": effective.isoformat(), "products": len(lines)},
    )  # fmt: skip
    return len(lines)


def pending_prices(session: Session) -> list[PendingPrice]:
    """The scheduled changes not applied yet, by day and product code."""
    rows = session.exec(
        select(ScheduledPrice, Product.code, Product.name)
        .join(Product, col(Product.id) == ScheduledPrice.product_id)
        .where(col(ScheduledPrice.applied_at).is_(None))
        .order_by(col(ScheduledPrice.effective), col(Product.code), col(ScheduledPrice.id))
    )
    return [
        PendingPrice(s.effective, code, name, s.het, s.price, s.member_price, s.decree)
        for s, code, name in rows
    ]


def apply_due_prices(
    session: Session, today: date, *, actor: str, at: datetime
) -> list[AppliedPrice]:
    """Apply every scheduled change whose day has come, oldest first, in the caller's
    transaction: the product's HET, its price and member price as the decree sets them,
    either lowered to the HET when it would stand above; each price change kept in the price
    history, the whole audited. Nothing due: nothing written."""
    due = session.exec(
        select(ScheduledPrice)
        .where(col(ScheduledPrice.applied_at).is_(None), col(ScheduledPrice.effective) <= today)
        .order_by(col(ScheduledPrice.effective), col(ScheduledPrice.id))
        .with_for_update()
    ).all()
    applied = [_apply(session, change, at=at) for change in due]
    if applied:
        record_price_changes(
            session,
            [
                PriceUpdate(c.product_id, a.code, *a.price, *a.member_price)
                for c, a in zip(due, applied, strict=True)
                if (a.price[0], a.member_price[0]) != (a.price[1], a.member_price[1])
            ],
            by=actor,
            at=at,
        )
        seal(session, PRODUCT, [change.product_id for change in due], actor=actor, at=at)
        seal(session, SCHEDULED_PRICE, [change.id for change in due], actor=actor, at=at)
        audit.record(
            session, kind=AuditKind.PRICES_APPLIED, actor=actor, at=at,
            ref=today.isoformat(), detail={"changes": [_detail(a) for a in applied]},
        )  # fmt: skip
    return applied


def _apply(session: Session, change: ScheduledPrice, *, at: datetime) -> AppliedPrice:
    product = session.get(Product, change.product_id)
    assert product is not None  # products are never deleted
    before = (product.het, product.price, product.member_price)
    price = min(change.price if change.price is not None else product.price, change.het)
    member = change.member_price if change.member_price is not None else product.member_price
    member = None if member is None else min(member, change.het)
    product.het, product.price, product.member_price = change.het, price, member
    product.updated_at = at
    change.applied_at = at
    session.add_all([product, change])
    session.flush()
    return AppliedPrice(
        product.code, (before[0], change.het), (before[1], price), (before[2], member)
    )


def _detail(applied: AppliedPrice) -> dict[str, Any]:
    return {
        "code": applied.code,
        "het": list(applied.het),
        "price": list(applied.price),
        "member_price": list(applied.member_price),
    }
