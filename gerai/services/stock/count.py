"""Stock as found on the shelf. Stok opname: count all or some products (a category, or what
is scanned), see expected vs counted and the value of the difference at HPP, confirm with a
reason; the differences go on the ledger (kind `opname`). A dated product may be counted per
batch (each batch's difference goes to that batch; batches not counted keep their stock), or
as a whole (missing goods taken first-expiry-first, found goods added undated). Write-offs:
damaged or expired goods taken out of stock with a reason (kind `adjust`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.core.quantity import format_quantity
from gerai.core.words import AuditKind, DocumentSeries, MovementKind, Permission
from gerai.models import (
    STOCK_COUNT,
    STOCK_COUNT_LINE,
    WRITE_OFF,
    StockCount,
    StockCountLine,
    WriteOff,
)
from gerai.services.audit import trail as audit
from gerai.services.audit.seals import seal
from gerai.services.shop.auth import Actor, Approval, approved_by, authorize
from gerai.services.shop.profile import ShopProfile
from gerai.services.stock.batches import batches, is_dated
from gerai.services.stock.catalog import ProductFilter, ProductInfo, product_page
from gerai.services.stock.inventory import (
    fresh,
    next_number,
    product_for,
    quantity,
    reason,
    value_at,
)
from gerai.services.stock.ledger import Movement, move_stock

MAX_COUNT_LINES = 20_000


@dataclass(frozen=True)
class BatchCount:
    """One batch of a dated product counted: the books' quantity and what is on the shelf."""

    batch_id: int
    expiry: date | None
    code: str
    expected: Decimal
    counted: Decimal

    @property
    def difference(self) -> Decimal:
        """Counted minus expected."""
        return self.counted - self.expected


@dataclass(frozen=True)
class CountLine:
    """One product counted: the stock the books expect and what is on the shelf (and, for a
    dated product counted per batch, each batch's count)."""

    product: ProductInfo
    expected: Decimal
    counted: Decimal
    batches: tuple[BatchCount, ...] = ()

    def batch_split(self) -> tuple[tuple[int, Decimal], ...] | None:
        """The batches' differences (batch id, difference), or None when counted as a whole
        (the ledger then splits the difference itself)."""
        if not self.batches:
            return None
        return tuple((b.batch_id, b.difference) for b in self.batches if b.difference)

    @property
    def differs(self) -> bool:
        """True when the product's stock or any of its batches differs."""
        return bool(self.difference) or any(b.difference for b in self.batches)

    @property
    def difference(self) -> Decimal:
        """Counted minus expected: negative when goods are missing."""
        return self.counted - self.expected

    @property
    def value(self) -> int:
        """The difference at the product's HPP."""
        return value_at(self.difference, self.product.cost)


@dataclass(frozen=True)
class CountResult:
    """A stock count confirmed."""

    number: str
    lines: int
    differences: int
    value: int


@dataclass(frozen=True)
class WriteOffResult:
    """A write-off written."""

    number: str
    qty: Decimal
    value: int


def count_candidates(session: Session, category_id: int | None = None) -> list[ProductInfo]:
    """The active products to count, by name: one category's, or every one."""
    return product_page(session, ProductFilter(category_id=category_id), limit=MAX_COUNT_LINES)


def count_line(session: Session, code: str, counted: Any) -> CountLine:
    """One line of a count: `code` must name a product, `counted` be a quantity (0 or more,
    whole for pieces), or for a dated product a mapping of its batches (id → quantity; a
    batch not named keeps its stock); the expected stock is the stock now."""
    product = fresh(session, product_for(session, code))
    if not isinstance(counted, Mapping):
        return CountLine(product, product.stock, quantity(counted, product, allow_zero=True))
    if not is_dated(session, product.id):
        raise GeraiError("count.not_dated", name=product.name)
    held = {b.id: b for b in batches(session, product.id)}
    unknown = [batch_id for batch_id in counted if batch_id not in held]
    if unknown:
        raise GeraiError("batch.not_found", batch=unknown[0])
    lines = tuple(
        BatchCount(b.id, b.expiry, b.batch, b.qty, b.qty)
        if b.id not in counted
        else BatchCount(
            b.id, b.expiry, b.batch, b.qty, quantity(counted[b.id], product, allow_zero=True)
        )
        for b in held.values()
    )
    change = sum((b.difference for b in lines), Decimal(0))
    return CountLine(product, product.stock, product.stock + change, lines)


def confirm_count(
    session: Session,
    entries: list[tuple[str, Any]],
    reason_text: str,
    scope: str,
    *,
    actor: Actor,
    at: datetime,
    shop: ShopProfile,
    approval: Approval | None = None,
) -> CountResult:
    """Write the count of `entries` (code, counted) in the caller's transaction: the count, its
    lines against the stock now, an `opname` movement for every difference, and the audit
    record (permission `stock`). A reason is required when anything differs. Refused whole on
    any bad line."""
    answerable = authorize(session, actor, Permission.STOCK, now=at, approval=approval)
    if not entries:
        raise GeraiError("count.nothing")
    lines: list[CountLine] = []
    seen: set[int] = set()
    for line_no, (code, counted) in enumerate(entries, start=1):
        try:
            line = count_line(session, code, counted)
        except GeraiError as error:
            raise GeraiError(
                "count.line_problem", line=line_no, code=code.strip(), problem=error
            ) from error
        if line.product.id in seen:
            raise GeraiError("count.duplicate", name=line.product.name)
        seen.add(line.product.id)
        lines.append(line)
    differing = [line for line in lines if line.differs]
    why = " ".join(reason_text.split())
    if differing:
        why = reason(reason_text, "count.reason_required")
    total = sum(line.value for line in lines)
    number = next_number(session, StockCount, DocumentSeries.COUNT, shop.business_date(at))
    count = StockCount(
        number=number,
        scope=" ".join(scope.split())[:80],
        reason=why[:200],
        created_at=at,
        created_by=actor.name,
        value=total,
    )
    session.add(count)
    session.flush()
    assert count.id is not None
    counted = [
        StockCountLine(
            count_id=count.id,
            product_id=line.product.id,
            expected=line.expected,
            counted=line.counted,
            difference=line.difference,
            cost=line.product.cost,
            value=line.value,
        )
        for line in lines
    ]
    session.add_all(counted)
    session.flush()
    seal(session, STOCK_COUNT, [count.id], actor=actor.name, at=at)
    seal(session, STOCK_COUNT_LINE, [line.id for line in counted], actor=actor.name, at=at)
    move_stock(
        session,
        [
            Movement(
                line.product.id,
                line.difference,
                MovementKind.OPNAME,
                ref=number,
                note=why[:200],
                takes=line.batch_split(),
            )
            for line in differing
        ],
        at=at,
        allow_negative=True,  # the count sets the stock to what is there, never below zero
    )
    audit.record(
        session, kind=AuditKind.STOCK_COUNTED, actor=actor.name, at=at, ref=number,
        detail={"scope": count.scope, "lines": len(lines), "differences": len(differing),
                "value": total, "reason": count.reason, **approved_by(actor, answerable)},
    )  # fmt: skip
    return CountResult(number, len(lines), len(differing), total)


def write_off(
    session: Session,
    code: str,
    qty: Any,
    reason_text: str,
    *,
    actor: Actor,
    at: datetime,
    shop: ShopProfile,
    approval: Approval | None = None,
    batch_id: int | None = None,
) -> WriteOffResult:
    """Take damaged or expired goods out of stock, with the reason and their value at HPP
    (permission `stock`; audited). A dated product's goods come from the batch picked
    (`batch_id`: the expired one), else first-expiry-first."""
    answerable = authorize(session, actor, Permission.STOCK, now=at, approval=approval)
    product = fresh(session, product_for(session, code))
    taken = quantity(qty, product)
    why = reason(reason_text, "writeoff.reason_required")
    if taken > product.stock and not shop.allow_negative_stock:
        raise GeraiError(
            "writeoff.short",
            name=product.name,
            wanted=format_quantity(taken, product.unit),
            stock=format_quantity(max(product.stock, Decimal(0)), product.unit),
        )
    value = value_at(taken, product.cost)
    number = next_number(session, WriteOff, DocumentSeries.WRITE_OFF, shop.business_date(at))
    written = WriteOff(
        number=number,
        product_id=product.id,
        qty=taken,
        cost=product.cost,
        value=value,
        reason=why,
        created_at=at,
        created_by=actor.name,
    )
    session.add(written)
    session.flush()
    seal(session, WRITE_OFF, [written.id], actor=actor.name, at=at)
    move_stock(
        session,
        [
            Movement(
                product.id, -taken, MovementKind.ADJUST, ref=number, note=why, batch_id=batch_id
            )
        ],
        at=at,
        allow_negative=shop.allow_negative_stock,
        actor=actor.name,
    )
    audit.record(
        session, kind=AuditKind.WRITTEN_OFF, actor=actor.name, at=at, ref=number,
        detail={"product": product.code, "qty": str(taken), "value": value, "reason": why,
                **approved_by(actor, answerable)},
    )  # fmt: skip
    return WriteOffResult(number, taken, value)
