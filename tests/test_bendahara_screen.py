"""The bendahara's screen: a day's summary, its sales and their receipts, the PDF export."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from textual.widgets import DataTable, Label

from gerai.db import Database
from gerai.services.reports.daily import daily_summary
from gerai.services.sale.cart import Cart
from gerai.services.sale.checkout import Tender, checkout
from gerai.services.shop.profile import load_shop
from gerai.services.stock.catalog import find_by_code
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.cash.bendahara import BendaharaScreen, SaleDetailScreen
from tests.conftest import CASHIER, NOW, TREASURER


def sell(db: Database, codes: list[str], at=NOW) -> str:  # type: ignore[no-untyped-def]
    with db.write() as session:
        cart = Cart()
        for code in codes:
            product = find_by_code(session, code)
            assert product is not None
            cart.add(product, Decimal(1))
        result = checkout(
            session,
            cart,
            [Tender("tunai")],
            till="K1",
            actor=CASHIER,
            shop=load_shop(session),
            now=at,
        )
    return result.receipt_no


async def open_report(app: GeraiApp, pilot) -> BendaharaScreen:  # type: ignore[no-untyped-def]
    await pilot.press("f4")
    for _ in range(20):
        await pilot.pause()
        await app.workers.wait_for_complete()
        screen = app.screen
        if (
            isinstance(screen, BendaharaScreen)
            and screen.query_one("#sales-table", DataTable).row_count
        ):
            break
    assert isinstance(app.screen, BendaharaScreen)
    return app.screen


async def test_the_report_shows_the_days_figures_and_receipts(db: Database) -> None:
    numbers = [sell(db, ["MYK-1L", "GLA-KG"]), sell(db, ["BRS-SPHP5"])]
    with db.read() as session:
        summary = daily_summary(session, NOW.date(), load_shop(session))
    app = GeraiApp(Settings(db_url=db.url), db, clock=lambda: NOW, actor=TREASURER)
    async with app.run_test(size=(130, 42)) as pilot:
        screen = await open_report(app, pilot)
        header = str(screen.query_one("#report-header", Label).render())
        assert "30-11-2025" in header and "2 transaksi" in header
        figures = screen.query_one("#summary-table", DataTable)
        values = {
            str(figures.get_row_at(i)[0]): str(figures.get_row_at(i)[1])
            for i in range(figures.row_count)
        }
        assert values["Penjualan bersih"] == f"{summary.net:,}".replace(",", ".")
        shown = {k: int(v.replace(".", "")) for k, v in values.items() if k != "Uraian"}
        assert shown["Laba kotor"] == (  # one word, net of returns, adds up as displayed
            shown["Bersih setelah retur"] - shown["HPP"] + shown["HPP retur (kembali)"]
        )
        sales = screen.query_one("#sales-table", DataTable)
        assert [str(sales.get_row_at(i)[0]) for i in range(sales.row_count)] == numbers[::-1]
        shifts = screen.query_one("#shifts-table", DataTable)
        assert shifts.row_count == 2  # K1 and K2 open
        sales.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SaleDetailScreen)
        assert app.screen.receipt_no == numbers[1]
        await pilot.press("escape", "left_square_bracket")
        for _ in range(10):
            await pilot.pause()
            await app.workers.wait_for_complete()
        assert "29-11-2025" in str(screen.query_one("#report-header", Label).render())
        assert screen.query_one("#sales-table", DataTable).row_count == 0
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert screen.day == NOW.date()  # never past today


async def test_e_exports_the_days_pdf_next_to_the_database(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a PostgreSQL shop has no database file: the current folder
    sell(db, ["MYK-1L"])
    app = GeraiApp(Settings(db_url=db.url), db, clock=lambda: NOW, actor=TREASURER)
    async with app.run_test(size=(130, 42)) as pilot:
        await open_report(app, pilot)
        await pilot.press("e")
        for _ in range(40):
            await pilot.pause()
            await app.workers.wait_for_complete()
            if "PDF" in str(app.screen.query_one("#report-status", Label).render()):
                break
    folder = db.path.parent if db.path else tmp_path
    pdf = folder / f"laporan-harian-{NOW.date().isoformat()}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
