"""The catalogue and members templates (issue 13): Indonesian headings, an example row,
drop-down lists and instructions; filled in and imported through the command line; a wrong
heading is refused naming what is expected."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from gerai.cli import main
from gerai.db import Database
from gerai.services.members.import_export import MEMBER_HEADINGS
from gerai.services.stock.import_export import PRODUCT_HEADINGS
from gerai.tabular import RUPIAH_FORMAT
from tests.conftest import raw


def gerai(runner: CliRunner, db: Database, *args: str) -> tuple[int, str]:
    result = runner.invoke(main, ["--db", db.url, *args])
    return result.exit_code, result.output


def test_the_catalogue_template_filled_in_is_imported(
    runner: CliRunner, catalogue_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "katalog.xlsx"
    code, said = gerai(runner, catalogue_db, "products", "template", "--output", str(path))
    assert code == 0, said
    book = load_workbook(path)
    sheet = book["Katalog"]
    headings = [cell.value for cell in sheet[1]]
    assert headings == list(PRODUCT_HEADINGS) and "Harga anggota" in headings
    assert sheet["G2"].value == 15_700 and sheet["G2"].number_format == RUPIAH_FORMAT
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert "D2:D1000" in lists  # Kategori: the shop's categories
    names = [name for (name,) in raw(catalogue_db, "SELECT name FROM category ORDER BY name")]
    assert [c.value for c in book["Daftar"]["D"] if c.value] == names
    assert [row[0].value for row in book["Petunjuk"].iter_rows(min_row=2)] == headings
    sheet.append(["KPI-TBR", None, "Kopi Tubruk Bontoa 250 g", "Minuman", "bks", "tidak",
                  18_000, 17_500, 15_000, None, None, "ppn", 5, 24, "ya"])  # fmt: skip
    sheet.delete_rows(2)  # the example row: MYK-1L is in the catalogue already
    book.save(path)
    code, said = gerai(runner, catalogue_db, "products", "import", str(path))
    assert code == 0, said
    assert raw(catalogue_db, "SELECT price, member_price, stock FROM product WHERE code = 'KPI-TBR'"
               ) == [(18_000, 17_500, 24_000)]  # fmt: skip


def test_the_members_template_filled_in_is_imported(
    runner: CliRunner, catalogue_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "anggota.xlsx"
    code, said = gerai(runner, catalogue_db, "members", "template", "--output", str(path))
    assert code == 0, said
    book = load_workbook(path)
    sheet = book["Anggota"]
    assert [cell.value for cell in sheet[1]] == list(MEMBER_HEADINGS)
    sheet.delete_rows(2)
    sheet.append(["KKMP-0900", "Daeng Baji", None, "081200000900", "Dusun Bontoa", None,
                  "ya", 100_000])  # fmt: skip
    book.save(path)
    code, said = gerai(runner, catalogue_db, "members", "import", str(path))
    assert code == 0, said
    assert raw(catalogue_db, "SELECT name, credit_limit FROM member WHERE number = 'KKMP-0900'"
               ) == [("Daeng Baji", 100_000)]  # fmt: skip


def test_a_wrong_heading_names_what_is_expected(
    runner: CliRunner, catalogue_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "katalog.xlsx"
    gerai(runner, catalogue_db, "products", "template", "--output", str(path))
    book = load_workbook(path)
    book["Katalog"]["G1"] = "Harga jual?"
    book.save(path)
    before = raw(catalogue_db, "SELECT count(*) FROM product")
    code, said = gerai(runner, catalogue_db, "products", "import", str(path))
    assert code == 1 and "Harga" in said and "Traceback" not in said
    assert raw(catalogue_db, "SELECT count(*) FROM product") == before
