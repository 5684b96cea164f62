"""Supplier payments in the books (issue 17): a cash payment is a kas bendahara line naming
its supplier and receipt, in the kas book (CLI text and JSON) and the buku kas (the payment's
number as the voucher), whose boxes still add up; the monthly and yearly reports carry what was
paid to suppliers (by method, by day or month) and the debt to them at the period's end, in
JSON, CSV, XLSX and PDF, the figures adding up."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook
from pypdf import PdfReader

from gerai.cli import main
from gerai.core.words import PaymentMethod, ReceiptTermsKind
from gerai.db import Database
from gerai.exports.cashbook import cashbook_entries
from gerai.services.cash.kas import kas_balance
from gerai.services.reports.cashbook import cashbook_day
from gerai.services.reports.period import month_period, period_report, year_period
from gerai.services.shop.profile import load_shop
from gerai.services.stock.receiving import ReceiveLine, receive_goods
from gerai.services.stock.supplier_debts import debt_at, pay_supplier, set_terms
from tests.conftest import NOW, OWNER, TREASURER
from tests.stock_helpers import supplier
from tests.test_supplier_debts import TODAY, fill_kas, receive, terms
from tests.xlsx_tables import banner_and_table

LATER = ReceiptTermsKind.CREDIT


def paid_at(db: Database, supplier_id: int, amount: int, method: str, when: datetime) -> None:
    with db.write() as session:
        pay_supplier(
            session, supplier_id, amount, method, actor=TREASURER, at=when,
            shop=load_shop(session), reference="BRI 7" if method != PaymentMethod.CASH else "",
        )  # fmt: skip


def test_a_cash_payment_is_in_the_kas_book_and_the_buku_kas(db: Database) -> None:
    fill_kas(db, 400_000)
    bulog = supplier(db)
    number = receive(db, bulog, 14_000, "SJ-1")
    done = terms(db, number, ReceiptTermsKind.PAID, method=PaymentMethod.CASH)
    assert done.payment is not None
    with db.read() as session:
        shop = load_shop(session)
        entries = cashbook_entries(cashbook_day(session, TODAY, shop), shop)
        kas = kas_balance(session)
    assert kas == 260_000
    (line,) = [e for e in entries if e.voucher == done.payment.number]
    assert line.description == "Bayar pemasok Bulog Sub Divre Bone"
    assert line.credit == 140_000 and line.debit is None and number in line.remarks
    kas_closing = [e for e in entries if e.closes_box][-1]
    assert kas_closing.balance == kas
    total = entries[-1]
    assert total.balance == sum(e.balance for e in entries if e.closes_box)
    runner = CliRunner()
    shown = runner.invoke(main, ["--db", db.url, "kas", "show", "--from", "2025-11-30"])
    assert shown.exit_code == 0, shown.output
    assert "Bayar pemasok Bulog Sub Divre Bone" in shown.output and "-140.000" in shown.output
    data = runner.invoke(main, ["--db", db.url, "kas", "show", "--from", "2025-11-30", "--json"])
    lines = json.loads(data.output)["lines"]
    assert lines[0]["supplier_payment"] is None  # the setoran
    assert lines[1]["supplier_payment"] == {
        "number": done.payment.number, "supplier": "Bulog Sub Divre Bone", "receipt": number
    }  # fmt: skip
    assert lines[1]["amount"] == -140_000 and lines[1]["balance"] == 260_000


def test_the_period_reports_carry_the_payments_and_the_debt(db: Database, tmp_path: Path) -> None:
    fill_kas(db, 400_000)
    bulog = supplier(db)
    other = supplier(db, "UD Sumber Rejeki")
    early = NOW - timedelta(days=20)  # 10 November
    with db.write() as session:
        shop = load_shop(session)
        for who, when, cost in ((bulog, early, 14_000), (other, NOW, 20_000)):
            receipt = receive_goods(
                session, who, f"SJ-{cost}", [ReceiveLine("MYK-1L", "10", str(cost))],
                actor=OWNER, at=when,
            ).number  # fmt: skip
            set_terms(session, receipt, LATER, actor=OWNER, at=when, shop=shop)
    paid_at(db, bulog, 40_000, PaymentMethod.TRANSFER, early + timedelta(days=1))
    paid_at(db, bulog, 30_000, PaymentMethod.CASH, NOW)
    paid_at(db, other, 50_000, PaymentMethod.CASH, NOW)
    with db.read() as session:
        shop = load_shop(session)
        month = period_report(session, month_period("2025-11", TODAY), shop, TODAY)
        year = period_report(session, year_period("2025", TODAY), shop, TODAY)
        owed = debt_at(session, date(2025, 11, 30))
    assert owed == 340_000 - 120_000
    for report in (month, year):
        assert report.suppliers.paid == {
            "supplier_paid_cash": 80_000, "supplier_paid_transfer": 40_000
        }  # fmt: skip
        assert report.suppliers.paid_total == 120_000 == sum(report.suppliers.by_row.values())
        assert report.suppliers.debt_end == owed
    assert month.suppliers.by_row == {"2025-11-11": 40_000, "2025-11-30": 80_000}
    assert year.suppliers.by_row == {"2025-11": 120_000}

    runner = CliRunner()

    def gerai(*args: str) -> str:
        result = runner.invoke(main, ["--db", db.url, "report", *args])
        assert result.exit_code == 0, result.output
        return result.output

    data = json.loads(gerai("monthly", "--month", "2025-11", "--format", "json"))
    assert data["supplier_payments"] == month.suppliers.paid
    assert data["supplier_payments_total"] == 120_000 and data["supplier_debt_end"] == owed
    assert sum(row["supplier_payments"] for row in data["rows"]) == 120_000
    assert data["totals"]["supplier_payments"] == 120_000
    rows = list(csv.DictReader(io.StringIO(gerai("yearly", "--year", "2025", "--format", "csv"))))
    assert rows[10]["label"] == "2025-11" and rows[10]["supplier_payments"] == "120000"
    assert rows[-1]["supplier_payments"] == "120000"
    xlsx = tmp_path / "bulan.xlsx"
    gerai("monthly", "--month", "2025-11", "--output", str(xlsx))
    summary = dict(banner_and_table(load_workbook(xlsx)["Ringkasan"])[2])
    assert summary["Dibayar ke pemasok, tunai dari kas"] == 80_000
    assert summary["Dibayar ke pemasok, transfer"] == 40_000
    assert summary["Jumlah dibayar ke pemasok"] == 120_000
    assert summary["Hutang ke pemasok di akhir periode"] == owed
    pdf = tmp_path / "bulan.pdf"
    gerai("monthly", "--month", "2025-11", "--output", str(pdf))
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Jumlah dibayar ke pemasok" in text and "Rp120.000" in text
    assert "Hutang ke pemasok di akhir periode" in text and "Rp220.000" in text
