"""Esc on a filled receiving document, stock count or Pengaturan toko asks before throwing it
away (issue 14): the first Esc says what would be lost, the second leaves; an empty form leaves
at once."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input, Label

from gerai.core.i18n import set_language
from gerai.db import Database
from gerai.services.shop.profile import load_shop
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.admin.shop_settings import ShopSettingsScreen
from gerai.tui.screens.stock.count import StockCountScreen
from gerai.tui.screens.stock.receiving import ReceivingScreen
from tests.conftest import NOW, OWNER

pytestmark = pytest.mark.sqlite_only("screens only")


def make_app(db: Database) -> GeraiApp:
    set_language("id")
    return GeraiApp(Settings(db_url=db.url, lang="id"), db, clock=lambda: NOW, actor=OWNER)


def status(screen: Any) -> str:
    return str(screen.query_one(".stock-status", Label).render())


@pytest.mark.parametrize("kind", [ReceivingScreen, StockCountScreen])
async def test_an_empty_form_leaves_at_once(db: Database, kind: type) -> None:
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(kind())
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, kind)


async def test_a_receiving_document_with_a_line_asks_then_goes(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(ReceivingScreen())
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReceivingScreen)
        screen.set_focus(screen.query_one("#line-code", Input))
        await pilot.press(*"MYK-1L", "enter", "2", "4", "enter", "enter", *"14000", "enter")
        await pilot.pause()
        assert len(screen.lines) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and "Esc sekali lagi" in status(screen)
        await pilot.press("x")  # typing again: the next Esc asks again
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen


async def test_a_reference_typed_alone_is_work_too(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(ReceivingScreen())
        await pilot.pause()
        screen = app.screen
        screen.query_one("#reference", Input).value = "SJ-1"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_a_stock_count_with_a_counted_line_asks_then_goes(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(StockCountScreen())
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StockCountScreen)
        await pilot.press(*"MYK-1L", "enter")
        await pilot.pause()
        assert any(row.counted for row in screen.rows)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and "Esc sekali lagi" in status(screen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen


def settings_error(screen: Any) -> str:
    return str(screen.query_one("#settings-error", Label).render())


async def open_settings(app: GeraiApp, pilot: Any) -> Any:
    """Pengaturan toko, opened by the admin; the screen."""
    await app.push_screen(ShopSettingsScreen(OWNER))
    await pilot.pause()
    return app.screen


async def test_pengaturan_toko_with_an_unsaved_edit_asks_then_goes(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(app, pilot)
        await pilot.press("escape")  # nothing edited: it leaves at once
        await pilot.pause()
        assert app.screen is not screen
        screen = await open_settings(app, pilot)
        await pilot.press("x", "escape")  # an edit to the shop's name, not saved
        await pilot.pause()
        assert app.screen is screen and "Esc sekali lagi" in settings_error(screen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen
    with db.read() as session:
        assert not load_shop(session).name.endswith("x")


async def test_pengaturan_toko_saved_leaves_at_once(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_settings(app, pilot)
        await pilot.press("x", "ctrl+s")
        await pilot.pause()
        assert app.shop.name.endswith("x")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen
