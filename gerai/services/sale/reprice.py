"""Pricing a cart at commit: each line's product is read again (price, member price, category
discount, limit, HET, stock) with the shop's member discount and stock policy, so the sale is
written at the rules of the moment it is paid, whatever the cart's objects say. A cart whose
price changed since it was scanned is refused (`cart.price_changed`, naming the product and
its new price); the kasir confirms and the cart is re-priced (`reprice`)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.core.money import format_rupiah
from gerai.services.sale.cart import Cart
from gerai.services.sale.pricing import unit_price
from gerai.services.shop.profile import ShopProfile
from gerai.services.stock.catalog import ProductInfo, get_products


def _check_sold(cart: Cart, stored: Mapping[int, ProductInfo]) -> None:
    """Refuse a cart holding a product gone or no longer sold (`stored`: its products as
    stored now)."""
    for line in cart.lines:
        fresh = stored.get(line.product.id)
        if fresh is None or not fresh.active:
            raise GeraiError("cart.inactive", name=line.product.name)


def reprice(session: Session, cart: Cart, shop: ShopProfile | None = None) -> None:
    """Replace every line's product by the product as stored now (and, given the shop as
    stored, its member discount and stock policy); a product no longer sold is refused
    (`cart.inactive`) and the kasir removes it."""
    stored = get_products(session, [line.product.id for line in cart.lines])
    _check_sold(cart, stored)
    _take(cart, stored, shop)


def _take(cart: Cart, stored: Mapping[int, ProductInfo], shop: ShopProfile | None) -> None:
    """Put the `stored` products (and the stored shop's rules) into the cart."""
    if shop is not None:
        cart.global_discount_bp = shop.member_discount_bp
        cart.allow_negative_stock = shop.allow_negative_stock
    for line in cart.lines:
        line.product = stored[line.product.id]


def take_stored_rules(cart: Cart, shop: ShopProfile, stored: Mapping[int, ProductInfo]) -> None:
    """At commit, in the sale's transaction: refuse the cart holding a product gone or no
    longer sold (`cart.inactive`), or when a line's catalogue price (regular, or the price
    this buyer pays: member price, category or shop discount) differs from the one it was
    scanned at (`cart.price_changed`, the first such product and its new price); otherwise
    put the stored products and the stored shop's rules into the cart, so every later check
    (limit, HET, stock) and the written sale use them. `shop` and `stored` (the cart's
    products) are as read in this transaction. Compares catalogue prices, not a line's
    final price."""
    _check_sold(cart, stored)
    member = cart.member is not None
    for line in cart.lines:
        fresh = stored[line.product.id]
        scanned = unit_price(line.product, member, cart.global_discount_bp)
        now = unit_price(fresh, member, shop.member_discount_bp)
        if fresh.price != line.product.price or now != scanned:
            raise GeraiError("cart.price_changed", name=fresh.name, price=format_rupiah(now))
    _take(cart, stored, shop)
