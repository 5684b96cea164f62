"""The stock screens driven by key presses (Textual pilot) and checked against the database:
the products screen (F3 on the kasir screen) pages from the database and searches as you type,
its dialogs refuse bad input in place and write nothing; receiving, stock count, the stock
card, repacking and writing off end up exactly in the ledger."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select
from textual.widgets import Checkbox, DataTable, Input, Label, Select

from gerai.core.i18n import set_language
from gerai.db import Database
from gerai.models import GoodsReceipt, PriceChange, StockCount
from gerai.services.audit import trail as audit
from gerai.services.shop.auth import Actor
from gerai.services.shop.profile import ShopProfile
from gerai.services.stock.count import write_off
from gerai.services.stock.ledger import stock_check
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.approval import ApprovalScreen
from gerai.tui.screens.sale.kasir import KasirScreen
from gerai.tui.screens.stock.card import StockCardScreen
from gerai.tui.screens.stock.common import CategoryPicker
from gerai.tui.screens.stock.count import StockCountScreen
from gerai.tui.screens.stock.moves import RepackDialog, WriteOffDialog
from gerai.tui.screens.stock.product_form import ProductDialog
from gerai.tui.screens.stock.products import ProductList, ProductsScreen
from gerai.tui.screens.stock.receipt_terms import ReceiptTermsDialog
from gerai.tui.screens.stock.receiving import ReceivingScreen, SupplierDialog
from gerai.tui.widgets.scan_field import ScanField
from tests.conftest import CASHIER, NOW, OWNER, TREASURER, copy_database
from tests.stock_helpers import product, snapshot, stock

SIZE = (120, 40)
GENERATED = 5_000


def make_app(db: Database, actor: Actor = OWNER) -> GeraiApp:
    set_language("id")
    return GeraiApp(Settings(db_url=db.url), db, clock=lambda: NOW, actor=actor)


def text(widget: Any) -> str:
    return str(widget.render())


def names(app: GeraiApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, ProductsScreen)
    return [p.name for p in screen.rows]


async def open_products(app: GeraiApp, pilot: Any) -> ProductsScreen:
    await pilot.press("f3")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ProductsScreen)
    return screen


async def search(pilot: Any, words: str) -> None:
    await pilot.press(*words)
    await pilot.pause()


@pytest.fixture(scope="module")
def big_file(catalogue_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo catalogue and 5,000 more products, built once for this module."""
    path = tmp_path_factory.mktemp("big") / "big.db"
    copy_database(catalogue_file, path)
    with closing(sqlite3.connect(path)) as raw, raw:
        category = raw.execute("SELECT id FROM category WHERE name = 'Lain-lain'").fetchone()[0]
        raw.executemany(
            "INSERT INTO product (code, name, category_id, unit, sold_by_weight, price, cost,"
            " tax_category, reorder_level, stock, active, updated_at) VALUES"
            " (?, ?, ?, 'pcs', 0, 1000, 800, 'ppn', 0, 0, 1, '2025-11-30 00:00:00')",
            [(f"GEN-{n:05d}", f"Zat Uji {n:05d}", category) for n in range(GENERATED)],
        )
    return path


@pytest.fixture
def big(big_file: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the big catalogue with a shift open on K1."""
    from gerai.services.cash.shifts import open_shift
    from gerai.services.shop.profile import load_shop

    path = tmp_path / "big.db"
    copy_database(big_file, path)
    database = Database(f"sqlite:///{path}")
    with database.write() as session:
        open_shift(session, "K1", CASHIER, 500_000, NOW, load_shop(session))
    yield database
    database.dispose()


# --- the list -----------------------------------------------------------------------------


async def test_f3_opens_the_products_and_esc_returns_to_the_till(
    db: Database, shop: ShopProfile
) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        header = app.screen.query_one("#header", Label)
        assert "Stok menipis" not in text(header)  # nothing is low in the fresh catalogue
        screen = await open_products(app, pilot)
        assert app.focused is not None and app.focused.id == "search"
        assert "Stok menipis: 0" in text(screen.query_one("#products-header", Label))
        assert names(app)[0] == "Ajinomoto MSG 100 g"
        with db.write() as session:  # 144 → 36, the reorder level
            write_off(session, "MYK-1L", 108, "rusak", actor=OWNER, at=NOW, shop=shop)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, KasirScreen)
        assert text(header).endswith("  ·  Stok menipis: 1")


async def test_the_table_holds_one_page_and_pages_by_keyset(big: Database) -> None:
    app = make_app(big)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_products(app, pilot)
        shown = screen.query_one(ProductList)
        size = screen.page_size
        assert 20 <= size < 40 and len(shown.products) == size  # the rows it shows, no more
        assert shown.size.height == size + 1  # and a header
        first = names(app)
        await pilot.press("pagedown")
        await pilot.pause()
        second = names(app)
        assert len(second) == size and second[0] > first[-1]
        # the arrows slide the page by one product past its last row
        for _ in range(size):
            await pilot.press("down")
        await pilot.pause()
        assert names(app)[0] == second[1] and screen.cursor == size - 1
        await pilot.press("pageup", "pageup", "pageup")
        await pilot.pause()
        assert names(app) == first and screen.cursor == 0
        await pilot.press("up")  # at the very top nothing moves
        assert names(app) == first
        screen.query_one("#search", Input).value = "zat uji 049"
        await pilot.pause()
        assert names(app)[:3] == ["Zat Uji 04900", "Zat Uji 04901", "Zat Uji 04902"]
        for _ in range(4):
            await pilot.press("pagedown")
        await pilot.pause()
        assert names(app)[-1] == "Zat Uji 04999" and len(shown.products) == size
        assert screen.cursor == size - 1


async def test_search_as_you_type_by_name_code_and_barcode(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_products(app, pilot)
        await search(pilot, "beras med")
        assert names(app) == [
            "Beras Medium 10 kg", "Beras Medium 25 kg", "Beras Medium 5 kg", "Beras Medium Curah"
        ]  # fmt: skip
        screen.query_one("#search", Input).value = "8991201000178"
        await pilot.pause()
        assert names(app) == ["Beras SPHP Bulog 5 kg"]
        screen.query_one("#search", Input).value = "tidak ada sama sekali"
        await pilot.pause()
        assert names(app) == []
        assert "Tidak ada barang yang cocok." in text(screen.query_one(".stock-status", Label))


async def test_filters_low_stock_inactive_and_category(db: Database, shop: ShopProfile) -> None:
    with db.write() as session:
        write_off(session, "KRS-PAK", 8, "sobek", actor=OWNER, at=NOW, shop=shop)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_products(app, pilot)
        await pilot.press("f5")
        await pilot.pause()
        assert [p.code for p in screen.rows] == ["KRS-PAK"]
        assert "stok menipis" in text(screen.query_one("#filters", Label))
        await pilot.press("f5", "f6")
        await pilot.pause()
        assert screen.rows and not any(p.active for p in screen.rows)
        await pilot.press("f6", "f4")
        await pilot.pause()
        assert isinstance(app.screen, CategoryPicker)
        await pilot.press(*"gula", "enter")
        await pilot.pause()
        assert {p.category for p in screen.rows} == {"Gula"}
        assert "Gula" in text(screen.query_one("#filters", Label))


# --- add and edit -------------------------------------------------------------------------


async def edit_sphp(app: GeraiApp, pilot: Any, approver: str = "") -> ProductDialog:
    """Open the SPHP rice's form; `approver` (`name pin`) answers the approval dialog."""
    await open_products(app, pilot)
    await search(pilot, "sphp")
    await pilot.press("enter")
    await pilot.pause()
    if approver:
        assert isinstance(app.screen, ApprovalScreen)
        name, pin = approver.split()
        await pilot.press(*name, "enter", *pin, "enter")
        await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, ProductDialog)
    return dialog


async def test_a_price_above_het_is_refused_in_the_dialog(db: Database) -> None:
    """A kasir edits with the admin's PIN: the change is the kasir's, approved by the admin."""
    before = snapshot(db)
    app = make_app(db, CASHIER)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await edit_sphp(app, pilot, "admin 9999")
        dialog.query_one("#f-price", Input).value = "70000"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        error = text(dialog.query_one(".dialog-error", Label))
        assert "HET Rp62.500" in error and "Rp70.000" in error
        assert snapshot(db) == before
        dialog.query_one("#f-price", Input).value = "62000"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProductsScreen)
        assert app.screen.rows[0].price == 62_000
        assert "Barang disimpan." in text(app.screen.query_one(".stock-status", Label))
    with db.read() as session:
        [change] = session.exec(select(PriceChange)).all()
        saved = [r for r in audit.rows(session) if r.kind == "product_changed"]
    assert (change.old_price, change.new_price, change.changed_by) == (62_500, 62_000, "kasir")
    assert [(r.actor, r.data()["approved_by"], r.data()["price"]) for r in saved] == [
        ("kasir", "admin", 62_000)
    ]


@pytest.mark.parametrize(
    ("barcodes", "expected"),
    [
        ("8996114000246", "sudah dipakai barang MYK-1L"),
        ("8991201000170", "digit pemeriksa EAN-13 salah"),
    ],
)
async def test_a_barcode_taken_or_invalid_is_refused(
    db: Database, barcodes: str, expected: str
) -> None:
    before = snapshot(db)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await edit_sphp(app, pilot)
        dialog.query_one("#f-barcodes", Input).value = barcodes
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert expected in text(dialog.query_one(".dialog-error", Label))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProductsScreen)
    assert snapshot(db) == before


async def test_a_new_product_from_the_dialog(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_products(app, pilot)
        await pilot.press("f2")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ProductDialog)
        assert app.focused is not None and app.focused.id == "f-code"
        await pilot.press(*"KPI", "enter")
        assert app.focused is not None and app.focused.id == "f-barcodes"
        values = {
            "code": "KPI-TBR",
            "barcodes": "8999999000011",
            "name": "Kopi Tubruk 250 g",
            "unit": "bks",
            "price": "18000",
            "cost": "15000",
            "packs": "dus=20",
        }
        for field, value in values.items():
            dialog.query_one(f"#f-{field}", Input).value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog  # no category chosen yet
        assert "Kategori" in text(dialog.query_one(".dialog-error", Label))
        dialog.query_one("#f-category", Select).value = "Minuman"
        dialog.query_one("#f-sold_by_weight", Checkbox).value = False
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProductsScreen)
    new = product(db, "8999999000011")
    assert (new.code, new.name, new.category, new.price, new.stock) == (
        "KPI-TBR", "Kopi Tubruk 250 g", "Minuman", 18_000, 0
    )  # fmt: skip


# --- receiving ----------------------------------------------------------------------------


async def test_receiving_goods_from_a_new_supplier(db: Database) -> None:
    before = stock(db, "MYK-1L")
    app = make_app(db, TREASURER)
    async with app.run_test(size=SIZE) as pilot:
        await open_products(app, pilot)
        await pilot.press("f7")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReceivingScreen)
        await pilot.press("ctrl+s")  # no supplier, no lines: refused
        await pilot.pause()
        assert "Pilih pemasok." in text(screen.query_one(".stock-status", Label))
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, SupplierDialog)
        app.screen.query_one("#supplier-name", Input).value = "CV Sumber Rejeki"
        await pilot.press("enter", "enter", *"Maros", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#supplier", Select).value == 1
        assert app.focused is not None and app.focused.id == "reference"
        screen.query_one("#reference", Input).value = "SJ-0012"
        screen.query_one("#line-code", ScanField).focus()
        await pilot.press(*"MYK-1L", "enter")
        await pilot.pause()
        assert "Minyakita 1 L Pouch" in text(screen.query_one("#line-hint", Label))
        await pilot.press("2", "enter")
        screen.query_one("#line-pack", Input).value = "karton=12"
        await pilot.press("enter", "a", "b", "c", "enter")
        await pilot.pause()
        assert screen.lines == []  # a cost that is not a number: refused, line kept
        assert "'abc' bukan jumlah Rupiah" in text(screen.query_one(".stock-status", Label))
        screen.query_one("#line-cost", Input).value = "170000"
        screen.query_one("#line-cost", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert len(screen.lines) == 1
        assert "Rp340.000" in text(screen.query_one("#receipt-total", Label))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReceiptTermsDialog)  # paid later by default (issue 17)
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ProductsScreen)
        assert "BM-20251130-001" in text(app.screen.query_one(".stock-status", Label))
        assert "30-12-2025" in text(app.screen.query_one(".stock-status", Label))
    assert stock(db, "MYK-1L") == before + 24
    with db.read() as session:
        receipt = session.exec(select(GoodsReceipt)).one()
        assert (receipt.reference, receipt.total, receipt.created_by) == (
            "SJ-0012",
            340_000,
            "bendahara",
        )
        assert stock_check(session) == []


@pytest.mark.parametrize(
    ("qty", "pack", "expected"),
    [
        ("0", "", "lebih dari 0"),
        ("-2", "", "lebih dari 0"),
        ("2", "karton=0", "harus lebih dari 0"),
    ],
)
async def test_bad_receiving_lines_are_refused_in_place(
    db: Database, qty: str, pack: str, expected: str
) -> None:
    before = snapshot(db)
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_products(app, pilot)
        await pilot.press("f7")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReceivingScreen)
        for field, value in (("code", "MYK-1L"), ("qty", qty), ("pack", pack), ("cost", "1000")):
            screen.query_one(f"#line-{field}", Input).value = value
        screen.query_one("#line-cost", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert screen.lines == []
        assert expected in text(screen.query_one(".stock-status", Label))
        await pilot.press("escape")
        await pilot.pause()
    assert snapshot(db) == before


# --- stock count --------------------------------------------------------------------------


async def test_a_stock_count_by_scanning_and_typing(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_products(app, pilot)
        await pilot.press("f8")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StockCountScreen)
        entry = screen.query_one("#entry", ScanField)
        for typed in ("MYK-1L", "8996114000246", "140", "3*KRS-PAK", "TIDAK-ADA"):
            entry.value = typed  # two scans count 2; a number sets the selected line's count
            await pilot.press("enter")
        await pilot.pause()
        assert "'TIDAK-ADA' tidak dikenal" in text(screen.query_one(".stock-status", Label))
        assert [(r.product.code, r.counted) for r in screen.rows] == [
            ("MYK-1L", Decimal(140)),
            ("KRS-PAK", Decimal(3)),
        ]
        summary = text(screen.query_one("#count-summary", Label))
        assert "2 dari 2 dihitung · 2 selisih · nilai -Rp105.600" in summary
        before = snapshot(db)
        await pilot.press("ctrl+s")  # differences need a reason
        await pilot.pause()
        assert "tulis alasannya" in text(screen.query_one(".stock-status", Label))
        assert snapshot(db) == before
        screen.query_one("#reason", Input).value = "hitung bulanan"
        screen.query_one("#reason", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProductsScreen)
    assert (stock(db, "MYK-1L"), stock(db, "KRS-PAK")) == (140, 3)
    with db.read() as session:
        count = session.exec(select(StockCount)).one()
        assert (count.reason, count.value, count.scope) == (
            "hitung bulanan",
            -105_600,
            "barang yang dipindai",
        )
        assert stock_check(session) == []


async def test_a_count_of_a_category(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_products(app, pilot)
        await pilot.press("f8", "f4")
        await pilot.pause()
        await pilot.press(*"gula", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StockCountScreen)
        assert {r.product.category for r in screen.rows} == {"Gula"}
        assert screen.query_one("#count-lines", DataTable).row_count == len(screen.rows)
        await pilot.press(*"99,5", "enter")
        await pilot.pause()
        first = screen.rows[0]
        assert first.counted == Decimal("99.5")
        assert "Gula" in text(screen.query_one("#count-scope", Label))


# --- stock card, repack, write-off --------------------------------------------------------


async def test_the_stock_card_of_the_selected_product(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_products(app, pilot)
        await search(pilot, "myk-1l")
        await pilot.press("f9")
        await pilot.pause()
        card = app.screen
        assert isinstance(card, StockCardScreen)
        table = card.query_one("#card-table", DataTable)
        assert table.row_count == 1
        assert [str(c) for c in table.get_row_at(0)][2:] == [
            "Stok awal", "SA-20251130-001", "impor katalog", "144", "", "144"
        ]  # fmt: skip
        assert "stok 144 pcs" in text(card.query_one("#card-title", Label))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProductsScreen)


async def test_repack_and_write_off_from_the_list(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_products(app, pilot)
        await search(pilot, "IDM-GRG-DUS")
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, RepackDialog)
        for field, value in (("qty", "2"), ("target", "IDM-GRG"), ("contents", "40")):
            app.screen.query_one(f"#repack-{field}", Input).value = value
        app.screen.query_one("#repack-produced", Input).value = "81"
        app.screen.query_one("#repack-produced", Input).focus()
        await pilot.press("enter", "enter")  # to the note, and Enter on the note saves
        await pilot.pause()
        error = text(app.screen.query_one(".dialog-error", Label))
        assert error == "Hasil 81 pcs lebih dari isinya (80 pcs)."
        app.screen.query_one("#repack-produced", Input).value = "79"
        app.screen.query_one("#repack-note", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProductsScreen)
        await pilot.press("f11")
        await pilot.pause()
        assert isinstance(app.screen, WriteOffDialog)
        await pilot.press("9", "enter")
        app.screen.query_one("#writeoff-reason", Input).value = "kardus basah"
        await pilot.press("enter")
        await pilot.pause()
        assert "Stok Indomie Goreng (dus isi 40) hanya 8 dus" in text(
            app.screen.query_one(".dialog-error", Label)
        )
        app.screen.query_one("#writeoff-qty", Input).value = "1"
        app.screen.query_one("#writeoff-reason", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProductsScreen)
    assert (stock(db, "IDM-GRG-DUS"), stock(db, "IDM-GRG")) == (7, 379)
    with db.read() as session:
        assert stock_check(session) == []


async def test_f12_writes_the_out_of_date_labels_and_clears_their_marks(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader

    monkeypatch.chdir(tmp_path)  # where a PostgreSQL shop's labels go

    from tests.conftest import raw

    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_products(app, pilot)
        assert all(p.label_stale for p in screen.rows)  # a new shop: no label printed
        assert "*" in str(screen.query_one(ProductList).render_line(1).text)
        assert "label harga usang (F12)" in text(screen.query_one("#filters", Label))
        await pilot.press("f12")
        await app.workers.wait_for_complete()
        await pilot.pause()
        folder = db.path.parent if db.path is not None else tmp_path
        [pdf] = folder.glob("label-harga-*.pdf")
        [(active,)] = raw(db, "SELECT count(*) FROM product WHERE active")
        said = text(screen.query_one(".stock-status", Label))
        assert said == f"{active} label harga ditulis ke {pdf}"
        assert len(PdfReader(pdf).pages) == -(-active // 21)
        assert not any(p.label_stale for p in screen.rows)
        assert "*" not in str(screen.query_one(ProductList).render_line(1).text)
        await pilot.press("f12")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "sudah sesuai" in text(screen.query_one(".stock-status", Label))
