"""Shifts through the services and on the kasir screen: open with modal awal, cash in/out,
close by counting the cash, and the Z report on the printer."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlmodel import select
from textual.widgets import Input, Label

from gerai.core.errors import GeraiError
from gerai.core.words import CashDirection
from gerai.db import Database
from gerai.models import CashMovement, Sale, Shift
from gerai.services.audit import trail as audit
from gerai.services.cash.shifts import (
    cash_position,
    close_shift,
    count_cash,
    current_shift,
    move_cash,
    open_shift,
)
from gerai.services.sale.cart import Cart
from gerai.services.sale.checkout import Tender, checkout
from gerai.services.shop.auth import Approval
from gerai.services.shop.profile import load_shop
from gerai.services.stock.catalog import find_by_code
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.cash.shift import CashScreen, CloseShiftScreen, OpenShiftScreen
from gerai.tui.screens.sale.kasir import KasirScreen
from tests.conftest import CASHIER, NOW, OPENING_CASH, TREASURER, TREASURER_PIN
from tests.escpos_decode import decode
from tests.fake_printer import FakePrinter
from tests.test_printing import payload_of


def sell_cash(db: Database, till: str = "K1", code: str = "MYK-1L", qty: int = 2) -> int:
    with db.write() as session:
        cart = Cart()
        product = find_by_code(session, code)
        assert product is not None
        cart.add(product, Decimal(qty))
        result = checkout(
            session,
            cart,
            [Tender("tunai", 100_000)],
            till=till,
            actor=CASHIER,
            now=NOW,
        )
    return result.total


def open_k1(db: Database) -> Shift:
    with db.read() as session:
        shift = current_shift(session, "K1")
    assert shift is not None
    return shift


# --- services -------------------------------------------------------------------------------


def test_no_sale_without_an_open_shift(catalogue_db: Database) -> None:
    with pytest.raises(GeraiError) as caught:
        sell_cash(catalogue_db)
    assert caught.value.key == "shift.not_open"
    with catalogue_db.read() as session:
        assert session.exec(select(Sale)).all() == []


def test_expected_cash_is_opening_plus_cash_sales_plus_in_minus_out(db: Database) -> None:
    total = sell_cash(db)
    with db.write() as session:
        move_cash(session, "K1", CashDirection.IN, 50_000, "tambah uang kecil", CASHIER, NOW)
        move_cash(session, "K1", CashDirection.OUT, 20_000, "beli kantong plastik", CASHIER, NOW)
    shift = open_k1(db)
    with db.read() as session:
        position = cash_position(session, shift)
    assert position.expected == OPENING_CASH + total + 50_000 - 20_000
    assert (position.cash_sales, position.cash_in, position.cash_out) == (total, 50_000, 20_000)


@pytest.mark.parametrize(
    ("kind", "amount", "reason", "key"),
    [
        (CashDirection.OUT, 10_000, "  ", "shift.reason_required"),
        (CashDirection.OUT, 0, "x", "shift.zero"),
        (CashDirection.IN, -5, "x", "shift.negative"),
        (CashDirection.OUT, OPENING_CASH + 1, "setor bank", "shift.not_enough_cash"),
    ],
)
def test_bad_cash_movements_are_refused(
    db: Database, kind: str, amount: int, reason: str, key: str
) -> None:
    with pytest.raises(GeraiError) as caught, db.write() as session:
        move_cash(session, "K1", kind, amount, reason, CASHIER, NOW)
    assert caught.value.key == key
    with db.read() as session:
        assert session.exec(select(CashMovement)).all() == []


def test_a_till_cannot_be_opened_twice(db: Database) -> None:
    with pytest.raises(GeraiError) as caught, db.write() as session:
        open_shift(session, "K1", CASHIER, 0, NOW, load_shop(session))
    assert caught.value.key == "shift.already_open"


def test_closing_needs_a_reason_for_a_variance_and_never_twice(db: Database) -> None:
    total = sell_cash(db)
    shift_id = open_k1(db).id
    assert shift_id is not None
    short = {100_000: 5, 1_000: 0}  # Rp500.000: the cash sales are missing
    with pytest.raises(GeraiError) as caught, db.write() as session:
        close_shift(session, shift_id, short, "", TREASURER, NOW)
    assert caught.value.key == "shift.variance_reason"
    with db.write() as session:
        result = close_shift(
            session,
            shift_id,
            short,
            "uang diambil ke bank tanpa catatan",
            CASHIER,
            NOW,
            approval=TREASURER_PIN,
        )
    assert (result.expected, result.counted, result.variance) == (
        OPENING_CASH + total,
        OPENING_CASH,
        -total,
    )
    with pytest.raises(GeraiError) as caught, db.write() as session:
        close_shift(session, shift_id, short, "x", TREASURER, NOW)
    assert caught.value.key == "shift.already_closed"
    with pytest.raises(GeraiError) as caught:
        sell_cash(db)
    assert caught.value.key == "shift.not_open"
    with pytest.raises(GeraiError) as caught, db.write() as session:
        move_cash(session, "K1", CashDirection.IN, 1_000, "x", CASHIER, NOW)
    assert caught.value.key == "shift.not_open"


@pytest.mark.parametrize(
    ("counts", "key"),
    [({1_000: -1}, "shift.negative_count"), ({750: 1}, "shift.bad_denomination")],
)
def test_bad_counts_are_refused(counts: dict[int, int], key: str) -> None:
    with pytest.raises(GeraiError) as caught:
        count_cash(counts)
    assert caught.value.key == key


@pytest.mark.parametrize(
    ("approval", "key"),
    [
        (None, "auth.not_allowed"),
        (Approval("kasir", "1111"), "auth.not_allowed"),  # a kasir cannot confirm
        (Approval("bendahara", "1111"), "auth.wrong_pin"),
        (Approval("siapa", "2222"), "auth.wrong_pin"),
    ],
)
def test_a_kasir_closes_only_with_a_bendaharas_pin(
    db: Database, approval: Approval | None, key: str
) -> None:
    shift_id = open_k1(db).id
    assert shift_id is not None
    with pytest.raises(GeraiError) as caught, db.write() as session:
        close_shift(session, shift_id, {100_000: 5}, "", CASHIER, NOW, approval=approval)
    assert caught.value.key == key
    assert open_k1(db).status == "open"
    with db.read() as session:
        last = list(audit.rows(session))[-1]
    assert last.kind in {"permission_refused", "approval_refused"} and last.actor in {
        "kasir",
        approval.name if approval else "kasir",
    }


def test_the_close_records_who_signed_and_who_confirmed(db: Database) -> None:
    shift_id = open_k1(db).id
    assert shift_id is not None
    with db.write() as session:
        close_shift(session, shift_id, {100_000: 5}, "", CASHIER, NOW, approval=TREASURER_PIN)
    with db.read() as session:
        shift = session.get(Shift, shift_id)
        last = list(audit.rows(session))[-1]
    assert shift is not None and (shift.closed_by, shift.confirmed_by) == ("kasir", "bendahara")
    assert (last.kind, last.actor, last.ref) == ("shift_closed", "kasir", f"K1#{shift_id}")
    assert last.data()["confirmed_by"] == "bendahara" and last.data()["variance"] == 0


# --- the kasir screen ---------------------------------------------------------------------------


def make_app(db: Database, printer: str = "none") -> GeraiApp:
    return GeraiApp(Settings(db_url=db.url, printer=printer), db, clock=lambda: NOW, actor=CASHIER)


async def test_the_till_asks_for_the_opening_cash_before_selling(catalogue_db: Database) -> None:
    app = make_app(catalogue_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OpenShiftScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert "modal awal" in str(app.screen.query_one(".dialog-error", Label).render())
        await pilot.press(*"300000", "enter")
        await pilot.pause()
        assert isinstance(app.screen, KasirScreen)
        await pilot.press(*"MYK-1L", "enter", "f12", "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    with catalogue_db.read() as session:
        shift = session.exec(select(Shift)).one()
        sale = session.exec(select(Sale)).one()
    assert (shift.opening_cash, shift.status, sale.shift_id) == (300_000, "open", shift.id)


async def test_f6_takes_cash_out_with_a_reason(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, CashScreen)
        await pilot.press(*"25000", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CashScreen)  # no reason yet
        await pilot.press(*"beli kantong", "enter")
        await pilot.pause()
        assert isinstance(app.screen, KasirScreen)
    with db.read() as session:
        movement = session.exec(select(CashMovement)).one()
    assert (movement.kind, movement.amount, movement.reason) == (
        CashDirection.OUT,
        25_000,
        "beli kantong",
    )


async def test_f10_closes_the_shift_prints_a_z_report_and_asks_for_the_next(db: Database) -> None:
    total = sell_cash(db)
    with FakePrinter() as printer:
        app = make_app(db, printer.url)
        async with app.run_test(size=(120, 50)) as pilot:
            await pilot.press("f10")
            await pilot.pause()
            assert isinstance(app.screen, CloseShiftScreen)
            screen = app.screen
            screen.query_one("#d100000", Input).value = "5"
            screen.query_one("#d1000", Input).value = str(total // 1000)
            screen.query_one("#d100", Input).value = str(total % 1000 // 100)
            await pilot.pause()
            counted_line = str(screen.query_one("#count-line", Label).render())
            assert f"selisih -{total % 100}" in counted_line or total % 100 == 0
            screen.query_one("#reason", Input).value = "koin Rp50 tidak ada"
            screen.query_one("#bendahara", Input).value = "bendahara"
            screen.query_one("#bendahara-pin", Input).value = "2222"
            await pilot.press("ctrl+s")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, OpenShiftScreen)
            [job] = printer.wait_for_jobs(1, timeout=5)
    with db.read() as session:
        shift = session.exec(select(Shift).where(Shift.till == "K1")).one()
    assert shift.status == "closed" and shift.confirmed_by == "bendahara"
    assert shift.counted_cash == OPENING_CASH + total - total % 100
    lines = decode(payload_of(job)).lines
    assert any("TUTUP KASIR" in line for line in lines)
    assert any(line.startswith("Selisih") and line.endswith(str(-(total % 100))) for line in lines)


async def test_f10_refuses_with_a_cart_in_progress(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"MYK-1L", "enter", "f10")
        await pilot.pause()
        assert isinstance(app.screen, KasirScreen)
        assert "keranjang" in str(app.screen.query_one("#status", Label).render())
