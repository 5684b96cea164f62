"""Issue 14: a retur's cash refund is rounded as a cash sale is (the shop's `cash_rounding`).
The money paid out is `refund_total`; the retur's lines keep what the goods were worth; the
difference is the retur's own rounding (its audit record, its slip, `returns_rounding` in the
daily summary). A property over random sales and returs holds every total exact: the
rounding is what rounding the lines' worth gives, the drawer drops by exactly the cash paid
out, and the daily summary adds up."""

from __future__ import annotations

import json
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import CASHIER, NOW, TREASURER, copy_database
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shop_day import DAY, at, fill, give_back, open_till, pieces, sell
from sqlmodel import col, select
from textual.widgets import Label

from gerai.core.i18n import translator
from gerai.core.money import format_rupiah, round_cash
from gerai.db import Database
from gerai.exports.cashbook import cashbook_entries
from gerai.models import AuditRecord, SaleReturn, SaleReturnLine
from gerai.services.cash.shifts import cash_position, close_shift, current_shift, shift_report
from gerai.services.reports.cashbook import cashbook_day
from gerai.services.reports.daily import daily_summary
from gerai.services.sale.checkout import Tender
from gerai.services.sale.corrections import check_corrections
from gerai.services.sale.returns import build_return_slip, refund_rounding, sale_state
from gerai.services.shop.profile import load_shop, store_shop_settings
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.approval import ApprovalScreen
from gerai.tui.screens.sale.void_retur import CorrectionsScreen, RefundDialog
from receipts.return_slip import return_slip_text
from receipts.z_report import layout_shift_report

RICE, OIL = "BRS-MED-KG", "MYK-1L"


def set_rounding(db: Database, unit: int) -> None:
    with db.write() as session:
        store_shop_settings(session, cash_rounding=unit)


def worth_of(db: Database, number: str) -> int:
    with db.read() as session:
        retur = session.exec(select(SaleReturn).where(SaleReturn.number == number)).one()
        amounts = session.exec(
            select(SaleReturnLine.amount).where(SaleReturnLine.return_id == retur.id)
        ).all()
    return sum(amounts)


def test_a_cash_refund_is_rounded_and_the_rounding_is_its_own_amount(db: Database) -> None:
    set_rounding(db, 500)
    sale = sell(db, "K1", fill(db, [(RICE, Decimal("2.5")), (OIL, Decimal(2))]), at(15))
    back = give_back(db, "K1", sale.receipt_no, [(1, Decimal("1.25"), False)], at(16))
    worth = worth_of(db, back.number)
    assert worth % 500 and back.refund_total % 500 == 0  # the goods' worth needs rounding
    assert back.rounding == round_cash(worth, 500) - worth == back.refund_total - worth
    with db.read() as session:
        [record] = session.exec(
            select(AuditRecord).where(AuditRecord.kind == "retur", AuditRecord.ref == back.number)
        ).all()
        slip = build_return_slip(session, back.number, load_shop(session))
        summary = daily_summary(session, DAY, load_shop(session))
        assert check_corrections(session) is None
    detail = json.loads(record.detail)
    assert (detail["refund_total"], detail["rounding"]) == (back.refund_total, back.rounding)
    text = return_slip_text(slip, 42, translator("id"))
    sign = "+" if back.rounding > 0 else "-"
    assert any(
        line.startswith("Pembulatan") and line.endswith(f"{sign}{abs(back.rounding)}")
        for line in text.splitlines()
    )
    assert summary.returns_total == back.refund_total
    assert summary.returns_rounding == back.rounding


def test_a_refund_that_is_not_cash_is_never_rounded(db: Database) -> None:
    set_rounding(db, 500)
    sale = sell(db, "K1", fill(db, [(RICE, Decimal("2.5"))]), at(15), [Tender("qris")])
    back = give_back(db, "K1", sale.receipt_no, [(1, Decimal("1.25"), False)], at(16), "qris")
    assert back.rounding == 0 and back.refund_total == worth_of(db, back.number)
    assert refund_rounding(16_875, "qris", 500) == 0
    assert refund_rounding(16_875, "tunai", 100) == 25
    assert refund_rounding(16_850, "tunai", 100) == -50  # half way: the buyer's favour
    assert refund_rounding(16_875, "tunai", 0) == 0


def test_an_edited_rounding_is_found_by_the_corrections_check(db: Database) -> None:
    set_rounding(db, 100)
    sale = sell(db, "K1", fill(db, [(RICE, Decimal("2.5"))]), at(15))
    back = give_back(db, "K1", sale.receipt_no, [(1, Decimal("1.25"), False)], at(16))
    assert back.rounding
    with db.write() as session:
        retur = session.exec(select(SaleReturn).where(SaleReturn.number == back.number)).one()
        retur.refund_total += 100  # more cash out than the audit record says
        session.add(retur)
    with db.read() as session:
        problem = check_corrections(session)
    assert problem is not None and problem.key == "corrections.return_changed"


# --- the property ------------------------------------------------------------------------

ITEMS = ["BRS-MED-KG", "TLR-KG", "CBR-KG", "MYK-1L", "IDM-GRG", "AQA-600"]
PLAN = st.fixed_dictionaries(
    {
        "unit": st.sampled_from([0, 100, 500]),
        "items": st.lists(
            st.tuples(st.sampled_from(ITEMS), st.integers(min_value=1, max_value=4000)),
            min_size=1,
            max_size=4,
            unique_by=lambda item: item[0],
        ),
        "method": st.sampled_from(["tunai", "qris"]),
        "returns": st.lists(
            st.tuples(
                st.integers(min_value=0, max_value=5),  # which line (modulo the open ones)
                st.integers(min_value=1, max_value=1000),  # per mille of what is left
                st.booleans(),  # refunded in cash (else the sale's own method)
            ),
            min_size=1,
            max_size=6,
        ),
    }
)


def play(db: Database, plan: dict[str, Any]) -> None:
    unit = plan["unit"]
    set_rounding(db, unit)
    open_till(db, "K1", 2_000_000, at(7))
    items = [
        (code, Decimal(units) / 1000 if code.endswith("-KG") else Decimal(units % 5 + 1))
        for code, units in plan["items"]
    ]
    sale = sell(db, "K1", fill(db, items), at(9), [Tender(plan["method"])])
    made = []
    for minute, (index, per_mille, cash) in enumerate(plan["returns"]):
        with db.read() as session:
            state = sale_state(session, sale.receipt_no)
        open_lines = [line for line in state.lines if line.returnable > 0]
        if not open_lines:
            break
        line = open_lines[index % len(open_lines)]
        qty = line.returnable * per_mille / 1000
        qty = max(qty.quantize(Decimal("0.001")), Decimal("0.001"))
        if not line.sold_by_weight:
            qty = max(Decimal(int(qty)), Decimal(1))
        method = "tunai" if cash else plan["method"]
        made.append(give_back(db, "K1", sale.receipt_no, [(line.line_no, qty, False)],
                              at(10, minute), method))  # fmt: skip
    cash_out = 0
    for back in made:
        worth = worth_of(db, back.number)
        assert back.refund_total == worth + back.rounding
        if back.refund_method == "tunai":
            assert back.rounding == round_cash(worth, unit) - worth
            assert abs(back.rounding) * 2 <= unit and back.refund_total % max(unit, 1) == 0
            cash_out += back.refund_total
        else:
            assert back.rounding == 0
    with db.read() as session:
        state = sale_state(session, sale.receipt_no)
        for line in state.lines:  # the lines' refunds never pass what was paid for them
            assert 0 <= line.refunded <= line.paid
        assert state.refunded == sum(b.refund_total for b in made)
        shift = current_shift(session, "K1")
        assert shift is not None
        position = cash_position(session, shift)
        assert position.refunds == cash_out
        cash_in = sale.total if plan["method"] == "tunai" else 0
        assert position.expected == 2_000_000 + cash_in - cash_out
        summary = daily_summary(session, DAY, load_shop(session))
        assert summary.returns_total == sum(b.refund_total for b in made)
        assert summary.returns_rounding == sum(b.rounding for b in made)
        assert summary.net_after_returns == summary.net - summary.returns_total
        assert summary.net == sale.total
        assert check_corrections(session) is None
        numbers = [b.number for b in made]
        stored = session.exec(
            select(SaleReturn.refund_total).where(col(SaleReturn.number).in_(numbers))
        ).all()
        assert sorted(stored) == sorted(b.refund_total for b in made)


@given(plan=PLAN)
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_returs_with_cash_rounding_keep_every_total_exact(
    catalogue_file: Path, plan: dict[str, Any]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gerai.db"
        copy_database(catalogue_file, path)
        db = Database(f"sqlite:///{path}")
        try:
            play(db, plan)
        finally:
            db.dispose()


# --- at the counter ---------------------------------------------------------------------------


@pytest.mark.sqlite_only("screens only")
async def test_the_refund_dialog_and_the_message_show_the_rounded_cash(db: Database) -> None:
    set_rounding(db, 500)
    sale = sell(db, "K1", fill(db, [(RICE, Decimal("2.5"))]), at(14))
    app = GeraiApp(Settings(db_url=db.url), db, clock=lambda: NOW, actor=CASHIER)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, CorrectionsScreen)
        screen = app.screen
        await pilot.press(*sale.receipt_no, "enter")
        await pilot.pause()
        await pilot.press("enter")  # line 1: how much comes back
        await pilot.pause()
        await pilot.press("ctrl+u", *"1,25", "enter")
        await pilot.pause()
        assert screen.plan is not None
        worth = screen.plan.total
        rounded = round_cash(worth, 500)
        assert rounded != worth
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, RefundDialog)
        shown = str(app.screen.query_one("#refund-rounded", Label).render())
        assert f"Tunai dibulatkan: {format_rupiah(rounded)}" in shown
        await pilot.press(*"kemasan rusak", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ApprovalScreen)
        await pilot.press(*"bendahara", "enter")
        await pilot.pause()
        await pilot.press(*"2222", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        message = str(screen.query_one("#status", Label).render())
    assert format_rupiah(rounded) in message and "pembulatan" in message


def z_amounts(lines: list[str], labels: list[str]) -> dict[str, int]:
    """Each labelled line's amount on the Z report (thousands dots dropped)."""
    found = {}
    for line in lines:
        label, _, amount = line.rpartition(" ")
        if label.strip() in labels:
            found[label.strip()] = int(amount.replace(".", ""))
    return found


def test_the_z_report_and_the_buku_kas_show_the_retur_rounding_apart_and_add_up(
    db: Database,
) -> None:
    set_rounding(db, 500)
    sale = sell(db, "K1", fill(db, [(RICE, Decimal("2.5")), (OIL, Decimal(2))]), at(15))
    back = give_back(db, "K1", sale.receipt_no, [(1, Decimal("1.25"), False)], at(16))
    worth = worth_of(db, back.number)
    assert back.rounding and back.refund_total == worth + back.rounding
    with db.write() as session:
        shift = current_shift(session, "K1")
        assert shift is not None and shift.id is not None
        expected = cash_position(session, shift).expected
        close_shift(session, shift.id, pieces(expected), "", TREASURER, at(18), setoran=0)
    with db.read() as session:
        shop = load_shop(session)
        report = shift_report(session, shift.id, shop)
        book = cashbook_day(session, DAY, shop)
    assert report.returns_rounding == back.rounding and report.refunds == back.refund_total
    tr = translator("id")
    terms = ["opening", "cash_sales", "rounding", "cash_in", "cash_out", "refunds"]
    labels = [tr.t(f"zreport.{key}") for key in [*terms, "returns_rounding", "expected"]]
    lines = [line.text for line in layout_shift_report(report, 48, tr)]
    amounts = z_amounts(lines, labels)
    assert amounts[tr.t("zreport.refunds")] == -worth  # the goods' worth alone
    assert amounts[tr.t("zreport.returns_rounding")] == -back.rounding
    shown = sum(amount for label, amount in amounts.items() if label != tr.t("zreport.expected"))
    assert shown == amounts[tr.t("zreport.expected")] == expected  # every term, exactly
    entries = cashbook_entries(book, shop)
    mine = [e for e in entries if e.voucher == tr.t("cashbook.shift", id=shift.id)]
    [refunds] = [e for e in mine if e.description == tr.t("cashbook.refunds", till="K1")]
    [rounded] = [e for e in mine if e.description == tr.t("cashbook.returns_rounding", till="K1")]
    assert (refunds.debit, refunds.credit) == (None, worth)
    paid_more = back.rounding > 0
    assert (rounded.debit, rounded.credit) == (
        (None, back.rounding) if paid_more else (-back.rounding, None)
    )
    # the drawer's lines add up to what it holds at the end (the total line: every box)
    moved = sum((e.debit or 0) - (e.credit or 0) for e in mine)
    assert moved == expected  # the till's first shift: its opening cash came in as a debit
    total = entries[-1]
    assert total.no is None and total.balance == sum(e.balance for e in entries if e.closes_box)
