"""Migration 0013 (expiry dates and batches, payment references) upgrades a shop's 0012
database in place: three new tables and one column added, nothing rebuilt, its sales and every
seal still intact; the upgraded shop can mark products dated."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from alembic import command
from click.testing import CliRunner

from gerai.cli import main
from gerai.db import Database, _migrations
from gerai.demo.generate import create_demo_users, load_catalogue
from gerai.paths import data_dir
from gerai.services.audit.sale_digest import VERSION
from tests.conftest import NOW, raw
from tests.shop_day import fill, open_till, sell
from tests.test_migration_0004 import assert_not_rebuilt, tables


def downgrade(database: Database, revision: str) -> None:
    config = _migrations()
    with database._write_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def test_a_0012_database_is_upgraded_without_loss(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'toko.db'}")
    database.upgrade("0013")  # no later revision: its rows would outlive the downgrade
    with database.write() as session:
        load_catalogue(session, data_dir(), NOW)
        create_demo_users(session, NOW)
    open_till(database, "K1", 500_000, NOW)
    receipt = sell(database, "K1", fill(database, [("MYK-1L", Decimal(2))]), NOW).receipt_no
    downgrade(database, "0012")  # the shop as it was before issue 17
    assert database.path is not None
    before = tables(database.path)
    assert "stockbatch" not in before and "reference" not in before["payment"]
    products = raw(database, "SELECT code, stock FROM product ORDER BY code")
    payments = raw(database, "SELECT sale_id, method, amount, tendered FROM payment")

    result = CliRunner().invoke(main, ["--db", database.url, "db", "upgrade"])
    assert result.exit_code == 0, result.output

    database.check_ready()
    after = tables(database.path)
    assert {"datedproduct", "stockbatch", "batchmovement"} <= set(after) - set(before)
    assert_not_rebuilt(before, after)
    assert raw(database, "SELECT code, stock FROM product ORDER BY code") == products
    assert raw(database, "SELECT sale_id, method, amount, tendered FROM payment") == payments
    assert raw(database, "SELECT reference FROM payment") == [(None,)]
    record = raw(database, "SELECT detail FROM auditrecord WHERE ref = :r", r=receipt)[0][0]
    assert f'"v":{VERSION}' in record
    verified = CliRunner().invoke(main, ["--db", database.url, "audit", "verify"])
    assert verified.exit_code == 0, verified.output
    dated = CliRunner().invoke(main, ["--db", database.url, "stock", "dated", "MYK-1L"])
    assert dated.exit_code == 0, dated.output
    checked = CliRunner().invoke(main, ["--db", database.url, "stock", "check"])
    assert checked.exit_code == 0, checked.output
    assert raw(database, "SELECT qty FROM stockbatch") == [(142_000,)]
    verified = CliRunner().invoke(main, ["--db", database.url, "audit", "verify"])
    assert verified.exit_code == 0, verified.output
    database.dispose()
