"""`gerai db copy` (a shop's whole database into another, verified before it commits) and
`gerai backup` (a consistent copy of a SQLite file while a till keeps selling)."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import select

from gerai import db_copy
from gerai.cli import main
from gerai.core.errors import GeraiError
from gerai.db import Database
from gerai.db_copy import SEEDED
from gerai.models import SALE, metadata
from gerai.services.cash.shifts import open_shift
from gerai.services.sale.cart import Cart
from gerai.services.sale.checkout import Tender, checkout
from gerai.services.shop.profile import load_shop, save_shop_settings
from gerai.services.stock.catalog import find_by_code
from gerai.services.stock.ledger import StockMismatch, stock_check
from tests.conftest import CASHIER, NOW, OPENING_CASH, OWNER, raw
from tests.pg import PgServer

GERAI = Path(sys.executable).with_name("gerai")


def gerai(runner: CliRunner, url: str, *args: str) -> Result:
    return runner.invoke(main, ["--db", url, *args])


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`gerai demo --days 3`: a shop with three days of sales and shifts."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    done = subprocess.run(
        [str(GERAI), "--db", str(path), "demo", "--days", "3"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return path


def everything(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, as gerai reads it, in primary-key order."""
    database = Database(url)
    with database.read() as session:
        tables = {
            table.name: [
                tuple(row)
                for row in session.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in metadata.sorted_tables
        }
    database.dispose()
    return tables


def sell(database: Database, code: str, till: str = "K1", at: datetime = NOW) -> str:
    """One sale of one `code`; its receipt number."""
    with database.write() as session:
        shop = load_shop(session)
        cart = Cart(
            global_discount_bp=shop.member_discount_bp,
            allow_negative_stock=shop.allow_negative_stock,
        )
        product = find_by_code(session, code)
        assert product is not None
        cart.add(product)
        return checkout(
            session, cart, [Tender("tunai")], till=till, actor=CASHIER, now=at
        ).receipt_no


# --- db copy ---------------------------------------------------------------------------------


def test_a_demo_shop_goes_to_postgresql_and_back_unchanged(
    demo_file: Path, pg_server: PgServer, runner: CliRunner, tmp_path: Path
) -> None:
    """SQLite → PostgreSQL → SQLite: every row of every table arrives as it left, the report
    says so, and the copy keeps working (ids and receipt numbers go on after the copied ones)."""
    source = f"sqlite:///{demo_file}"
    target = pg_server.create()
    result = gerai(runner, source, "--lang", "en", "db", "copy", "--to", target)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    rows = sum(len(r) for r in everything(source).values())
    assert lines[0] == f"{len(metadata.tables)} tables, {rows} rows copied."
    assert lines[1].startswith("The total of all sales is the same in both databases: Rp")
    assert lines[2].endswith("complete: row counts, sales total and the stock check agree.")
    back = tmp_path / "kembali.db"
    result = gerai(runner, target, "db", "copy", "--to", str(back))
    assert result.exit_code == 0, result.output
    original = everything(source)
    assert everything(target) == original
    assert everything(f"sqlite:///{back}") == original
    [(total,)] = raw(Database(target), "SELECT sum(total) FROM sale")
    assert total == sum(row[SALE.c.keys().index("total")] for row in original["sale"])
    assert gerai(runner, target, "stock", "check").exit_code == 0

    # the copy sells on: ids after the copied ones, receipt numbers after the day's last
    copied = Database(target)
    [(last_id, till, created_at, last_receipt)] = raw(
        copied, "SELECT id, till, created_at, receipt_no FROM sale ORDER BY id DESC LIMIT 1"
    )
    at = datetime.fromisoformat(created_at).replace(tzinfo=UTC)
    if not raw(copied, "SELECT id FROM shift WHERE till = :t AND status = 'open'", t=till):
        with copied.write() as session:
            open_shift(session, till, CASHIER, OPENING_CASH, at, load_shop(session))
    receipt = sell(copied, "AQA-600", till=till, at=at)
    prefix, number = last_receipt.rsplit("-", 1)
    assert receipt == f"{prefix}-{int(number) + 1:04d}"
    assert raw(copied, "SELECT id FROM sale WHERE receipt_no = :r", r=receipt) == [(last_id + 1,)]
    copied.dispose()


def test_the_copy_refuses_a_target_that_holds_data(
    db: Database, empty_db: Database, runner: CliRunner
) -> None:
    sell(db, "AQA-600")
    before = everything(db.url)
    result = gerai(runner, empty_db.url, "db", "copy", "--to", db.url)
    assert result.exit_code == 1
    assert re.match(r"Galat: Database tujuan tidak kosong \(tabel \w+: \d+ baris\)", result.stderr)
    assert "Traceback" not in result.output
    assert everything(db.url) == before
    result = gerai(runner, db.url, "--lang", "en", "db", "copy", "--to", db.url)
    assert result.exit_code == 1
    assert "The target is the source database itself" in result.stderr


def test_a_copy_that_does_not_verify_writes_nothing(
    db: Database, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    sell(db, "AQA-600")
    wrong = StockMismatch("AQA-600", "Aqua 600 ml", Decimal(1), Decimal(2))
    monkeypatch.setattr(db_copy, "stock_check", lambda session: [wrong])
    target = tmp_path / "salinan.db"
    result = gerai(runner, db.url, "--lang", "en", "db", "copy", "--to", str(target))
    assert result.exit_code == 1
    assert "AQA-600 Aqua 600 ml: stock 1, sum of movements 2" in result.stderr
    assert result.stderr.rstrip().endswith(
        "The copy does not match its source; nothing was written."
    )
    assert all(
        rows == [] for name, rows in everything(f"sqlite:///{target}").items() if name not in SEEDED
    )


def test_a_value_postgresql_cannot_hold_refuses_the_whole_copy(
    catalogue_file: Path, pg_server: PgServer, tmp_path: Path, runner: CliRunner
) -> None:
    """SQLite does not enforce text lengths; PostgreSQL does. The copy names the table and
    leaves the target empty."""
    path = tmp_path / "toko.db"
    with closing(sqlite3.connect(catalogue_file)) as src, closing(sqlite3.connect(path)) as dst:
        src.backup(dst)
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE member SET nik = '12345678901234567890' WHERE number = 'KKMP-0001'")
    target = pg_server.create()
    result = gerai(runner, str(path), "--lang", "en", "db", "copy", "--to", target)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Table member cannot be copied: value too long")
    assert result.stderr.rstrip().endswith("Nothing was written.")
    assert all(rows == [] for name, rows in everything(target).items() if name not in SEEDED)


# --- backup ----------------------------------------------------------------------------------


def whole_sales(path: Path) -> int:
    """The sales in a SQLite file, each checked whole: its lines, payments and movements."""
    database = Database(f"sqlite:///{path}")
    database.check_ready()
    with database.read() as session:
        assert stock_check(session) == []
    broken = raw(
        database,
        "SELECT s.id FROM sale s WHERE s.total != (SELECT coalesce(sum(amount), 0) FROM payment "
        "WHERE sale_id = s.id) OR (SELECT count(*) FROM saleline WHERE sale_id = s.id) != "
        "(SELECT count(*) FROM stockmovement WHERE sale_id = s.id) OR NOT EXISTS "
        "(SELECT 1 FROM saleline WHERE sale_id = s.id)",
    )
    assert broken == []
    [(count,)] = raw(database, "SELECT count(*) FROM sale")
    database.dispose()
    return int(count)


@pytest.mark.sqlite_only("a backup file is a SQLite copy; PostgreSQL is backed up by pg_dump")
def test_backups_taken_while_a_till_sells_are_whole(
    db: Database, runner: CliRunner, tmp_path: Path
) -> None:
    with db.write() as session:  # the shelf never runs out, however slow the backups
        save_shop_settings(session, OWNER, now=NOW, allow_negative_stock=True)
    selling = threading.Event()
    stop = threading.Event()
    sold: list[str] = []

    def till() -> None:
        other = Database(db.url)  # a connection of its own, as another till's
        while not stop.is_set():
            sold.append(sell(other, "AQA-600"))
            selling.set()
        other.dispose()

    worker = threading.Thread(target=till)
    worker.start()
    try:
        assert selling.wait(30)
        counts = []
        for n in range(5):
            target = tmp_path / f"cadangan-{n}.db"
            result = gerai(runner, db.url, "backup", "--output", str(target))
            assert result.exit_code == 0, result.output
            assert result.stdout.startswith(f"Cadangan database tersimpan di {target} (")
            assert target.stat().st_mode & 0o777 == 0o600
            counts.append(whole_sales(target))
    finally:
        stop.set()
        worker.join()
    assert counts == sorted(counts) and counts[-1] > 0
    assert counts[-1] < len(sold)  # the till went on selling after the last backup
    assert whole_sales(db.path) == len(sold)  # type: ignore[arg-type]
    assert not list(tmp_path.glob(".gerai-backup-*"))  # no temporary file left behind


@pytest.mark.sqlite_only("a backup file is a SQLite copy")
def test_backup_defaults_to_a_dated_file_beside_the_database(
    db: Database, runner: CliRunner
) -> None:
    assert db.path is not None
    result = gerai(runner, db.url, "backup")
    assert result.exit_code == 0, result.output
    [made] = db.path.parent.glob(f"{db.path.stem}-backup-*.db")
    assert len(made.stem.rsplit("-backup-", 1)[1]) == len("20251130-143200")
    assert whole_sales(made) == 0
    stdout = gerai(runner, db.url, "backup", "--output", "-")
    assert stdout.exit_code == 0
    assert stdout.stdout_bytes.startswith(b"SQLite format 3\x00")


def test_backup_of_postgresql_points_to_pg_dump(
    db: Database, engine: str, runner: CliRunner, tmp_path: Path
) -> None:
    result = gerai(runner, db.url, "--lang", "en", "backup", "--output", str(tmp_path / "x.db"))
    if engine == "sqlite":
        assert result.exit_code == 0
        return
    assert result.exit_code == 1
    assert "is a PostgreSQL database: back it up with pg_dump, e.g. pg_dump -Fc" in result.stderr
    assert not (tmp_path / "x.db").exists()


@pytest.mark.sqlite_only("a backup file is a SQLite copy")
def test_a_backup_that_cannot_be_written_leaves_nothing(
    db: Database, runner: CliRunner, tmp_path: Path
) -> None:
    result = gerai(runner, db.url, "backup", "--output", str(tmp_path / "tidak-ada" / "x.db"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Galat: ")
    assert "Traceback" not in result.output
    assert not (tmp_path / "tidak-ada").exists()
    with pytest.raises(GeraiError):
        db_copy.backup_sqlite(db, tmp_path / "tidak-ada" / "x.db")


def test_demo_fills_an_empty_postgresql_database_and_never_drops_one(
    pg_server: PgServer, runner: CliRunner
) -> None:
    url = pg_server.create()
    result = gerai(runner, url, "demo", "--days", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Database demo siap di {url}: 113 barang, 45 anggota, ")
    assert gerai(runner, url, "stock", "check").exit_code == 0
    before = everything(url)
    again = gerai(runner, url, "--lang", "en", "demo", "--days", "1")
    assert again.exit_code == 1
    assert "already holds a demo; for a new demo create an empty database" in again.stderr
    assert everything(url) == before
