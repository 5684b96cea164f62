"""Every error a shop can meet at the edges is one clear line, exit 1, no traceback: database
addresses gerai cannot use, an empty or newer database, a damaged SQLite file ("rusak"), a
CSV cell over the limit; control characters and future join dates are refused where they are
typed or imported."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import NOW, OWNER, copy_database, raw

from gerai.cli import main
from gerai.core.errors import GeraiError
from gerai.core.text import check_text
from gerai.core.words import Role
from gerai.db import Database
from gerai.services.members.import_export import parse_member_row
from gerai.services.members.register import MemberForm, MemberRefused, save_member
from gerai.services.shop.auth import create_user
from gerai.services.shop.profile import load_shop, save_shop_settings
from gerai.services.stock.products import ProductForm, ProductRefused, save_product
from gerai.services.stock.suppliers import add_supplier
from tests.pg import PgServer
from tests.test_cli import one_line_error
from tests.test_imports import HEADER, product_row, write


def gerai(runner: CliRunner, url: str, *args: str) -> Result:
    return runner.invoke(main, ["--db", url, *args])


# --- database addresses ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("foo://bar", "Alamat database 'foo://' tidak dikenal"),
        ("sqlite+nothing:///x.db", "Alamat database 'sqlite+nothing://' tidak dikenal"),
        ("mysql://kasir@localhost/gerai", "MySQL/MariaDB tidak didukung"),
        ("mariadb+pymysql://kasir@localhost/gerai", "MySQL/MariaDB tidak didukung"),
        ("postgresql://kasir@host:54x2/gerai", "Alamat database tidak sah"),
        ("sqlite://", "Alamat database tidak sah (sqlite:///FILE)"),
    ],
)
def test_addresses_gerai_cannot_use(runner: CliRunner, url: str, expected: str) -> None:
    for args in (["stock", "check"], ["db", "upgrade"], ["report", "daily"]):
        line = one_line_error(gerai(runner, url, *args))
        assert line.startswith(f"Galat: {expected}"), line
        assert "Driver PostgreSQL" not in line and "Keranjang" not in line


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("sslmode=bogus", 'invalid sslmode value: "bogus"'),
        ("bogus=1", 'invalid connection option "bogus"'),
        ("connect_timeout=soon", "bad value for connect_timeout"),
    ],
)
def test_bad_postgresql_options_are_named(
    pg_server: PgServer, runner: CliRunner, query: str, words: str
) -> None:
    line = one_line_error(gerai(runner, f"{pg_server.url}?{query}", "stock", "check"))
    assert "Pengaturan koneksi PostgreSQL" in line and words in line, line
    assert "Keranjang" not in line


def test_an_empty_database_asks_for_db_upgrade(
    request: pytest.FixtureRequest, engine: str, runner: CliRunner, tmp_path: Path
) -> None:
    if engine == "postgresql":
        server: PgServer = request.getfixturevalue("pg_server")
        url = server.create()
        request.addfinalizer(lambda: server.drop(url))
    else:
        path = tmp_path / "kosong.db"
        path.touch()
        url = str(path)
    line = one_line_error(gerai(runner, url, "stock", "check"))
    assert line.endswith("masih kosong; jalankan 'gerai db upgrade' untuk membuat tabel gerai.")
    assert gerai(runner, url, "db", "upgrade").exit_code == 0
    assert gerai(runner, url, "stock", "check").exit_code == 0


def test_a_database_newer_than_gerai_says_upgrade_gerai(
    catalogue_db: Database, runner: CliRunner
) -> None:
    raw(catalogue_db, "UPDATE alembic_version SET version_num = '0099'")
    catalogue_db.dispose()
    for args in (["stock", "check"], ["db", "upgrade"], ["products", "export", "--output", "-"]):
        line = one_line_error(gerai(runner, catalogue_db.url, *args))
        assert (
            "Gerai ini lebih tua dari database" in line and "(versi 0099): perbarui gerai" in line
        )
    assert raw(catalogue_db, "SELECT version_num FROM alembic_version") == [("0099",)]


def test_an_outdated_database_still_asks_for_db_upgrade(
    catalogue_db: Database, runner: CliRunner
) -> None:
    raw(catalogue_db, "UPDATE alembic_version SET version_num = '0004'")
    line = one_line_error(gerai(runner, catalogue_db.url, "stock", "check"))
    assert "jalankan 'gerai db upgrade'" in line


# --- a damaged SQLite file ------------------------------------------------------------------


def damage_index(path: Path, index: str) -> None:
    """Write garbage over the root page of `index` in the file, as a failing disk would."""
    with closing(sqlite3.connect(path)) as connection:
        [(page,)] = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (index,)
        )
        [(size,)] = connection.execute("PRAGMA page_size")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with path.open("r+b") as stream:
        stream.seek((page - 1) * size)
        stream.write(bytes((n * 37 + 11) % 256 for n in range(size)))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def shop_file(catalogue_file: Path, tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "toko.db"
    copy_database(catalogue_file, path)
    yield path


RUSAK = "rusak. Jangan dipakai lagi: pulihkan cadangan terakhir"


def test_a_damaged_index_of_a_table_read_first_is_found_at_start(
    shop_file: Path, runner: CliRunner, tmp_path: Path
) -> None:
    damage_index(shop_file, "ix_member_name")
    before = digest(shop_file)
    catalogue = write(tmp_path / "produk.csv", HEADER, product_row("UJI-1"))
    for args in (
        ["stock", "check"],
        ["audit", "verify"],
        ["report", "daily"],
        ["products", "import", str(catalogue)],
    ):
        line = one_line_error(gerai(runner, str(shop_file), *args))
        assert line == f"Galat: Database {shop_file} {RUSAK} ('gerai backup' membuatnya), " + (
            "lalu periksa dengan 'gerai stock check'."
        )
    assert digest(shop_file) == before  # nothing was written into it


@pytest.mark.parametrize("index", ["ix_product_name", "ix_stockmovement_product_id"])
def test_a_damaged_catalogue_or_ledger_index_is_found_by_the_checks_and_imports(
    shop_file: Path, runner: CliRunner, tmp_path: Path, index: str
) -> None:
    """Damage outside the tables checked at start: the cheap check lets the till open, the
    whole-file check of `stock check`, `audit verify` and an import finds it."""
    damage_index(shop_file, index)
    before = digest(shop_file)
    exported = gerai(runner, str(shop_file), "members", "export", "--output", "-")
    assert exported.exit_code == 0, exported.output
    catalogue = write(tmp_path / "produk.csv", HEADER, product_row("UJI-1"))
    for args in (["stock", "check"], ["audit", "verify"], ["products", "import", str(catalogue)]):
        assert RUSAK in one_line_error(gerai(runner, str(shop_file), *args))
    assert digest(shop_file) == before


# --- files ------------------------------------------------------------------------------------


def test_a_csv_cell_of_10_mb_is_refused_naming_its_row(
    db: Database, runner: CliRunner, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "produk.csv",
        HEADER,
        product_row("UJI-1"),
        product_row("UJI-2", name="x" * 10_000_000),
        product_row("UJI-3"),
    )
    before = raw(db, "SELECT count(*) FROM product")
    line = one_line_error(gerai(runner, db.url, "products", "import", str(path)))
    assert line == (f"Galat: {path} baris 3: ada sel lebih dari 131072 karakter; periksa file itu.")
    assert raw(db, "SELECT count(*) FROM product") == before


# --- control characters and dates -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lines", "char"),
    [
        ("Gula\x00pasir", False, "U+0000"),
        ("Gula\x1b[31m", True, "U+001B"),
        ("Gula\tpasir", False, "U+0009"),
        ("Jl. Mawar\n3", False, "U+000A"),
        ("Gula\x7f", True, "U+007F"),
        ("Gula\x85", True, "U+0085"),
        ("Jl. Mawar\u20283", True, "U+2028"),
    ],
)
def test_control_characters_are_refused(text: str, lines: bool, char: str) -> None:
    with pytest.raises(GeraiError) as refused:
        check_text(text, lines=lines)
    assert (refused.value.key, refused.value.params["char"]) == ("text.control", char)


def test_tabs_and_line_breaks_where_a_field_holds_lines() -> None:
    assert check_text("Jl. Mawar 3\r\nDesa\tSukamaju", lines=True) == (
        "Jl. Mawar 3\r\nDesa\tSukamaju"
    )
    assert check_text("Gula pasir — 1 kg, ½ harga", lines=False) == "Gula pasir — 1 kg, ½ harga"


def test_a_nul_in_an_imported_name_refuses_the_file(
    db: Database, runner: CliRunner, tmp_path: Path
) -> None:
    path = write(tmp_path / "produk.csv", HEADER, product_row("UJI-1", name="Gula\x00pasir"))
    result = gerai(runner, db.url, "products", "import", str(path))
    assert result.exit_code == 1
    assert "baris 2, Nama: berisi karakter kontrol U+0000" in result.stderr
    assert raw(db, "SELECT count(*) FROM product WHERE code = 'UJI-1'") == [(0,)]


def test_every_form_refuses_control_characters(db: Database) -> None:
    today = date(2025, 11, 30)
    with pytest.raises(ProductRefused) as product, db.write() as session:
        form = ProductForm(code="UJI-9", name="Kopi\x00", category="Minuman", price="1000")
        save_product(session, form, actor=OWNER, at=NOW)
    assert [(f, e.key) for f, e in product.value.problems] == [("name", "text.control")]
    with pytest.raises(MemberRefused) as member, db.write() as session:
        form_m = MemberForm(number="UJI-9", name="Siti\x1b", address="Jl. Mawar\n3")
        save_member(session, OWNER, form_m, now=NOW, today=today)
    assert [(f, e.key) for f, e in member.value.problems] == [("name", "text.control")]
    for refused in (
        lambda session: add_supplier(session, "CV Maju\x00"),
        lambda session: create_user(
            session, OWNER, "ani", Role.KASIR, "1234", now=NOW, full_name="A\x00"
        ),
        lambda session: save_shop_settings(session, OWNER, now=NOW, name="Gerai\nBaru"),
    ):
        with pytest.raises(GeraiError) as error, db.write() as session:
            refused(session)
        assert error.value.key == "text.control"
    with db.write() as session:
        save_shop_settings(session, OWNER, now=NOW, footer="Terima kasih\nSampai jumpa")
        save_member(
            session, OWNER, MemberForm(number="UJI-9", name="Siti", address="Jl. Mawar\n3"),
            now=NOW, today=today,
        )  # fmt: skip
    with db.read() as session:
        assert load_shop(session).footer == "Terima kasih\nSampai jumpa"


@pytest.mark.parametrize("joined", ["2999-01-01", "2025-12-01", date(2999, 1, 1)])
def test_a_member_cannot_join_in_the_future(joined: object) -> None:
    _values, problems = parse_member_row(
        {"number": "A-1", "name": "Siti", "join_date": joined}, date(2025, 11, 30)
    )
    assert [(column, e.key) for column, e in problems] == [("join_date", "import.future_date")]


def test_a_member_may_join_today(db: Database) -> None:
    values, problems = parse_member_row(
        {"number": "A-1", "name": "Siti", "join_date": "2025-11-30"}, date(2025, 11, 30)
    )
    assert problems == [] and values["join_date"] == date(2025, 11, 30)
