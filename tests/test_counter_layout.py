"""The counter's screens fit the terminals a gerai really has (issue 14): 80x24 and 100x30 on an
old laptop, 120x40 on a newer one. Pilot asserts on widget regions state the rules (the product
name keeps 24 characters at 80 columns, quantity and subtotal always on screen, the totals panel
and every error visible, the focused field never below the edge); snapshots (pytest-textual-
snapshot, in tests/__snapshots__/) record how each looked when it was checked by eye."""

from __future__ import annotations

from typing import Any

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label
from textual.widgets.data_table import ColumnKey

from gerai.core.i18n import set_language
from gerai.core.money import format_number
from gerai.core.quantity import format_quantity
from gerai.db import Database
from gerai.services.shop.auth import Actor
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.cash.shift import CloseShiftScreen
from gerai.tui.screens.sale.payment import PaymentScreen
from gerai.tui.screens.stock.product_form import ProductDialog
from gerai.tui.widgets.cart_table import NAME_MIN, CartTable
from tests.conftest import CASHIER, NOW, OWNER

SIZES = [(80, 24), (100, 30), (120, 40)]
LONG_NAMES = ("SKM-FF370", "AQA-GLN", "RNS-770")  # 43, 39 and 36 characters

pytestmark = pytest.mark.sqlite_only("a layout is the same on every engine")


def make_app(db: Database, actor: Actor = CASHIER) -> GeraiApp:
    set_language("id")
    return GeraiApp(Settings(db_url=db.url, lang="id"), db, clock=lambda: NOW, actor=actor)


def on_screen(app: GeraiApp, widget: Widget) -> bool:
    """The whole of `widget` is inside the terminal, and not scrolled out of its container."""
    region = widget.region
    return bool(region) and Region(0, 0, *app.size).contains_region(region)


def size_id(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


async def sell_long_names(pilot: Pilot[Any]) -> None:
    for code in LONG_NAMES:
        await pilot.press(*code, "enter")
        await pilot.pause()


async def payment_open(pilot: Pilot[Any]) -> None:
    await sell_long_names(pilot)
    await pilot.press("f12")
    await pilot.pause()


async def close_shift_open(pilot: Pilot[Any]) -> None:
    await pilot.app.push_screen(CloseShiftScreen())
    for _ in range(5):  # the first field's focus (its 0 selected) is drawn, even under load
        await pilot.pause()


async def product_form_refused(pilot: Pilot[Any]) -> None:
    await pilot.app.push_screen(ProductDialog())
    await pilot.pause()
    await pilot.press("ctrl+s")  # an empty form: every problem shows
    error = pilot.app.screen.query_one(".dialog-error", Label)
    for _ in range(20):  # Ctrl+S saves once every field has its keys (type-ahead)
        await pilot.pause()
        if str(error.render()):
            break
    await pilot.pause()


# --- the rules, as asserts on regions --------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=size_id)
async def test_the_cart_keeps_names_quantity_subtotal_and_totals_on_screen(
    db: Database, size: tuple[int, int]
) -> None:
    app = make_app(db)
    async with app.run_test(size=size) as pilot:
        await sell_long_names(pilot)
        screen = app.screen
        table = screen.query_one(CartTable)
        names = [line.product.name for line in app.cart.lines]
        assert len(names) == 3 and all(len(name) > NAME_MIN for name in names)
        assert table.columns[ColumnKey("name")].width >= NAME_MIN
        # Every column within the table (no horizontal scrolling), the table on screen.
        widths = sum(c.get_render_width(table) for c in table.columns.values())
        assert widths <= table.scrollable_content_region.width
        assert on_screen(app, table)
        rows = [table.render_line(y).text for y in range(1, 4)]  # the header is line 0
        for name, row, view in zip(names, rows, app.cart.view(), strict=True):
            assert name[:NAME_MIN] in row
            assert format_quantity(view.qty, view.product.unit) in row
            assert row.rstrip().endswith(format_number(view.amount))
        totals = screen.query_one("#totals")
        assert on_screen(app, totals) and not totals.region.overlaps(table.region)
        assert on_screen(app, screen.query_one("#total-digits"))
        assert on_screen(app, screen.query_one("#member-line"))
        assert on_screen(app, screen.query_one("#status"))
        header = str(screen.query_one("#header", Label).render())
        assert header.startswith("Kasir K1") and "kasir" in header[: size[0]]
        assert "14.32" in header[: size[0] - 2]  # the time, before the edge


@pytest.mark.parametrize("size", SIZES, ids=size_id)
async def test_the_payment_dialog_shows_amount_preview_and_error(
    db: Database, size: tuple[int, int]
) -> None:
    app = make_app(db)
    async with app.run_test(size=size) as pilot:
        await payment_open(pilot)
        dialog = app.screen
        assert isinstance(dialog, PaymentScreen)
        for selector in ("#due", "#methods", "#tendered", "#quick", "#preview"):
            assert on_screen(app, dialog.query_one(selector)), selector
        await pilot.press(*"abc", "enter")
        await pilot.pause()
        error = dialog.query_one("#pay-error", Label)
        assert str(error.render()) and on_screen(app, error)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
async def test_the_close_shift_count_signature_and_ctrl_s_are_reachable(
    db: Database, size: tuple[int, int]
) -> None:
    app = make_app(db)
    async with app.run_test(size=size) as pilot:
        await close_shift_open(pilot)
        dialog = app.screen
        assert isinstance(dialog, CloseShiftScreen)
        assert on_screen(app, dialog.query_one(".dialog-hint"))  # "Ctrl+S tutup"
        fields = list(dialog.query(Input))
        assert [field.id for field in fields][-2:] == ["bendahara", "bendahara-pin"]
        for field in fields:  # Enter walks every field; each is on screen when it has focus
            assert app.focused is field
            assert on_screen(app, field), field.id
            await pilot.press("enter")
            await pilot.pause()
        # Enter on the PIN tried to close without a bendahara: the refusal is on screen.
        error = dialog.query_one(".dialog-error", Label)
        assert isinstance(app.screen, CloseShiftScreen)
        assert str(error.render()) and on_screen(app, error)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
async def test_the_product_form_shows_its_error(db: Database, size: tuple[int, int]) -> None:
    app = make_app(db, OWNER)
    async with app.run_test(size=size) as pilot:
        await product_form_refused(pilot)
        dialog = app.screen
        assert isinstance(dialog, ProductDialog)
        error = dialog.query_one(".dialog-error", Label)
        assert "Kode" in str(error.render())
        assert on_screen(app, error)
        await pilot.press("shift+tab")  # back to the last field: scrolled into view
        await pilot.pause()
        assert app.focused is not None and on_screen(app, app.focused)


# --- how they looked when checked: snapshots -------------------------------------------------


def focus_on(screen: Screen[Any], selector: str) -> bool:
    return screen.focused is not None and screen.focused is screen.query_one(selector)


def cart_shown(screen: Screen[Any]) -> bool:
    return screen.query_one(CartTable).row_count == len(LONG_NAMES) and focus_on(screen, "#scan")


def payment_shown(screen: Screen[Any]) -> bool:
    return isinstance(screen, PaymentScreen) and focus_on(screen, "#tendered")


def count_shown(screen: Screen[Any]) -> bool:
    return isinstance(screen, CloseShiftScreen) and focus_on(screen, "#d100000")


def refusal_shown(screen: Screen[Any]) -> bool:
    return isinstance(screen, ProductDialog) and bool(
        str(screen.query_one(".dialog-error", Label).render())
    )


@pytest.mark.parametrize("size", SIZES, ids=size_id)
@pytest.mark.parametrize(
    ("actor", "run_before", "ready"),
    [
        pytest.param(CASHIER, sell_long_names, cart_shown, id="kasir"),
        pytest.param(CASHIER, payment_open, payment_shown, id="payment"),
        pytest.param(CASHIER, close_shift_open, count_shown, id="close_shift"),
        pytest.param(OWNER, product_form_refused, refusal_shown, id="product_form"),
    ],
)
def test_snapshot(
    db: Database,
    snap_compare: Any,
    actor: Actor,
    run_before: Any,
    ready: Any,
    size: tuple[int, int],
) -> None:
    """Each taken once its screen is `ready` and still (tests/steady_snapshot.py)."""
    app = make_app(db, actor)
    assert snap_compare(app, terminal_size=size, run_before=run_before, ready=ready)
