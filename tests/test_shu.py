"""The SHU report: each member's purchases in the year net of returns (void sales never
count), their share, year-end savings, and the pools shared by largest remainder so the
shares add up exactly; refusals; `gerai report members` in every format."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from member_money import member_id, returned, save
from openpyxl import load_workbook
from pypdf import PdfReader
from shop_day import at, fill, sell, void
from sqlmodel import col, select
from xlsx_tables import banner_and_table, records

from gerai.cli import main
from gerai.core.errors import GeraiError
from gerai.db import Database
from gerai.models import Member
from gerai.services.members.shu import largest_remainder, parse_pool, parse_year, shu_report

YEAR = 2025
TODAY = date(2025, 11, 30)


def report(db: Database, year: int = YEAR, pools: tuple[int | None, int | None] = (None, None)):  # type: ignore[no-untyped-def]
    with db.read() as session:
        return shu_report(session, year, "Asia/Makassar", *pools)


def by_number(shu) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {m.number: m for m in shu.members}


# --- largest remainder --------------------------------------------------------------------------


@given(
    pool=st.integers(min_value=0, max_value=10**12),
    weights=st.lists(st.integers(min_value=0, max_value=10**10), min_size=1, max_size=30).filter(
        any
    ),
)
@settings(max_examples=400)
def test_shares_always_add_up_to_the_pool_and_stay_within_a_rupiah(
    pool: int, weights: list[int]
) -> None:
    keyed = {f"KKMP-{i:04d}": w for i, w in enumerate(weights)}
    shares = largest_remainder(pool, keyed)
    assert sum(shares.values()) == pool
    total = sum(weights)
    for key, weight in keyed.items():
        exact = Fraction(pool * weight, total)
        assert exact - 1 < shares[key] < exact + 1
        if weight == 0:
            assert shares[key] == 0


def test_ties_go_to_the_lower_member_number() -> None:
    assert largest_remainder(1, {"KKMP-0002": 1, "KKMP-0001": 1}) == {
        "KKMP-0002": 0,
        "KKMP-0001": 1,
    }
    assert largest_remainder(5, {"B": 1, "A": 1, "C": 1}) == {"A": 2, "B": 2, "C": 1}
    assert largest_remainder(0, {"A": 0}) == {"A": 0}


# --- the report ---------------------------------------------------------------------------------


def test_purchases_are_the_years_completed_sales_less_the_years_returns(db: Database) -> None:
    a = sell(db, "K1", fill(db, [("MYK-1L", Decimal(2))], member=True), at(9, day=date(2025, 3, 1)))
    sell(db, "K1", fill(db, [("GLA-1KG", Decimal(1))], member=True), at(9, day=date(2025, 11, 30)))
    last_year = sell(
        db, "K1", fill(db, [("MYK-1L", Decimal(1))], member=True), at(9, day=date(2024, 12, 31))
    )
    voided = sell(
        db, "K1", fill(db, [("MYK-1L", Decimal(3))], member=True), at(10, day=date(2025, 6, 1))
    )
    void(db, voided.receipt_no)
    sell(db, "K1", fill(db, [("AQA-600", Decimal(5))]), at(11))  # not a member: not in the report
    returned(db, a.receipt_no, 15_500, "tunai", at(12, day=date(2025, 3, 2)))
    returned(db, last_year.receipt_no, 15_500, "tunai", at(12, day=date(2025, 1, 5)))
    shu = report(db)
    sitti = by_number(shu)["KKMP-0001"]
    assert (sitti.sales_count, sitti.sales, sitti.returns) == (2, 31_000 + 17_300, 31_000)  # type: ignore[attr-defined]
    assert sitti.purchases == 17_300  # type: ignore[attr-defined]
    assert shu.total_purchases == 17_300 and sitti.share_percent == Decimal("100.0000")  # type: ignore[attr-defined]
    with db.read() as session:  # every member who had joined by the year's end, by number
        joined = session.exec(
            select(Member.number).where(col(Member.join_date) <= date(YEAR, 12, 31))
        ).all()
    assert [m.number for m in shu.members] == sorted(joined)
    previous = by_number(report(db, 2024))["KKMP-0001"]
    assert (previous.sales, previous.returns, previous.purchases) == (15_500, 0, 15_500)  # type: ignore[attr-defined]


def test_savings_at_the_years_end_are_the_basis_of_the_savings_pool(db: Database) -> None:
    sell(db, "K1", fill(db, [("MYK-1L", Decimal(1))], member=True), at(9))
    save(db, "KKMP-0002", "pokok", at(9))
    save(db, "KKMP-0003", "wajib", at(9), months=5)
    save(db, "KKMP-0003", "sukarela", at(9, 30), amount=70_000)
    save(db, "KKMP-0003", "sukarela_out", at(9, 45), amount=20_000)
    shu = report(db, pools=(1_000_001, 300_000))
    members = by_number(shu)
    assert (members["KKMP-0002"].savings, members["KKMP-0003"].savings) == (50_000, 100_000)  # type: ignore[attr-defined]
    assert shu.total_savings == 150_000
    assert (members["KKMP-0002"].shu_savings, members["KKMP-0003"].shu_savings) == (
        100_000,
        200_000,
    )  # type: ignore[attr-defined]
    assert members["KKMP-0001"].shu_purchases == 1_000_001  # type: ignore[attr-defined]
    assert sum(m.shu_purchases for m in shu.members) == 1_000_001  # type: ignore[misc]
    assert members["KKMP-0001"].shu_total == 1_000_001  # type: ignore[attr-defined]
    assert members["KKMP-0004"].shu_total == 0  # type: ignore[attr-defined]


SALES = st.lists(
    st.tuples(
        st.sampled_from(["KKMP-0001", "KKMP-0005", "KKMP-0009"]),
        st.integers(min_value=1, max_value=4),
        st.integers(min_value=1, max_value=12),
        st.sampled_from(["none", "none", "part", "void"]),
    ),
    min_size=1,
    max_size=5,
)


@given(sales=SALES, pool=st.integers(min_value=0, max_value=50_000_000))
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_each_members_purchases_are_their_sales_less_returns_and_shares_sum_to_the_pool(
    db: Database, sales: list[tuple[str, int, int, str]], pool: int
) -> None:
    before = {m.number: m.purchases for m in report(db).members}
    expected = dict(before)
    with db.read() as session:
        from gerai.services.members.lookup import find_member

        members = {n: find_member(session, n) for n in {s[0] for s in sales}}
    for number, qty, month, fate in sales:
        cart = fill(db, [("IDM-GRG", Decimal(qty))])
        cart.attach_member(members[number])  # type: ignore[arg-type]
        result = sell(db, "K1", cart, at(10, day=date(YEAR, month, 1)))
        if fate == "void":
            void(db, result.receipt_no)
            continue
        expected[number] += result.total
        if fate == "part":
            returned(
                db, result.receipt_no, result.total // 2, "tunai", at(11, day=date(YEAR, month, 2))
            )
            expected[number] -= result.total // 2
    shu = report(db, pools=(pool, None))
    assert {m.number: m.purchases for m in shu.members} == expected
    assert sum(m.shu_purchases for m in shu.members) == pool  # type: ignore[misc]
    assert shu.total_purchases == sum(expected.values())


@pytest.mark.parametrize(
    ("pools", "key"),
    [((-1, None), "shu.negative_pool"), ((None, -5), "shu.negative_pool"),
     ((1_000, None), "shu.no_purchases"), ((None, 1_000), "shu.no_savings")],
)  # fmt: skip
def test_a_pool_that_cannot_be_shared_is_refused(
    db: Database, pools: tuple[int | None, int | None], key: str
) -> None:
    with pytest.raises(GeraiError) as refused:
        report(db, 2024, pools)
    assert refused.value.key == key
    assert refused.value.message() != key


def test_year_and_pool_text() -> None:
    assert parse_year("2025", TODAY) == 2025
    for bad, key in (("25", "shu.bad_year"), ("abcd", "shu.bad_year"), ("1999", "shu.bad_year"),
                     ("2026", "shu.future_year"), ("２０２５", "shu.bad_year")):  # fmt: skip
        with pytest.raises(GeraiError) as refused:
            parse_year(bad, TODAY)
        assert refused.value.key == key
    assert parse_pool("10.000.000", "--pool-purchases") == 10_000_000
    assert parse_pool(None, "--pool-purchases") is None
    with pytest.raises(GeraiError) as negative:
        parse_pool("-1000", "--pool-savings")
    assert negative.value.message() == "--pool-savings -1000 negatif; dana SHU harus 0 atau lebih."
    with pytest.raises(GeraiError) as text:
        parse_pool("sejuta", "--pool-purchases")
    assert text.value.key == "shu.bad_pool"


# --- the command --------------------------------------------------------------------------------


@pytest.fixture
def year_of_sales(db: Database) -> Database:
    for number, month in (("KKMP-0001", 2), ("KKMP-0002", 5), ("KKMP-0002", 9), ("KKMP-0007", 11)):
        cart = fill(db, [("MYK-1L", Decimal(month))])
        with db.read() as session:
            from gerai.services.members.lookup import find_member

            cart.attach_member(find_member(session, number))  # type: ignore[arg-type]
        sell(db, "K1", cart, at(9, day=date(YEAR, month, 10)))
    save(db, "KKMP-0001", "pokok", at(10))
    save(db, "KKMP-0002", "wajib", at(10), months=12)
    return db


def run(db: Database, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(
        main, ["--db", db.url, "report", "members", "--year", str(YEAR), *args]
    )


def test_the_json_is_the_documented_shape_and_adds_up(year_of_sales: Database) -> None:
    result = run(
        year_of_sales,
        "--pool-purchases",
        "10.000.000",
        "--pool-savings",
        "1000000",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"year", "timezone", "pool_purchases", "pool_savings", "total_purchases",
                         "total_savings", "members"}  # fmt: skip
    assert (data["year"], data["pool_purchases"], data["pool_savings"]) == (
        2025,
        10_000_000,
        1_000_000,
    )
    assert set(data["members"][0]) == {
        "number", "name", "active", "sales_count", "sales", "returns", "purchases",
        "share_percent", "savings", "shu_purchases", "shu_savings", "shu_total",
    }  # fmt: skip
    assert sum(m["shu_purchases"] for m in data["members"]) == 10_000_000
    assert sum(m["shu_savings"] for m in data["members"]) == 1_000_000
    assert sum(m["purchases"] for m in data["members"]) == data["total_purchases"]
    assert sum(Decimal(m["share_percent"]) for m in data["members"]) == pytest.approx(
        Decimal(100), abs=Decimal("0.01")
    )
    ngalle = next(m for m in data["members"] if m["number"] == "KKMP-0002")
    assert ngalle["sales_count"] == 2 and ngalle["savings"] == 120_000
    without = json.loads(run(year_of_sales, "--format", "json").stdout)
    assert without["pool_purchases"] is None and without["members"][0]["shu_total"] is None


def test_csv_xlsx_and_pdf_hold_the_same_figures(year_of_sales: Database, tmp_path: Path) -> None:
    data = json.loads(run(year_of_sales, "--pool-purchases", "5000000", "--format", "json").stdout)
    rows = list(
        csv.DictReader(
            io.StringIO(run(year_of_sales, "--pool-purchases", "5000000", "--format", "csv").stdout)
        )
    )
    assert [r["number"] for r in rows] == [m["number"] for m in data["members"]]
    assert [int(r["shu_purchases"]) for r in rows] == [m["shu_purchases"] for m in data["members"]]
    xlsx = tmp_path / "shu.xlsx"
    assert run(year_of_sales, "--pool-purchases", "5000000", "--output", str(xlsx)).exit_code == 0
    book = load_workbook(xlsx)
    assert book.sheetnames == ["Ringkasan", "Anggota"]
    banner, _, rows = banner_and_table(book["Ringkasan"])
    assert banner[1].startswith("DAFTAR SHU ANGGOTA TAHUN 2025 · ")
    summary = dict(rows)
    assert (
        summary["Dana SHU jasa usaha"] == 5_000_000
        and summary["Total pembelian anggota"] == data["total_purchases"]
    )
    members = records(book["Anggota"])
    assert [m["Nomor"] for m in members] == [m["number"] for m in data["members"]]
    assert sum(m["SHU jasa usaha"] for m in members) == 5_000_000
    pdf = tmp_path / "shu.pdf"
    assert run(year_of_sales, "--pool-purchases", "5000000", "--output", str(pdf)).exit_code == 0
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "DAFTAR SHU ANGGOTA TAHUN 2025" in text
    assert "Daeng Ngalle" in text and "Rp5.000.000" in text
    assert f"{data['total_purchases']:,}".replace(",", ".") in text


def test_the_default_is_a_pdf_file_named_by_the_year(
    year_of_sales: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(year_of_sales)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "shu-anggota-2025.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--pool-purchases", "-1"], "negatif"),
        (["--pool-savings", "banyak"], "bukan jumlah Rupiah"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(
    year_of_sales: Database, tmp_path: Path, args: list[str], words: str
) -> None:
    result = run(year_of_sales, *args, "--output", str(tmp_path / "x.pdf"))
    assert result.exit_code == 1
    assert words in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(("year", "words"), [("20x5", "tidak sah"), ("2099", "belum dimulai")])
def test_a_bad_year_is_refused(db: Database, year: str, words: str) -> None:
    result = CliRunner().invoke(
        main, ["--db", db.url, "report", "members", "--year", year, "--format", "json"]
    )
    assert result.exit_code == 1 and words in result.stderr


def test_a_year_without_member_purchases_says_so(db: Database) -> None:
    result = CliRunner().invoke(
        main,
        [
            "--db",
            db.url,
            "report",
            "members",
            "--year",
            "2024",
            "--pool-purchases",
            "1000000",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 1
    assert "Tidak ada pembelian anggota pada tahun 2024" in result.stderr
    assert member_id(db, "KKMP-0001")
