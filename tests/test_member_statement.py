"""A member's yearly statement (issue 15): purchases by month less returns (the SHU's basis),
savings by kind between the year's two balances, kasbon movements between its two balances;
the PDF and JSON through `gerai members statement`, refusals in one line."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from member_money import pay_back, returned, save
from pypdf import PdfReader
from shop_day import MEMBER, at, fill, sell, void

from gerai.cli import main
from gerai.core.errors import GeraiError
from gerai.db import Database
from gerai.services.members.shu import shu_report
from gerai.services.members.statement import member_statement
from gerai.services.sale.checkout import Tender

YEAR = 2025
TODAY = date(2025, 12, 31)


def year_of(db: Database) -> None:
    """KKMP-0001's year: sales in March and November, a void, a return, savings, kasbon."""
    march = sell(db, "K1", fill(db, [("MYK-1L", Decimal(2))], member=True),
                 at(9, day=date(2025, 3, 1)))  # fmt: skip
    sell(db, "K1", fill(db, [("GLA-1KG", Decimal(1))], member=True), at(9, day=date(2025, 11, 2)))
    voided = sell(db, "K1", fill(db, [("MYK-1L", Decimal(3))], member=True),
                  at(10, day=date(2025, 6, 1)))  # fmt: skip
    void(db, voided.receipt_no)
    sell(db, "K1", fill(db, [("AQA-600", Decimal(5))]), at(11, day=date(2025, 3, 1)))  # no member
    returned(db, march.receipt_no, 15_500, "tunai", at(12, day=date(2025, 4, 2)))
    last_year = sell(db, "K1", fill(db, [("MYK-1L", Decimal(1))], member=True),
                     at(9, day=date(2024, 12, 30)), [Tender("kasbon")])  # fmt: skip
    assert last_year.total == 15_500
    save(db, MEMBER, "pokok", at(9, day=date(2024, 12, 30)))
    save(db, MEMBER, "wajib", at(9, day=date(2025, 2, 1)), months=3)
    save(db, MEMBER, "sukarela", at(9, day=date(2025, 5, 1)), amount=70_000)
    save(db, MEMBER, "sukarela_out", at(9, day=date(2025, 5, 20)), amount=20_000)
    sell(db, "K1", fill(db, [("GLA-1KG", Decimal(1))], member=True), at(9, day=date(2025, 7, 1)),
         [Tender("kasbon")])  # fmt: skip
    pay_back(db, MEMBER, 10_000, at(9, day=date(2025, 8, 1)))


def test_the_statement_adds_up_to_the_shu_and_the_balances(db: Database) -> None:
    year_of(db)
    with db.read() as session:
        report = member_statement(session, MEMBER, YEAR, TODAY)
        shu = {m.number: m for m in shu_report(session, YEAR, "Asia/Makassar").members}
    months = {m.month: (m.sales_count, m.sales, m.returns) for m in report.months if m.sales_count
              or m.returns}  # fmt: skip
    assert months == {3: (1, 31_000, 0), 4: (0, 0, 15_500), 7: (1, 17_300, 0), 11: (1, 17_300, 0)}
    assert report.purchases == shu[MEMBER].purchases == 31_000 + 17_300 * 2 - 15_500
    assert (report.savings_start.pokok, report.savings_start.total) == (50_000, 50_000)
    assert report.savings_paid == {"pokok": 0, "wajib": report.savings_end.wajib,
                                   "sukarela": 70_000, "sukarela_out": 20_000}  # fmt: skip
    assert report.savings_end.sukarela == 50_000
    assert report.savings_end.total == report.savings_start.total + sum(
        amount if kind != "sukarela_out" else -amount
        for kind, amount in report.savings_paid.items()
    )
    assert report.kasbon_start == 15_500  # last year's kasbon, still owed
    assert [(line.debit, line.credit) for line in report.kasbon] == [(17_300, 0), (0, 10_000)]
    assert report.kasbon_end == 15_500 + 17_300 - 10_000


def test_an_unknown_member_is_refused(db: Database) -> None:
    with db.read() as session, pytest.raises(GeraiError) as refused:
        member_statement(session, "KKMP-9999", YEAR, TODAY)
    assert refused.value.key == "statement.unknown_member"


def test_the_statement_command_writes_a_pdf_and_json(db: Database, tmp_path: Path) -> None:
    year_of(db)
    runner = CliRunner()
    pdf = tmp_path / "rekening.pdf"
    made = runner.invoke(main, ["--db", db.url, "members", "statement", MEMBER, "--year", "2025",
                                "--output", str(pdf)])  # fmt: skip
    assert made.exit_code == 0, made.output
    text = PdfReader(pdf).pages[0].extract_text()
    assert "REKENING ANGGOTA" in text and MEMBER in text and "Maret" in text
    assert "Rp50.000" in text and "Saldo akhir tahun" in text
    assert oct(pdf.stat().st_mode)[-3:] == "600"  # personal data
    shown = runner.invoke(main, ["--db", db.url, "members", "statement", MEMBER, "--year", "2025",
                                 "--format", "json", "--output", "-"])  # fmt: skip
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.output)
    assert data["purchases"] == sum(m["net"] for m in data["months"]) == 50_100
    assert data["kasbon"]["end"] == 22_800 and len(data["months"]) == 12


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["KKMP-9999", "--year", "2025"], "Tidak ada anggota dengan nomor, NIK atau telepon"),
        ([MEMBER, "--year", "2999"], "2999"),
        ([MEMBER, "--year", "dua"], "dua"),
    ],
)
def test_bad_statement_requests_are_one_line(db: Database, args: list[str], said: str) -> None:
    result = CliRunner().invoke(main, ["--db", db.url, "members", "statement", *args])
    assert result.exit_code == 1 and said in result.output and "Traceback" not in result.output
