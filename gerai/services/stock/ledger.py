"""The stock ledger: every change of a product's stock is a movement, and a product's stock
always equals the sum of its movements (`stock_check` proves it)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import (
    Boolean,
    bindparam,
    false,
    func,
    or_,
    select,
    type_coerce,
)
from sqlmodel import Session, col

from gerai.core.errors import GeraiError
from gerai.core.quantity import format_quantity
from gerai.core.words import MovementKind
from gerai.models import PRODUCT, STOCK_MOVEMENT, Product, Qty, StockMovement
from gerai.services.prepared import Prepared, savepoint
from gerai.services.stock.batches import LEDGER_ACTOR, Split, move_batches

OPENING_REF = "STOK-AWAL"
_KINDS = frozenset(MovementKind)


class Movement(NamedTuple):
    """One stock change to record (a named tuple: cheap to make, one per line of a sale)."""

    product_id: int
    qty: Decimal
    kind: MovementKind
    ref: str = ""
    note: str = ""
    sale_id: int | None = None
    # for a dated product's batches (issue 17, see batches.py): the batch goods come in as,
    # one batch to take from or put into, the day from which a take skips expired batches,
    # or the batches themselves (id, quantity), adding up to `qty`
    expiry: date | None = None
    batch_code: str = ""
    batch_id: int | None = None
    fresh_from: date | None = None
    takes: Split | None = None


def move_stock(
    session: Session,
    movements: list[Movement],
    at: datetime,
    allow_negative: bool = False,
    actor: str = LEDGER_ACTOR,
    dated: Collection[int] | None = None,
) -> list[Split]:
    """Apply `movements` to the products' stock and write them to the ledger. Each change is
    a conditional UPDATE (stock + change >= 0 unless `allow_negative`), so two tills never lose
    an update and stock never goes below zero. All in one batch; when any is refused, the
    batch is undone and the first product short of stock is named (the caller's transaction
    then rolls back). A dated product's movements are split over its batches (batches.py;
    `dated`: which products are dated, when the caller read it in this transaction); returns
    each movement's split."""
    for movement in movements:
        if movement.kind not in _KINDS:
            raise ValueError(f"unknown movement kind {movement.kind!r}")
    if not movements:
        return []
    # in product order, so two tills selling the same products lock them in the same order
    # (PostgreSQL locks each row it updates until the commit: another order could deadlock)
    changes: list[dict[str, Any]] = [
        {"product": m.product_id, "change": m.qty, "guarded": m.qty < 0 and not allow_negative}
        for m in sorted(movements, key=lambda m: m.product_id)
    ]
    if not _apply_at_once(session, changes):
        for change in changes:
            if _CHANGE.many(session, [change]) != 1:
                _refuse(session, change["product"])
    _INSERT_MOVEMENTS.many(
        session,
        [
            {
                "product_id": m.product_id,
                "kind": m.kind,
                "qty": m.qty,
                "created_at": at,
                "ref": m.ref,
                "sale_id": m.sale_id,
                "note": m.note,
            }
            for m in movements
        ],
    )
    return move_batches(session, movements, at, allow_negative, actor, dated)


# compiled once, run on the driver: a sale commit runs them on its hot path
_INSERT_MOVEMENTS = Prepared(STOCK_MOVEMENT.insert())
_CHANGE = Prepared(
    PRODUCT.update()
    .where(
        PRODUCT.c.id == bindparam("product"),
        or_(
            bindparam("guarded", type_=Boolean) == false(),
            PRODUCT.c.stock + bindparam("change", type_=Qty()) >= 0,
        ),
    )
    .values(stock=PRODUCT.c.stock + bindparam("change", type_=Qty()))
)


def _apply_at_once(session: Session, changes: list[dict[str, Any]]) -> bool:
    """Apply every change, in one driver call inside a savepoint; False, with none of them
    left applied, when any was refused (for `changes` to be applied one by one and the first
    refused named). The rows are locked in product order, the order `changes` come in."""
    with savepoint(session) as undo:
        if _CHANGE.many(session, changes) == len(changes):
            return True
        undo()
        return False


def _refuse(session: Session, product_id: int) -> None:
    product = session.get(Product, product_id)
    if product is None:
        raise GeraiError("stock.no_product", id=product_id)
    session.refresh(product)
    raise GeraiError(
        "cart.out_of_stock",
        name=product.name,
        stock=format_quantity(max(product.stock, Decimal(0)), product.unit),
    )


@dataclass(frozen=True)
class StockMismatch:
    """A product whose stock differs from the sum of its ledger movements."""

    code: str
    name: str
    stock: Decimal
    ledger: Decimal


def stock_check(session: Session) -> list[StockMismatch]:
    """Every product whose stock is not the sum of its movements (empty when all agree)."""
    ledger = (
        select(col(StockMovement.product_id), func.sum(col(StockMovement.qty)).label("total"))
        .group_by(col(StockMovement.product_id))
        .subquery()
    )
    total = type_coerce(func.coalesce(ledger.c.total, 0), Qty())
    rows = session.execute(
        select(col(Product.code), col(Product.name), col(Product.stock), total)
        .outerjoin(ledger, ledger.c.product_id == col(Product.id))
        .where(col(Product.stock) != total)
        .order_by(col(Product.code))
    ).all()
    return [StockMismatch(*row) for row in rows]
