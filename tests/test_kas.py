"""The kas bendahara (issue 15): the setoran taken from the drawer at the close, what stays
as the next opening cash, bank deposits and expenses by category; sealed and audited, and
every bad input refused with nothing written."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner, Result
from textual.widgets import DataTable, Input, Label

from gerai.cli import main
from gerai.core.errors import GeraiError
from gerai.core.i18n import Translator
from gerai.core.words import ExpenseCategory, KasKind
from gerai.db import Database
from gerai.services.audit.verify import verify
from gerai.services.cash.kas import (
    carried_cash,
    deposit_to_bank,
    expenses_by_category,
    kas_balance,
    kas_book,
    record_expense,
)
from gerai.services.cash.shifts import close_shift, current_shift, open_shift, shift_report
from gerai.services.shop.profile import load_shop
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.cash.bendahara import BendaharaScreen
from gerai.tui.screens.cash.kas import KasEntryScreen
from gerai.tui.screens.cash.shift import CloseShiftScreen, OpenShiftScreen
from receipts.z_report import layout_shift_report
from tests.conftest import CASHIER, NOW, OPENING_CASH, TREASURER, raw, tamper
from tests.shop_day import pieces


def close_k1(db: Database, setoran: int | None, counted: int = OPENING_CASH) -> None:
    with db.write() as session:
        shift = current_shift(session, "K1")
        assert shift is not None and shift.id is not None
        close_shift(session, shift.id, pieces(counted), "", TREASURER, NOW, setoran=setoran)


def open_k1(db: Database, opening: int) -> None:
    with db.write() as session:
        open_shift(session, "K1", CASHIER, opening, NOW, load_shop(session))


def spend(db: Database, amount: int, category: str = "listrik", note: str = "token PLN") -> None:
    with db.write() as session:
        record_expense(session, amount, category, note, TREASURER, NOW, load_shop(session))


def bank(db: Database, amount: int) -> None:
    with db.write() as session:
        deposit_to_bank(session, amount, "BRI 123", TREASURER, NOW, load_shop(session))


def intact(db: Database) -> bool:
    with db.read() as session:
        return verify(session).intact


def test_the_setoran_goes_to_the_kas_and_the_rest_opens_the_next_shift(db: Database) -> None:
    close_k1(db, setoran=400_000)
    with db.read() as session:
        assert kas_balance(session) == 400_000
        carried = carried_cash(session, "K1")
    assert carried is not None and carried.stayed == OPENING_CASH - 400_000
    with pytest.raises(GeraiError) as caught:
        open_k1(db, OPENING_CASH)
    assert caught.value.key == "shift.opening_not_carried"
    assert "100.000" in caught.value.message()
    open_k1(db, 100_000)
    assert intact(db)


def test_a_setoran_above_the_drawer_is_refused_and_nothing_is_written(db: Database) -> None:
    with pytest.raises(GeraiError) as caught:
        close_k1(db, setoran=OPENING_CASH + 100)
    assert caught.value.key == "kas.setoran_above_drawer"
    assert raw(db, "SELECT count(*) FROM kasentry") == [(0,)]
    assert raw(db, "SELECT status FROM shift WHERE till = 'K1'") == [("open",)]
    with pytest.raises(GeraiError) as negative:
        close_k1(db, setoran=-1)
    assert negative.value.key == "kas.negative"


def test_a_close_without_setoran_leaves_the_next_opening_free(db: Database) -> None:
    close_k1(db, setoran=None)
    with db.read() as session:
        assert carried_cash(session, "K1") is None
    open_k1(db, 123_000)


def test_bank_deposits_and_expenses_leave_the_kas_audited(db: Database) -> None:
    close_k1(db, setoran=500_000)
    bank(db, 300_000)
    spend(db, 50_000, "listrik")
    spend(db, 25_000, "transport", "ongkos angkut beras")
    with db.read() as session:
        assert kas_balance(session) == 125_000
        book = kas_book(session, NOW.date(), NOW.date())
        spent = expenses_by_category(session, NOW.date(), NOW.date())
    assert [line.balance for line in book.lines] == [500_000, 200_000, 150_000, 125_000]
    assert (book.opening, book.closing, book.total(KasKind.EXPENSE)) == (0, 125_000, 75_000)
    assert spent[ExpenseCategory.LISTRIK] == 50_000 and spent[ExpenseCategory.TRANSPORT] == 25_000
    assert spent[ExpenseCategory.GAJI] == 0
    kinds = raw(db, "SELECT kind FROM auditrecord WHERE kind LIKE 'kas_%' ORDER BY seq")
    assert kinds == [("kas_setoran",), ("kas_bank",), ("kas_expense",), ("kas_expense",)]
    assert intact(db)
    tamper(db, "UPDATE kasentry SET amount = 5000 WHERE kind = 'expense' AND category = 'listrik'")
    with db.read() as session:
        broken = verify(session)
    assert not broken.intact
    problem = broken.problem()
    assert problem is not None and "kasentry#" in problem.message()


@pytest.mark.parametrize(
    ("amount", "category", "key"),
    [
        (10_000, "", "kas.no_category"),
        (10_000, "makan", "kas.bad_category"),
        (-5_000, "gaji", "kas.negative"),
        (0, "gaji", "kas.zero"),
        (600_000, "gaji", "kas.above_balance"),
    ],
)
def test_a_bad_expense_is_refused_with_nothing_written(
    db: Database, amount: int, category: str, key: str
) -> None:
    close_k1(db, setoran=500_000)
    before = raw(db, "SELECT count(*) FROM kasentry")
    with pytest.raises(GeraiError) as caught:
        spend(db, amount, category)
    assert caught.value.key == key
    assert caught.value.message() != key  # a message for people, not the key
    assert raw(db, "SELECT count(*) FROM kasentry") == before


def test_a_bank_deposit_above_the_balance_is_refused(db: Database) -> None:
    with pytest.raises(GeraiError) as caught:
        bank(db, 1)
    assert caught.value.key == "kas.above_balance"


def test_a_kasir_may_not_spend_from_the_kas(db: Database) -> None:
    close_k1(db, setoran=500_000)
    with pytest.raises(GeraiError) as caught, db.write() as session:
        record_expense(session, 1_000, "gaji", "", CASHIER, NOW, load_shop(session))
    assert caught.value.key.startswith("auth.")


# --- the command line -------------------------------------------------------------------------


def kas_cli(runner: CliRunner, db: Database, *args: str) -> Result:
    return runner.invoke(main, ["--db", db.url, "kas", *args])


def test_the_kas_commands_record_and_show(db: Database, runner: CliRunner) -> None:
    close_k1(db, setoran=500_000)
    banked = kas_cli(runner, db, "setor-bank", "300.000", "--note", "BRI 0042")
    assert banked.exit_code == 0, banked.output
    assert "Rp300.000" in banked.output and "Rp200.000" in banked.output
    spent = kas_cli(runner, db, "expense", "45000", "--category", "gaji", "--note", "Bu Sri")
    assert spent.exit_code == 0, spent.output
    assert "Gaji" in spent.output and "Rp155.000" in spent.output
    day = NOW.date().isoformat()
    with db.read() as session:
        today = load_shop(session).business_date(datetime.now(UTC)).isoformat()
    shown = kas_cli(runner, db, "show", "--from", day, "--to", today, "--json")
    assert shown.exit_code == 0, shown.output
    book = json.loads(shown.output)
    assert [(line["kind"], line["amount"]) for line in book["lines"]] == [
        ("setoran", 500_000), ("bank", -300_000), ("expense", -45_000),
    ]  # fmt: skip
    assert (book["opening_balance"], book["closing_balance"]) == (0, 155_000)
    text = kas_cli(runner, db, "show", "--from", day, "--to", today)
    assert text.exit_code == 0 and "Setor ke bank" in text.output and "155.000" in text.output
    assert intact(db)


@pytest.mark.parametrize(
    ("args", "key_text"),
    [
        (("expense", "10000"), "Pilih kategori"),
        (("expense", "-10000", "--category", "gaji"), "negatif"),
        (("expense", "10rb", "--category", "gaji"), "bukan angka"),
        (("expense", "900000", "--category", "sewa"), "hanya berisi"),
        (("setor-bank", "900000"), "hanya berisi"),
    ],
)
def test_bad_kas_input_is_one_clear_line(
    db: Database, runner: CliRunner, args: tuple[str, ...], key_text: str
) -> None:
    close_k1(db, setoran=500_000)
    result = kas_cli(runner, db, *args)
    assert result.exit_code == 1
    assert key_text in result.output and "Traceback" not in result.output
    assert raw(db, "SELECT count(*) FROM kasentry") == [(1,)]


# --- the close-shift dialog and the next opening ---------------------------------------------


async def test_the_close_dialog_takes_the_setoran_and_the_next_opening_is_what_stayed(
    db: Database,
) -> None:
    app = GeraiApp(Settings(db_url=db.url, printer="none"), db, clock=lambda: NOW, actor=CASHIER)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f10")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CloseShiftScreen)
        screen.query_one("#d100000", Input).value = "5"
        screen.query_one("#bendahara", Input).value = "bendahara"
        screen.query_one("#bendahara-pin", Input).value = "2222"
        screen.query_one("#setoran-amount", Input).value = "600000"  # more than the drawer holds
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CloseShiftScreen)
        error = str(screen.query_one(".dialog-error", Label).render())
        assert "lebih dari uang di laci" in error and "Rp500.000" in error
        screen.query_one("#bendahara-pin", Input).value = "2222"
        screen.query_one("#setoran-amount", Input).value = "450.000"
        await pilot.pause()
        assert "Rp50.000" in str(screen.query_one("#stays", Label).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        opening = app.screen
        assert isinstance(opening, OpenShiftScreen)
        assert "Rp50.000" in opening.query_one("#opening", Input).placeholder  # what stayed
        assert "Rp450.000" in str(opening.query_one("#carried", Label).render())
        opening.query_one("#opening", Input).value = "100000"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OpenShiftScreen)
        assert "Rp50.000" in str(opening.query_one(".dialog-error", Label).render())
        opening.query_one("#opening", Input).value = "50000"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, OpenShiftScreen)
    assert raw(db, "SELECT kind, amount, till, created_by FROM kasentry") == [
        ("setoran", 450_000, "K1", "bendahara")
    ]
    assert raw(db, "SELECT opening_cash FROM shift WHERE till = 'K1' AND status = 'open'") == [
        (50_000,)
    ]
    assert intact(db)


async def test_the_bendahara_records_an_expense_on_the_kas_tab(db: Database) -> None:
    close_k1(db, setoran=500_000)
    open_k1(db, 0)
    app = GeraiApp(Settings(db_url=db.url, printer="none"), db, clock=lambda: NOW, actor=TREASURER)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        report = app.screen
        assert isinstance(report, BendaharaScreen)
        shifts = report.query_one("#shifts-table", DataTable)
        k1 = [str(cell) for cell in shifts.get_row_at(0)]
        assert k1[0] == "K1" and k1[-1] == "500.000"  # its setoran
        await pilot.press("p")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, KasEntryScreen)
        await pilot.press(*"20000", "enter", *"token PLN", "enter")
        await pilot.pause()
        assert "Pilih kategori" in str(dialog.query_one(".dialog-error", Label).render())
        await pilot.press("tab")  # listrik
        dialog.query_one("#kas-note", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is report
        kas = report.query_one("#kas-table", DataTable)
        cells = [[str(cell) for cell in kas.get_row_at(n)] for n in range(kas.row_count)]
        assert cells[-2][1] == "Pengeluaran: Listrik" and cells[-2][3] == "20.000"
        assert cells[-1][4] == "480.000"
    assert raw(db, "SELECT kind, category, amount, note, created_by FROM kasentry ORDER BY id") == [
        ("setoran", "", 500_000, "", "bendahara"),
        ("expense", "listrik", 20_000, "token PLN", "bendahara"),
    ]
    assert intact(db)


def test_the_z_report_prints_the_setoran_and_what_stays(db: Database) -> None:
    close_k1(db, setoran=350_000)
    with db.read() as session:
        shift_id = raw(db, "SELECT id FROM shift WHERE till = 'K1'")[0][0]
        z = shift_report(session, shift_id, load_shop(session))
    lines = [line.text for line in layout_shift_report(z, 32, Translator("id"))]
    assert any(
        line.startswith("Setoran ke bendahara") and line.endswith("350.000") for line in lines
    )
    assert any(line.startswith("Tinggal di laci") and line.endswith("150.000") for line in lines)
    close_k2 = raw(db, "SELECT id FROM shift WHERE till = 'K2'")[0][0]
    with db.write() as session:
        close_shift(session, close_k2, pieces(OPENING_CASH), "", TREASURER, NOW)
    with db.read() as session:
        plain = shift_report(session, close_k2, load_shop(session))
    text = "\n".join(line.text for line in layout_shift_report(plain, 32, Translator("id")))
    assert "Setoran" not in text  # none recorded, none printed


def test_two_bendaharas_cannot_both_spend_the_same_balance(db: Database) -> None:
    close_k1(db, setoran=500_000)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def spend_at_once() -> None:
        start.wait()
        try:
            spend(db, 300_000, "gaji", "honor")
        except GeraiError as error:
            outcomes.append(error.key)
        else:
            outcomes.append("spent")

    racers = [threading.Thread(target=spend_at_once) for _ in range(2)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join(timeout=60)
    assert sorted(outcomes) == ["kas.above_balance", "spent"]
    with db.read() as session:
        assert kas_balance(session) == 200_000
