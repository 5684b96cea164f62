"""Type-ahead on every form whose Enter goes from field to field (issue 14): the keys of a whole
form posted at once, without waiting between them, store exactly what was typed, and the keys
typed right after the key that opens a dialog land in that dialog."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Label

from gerai.db import Database
from gerai.tui.screens.cash.shift import OpenShiftScreen
from gerai.tui.screens.sale.kasir import KasirScreen
from tests.conftest import CASHIER, raw
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
