"""Who allows a manual price or discount at the till (issue 14). A user whose role may
(`price_override`, `manual_discount`) allows it themself; a kasir needs a supervisor's PIN,
checked at once and recorded as an audit record (kind `manual_approved`, actor the
supervisor, with the till, the kasir and what was allowed). The cart keeps who allowed it
(`Approved`, with that record's number), a held cart too; the checkout checks each again
against its record (the same change, by the same kasir on the same till) before the sale is
written, and spends it: a record allows one change of one sale (`approval_used`)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.core.words import AuditKind, Permission
from gerai.models import AUDIT_RECORD
from gerai.services.audit import trail as audit
from gerai.services.sale.cart import Approved, Cart, Discount, Override
from gerai.services.shop.auth import Actor, Approval, allows, authorize


@dataclass(frozen=True)
class ManualChange:
    """A manual change asked for at the till: a line's price (`index` and `price`), a line's
    discount (`index` and `bp` or `amount`) or the sale's discount (`index` None);
    `below_cost_ok` once the user confirmed selling below cost."""

    index: int | None
    price: int | None = None
    bp: int = 0
    amount: int = 0
    below_cost_ok: bool = False

    @property
    def permission(self) -> Permission:
        """What it needs."""
        return Permission.PRICE_OVERRIDE if self.price is not None else Permission.MANUAL_DISCOUNT

    def apply(self, cart: Cart, approved: Approved) -> None:
        """Make the change on `cart` (checked there: HET, size, below cost)."""
        if self.price is not None:
            if self.index is None:
                raise GeraiError("cart.no_line")
            cart.set_override(self.index, Override(self.price, approved, self.below_cost_ok))
            return
        discount = Discount(approved, self.bp, self.amount, self.below_cost_ok)
        if self.index is None:
            cart.set_sale_discount(discount)
        else:
            cart.set_line_discount(self.index, discount)

    def check(self, cart: Cart, actor: Actor) -> None:
        """Refuse it as `apply` would, on a copy of the cart (before anyone's PIN is asked)."""
        trial = replace(cart, lines=[replace(line) for line in cart.lines])
        self.apply(trial, Approved(actor.name))

    def what(self, cart: Cart) -> dict[str, Any]:
        """What the audit record says was allowed."""
        line = cart.lines[self.index] if self.index is not None else None
        return {
            "code": line.product.code if line else "",
            "price": self.price,
            "bp": self.bp,
            "amount": self.amount,
            "below_cost": self.below_cost_ok,
        }


def remove_manual(cart: Cart, index: int | None, price: bool) -> None:
    """Take away a line's manual price (`price`) or discount, or the sale's discount (`index`
    None): needs nobody's approval."""
    if index is None:
        cart.set_sale_discount(None)
    elif price:
        cart.set_override(index, None)
    else:
        cart.set_line_discount(index, None)


def approve_manual(
    session: Session,
    actor: Actor,
    permission: Permission,
    approval: Approval | None,
    *,
    till: str,
    now: datetime,
    what: Mapping[str, Any],
) -> Approved:
    """Who allows `permission` (a price override or a manual discount) for `actor`: the actor
    when their role may, else the supervisor whose PIN `approval` holds (refused and audited
    when wrong), recorded with `what` was allowed."""
    answerable = authorize(session, actor, permission, now=now, approval=approval)
    if answerable == actor.name:
        return Approved(actor.name)
    seq = audit.record(
        session, kind=AuditKind.MANUAL_APPROVED, actor=answerable, at=now, ref=till,
        detail={"permission": permission, "kasir": actor.name, **what},
    )  # fmt: skip
    return Approved(answerable, seq)


def check_approvals(session: Session, cart: Cart, actor: Actor, till: str) -> list[int]:
    """Refuse a cart whose manual changes were not allowed: each `Approved` is the actor
    themself with a role that may, or a `manual_approved` record of this till and actor by
    that supervisor, for that very change (the line's product, the price or the discount
    typed). An approval record allows one change of one sale: used twice in the cart, or by
    a sale already made, it is refused (`discount.approval_used`). Returns the records used,
    for `spend_approvals`."""
    wanted: list[tuple[Permission, Approved, dict[str, Any]]] = []
    for line in cart.lines:
        code = line.product.code
        if line.override is not None:
            price = line.override.price
            wanted.append((Permission.PRICE_OVERRIDE, line.override.approved, _what(code, price)))
        if line.discount is not None:
            what = _what(code, None, line.discount)
            wanted.append((Permission.MANUAL_DISCOUNT, line.discount.approved, what))
    if cart.sale_discount is not None:
        what = _what("", None, cart.sale_discount)
        wanted.append((Permission.MANUAL_DISCOUNT, cart.sale_discount.approved, what))
    if not wanted:
        return []
    seqs = [approved.seq for _, approved, _ in wanted if approved.seq is not None]
    if len(set(seqs)) < len(seqs) or used_approvals(session, seqs):
        raise GeraiError("discount.approval_used")
    records = {
        seq: (who, ref, json.loads(detail))
        for seq, who, ref, detail in session.connection().execute(
            select(
                AUDIT_RECORD.c.seq, AUDIT_RECORD.c.actor, AUDIT_RECORD.c.ref, AUDIT_RECORD.c.detail
            ).where(AUDIT_RECORD.c.seq.in_(seqs), AUDIT_RECORD.c.kind == AuditKind.MANUAL_APPROVED)
        )
    }
    for permission, approved, what in wanted:
        if approved.seq is None:
            if approved.by == actor.name and allows(actor.role, permission):
                continue
        else:
            found = records.get(approved.seq)
            if found is not None and found[:2] == (approved.by, till):
                detail = found[2]
                if (
                    detail.get("permission") == permission
                    and detail.get("kasir") == actor.name
                    and all(detail.get(key) == value for key, value in what.items())
                ):
                    continue
        raise GeraiError("discount.not_approved")
    return seqs


def _what(code: str, price: int | None, discount: Discount | None = None) -> dict[str, Any]:
    """What a `manual_approved` record says of the change it allows (`ManualChange.what`)."""
    bp, amount = (discount.bp, discount.amount) if discount else (0, 0)
    return {"code": code, "price": price, "bp": bp, "amount": amount}


def used_approvals(session: Session, seqs: list[int]) -> list[int]:
    """Of the `manual_approved` records `seqs`, those a sale already used (`approval_used`
    records, made after them: only the trail's tail is read)."""
    if not seqs:
        return []
    used = session.connection().execute(
        select(AUDIT_RECORD.c.ref).where(
            AUDIT_RECORD.c.seq > min(seqs),
            AUDIT_RECORD.c.kind == AuditKind.APPROVAL_USED,
            AUDIT_RECORD.c.ref.in_([str(seq) for seq in seqs]),
        )
    )
    return sorted(int(ref) for ref in used.scalars())


def spend_approvals(
    session: Session, seqs: list[int], actor: Actor, *, receipt_no: str, now: datetime
) -> None:
    """Record that sale `receipt_no` used the approval records `seqs` (one `approval_used`
    record each): none allows anything again."""
    for seq in seqs:
        audit.record(
            session, kind=AuditKind.APPROVAL_USED, actor=actor.name, at=now, ref=str(seq),
            detail={"receipt": receipt_no},
        )  # fmt: skip
