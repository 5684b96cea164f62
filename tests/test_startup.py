"""`gerai` shows its login field first and opens the database behind it (issue 18): the path to
that field imports no model, service, printing or SQLAlchemy code; keys typed at once still log
in, a new shop still gets the wizard, and a database that cannot be opened still ends with its
message."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Input, Label

from gerai.cli import kasir_app
from gerai.core.errors import GeraiError
from gerai.db import Database
from gerai.services.shop.auth import PIN_MAX
from gerai.services.shop.profile import ShopProfile
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.login import LoginScreen
from gerai.tui.screens.sale.kasir import KasirScreen
from gerai.tui.screens.setup.wizard import SetupWizard

SIZE = (120, 40)
HEAVY = (
    "gerai.models", "gerai.db", "gerai.till", "gerai.services", "gerai.printing", "gerai.backups",
    "sqlalchemy", "sqlmodel", "reportlab", "escpos", "openpyxl",
)  # fmt: skip

# run in a fresh interpreter: `gerai`'s start, which notes what is imported when the database
# starts to open (after the login field has shown), then the focused widget and the shop's name
FRESH_START = """
import asyncio, json, sys
import gerai.cli as cli

seen = {}
opening = cli.open_database


def noting(settings, **options):
    seen["modules"] = sorted(sys.modules)
    seen["focused"] = getattr(app.focused, "id", None)
    return opening(settings, **options)


cli.open_database = noting
settings = cli.Options(db=sys.argv[1], config=None, printer=None, lang=None).settings()


async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        await app.wait_till()
        await pilot.pause()
        seen["shop"] = str(app.screen.query_one("#login-shop").render())


with cli.kasir_app(settings) as app:
    asyncio.run(main())
print(json.dumps(seen))
"""


def settings_of(url: str) -> Settings:
    return Settings(db_url=url, auto_backup=False)


async def settle(app: GeraiApp, pilot: Any) -> None:
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def test_the_login_field_shows_before_any_model_service_or_printing_is_imported(
    db: Database, shop: ShopProfile, tmp_path: Path
) -> None:
    if db.path is None:
        pytest.skip("a fresh interpreter on the SQLite file is enough")
    env = {
        "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
        "PYTHONDONTWRITEBYTECODE": "1",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    done = subprocess.run(
        [sys.executable, "-c", FRESH_START, str(db.path)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120, check=True,
    )  # fmt: skip
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["focused"] == "login-name"
    heavy = [m for m in seen["modules"] if m.split(".")[0] in HEAVY or m.startswith(HEAVY)]
    assert heavy == []
    assert "textual.app" in seen["modules"]  # what was noted is the running app's imports
    assert seen["shop"] == shop.name != ""


async def test_keys_typed_at_once_log_in_once_the_database_is_open(db: Database) -> None:
    with kasir_app(settings_of(db.url)) as app:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, LoginScreen)
            for char in "Kasir\r1111\r":  # all posted before any is handled
                key = "enter" if char == "\r" else char
                app.post_message(events.Key(key, char))
            await settle(app, pilot)
            assert app.till_ready
            assert isinstance(app.screen, KasirScreen)
            assert app.actor.name == "kasir"
    assert app.failure is None


async def test_the_login_shows_the_shop_and_the_pin_limit_once_open(db: Database) -> None:
    with kasir_app(settings_of(db.url)) as app:
        async with app.run_test(size=SIZE) as pilot:
            await app.wait_till()
            await pilot.pause()
            shop = str(app.screen.query_one("#login-shop", Label).render())
            assert shop == app.shop.name != ""
            assert app.screen.query_one("#login-pin", Input).max_length == PIN_MAX


async def test_a_new_shop_gets_the_wizard_in_place_of_the_login(empty_db: Database) -> None:
    with kasir_app(settings_of(empty_db.url)) as app:
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            assert isinstance(app.screen, SetupWizard)


async def test_a_database_that_cannot_open_ends_the_tui_with_its_message(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    with (
        pytest.raises(GeraiError) as refused,
        kasir_app(settings_of(f"sqlite:///{missing}")) as app,
    ):
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
        assert app.return_code == 1
    assert refused.value.key == "db.missing"
    assert not missing.exists()
