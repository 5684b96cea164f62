"""Fast typing never lands in the wrong field (issue 14): keys posted all at once, without
waiting between them (what a person at 25 ms a key on a loaded old laptop amounts to), across
Enter, Tab and F-keys that move the focus or open a dialog, all arrive where they were meant."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import select
from textual import events
from textual.widgets import Input

from gerai.core.i18n import set_language
from gerai.db import Database
from gerai.models import CashMovement, Payment, Sale
from gerai.services.shop.auth import Actor
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.cash.shift import CloseShiftScreen
from gerai.tui.screens.login import LoginScreen
from gerai.tui.screens.sale.kasir import KasirScreen
from gerai.tui.screens.stock.receiving import ReceivingScreen
from tests.conftest import CASHIER, NOW, OWNER

pytestmark = pytest.mark.sqlite_only("key routing is the same on every engine")

KEY_NAMES = {"\t": "tab", "\r": "enter", "\n": "enter"}


def make_app(db: Database, actor: Actor | None = CASHIER) -> GeraiApp:
    set_language("id")
    return GeraiApp(Settings(db_url=db.url, lang="id"), db, clock=lambda: NOW, actor=actor)


def burst(app: GeraiApp, *keys: str) -> None:
    """Post every key at once: a character types itself; a name (enter, tab, f12) is that key."""
    for key in keys:
        if len(key) == 1:
            app.post_message(events.Key(key, key))
        else:
            app.post_message(events.Key(key, "\r" if key == "enter" else None))


async def settle(app: GeraiApp, pilot: Any, rounds: int = 20) -> None:
    for _ in range(rounds):
        await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def typed(text: str) -> list[str]:
    return [KEY_NAMES.get(char, char) for char in text]


async def test_a_login_typed_in_one_burst(db: Database) -> None:
    app = make_app(db, actor=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        burst(app, *typed("kasir\r1111\r"))
        await settle(app, pilot)
        assert isinstance(app.screen, KasirScreen)
        assert app.till.actor.name == "kasir"


async def test_digits_right_after_f12_go_into_the_payment_dialog(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, *typed("MYK-1L\r"), "f12", *typed("20000\r"))
        await settle(app, pilot)
        assert isinstance(app.screen, KasirScreen)
        assert app.screen.query_one("#scan", Input).value == ""
    with db.read() as session:
        sale = session.exec(select(Sale)).one()
        payment = session.exec(select(Payment)).one()
    assert (payment.method, payment.tendered) == ("tunai", 20000)
    assert sale.change == 20000 - sale.total


async def test_a_split_payment_typed_ahead_keeps_each_amount_with_its_method(
    db: Database,
) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, *typed("3*MYK-1L\r"), "f12")
        await settle(app, pilot)
        total = app.till.cart.totals().total
        # QRIS 10.000, then the rest in cash: Tab, amount, Enter, amount, Enter, no waiting.
        burst(app, "tab", *typed("10000\r50000\r"))
        await settle(app, pilot)
        assert isinstance(app.screen, KasirScreen)
    with db.read() as session:
        payments = session.exec(select(Payment).order_by(Payment.id)).all()  # type: ignore[arg-type]
    assert [(p.method, p.amount) for p in payments] == [("qris", 10000), ("tunai", total - 10000)]


async def test_a_denomination_count_typed_at_speed_lands_row_by_row(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.push_screen(CloseShiftScreen())
        await pilot.pause()
        dialog = app.screen
        counts = ["3", "12", "0", "11", "2", "", "7", "1", "21", "5"]
        burst(app, *typed("".join(f"{count}\r" for count in counts)))
        await settle(app, pilot)
        fields = [field for field in dialog.query(Input) if field.has_class("pieces")]
        assert [field.value for field in fields] == [count or "0" for count in counts]
        assert app.focused is not None and app.focused.id == "reason"


async def test_receiving_lines_typed_at_speed_go_field_by_field(db: Database) -> None:
    app = make_app(db, OWNER)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.push_screen(ReceivingScreen())
        await pilot.pause()
        screen = app.screen
        screen.query_one("#reference", Input).focus()
        await pilot.pause()
        burst(app, *typed("SJ-77\rMYK-1L\r24\r\r14000\rGLA-1KG\r10\r\r15500\r"))
        await settle(app, pilot)
        assert isinstance(screen, ReceivingScreen)
        assert screen.query_one("#reference", Input).value == "SJ-77"
        lines = [(line.code, line.qty, line.unit_cost) for line, _ in screen.lines]
        assert lines == [("MYK-1L", "24", "14000"), ("GLA-1KG", "10", "15500")]
        assert app.focused is not None and app.focused.id == "line-code"
        assert screen.query_one("#line-code", Input).value == ""


async def test_keys_typed_right_after_f6_and_f10_land_in_their_dialogs(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "f6", *typed("25000\rbeli plastik\r"))
        await settle(app, pilot)
        assert isinstance(app.screen, KasirScreen)
        assert app.screen.query_one("#scan", Input).value == ""
        burst(app, "f10", *typed("3\r12\r0\r11\r"))
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, CloseShiftScreen)
        fields = [field for field in dialog.query(Input) if field.has_class("pieces")]
        assert [field.value for field in fields[:4]] == ["3", "12", "0", "11"]
        assert app.focused is fields[4]
    with db.read() as session:
        moved = session.exec(select(CashMovement)).all()
    assert [(m.kind, m.amount, m.reason) for m in moved] == [("out", 25_000, "beli plastik")]


async def test_a_kasirs_price_override_and_the_pin_after_it_in_one_burst(db: Database) -> None:
    """Ctrl+O opens the price form, its Enter opens the supervisor's approval: the name and
    PIN typed right after land in it, and the scan typed after the PIN goes to the cart."""
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(
            app, *typed("MYK-1L\r"), "ctrl+o", *typed("15000\r"), *typed("bendahara\r2222\r"),
            *typed("GLA-1KG\r"),
        )  # fmt: skip
        await settle(app, pilot)
        assert isinstance(app.screen, KasirScreen)
        lines = [(view.product.code, view.unit_price) for view in app.till.cart.view()]
    assert lines[0] == ("MYK-1L", 15000)
    assert [code for code, _ in lines] == ["MYK-1L", "GLA-1KG"]
