"""Kasir keys (issue 14): `N*` Enter sets the quantity of the selected line; F7 opens with this
shift's receipts to pick from, and typing or scanning a number still works."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from textual.widgets import Label, OptionList

from gerai.core.i18n import set_language
from gerai.db import Database
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.sale.kasir import KasirScreen
from gerai.tui.screens.sale.reprint import RecentReceiptsPicker
from gerai.tui.screens.sale.void_retur import CorrectionsScreen
from tests.conftest import CASHIER, NOW

pytestmark = pytest.mark.sqlite_only("screens only")


def make_app(db: Database) -> GeraiApp:
    set_language("id")
    return GeraiApp(Settings(db_url=db.url, lang="id"), db, clock=lambda: NOW, actor=CASHIER)


def status(app: GeraiApp) -> str:
    return str(app.screen.query_one("#status", Label).render())


async def typed(pilot: Any, text: str) -> None:
    await pilot.press(*text, "enter")
    await pilot.pause()


async def sell(app: GeraiApp, pilot: Any, code: str) -> str:
    await typed(pilot, code)
    await pilot.press("f12")
    await pilot.pause()
    await typed(pilot, "100000")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, KasirScreen)
    return status(app).split()[-1].rstrip(".")


async def test_n_star_sets_the_selected_lines_quantity(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await typed(pilot, "MYK-1L")
        await typed(pilot, "1*BRS-MED-KG")
        await pilot.press("up")
        await typed(pilot, "5*")
        assert [line.qty for line in app.cart.lines] == [Decimal(5), Decimal(1)]
        assert "5 pcs" in status(app)
        await pilot.press("down")
        await typed(pilot, "1,5*")
        assert [line.qty for line in app.cart.lines] == [Decimal(5), Decimal("1.5")]


@pytest.mark.parametrize(
    ("entry", "expected"),
    [("0*", "lebih dari 0"), ("-1*", "lebih dari 0"), ("1,5*", "bilangan bulat"), ("x*", "x")],
)
async def test_a_bad_quantity_is_refused_and_changes_nothing(
    db: Database, entry: str, expected: str
) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await typed(pilot, "MYK-1L")
        app.screen.query_one("#scan").value = entry  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert [line.qty for line in app.cart.lines] == [Decimal(1)]
        assert expected in status(app)


async def test_n_star_on_an_empty_cart_says_so(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await typed(pilot, "3*")
        assert app.cart.lines == []
        assert app.screen.query_one("#status").has_class("error")


async def test_f7_offers_this_shifts_receipts_newest_first(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        first = await sell(app, pilot, "MYK-1L")
        second = await sell(app, pilot, "1*BRS-MED-KG")
        await pilot.press("f7")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, RecentReceiptsPicker)
        options = picker.query_one("#choices", OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert [line.split()[0] for line in shown] == [second, first]
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CorrectionsScreen)
        assert screen.sale is not None and screen.sale.receipt_no == first


async def test_f7_still_takes_a_typed_number(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        first = await sell(app, pilot, "MYK-1L")
        await sell(app, pilot, "1*BRS-MED-KG")
        await pilot.press("f7")
        await pilot.pause()
        await typed(pilot, first.lower())
        screen = app.screen
        assert isinstance(screen, CorrectionsScreen)
        assert screen.sale is not None and screen.sale.receipt_no == first


async def test_f7_with_no_sale_in_the_shift_goes_straight_to_the_number(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, CorrectionsScreen)
        assert app.focused is not None and app.focused.id == "receipt"
