"""The members screens driven by key presses (Textual pilot) and checked against the database:
F5 opens the register (paged, searched as you type), the member form with a supervisor's PIN
for a kasir, a member's savings and kasbon with the payment dialogs printing slips, the member
settings, the kasbon list; and a member card scanned at the till."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from member_money import ADMIN_ACTOR, BENDAHARA_ACTOR, audit_kinds, member_id
from shop_day import at, fill, sell
from sqlmodel import col, func, select
from textual import events
from textual.widgets import DataTable, Input, Label

from gerai.core.i18n import set_language
from gerai.db import Database
from gerai.models import Member, MemberPayment, PrintJob
from gerai.services.members.kasbon import outstanding
from gerai.services.sale.checkout import Tender
from gerai.services.shop.auth import Actor
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.approval import ApprovalScreen
from gerai.tui.screens.members.detail import MemberDetailScreen
from gerai.tui.screens.members.form import MemberDialog
from gerai.tui.screens.members.kasbon_list import KasbonListScreen
from gerai.tui.screens.members.money import RepaymentDialog, SavingsDialog
from gerai.tui.screens.members.register import MembersScreen
from gerai.tui.screens.members.settings import MemberSettingsDialog
from gerai.tui.screens.sale.help import HELP_ROWS
from gerai.tui.screens.sale.kasir import KasirScreen
from tests.conftest import CASHIER, NOW

SIZE = (120, 40)
SPHP = "8991201000178"  # Beras SPHP Bulog 5 kg, member price 61.500


def make_app(db: Database, actor: Actor | None = None, printer: str = "none") -> GeraiApp:
    set_language("id")
    settings = Settings(db_url=db.url, printer=printer)
    return GeraiApp(settings, db, clock=lambda: NOW, actor=actor or CASHIER)


def text(widget: Any) -> str:
    return str(widget.render())


def burst(app: GeraiApp, keys: str) -> None:
    """Keys the way a scanner sends them: all at once, then Enter."""
    for char in keys:
        app.post_message(events.Key(char, char))
    app.post_message(events.Key("enter", "\r"))


async def open_members(app: GeraiApp, pilot: Any) -> MembersScreen:
    await pilot.press("f5")
    await pilot.pause()
    await pilot.pause()
    assert isinstance(app.screen, MembersScreen)
    return app.screen


async def open_member(app: GeraiApp, pilot: Any, query: str) -> MemberDetailScreen:
    screen = await open_members(app, pilot)
    await pilot.press(*query)
    await pilot.pause()
    assert screen.rows, query
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, MemberDetailScreen)
    return app.screen


def payments(db: Database) -> list[tuple[str, str, int, str]]:
    with db.read() as session:
        rows = session.exec(select(MemberPayment).order_by(col(MemberPayment.id))).all()
        return [(p.number, p.kind, p.amount, p.method) for p in rows]


def members_count(db: Database) -> int:
    with db.read() as session:
        return session.exec(select(func.count()).select_from(Member)).one()


# --- the register -------------------------------------------------------------------------------


async def test_f5_opens_the_register_and_typing_searches_names_phones_and_niks(
    db: Database,
) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_members(app, pilot)
        assert 20 <= len(screen.rows) < 45 and screen.page_size == len(screen.rows)
        await pilot.press(*"7309064502640026")
        await pilot.pause()
        assert [m.number for m in screen.rows] == ["KKMP-0001"]
        screen.query_one("#search", Input).value = "daeng"
        await pilot.pause()
        assert screen.rows and all("daeng" in m.name.lower() for m in screen.rows)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, KasirScreen)


async def test_the_register_pages_down_and_back(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_members(app, pilot)
        first = [m.number for m in screen.rows]
        await pilot.press("pagedown")
        await pilot.pause()
        later = [m.number for m in screen.rows]
        assert later != first and len(later) == len(first)
        with db.read() as session:
            active = set(session.exec(select(Member.number).where(col(Member.active))).all())
        assert set(first) | set(later) == active  # two pages hold the 43 active members
        await pilot.press("pageup")
        await pilot.pause()
        assert [m.number for m in screen.rows] == first
        for _ in range(len(first) + 3):
            await pilot.press("down")
        await pilot.pause()
        assert screen.rows[0].number != first[0] and screen.cursor == len(screen.rows) - 1
        await pilot.press("f6")
        await pilot.pause()
        assert screen.rows and not any(m.active for m in screen.rows)
        assert "tidak aktif" in text(screen.query_one("#filters", Label))


# --- the member form ----------------------------------------------------------------------------


async def fill_form(pilot: Any, app: GeraiApp, **values: str) -> MemberDialog:
    await pilot.press("f2")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, MemberDialog)
    for field, value in values.items():
        dialog.query_one(f"#f-{field}", Input).value = value
    await pilot.press("ctrl+s")
    await pilot.pause()
    return dialog


async def test_a_kasir_adds_a_member_with_a_bendahara_pin(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_members(app, pilot)
        await fill_form(pilot, app, number="kkmp-0500", name="Wa Ode Baru", nik="7309064502640500")
        assert isinstance(app.screen, ApprovalScreen)
        await pilot.press(*"bendahara", "enter", *"2222", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MembersScreen)
        assert "disimpan" in text(app.screen.query_one(".stock-status", Label))
    assert member_id(db, "KKMP-0500")
    assert audit_kinds(db)[-1] == ("member_added", "bendahara", "KKMP-0500")


async def test_a_bad_member_is_refused_in_the_form_and_nothing_written(db: Database) -> None:
    before = members_count(db)
    app = make_app(db, BENDAHARA_ACTOR)
    async with app.run_test(size=SIZE) as pilot:
        await open_members(app, pilot)
        dialog = await fill_form(
            pilot, app, number="KKMP-0001", name="Dobel", nik="730906450264010"
        )
        assert app.screen is dialog
        error = text(dialog.query_one(".dialog-error", Label))
        assert "Nomor anggota: Nomor anggota KKMP-0001 sudah dipakai" in error
        assert "15 digit" in error and "16 digit" in error
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MembersScreen)
    assert members_count(db) == before


# --- a member -----------------------------------------------------------------------------------


async def test_wajib_for_three_months_is_taken_and_its_slip_printed(db: Database) -> None:
    app = make_app(db, printer="tcp://127.0.0.1:9")
    async with app.run_test(size=SIZE) as pilot:
        detail = await open_member(app, pilot, "kamaruddin")
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, SavingsDialog)
        await pilot.press("tab", "3")
        await pilot.pause()
        assert "3 bulan x Rp10.000 = Rp30.000" in text(app.screen.query_one("#preview", Label))
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is detail
        await app.workers.wait_for_complete()
        assert "Rp30.000 (3 bulan)" in text(detail.query_one("#member-savings", Label))
        assert detail.query_one("#member-payments", DataTable).row_count == 1
        await pilot.press("f9")
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert payments(db) == [("K1-20251130-S001", "wajib", 30_000, "tunai")]
    with db.read() as session:
        jobs = session.exec(select(PrintJob.receipt_no, PrintJob.kind)).all()
    assert jobs == [("K1-20251130-S001", "slip"), ("K1-20251130-S001", "slip")]


async def test_a_negative_sukarela_and_a_repayment_over_the_debt_are_refused_in_place(
    db: Database,
) -> None:
    sell(db, "K1", fill(db, [("MYK-1L", Decimal(2))], member=True), at(9), [Tender("kasbon")])
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_member(app, pilot, "KKMP-0001")
        await pilot.press("f2", "tab", "tab")
        await pilot.pause()
        await pilot.press(*"-10000", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SavingsDialog)
        assert "harus lebih dari Rp0" in text(app.screen.query_one(".dialog-error", Label))
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, RepaymentDialog)
        assert "Rp31.000" in text(app.screen.query_one("#owed", Label))
        await pilot.press(*"40000", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RepaymentDialog)
        assert "melebihi utang kasbon Rp31.000" in text(
            app.screen.query_one(".dialog-error", Label)
        )
        await pilot.press("escape")
        await pilot.pause()
    assert payments(db) == []


async def test_an_empty_repayment_by_qris_pays_the_whole_debt(db: Database) -> None:
    sell(db, "K1", fill(db, [("MYK-1L", Decimal(2))], member=True), at(9), [Tender("kasbon")])
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        detail = await open_member(app, pilot, "KKMP-0001")
        assert "Utang Rp31.000" in text(detail.query_one("#member-kasbon", Label))
        await pilot.press("f3", "tab", "enter")
        await pilot.pause()
        assert app.screen is detail
        assert "Utang Rp0" in text(detail.query_one("#member-kasbon", Label))
    assert payments(db) == [("K1-20251130-S001", "repayment", 31_000, "qris")]
    with db.read() as session:
        assert outstanding(session, member_id(db, "KKMP-0001")) == 0


async def test_a_bendahara_deactivates_a_member_from_their_page(db: Database) -> None:
    app = make_app(db, BENDAHARA_ACTOR)
    async with app.run_test(size=SIZE) as pilot:
        detail = await open_member(app, pilot, "KKMP-0002")
        await pilot.press("f6")
        await pilot.pause()
        assert "tidak aktif" in text(detail.query_one("#member-header", Label))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MembersScreen)
        assert "dinonaktifkan" in text(app.screen.query_one(".stock-status", Label))
    with db.read() as session:
        assert not session.exec(select(Member.active).where(Member.number == "KKMP-0002")).one()


# --- settings and kasbon list -------------------------------------------------------------------


async def test_the_settings_change_the_global_discount_of_the_till_at_once(db: Database) -> None:
    app = make_app(db, ADMIN_ACTOR)
    async with app.run_test(size=SIZE) as pilot:
        await open_members(app, pilot)
        await pilot.press("f7")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MemberSettingsDialog)
        dialog.query_one("#s-global", Input).value = "5"
        dialog.query_one("#s-wajib", Input).value = "15.000"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MembersScreen)
        assert app.shop.member_discount_bp == 500 and app.cart.global_discount_bp == 500
        assert app.shop.savings_wajib == 15_000
        await pilot.press("escape")
        await pilot.pause()
        burst(app, "AQA-600")  # Minuman: no discount of its own
        burst(app, "KKMP-0002")
        await pilot.pause()
        assert app.cart.totals().total == 3_800


async def test_the_settings_refuse_a_bad_percentage_in_place(db: Database) -> None:
    app = make_app(db, ADMIN_ACTOR)
    async with app.run_test(size=SIZE) as pilot:
        await open_members(app, pilot)
        await pilot.press("f7")
        await pilot.pause()
        app.screen.query_one("#s-global", Input).value = "150"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MemberSettingsDialog)
        assert "bukan persen 0–100" in text(app.screen.query_one(".dialog-error", Label))
    assert app.shop.member_discount_bp == 100


async def test_the_kasbon_list_shows_who_owes_and_opens_them(db: Database) -> None:
    sell(db, "K1", fill(db, [("MYK-1L", Decimal(2))], member=True), at(9), [Tender("kasbon")])
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_members(app, pilot)
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, KasbonListScreen)
        assert app.screen.query_one("#kasbon-table", DataTable).row_count == 1
        assert "1 anggota berutang Rp31.000" in text(app.screen.query_one("#kasbon-total", Label))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MemberDetailScreen)


# --- the till -----------------------------------------------------------------------------------


async def test_a_scanned_member_card_attaches_the_member_and_shows_the_saving(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        burst(app, SPHP)
        burst(app, "KKMP-0002")
        await pilot.pause()
        assert app.cart.member is not None and app.cart.member.number == "KKMP-0002"
        assert app.cart.totals().total == 61_500
        totals = app.screen.query_one("#totals")
        assert "KKMP-0002" in text(totals.query_one("#member-line", Label))
        assert "Hemat anggota Rp1.000" in text(totals.query_one("#saving-line", Label))
        await pilot.press("f2")  # removes the member
        burst(app, "7309060808810043")  # the same member's NIK
        await pilot.pause()
        assert app.cart.member is not None and app.cart.member.number == "KKMP-0002"


async def test_f5_is_in_the_footer_and_the_help(db: Database) -> None:
    assert ("F5", "ui.help.members") in HELP_ROWS
    app = make_app(db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = {key: b.description for key, (_, b, _, _) in app.screen.active_bindings.items()}
        assert keys.get("f5") == "Data anggota"
