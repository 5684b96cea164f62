"""After a goods receipt is saved the receiving screen asks how it is paid (issue 17): Tab to
cash now and two Enters typed at speed pay it from the kas; a due date that is not a date is
refused in the dialog and a good one puts the receipt in the supplier's book; Esc leaves the
terms for later."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, Label, Select

from gerai.db import Database
from gerai.services.cash.kas import kas_balance
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.stock.products import ProductsScreen
from gerai.tui.screens.stock.receipt_terms import ReceiptTermsDialog
from gerai.tui.screens.stock.receiving import ReceivingScreen
from tests.conftest import NOW, TREASURER, raw
from tests.stock_helpers import supplier
from tests.test_products_screen import SIZE, open_products
from tests.test_supplier_debts import fill_kas
from tests.test_type_ahead import burst, settle, typed


def make_app(db: Database) -> GeraiApp:
    """A bendahara at till K2 (K1 closed its shift into the kas)."""
    return GeraiApp(Settings(db_url=db.url, till="K2"), db, clock=lambda: NOW, actor=TREASURER)


async def receive_and_save(app: GeraiApp, pilot: Any, supplier_id: int, reference: str) -> None:
    """F7, 10 Minyakita at Rp14.000 from the supplier, Ctrl+S: the terms dialog is up."""
    await pilot.press("f7")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ReceivingScreen)
    screen.query_one("#supplier", Select).value = supplier_id  # on to the reference
    await pilot.pause()
    screen.query_one("#reference", Input).focus()
    await pilot.pause()
    burst(app, *typed(f"{reference}\rMYK-1L\r10\r\r14000\r"))
    await settle(app, pilot)
    assert len(screen.lines) == 1
    await pilot.press("ctrl+s")
    await settle(app, pilot)
    assert isinstance(app.screen, ReceiptTermsDialog)


def status(app: GeraiApp) -> str:
    return str(app.screen.query_one(".stock-status", Label).render())


async def test_the_receiving_screen_asks_how_the_goods_are_paid(db: Database) -> None:
    fill_kas(db, 400_000)
    bulog = supplier(db)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_products(app, pilot)
        await receive_and_save(app, pilot, bulog, "SJ-1")
        await pilot.press("tab")  # cash now
        burst(app, *typed("\r\r"))
        await settle(app, pilot)
        assert isinstance(app.screen, ProductsScreen)
        assert "BM-20251130-001" in status(app) and "Lunas" in status(app)

        await receive_and_save(app, pilot, bulog, "SJ-2")
        dialog = app.screen
        burst(app, *typed("besok\r\r"))
        await settle(app, pilot)
        assert app.screen is dialog
        assert "'besok' bukan tanggal" in str(dialog.query_one(".dialog-error", Label).render())
        dialog.query_one("#terms-due", Input).value = "31-12-2025"
        dialog.query_one("#terms-reference", Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ProductsScreen)
        assert "jatuh tempo 31-12-2025" in status(app)

        await receive_and_save(app, pilot, bulog, "SJ-3")
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ProductsScreen)
        assert "belum dicatat" in status(app)
    rows = raw(db, "SELECT receipt_id, kind, due_date FROM receiptterms ORDER BY receipt_id")
    assert [(r, k, str(d)) for r, k, d in rows] == [
        (1, "lunas", "2025-11-30"),
        (2, "tempo", "2025-12-31"),
    ]
    with db.read() as session:
        assert kas_balance(session) == 400_000 - 140_000
