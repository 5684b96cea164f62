"""Catalogue and member register in and out: a bad file is refused whole with each problem and
its row number, `--skip-bad` imports only the good rows, and every format round-trips."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import NOW, OWNER, raw

from gerai.cli import main
from gerai.core.errors import GeraiError
from gerai.core.i18n import translator
from gerai.core.phrases import COLUMN
from gerai.db import Database
from gerai.services.importing import ImportRefused
from gerai.services.members.import_export import MEMBER_COLUMNS, export_members, import_members
from gerai.services.shop.auth import SYSTEM
from gerai.services.stock.import_export import (
    PRODUCT_COLUMNS,
    ean13_valid,
    export_products,
    import_products,
)
from gerai.tabular import read_table, write_table

HEADER = ",".join(PRODUCT_COLUMNS)
TABLES = ("product", "barcode", "category", "stockmovement", "member")

ID = translator("id")


def ean13(stem: str) -> str:
    """A 12-digit stem with its EAN-13 check digit (computed here, independently)."""
    assert len(stem) == 12
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(stem))
    return stem + str((10 - total % 10) % 10)


GOOD_1 = ean13("899999000001")
GOOD_2 = ean13("899999000002")
GOOD_3 = ean13("899999000003")
TAKEN = "8991201000178"  # a barcode of BRS-SPHP5 in the demo catalogue


def product_row(
    code: str, barcodes: str = "", price: str = "5000", het: str = "", **kw: str
) -> str:
    values = {
        "code": code, "barcodes": barcodes, "name": f"Barang {code}", "category": "Uji Coba",
        "unit": "pcs", "sold_by_weight": "0", "price": price, "member_price": "", "cost": "4000",
        "het": het, "max_per_sale": "", "tax_category": "exempt", "reorder_level": "5",
        "stock": "10", "active": "1",
    }  # fmt: skip
    values.update(kw)
    return ",".join(values[c] for c in PRODUCT_COLUMNS)


def counts(database: Database) -> dict[str, int]:
    return {t: raw(database, f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}


@pytest.fixture
def runner(tmp_path: Path) -> Iterator[CliRunner]:
    """A CliRunner whose config and data dirs are empty temporary folders."""
    env = {
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "GERAI_DB": None,
        "GERAI_CONFIG": None,
        "GERAI_LANG": None,
        "GERAI_PRINTER": None,
        "GERAI_TILL": None,
    }
    yield CliRunner(env=env)  # type: ignore[arg-type]


def gerai(runner: CliRunner, database: Database, *args: str) -> Result:
    return runner.invoke(main, ["--db", database.url, *args])


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --- refusals: one bad row and nothing is imported -----------------------------------------

BAD_FILES = {
    "duplicate_barcode_in_file": (
        [product_row("UJI-1", GOOD_1), product_row("UJI-2", GOOD_2), product_row("UJI-3", GOOD_1)],
        4,
        "barcodes",
        "import.duplicate_in_file",
    ),
    "barcode_of_another_product": (
        [product_row("UJI-1", GOOD_1), product_row("UJI-2", TAKEN)],
        3,
        "barcodes",
        "product.barcode_taken",
    ),
    "bad_check_digit": (
        [product_row("UJI-1", GOOD_1), product_row("UJI-2", GOOD_2[:-1] + "0")],
        3,
        "barcodes",
        "product.bad_check_digit",
    ),
    "negative_price": (
        [product_row("UJI-1", GOOD_1, price="-5000")],
        2,
        "price",
        "import.negative",
    ),
    "price_above_het": (
        [product_row("UJI-1", GOOD_1), product_row("UJI-2", price="15000", het="14000")],
        3,
        "het",
        "price.above_het",
    ),
    "duplicate_code_in_file": (
        [product_row("UJI-1"), product_row("uji-1")],
        3,
        "code",
        "import.duplicate_in_file",
    ),
    "fraction_of_a_piece": (
        [product_row("UJI-1", stock="2.5")],
        2,
        "stock",
        "cart.fraction_piece",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_service_refuses_a_bad_file_whole(db: Database, tmp_path: Path, case: str) -> None:
    rows, row_number, column, key = BAD_FILES[case]
    assert GOOD_2[:-1] + "0" != GOOD_2 and not ean13_valid(GOOD_2[:-1] + "0")
    path = write(tmp_path / "produk.csv", HEADER, *rows)
    before = counts(db)
    with pytest.raises(ImportRefused) as raised, db.write() as session:
        import_products(session, read_table(path), NOW, actor=OWNER)
    problems = raised.value.problems
    assert [(p.row, p.column, p.error.key) for p in problems] == [(row_number, column, key)]
    assert ID.phrase(problems[0].phrase()).startswith(
        f"baris {row_number}, {ID.t(COLUMN[column])}: "
    )
    assert counts(db) == before


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_cli_refuses_a_bad_file_whole(
    db: Database, runner: CliRunner, tmp_path: Path, case: str
) -> None:
    rows, row_number, column, _key = BAD_FILES[case]
    path = write(tmp_path / "produk.csv", HEADER, *rows)
    before = counts(db)
    result = gerai(runner, db, "products", "import", str(path))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"baris {row_number}, {ID.t(COLUMN[column])}: ")
    assert lines[-1].startswith("Galat: 1 masalah di file; tidak ada yang diimpor")
    assert "--skip-bad" in lines[-1]
    assert result.stdout == ""
    assert counts(db) == before


def test_the_problem_messages_say_what_is_wrong(db: Database, tmp_path: Path) -> None:
    path = write(
        tmp_path / "produk.csv",
        HEADER,
        product_row("UJI-1", GOOD_1),
        product_row("UJI-2", TAKEN),
        product_row("UJI-3", GOOD_1, price="-1"),
        product_row("UJI-4", "12345"),
    )
    with pytest.raises(ImportRefused) as raised, db.write() as session:
        import_products(session, read_table(path), NOW, actor=OWNER)
    messages = [ID.phrase(p.phrase()) for p in raised.value.problems]
    assert messages == [
        f"baris 3, Barcode: Barcode {TAKEN} sudah dipakai barang BRS-SPHP5.",
        "baris 4, Harga: '-1' negatif; harus 0 atau lebih",
        "baris 5, Barcode: Barcode '12345' tidak sah: 8, 12 atau 13 angka.",
    ]
    assert str(raised.value).startswith("3 masalah di file")


def test_missing_required_column(db: Database, runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "produk.csv", "code,name,category,unit", "UJI-1,Barang,Uji,pcs")
    before = counts(db)
    with pytest.raises(GeraiError) as raised, db.write() as session:
        import_products(session, read_table(path), NOW, actor=OWNER)
    assert raised.value.key == "import.missing_columns"
    result = gerai(runner, db, "products", "import", str(path))
    assert result.exit_code == 1
    # the columns by the headings a person reads in the template, not the field names
    said = result.stderr.strip().splitlines()
    assert said[0].startswith("Galat: Kolom tidak ada: Harga. Kolom yang dikenal: Kode, Barcode, ")
    assert "Harga anggota, HPP, HET" in said[0] and "price" not in said[0], said
    assert counts(db) == before


def test_missing_columns_of_members_and_opening_stock_are_named_by_their_headings(
    db: Database, runner: CliRunner, tmp_path: Path
) -> None:
    members = write(tmp_path / "anggota.csv", "Nama,NIK", "Siti,3201010101010099")
    result = gerai(runner, db, "members", "import", str(members))
    assert result.exit_code == 1
    assert "Kolom tidak ada: Nomor anggota. Kolom yang dikenal: Nomor anggota, " in result.stderr
    opening = write(tmp_path / "stok.csv", "Kode", "UJI-1")
    result = gerai(runner, db, "stock", "opening", str(opening))
    assert result.exit_code == 1
    assert "Kolom tidak ada: Stok awal. Kolom yang dikenal: Kode, Stok awal." in result.stderr


def test_not_utf8_file_is_refused_with_its_line(
    db: Database, runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "produk.csv"
    text = "\n".join([HEADER, product_row("UJI-1"), product_row("UJI-2", name="Kopi Toraja é")])
    path.write_bytes((text + "\n").encode("latin-1"))
    before = counts(db)
    with pytest.raises(GeraiError) as raised:
        read_table(path)
    assert raised.value.key == "io.not_utf8"
    assert raised.value.params["line"] == 3
    result = gerai(runner, db, "products", "import", str(path))
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert "UTF-8" in line and "baris 3" in line
    assert counts(db) == before


def test_broken_json_is_refused_with_its_line(
    db: Database, runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "produk.json"
    path.write_text('[\n  {"code": "UJI-1", "name": "Barang",\n  "price": 5000\n', "utf-8")
    before = counts(db)
    with pytest.raises(GeraiError) as raised:
        read_table(path)
    assert raised.value.key == "io.bad_json"
    assert raised.value.params["line"] == 4
    result = gerai(runner, db, "products", "import", str(path))
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Galat: JSON di ") and "rusak (baris 4)" in line
    assert counts(db) == before


def test_json_that_is_not_a_list_of_objects(
    db: Database, runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "produk.json"
    path.write_text('{"code": "UJI-1"}', "utf-8")
    result = gerai(runner, db, "products", "import", str(path))
    assert result.exit_code == 1
    assert "daftar objek" in result.stderr


def test_a_file_that_is_not_a_workbook(db: Database, runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "produk.xlsx"
    path.write_bytes(b"this is not a zip file")
    before = counts(db)
    result = gerai(runner, db, "products", "import", str(path))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Galat: {path} bukan file Excel (.xlsx) yang sah."
    ]
    assert counts(db) == before


def test_missing_import_file(db: Database, runner: CliRunner, tmp_path: Path) -> None:
    result = gerai(runner, db, "products", "import", str(tmp_path / "tidak-ada.csv"))
    assert result.exit_code == 1
    assert "tidak bisa dibaca" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_file_format(db: Database, runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "produk.txt", HEADER)
    result = gerai(runner, db, "products", "import", str(path))
    assert result.exit_code == 1
    assert "csv, xlsx, json" in result.stderr


def test_row_numbers_count_records_as_a_spreadsheet_does(db: Database, tmp_path: Path) -> None:
    """A quoted cell holding a line break is one spreadsheet row, not two."""
    path = tmp_path / "anggota.csv"
    path.write_text(
        "number,name,nik,address\n"
        'A-1,Ani,,"Dusun Pattene\nRT 02/RW 02"\n'
        "A-2,Budi,123456789012345,Dusun Tanete\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportRefused) as raised, db.write() as session:
        import_members(session, read_table(path), date(2025, 11, 30))
    assert [(p.row, p.column) for p in raised.value.problems] == [(3, "nik")]


# --- --skip-bad ----------------------------------------------------------------------------


def test_skip_bad_imports_only_the_good_rows(
    db: Database, runner: CliRunner, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "produk.csv",
        HEADER,
        product_row("UJI-1", GOOD_1),
        product_row("UJI-2", TAKEN),
        product_row("UJI-3", GOOD_3, price="abc"),
        product_row("UJI-4", GOOD_2),
        product_row("UJI-5", price="20000", het="15000"),
    )
    before = counts(db)
    result = gerai(runner, db, "products", "import", "--skip-bad", str(path))
    assert result.exit_code == 0, result.output
    summary, opening = result.stdout.splitlines()
    assert summary == "2 baru, 0 diperbarui, 3 baris dilewati."
    assert re.fullmatch(r"Stok awal dicatat: SA-\d{8}-001\.", opening), opening
    problems = result.stderr.splitlines()
    assert [line.split(",")[0] for line in problems] == ["baris 3", "baris 4", "baris 6"]
    after = counts(db)
    assert after["product"] == before["product"] + 2
    assert after["barcode"] == before["barcode"] + 2
    assert after["stockmovement"] == before["stockmovement"] + 2  # opening stock of each
    with db.read() as session:
        codes = {row["code"] for row in export_products(session)}
    assert {"UJI-1", "UJI-4"} <= codes
    assert not {"UJI-2", "UJI-3", "UJI-5"} & codes


def test_skip_bad_through_the_service(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path / "p.csv", HEADER, product_row("UJI-1"), product_row("UJI-2", "1"))
    with db.write() as session:
        report = import_products(session, read_table(path), NOW, actor=OWNER, skip_bad=True)
    assert (report.created, report.updated) == (1, 0)
    assert [(p.row, p.column, p.error.key) for p in report.skipped] == [
        (3, "barcodes", "product.bad_barcode")
    ]


def test_reimporting_updates_prices_and_an_empty_stock_cell_keeps_the_stock(
    db: Database, tmp_path: Path
) -> None:
    first = write(tmp_path / "a.csv", HEADER, product_row("UJI-1", GOOD_1, stock="10"))
    second = write(tmp_path / "b.csv", HEADER, product_row("UJI-1", GOOD_2, "6000", stock=""))
    with db.write() as session:
        assert import_products(session, read_table(first), NOW, actor=OWNER).created == 1
    with db.write() as session:
        report = import_products(session, read_table(second), NOW, actor=OWNER)
    assert (report.created, report.updated, report.opening) == (0, 1, "")
    with db.read() as session:
        [row] = [r for r in export_products(session) if r["code"] == "UJI-1"]
    assert (row["price"], row["stock"], row["barcodes"]) == (6000, "10", [GOOD_2])
    ledger = raw(
        db,
        "SELECT m.kind, m.ref, m.qty FROM stockmovement m JOIN product p ON p.id = m.product_id "
        "WHERE p.code = 'UJI-1' ORDER BY m.id",
    )
    assert ledger == [("opening", "SA-20251130-002", 10_000)]  # SA-...-001: the demo's


def test_opening_stock_for_a_product_whose_stock_moved_is_refused_and_nothing_written(
    db: Database, runner: CliRunner, tmp_path: Path
) -> None:
    first = write(tmp_path / "a.csv", HEADER, product_row("UJI-1", stock="10"))
    second = write(
        tmp_path / "b.csv",
        HEADER,
        product_row("UJI-2", stock="3"),
        product_row("UJI-1", price="6000", stock="7"),
        product_row("AQA-600", price="6000", stock=""),
    )
    with db.write() as session:
        import_products(session, read_table(first), NOW, actor=OWNER)
    before = counts(db)
    documents = raw(db, "SELECT * FROM openingstock")
    with pytest.raises(ImportRefused) as refused, db.write() as session:
        import_products(session, read_table(second), NOW, actor=OWNER)
    assert [(p.row, p.column, p.error.key) for p in refused.value.problems] == [
        (3, "stock", "import.stock_moved")
    ]
    result = gerai(runner, db, "products", "import", str(second))
    assert result.exit_code == 1
    assert (
        "baris 3, Stok awal: UJI-1 sudah punya mutasi stok (stok sekarang 10 pcs): stok awal hanya"
        in result.output
    ), result.output
    assert "Traceback" not in result.output
    assert counts(db) == before
    assert raw(db, "SELECT * FROM openingstock") == documents
    assert raw(db, "SELECT price, stock FROM product WHERE code = 'UJI-1'") == [(5000, 10_000)]


def test_a_product_imported_without_stock_takes_its_opening_stock_later(
    db: Database, tmp_path: Path
) -> None:
    first = write(tmp_path / "a.csv", HEADER, product_row("UJI-1", stock=""))
    second = write(tmp_path / "b.csv", HEADER, product_row("UJI-1", stock="4"))
    with db.write() as session:
        assert import_products(session, read_table(first), NOW, actor=OWNER).opening == ""
    assert raw(db, "SELECT stock FROM product WHERE code = 'UJI-1'") == [(0,)]
    with db.write() as session:
        report = import_products(session, read_table(second), NOW, actor=OWNER)
    assert report.opening == "SA-20251130-002"
    assert raw(
        db,
        "SELECT m.kind, m.ref, m.qty FROM stockmovement m JOIN product p ON p.id = m.product_id "
        "WHERE p.code = 'UJI-1'",
    ) == [("opening", "SA-20251130-002", 4_000)]
    assert raw(
        db,
        "SELECT products, value, created_by FROM openingstock WHERE number = :n",
        n=report.opening,
    ) == [(1, 16_000, "admin")]


# --- round trips ---------------------------------------------------------------------------


@pytest.fixture
def fresh(empty_db: Database) -> Database:
    """A new shop's database, on the same engine as `db`."""
    return empty_db


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_products_round_trip_through_the_services(
    db: Database, fresh: Database, tmp_path: Path, fmt: str
) -> None:
    with db.read() as session:
        original = export_products(session)
    assert len(original) == 113
    path = tmp_path / f"produk.{fmt}"
    with path.open("wb") as out:
        write_table(out, fmt, PRODUCT_COLUMNS, original, sheet="produk")
    with fresh.write() as session:  # a new shop: no users yet, the command line's operator
        report = import_products(session, read_table(path), NOW, actor=SYSTEM)
    assert (report.created, report.updated, report.skipped) == (113, 0, [])
    with fresh.read() as session:
        assert export_products(session) == original
    # importing the same file again changes nothing
    with fresh.write() as session:
        again = import_products(session, read_table(path), NOW, actor=SYSTEM)
    assert (again.created, again.updated) == (0, 113)
    with fresh.read() as session:
        assert export_products(session) == original
    assert counts(fresh)["stockmovement"] == sum(1 for r in original if r["stock"] != "0")


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_products_round_trip_through_the_cli(
    db: Database, fresh: Database, runner: CliRunner, tmp_path: Path, fmt: str
) -> None:
    first = tmp_path / f"satu.{fmt}"
    second = tmp_path / f"dua.{fmt}"
    result = gerai(runner, db, "products", "export", "--format", fmt, "--output", str(first))
    assert result.exit_code == 0, result.output
    result = gerai(runner, fresh, "products", "import", str(first))
    assert result.exit_code == 0, result.output
    summary, opening = result.stdout.splitlines()
    assert summary == "113 baru, 0 diperbarui, 0 baris dilewati."
    assert re.fullmatch(r"Stok awal dicatat: SA-\d{8}-001\.", opening), opening
    result = gerai(runner, fresh, "products", "export", "--format", fmt, "--output", str(second))
    assert result.exit_code == 0, result.output
    if fmt == "xlsx":
        assert read_table(first) == read_table(second)
    else:
        assert first.read_bytes() == second.read_bytes()
    if fmt == "json":
        rows = json.loads(first.read_text("utf-8"))
        [sphp] = [r for r in rows if r["code"] == "BRS-SPHP5"]
        assert sphp["barcodes"] == ["8991201000178", "8991201000246"]
        assert (sphp["price"], sphp["het"], sphp["max_per_sale"]) == (62500, 62500, "2")


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_members_round_trip(
    db: Database, fresh: Database, runner: CliRunner, tmp_path: Path, fmt: str
) -> None:
    with db.read() as session:
        original = export_members(session)
    assert len(original) == 45
    path = tmp_path / f"anggota.{fmt}"
    result = gerai(runner, db, "members", "export", "--format", fmt, "--output", str(path))
    assert result.exit_code == 0, result.output
    result = gerai(runner, fresh, "members", "import", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "45 baru, 0 diperbarui, 0 baris dilewati."
    with fresh.read() as session:
        assert export_members(session) == original
    [first] = [m for m in original if m["number"] == "KKMP-0001"]
    assert first["phone"] == "081249643411"  # the leading zero survives every format
    assert first["nik"] == "7309064502640026"


def test_member_with_a_15_digit_nik_is_refused(
    db: Database, runner: CliRunner, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "anggota.csv",
        ",".join(MEMBER_COLUMNS),
        "KKMP-9001,Baru Satu,7309064502640099,0811,Dusun A,2025-11-01,1,0",
        "KKMP-9002,Baru Dua,730906450264009,0812,Dusun B,2025-11-01,1,0",
    )
    before = counts(db)
    with pytest.raises(ImportRefused) as raised, db.write() as session:
        import_members(session, read_table(path), date(2025, 11, 30))
    [problem] = raised.value.problems
    assert (problem.row, problem.column, problem.error.key) == (3, "nik", "member.bad_nik")
    assert "15 digit" in ID.phrase(problem.phrase()) and "16 digit" in ID.phrase(problem.phrase())
    result = gerai(runner, db, "members", "import", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith("baris 3, NIK: NIK '730906450264009' punya 15")
    assert counts(db) == before
    result = gerai(runner, db, "members", "import", "--skip-bad", str(path))
    assert result.exit_code == 0
    assert result.stdout.strip() == "1 baru, 0 diperbarui, 1 baris dilewati."
    assert counts(db)["member"] == before["member"] + 1


@pytest.mark.parametrize(
    ("row", "column", "key"),
    [
        ("KKMP-9001,Baru,,,Dusun A,2025-13-01,1,0", "join_date", "import.bad_date"),
        ("KKMP-9001,Baru,,,Dusun A,2025-11-01,mungkin,0", "active", "import.bad_flag"),
        ("KKMP-9001,Baru,,,Dusun A,2025-11-01,1,-5", "credit_limit", "import.negative"),
        (",Baru,,,Dusun A,2025-11-01,1,0", "number", "import.required"),
        ("KKMP-0001,Dobel,,,Dusun A,2025-11-01,1,0\nkkmp-0001,Lagi,,,,,1,0", "number",
         "import.duplicate_in_file"),
    ],
)  # fmt: skip
def test_bad_member_rows(db: Database, tmp_path: Path, row: str, column: str, key: str) -> None:
    path = write(tmp_path / "anggota.csv", ",".join(MEMBER_COLUMNS), row)
    before = counts(db)
    with pytest.raises(ImportRefused) as raised, db.write() as session:
        import_members(session, read_table(path), date(2025, 11, 30))
    assert [(p.column, p.error.key) for p in raised.value.problems] == [(column, key)]
    assert counts(db) == before


def test_a_cell_repeated_down_the_file_is_refused_on_every_row_and_read_alike(
    db: Database, tmp_path: Path
) -> None:
    """Each distinct cell of a repeating column is parsed once per file: a bad one must still
    be refused on every row it is in, and a good one give every row the same values."""
    path = write(
        tmp_path / "p.csv", HEADER,
        product_row("UJI-1", price="5.000"), product_row("UJI-2", price="-5"),
        product_row("UJI-3", price="5000"), product_row("UJI-4", price="-5"),
        product_row("UJI-5", price="5000", unit="\x07kg"),
    )  # fmt: skip
    with db.write() as session:
        report = import_products(session, read_table(path), NOW, actor=OWNER, skip_bad=True)
    assert [(p.row, p.column, p.error.key) for p in report.skipped] == [
        (3, "price", "import.negative"),
        (5, "price", "import.negative"),
        (6, "unit", "text.control"),
    ]
    with db.read() as session:
        rows = {r["code"]: r for r in export_products(session) if r["code"].startswith("UJI")}
    assert sorted(rows) == ["UJI-1", "UJI-3"]
    assert rows["UJI-1"] | {"code": "", "name": ""} == rows["UJI-3"] | {"code": "", "name": ""}
    assert rows["UJI-1"]["price"] == 5000 and rows["UJI-1"]["reorder_level"] == "5"
