"""Issue 15, the exports part: the gross margin (laba kotor) net of returns, one word on screen
and paper; the month's kasbon by age and stock at cost at its start and end; workbooks for
people (numbers as numbers, Indonesian headings, a banner) through the one XLSX writer, and
CSV for people with `--lang` beside today's CSV for machines."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook
from pypdf import PdfReader
from shop_day import at, fill, give_back, open_till, sell
from stock_helpers import supplier
from xlsx_tables import banner_and_table, numeric, records

from gerai.cli import main
from gerai.core.i18n import set_language
from gerai.db import Database
from gerai.exports.daily_pdf import daily_pdf
from gerai.exports.period_pdf import period_pdf
from gerai.exports.period_tables import period_xlsx
from gerai.services.reports.daily import daily_summary
from gerai.services.reports.period import day_start, month_period, period_report
from gerai.services.sale.checkout import Tender
from gerai.services.shop.profile import load_shop
from gerai.services.stock.receiving import ReceiveLine, receive_goods
from gerai.services.stock.value import stock_value_at
from gerai.tabular import COUNT_FORMAT, DATE_FORMAT, RUPIAH_FORMAT
from tests.conftest import OWNER, raw

NOVEMBER = date(2025, 11, 1)
TODAY = date(2025, 12, 31)
PRINTED = datetime(2025, 12, 31, 1, 0, tzinfo=UTC)


def month(db: Database, text: str = "2025-11"):  # type: ignore[no-untyped-def]
    with db.read() as session:
        shop = load_shop(session)
        return period_report(session, month_period(text, TODAY), shop, TODAY), shop


def unit_cost(db: Database, code: str) -> int:
    [(cost,)] = raw(db, "SELECT cost FROM product WHERE code = :code", code=code)
    return int(cost)


# --- laba kotor net of returns --------------------------------------------------------------


def test_a_retur_takes_back_its_sales_and_its_hpp(catalogue_db: Database) -> None:
    db = catalogue_db
    open_till(db, "K1", 100_000, at(7, day=NOVEMBER))
    cost = unit_cost(db, "MYK-1L")
    sale = sell(db, "K1", fill(db, [("MYK-1L", Decimal(3))]), at(9, day=NOVEMBER))
    give_back(db, "K1", sale.receipt_no, [(1, Decimal(1), False)], at(10, day=NOVEMBER))
    with db.read() as session:
        shop = load_shop(session)
        day = daily_summary(session, NOVEMBER, shop)
    refund = day.returns_total
    assert refund == sale.total // 3 and day.cost == 3 * cost
    assert day.returns_cost == cost  # the HPP comes back with the goods
    assert day.margin == (sale.total - refund) - (3 * cost - cost) == 2 * (sale.total // 3 - cost)
    assert day.margin_percent == (Decimal(day.margin) * 100 / (sale.total - refund)).quantize(
        Decimal("0.1")
    )
    assert day.categories[0].margin == day.margin  # a category's: net of its returns too
    report, _ = month(db)
    assert report.totals.margin == day.margin and report.totals.returns_cost == cost
    assert report.unit_result == day.margin - report.write_offs
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(
        daily_pdf(day, shop, PRINTED))).pages)  # fmt: skip
    assert "Laba kotor" in text and "Margin kotor" not in text
    assert "Laba kotor = penjualan bersih setelah retur - HPP" in " ".join(text.split())


def test_a_damaged_retur_keeps_its_hpp_the_margin_bears_the_loss(catalogue_db: Database) -> None:
    db = catalogue_db
    open_till(db, "K1", 100_000, at(7, day=NOVEMBER))
    cost = unit_cost(db, "MYK-1L")
    sale = sell(db, "K1", fill(db, [("MYK-1L", Decimal(2))]), at(9, day=NOVEMBER))
    give_back(db, "K1", sale.receipt_no, [(1, Decimal(1), True)], at(10, day=NOVEMBER))
    report, _ = month(db)
    refund = sale.total // 2
    assert report.totals.returns_cost == 0 and report.write_offs == 0  # not back on the shelf
    assert report.totals.margin == (sale.total - refund) - 2 * cost  # lost once, in the HPP
    assert report.unit_result == report.totals.margin


# --- the month's balances: kasbon by age, stock at cost -------------------------------------


def test_kasbon_by_age_at_the_month_end(catalogue_db: Database) -> None:
    db = catalogue_db
    open_till(db, "K1", 100_000, at(7, day=date(2025, 7, 1)))
    ages = {"0_30": 5, "31_60": 45, "61_90": 75, "over_90": 120}  # days before 30 November
    owed = {}
    for bucket, days in ages.items():
        when = at(10, day=date(2025, 11, 30) - timedelta(days=days))
        done = sell(db, "K1", fill(db, [("AQA-600", Decimal(1))], member=True), when,
                    [Tender("kasbon")])  # fmt: skip
        owed[bucket] = done.total
    report, _ = month(db)
    assert dict(zip(("0_30", "31_60", "61_90", "over_90"), report.balances.aging,
                    strict=True)) == owed  # fmt: skip
    assert sum(report.balances.aging) == report.kasbon_outstanding
    data = report.as_dict()
    assert data["kasbon_aging"] == {f"aging_{k}": v for k, v in owed.items()}
    # a month earlier: the newest sale not made yet, the others younger
    october, _ = month(db, "2025-10")
    assert october.balances.aging == (owed["31_60"], owed["61_90"], owed["over_90"], 0)


def test_stock_at_cost_at_the_start_and_end_from_the_ledger(catalogue_db: Database) -> None:
    db = catalogue_db
    before = month(db, "2025-12")[0].balances  # the catalogue came in on 30 November
    rows = raw(db, "SELECT p.cost, coalesce(sum(m.qty), 0) FROM product p"
                   " LEFT JOIN stockmovement m ON m.product_id = p.id GROUP BY p.id")  # fmt: skip
    shelf = sum(round(Decimal(int(milli)) * cost / 1000) for cost, milli in rows)  # thousandths
    assert before.stock_value_start == before.stock_value_end
    assert abs(before.stock_value_end - shelf) <= len(rows) and shelf > 0  # rounded by product
    open_till(db, "K1", 100_000, at(7, day=NOVEMBER))
    cost = unit_cost(db, "MYK-1L")
    sell(db, "K1", fill(db, [("MYK-1L", Decimal(4))]), at(9, day=date(2025, 11, 10)))
    supplier_id = supplier(db)
    with db.write() as session:
        shop = load_shop(session)
        line = ReceiveLine("MYK-1L", "10", str(cost + 1_000))
        receive_goods(session, supplier_id, "SJ-1", [line], actor=OWNER,
                      at=at(8, day=date(2025, 12, 2)))  # fmt: skip
    november, shop = month(db)
    assert november.balances.stock_value_start == 0  # before the catalogue's opening stock
    assert november.balances.stock_value_end == shelf - 4 * cost  # at November's cost
    december, _ = month(db, "2025-12")
    assert december.balances.stock_value_start == november.balances.stock_value_end
    with db.read() as session:
        now = stock_value_at(session, datetime(2026, 1, 1, tzinfo=UTC))
        assert now == stock_value_at(session, day_start(date(2026, 1, 1), shop))
    assert december.balances.stock_value_end == now > november.balances.stock_value_end


# --- the monthly report on paper and in a workbook ------------------------------------------


def busy_month(db: Database) -> None:
    open_till(db, "K1", 100_000, at(7, day=date(2025, 8, 1)))
    for n in range(1, 30, 3):
        day = date(2025, 11, n)
        sale = sell(db, "K1", fill(db, [("MYK-1L", Decimal(1 + n % 4)), ("GLA-KG", Decimal("1.5"))],
                                   member=n % 2 == 0), at(9, day=day))  # fmt: skip
        if n % 9 == 1:
            give_back(db, "K1", sale.receipt_no, [(1, Decimal(1), False)], at(11, day=day))
    sell(db, "K1", fill(db, [("AQA-600", Decimal(2))], member=True), at(10, day=date(2025, 9, 1)),
         [Tender("kasbon")])  # fmt: skip


def test_the_monthly_workbook_is_for_people(catalogue_db: Database, tmp_path: Path) -> None:
    busy_month(catalogue_db)
    report, shop = month(catalogue_db)
    book = load_workbook(io.BytesIO(period_xlsx(report, shop)))
    assert book.sheetnames == ["Ringkasan", "Harian"]
    banner, header, rows = banner_and_table(book["Harian"])
    assert banner == [banner[0], "Laporan bulanan · November 2025"]
    assert banner[0].startswith(shop.name)
    assert header == ["Periode", "Jumlah transaksi", "Penjualan ke anggota",
                      "Penjualan ke non-anggota", "Penjualan bersih", "Retur",
                      "Penjualan setelah retur", "HPP", "HPP retur", "Laba kotor",
                      "Pengeluaran: listrik", "Pengeluaran: gaji", "Pengeluaran: transport",
                      "Pengeluaran: sewa", "Pengeluaran: lain-lain",
                      "Jumlah pengeluaran", "Dibayar ke pemasok"]  # fmt: skip
    assert len(rows) == 30 + 1
    assert rows[0][0].date() == NOVEMBER and rows[-1][0] == "Jumlah"  # a date cell
    for row in rows:
        assert all(numeric(v) for v in row[1:]), row
    assert [r[4] for r in rows[:-1]] == [r.net for r in report.rows]
    assert rows[-1][9] == report.totals.margin
    sheet = book["Harian"]
    first = 4  # the banner's two lines, a blank row, the header
    assert sheet.cell(row=first + 1, column=1).number_format == DATE_FORMAT
    assert sheet.cell(row=first + 1, column=2).number_format == COUNT_FORMAT
    assert sheet.cell(row=first + 1, column=5).number_format == RUPIAH_FORMAT
    assert sheet.freeze_panes == f"A{first + 1}"
    assert all(sheet.column_dimensions[c].width >= 10 for c in "ABCDEFGHIJ")
    summary = dict(banner_and_table(book["Ringkasan"])[2])
    assert isinstance(summary["Dari tanggal"], datetime)
    assert summary["Dari tanggal"].date() == NOVEMBER
    assert summary["Laba kotor"] == report.totals.margin
    assert summary["Kasbon umur 61–90 hari"] == report.balances.aging[2] > 0
    assert summary["Nilai stok awal (HPP)"] == report.balances.stock_value_start
    assert summary["Nilai stok akhir (HPP)"] == report.balances.stock_value_end
    set_language("en")
    english = load_workbook(io.BytesIO(period_xlsx(report, shop)))
    assert english.sheetnames == ["Summary", "Days"]
    assert "Gross margin" in banner_and_table(english["Days"])[1]


def test_the_monthly_pdf_shows_the_days_the_chart_and_the_balances(
    catalogue_db: Database, tmp_path: Path
) -> None:
    busy_month(catalogue_db)
    report, shop = month(catalogue_db)
    data = period_pdf(report, shop, PRINTED)
    (tmp_path / "bulan.pdf").write_bytes(data)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)
    assert "LAPORAN BULANAN" in text and "HPP retur" in text
    assert "Laba kotor = penjualan bersih setelah retur − HPP" in text
    assert "Kasbon umur 61–90 hari" in text and "Nilai stok akhir (HPP)" in text
    assert "Margin kotor" not in text


# --- the command line: CSV for machines and for people, workbooks through one writer --------


def test_csv_for_machines_by_default_and_for_people_with_lang(catalogue_db: Database) -> None:
    busy_month(catalogue_db)
    runner = CliRunner()
    args = ["report", "monthly", "--month", "2025-11", "--format", "csv"]
    machines = runner.invoke(main, ["--db", catalogue_db.url, *args])
    people = runner.invoke(main, ["--db", catalogue_db.url, "--lang", "id", *args])
    assert machines.exit_code == people.exit_code == 0, people.output
    assert machines.output.splitlines()[0].startswith("label,sales_count,member_sales,")
    assert machines.output.splitlines()[1].startswith("2025-11-01,")
    said = list(csv.reader(io.StringIO(people.output)))
    assert said[0][:3] == ["Periode", "Jumlah transaksi", "Penjualan ke anggota"]
    assert len(said) == len(machines.output.splitlines())
    as_json = json.loads(runner.invoke(main, ["--db", catalogue_db.url, *args[:-1], "json"]).output)
    assert set(as_json) >= {"kasbon_aging", "stock_value_start", "stock_value_end"}
    assert as_json["totals"]["returns_cost"] > 0


def test_the_catalogue_and_members_workbooks_go_back_in(
    catalogue_db: Database, tmp_path: Path
) -> None:
    runner = CliRunner()
    products = tmp_path / "produk.xlsx"
    members = tmp_path / "anggota.xlsx"
    for group, path in (("products", products), ("members", members)):
        result = runner.invoke(main, ["--db", catalogue_db.url, group, "export", "--format",
                                      "xlsx", "--output", str(path)])  # fmt: skip
        assert result.exit_code == 0, result.output
    rows = records(load_workbook(products).active)  # type: ignore[arg-type]
    first = rows[0]
    assert {"Kode", "Nama barang", "Harga", "Harga anggota", "HPP"} <= set(first)
    assert numeric(first["Harga"]) and numeric(first["HPP"])
    sheet = load_workbook(products).active
    assert sheet is not None and sheet["G2"].number_format == RUPIAH_FORMAT
    before = raw(catalogue_db, "SELECT code, price, member_price, cost, stock FROM product"
                               " ORDER BY code")  # fmt: skip
    again = runner.invoke(main, ["--db", catalogue_db.url, "products", "import", str(products)])
    assert again.exit_code == 0, again.output
    assert raw(catalogue_db, "SELECT code, price, member_price, cost, stock FROM product"
                             " ORDER BY code") == before  # fmt: skip
    people = records(load_workbook(members).active)  # type: ignore[arg-type]
    assert "Nomor anggota" in people[0] and numeric(people[0]["Batas kasbon"])
    back = runner.invoke(main, ["--db", catalogue_db.url, "members", "import", str(members)])
    assert back.exit_code == 0, back.output


def test_every_workbook_comes_from_the_one_writer() -> None:
    root = Path(__file__).resolve().parent.parent / "gerai"
    writers = sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "Workbook(" in path.read_text("utf-8") or "openpyxl.cell" in path.read_text("utf-8")
    )
    assert writers == ["tabular.py"]
