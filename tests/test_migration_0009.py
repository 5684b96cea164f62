"""Migration 0009 (price decrees, shelf labels) upgrades a shop's 0008 database in place: two
new tables, nothing rebuilt, the audit intact."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from gerai.cli import main
from gerai.db import Database
from gerai.demo.generate import load_catalogue
from gerai.paths import data_dir
from tests.conftest import NOW, raw
from tests.test_migration_0004 import assert_not_rebuilt, tables


def test_a_0008_database_is_upgraded_without_loss(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'toko.db'}")
    database.upgrade("0008")
    with database.write() as session:
        load_catalogue(session, data_dir(), NOW)
    assert database.path is not None
    before = tables(database.path)
    products = raw(database, "SELECT code, price, member_price, het FROM product ORDER BY code")

    result = CliRunner().invoke(main, ["--db", database.url, "db", "upgrade"])
    assert result.exit_code == 0, result.output

    database.check_ready()
    after = tables(database.path)
    assert {"scheduledprice", "printedlabel"} <= set(after) - set(before)
    assert_not_rebuilt(before, after)
    assert raw(database, "SELECT code, price, member_price, het FROM product ORDER BY code") == (
        products
    )
    verified = CliRunner().invoke(main, ["--db", database.url, "audit", "verify"])
    assert verified.exit_code == 0, verified.output
