"""A sale whose total is 0 (a free item): through the service and through the payment dialog.
Nothing handed over means no payment rows; cash handed over anyway is one Rp0 cash payment
whose tender is all change."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from sqlmodel import select

from gerai.db import Database
from gerai.models import Payment, Sale
from gerai.services.audit.verify import verify
from gerai.services.reports.daily import daily_summary
from gerai.services.sale.checkout import Tender
from gerai.services.sale.voids import void_sale
from gerai.services.shop.profile import ShopProfile
from gerai.services.stock.catalog import find_by_code
from gerai.services.stock.ledger import stock_check
from gerai.services.stock.products import product_form, save_product
from gerai.tui.screens.sale.kasir import KasirScreen
from gerai.tui.screens.sale.payment import PaymentScreen
from tests.conftest import NOW, OWNER, OWNER_PIN, raw
from tests.test_checkout import sell
from tests.test_kasir_screen import make_app, type_entry

FREE = "AQA-600"


def make_free(db: Database, code: str = FREE) -> None:
    """The admin sets the product's price to 0 (a free item), as the product form does."""
    with db.write() as session:
        product = find_by_code(session, code)
        assert product is not None and product.id is not None
        form = replace(product_form(session, product.id), price="0", member_price="")
        save_product(session, form, actor=OWNER, at=NOW, product_id=product.id)


def test_a_free_item_sells_with_no_payment_rows(db: Database, shop: ShopProfile) -> None:
    make_free(db)
    before = raw(db, "SELECT stock FROM product WHERE code = :c", c=FREE)[0][0]
    result = sell(db, shop, f"2*{FREE}")
    assert (result.total, result.paid, result.change) == (0, 0, 0)
    assert raw(db, "SELECT total, paid, change, status FROM sale") == [(0, 0, 0, "completed")]
    assert raw(db, "SELECT count(*) FROM payment") == [(0,)]
    assert raw(db, "SELECT stock FROM product WHERE code = :c", c=FREE)[0][0] == before - 2000
    with db.read() as session:
        assert verify(session).broken is None
        assert stock_check(session) == []
        summary = daily_summary(session, NOW.date(), shop)
    assert summary.net == 0
    with db.write() as session:
        void_sale(
            session, OWNER, result.receipt_no, "salah", approval=OWNER_PIN, now=NOW, till="K1"
        )
    with db.read() as session:
        assert verify(session).broken is None


def test_cash_handed_over_for_a_free_item_is_all_change(db: Database, shop: ShopProfile) -> None:
    make_free(db)
    result = sell(db, shop, FREE, tenders=[Tender("tunai", 5_000)])
    assert (result.total, result.paid, result.change) == (0, 5_000, 5_000)
    assert raw(db, "SELECT method, amount, tendered FROM payment") == [("tunai", 0, 5_000)]
    later = sell(db, shop, FREE, "AQA-600", now=NOW + timedelta(minutes=1))
    assert later.receipt_no.endswith("-0002")


async def test_the_payment_dialog_sells_a_free_item_on_enter(db: Database) -> None:
    make_free(db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_entry(pilot, FREE)
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, PaymentScreen)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, KasirScreen)
        assert app.cart.lines == []
    with db.read() as session:
        sale = session.exec(select(Sale)).one()
        assert session.exec(select(Payment)).all() == []
    assert (sale.total, sale.paid, sale.change, sale.status) == (0, 0, 0, "completed")
