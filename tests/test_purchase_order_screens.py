"""Purchase orders on screen (issue 17), real key presses: F3 "Pesan barang" makes the orders
of its suggestions (F2) and lists them (F4); the list shows ordered, received and open; F7
receives against an order with its open lines pre-filled and ordered vs received shown, more
than ordered asks a reason (recorded); F8 twice cancels; F6 writes the PDF, F5 the WhatsApp
text."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Label

from gerai.core.i18n import set_language
from gerai.core.words import OrderStatus
from gerai.db import Database
from gerai.services.shop.profile import ShopProfile
from gerai.services.stock.count import write_off
from gerai.services.stock.purchase_orders import OrderLine
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.stock.products import ProductsScreen
from gerai.tui.screens.stock.purchase_orders import (
    OrderReceivingScreen,
    OverReasonDialog,
    PurchaseOrdersScreen,
)
from gerai.tui.screens.stock.reorder import ReorderScreen
from gerai.tui.widgets.scan_field import ScanField
from tests.conftest import NOW, OWNER, raw
from tests.stock_helpers import stock, supplier
from tests.test_reorder import BULOG, history

SIZE = (120, 40)


def make_app(db: Database) -> GeraiApp:
    set_language("id")
    return GeraiApp(Settings(db_url=db.url), db, clock=lambda: NOW, actor=OWNER)


def rows(table: DataTable[Any]) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def status(screen: Any) -> str:
    return str(screen.query_one(".stock-status", Label).render())


async def open_orders(app: GeraiApp, pilot: Any, key: str) -> PurchaseOrdersScreen:
    """F3 twice (products, then Pesan barang), then `key` there."""
    await pilot.press("f3")
    await pilot.pause()
    assert isinstance(app.screen, ProductsScreen)
    await pilot.press("f3")
    await pilot.pause()
    assert isinstance(app.screen, ReorderScreen)
    await pilot.press(key)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, PurchaseOrdersScreen)
    return screen


async def test_make_orders_on_the_reorder_screen_and_receive_one(
    db: Database, shop: ShopProfile
) -> None:
    history(db, shop, NOW)
    with db.write() as session:  # 31 -> 11: 6/day * 5 days = 30; 30 - 11 = 19 -> one karton
        write_off(session, "MYK-1L", 20, "rusak", actor=OWNER, at=NOW, shop=shop)
    before = stock(db, "MYK-1L")
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_orders(app, pilot, "f2")
        [number] = [n for (n,) in raw(db, "SELECT number FROM purchaseorder")]
        assert f"1 pesanan dibuat: {number}." in status(screen)
        listed = rows(screen.query_one("#orders", DataTable))
        assert listed[0][0] == number and listed[0][2] == BULOG and listed[0][3] == "terbuka"
        assert rows(screen.query_one("#order-lines", DataTable)) == [
            ["MYK-1L", "Minyakita 1 L Pouch", "40 pcs", "0 pcs", "40 pcs"]
        ]
        await pilot.press("f7")
        await pilot.pause()
        receiving = app.screen
        assert isinstance(receiving, OrderReceivingScreen)
        assert [
            (line.code, line.qty, line.pack, line.unit_cost) for line, _ in receiving.lines
        ] == [("MYK-1L", "1", "karton=40", "560000")]
        shown = rows(receiving.query_one("#order-lines", DataTable))
        assert shown == [["MYK-1L", "Minyakita 1 L Pouch", "40 pcs", "0 pcs", "40 pcs", "40 pcs"]]
        assert app.focused is not None and app.focused.id == "reference"
        await pilot.press(*"SJ-77")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert "pesanan " + number + " diterima" in status(screen)
        assert rows(screen.query_one("#order-lines", DataTable))[0][2:] == [
            "40 pcs",
            "40 pcs",
            "0 pcs",
        ]
        await pilot.press("escape")
        await pilot.pause()
        reorder = app.screen
        assert isinstance(reorder, ReorderScreen)  # worked out again: 51 in stock, none
        assert reorder.query_one("#reorder-table", DataTable).row_count == 0
        assert "Belum ada barang" in str(reorder.query_one("#reorder-basis", Label).render())
    assert stock(db, "MYK-1L") == before + 40
    assert raw(db, "SELECT status FROM purchaseorder") == [(OrderStatus.RECEIVED,)]


async def test_more_than_ordered_asks_a_reason_then_cancel_pdf_and_text(
    db: Database, shop: ShopProfile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a PostgreSQL shop's files go to the working folder
    history(db, shop, NOW)
    app = make_app(db)
    bulog = raw(db, "SELECT id FROM supplier")[0][0]
    number = app.till.create_order(bulog, [OrderLine("MYK-1L", "10", "", "14000")])
    second = app.till.create_order(bulog, [OrderLine("GLA-KG", "5")])
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_orders(app, pilot, "f4")
        assert [r[0] for r in rows(screen.query_one("#orders", DataTable))] == [second, number]
        await pilot.press("down")
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        receiving = app.screen
        assert isinstance(receiving, OrderReceivingScreen)
        receiving.query_one("#line-code", ScanField).focus()
        await pilot.press(*"MYK-1L", "enter", "2", "enter", "enter", *"14000", "enter")
        await pilot.pause()
        assert len(receiving.lines) == 2
        assert rows(receiving.query_one("#order-lines", DataTable))[0][5] == "12 pcs"
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, OverReasonDialog)
        await pilot.press("enter")  # empty: refused
        await pilot.pause()
        assert app.screen is dialog
        await pilot.press(*"bonus 2 pcs", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert raw(db, "SELECT over_reason FROM purchaseorderreceipt") == [("bonus 2 pcs",)]
        await pilot.press("up")  # the sugar order: F8 asks, F8 again cancels
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        assert f"F8 sekali lagi untuk membatalkan {second}" in status(screen)
        await pilot.press("f8")
        await pilot.pause()
        assert rows(screen.query_one("#orders", DataTable))[0][3] == "dibatalkan"
        await pilot.press("f5")
        await pilot.pause()
        folder = db.path.parent if db.path is not None else tmp_path  # next to the database
        assert screen.folder() == folder
        text_file = folder / f"pesanan-{second}.txt"
        assert text_file.read_text().startswith(f"*PESANAN PEMBELIAN {second}*")
        await pilot.press("f6")
        pdf = folder / f"pesanan-{second}.pdf"
        for _ in range(100):
            await pilot.pause()
            if "PDF pesanan ditulis" in status(screen):
                break
            await asyncio.sleep(0.05)
        assert pdf.read_bytes().startswith(b"%PDF")
    assert raw(db, "SELECT number, status FROM purchaseorder ORDER BY id") == [
        (number, OrderStatus.RECEIVED),
        (second, OrderStatus.CANCELLED),
    ]
    assert Path(pdf).stat().st_size > 1000


def test_what_is_open_becomes_a_receiving_line() -> None:
    from decimal import Decimal

    from gerai.services.stock.purchase_orders import OrderLineInfo
    from gerai.tui.screens.stock.purchase_orders import open_line

    def line(pack: str, factor: int, qty: int, cost: int | None, received: int) -> OrderLineInfo:
        return OrderLineInfo(
            1, 1, "MYK-1L", "Minyakita", "pcs", pack, Decimal(factor), Decimal(qty), cost,
            Decimal(received),
        )  # fmt: skip

    def shown(entry: Any) -> tuple[str, str, str]:
        return entry.qty, entry.pack, entry.unit_cost

    # whole karton still open: in karton at the order's cost, or the HPP of 40 pieces
    assert shown(open_line(line("karton", 40, 80, 560_000, 40), 13_000)) == (
        "1", "karton=40", "560000"
    )  # fmt: skip
    assert shown(open_line(line("karton", 40, 80, None, 0), 13_000)) == (
        "2", "karton=40", "520000"
    )  # fmt: skip
    # 25 of a karton open: pieces at a piece's share of the karton's cost
    assert shown(open_line(line("karton", 40, 80, 560_000, 55), 13_000)) == ("25", "", "14000")
    # ordered by the piece at a cost: that cost, not the HPP
    assert shown(open_line(line("", 1, 20, 57_000, 5), 55_000)) == ("15", "", "57000")


async def test_a_dated_products_line_is_left_to_type_with_its_expiry(
    db: Database, shop: ShopProfile
) -> None:
    app = make_app(db)
    app.till.set_dated("MYK-1L", True)
    supplier_id = supplier(db, BULOG)
    number = app.till.create_order(
        supplier_id, [OrderLine("MYK-1L", "1", "karton=40", "560000"), OrderLine("GLA-KG", "5")]
    )
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_orders(app, pilot, "f4")
        await pilot.press("f7")
        await pilot.pause()
        receiving = app.screen
        assert isinstance(receiving, OrderReceivingScreen)
        assert [line.code for line, _ in receiving.lines] == ["GLA-KG"]
        assert "MYK-1L" in status(receiving) and "kedaluwarsa" in status(receiving)
        receiving.query_one("#line-code", ScanField).focus()
        await pilot.press(*"MYK-1L", "enter", "1", "enter", *"karton=40", "enter")
        await pilot.press(*"560000", "enter", *"31-12-2026", "enter", *"L77", "enter")
        await pilot.pause()
        assert [line.code for line, _ in receiving.lines] == ["GLA-KG", "MYK-1L"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
    assert raw(db, "SELECT status FROM purchaseorder WHERE number = :n", n=number) == [
        (OrderStatus.RECEIVED,)
    ]
    assert raw(db, "SELECT code, qty FROM stockbatch WHERE code = 'L77'") == [("L77", 40_000)]
