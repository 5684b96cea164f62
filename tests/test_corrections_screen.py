"""F7, Batal / Retur, driven by real key presses (Textual pilot) and checked against the
database: a void and a partial retur approved by a bendahara's PIN, a wrong PIN that keeps the
approval dialog open, refusals shown in place, and the key in the kasir screen's help."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from shop_day import at, fill, sell
from sqlmodel import col, select
from textual.widgets import DataTable, Input, Label

from gerai.core.money import format_rupiah
from gerai.core.words import PaymentMethod
from gerai.db import Database
from gerai.models import Product, Sale, SaleReturn, SaleReturnLine, SaleVoid
from gerai.services.audit import trail as audit
from gerai.services.sale.checkout import SaleResult
from gerai.services.sale.voids import VoidResult
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.approval import ApprovalScreen
from gerai.tui.screens.sale.help import HelpScreen
from gerai.tui.screens.sale.kasir import KasirScreen
from gerai.tui.screens.sale.void_retur import (
    CorrectionsScreen,
    EntryDialog,
    RefundDialog,
    void_message,
)
from tests.conftest import CASHIER, NOW

Pilot = Any


@pytest.fixture
def staffed(db: Database) -> Database:
    return db


def a_sale(db: Database) -> SaleResult:
    """2,5 kg of rice and 3 bottles of oil, cash, on K1."""
    return sell(
        db, "K1", fill(db, [("BRS-MED-KG", Decimal("2.5")), ("MYK-1L", Decimal(3))]), at(14)
    )


def make_app(db: Database) -> GeraiApp:
    return GeraiApp(Settings(db_url=db.url), db, clock=lambda: NOW, actor=CASHIER)


async def type_in(pilot: Pilot, text: str) -> None:
    await pilot.press(*text, "enter")
    await pilot.pause()


def status(app: GeraiApp) -> str:
    return str(app.screen.query_one("#status", Label).render())


async def open_receipt(app: GeraiApp, pilot: Pilot, receipt_no: str) -> CorrectionsScreen:
    await pilot.press("f7")
    await pilot.pause()
    assert isinstance(app.screen, CorrectionsScreen)
    await type_in(pilot, receipt_no)
    return app.screen


async def done(app: GeraiApp, pilot: Pilot) -> None:
    """Wait for the void or retur written off the UI thread, and its display."""
    await app.workers.wait_for_complete()
    await pilot.pause()


async def approve(app: GeraiApp, pilot: Pilot, name: str, pin: str) -> None:
    assert isinstance(app.screen, ApprovalScreen)
    await type_in(pilot, name)
    await type_in(pilot, pin)
    await done(app, pilot)


def oil_stock(db: Database) -> Decimal:
    with db.read() as session:
        return session.exec(select(Product).where(col(Product.code) == "MYK-1L")).one().stock


async def test_f7_voids_a_sale_with_a_bendahara_pin(staffed: Database) -> None:
    sale = a_sale(staffed)
    oil = oil_stock(staffed)
    app = make_app(staffed)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_receipt(app, pilot, sale.receipt_no.lower())
        info = str(screen.query_one("#sale-info").render())
        assert sale.receipt_no in info and "selesai" in info
        assert screen.query_one("#return-lines", DataTable).row_count == 2
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, EntryDialog)
        await type_in(pilot, "")  # no reason: refused in place
        assert isinstance(app.screen, EntryDialog)
        assert "Alasan pembatalan wajib" in str(app.screen.query_one(".dialog-error").render())
        await type_in(pilot, "pembeli batal")
        await approve(app, pilot, "bendahara", "2222")
        assert app.screen is screen
        assert "dibatalkan" in status(app) and "bendahara" in status(app)
        assert f"Tunai {format_rupiah(sale.total)} dari laci" in status(app)
        assert "BATAL" in str(screen.query_one("#sale-info").render())
        await pilot.press("f8")  # once is enough
        await pilot.pause()
        assert "sudah dibatalkan" in status(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, KasirScreen)
    with staffed.read() as session:
        assert session.get(Sale, sale.sale_id).status == "void"  # type: ignore[union-attr]
        void = session.exec(select(SaleVoid)).one()
        assert (void.created_by, void.approved_by, void.reason) == (
            "kasir", "bendahara", "pembeli batal",
        )  # fmt: skip
    assert oil_stock(staffed) == oil + 3


async def test_f7_returns_part_of_a_sale_with_a_bendahara_pin(staffed: Database) -> None:
    sale = a_sale(staffed)
    oil = oil_stock(staffed)
    app = make_app(staffed)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_receipt(app, pilot, sale.receipt_no)
        await pilot.press("enter")  # line 1: how much comes back
        await pilot.pause()
        assert isinstance(app.screen, EntryDialog)
        assert app.screen.query_one("#entry", Input).value == "2,5"  # all of it, by default
        await pilot.press("ctrl+u")
        await type_in(pilot, "3")  # more than was sold: refused in place
        assert isinstance(app.screen, EntryDialog)
        assert "paling banyak 2,5 kg" in str(app.screen.query_one(".dialog-error").render())
        await pilot.press("backspace")
        await type_in(pilot, "1,5")
        assert app.screen is screen and screen.chosen == {1: Decimal("1.5")}
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.press("ctrl+u")
        await type_in(pilot, "1")
        await pilot.press("f5")  # line 2 is damaged
        await pilot.pause()
        assert screen.plan is not None and screen.plan.total == 20_250 + 15_700
        assert "Rp35.950" in str(screen.query_one("#refund-line").render())
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, RefundDialog)
        await type_in(pilot, "beras berkutu, minyak bocor")
        await approve(app, pilot, "bendahara", "2222")
        assert app.screen is screen
        assert "K1-20251130-R001" in status(app) and "Rp35.950" in status(app)
        assert "Sudah diretur: K1-20251130-R001" in str(screen.query_one("#sale-info").render())
        assert screen.chosen == {}
    with staffed.read() as session:
        retur = session.exec(select(SaleReturn)).one()
        assert (retur.number, retur.refund_total, retur.refund_method) == (
            "K1-20251130-R001", 35_950, "tunai",
        )  # fmt: skip
        assert (retur.created_by, retur.approved_by) == ("kasir", "bendahara")
        lines = session.exec(select(SaleReturnLine).order_by(col(SaleReturnLine.id))).all()
        assert [(line.qty, line.amount, line.damaged) for line in lines] == [
            (Decimal("1.5"), 20_250, False), (Decimal(1), 15_700, True),
        ]  # fmt: skip
    assert oil_stock(staffed) == oil  # the damaged bottle is written off


async def test_a_wrong_pin_stays_in_the_dialog_and_nothing_is_written(staffed: Database) -> None:
    sale = a_sale(staffed)
    app = make_app(staffed)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_receipt(app, pilot, sale.receipt_no)
        await pilot.press("f6", "f12")  # everything comes back
        await pilot.pause()
        await type_in(pilot, "salah ambil barang")
        await approve(app, pilot, "bendahara", "0000")
        assert isinstance(app.screen, ApprovalScreen)
        error = str(app.screen.query_one("#approval-error").render())
        assert error == "Nama atau PIN salah."
        assert app.screen.query_one("#approver-pin", Input).value == ""
        with staffed.read() as session:
            assert session.exec(select(SaleReturn)).all() == []
            assert [r.kind for r in audit.rows(session)][-1] == "approval_refused"
        await type_in(pilot, "2222")  # the name is still there
        await done(app, pilot)
        assert app.screen is screen
        assert "K1-20251130-R001" in status(app)
    with staffed.read() as session:
        assert session.exec(select(SaleReturn)).one().refund_total == sale.total


async def test_refusals_show_on_the_status_line(staffed: Database) -> None:
    app = make_app(staffed)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_receipt(app, pilot, "K1-20251130-0999")
        assert "Struk K1-20251130-0999 tidak ada." in status(app)
        assert screen.sale is None
        await pilot.press("f12")
        await pilot.pause()
        assert "nomor struk dulu" in status(app)
        sale = a_sale(staffed)
        await type_in(pilot, sale.receipt_no)
        await pilot.press("f12")  # nothing chosen
        await pilot.pause()
        assert "Pilih baris" in status(app)
        assert isinstance(app.screen, CorrectionsScreen)


async def test_f7_is_in_the_footer_and_in_the_help(staffed: Database) -> None:
    app = make_app(staffed)
    async with app.run_test(size=(160, 40)) as pilot:
        f7 = app.screen.active_bindings["f7"].binding
        assert (f7.description, f7.show) == ("Batal/Retur", True)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert any(key == "F7" and "retur" in text for key, text in rows)


def test_the_void_message_says_the_refund_per_method() -> None:
    """A split sale (QRIS 50.000 + Tunai 34.000) is never "give back Rp84.000": each part goes
    back the way it came, the cash part from the drawer; kasbon is struck off, not paid out."""
    split = VoidResult(
        "K1-0007", 84_000, "bendahara",
        refunds=((PaymentMethod.QRIS, 50_000), (PaymentMethod.CASH, 34_000)),
    )  # fmt: skip
    said = void_message(split)
    assert "QRIS Rp50.000 dikembalikan lewat QRIS; Tunai Rp34.000 dari laci" in said
    assert "84.000" not in said and "K1-0007" in said and "bendahara" in said
    on_credit = VoidResult("K1-0008", 30_000, "admin", kasbon=30_000)
    said = void_message(on_credit)
    assert "Kasbon anggota Rp30.000 dihapus" in said
    assert "tidak ada uang yang dikembalikan" in said


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_lines_show_the_item_name_and_the_quantities_at_80_and_120_columns(
    staffed: Database, size: tuple[int, int]
) -> None:
    """At 80 columns the item name keeps at least 24 characters and the quantities stay whole
    ("Sudah retur" and "No" give way); at 120 every column is there."""
    sale = a_sale(staffed)
    app = make_app(staffed)
    async with app.run_test(size=size) as pilot:
        screen = await open_receipt(app, pilot, sale.receipt_no)
        table = screen.query_one("#return-lines", DataTable)
        await pilot.pause()
        shown = [str(column.key.value) for column in table.columns.values()]
        item = next(column for column in table.columns.values() if column.key.value == "item")
        assert item.width >= 24
        assert all(col.width >= 9 for key, col in table.columns.items() if key.value == "sold")
        wide = size[0] >= 120
        assert ("returned" in shown, "no" in shown) == (wide, wide)
        assert {"item", "sold", "returnable", "back", "damaged", "refund"} <= set(shown)
