"""Which price applies: the member price of the product wins; else the member discount of
its category; else the shop's global member discount. Nobody pays above the HET ceiling."""

from __future__ import annotations

from decimal import Decimal

from gerai.core.errors import GeraiError
from gerai.core.money import format_rupiah, percent_of, round_rupiah
from gerai.services.stock.catalog import ProductInfo


def member_unit_price(product: ProductInfo, global_discount_bp: int) -> int:
    """The unit price a member pays for `product`."""
    if product.member_price is not None:
        return min(product.member_price, product.price)
    discount_bp = (
        product.category_discount_bp
        if product.category_discount_bp is not None
        else global_discount_bp
    )
    return product.price - percent_of(product.price, discount_bp)


def unit_price(product: ProductInfo, is_member: bool, global_discount_bp: int) -> int:
    """The unit price this buyer pays."""
    return member_unit_price(product, global_discount_bp) if is_member else product.price


def line_amount(qty: Decimal, unit_price: int) -> int:
    """Quantity × unit price, rounded half up to the Rupiah."""
    return round_rupiah(qty * unit_price)


def check_het(name: str, het: int | None, price: int, member_price: int | None) -> None:
    """Refuse a price or member price above the product's HET ceiling."""
    if het is None:
        return
    for value in (price, member_price):
        if value is not None and value > het:
            raise GeraiError(
                "price.above_het", name=name, price=format_rupiah(value), het=format_rupiah(het)
            )
