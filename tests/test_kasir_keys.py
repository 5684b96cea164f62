"""Kasir keys (issue 14), driven by real key presses: Ctrl+X empties the cart after a question
(recorded); `-1*CODE` typed is refused and changes nothing; a weighed product scanned without
a quantity asks its weight, and the weight typed at once lands in that dialog; the F-keys are
priority bindings that work (and take the scan typed before them) while the scan field has
focus; the held list shows each cart's total and the time it was held."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from conftest import audit_events
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.widgets import DataTable, Label, OptionList

from gerai.core.errors import GeraiError
from gerai.core.i18n import set_language
from gerai.db import Database
from gerai.models import HeldCart
from gerai.services.sale.cart import Cart
from gerai.services.sale.held import clear_cart, hold_cart, list_held
from gerai.services.stock.catalog import find_by_code
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.cash.shift import CashScreen, CloseShiftScreen
from gerai.tui.screens.sale.confirm import ConfirmDialog
from gerai.tui.screens.sale.held import HeldScreen
from gerai.tui.screens.sale.kasir import KasirScreen
from gerai.tui.screens.sale.void_retur import EntryDialog
from gerai.tui.widgets.scan_field import ScanField
from tests.conftest import CASHIER, NOW

pytestmark = pytest.mark.sqlite_only("screens only")

OIL, RICE, SUGAR = "MYK-1L", "BRS-MED-KG", "GLA-KG"  # rice and sugar are sold by weight


def make_app(db: Database) -> GeraiApp:
    set_language("id")
    return GeraiApp(Settings(db_url=db.url, lang="id"), db, clock=lambda: NOW, actor=CASHIER)


def status(app: GeraiApp) -> str:
    return str(app.screen.query_one("#status", Label).render())


def post_keys(app: GeraiApp, *keys: str) -> None:
    """Keys as a fast typist (or a scanner) sends them: all at once, no waiting in between.
    A key of one character is that character; others are key names (`enter`, `f2`)."""
    for key in keys:
        if len(key) == 1:
            name = {"*": "asterisk", ",": "comma", "-": "minus"}.get(key, key)
            app.post_message(events.Key(name, key))
        else:
            app.post_message(events.Key(key, "\r" if key == "enter" else None))


async def settle(app: GeraiApp, pilot: Any) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def cart_of(app: GeraiApp) -> list[tuple[str, Decimal]]:
    return [(line.product.code, line.qty) for line in app.cart.lines]


# --- Ctrl+X: clear the cart, with a question ---------------------------------------------------


async def test_ctrl_x_asks_then_empties_the_cart_and_records_it(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        post_keys(app, *"3*MYK-1L", "enter", *"1*GLA-KG", "enter")
        await settle(app, pilot)
        assert cart_of(app) == [(OIL, Decimal(3)), (SUGAR, Decimal(1))]
        await pilot.press("ctrl+x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "2 baris" in str(app.screen.query(Label)[1].render())
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, KasirScreen) and len(app.cart.lines) == 2
        await pilot.press("ctrl+x", "enter", "escape")  # Enter (a scan's) never says yes
        await pilot.pause()
        assert isinstance(app.screen, KasirScreen) and len(app.cart.lines) == 2
        await pilot.press("ctrl+x", "y")
        await settle(app, pilot)
        assert isinstance(app.screen, KasirScreen) and app.cart.lines == []
        assert "dikosongkan" in status(app)
        await pilot.press("ctrl+x")
        await pilot.pause()
        assert isinstance(app.screen, KasirScreen) and "kosong" in status(app).lower()
    with db.read() as session:
        [cleared] = [e for e in audit_events(session) if e.kind == "cart_cleared"]
    detail = json.loads(cleared.detail)
    assert cleared.actor == "kasir" and detail["lines"] == 2 and detail["total"] > 0


async def test_ctrl_x_is_in_the_footer_and_in_f1_help(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = {
            binding.key: binding.description
            for _, binding, _, _ in app.screen.active_bindings.values()
            if binding.show
        }
        assert shown.get("ctrl+x") == "Kosongkan"
        await pilot.press("f1")
        await pilot.pause()
        table = app.screen.query_one("#help-keys", DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert any(row[0] == "Ctrl+X" and "Kosongkan keranjang" in row[1] for row in rows)
        assert any("ditanya beratnya" in row[1] for row in rows)


def test_clearing_an_empty_cart_is_refused_and_a_clear_is_audited(db: Database) -> None:
    with db.write() as session:
        cart = Cart()
        with pytest.raises(GeraiError) as refused:
            clear_cart(session, cart, "K1", CASHIER, NOW)
        assert refused.value.key == "pay.empty_cart"
        product = find_by_code(session, OIL)
        assert product is not None
        cart.add(product, Decimal(2))
        assert clear_cart(session, cart, "K1", CASHIER, NOW) == 1
        [event] = [e for e in audit_events(session) if e.kind == "cart_cleared"]
    assert json.loads(event.detail) == {"lines": 1, "total": 2 * product.price}
    assert event.ref == "K1"


# --- `-1*CODE` -------------------------------------------------------------------------------


@pytest.mark.parametrize("entry", ["-1*MYK-1L", "-2*GLA-KG", "-0,5*GLA-KG"])
async def test_a_negative_quantity_typed_is_refused_and_changes_nothing(
    db: Database, entry: str
) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        post_keys(app, *"3*MYK-1L", "enter", *entry, "enter")  # the `-` first is not "one less"
        await settle(app, pilot)
        assert cart_of(app) == [(OIL, Decimal(3))]
        assert isinstance(app.screen, KasirScreen)
        assert app.screen.query_one("#status").has_class("error")
        text = status(app)
        assert "tidak bisa dijual" in text and "F7" in text and entry in text
        assert app.screen.query_one("#scan", ScanField).value == ""


async def test_minus_then_a_scan_is_one_less_and_the_scan(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        post_keys(app, *"3*MYK-1L", "enter", "-", *"2000104000003", "enter", *"1", "enter")
        await settle(app, pilot)  # one less oil, then sugar's barcode (its weight asked)
        assert cart_of(app) == [(OIL, Decimal(2)), (SUGAR, Decimal(1))]
        post_keys(app, "-", "-", *"IDM-GRG", "enter")
        await settle(app, pilot)  # the sugar's line is selected: it cannot go below 1
        assert cart_of(app)[:2] == [(OIL, Decimal(2)), (SUGAR, Decimal(1))]
        assert [code for code, _ in cart_of(app)] == [OIL, SUGAR, "IDM-GRG"]
        await pilot.press("up", "up")  # the oil's line
        post_keys(app, "-", *"5*", "enter")  # one less, then its quantity set: both stand
        await settle(app, pilot)
        assert cart_of(app)[0] == (OIL, Decimal(5))


# --- the weight prompt -------------------------------------------------------------------------


async def test_a_weighed_product_scanned_alone_asks_its_weight_typed_at_once(
    db: Database,
) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        post_keys(app, *RICE, "enter", *"1,5", "enter", *"2*MYK-1L", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, KasirScreen)
        assert cart_of(app) == [(RICE, Decimal("1.5")), (OIL, Decimal(2))]
        post_keys(app, *"2000101000006", "enter", *"0,25", "enter")  # its barcode, the same
        await settle(app, pilot)
        assert cart_of(app) == [(RICE, Decimal("1.75")), (OIL, Decimal(2))]
        assert "Beras Medium Curah" in status(app)


async def test_the_weight_dialog_refuses_a_bad_weight_in_place_and_esc_adds_nothing(
    db: Database,
) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        post_keys(app, *SUGAR, "enter", "0", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, EntryDialog)
        assert "Berat Gula Pasir" in str(app.screen.query_one(".dialog-title", Label).render())
        error = app.screen.query_one(".dialog-error", Label)
        assert "lebih dari 0" in str(error.render())
        for widget in (app.screen.query_one("#entry"), error):  # both on screen at 80x24
            assert Region(0, 0, 80, 24).contains_region(widget.region)
        post_keys(app, *"x", "enter")  # `0x`
        await settle(app, pilot)
        assert "tidak sah" in str(app.screen.query_one(".dialog-error", Label).render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, KasirScreen) and app.cart.lines == []
        post_keys(app, *"1,5*GLA-KG", "enter")  # with a quantity: no question
        await settle(app, pilot)
        assert isinstance(app.screen, KasirScreen) and cart_of(app) == [(SUGAR, Decimal("1.5"))]


async def test_a_piece_item_scanned_alone_asks_nothing(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        post_keys(app, *OIL, "enter", *OIL, "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, KasirScreen) and cart_of(app) == [(OIL, Decimal(2))]


# --- the F-keys are priority bindings --------------------------------------------------------


def test_every_f_key_of_the_kasir_screen_is_a_priority_binding() -> None:
    keys = {
        key: binding.priority
        for binding in KasirScreen.BINDINGS
        if isinstance(binding, Binding)
        for key in binding.key.split(",")
        if key.startswith("f")
    }
    assert set(keys) == {f"f{n}" for n in range(1, 13)}
    assert all(keys.values())


async def test_f2_typed_right_after_a_scan_takes_the_scan_and_the_member_number(
    db: Database,
) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        post_keys(app, *OIL, "enter", "f2", *"KKMP-0001", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, KasirScreen)
        assert cart_of(app) == [(OIL, Decimal(1))]
        assert app.cart.member is not None and app.cart.member.number == "KKMP-0001"


@pytest.mark.parametrize(("key", "screen"), [("f6", CashScreen), ("f10", CloseShiftScreen)])
async def test_f_keys_work_while_the_scan_field_holds_text(
    db: Database, key: str, screen: type
) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"899")  # half a code typed: the scan field has the focus
        await pilot.pause()
        assert isinstance(app.screen.focused, ScanField)
        await pilot.press(key)
        await settle(app, pilot)
        assert isinstance(app.screen, screen)


# --- held carts: total and time ------------------------------------------------------------


async def test_the_held_list_shows_each_carts_total_and_time(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        post_keys(app, *"2*MYK-1L", "enter", "f8", *"1*GLA-KG", "enter", "f8", "f8")
        await settle(app, pilot)
        assert isinstance(app.screen, HeldScreen)
        choices = app.screen.query_one("#choices", OptionList)
        labels = [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]
    held = {c.label: c for c in list_held_in(db)}
    assert len(labels) == 2 and len(held) == 2
    for label, cart in zip(labels, held.values(), strict=True):
        total = f"Rp{cart.total:,}".replace(",", ".")
        assert label.startswith("14.32") and cart.label in label and total in label
        assert "1 baris" in label


def list_held_in(db: Database) -> list[Any]:
    with db.read() as session:
        return list_held(session, "K1")


def test_a_held_cart_keeps_its_total_and_an_old_one_shows_none(db: Database) -> None:
    with db.write() as session:
        cart = Cart()
        product = find_by_code(session, OIL)
        assert product is not None
        cart.add(product, Decimal(3))
        held = hold_cart(session, cart, "K1", CASHIER, NOW)
        assert held.total == 3 * product.price
        stored = session.get(HeldCart, held.id)
        assert stored is not None
        stored.payload = '{"member_id": null, "lines": []}'  # held before totals were kept
        session.add(stored)
        session.flush()
        [old] = list_held(session, "K1")
    assert old.total is None and old.lines == 0
