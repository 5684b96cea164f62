"""Held carts (F8): a buyer steps aside, the cart waits in the database (with its total then),
the next buyer is served, and the held cart is recalled later, priced afresh. A cart emptied
unsold (Ctrl+X) is recorded too. Its manual prices and discounts
(issue 14) are kept with who allowed them, and checked again when it is sold."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from gerai.core.errors import GeraiError
from gerai.core.words import AuditKind, Permission
from gerai.models import HeldCart
from gerai.services.audit import trail as audit
from gerai.services.members.lookup import get_member
from gerai.services.sale.cart import Approved, Cart, CartLine, Discount, Override
from gerai.services.shop.auth import Actor, authorize
from gerai.services.stock.catalog import get_product


@dataclass(frozen=True)
class HeldSummary:
    """A held cart as the recall list shows it: when it was held, and its total then (None
    for a cart held before totals were kept with it; a recalled cart is priced afresh)."""

    id: int
    label: str
    created_at: datetime
    lines: int
    total: int | None = None


def hold_cart(session: Session, cart: Cart, till: str, actor: Actor, now: datetime) -> HeldSummary:
    """Store the cart for this till; the caller clears it."""
    authorize(session, actor, Permission.HOLD, now=now)
    if not cart.lines:
        raise GeraiError("held.empty")
    total = cart.totals().total
    payload = {
        "member_id": cart.member.id if cart.member else None,
        "total": total,
        "lines": [
            {
                "product_id": line.product.id,
                "qty": str(line.qty),
                **({"override": asdict(line.override)} if line.override else {}),
                **({"discount": asdict(line.discount)} if line.discount else {}),
            }
            for line in cart.lines
        ],
        **({"sale_discount": asdict(cart.sale_discount)} if cart.sale_discount else {}),
    }
    label = cart.member.name if cart.member else cart.lines[0].product.name
    held = HeldCart(till=till, created_at=now, label=label[:60], payload=json.dumps(payload))
    session.add(held)
    session.flush()
    assert held.id is not None
    audit.record(
        session, kind=AuditKind.CART_HELD, actor=actor.name, at=now, ref=f"{till}#{held.id}",
        detail={"lines": len(cart.lines), "total": total},
    )  # fmt: skip
    return HeldSummary(held.id, held.label, now, len(cart.lines), total)


def list_held(session: Session, till: str) -> list[HeldSummary]:
    """This till's held carts, oldest first."""
    rows = session.exec(
        select(HeldCart).where(col(HeldCart.till) == till).order_by(col(HeldCart.id))
    )
    summaries = []
    for held in rows:
        payload = json.loads(held.payload)
        lines, total = len(payload["lines"]), payload.get("total")
        summaries.append(HeldSummary(held.id or 0, held.label, held.created_at, lines, total))
    return summaries


def clear_cart(session: Session, cart: Cart, till: str, actor: Actor, now: datetime) -> int:
    """Record that the cart is thrown away unsold (what it held, who, when: a cart scanned
    and emptied is what an audit looks for); the caller clears it. How many lines it had."""
    authorize(session, actor, Permission.SELL, now=now)
    if not cart.lines:
        raise GeraiError("pay.empty_cart")
    audit.record(
        session, kind=AuditKind.CART_CLEARED, actor=actor.name, at=now, ref=till,
        detail={"lines": len(cart.lines), "total": cart.totals().total},
    )  # fmt: skip
    return len(cart.lines)


def recall_cart(session: Session, held_id: int, cart: Cart, actor: Actor, now: datetime) -> None:
    """Load a held cart into the (empty) `cart` with today's products and prices, and
    delete it from the held list. Products no longer sold are left out."""
    authorize(session, actor, Permission.HOLD, now=now)
    if cart.lines:
        raise GeraiError("held.cart_not_empty")
    held = session.get(HeldCart, held_id)
    if held is None:
        raise GeraiError("held.missing")
    payload = json.loads(held.payload)
    member = get_member(session, payload["member_id"]) if payload["member_id"] else None
    cart.member = member if member is not None and member.active else None
    for item in payload["lines"]:
        product = get_product(session, item["product_id"])
        if product is not None and product.active:
            override, discount = item.get("override"), item.get("discount")
            cart.lines.append(
                CartLine(
                    product,
                    Decimal(item["qty"]),
                    override=_override(override) if override else None,
                    discount=_discount(discount) if discount else None,
                )
            )
    if payload.get("sale_discount"):
        cart.sale_discount = _discount(payload["sale_discount"])
    session.delete(held)
    session.flush()
    audit.record(
        session, kind=AuditKind.CART_RECALLED, actor=actor.name, at=now,
        ref=f"{held.till}#{held_id}", detail={"lines": len(cart.lines)},
    )  # fmt: skip


def _override(stored: dict[str, Any]) -> Override:
    return Override(stored["price"], Approved(**stored["approved"]), stored["below_cost_ok"])


def _discount(stored: dict[str, Any]) -> Discount:
    return Discount(
        Approved(**stored["approved"]), stored["bp"], stored["amount"], stored["below_cost_ok"]
    )
