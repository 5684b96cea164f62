"""Hutang pemasok on screen (issue 17): F11 → the supplier debts with a bendahara's approval for
a kasir, the list with its aging, Enter → the pay dialog typed at speed (TypeAhead), a refusal
kept in the dialog, the list read again after a payment."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import DataTable, Input

from gerai.core.words import ReceiptTermsKind
from gerai.db import Database
from gerai.tui.screens.approval import ApprovalScreen
from gerai.tui.screens.stock.supplier_debts import PaySupplierScreen, SupplierDebtsScreen
from tests.conftest import CASHIER, raw
from tests.stock_helpers import supplier
from tests.test_login_admin_screens import SIZE, burst, make_app, open_menu_entry, settle, text
from tests.test_supplier_debts import TODAY, fill_kas, receive, terms


def cells(table: DataTable[object], row: int) -> list[str]:
    return [str(cell) for cell in table.get_row_at(row)]


async def test_a_kasir_pays_a_supplier_from_the_admin_menu(db: Database) -> None:
    fill_kas(db, 400_000)
    bulog = supplier(db)
    first = receive(db, bulog, 14_000, "SJ-1")
    terms(db, first, ReceiptTermsKind.CREDIT, due=TODAY + timedelta(days=3))
    terms(db, receive(db, bulog, 15_000, "SJ-2"), ReceiptTermsKind.CREDIT)
    app = make_app(db, CASHIER, till="K2")  # K1 closed its shift into the kas
    async with app.run_test(size=SIZE) as pilot:
        await open_menu_entry(app, pilot, 3)
        assert isinstance(app.screen, ApprovalScreen)
        await pilot.press(*"bendahara", "enter", *"2222", "enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SupplierDebtsScreen)
        table = screen.query_one("#owed-table", DataTable)
        assert cells(table, 0)[:3] == ["Bulog Sub Divre Bone", "290.000", "290.000"]
        assert cells(table, 0)[-2:] == ["140.000", "0"]  # due this week, overdue
        assert "Rp290.000" in text(app, "#owed-total")
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PaySupplierScreen)
        burst(app, "50000\r\r" + first + "\r")  # amount, no reference, the receipt: at speed
        await settle(app, pilot)
        assert app.screen is screen
        assert "Rp240.000" in text(app, ".dialog-error")
        assert cells(table, 0)[1] == "240.000"
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PaySupplierScreen)
        await pilot.press("tab")  # a transfer, without its reference
        await pilot.press("enter", "enter", "enter")
        await settle(app, pilot)
        assert app.screen is dialog
        assert "referensi" in text(app, ".dialog-error")
        dialog.query_one("#pay-reference", Input).value = "BRI 0042"
        dialog.query_one("#pay-receipt", Input).focus()
        await pilot.press("enter")  # empty amount: all that is owed
        await settle(app, pilot)
        assert app.screen is screen
        assert screen.query_one("#owed-table", DataTable).row_count == 0
    assert raw(db, "SELECT amount, method, reference, created_by FROM supplierpayment") == [
        (50_000, "tunai", "", "bendahara"),
        (240_000, "transfer", "BRI 0042", "bendahara"),
    ]
