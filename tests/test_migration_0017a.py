"""Migration 0017a (audit checkpoints) upgrades a shop's 0016 database in place: one new table,
nothing rebuilt, its sales and audit trail kept; the first verify after it is a full one and
leaves the shop's first checkpoint, the next checks only what came since."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from gerai.cli import main
from gerai.db import Database
from gerai.demo.generate import create_demo_users, load_catalogue
from gerai.paths import data_dir
from gerai.services.cash.shifts import open_shift
from gerai.services.shop.profile import load_shop
from tests.conftest import NOW, TREASURER, raw
from tests.test_audit_verify import sell
from tests.test_migration_0004 import assert_not_rebuilt, tables


def test_a_0016_database_is_upgraded_without_loss(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'toko.db'}")
    database.upgrade("0016")
    with database.write() as session:
        load_catalogue(session, data_dir(), NOW)
        create_demo_users(session, NOW)
        open_shift(session, "K1", TREASURER, 250_000, NOW, load_shop(session))
    sell(database, [("MYK-1L", "2"), ("GLA-KG", "1.5")])
    assert database.path is not None
    before = tables(database.path)
    sales = raw(database, "SELECT receipt_no, total FROM sale")
    trail = raw(database, "SELECT seq, hash FROM auditrecord ORDER BY seq")

    result = CliRunner().invoke(main, ["--db", database.url, "db", "upgrade"])
    assert result.exit_code == 0, result.output

    database.check_ready()
    after = tables(database.path)
    assert set(after) - set(before) == {"auditcheckpoint"}
    assert_not_rebuilt(before, after)
    assert raw(database, "SELECT receipt_no, total FROM sale") == sales
    assert raw(database, "SELECT seq, hash FROM auditrecord ORDER BY seq") == trail
    first = CliRunner().invoke(main, ["--db", database.url, "--lang", "en", "audit", "verify"])
    assert first.exit_code == 0 and "since" not in first.output, first.output
    assert raw(database, "SELECT seq, from_start FROM auditcheckpoint") == [(trail[-1][0], 1)]
    sell(database, [("IDM-GRG", "5")])
    since = CliRunner().invoke(main, ["--db", database.url, "--lang", "en", "audit", "verify"])
    assert since.exit_code == 0 and "since the last check" in since.output, since.output
