"""Type-ahead on every form whose Enter goes from field to field (issue 14): the keys of a whole
form posted at once, without waiting between them, store exactly what was typed, and the keys
typed right after the key that opens a dialog land in that dialog."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input, Label, Select

from gerai.core.words import KasKind
from gerai.db import Database
from gerai.tui.app import GeraiApp
from gerai.tui.screens.admin.users import UsersScreen
from gerai.tui.screens.cash.kas import KasEntryScreen
from gerai.tui.screens.cash.shift import CashScreen, OpenShiftScreen
from gerai.tui.screens.members.register import MembersScreen
from gerai.tui.screens.sale.kasir import KasirScreen
from gerai.tui.screens.stock.product_form import ProductDialog
from gerai.tui.screens.stock.products import ProductsScreen
from gerai.tui.screens.stock.receiving import ReceivingScreen
from tests.conftest import CASHIER, OWNER, TREASURER, raw
from tests.stock_helpers import product
from tests.test_kas import close_k1
from tests.test_type_ahead import burst, make_app, settle, typed

pytestmark = pytest.mark.sqlite_only("key routing is the same on every engine")


def opening_cash(db: Database) -> list[tuple[int]]:
    return raw(db, "SELECT opening_cash FROM shift WHERE till = 'K1' AND status = 'open'")


async def test_opening_cash_typed_at_once_replaces_what_stayed(db: Database) -> None:
    close_k1(db, setoran=300_000)  # Rp200.000 stays in the drawer and is offered
    app = make_app(db, CASHIER)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, *typed("200000\r"))  # typed as the dialog opens, no waiting
        await settle(app, pilot)
        assert isinstance(app.screen, KasirScreen)
    assert opening_cash(db) == [(200_000,)]


async def test_a_different_opening_typed_at_once_is_refused_as_typed(db: Database) -> None:
    close_k1(db, setoran=300_000)
    app = make_app(db, CASHIER)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, *typed("250000\r"))
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, OpenShiftScreen)
        assert dialog.query_one("#opening", Input).value == "250000"
        error = str(dialog.query_one(".dialog-error", Label).render())
        assert "Rp250.000" in error and "Rp200.000" in error
    assert opening_cash(db) == []


async def test_enter_alone_opens_with_what_stayed(db: Database) -> None:
    close_k1(db, setoran=300_000)
    app = make_app(db, CASHIER)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, OpenShiftScreen)
        field = dialog.query_one("#opening", Input)
        assert field.value == "" and "Rp200.000" in field.placeholder
        assert "Rp200.000" in str(dialog.query_one("#carried", Label).render())
        burst(app, "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, KasirScreen)
    assert opening_cash(db) == [(200_000,)]


async def test_enter_alone_without_a_carried_amount_asks_for_it(db: Database) -> None:
    close_k1(db, setoran=None)  # no setoran: nothing is carried, the opening is free
    app = make_app(db, CASHIER)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "enter")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, OpenShiftScreen)
        assert "modal awal" in str(dialog.query_one(".dialog-error", Label).render())
        burst(app, *typed("200000\r"))
        await settle(app, pilot)
        assert isinstance(app.screen, KasirScreen)
    assert opening_cash(db) == [(200_000,)]


# --- the forms, each typed in one burst -------------------------------------------------------


async def open_products(app: GeraiApp, pilot: Any, code: str = "") -> ProductsScreen:
    burst(app, "f3")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, ProductsScreen)
    if code:
        burst(app, *code)
        await settle(app, pilot)
    return screen


async def test_cash_out_and_in_typed_at_once(db: Database) -> None:
    app = make_app(db, CASHIER)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.push_screen(CashScreen())
        burst(app, *typed("25000\rbeli plastik\r"))
        await settle(app, pilot)
        await app.push_screen(CashScreen())
        burst(app, "tab", *typed("10000\rtambah uang kecil\r"))
        await settle(app, pilot)
        assert isinstance(app.screen, KasirScreen)
    assert raw(db, "SELECT kind, amount, reason FROM cashmovement ORDER BY id") == [
        ("out", 25_000, "beli plastik"),
        ("in", 10_000, "tambah uang kecil"),
    ]


async def test_a_kas_expense_typed_at_once(db: Database) -> None:
    close_k1(db, setoran=400_000)
    app = make_app(db, TREASURER)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.push_screen(KasEntryScreen(KasKind.EXPENSE, 400_000))
        burst(app, "tab", *typed("35000\rtoken PLN\r"))
        await settle(app, pilot)
        assert not isinstance(app.screen, KasEntryScreen)
    assert raw(db, "SELECT kind, amount, category, note FROM kasentry WHERE kind = 'expense'") == [
        ("expense", 35_000, "listrik", "token PLN")
    ]


async def test_a_supplier_typed_right_after_f2(db: Database) -> None:
    app = make_app(db, OWNER)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_products(app, pilot)
        burst(app, "f7")
        await settle(app, pilot)
        assert isinstance(app.screen, ReceivingScreen)
        burst(app, "f2", *typed("CV Makmur Jaya\r0812-3456-789\rJl. Pasar Baru 3\r"))
        await settle(app, pilot)
        assert isinstance(app.screen, ReceivingScreen)
    assert raw(db, "SELECT name, phone, address FROM supplier") == [
        ("CV Makmur Jaya", "0812-3456-789", "Jl. Pasar Baru 3")
    ]


async def test_a_write_off_typed_right_after_f11(db: Database) -> None:
    app = make_app(db, OWNER)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_products(app, pilot, "IDM-GRG-DUS")
        burst(app, "f11", *typed("2\rkardus basah\r"))
        await settle(app, pilot)
        assert isinstance(app.screen, ProductsScreen)
    assert raw(db, "SELECT qty, reason FROM writeoff") == [(2_000, "kardus basah")]  # 1/1000s


async def test_a_repack_typed_right_after_f10(db: Database) -> None:
    app = make_app(db, OWNER)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_products(app, pilot, "IDM-GRG-DUS")
        burst(app, "f10", *typed("2\rIDM-GRG\r40\r79\rsatu sobek\r"))
        await settle(app, pilot)
        assert isinstance(app.screen, ProductsScreen)
    assert raw(db, "SELECT source_qty, per_source, produced, note FROM repack") == [
        (2_000, 40_000, 79_000, "satu sobek")  # thousandths
    ]


async def test_a_new_product_typed_right_after_f2(db: Database) -> None:
    app = make_app(db, OWNER)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_products(app, pilot)
        # code, barcodes, name; Tab past the category (a Select); unit; Tab past the
        # checkbox; price, member price, cost, HET, max per sale; Tab past the tax Select;
        # the reorder level typed over its 0; Tab past the checkbox; packs; Ctrl+S at once.
        burst(
            app, "f2",
            *typed("KPI-TBR\r8999999000011\rKopi Tubruk 250 g\r"), "tab",
            *typed("bks\r"), "tab", *typed("18000\r17500\r15000\r\r\r"), "tab",
            *typed("10\r"), "tab", *typed("dus=20"), "ctrl+s",
        )  # fmt: skip
        await settle(app, pilot)
        assert isinstance(app.screen, ProductDialog)
        assert "Kategori" in str(app.screen.query_one(".dialog-error", Label).render())
        app.screen.query_one("#f-category", Select).value = "Minuman"
        burst(app, "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ProductsScreen)
    new = product(db, "8999999000011")
    assert (new.code, new.name, new.price, new.cost) == (
        "KPI-TBR",
        "Kopi Tubruk 250 g",
        18_000,
        15_000,
    )
    assert raw(
        db, "SELECT unit, member_price, reorder_level FROM product WHERE code = 'KPI-TBR'"
    ) == [("bks", 17_500, 10_000)]  # the reorder level in thousandths


async def test_a_new_member_typed_right_after_f2(db: Database) -> None:
    app = make_app(db, OWNER)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "f5")
        await settle(app, pilot)
        assert isinstance(app.screen, MembersScreen)
        # every field, the join date left empty (today), the credit limit, Ctrl+S at once
        burst(
            app, "f2",
            *typed("kkmp-0777\rSiti Aminah\r7309064502640777\r081234567890\rJl. Mawar 3\r\r150000"),
            "ctrl+s",
        )  # fmt: skip
        await settle(app, pilot)
        assert isinstance(app.screen, MembersScreen)
    siti = "SELECT number, nik, phone, address, credit_limit FROM member WHERE name = 'Siti Aminah'"
    assert raw(db, siti) == [
        ("KKMP-0777", "7309064502640777", "081234567890", "Jl. Mawar 3", 150_000)
    ]


async def test_a_new_user_typed_right_after_f2(db: Database) -> None:
    app = make_app(db, OWNER)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.push_screen(UsersScreen(OWNER))
        await settle(app, pilot)
        # name, full name, Tab past the role (a Select, kasir), the PIN twice: Enter saves
        burst(app, "f2", *typed("dewi\rDewi Lestari\r"), "tab", *typed("4321\r4321\r"))
        await settle(app, pilot)
        assert isinstance(app.screen, UsersScreen)
        app.till.logout()
        app.till.login("dewi", "4321")  # the PIN is exactly the one typed
    assert raw(db, "SELECT full_name, role FROM useraccount WHERE name = 'dewi'") == [
        ("Dewi Lestari", "kasir")
    ]


async def test_a_login_and_the_opening_cash_typed_in_one_burst(catalogue_db: Database) -> None:
    app = make_app(catalogue_db, actor=None)  # no shift open: the login leads to modal awal
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, *typed("kasir\r1111\r350000\r"))
        await settle(app, pilot)
        assert isinstance(app.screen, KasirScreen)
    assert opening_cash(catalogue_db) == [(350_000,)]


async def test_a_kasirs_member_form_and_the_bendaharas_pin_in_one_burst(db: Database) -> None:
    app = make_app(db, CASHIER)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "f5")
        await settle(app, pilot)
        assert isinstance(app.screen, MembersScreen)
        # the form, Ctrl+S (a kasir: the approval dialog opens), the bendahara's name and PIN
        burst(
            app, "f2", *typed("kkmp-0778\rLa Ode Baru\r"), "ctrl+s",
            *typed("bendahara\r2222\r"),
        )  # fmt: skip
        await settle(app, pilot)
        assert isinstance(app.screen, MembersScreen)
    assert raw(db, "SELECT name FROM member WHERE number = 'KKMP-0778'") == [("La Ode Baru",)]


async def test_the_pin_asked_first_then_the_form_in_one_burst(db: Database) -> None:
    """F2 in the products list, for a kasir: an admin's approval comes first; the name and PIN
    typed right after F2 land in it, and the keys typed after the PIN in the form it opens."""
    app = make_app(db, CASHIER)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_products(app, pilot)
        burst(app, "f2", *typed("admin\r9999\r"), *typed("KPI-TBR\r8999999000011\rKopi"))
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, ProductDialog)
        values = [form.query_one(f"#f-{name}", Input).value for name in ("code", "barcodes")]
        assert values == ["KPI-TBR", "8999999000011"]
        assert form.query_one("#f-name", Input).value == "Kopi"
        assert app.focused is form.query_one("#f-name", Input)
