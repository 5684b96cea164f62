"""Migration 0012 (the sale token) upgrades a shop's 0011 database in place: the sale table
gains a nullable `token` under a unique index, its rows kept, no table rebuilt."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from click.testing import CliRunner

from gerai.cli import main
from gerai.db import Database
from gerai.demo.generate import load_catalogue
from gerai.paths import data_dir
from tests.conftest import NOW, raw
from tests.test_migration_0004 import assert_not_rebuilt, tables

SALE = (
    "INSERT INTO sale (receipt_no, till, business_date, created_at, cashier, gross,"
    " member_discount, manual_discount, total, paid, change, status)"
    " VALUES ('K1-20251130-0001', 'K1', '2025-11-30', '2025-11-30 06:00:00.000000', 'kasir',"
    " 15700, 0, 0, 15700, 20000, 4300, 'completed')"
)


def test_a_0011_database_is_upgraded_without_loss(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'toko.db'}")
    database.upgrade("0011")
    with database.write() as session:
        load_catalogue(session, data_dir(), NOW)
    raw(database, SALE)
    assert database.path is not None
    before = tables(database.path)
    sales = raw(database, "SELECT * FROM sale")

    result = CliRunner().invoke(main, ["--db", database.url, "db", "upgrade"])
    assert result.exit_code == 0, result.output

    database.check_ready()
    after = tables(database.path)
    assert set(before) <= set(after)
    assert_not_rebuilt(before, after)
    assert raw(database, "SELECT * FROM sale") == [(*row, None) for row in sales]
    with closing(sqlite3.connect(database.path)) as connection:
        indexes = connection.execute("PRAGMA index_list('sale')").fetchall()
    assert any(name == "ix_sale_token" and unique for _, name, unique, *_ in indexes)
