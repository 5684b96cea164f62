"""Recording changes of a product's price or member price: a row of the price history (sealed)
and a record on the audit trail (before and after) for each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from gerai.core.words import AuditKind
from gerai.models import PRICE_CHANGE
from gerai.services.audit import trail as audit
from gerai.services.audit.seals import seal


@dataclass(frozen=True)
class PriceUpdate:
    """A product's prices before and after a change."""

    product_id: int
    code: str
    old_price: int
    new_price: int
    old_member_price: int | None
    new_member_price: int | None


def record_price_changes(
    session: Session, updates: list[PriceUpdate], *, by: str, at: datetime
) -> None:
    """Put every update on the price history and the audit trail, in the caller's
    transaction."""
    if not updates:
        return
    ids = session.connection().execute(
        PRICE_CHANGE.insert().returning(PRICE_CHANGE.c.id),
        [
            {
                "product_id": u.product_id,
                "changed_at": at,
                "changed_by": by,
                "old_price": u.old_price,
                "new_price": u.new_price,
                "old_member_price": u.old_member_price,
                "new_member_price": u.new_member_price,
            }
            for u in updates
        ],
    )
    seal(session, PRICE_CHANGE, ids.scalars().all(), actor=by, at=at)
    for u in updates:
        audit.record(
            session, kind=AuditKind.PRICE_CHANGED, actor=by, at=at, ref=u.code,
            detail={"price": [u.old_price, u.new_price],
                    "member_price": [u.old_member_price, u.new_member_price]},
        )  # fmt: skip
