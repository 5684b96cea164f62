"""Issue 19, rules read at commit: checkout takes every price, member price, discount, limit,
HET and stock policy from the database in the sale's transaction, whatever the caller's cart
says; a price changed since the scan is refused with the new price, and the kasir's
confirmation re-prices the cart."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from gerai.core.errors import GeraiError
from gerai.db import Database, count_rows
from gerai.models import Sale
from gerai.printing import PrintQueue
from gerai.services.members.lookup import find_member
from gerai.services.members.savings import take_savings
from gerai.services.sale.cart import Cart, CartLine
from gerai.services.sale.checkout import Tender, checkout
from gerai.services.shop.profile import load_shop
from gerai.services.stock.catalog import ProductInfo, find_by_code
from gerai.settings import Settings
from gerai.till import Till
from tests.conftest import CASHIER, NOW, raw

SPHP, OIL = "BRS-SPHP5", "MYK-1L"  # SPHP: HET Rp62.500, at most 2 packs a sale


def product(db: Database, code: str) -> ProductInfo:
    with db.read() as session:
        found = find_by_code(session, code)
    assert found is not None
    return found


def sales(db: Database) -> int:
    with db.read() as session:
        return count_rows(session, Sale)


def forged(line: ProductInfo, qty: str) -> Cart:
    """A cart built past the cart's own checks, as a caller could hand it to checkout."""
    return Cart(lines=[CartLine(line, Decimal(qty))])


def pay(db: Database, cart: Cart) -> None:
    with db.write() as session:
        checkout(session, cart, [Tender("tunai", 10_000_000)], till="K1", actor=CASHIER, now=NOW)


def test_a_forged_price_of_one_rupiah_is_refused_with_the_stored_price(db: Database) -> None:
    cart = forged(product(db, OIL)._replace(price=1, member_price=None), "1")
    with pytest.raises(GeraiError) as refused:
        pay(db, cart)
    assert refused.value.key == "cart.price_changed"
    assert "Rp15.700" in refused.value.message() and "Minyak" in refused.value.message()
    assert sales(db) == 0


def test_a_cart_without_its_limit_is_refused(db: Database) -> None:
    cart = forged(product(db, SPHP)._replace(max_per_sale=None), "10")
    with pytest.raises(GeraiError) as refused:
        pay(db, cart)
    assert refused.value.key == "cart.limit"
    assert sales(db) == 0


def test_a_cart_without_its_het_at_three_times_the_het_is_refused(db: Database) -> None:
    stored = product(db, SPHP)
    assert stored.het == 62_500
    cart = forged(stored._replace(het=None, price=3 * 62_500, member_price=None), "1")
    with pytest.raises(GeraiError) as refused:
        pay(db, cart)
    assert refused.value.key == "cart.price_changed"
    assert sales(db) == 0


def test_a_cart_without_its_stock_or_with_a_forged_discount_is_refused(db: Database) -> None:
    oil = product(db, OIL)
    with pytest.raises(GeraiError) as refused:
        pay(db, forged(oil._replace(stock=Decimal(10_000)), str(oil.stock + 1)))
    assert refused.value.key == "cart.out_of_stock"
    with db.read() as session:
        member = find_member(session, "KKMP-0001")
    assert member is not None
    cart = Cart(
        global_discount_bp=9_000, lines=[CartLine(oil._replace(member_price=None), Decimal(1))]
    )
    cart.member = member
    with pytest.raises(GeraiError) as discounted:
        pay(db, cart)
    assert discounted.value.key == "cart.price_changed"
    assert sales(db) == 0


def test_a_member_price_changed_by_an_admin_while_the_cart_is_open_is_refused(
    db: Database,
) -> None:
    with db.read() as session:
        member = find_member(session, "KKMP-0001")
    assert member is not None
    cart = Cart()
    cart.attach_member(member)
    cart.add(product(db, OIL), Decimal(1))
    raw(db, "UPDATE product SET member_price = 15000 WHERE code = :code", code=OIL)
    with pytest.raises(GeraiError) as refused:
        pay(db, cart)
    assert refused.value.key == "cart.price_changed"
    assert "Rp15.000" in refused.value.message()


def test_the_till_refuses_a_changed_price_then_sells_at_it_once_repriced(db: Database) -> None:
    settings = Settings(db_url=db.url, till="K1")
    till = Till(settings, db, PrintQueue(db, settings, lambda: NOW), lambda: NOW, CASHIER)
    till.cart.add(product(db, OIL), Decimal(2))
    raw(db, "UPDATE product SET price = 15000 WHERE code = :code", code=OIL)
    with pytest.raises(GeraiError) as refused:
        till.sell([Tender("tunai")])
    assert refused.value.key == "cart.price_changed" and "Rp15.000" in refused.value.message()
    assert till.cart.totals().total == 31_400  # the cart keeps the scanned price until confirmed
    till.reprice()
    assert till.cart.totals().total == 30_000
    assert till.sell([Tender("tunai")]).total == 30_000


def test_savings_take_the_stored_pokok_and_wajib_not_the_callers(db: Database) -> None:
    with db.read() as session:
        stored = load_shop(session)
        member = find_member(session, "KKMP-0003")
    assert member is not None and stored.savings_pokok > 1
    forged_shop = replace(stored, savings_pokok=1, savings_wajib=1)
    with db.write() as session:
        pokok = take_savings(
            session, CASHIER, member.id, "pokok", till="K1", now=NOW, shop=forged_shop
        )
        wajib = take_savings(
            session, CASHIER, member.id, "wajib", till="K1", now=NOW, shop=forged_shop, months=2
        )
    assert pokok.amount == stored.savings_pokok
    assert wajib.amount == 2 * stored.savings_wajib
