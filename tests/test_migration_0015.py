"""Migration 0015 (purchase orders) upgrades a shop's 0014 database in place: three new
tables, nothing rebuilt, its goods receipts, stock and every seal still intact; the upgraded
shop can order and receive against the order."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from gerai.cli import main
from gerai.db import Database
from gerai.demo.generate import create_demo_users, load_catalogue
from gerai.paths import data_dir
from gerai.services.stock.receiving import ReceiveLine, receive_goods
from tests.conftest import NOW, OWNER, raw
from tests.stock_helpers import supplier
from tests.test_migration_0004 import assert_not_rebuilt, tables
from tests.test_migration_0013 import downgrade

NEW = {"purchaseorder", "purchaseorderline", "purchaseorderreceipt"}


def test_a_0013_database_is_upgraded_without_loss(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'toko.db'}")
    database.upgrade()
    with database.write() as session:
        load_catalogue(session, data_dir(), NOW)
        create_demo_users(session, NOW)
    bulog = supplier(database)
    with database.write() as session:
        receive_goods(
            session, bulog, "SJ-1", [ReceiveLine("MYK-1L", "2", "560000", pack="karton=40")],
            actor=OWNER, at=NOW,
        )  # fmt: skip
    downgrade(database, "0014")  # the shop as it was before purchase orders
    assert database.path is not None
    before = tables(database.path)
    assert not NEW & set(before)
    products = raw(database, "SELECT code, stock, cost FROM product ORDER BY code")
    receipts = raw(database, "SELECT number, supplier_id, total FROM goodsreceipt")

    result = CliRunner().invoke(main, ["--db", database.url, "db", "upgrade"])
    assert result.exit_code == 0, result.output

    database.check_ready()
    after = tables(database.path)
    assert set(after) - set(before) >= NEW
    assert_not_rebuilt(before, after)
    assert raw(database, "SELECT code, stock, cost FROM product ORDER BY code") == products
    assert raw(database, "SELECT number, supplier_id, total FROM goodsreceipt") == receipts
    verified = CliRunner().invoke(main, ["--db", database.url, "audit", "verify"])
    assert verified.exit_code == 0, verified.output
    made = CliRunner().invoke(
        main, ["--db", database.url, "po", "create", "--supplier", "Bulog Sub Divre Bone",
               "MYK-1L:2:karton=40:560000"],
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    assert raw(database, "SELECT status FROM purchaseorder") == [("open",)]
    verified = CliRunner().invoke(main, ["--db", database.url, "audit", "verify"])
    assert verified.exit_code == 0, verified.output
    database.dispose()
