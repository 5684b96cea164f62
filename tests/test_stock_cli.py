"""The stock commands: `gerai stock card` (CSV and PDF), `gerai stock low`, `gerai stock
check`, and the catalogue's round trip through CSV, XLSX and JSON after receiving, repacking
and counting (exact quantities, stock included, the ledger still proven)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from gerai.cli import main
from gerai.db import Database
from gerai.services.shop.profile import ShopProfile
from gerai.services.stock.card import CARD_COLUMNS
from gerai.services.stock.catalog import find_by_code
from gerai.services.stock.count import confirm_count, write_off
from gerai.services.stock.import_export import PRODUCT_HEADINGS, export_products
from gerai.services.stock.products import ProductForm, product_form, save_product
from gerai.services.stock.receiving import ReceiveLine, receive_goods
from gerai.services.stock.repack import repack
from gerai.tabular import read_table
from tests.conftest import NOW, OWNER
from tests.stock_helpers import product, supplier


def gerai(runner: CliRunner, database: Database, *args: str) -> Result:
    return runner.invoke(main, ["--db", database.url, *args])


@pytest.fixture
def worked(db: Database, shop: ShopProfile) -> Database:
    """The catalogue after a delivery, a repack into loose rice, a count and a write-off, with
    a price changed: fractional stock, new HPP, every kind of document."""
    supplier_id = supplier(db)
    with db.write() as session:
        receive_goods(
            session,
            supplier_id,
            "SJ-1",
            [
                ReceiveLine("MYK-1L", "2", "170000", pack="karton=12"),
                ReceiveLine("GLA-KG", "1", "400000", pack="sak=25"),
            ],
            actor=OWNER,
            at=NOW,
        )
        repack(session, "BRS-MED10", 1, "BRS-MED-KG", 10, "9,875", actor=OWNER, at=NOW, shop=shop)
        confirm_count(
            session, [("GLA-KG", "124,5")], "tumpah", "Gula", actor=OWNER, at=NOW, shop=shop
        )
        write_off(session, "MYK-1L", 2, "bocor", actor=OWNER, at=NOW, shop=shop)
        sphp = find_by_code(session, "BRS-SPHP5")
        assert sphp is not None
        form = product_form(session, sphp.id).__dict__
        cheaper = ProductForm(**{**form, "price": "62000"})
        save_product(session, cheaper, actor=OWNER, at=NOW, product_id=sphp.id)
    return db


def test_the_stock_card_as_csv_on_stdout(
    worked: Database, runner: CliRunner, tmp_path: Path
) -> None:
    result = gerai(runner, worked, "stock", "card", "MYK-1L")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == CARD_COLUMNS
    assert [(r["kind"], r["ref"], r["in"], r["out"], r["balance"]) for r in rows] == [
        ("Stok awal", "SA-20251130-001", "144", "", "144"),
        ("Barang masuk", "BM-20251130-001", "24", "", "168"),
        ("Penyesuaian", "HP-20251130-001", "", "2", "166"),
    ]
    assert rows[1]["date"] == "30-11-2025" and rows[1]["time"] == "14.32 WITA"
    assert product(worked, "MYK-1L").stock == 166
    # by barcode, in English, to a file
    target = tmp_path / "kartu.csv"
    result = gerai(runner, worked, "--lang", "en", "stock", "card", "8996114000246",
                   "--output", str(target))  # fmt: skip
    assert result.exit_code == 0, result.output
    text = target.read_text("utf-8")
    assert "Received,BM-20251130-001" in text
    assert text.startswith("Date,Time,Kind,Reference,Note,In,Out,Balance\n")  # people's headings
    people = gerai(runner, worked, "--lang", "id", "stock", "card", "MYK-1L")
    assert people.stdout.startswith("Tanggal,Waktu,Jenis,Referensi,Keterangan,Masuk,Keluar,Saldo\n")


def test_the_stock_card_as_pdf(
    worked: Database, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = gerai(runner, worked, "stock", "card", "BRS-MED-KG", "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "kartu-stok-BRS-MED-KG.pdf").read_bytes().startswith(b"%PDF")
    assert result.stderr == "kartu-stok-BRS-MED-KG.pdf\n"


def test_the_stock_card_of_an_unknown_code(worked: Database, runner: CliRunner) -> None:
    result = gerai(runner, worked, "stock", "card", "TIDAK-ADA")
    assert result.exit_code == 1
    assert result.stderr == (
        "Galat: Kode 'TIDAK-ADA' tidak dikenal: bukan kode atau barcode barang mana pun.\n"
    )


def test_stock_low_lists_what_is_at_or_below_its_level(worked: Database, runner: CliRunner) -> None:
    result = gerai(runner, worked, "stock", "low")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[-1].endswith("barang pada atau di bawah stok minimum.")
    count = int(lines[-1].split()[0])
    assert count == len(lines) - 1
    assert all("(minimum " in line for line in lines[:-1])


def test_stock_check_still_proves_the_ledger(worked: Database, runner: CliRunner) -> None:
    result = gerai(runner, worked, "stock", "check")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Stok 113 barang sama dengan jumlah mutasinya.\n"


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_the_worked_catalogue_round_trips_exactly(
    worked: Database, empty_db: Database, runner: CliRunner, tmp_path: Path, fmt: str
) -> None:
    first, second = tmp_path / f"satu.{fmt}", tmp_path / f"dua.{fmt}"
    result = gerai(runner, worked, "products", "export", "--format", fmt, "--output", str(first))
    assert result.exit_code == 0, result.output
    result = gerai(runner, empty_db, "products", "import", str(first))
    assert result.exit_code == 0, result.output
    result = gerai(runner, empty_db, "products", "export", "--format", fmt, "--output", str(second))
    assert result.exit_code == 0, result.output
    with worked.read() as session:
        original = export_products(session)
    with empty_db.read() as session:
        assert export_products(session) == original
    assert read_table(first) == read_table(second)
    # XLSX is for people: the import's own Indonesian headings (`Kode`, `HPP`), read back as fields
    rows = {row["code"]: row for row in read_table(first).renamed(PRODUCT_HEADINGS).rows}
    assert str(rows["BRS-MED-KG"]["stock"]) == "209.875"
    assert str(rows["GLA-KG"]["stock"]) == "124.5"
    assert int(rows["GLA-KG"]["cost"]) == product(worked, "GLA-KG").cost == 16_080
    assert int(rows["BRS-SPHP5"]["price"]) == 62_000
    assert gerai(runner, empty_db, "stock", "check").exit_code == 0
