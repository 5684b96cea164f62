"""Expiry dates and batches (issue 17). A dated product's stock is kept per batch: each
batch has an expiry date (or none: stock of unknown date) and a batch code. The stock ledger
stays the single truth: every stock movement of a dated product is split over its batches in
the same transaction (`move_batches`, called by `ledger.move_stock`), each part written to the
batch ledger (`batchmovement`), so a product's batches always add up to its stock
(`batch_check` proves it, run by `gerai stock check`).

How a movement is split, when the caller does not name the batches itself (`Movement.takes`):
- goods in with an expiry date or a batch code (receiving) go to that batch, made if new;
- goods coming back from a sale (a return, a void: the movement names the sale) go back to the
  batches the sale took them from;
- goods taken out go first-expiry-first-out; a sale (`fresh_from` its business day) takes from
  batches not yet expired first; a movement may name one batch (`batch_id`: the kasir scanned
  it, a write-off of expired goods picked it);
- anything else (a count that found more, a repack's produce without a source date) goes to the
  batch without a date; what no batch holds (a sale below zero the shop allows) is taken from
  it too, so the sum stays right."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy import and_, bindparam, func, select, type_coerce
from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.core.quantity import format_quantity
from gerai.core.text import check_text
from gerai.core.words import AuditKind, MovementKind, Permission
from gerai.models import (
    BATCH_MOVEMENT,
    DATED_PRODUCT,
    PRODUCT,
    STOCK_BATCH,
    Qty,
)
from gerai.services.audit import trail as audit
from gerai.services.audit.seals import seal
from gerai.services.prepared import Prepared
from gerai.services.shop.auth import Actor, Approval, approved_by, authorize

MAX_CODE = 40
MANY = 500  # more product ids than this are not asked about one by one
MARK_REF = "TANDAI-TANGGAL"  # the batch movements of marking a product dated (or not)
LEDGER_ACTOR = "gerai"  # who seals a batch the ledger makes when no actor is named

Split = tuple[tuple[int, Decimal], ...]  # (batch id, quantity) parts of one movement


class BatchHints(Protocol):
    """What `ledger.Movement` tells the batches (see the module's rules)."""

    @property
    def product_id(self) -> int: ...

    @property
    def qty(self) -> Decimal: ...

    @property
    def kind(self) -> str: ...

    @property
    def ref(self) -> str: ...

    @property
    def sale_id(self) -> int | None: ...

    @property
    def expiry(self) -> date | None: ...

    @property
    def batch_code(self) -> str: ...

    @property
    def batch_id(self) -> int | None: ...

    @property
    def fresh_from(self) -> date | None: ...

    @property
    def takes(self) -> Split | None: ...


@dataclass(frozen=True)
class BatchInfo:
    """One batch of a dated product, as the screens and reports show it."""

    id: int
    product_id: int
    code: str
    name: str
    unit: str
    expiry: date | None
    batch: str
    qty: Decimal
    cost: int

    @property
    def value(self) -> int:
        """What the batch is worth at the product's HPP, rounded half up."""
        from gerai.core.money import round_rupiah

        return round_rupiah(self.qty * self.cost)


def batch_code(value: str) -> str:
    """A batch code as typed: trimmed; no spaces inside, at most 40 characters."""
    code = check_text(value.strip())
    if any(ch.isspace() for ch in code):
        raise GeraiError("batch.code_spaces", code=code)
    if len(code) > MAX_CODE:
        raise GeraiError("batch.code_too_long", limit=MAX_CODE)
    return code


_DAY_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


def expiry_date(value: Any) -> date:
    """An expiry date as typed: `2026-12-31`, `31/12/2026`, `31-12-2026` or `31.12.2026`
    (or a date); else GeraiError `batch.bad_expiry`."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    for form in _DAY_FORMATS:
        try:
            return datetime.strptime(text, form).date()  # noqa: DTZ007 (a day, no time)
        except ValueError:
            continue
    raise GeraiError("batch.bad_expiry", value=text)


def dated_ids(session: Session, product_ids: Sequence[int]) -> set[int]:
    """Which of these products are dated (for many, as an import has: all dated products read
    and kept if asked, not a list of ids as long as the catalogue)."""
    if not product_ids:
        return set()
    wanted = set(product_ids)
    if len(wanted) > MANY:
        return wanted & set(session.execute(select(DATED_PRODUCT.c.product_id)).scalars())
    return {row[0] for row in _DATED_AMONG.rows(session, {"ids": sorted(wanted)})}


_DATED_AMONG = Prepared(
    select(DATED_PRODUCT.c.product_id).where(
        DATED_PRODUCT.c.product_id.in_(bindparam("ids", expanding=True))
    )
)


def is_dated(session: Session, product_id: int) -> bool:
    """Whether the product's stock is kept per batch."""
    return bool(dated_ids(session, [product_id]))


def _find_batch(session: Session, product_id: int, expiry: date | None, code: str) -> int | None:
    found = session.execute(
        select(STOCK_BATCH.c.id)
        .where(
            STOCK_BATCH.c.product_id == product_id,
            STOCK_BATCH.c.expiry.is_(None) if expiry is None else STOCK_BATCH.c.expiry == expiry,
            STOCK_BATCH.c.code == code,
        )
        .order_by(STOCK_BATCH.c.id)
    ).first()
    return None if found is None else int(found[0])


def batch_for(
    session: Session,
    product_id: int,
    expiry: date | None,
    code: str,
    *,
    at: datetime,
    actor: str = LEDGER_ACTOR,
) -> int:
    """The batch of this product with this expiry and code, made (and sealed) when new."""
    found = _find_batch(session, product_id, expiry, code)
    if found is not None:
        return found
    batch_id = int(
        session.connection()
        .execute(
            STOCK_BATCH.insert().returning(STOCK_BATCH.c.id),
            {
                "product_id": product_id,
                "expiry": expiry,
                "code": code,
                "qty": Decimal(0),
                "created_at": at,
            },
        )
        .scalar_one()
    )
    seal(session, STOCK_BATCH, [batch_id], actor=actor, at=at)
    return batch_id


def batch_of(session: Session, batch_id: int) -> tuple[date | None, str]:
    """A batch's expiry date and code."""
    row = session.execute(
        select(STOCK_BATCH.c.expiry, STOCK_BATCH.c.code).where(STOCK_BATCH.c.id == batch_id)
    ).one()
    return row[0], row[1]


def _held(session: Session, product_id: int) -> list[tuple[int, date | None, Decimal]]:
    """The product's batches holding stock, first-expiry-first (undated ones last)."""
    rows = session.execute(
        select(STOCK_BATCH.c.id, STOCK_BATCH.c.expiry, STOCK_BATCH.c.qty)
        .where(STOCK_BATCH.c.product_id == product_id, STOCK_BATCH.c.qty > 0)
        .order_by(STOCK_BATCH.c.expiry.is_(None), STOCK_BATCH.c.expiry, STOCK_BATCH.c.id)
    ).all()
    return [(int(r[0]), r[1], r[2]) for r in rows]


def fefo_order(
    batches: list[tuple[int, date | None, Decimal]], fresh_from: date | None
) -> list[tuple[int, date | None, Decimal]]:
    """`batches` (first-expiry-first) in the order a take uses them: from `fresh_from` on,
    those not yet expired first, then the expired ones."""
    if fresh_from is None:
        return batches
    fresh = [b for b in batches if b[1] is None or b[1] >= fresh_from]
    return fresh + [b for b in batches if not (b[1] is None or b[1] >= fresh_from)]


def _take(session: Session, hints: BatchHints, at: datetime) -> Split:
    need = -hints.qty
    parts: list[tuple[int, Decimal]] = []
    for batch_id, _, qty in fefo_order(_held(session, hints.product_id), hints.fresh_from):
        if need <= 0:
            break
        taken = min(qty, need)
        parts.append((batch_id, -taken))
        need -= taken
    if need > 0:
        parts.append((batch_for(session, hints.product_id, None, "", at=at), -need))
    return tuple(parts)


def _give_back(session: Session, hints: BatchHints, at: datetime) -> Split:
    """A return or void of `hints.sale_id`: back into the batches the sale took from, as far
    as what is still out of each."""
    out = session.execute(
        select(BATCH_MOVEMENT.c.batch_id, type_coerce(func.sum(BATCH_MOVEMENT.c.qty), Qty()))
        .join(STOCK_BATCH, STOCK_BATCH.c.id == BATCH_MOVEMENT.c.batch_id)
        .where(
            BATCH_MOVEMENT.c.sale_id == hints.sale_id,
            STOCK_BATCH.c.product_id == hints.product_id,
        )
        .group_by(BATCH_MOVEMENT.c.batch_id)
        .order_by(BATCH_MOVEMENT.c.batch_id)
    ).all()
    left = hints.qty
    parts: list[tuple[int, Decimal]] = []
    for batch_id, total in out:
        owed = -total
        if left <= 0:
            break
        if owed > 0:
            given = min(owed, left)
            parts.append((int(batch_id), given))
            left -= given
    if left > 0:
        parts.append((batch_for(session, hints.product_id, None, "", at=at), left))
    return tuple(parts)


def _split(
    session: Session, hints: BatchHints, at: datetime, allow_negative: bool, actor: str
) -> Split:
    if hints.takes is not None:
        for batch_id, _ in hints.takes:
            _own_batch(session, hints.product_id, batch_id)
        if sum((qty for _, qty in hints.takes), Decimal(0)) != hints.qty:
            raise ValueError("a movement's batch parts must add up to it")
        return hints.takes
    if hints.batch_id is not None:
        held = _own_batch(session, hints.product_id, hints.batch_id)
        if hints.qty < 0 and held + hints.qty < 0 and not allow_negative:
            raise GeraiError("batch.short", held=format_quantity(max(held, Decimal(0))))
        return ((hints.batch_id, hints.qty),)
    if hints.qty > 0:
        if hints.expiry is not None or hints.batch_code:
            made = batch_for(
                session, hints.product_id, hints.expiry, hints.batch_code, at=at, actor=actor
            )
            return ((made, hints.qty),)
        if hints.sale_id is not None:
            return _give_back(session, hints, at)
        return ((batch_for(session, hints.product_id, None, "", at=at), hints.qty),)
    return _take(session, hints, at)


def _own_batch(session: Session, product_id: int, batch_id: int) -> Decimal:
    row = session.execute(
        select(STOCK_BATCH.c.product_id, STOCK_BATCH.c.qty).where(STOCK_BATCH.c.id == batch_id)
    ).first()
    if row is None or row[0] != product_id:
        raise GeraiError("batch.not_found", batch=batch_id)
    return Decimal(row[1])


def move_batches(
    session: Session,
    movements: Sequence[BatchHints],
    at: datetime,
    allow_negative: bool,
    actor: str = LEDGER_ACTOR,
    dated: Collection[int] | None = None,
) -> list[Split]:
    """Split each movement of a dated product over its batches and write the parts (see the
    module's rules); the split of each movement, in order (empty for an undated product).
    `dated`: which of the movements' products are dated, when the caller read it already in
    this transaction."""
    if dated is None:
        dated = dated_ids(session, [m.product_id for m in movements])
    splits: list[Split] = []
    rows: list[dict[str, Any]] = []
    connection = session.connection()
    for movement in movements:
        if movement.product_id not in dated or not (movement.qty or movement.takes):
            splits.append(())
            continue
        split = _split(session, movement, at, allow_negative, actor)
        for batch_id, qty in split:
            connection.execute(
                STOCK_BATCH.update()
                .where(STOCK_BATCH.c.id == batch_id)
                .values(qty=STOCK_BATCH.c.qty + type_coerce(qty, Qty()))
            )
            rows.append(
                {
                    "batch_id": batch_id,
                    "qty": qty,
                    "kind": movement.kind,
                    "ref": movement.ref,
                    "sale_id": movement.sale_id,
                    "created_at": at,
                }
            )
        splits.append(split)
    if rows:
        connection.execute(BATCH_MOVEMENT.insert(), rows)
    return splits


# --- marking a product dated -------------------------------------------------------------


def set_dated(
    session: Session,
    product_id: int,
    dated: bool,
    *,
    actor: Actor,
    at: datetime,
    approval: Approval | None = None,
) -> bool:
    """Mark a product dated (its stock now, of unknown date, becomes its batch without a date)
    or no longer dated (its batches are emptied). Permission `stock`; audited. True when
    anything changed."""
    answerable = authorize(session, actor, Permission.STOCK, now=at, approval=approval)
    product = session.execute(
        select(PRODUCT.c.code, PRODUCT.c.stock).where(PRODUCT.c.id == product_id)
    ).first()
    if product is None:
        raise GeraiError("stock.no_product", id=product_id)
    if is_dated(session, product_id) == dated:
        return False
    connection = session.connection()
    held = session.execute(
        select(STOCK_BATCH.c.id, STOCK_BATCH.c.qty).where(
            STOCK_BATCH.c.product_id == product_id, STOCK_BATCH.c.qty != 0
        )
    ).all()
    moves: list[dict[str, Any]] = [
        {"batch_id": batch_id, "qty": -qty, "kind": MovementKind.ADJUST, "ref": MARK_REF,
         "sale_id": None, "created_at": at}
        for batch_id, qty in held
    ]  # fmt: skip
    for batch_id, _ in held:  # what an earlier dated spell left
        connection.execute(
            STOCK_BATCH.update().where(STOCK_BATCH.c.id == batch_id).values(qty=Decimal(0))
        )
    if dated:
        connection.execute(
            DATED_PRODUCT.insert(),
            {"product_id": product_id, "marked_at": at, "marked_by": actor.name},
        )
        stock = product[1]
        if stock:
            batch_id = batch_for(session, product_id, None, "", at=at, actor=actor.name)
            connection.execute(
                STOCK_BATCH.update().where(STOCK_BATCH.c.id == batch_id).values(qty=stock)
            )
            moves.append({"batch_id": batch_id, "qty": stock, "kind": MovementKind.ADJUST,
                          "ref": MARK_REF, "sale_id": None, "created_at": at})  # fmt: skip
    else:
        connection.execute(DATED_PRODUCT.delete().where(DATED_PRODUCT.c.product_id == product_id))
    if moves:
        connection.execute(BATCH_MOVEMENT.insert(), moves)
    seal(session, DATED_PRODUCT, [product_id], actor=actor.name, at=at)
    audit.record(
        session, kind=AuditKind.PRODUCT_CHANGED, actor=actor.name, at=at, ref=product[0],
        detail={"dated": dated, **approved_by(actor, answerable)},
    )  # fmt: skip
    return True


# --- what a sale may take ----------------------------------------------------------------


def expired_take(
    session: Session, product_id: int, qty: Decimal, today: date, batch_id: int | None = None
) -> Decimal:
    """How much of `qty` a sale on `today` would take from expired batches (0 for an undated
    product): all of it from an expired scanned batch, else what the batches not expired
    cannot cover, as far as expired batches hold it."""
    if not is_dated(session, product_id):
        return Decimal(0)
    held = _held(session, product_id)
    expired = [b for b in held if b[1] is not None and b[1] < today]
    if batch_id is not None:
        chosen = [b for b in held if b[0] == batch_id]
        return qty if chosen and chosen[0] in expired else Decimal(0)
    fresh = sum((b[2] for b in held if b not in expired), Decimal(0))
    return min(max(qty - fresh, Decimal(0)), sum((b[2] for b in expired), Decimal(0)))


def find_batch(session: Session, product_id: int, code: str) -> int:
    """The batch of this product with this batch code (the newest when codes repeat)."""
    code = batch_code(code)
    found = session.execute(
        select(STOCK_BATCH.c.id)
        .where(STOCK_BATCH.c.product_id == product_id, STOCK_BATCH.c.code == code)
        .order_by(STOCK_BATCH.c.id.desc())
    ).first()
    if found is None or not code:
        raise GeraiError("batch.unknown_code", code=code)
    return int(found[0])


def scanned_batch(session: Session, code: str) -> tuple[int, int] | None:
    """What a batch code scanned at the counter names: (product id, batch id) when exactly
    one dated product has a batch of this code in stock (its newest such batch), else None."""
    code = code.strip()
    if not code or any(ch.isspace() for ch in code) or len(code) > MAX_CODE:
        return None
    rows = session.execute(
        select(STOCK_BATCH.c.product_id, func.max(STOCK_BATCH.c.id))
        .join(DATED_PRODUCT, DATED_PRODUCT.c.product_id == STOCK_BATCH.c.product_id)
        .where(STOCK_BATCH.c.code == code, STOCK_BATCH.c.qty > 0)
        .group_by(STOCK_BATCH.c.product_id)
        .limit(2)
    ).all()
    return (int(rows[0][0]), int(rows[0][1])) if len(rows) == 1 else None


def sell_expired_permit(
    session: Session, actor: Actor, *, now: datetime, approval: Approval | None
) -> str:
    """Who allows a sale that takes expired goods: the actor when their role may, else the
    supervisor whose PIN was given; refused (GeraiError) otherwise."""
    return authorize(session, actor, Permission.SELL_EXPIRED, now=now, approval=approval)


def record_expired_sale(
    session: Session,
    approver: str,
    taken: list[tuple[str, Decimal]],
    *,
    receipt: str,
    till: str,
    kasir: str,
    at: datetime,
) -> int:
    """Record in the sale's transaction who allowed it to take expired goods (kind
    `expired_approved`, actor the approver, ref the receipt number; `taken`: each product's
    name and the quantity taken from expired batches). The sale's digest covers the approver
    (`sale_digest.py`, version 4)."""
    return audit.record(
        session, kind=AuditKind.EXPIRED_APPROVED, actor=approver, at=at, ref=receipt,
        detail={
            "till": till, "kasir": kasir,
            "products": [{"name": name, "qty": str(qty)} for name, qty in taken],
        },
    )  # fmt: skip


# --- lists and the proof -----------------------------------------------------------------


def batches(session: Session, product_id: int | None = None, until: date | None = None,
            ) -> list[BatchInfo]:  # fmt: skip
    """Batches holding stock (of one product, or expiring on or before `until`), earliest
    expiry first."""
    query = (
        select(
            STOCK_BATCH.c.id,
            STOCK_BATCH.c.product_id,
            PRODUCT.c.code,
            PRODUCT.c.name,
            PRODUCT.c.unit,
            STOCK_BATCH.c.expiry,
            STOCK_BATCH.c.code,
            STOCK_BATCH.c.qty,
            PRODUCT.c.cost,
        )
        .join(PRODUCT, PRODUCT.c.id == STOCK_BATCH.c.product_id)
        .join(DATED_PRODUCT, DATED_PRODUCT.c.product_id == STOCK_BATCH.c.product_id)
        .where(STOCK_BATCH.c.qty > 0)
        .order_by(
            STOCK_BATCH.c.expiry.is_(None), STOCK_BATCH.c.expiry, PRODUCT.c.code, STOCK_BATCH.c.id
        )
    )
    if product_id is not None:
        query = query.where(STOCK_BATCH.c.product_id == product_id)
    if until is not None:
        query = query.where(STOCK_BATCH.c.expiry <= until)
    return [BatchInfo(*row) for row in session.execute(query).all()]


@dataclass(frozen=True)
class BatchMismatch:
    """A dated product whose batches do not add up to its stock (`batch` 0), or a batch whose
    quantity is not the sum of its batch movements."""

    code: str
    name: str
    batch: int
    held: Decimal
    expected: Decimal


def batch_check(session: Session) -> list[BatchMismatch]:
    """Every dated product whose batches do not add up to its stock and every batch whose
    quantity is not the sum of its movements (empty when all agree)."""
    problems: list[BatchMismatch] = []
    sums = (
        select(STOCK_BATCH.c.product_id, func.sum(STOCK_BATCH.c.qty).label("total"))
        .group_by(STOCK_BATCH.c.product_id)
        .subquery()
    )
    total = type_coerce(func.coalesce(sums.c.total, 0), Qty())
    for code, name, stock, held in session.execute(
        select(PRODUCT.c.code, PRODUCT.c.name, PRODUCT.c.stock, total)
        .join(DATED_PRODUCT, DATED_PRODUCT.c.product_id == PRODUCT.c.id)
        .outerjoin(sums, sums.c.product_id == PRODUCT.c.id)
        .where(PRODUCT.c.stock != total)
        .order_by(PRODUCT.c.code)
    ).all():
        problems.append(BatchMismatch(code, name, 0, held, stock))
    moved = (
        select(BATCH_MOVEMENT.c.batch_id, func.sum(BATCH_MOVEMENT.c.qty).label("total"))
        .group_by(BATCH_MOVEMENT.c.batch_id)
        .subquery()
    )
    moved_total = type_coerce(func.coalesce(moved.c.total, 0), Qty())
    for code, name, batch_id, qty, ledger in session.execute(
        select(PRODUCT.c.code, PRODUCT.c.name, STOCK_BATCH.c.id, STOCK_BATCH.c.qty, moved_total)
        .join(PRODUCT, PRODUCT.c.id == STOCK_BATCH.c.product_id)
        .outerjoin(moved, moved.c.batch_id == STOCK_BATCH.c.id)
        .where(and_(STOCK_BATCH.c.qty != moved_total))
        .order_by(STOCK_BATCH.c.id)
    ).all():
        problems.append(BatchMismatch(code, name, batch_id, qty, ledger))
    return problems
