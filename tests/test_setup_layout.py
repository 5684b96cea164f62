"""The first-run wizard and Pengaturan toko at 80x24: every field, when Enter reaches it, is
on screen (the steps scroll), the refusal too; snapshots (tests/__snapshots__/) record how the
wizard's first step and the settings screen looked when checked by eye."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label

from gerai.core.i18n import set_language
from gerai.db import Database
from gerai.services.shop.auth import Actor
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.admin.shop_settings import ShopSettingsScreen
from gerai.tui.screens.setup.wizard import SetupWizard
from tests.conftest import NOW, OWNER
from tests.test_counter_layout import on_screen

SIZE = (80, 24)

pytestmark = pytest.mark.sqlite_only("a layout is the same on every engine")


def make_app(db: Database, tmp_path: Path, actor: Actor | None = None) -> GeraiApp:
    set_language("id")
    settings = Settings(db_url=db.url, lang="id", config=str(tmp_path / "gerai.toml"))
    return GeraiApp(settings, db, clock=lambda: NOW, actor=actor)


async def settings_open(pilot: Pilot[Any]) -> None:
    await pilot.press("f11")
    await pilot.pause()
    await pilot.press("down", "down", "enter")
    await pilot.pause()


async def test_every_wizard_field_is_on_screen_when_reached(
    empty_db: Database, tmp_path: Path
) -> None:
    app = make_app(empty_db, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        wizard = app.screen
        assert isinstance(wizard, SetupWizard)
        await pilot.press(*"Gerai Uji")
        for step in wizard.steps[:-1]:  # the last step's Enter would save
            for field in step.fields:
                assert app.focused is not None and app.focused.id == f"f-{field.key}"
                assert on_screen(app, app.focused), field.key
                if field.key in ("pin", "pin_again"):
                    await pilot.press(*"1234")
                if field.key == "admin":
                    await pilot.press(*"pengurus")
                await pilot.press("enter")
                await pilot.pause()
                await app.workers.wait_for_complete()
        assert f"{len(wizard.steps)}/{len(wizard.steps)}" in str(
            wizard.query_one("#setup-header", Label).render()
        )
        assert on_screen(app, wizard.query_one("#f-products_file", Input))


async def test_every_setting_is_on_screen_when_reached_and_the_refusal_too(
    db: Database, tmp_path: Path
) -> None:
    app = make_app(db, tmp_path, OWNER)
    async with app.run_test(size=SIZE) as pilot:
        await settings_open(pilot)
        screen = app.screen
        assert isinstance(screen, ShopSettingsScreen)
        for key in screen.keys[:-1]:
            assert app.focused is not None and app.focused.id == f"f-{key}"
            assert on_screen(app, app.focused), key
            await pilot.press("enter")
            await pilot.pause()
        screen.query_one("#f-npwp", Input).value = "123"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "f-npwp"
        assert on_screen(app, app.focused)
        assert on_screen(app, screen.query_one("#settings-error", Label))


def test_snapshot_wizard_first_step(empty_db: Database, tmp_path: Path, snap_compare: Any) -> None:
    assert snap_compare(make_app(empty_db, tmp_path), terminal_size=SIZE)


def test_snapshot_shop_settings(db: Database, tmp_path: Path, snap_compare: Any) -> None:
    app = make_app(db, tmp_path, OWNER)
    assert snap_compare(app, terminal_size=SIZE, run_before=settings_open)
