"""The screens of expiry dates (issue 17), by real key presses: receiving a dated product asks
its expiry date and batch (a date already past is asked about once more), and the list of what
expires soon shows each batch's value and writes an expired batch off; a count lists a dated
product's batches and books each difference to its batch."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from textual.widgets import DataTable, Input, Label

from gerai.core.i18n import set_language
from gerai.db import Database
from gerai.services.stock.batches import batches
from gerai.services.stock.receiving import ReceiveLine
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.stock.card import StockCardScreen
from gerai.tui.screens.stock.count import StockCountScreen
from gerai.tui.screens.stock.expiring import ExpiringScreen
from gerai.tui.screens.stock.receiving import ReceivingScreen
from tests.conftest import CASHIER, NOW, OWNER, raw
from tests.stock_helpers import supplier
from tests.test_batches import MILK, TODAY, mark, receive

pytestmark = pytest.mark.sqlite_only("screens only")


def make_app(db: Database) -> GeraiApp:
    set_language("id")
    return GeraiApp(Settings(db_url=db.url, lang="id"), db, clock=lambda: NOW, actor=OWNER)


def status(screen: object) -> str:
    return str(screen.query_one(".stock-status", Label).render())  # type: ignore[attr-defined]


async def test_receiving_a_dated_product_asks_its_expiry_and_batch(db: Database) -> None:
    product_id = mark(db)
    supplier(db)
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ReceivingScreen())
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReceivingScreen)
        screen.query_one("#supplier").value = 1  # type: ignore[attr-defined]
        await pilot.pause()  # the supplier chosen moves the focus to the reference
        screen.set_focus(screen.query_one("#line-code", Input))
        await pilot.press(*MILK, "enter", "1", "2", "enter", "enter", *"14000", "enter")
        await pilot.pause()
        assert screen.lines == [], status(screen)  # the expiry date is asked
        assert app.focused is not None and app.focused.id == "line-expiry"
        await pilot.press(*"20/12/2025", "enter", *"L77", "enter")
        await pilot.pause()
        assert len(screen.lines) == 1
        await pilot.press(*MILK, "enter", "3", "enter", "enter", *"14000", "enter")
        await pilot.pause()
        await pilot.press(*"2025-11-01", "enter", "enter")  # past: asked
        await pilot.pause()
        assert len(screen.lines) == 1
        assert "sudah lewat" in status(screen) or "sudah lewat" in str(
            screen.query_one(".stock-error", Label).render()
        )
        assert app.focused is not None and app.focused.id == "line-batch"
        await pilot.press("enter")  # once more: received anyway
        await pilot.pause()
        assert len(screen.lines) == 2
        await pilot.press("ctrl+s")
        await pilot.pause()
    with db.read() as session:
        held = [(b.expiry, b.batch, b.qty) for b in batches(session, product_id)]
    assert held == [
        (TODAY - timedelta(days=29), "", Decimal(3)),
        (TODAY + timedelta(days=20), "L77", Decimal(12)),
        (None, "", Decimal(144)),
    ]


async def test_the_expiring_list_shows_values_and_writes_an_expired_batch_off(
    db: Database,
) -> None:
    product_id = mark(db)
    receive(
        db,
        ReceiveLine(MILK, 4, 14_000, expiry=TODAY - timedelta(days=1), batch="OLD"),
        ReceiveLine(MILK, 5, 14_000, expiry=TODAY + timedelta(days=3), batch="NEW"),
        past_ok=True,
    )
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ExpiringScreen())
        await pilot.pause()
        screen = app.screen
        table = screen.query_one("#expiring-table", DataTable)
        assert table.row_count == 2
        basis = str(screen.query_one("#expiring-basis", Label).render())
        assert "2 batch" in basis
        await pilot.press("down", "enter")  # NEW has not expired: refused
        await pilot.pause()
        assert "belum" in str(screen.query_one(".dialog-error", Label).render())
        await pilot.press("up", "enter")  # OLD: written off (an admin needs no approval)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert table.row_count == 1
    with db.read() as session:
        assert [(b.batch, b.qty) for b in batches(session, product_id)] == [
            ("NEW", Decimal(5)),
            ("", Decimal(144)),
        ]
    assert raw(db, "SELECT reason, qty FROM writeoff") == [("kedaluwarsa", 4000)]


async def test_the_kasir_scans_a_batch_code_and_the_sale_takes_that_batch(db: Database) -> None:
    product_id = mark(db)
    receive(
        db,
        ReceiveLine(MILK, 4, 14_000, expiry=TODAY + timedelta(days=2), batch="EARLY"),
        ReceiveLine(MILK, 4, 14_000, expiry=TODAY + timedelta(days=9), batch="LATE9"),
    )
    app = GeraiApp(Settings(db_url=db.url, lang="id"), db, clock=lambda: NOW, actor=CASHIER)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"2*LATE9", "enter")  # the batch code printed on the pack
        await pilot.pause()
        assert [(line.product.code, line.qty) for line in app.cart.lines] == [(MILK, 2)]
        await pilot.press("f12")
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    with db.read() as session:
        held = [(b.batch, b.qty) for b in batches(session, product_id)]
    assert held == [("EARLY", Decimal(4)), ("LATE9", Decimal(2)), ("", Decimal(144))]


async def test_ctrl_t_marks_the_selected_product_dated_and_back(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press(*"MYK-1L")
        await pilot.pause()
        screen = app.screen
        assert screen.selected is not None and screen.selected.code == MILK  # type: ignore[attr-defined]
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert raw(db, "SELECT count(*) FROM datedproduct") == [(1,)]
        assert "bertanggal" in status(screen)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert raw(db, "SELECT count(*) FROM datedproduct") == [(0,)]


async def test_a_count_lists_a_dated_products_batches_and_books_each_to_its_batch(
    db: Database,
) -> None:
    product_id = mark(db)
    receive(db, ReceiveLine(MILK, 4, 14_500, expiry=TODAY + timedelta(days=2), batch="A"))
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(StockCountScreen())
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StockCountScreen)
        await pilot.press(*MILK, "enter")  # a scan counts one into the earliest batch
        await pilot.pause()
        table = screen.query_one("#count-lines", DataTable)
        names = [str(table.get_cell_at((row, 1))) for row in range(table.row_count)]
        assert names == [
            "Minyakita 1 L Pouch  · ED 2025-12-02 A",
            "Minyakita 1 L Pouch  · ED tanpa tanggal",
        ]
        assert [(r.batch.batch if r.batch else None, r.counted) for r in screen.rows] == [
            ("A", Decimal(1)),
            ("", None),
        ]
        await pilot.press("3", "enter", "down", *"140", "enter")  # a number sets the batch
        await pilot.pause()
        assert [r.counted for r in screen.rows] == [Decimal(3), Decimal(140)]
        screen.query_one("#reason", Input).value = "hitung"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, StockCountScreen), status(screen)
    with db.read() as session:
        held = [(b.expiry, b.batch, b.qty) for b in batches(session, product_id)]
    assert held == [(TODAY + timedelta(days=2), "A", Decimal(3)), (None, "", Decimal(140))]
    assert raw(db, "SELECT stock FROM product WHERE id = :p", p=product_id) == [(143_000,)]


async def test_the_stock_card_screen_shows_the_batch_of_each_movement(db: Database) -> None:
    product_id = mark(db)
    receive(db, ReceiveLine(MILK, 4, 14_500, expiry=TODAY + timedelta(days=2), batch="A"))
    app = make_app(db)
    async with app.run_test(size=(120, 30)) as pilot:
        await app.push_screen(StockCardScreen(product_id))
        await pilot.pause()
        table = app.screen.query_one("#card-table", DataTable)
        assert [str(c.label) for c in table.columns.values()][5] == "Batch (ED)"
        cells = [str(c) for c in table.get_row_at(1)]
        assert cells[3] == raw(db, "SELECT number FROM goodsreceipt")[0][0]
        assert cells[5:7] == ["ED 02-12-2025 A", "4"]
