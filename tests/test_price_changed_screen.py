"""Issue 19, a price changed while the cart is open, at the counter: the payment dialog shows
the product and its new price, the kasir's Enter takes the new prices (the total is shown
again), and the next Enter pays at them with the amount typed."""

from __future__ import annotations

from sqlmodel import select
from textual.widgets import Input, Label

from gerai.db import Database
from gerai.models import Sale
from gerai.tui.screens.sale.kasir import KasirScreen
from gerai.tui.screens.sale.payment import PaymentScreen
from tests.conftest import raw
from tests.test_kasir_screen import MINYAKITA, make_app, type_entry


def error_text(app: object) -> str:
    return str(app.screen.query_one("#pay-error", Label).render())  # type: ignore[attr-defined]


async def test_the_kasir_sees_the_new_price_confirms_and_pays_it(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_entry(pilot, f"2*{MINYAKITA}")
        assert app.cart.totals().total == 31_400
        raw(db, "UPDATE product SET price = 15000 WHERE code = :code", code=MINYAKITA)
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, PaymentScreen)
        await type_entry(pilot, "50000")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PaymentScreen)  # refused: nothing sold
        shown = error_text(app)
        assert "Minyakita" in shown and "Rp15.000" in shown and "Enter" in shown
        with db.read() as session:
            assert session.exec(select(Sale)).first() is None
        await pilot.press("enter")  # the kasir confirms the new price
        await pilot.pause()
        assert app.cart.totals().total == 30_000
        assert "Rp30.000" in error_text(app)
        assert app.screen.query_one("#tendered", Input).value == "50000"  # kept for paying
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, KasirScreen)
    with db.read() as session:
        sale = session.exec(select(Sale)).one()
    assert (sale.total, sale.change) == (30_000, 20_000)
