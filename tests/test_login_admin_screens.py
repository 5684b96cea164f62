"""The login screen, logging out, the drawer key, the F11 admin menu (users, audit trail) and
the close dialog's confirmation, driven by real key presses with a fake clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlmodel import select
from textual import events
from textual.widgets import DataTable, Input, Label, Select

from gerai.core.words import Role
from gerai.db import Database
from gerai.models import Shift
from gerai.services.audit import trail as audit
from gerai.services.shop import auth
from gerai.services.shop.auth import LOCKOUT, MAX_WRONG_PINS, Actor, login
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.admin.audit_trail import AuditScreen
from gerai.tui.screens.admin.menu import AdminMenu
from gerai.tui.screens.admin.users import AddUserDialog, UsersScreen
from gerai.tui.screens.approval import ApprovalScreen
from gerai.tui.screens.cash.shift import CloseShiftScreen, OpenShiftScreen
from gerai.tui.screens.login import LoginScreen
from gerai.tui.screens.sale.help import HelpScreen
from gerai.tui.screens.sale.kasir import KasirScreen
from gerai.tui.screens.setup.wizard import SetupWizard
from tests.conftest import CASHIER, NOW, OWNER, TREASURER, audit_events, tamper
from tests.escpos_decode import decode
from tests.fake_printer import FakePrinter
from tests.test_printing import payload_of

SIZE = (120, 40)


class Clock:
    """A clock the test moves."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def make_app(db: Database, actor: Actor | None = None, **settings: Any) -> GeraiApp:
    return GeraiApp(Settings(db_url=db.url, **settings), db, clock=lambda: NOW, actor=actor)


def text(app: GeraiApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Label).render())


def burst(app: GeraiApp, typed: str) -> None:
    """Keys as fast as they come (`\\r` is Enter): all posted before any is handled."""
    for char in typed:
        key = "enter" if char == "\r" else char
        app.post_message(events.Key(key, "\r" if char == "\r" else char))


async def settle(app: GeraiApp, pilot: Any) -> None:
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def kinds(db: Database) -> list[str]:
    with db.read() as session:
        return [row.kind for row in audit_events(session)]


# --- login and logout -------------------------------------------------------------------------


async def test_gerai_opens_on_the_login_and_a_fast_login_reaches_the_till(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        assert app.focused is not None and app.focused.id == "login-name"
        burst(app, "Kasir\r1111\r")  # name, Enter and PIN in one burst: nothing lands astray
        await settle(app, pilot)
        assert isinstance(app.screen, KasirScreen)
        assert app.actor == Actor("kasir", Role.KASIR)
        assert "kasir (Kasir)" in text(app, "#header")
    assert kinds(db)[-1] == "login"


async def test_wrong_pins_are_told_and_five_lock_the_user_for_minutes(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    monkeypatch.setattr(auth, "security_now", clock)  # the lockout's own clock, moved here
    app = GeraiApp(Settings(db_url=db.url), db, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"kasir", "enter")
        for attempt in range(MAX_WRONG_PINS):
            clock.now = NOW + timedelta(seconds=attempt)
            await pilot.press(*"0000", "enter")
            await pilot.pause()
            assert "Nama atau PIN salah" in text(app, "#login-error")
            assert app.screen.query_one("#login-pin", Input).value == ""
        await pilot.press(*"1111", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        assert "dikunci" in text(app, "#login-error") and "5 menit" in text(app, "#login-error")
        clock.now = NOW + timedelta(seconds=MAX_WRONG_PINS - 1) + LOCKOUT - timedelta(minutes=2)
        await pilot.press(*"1111", "enter")
        await pilot.pause()
        assert "2 menit" in text(app, "#login-error")
        clock.now += timedelta(minutes=2)
        await pilot.press(*"1111", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, KasirScreen)
    assert kinds(db).count("login_refused") == MAX_WRONG_PINS


async def test_a_shop_without_users_opens_the_setup_wizard_not_the_login(
    empty_db: Database,
) -> None:
    app = make_app(empty_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, SetupWizard)


async def test_ctrl_l_logs_out_only_with_an_empty_cart(db: Database) -> None:
    app = make_app(db, CASHIER)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"MYK-1L", "enter", "ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, KasirScreen)
        assert "keranjang" in text(app, "#status").lower()
        await pilot.press("delete", "ctrl+l")
        await settle(app, pilot)
        assert isinstance(app.screen, LoginScreen)
        await pilot.press(*"bendahara", "enter", *"2222", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, KasirScreen)
        assert "bendahara (Bendahara)" in text(app, "#header")
    assert kinds(db)[-2:] == ["logout", "login"]


async def test_the_help_lists_the_new_keys(db: Database) -> None:
    app = make_app(db, CASHIER)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        keys = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert {"F11", "Ctrl+D", "Ctrl+L"} <= set(keys)


# --- the drawer --------------------------------------------------------------------------------


async def test_ctrl_d_kicks_the_drawer_and_records_it(db: Database) -> None:
    with FakePrinter() as printer:
        app = make_app(db, CASHIER, printer=printer.url, kick_drawer=True)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+d")
            await settle(app, pilot)
            [job] = printer.wait_for_jobs(1, timeout=5)
            assert "Laci dibuka" in text(app, "#status")
    decoded = decode(payload_of(job))
    assert decoded.drawer_kicks == [2] and decoded.lines == []
    with db.read() as session:
        last = list(audit.rows(session))[-1]
    assert (last.kind, last.actor, last.ref) == ("drawer_opened", "kasir", "K1")


async def test_ctrl_d_without_a_drawer_still_records_the_opening(db: Database) -> None:
    app = make_app(db, CASHIER)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+d")
        await settle(app, pilot)
        assert "tidak punya laci" in text(app, "#status")
    assert kinds(db)[-1] == "drawer_opened"


# --- the admin menu --------------------------------------------------------------------------


async def open_menu_entry(app: GeraiApp, pilot: Any, entry: int) -> None:
    await pilot.press("f11")
    await pilot.pause()
    assert isinstance(app.screen, AdminMenu)
    await pilot.press(*["down"] * entry, "enter")
    await pilot.pause()


async def test_a_kasir_gets_the_users_screen_only_with_an_admins_pin(db: Database) -> None:
    app = make_app(db, CASHIER)
    async with app.run_test(size=SIZE) as pilot:
        await open_menu_entry(app, pilot, 0)
        assert isinstance(app.screen, ApprovalScreen)
        assert "perlu PIN admin" in str(app.screen.query(Label)[1].render())
        await pilot.press(*"bendahara", "enter", *"2222", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, KasirScreen)
        assert "hanya untuk admin" in text(app, "#status")
        await open_menu_entry(app, pilot, 0)
        await pilot.press(*"admin", "enter", *"9999", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, UsersScreen)
        assert app.screen.acting == OWNER
        assert "dikelola oleh admin" in text(app, ".admin-header")
        await pilot.press("f2")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AddUserDialog)
        assert dialog.focused is dialog.query_one("#user-name", Input)
        await pilot.press(*"rahma", "enter", *"Rahma Sari", "enter")
        dialog.query_one("#user-role", Select).value = "bendahara"
        dialog.query_one("#user-pin", Input).value = "4321"
        dialog.query_one("#user-pin-again", Input).value = "4312"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "tidak sama" in text(app, ".dialog-error")
        dialog.query_one("#user-pin-again", Input).value = "4321"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, UsersScreen)
        table = app.screen.query_one("#users", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert ["rahma", "Rahma Sari", "Bendahara", "aktif"] in rows
    with db.read() as session:
        records = [(r.kind, r.actor) for r in audit_events(session)][-3:]
    assert records == [
        ("permission_refused", "kasir"),
        ("supervisor_access", "admin"),
        ("user_created", "admin"),
    ]
    with db.write() as session:
        assert login(session, "rahma", "4321", now=NOW).role == "bendahara"


async def test_the_users_screen_keeps_the_last_admin_and_yourself_active(db: Database) -> None:
    app = make_app(db, OWNER)
    async with app.run_test(size=SIZE) as pilot:
        await open_menu_entry(app, pilot, 0)
        screen = app.screen
        assert isinstance(screen, UsersScreen)
        assert [u.name for u in screen.users] == ["admin", "bendahara", "kasir"]
        await pilot.press("f7")  # the admin row: yourself
        await pilot.pause()
        assert "diri sendiri" in text(app, ".admin-status")
        await pilot.press("f6")
        await pilot.pause()
        app.screen.query_one("#user-role", Select).value = "kasir"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "admin aktif terakhir" in text(app, ".dialog-error")
        await pilot.press("escape", "down", "down", "f7")  # the kasir row
        await settle(app, pilot)
        assert "kasir dinonaktifkan" in text(app, ".admin-status")
        assert [u.active for u in screen.users] == [True, True, False]
        await pilot.press("up", "f5")
        await pilot.pause()
        app.screen.query_one("#user-pin", Input).value = "5555"
        app.screen.query_one("#user-pin-again", Input).value = "5555"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "PIN bendahara diganti" in text(app, ".admin-status")
    with db.write() as session:
        assert login(session, "bendahara", "5555", now=NOW).name == "bendahara"
    assert kinds(db)[-3:] == ["user_deactivated", "user_pin_changed", "login"]


async def test_the_audit_screen_filters_pages_and_shows_the_chain(db: Database) -> None:
    app = make_app(db, TREASURER)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"MYK-1L", "enter", "f12", "enter")
        await settle(app, pilot)
        await open_menu_entry(app, pilot, 1)
        screen = app.screen
        assert isinstance(screen, AuditScreen)  # a bendahara needs no PIN here
        await settle(app, pilot)
        assert "Jejak audit utuh" in text(app, "#chain")
        table = screen.query_one("#records", DataTable)
        with db.read() as session:
            assert table.row_count == len(list(audit.rows(session)))  # the seals too
        assert str(table.get_row_at(0)[3]) == "Penjualan"  # newest first
        screen.query_one("#filter-kind", Select).value = "shift_opened"
        await settle(app, pilot)
        assert [str(table.get_row_at(i)[4]) for i in range(table.row_count)] == ["K2#2", "K1#1"]
        day = screen.query_one("#filter-day", Input)
        day.focus()
        await pilot.press(*"31-02-2025", "enter")
        await pilot.pause()
        assert "tidak dikenal" in text(app, ".admin-status")
        day.value = ""
        await pilot.press(*"29-11-2025", "enter")
        await pilot.pause()
        assert table.row_count == 0 and "Tidak ada catatan" in text(app, ".admin-status")
        tamper(db, "UPDATE sale SET total = total - 100")
        await pilot.press("f5")
        await settle(app, pilot)
        assert "K1-20251130-0001 diubah" in text(app, "#chain")


async def test_the_audit_screen_pages_newest_first(db: Database) -> None:
    with db.write() as session:
        for minute in range(60):
            login(session, "kasir", "1111", now=NOW + timedelta(minutes=minute))
    app = make_app(db, TREASURER)
    async with app.run_test(size=SIZE) as pilot:
        await open_menu_entry(app, pilot, 1)
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, AuditScreen)
        first = [row.seq for row in screen.rows]
        await pilot.press("pagedown")
        await pilot.pause()
        older = [row.seq for row in screen.rows]
        await pilot.press("pageup")
        await pilot.pause()
        assert [row.seq for row in screen.rows] == first
    assert len(first) == 50 and first == sorted(first, reverse=True)
    assert older[0] == first[-1] - 1


# --- closing the till -----------------------------------------------------------------------


async def test_a_kasir_closes_the_till_only_with_a_bendaharas_pin(db: Database) -> None:
    app = make_app(db, CASHIER)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("f10")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CloseShiftScreen)
        screen.query_one("#d100000", Input).value = "5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "perlu persetujuan" in text(app, ".dialog-error")
        screen.query_one("#bendahara", Input).value = "bendahara"
        screen.query_one("#bendahara-pin", Input).value = "0000"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "PIN salah" in text(app, ".dialog-error")
        assert screen.query_one("#bendahara-pin", Input).value == ""
        screen.query_one("#bendahara-pin", Input).value = "2222"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, OpenShiftScreen)
    with db.read() as session:
        shift = session.exec(select(Shift).where(Shift.till == "K1")).one()
    assert (shift.status, shift.closed_by, shift.confirmed_by) == ("closed", "kasir", "bendahara")


async def test_a_bendahara_closes_the_till_without_a_second_pin(db: Database) -> None:
    app = make_app(db, TREASURER)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("f10")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CloseShiftScreen)
        assert not screen.query("#bendahara")
        screen.query_one("#d100000", Input).value = "5"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, OpenShiftScreen)
    with db.read() as session:
        shift = session.exec(select(Shift).where(Shift.till == "K1")).one()
    assert (shift.closed_by, shift.confirmed_by) == ("bendahara", "bendahara")


async def test_the_approval_dialog_survives_a_burst(db: Database) -> None:
    app = make_app(db, CASHIER)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("f7")  # barang masuk: the kasir needs a supervisor
        await pilot.pause()
        assert isinstance(app.screen, ApprovalScreen)
        burst(app, "bendahara\r2222\r")
        await settle(app, pilot)
        from gerai.tui.screens.stock.receiving import ReceivingScreen

        assert isinstance(app.screen, ReceivingScreen)
        assert app.screen.approval is not None and app.screen.approval.name == "bendahara"


async def test_a_kasir_reads_the_days_report_only_with_a_supervisors_pin(db: Database) -> None:
    from gerai.tui.screens.cash.bendahara import BendaharaScreen

    app = make_app(db, CASHIER)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, ApprovalScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, KasirScreen)
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press(*"bendahara", "enter", *"2222", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, BendaharaScreen)
