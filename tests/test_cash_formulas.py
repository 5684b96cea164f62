"""Issue 15: every expected-cash formula shows all its terms, and the terms shown add up to the
result shown (close dialog, the bendahara's Shift tab), all from CashPosition.terms()."""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from member_money import save
from shop_day import at, fill, sell
from textual.widgets import DataTable, Label

from gerai.db import Database
from gerai.services.cash.shifts import CashPosition
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.cash.shift import CloseShiftScreen, cash_formula
from tests.conftest import CASHIER, NOW, TREASURER
from tests.test_bendahara_screen import open_report

MEMBER = "KKMP-0003"
AMOUNT = st.integers(min_value=0, max_value=10**9)


def number(text: str) -> int:
    return int(text.replace("Rp", "").replace(".", ""))


def formula_adds_up(text: str) -> tuple[int, int, list[str]]:
    """The formula's terms (signed) summed, the result shown, and the terms' labels."""
    left, right = text.split("=")
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
