"""Issue 15: every expected-cash formula shows all its terms, and the terms shown add up to the
result shown (close dialog, the bendahara's Shift tab), all from CashPosition.terms()."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from member_money import save
from pypdf import PdfReader
from shop_day import DAY, at, close, fill, give_back, pieces, sell, void
from textual.widgets import DataTable, Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import translator
from gerai.core.money import format_rupiah
from gerai.core.words import CashDirection
from gerai.db import Database
from gerai.exports.daily_pdf import SHIFT_ROWS, _shift_cells, daily_pdf
from gerai.services.cash.shifts import (
    CashPosition,
    cash_position,
    close_shift,
    current_shift,
    move_cash,
    open_shift,
    shift_report,
)
from gerai.services.reports.daily import daily_summary
from gerai.services.shop.auth import Approval
from gerai.services.shop.profile import ShopProfile, load_shop
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.cash.shift import CloseShiftScreen, cash_formula
from receipts.z_report import layout_shift_report
from tests.conftest import CASHIER, NOW, TREASURER
from tests.test_bendahara_screen import open_report

MEMBER = "KKMP-0003"
ID = translator("id")
AMOUNT = st.integers(min_value=0, max_value=10**9)


def number(text: str) -> int:
    return int(text.replace("Rp", "").replace(".", ""))


def formula_adds_up(text: str) -> tuple[int, int, list[str]]:
    """The formula's terms (signed) summed, the result shown, and the terms' labels."""
    left, right = text.replace("\n", " ").split("=")
    pieces = re.split(r" ([+−]) ", left.strip())
    signs, terms = ["+", *pieces[1::2]], pieces[0::2]
    total, labels = 0, []
    for sign, term in zip(signs, terms, strict=True):
        label, amount = term.rsplit(" ", 1)
        total += (-1 if sign == "−" else 1) * number(amount)
        labels.append(label)
    [result] = re.findall(r"-?Rp[\d.]+", right)
    return total, number(result), labels


@given(AMOUNT, AMOUNT, AMOUNT, AMOUNT, AMOUNT, AMOUNT, AMOUNT, st.integers(-99, 99))
def test_the_terms_sum_to_expected_and_the_formula_text_adds_up(
    opening: int, sales: int, cash_in: int, out: int, refunds: int, m_in: int, m_out: int,
    rounding: int,
) -> None:  # fmt: skip
    position = CashPosition(opening, sales, cash_in, out, refunds, m_in, m_out, rounding)
    assert position.expected == (
        opening + sales + cash_in - out - refunds + m_in - m_out + rounding
    )
    total, shown, labels = formula_adds_up(cash_formula(position))
    assert total == shown == position.expected
    assert len(labels) == 7 + (rounding != 0)


async def test_the_close_dialog_shows_members_cash_and_adds_up(db: Database) -> None:
    save(db, MEMBER, "pokok", at(8))
    sold = sell(db, "K1", fill(db, [("AQA-600", Decimal(1))]), at(9))
    app = GeraiApp(Settings(db_url=db.url), db, clock=lambda: NOW, actor=CASHIER)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, CloseShiftScreen)
        text = str(app.screen.query_one("#position", Label).render()).replace("\n", " ")
    total, shown, labels = formula_adds_up(text)
    assert total == shown == 500_000 + 50_000 + sold.total  # the fixture's opening cash
    assert "setoran anggota" in labels and "Rp50.000" in text
    assert f"tunai {'Rp' + f'{sold.total:,}'.replace(',', '.')}" in text


async def test_the_shift_tab_columns_add_up_to_the_expected_cash(db: Database) -> None:
    save(db, MEMBER, "pokok", at(8))
    sell(db, "K1", fill(db, [("AQA-600", Decimal(1))]), at(9))
    app = GeraiApp(Settings(db_url=db.url), db, clock=lambda: NOW, actor=TREASURER)
    async with app.run_test(size=(160, 42)) as pilot:
        screen = await open_report(app, pilot)
        shifts = screen.query_one("#shifts-table", DataTable)
        headers = [str(c.label) for c in shifts.columns.values()]
        rows = [[str(cell) for cell in shifts.get_row_at(i)] for i in range(shifts.row_count)]
    first, expected = headers.index("Modal"), headers.index("Seharusnya")
    assert "Anggota" in headers[first:expected]
    k1 = next(row for row in rows if row[0] == "K1")
    terms = [number(cell) if cell.strip() else 0 for cell in k1[first:expected]]
    assert 50_000 in terms
    assert sum(terms) == number(k1[expected])


def a_day_with_every_term(db: Database, over: int = 0, setoran: int | None = None) -> int:
    """K1: member cash in and out, a cash sale, cash in and out; closed with `over` more than
    expected in the drawer, the bendahara taking `setoran` when given."""
    save(db, MEMBER, "pokok", at(8))
    save(db, MEMBER, "sukarela", at(8, 1), amount=60_000)
    save(db, MEMBER, "sukarela_out", at(8, 2), amount=20_000)
    sell(db, "K1", fill(db, [("AQA-600", Decimal(2))]), at(9))
    with db.write() as session:
        shift = current_shift(session, "K1")
        assert shift is not None and shift.id is not None
        move_cash(session, "K1", CashDirection.IN, 25_000, "kembalian", TREASURER, at(9, 5))
        move_cash(session, "K1", CashDirection.OUT, 7_000, "kantong", TREASURER, at(9, 6))
        expected = cash_position(session, shift).expected
        shift_id = shift.id
    close(db, shift_id, expected + over, "lebih" if over else "", at(21), setoran)
    return shift_id


def test_the_z_report_lines_add_up(db: Database) -> None:
    shift_id = a_day_with_every_term(db)
    with db.read() as session:
        z = shift_report(session, shift_id, load_shop(session))
    lines = [line.text for line in layout_shift_report(z, 32, ID)]
    start = next(i for i, line in enumerate(lines) if line.startswith("Modal awal"))
    end = next(i for i, line in enumerate(lines) if line.startswith("Seharusnya"))
    amounts = [int(line.split()[-1].replace(".", "")) for line in lines[start:end]]
    assert len(amounts) >= 6 and -20_000 in amounts and 110_000 in amounts
    assert sum(amounts) == int(lines[end].split()[-1].replace(".", "")) == z.expected


def test_the_pdf_shift_figures_add_up_by_the_formulas_signs(db: Database) -> None:
    a_day_with_every_term(db)
    with db.read() as session:
        shop = load_shop(session)
        summary = daily_summary(session, DAY, shop)
    k1 = next(s for s in summary.shifts if s.till == "K1")
    cells = _shift_cells(k1, shop)
    rows = dict(zip(SHIFT_ROWS, cells, strict=True))
    signs = [sign for _, sign, _ in CashPosition(0, 0, 0, 0, 0, rounding=1).terms()]
    figures = SHIFT_ROWS[
        SHIFT_ROWS.index("report.opening_cash") : SHIFT_ROWS.index("report.expected_cash")
    ]
    assert len(figures) == len(signs)
    total = sum(sign * number(rows[key]) for sign, key in zip(signs, figures, strict=True))
    assert total == number(rows["report.expected_cash"]) == k1.expected_cash
    assert number(rows["report.member_cash_out"]) == 20_000


def test_the_daily_shift_sections_show_the_setoran_and_what_stayed(db: Database) -> None:
    """JSON and PDF: expected = its terms, counted − setoran = what stayed, and the next shift
    opens with what stayed; a close without a setoran shows none."""
    shift_id = a_day_with_every_term(db, over=3_000, setoran=150_000)
    with db.write() as session:
        k2 = current_shift(session, "K2")
        assert k2 is not None and k2.id is not None
        counted = cash_position(session, k2).expected
        close_shift(session, k2.id, pieces(counted), "", TREASURER, at(20))  # no setoran
    with db.read() as session:
        summary = daily_summary(session, DAY, load_shop(session))
    shifts = {s["till"]: s for s in summary.as_dict()["shifts"]}
    k1 = shifts["K1"]
    assert k1["id"] == shift_id
    signs = [sign for _, sign, _ in CashPosition(0, 0, 0, 0, 0, rounding=1).terms()]
    fields = ["opening_cash", "cash_sales", "cash_in", "cash_out", "refunds", "member_cash_in",
              "member_cash_out", "rounding"]  # fmt: skip
    assert sum(sign * k1[f] for sign, f in zip(signs, fields, strict=True)) == k1["expected_cash"]
    assert k1["counted_cash"] == k1["expected_cash"] + 3_000 and k1["variance"] == 3_000
    assert k1["setoran"] == 150_000
    assert k1["counted_cash"] - k1["setoran"] == k1["stayed"] > 0
    assert shifts["K2"]["setoran"] is None and shifts["K2"]["stayed"] is None
    # the next shift of K1 opens with what stayed, nothing else
    with db.write() as session, pytest.raises(GeraiError):
        open_shift(session, "K1", CASHIER, k1["stayed"] + 1, at(22), load_shop(session))
    with db.write() as session:
        open_shift(session, "K1", CASHIER, k1["stayed"], at(22), load_shop(session))
    shop = load_shop_of(db)
    rows = dict(zip(SHIFT_ROWS, _shift_cells(summary.shifts[0], shop), strict=True))
    assert number(rows["report.counted_cash"]) - number(rows["zreport.setoran"]) == k1["stayed"]
    assert number(rows["zreport.stays"]) == k1["stayed"]
    unrecorded = dict(zip(SHIFT_ROWS, _shift_cells(summary.shifts[1], shop), strict=True))
    assert unrecorded["zreport.setoran"] == unrecorded["zreport.stays"] == "–"
    pages = PdfReader(io.BytesIO(daily_pdf(summary, shop, at(23)))).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Setoran ke bendahara Rp150.000 –" in text
    assert f"Tinggal di laci {format_rupiah(k1['stayed'])} –" in text


def load_shop_of(db: Database) -> ShopProfile:
    with db.read() as session:
        return load_shop(session)


def test_the_z_report_counts_the_voids_and_returs_with_their_amounts(db: Database) -> None:
    voided = sell(db, "K1", fill(db, [("AQA-600", Decimal(3))]), at(9))
    void(db, voided.receipt_no, at(9, 5))
    kept = sell(db, "K1", fill(db, [("AQA-600", Decimal(2))]), at(9, 10))
    returned = give_back(db, "K1", kept.receipt_no, [(1, Decimal(1), False)], at(9, 20))
    shift_id = a_day_with_every_term(db)
    with db.read() as session:
        z = shift_report(session, shift_id, load_shop(session))
    counts = (z.void_count, z.void_total, z.return_count, z.return_total)
    assert counts == (1, voided.total, 1, returned.refund_total)
    text = "\n".join(line.text for line in layout_shift_report(z, 32, ID))
    assert "Batal (1 nota)" in text and "Retur (1)" in text
    assert f"{voided.total:,}".replace(",", ".") in text


def test_the_z_report_names_who_sold_who_closed_and_who_confirmed(db: Database) -> None:
    from gerai.core.words import Role
    from gerai.services.shop.users import add_user
    from tests.conftest import OWNER

    with db.write() as session:
        add_user(session, OWNER, "siti", "Siti Aminah", Role.KASIR, "4321", "4321", now=NOW)
        add_user(session, OWNER, "rahma", "Rahma Sari", Role.BENDAHARA, "8765", "8765", now=NOW)
    sell(db, "K1", fill(db, [("AQA-600", Decimal(1))]), at(9), cashier="siti")
    sell(db, "K1", fill(db, [("AQA-600", Decimal(1))]), at(9, 30))  # the demo kasir
    with db.write() as session:
        shift = current_shift(session, "K1")
        assert shift is not None and shift.id is not None
        shift_id, expected = shift.id, cash_position(session, shift).expected
        close_shift(
            session, shift_id, pieces(expected), "", CASHIER, at(21),
            approval=Approval("rahma", "8765"),
        )  # fmt: skip
    with db.read() as session:
        z = shift_report(session, shift_id, load_shop(session))
    assert (z.kasir, z.closed_by, z.bendahara) == ("Siti Aminah, kasir", "kasir", "Rahma Sari")
    text = " ".join(line.text for line in layout_shift_report(z, 32, ID))
    assert "Siti Aminah, kasir" in " ".join(text.split()) and "Rahma Sari" in text
    assert "Dihitung dan ditutup: kasir" in " ".join(text.split())
