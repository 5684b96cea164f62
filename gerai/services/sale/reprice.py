"""Pricing a cart at commit: each line's product is read again (price, stock, limits) so the
sale is written at the prices of the moment it is paid, not of the moment it was scanned."""

from __future__ import annotations

from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.services.sale.cart import Cart
from gerai.services.stock.catalog import get_products


def reprice(session: Session, cart: Cart) -> None:
    """Replace every line's product by the product as stored now; a product no longer sold is
    refused (`cart.inactive`) and the kasir removes it."""
    stored = get_products(session, [line.product.id for line in cart.lines])
    for line in cart.lines:
        fresh = stored.get(line.product.id)
        if fresh is None or not fresh.active:
            raise GeraiError("cart.inactive", name=line.product.name)
        line.product = fresh
