"""The month's and the year's report (issue 15): each figure is the sum of the daily reports
(and of the sales themselves), a year's months add up to the year, write-offs, savings and the
kasbon owed at the period's end; `gerai report monthly|yearly` in every format; refusals."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from member_money import pay_back, save
from openpyxl import load_workbook
from pypdf import PdfReader
from shop_day import at, fill, give_back, open_till, sell, void
from xlsx_tables import banner_and_table

from gerai.cli import main
from gerai.core.errors import GeraiError
from gerai.core.money import format_rupiah
from gerai.db import Database
from gerai.services.cash.kas import CATEGORIES, expenses_by_day
from gerai.services.reports.daily import daily_summary
from gerai.services.reports.period import (
    FIGURES,
    Figures,
    PeriodReport,
    month_period,
    period_report,
    year_period,
)
from gerai.services.sale.checkout import Tender
from gerai.services.shop.profile import load_shop
from gerai.services.stock.count import write_off
from tests.conftest import TREASURER, copy_database, raw

TODAY = date(2025, 12, 31)


def report(db: Database, text: str, yearly: bool = False) -> PeriodReport:
    with db.read() as session:
        shop = load_shop(session)
        period = (year_period if yearly else month_period)(text, TODAY)
        return period_report(session, period, shop, TODAY)


SALES = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=45),  # days after 1 November
        st.sampled_from(["MYK-1L", "GLA-KG", "AQA-600"]),
        st.integers(min_value=1, max_value=3),
        st.booleans(),  # a member's
        st.sampled_from(["keep", "keep", "void", "return"]),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(sales=SALES)
def test_the_month_is_the_sum_of_its_days_and_of_its_sales(
    catalogue_file: Path, tmp_path_factory: pytest.TempPathFactory, sales: list[tuple]
) -> None:
    folder = tmp_path_factory.mktemp("period")
    copy_database(catalogue_file, folder / "gerai.db")
    db = Database(f"sqlite:///{folder / 'gerai.db'}")
    try:
        open_till(db, "K1", 100_000, at(7, day=date(2025, 11, 1)))  # one long shift is enough
        for offset, code, qty, member, fate in sales:
            day = date(2025, 11, 1) + timedelta(days=offset)
            done = sell(db, "K1", fill(db, [(code, Decimal(qty))], member=member), at(10, day=day))
            if fate == "void":
                void(db, done.receipt_no, at(11, day=day))
            elif fate == "return":
                give_back(db, "K1", done.receipt_no, [(1, Decimal(1), False)], at(12, day=day))
        month = report(db, "2025-11")
        with db.read() as session:
            shop = load_shop(session)
            days = [daily_summary(session, date(2025, 11, n), shop) for n in range(1, 31)]
        assert len(month.rows) == 30
        # each row has its day's report's figures, a day with no sale or retur's (zeros) too
        assert [[getattr(r, f) for f in FIGURES] for r in month.rows] == [
            [getattr(Figures.of_day(d, {}), f) for f in FIGURES] for d in days
        ]
        assert month.totals.net == sum(d.net for d in days) == sum(r.net for r in month.rows)
        assert month.totals.cost == sum(d.cost for d in days)
        assert month.totals.returns == sum(d.returns_total for d in days)
        assert month.totals.member_sales + month.totals.non_member_sales == month.totals.net
        [(sold,)] = raw(
            db,
            "SELECT coalesce(sum(total), 0) FROM sale WHERE status = 'completed'"
            " AND business_date BETWEEN '2025-11-01' AND '2025-11-30'",
        )
        assert month.totals.net == sold
        year = report(db, "2025", yearly=True)
        november = next(row for row in year.rows if row.label == "2025-11")
        assert [getattr(november, f) for f in FIGURES] == [
            getattr(month.totals, f) for f in FIGURES
        ]
        for name in FIGURES:
            assert getattr(year.totals, name) == sum(getattr(r, name) for r in year.rows)
    finally:
        db.dispose()


def test_losses_savings_and_kasbon_at_the_period_end(db: Database) -> None:
    with db.write() as session:
        write_off(session, "MYK-1L", 2, "bocor", actor=TREASURER, at=at(9), shop=load_shop(session))
    sell(db, "K1", fill(db, [("GLA-1KG", Decimal(1))], member=True), at(10), [Tender("kasbon")])
    pay_back(db, "KKMP-0001", 5_000, at(11))
    pay_back(db, "KKMP-0001", 2_000, at(11, day=date(2025, 12, 2)))  # after November
    save(db, "KKMP-0002", "pokok", at(12))
    save(db, "KKMP-0003", "sukarela", at(12, day=date(2025, 12, 1)), amount=10_000)  # December
    november = report(db, "2025-11")
    [(cost,)] = raw(db, "SELECT cost FROM product WHERE code = 'MYK-1L'")
    assert november.write_offs == 2 * cost
    assert november.savings == {"pokok": 50_000, "wajib": 0, "sukarela": 0, "sukarela_out": 0}
    assert november.kasbon_outstanding == 17_300 - 5_000
    assert november.unit_result == november.totals.margin - 2 * cost
    assert report(db, "2025-12").kasbon_outstanding == 17_300 - 7_000


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["monthly", "--month", "2025-13"], 'Bulan "2025-13" tidak sah'),
        (["monthly", "--month", "2025"], 'Bulan "2025" tidak sah'),
        (["monthly", "--month", "2999-01"], "2999-01 belum dimulai"),
        (["yearly", "--year", "25"], 'Tahun "25" tidak sah'),
        (["yearly", "--year", "2999"], "2999 belum dimulai"),
    ],
)
def test_a_bad_period_is_one_line(db: Database, args: list[str], said: str) -> None:
    result = CliRunner().invoke(main, ["--db", db.url, "report", *args])
    assert result.exit_code == 1 and said in result.output and "Traceback" not in result.output
    with pytest.raises(GeraiError):
        month_period("2025-1-1", TODAY)


def test_the_reports_in_every_format(db: Database, tmp_path: Path) -> None:
    sell(db, "K1", fill(db, [("MYK-1L", Decimal(2))], member=True), at(10))
    runner = CliRunner()

    def gerai(*args: str) -> str:
        result = runner.invoke(main, ["--db", db.url, "report", *args])
        assert result.exit_code == 0, result.output
        return result.output

    data = json.loads(gerai("monthly", "--month", "2025-11", "--format", "json"))
    assert data["totals"]["net"] == 31_000 == sum(row["net"] for row in data["rows"])
    assert data["totals"]["member_sales"] == 31_000 and data["period"] == "2025-11"
    lines = gerai("yearly", "--year", "2025", "--format", "csv").splitlines()
    assert lines[0] == ",".join(
        ["label", *FIGURES, *CATEGORIES, "expenses_total", "supplier_payments"]
    )
    assert len(lines) == 1 + 12 + 1  # a row a month, the total
    xlsx = tmp_path / "tahun.xlsx"
    gerai("yearly", "--year", "2025", "--output", str(xlsx))
    book = load_workbook(xlsx)
    assert book.sheetnames == ["Ringkasan", "Bulanan"]
    banner, header, values = banner_and_table(book["Bulanan"])
    assert banner[1].endswith(" · 2025")
    assert header[:2] == ["Periode", "Jumlah transaksi"] and "Laba kotor" in header
    assert values[-1][0] == "Jumlah" and values[-1][FIGURES.index("net") + 1] == 31_000
    assert values[10][0] == "November 2025"
    summary = dict(banner_and_table(book["Ringkasan"])[2])
    assert (
        summary["Penjualan bersih"] == 31_000 and summary["Laba kotor"] == data["totals"]["margin"]
    )
    pdf = tmp_path / "bulan.pdf"
    gerai("monthly", "--month", "2025-11", "--output", str(pdf))
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "LAPORAN BULANAN" in text and "Rp31.000" in text and "30-11-2025" in text


# --- issue 15: the gerai's expenses ------------------------------------------------------------


def sell_and_take_setoran(db: Database, setoran: int) -> None:
    """A sale on K1, then its shift closed with `setoran` taken into the kas bendahara."""
    from gerai.services.cash.shifts import close_shift, current_shift
    from tests.shop_day import pieces

    sell(db, "K1", fill(db, [("GLA-1KG", Decimal(2))]), at(10))
    with db.write() as session:
        shift = current_shift(session, "K1")
        assert shift is not None and shift.id is not None
        counted = 500_000 + int(raw(db, "SELECT sum(total) FROM sale")[0][0])
        close_shift(session, shift.id, pieces(counted), "", TREASURER, at(21), setoran=setoran)


def test_expenses_by_category_lower_the_units_result_and_add_up_by_day(db: Database) -> None:
    from gerai.services.cash.kas import expenses_by_category, record_expense

    sell_and_take_setoran(db, 300_000)
    spent = [
        ("listrik", 75_000, at(21, 10)),
        ("gaji", 150_000, at(9, day=date(2025, 11, 2))),
        ("listrik", 5_000, at(9, day=date(2025, 11, 3))),
        ("sewa", 10_000, at(9, day=date(2025, 12, 1))),  # December
    ]
    for category, amount, when in spent:
        with db.write() as session:
            record_expense(session, amount, category, "nota", TREASURER, when, load_shop(session))
    november = report(db, "2025-11")
    assert november.expenses == {
        "listrik": 80_000, "gaji": 150_000, "transport": 0, "sewa": 0, "lain_lain": 0
    }  # fmt: skip
    assert november.expenses_total == 230_000
    assert november.unit_result == november.totals.margin - 230_000
    with db.read() as session:
        days = [
            expenses_by_category(session, date(2025, 11, n), date(2025, 11, n))
            for n in range(1, 31)
        ]
    assert {k: sum(d[k] for d in days) for k in november.expenses} == november.expenses
    year = report(db, "2025", yearly=True)
    assert year.expenses_total == 240_000
    result = CliRunner().invoke(
        main, ["--db", db.url, "report", "monthly", "--month", "2025-11", "--format", "json",
               "--output", "-"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["expenses"]["gaji"] == 150_000 and data["unit_result"] == november.unit_result
    pdf = CliRunner().invoke(
        main, ["--db", db.url, "report", "monthly", "--month", "2025-11", "--output", "-"]
    )
    assert pdf.exit_code == 0
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.stdout_bytes)).pages)
    assert "Pengeluaran: Gaji" in text and "Rp150.000" in text and "Jumlah pengeluaran" in text
    workbook = CliRunner().invoke(
        main, ["--db", db.url, "report", "monthly", "--month", "2025-11", "--format", "xlsx",
               "--output", "-"],
    )  # fmt: skip
    assert workbook.exit_code == 0
    book = load_workbook(io.BytesIO(workbook.stdout_bytes))
    pairs = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True) if row[1:]}
    assert pairs["Jumlah pengeluaran"] == 230_000 and pairs["Pengeluaran: gaji"] == 150_000
    _, header, days_sheet = banner_and_table(book["Harian"])
    assert dict(zip(header, days_sheet[-1], strict=True))["Jumlah pengeluaran"] == 230_000


@pytest.mark.parametrize("yearly", [False, True])
def test_every_format_carries_the_same_expenses(db: Database, yearly: bool) -> None:
    """JSON, CSV (machines and people), XLSX and PDF: the period's expenses by category and
    their total, and in the tables each day's (or month's), adding up to the period's."""
    from gerai.services.cash.kas import record_expense

    spent = [
        ("listrik", 75_000, at(21, 10)),
        ("gaji", 150_000, at(9, day=date(2025, 11, 2))),
        ("listrik", 5_000, at(9, day=date(2025, 11, 3))),
        ("transport", 12_500, at(9, day=date(2025, 12, 1))),
    ]
    sell_and_take_setoran(db, 300_000)
    for category, amount, when in spent:
        with db.write() as session:
            record_expense(session, amount, category, "nota", TREASURER, when, load_shop(session))
    args = ["yearly", "--year", "2025"] if yearly else ["monthly", "--month", "2025-11"]
    period = report(db, args[2], yearly)
    expected = {"listrik": 80_000, "gaji": 150_000, "transport": 0, "sewa": 0, "lain_lain": 0}
    if yearly:
        expected["transport"] = 12_500
    assert period.expenses == expected and period.expenses_total == sum(expected.values())
    with db.read() as session:
        by_day = expenses_by_day(session, date(2025, 1, 1), TODAY)
    for row in period.rows:  # each row's are its days'
        days = [v for d, v in by_day.items() if d.isoformat().startswith(row.label)]
        assert row.expenses == {c: sum(d[c] for d in days) for c in CATEGORIES}, row.label

    def run(*extra: str, lang: tuple[str, ...] = ()) -> bytes:
        result = CliRunner().invoke(
            main, ["--db", db.url, *lang, "report", *args, *extra, "--output", "-"]
        )
        assert result.exit_code == 0, result.output
        return result.stdout_bytes

    data = json.loads(run("--format", "json"))
    assert data["expenses"] == expected and data["expenses_total"] == period.expenses_total
    assert data["totals"]["expenses"] == expected
    assert [r["expenses"] for r in data["rows"]] == [r.expenses for r in period.rows]
    table = list(csv.DictReader(io.StringIO(run("--format", "csv").decode())))
    assert len(table) == len(period.rows) + 1
    for line, row in zip(table, (*period.rows, period.totals), strict=True):
        assert {c: int(line[c]) for c in CATEGORIES} == row.expenses
        assert int(line["expenses_total"]) == row.expenses_total
    assert {c: sum(int(line[c]) for line in table[:-1]) for c in CATEGORIES} == expected
    people = list(
        csv.DictReader(io.StringIO(run("--format", "csv", lang=("--lang", "id")).decode()))
    )
    assert people[-1]["Pengeluaran: listrik"] == "80000"
    assert people[-1]["Jumlah pengeluaran"] == str(period.expenses_total)
    book = load_workbook(io.BytesIO(run("--format", "xlsx")))
    summary = dict(banner_and_table(book.worksheets[0])[2])
    _, header, rows = banner_and_table(book.worksheets[1])
    total = dict(zip(header, rows[-1], strict=True))
    for category, heading in (("listrik", "listrik"), ("gaji", "gaji"), ("transport", "transport")):
        assert (
            summary[f"Pengeluaran: {heading}"]
            == expected[category]
            == total[f"Pengeluaran: {heading}"]
        )
    assert summary["Jumlah pengeluaran"] == total["Jumlah pengeluaran"] == period.expenses_total
    pages = PdfReader(io.BytesIO(run())).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    for label, amount in (("Pengeluaran: Listrik", 80_000), ("Pengeluaran: Gaji", 150_000),
                          ("Jumlah pengeluaran", period.expenses_total)):  # fmt: skip
        assert f"{label} {format_rupiah(amount)}" in text
