"""Pecah karung: stock of one product turned into another (a 25 kg sack of rice into 5 × 5 kg
or 25 × 1 kg packs). The source goes down and the target up (kind `repack`), the source's
value at HPP moves with them into the target's moving-average cost, and what the contents
should have given but did not (shrinkage, susut) leaves the target as its own movement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.core.quantity import PLACES, format_quantity
from gerai.core.words import AuditKind, DocumentSeries, MovementKind, Permission
from gerai.models import REPACK, Repack
from gerai.services.audit import trail as audit
from gerai.services.audit.seals import seal
from gerai.services.shop.auth import Actor, Approval, approved_by, authorize
from gerai.services.shop.profile import ShopProfile
from gerai.services.stock.batches import Split, batch_of, is_dated
from gerai.services.stock.inventory import (
    factor,
    fresh,
    moving_average,
    next_number,
    product_for,
    quantity,
    set_costs,
    value_at,
)
from gerai.services.stock.ledger import Movement, move_stock

SHRINKAGE_NOTE = "susut pecah karung"


@dataclass(frozen=True)
class RepackResult:
    """A repack written: what the contents should give, what was made, what was lost."""

    number: str
    expected: Decimal
    produced: Decimal
    shrinkage: Decimal
    value: int
    target_cost: int


def repack(
    session: Session,
    source_code: str,
    source_qty: Any,
    target_code: str,
    per_source: Any,
    produced: Any,
    *,
    actor: Actor,
    at: datetime,
    shop: ShopProfile,
    note: str = "",
    approval: Approval | None = None,
) -> RepackResult:
    """Turn `source_qty` of the source into `produced` of the target; each source unit holds
    `per_source` target units (a 25 kg sack: 25 × 1 kg, or 5 × 5 kg). Permission `stock`;
    audited. Refused: the same product, more than is in stock, more made than the contents
    hold, fractions of pieces."""
    answerable = authorize(session, actor, Permission.STOCK, now=at, approval=approval)
    source = fresh(session, product_for(session, source_code))
    target = fresh(session, product_for(session, target_code))
    if source.id == target.id:
        raise GeraiError("repack.same_product")
    taken = quantity(source_qty, source)
    contents = factor(per_source)
    made = quantity(produced, target)
    expected = taken * contents
    if expected != expected.quantize(PLACES):
        raise GeraiError("stockadm.too_precise", value=str(expected))
    if taken > source.stock and not shop.allow_negative_stock:
        raise GeraiError(
            "repack.short",
            name=source.name,
            wanted=format_quantity(taken, source.unit),
            stock=format_quantity(max(source.stock, Decimal(0)), source.unit),
        )
    if made > expected:
        raise GeraiError(
            "repack.too_much",
            produced=format_quantity(made, target.unit),
            expected=format_quantity(expected, target.unit),
        )
    value = value_at(taken, source.cost)
    new_cost = moving_average(target.stock, target.cost, expected, value)
    shrinkage = expected - made
    number = next_number(session, Repack, DocumentSeries.REPACK, shop.business_date(at))
    cleaned = " ".join(note.split())[:200]
    repack = Repack(
        number=number,
        source_id=source.id,
        source_qty=taken,
        target_id=target.id,
        per_source=contents,
        expected=expected,
        produced=made,
        shrinkage=shrinkage,
        value=value,
        created_at=at,
        created_by=actor.name,
        note=cleaned,
    )
    session.add(repack)
    session.flush()
    seal(session, REPACK, [repack.id], actor=actor.name, at=at)
    set_costs(session, {target.id: new_cost}, at, by=actor.name)
    allowed = shop.allow_negative_stock
    taken_from = move_stock(
        session,
        [Movement(source.id, -taken, MovementKind.REPACK, ref=number, note=cleaned)],
        at=at, allow_negative=allowed, actor=actor.name,
    )[0]  # fmt: skip
    made_into = move_stock(
        session, _produce(session, target.id, expected, contents, taken_from, number, cleaned),
        at=at, allow_negative=allowed, actor=actor.name,
    )  # fmt: skip
    if shrinkage:
        move_stock(
            session,
            [
                Movement(
                    target.id, -shrinkage, MovementKind.ADJUST, ref=number, note=SHRINKAGE_NOTE,
                    takes=_lost(made_into, shrinkage),
                )
            ],
            at=at, allow_negative=allowed, actor=actor.name,
        )  # fmt: skip
    audit.record(
        session, kind=AuditKind.REPACKED, actor=actor.name, at=at, ref=number,
        detail={"source": source.code, "source_qty": str(taken), "target": target.code,
                "produced": str(made), "shrinkage": str(shrinkage), "value": value,
                **approved_by(actor, answerable)},
    )  # fmt: skip
    return RepackResult(number, expected, made, shrinkage, value, new_cost)


def _produce(
    session: Session,
    target_id: int,
    expected: Decimal,
    contents: Decimal,
    taken_from: Split,
    number: str,
    note: str,
) -> list[Movement]:
    """What a repack puts into the target: one movement, or (issue 17) one per dated source
    batch, keeping its expiry date and batch code."""
    if not taken_from or not is_dated(session, target_id):
        return [Movement(target_id, expected, MovementKind.REPACK, ref=number, note=note)]
    movements = []
    for batch_id, qty in taken_from:
        expiry, code = batch_of(session, batch_id)
        movements.append(
            Movement(
                target_id, -qty * contents, MovementKind.REPACK, ref=number, note=note,
                expiry=expiry, batch_code=code,
            )
        )  # fmt: skip
    return movements


def _lost(made_into: list[Split], shrinkage: Decimal) -> Split | None:
    """The shrinkage taken from the batches the repack just filled, in order."""
    parts = [part for split in made_into for part in split]
    if not parts:
        return None
    takes: list[tuple[int, Decimal]] = []
    left = shrinkage
    for batch_id, qty in parts:
        if left <= 0:
            break
        lost = min(qty, left)
        takes.append((batch_id, -lost))
        left -= lost
    return tuple(takes)
