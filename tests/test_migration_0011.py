"""Migration 0011 (kas bendahara) upgrades a shop's 0010 database in place: one new table,
nothing rebuilt, the shifts kept, the audit intact."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from gerai.cli import main
from gerai.db import Database
from gerai.demo.generate import create_demo_users, load_catalogue
from gerai.paths import data_dir
from gerai.services.cash.shifts import close_shift, open_shift
from gerai.services.shop.profile import load_shop
from tests.conftest import NOW, TREASURER, raw
from tests.test_migration_0004 import assert_not_rebuilt, tables


def test_a_0010_database_is_upgraded_without_loss(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'toko.db'}")
    database.upgrade("0010")
    with database.write() as session:
        load_catalogue(session, data_dir(), NOW)
        create_demo_users(session, NOW)
        shift = open_shift(session, "K1", TREASURER, 250_000, NOW, load_shop(session))
        assert shift.id is not None
        close_shift(session, shift.id, {50_000: 5}, "", TREASURER, NOW)
    assert database.path is not None
    before = tables(database.path)
    shifts = raw(database, "SELECT id, opening_cash, counted_cash, status FROM shift")

    result = CliRunner().invoke(main, ["--db", database.url, "db", "upgrade"])
    assert result.exit_code == 0, result.output

    database.check_ready()
    after = tables(database.path)
    assert "kasentry" in set(after) - set(before)
    assert_not_rebuilt(before, after)
    assert raw(database, "SELECT id, opening_cash, counted_cash, status FROM shift") == shifts
    assert raw(database, "SELECT count(*) FROM kasentry") == [(0,)]
    verified = CliRunner().invoke(main, ["--db", database.url, "audit", "verify"])
    assert verified.exit_code == 0, verified.output
