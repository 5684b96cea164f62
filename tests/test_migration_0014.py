"""Migration 0014 (opening stock documents) upgrades a shop's 0013 database in place: one new
table, nothing rebuilt, the opening stock booked before (import adjustments, ref `STOK-AWAL`)
and every sale and seal kept; the upgraded shop books its next opening stock as an `SA`
document and refuses it for a product whose stock has moved."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner

from gerai.cli import main
from gerai.db import Database
from gerai.demo.generate import create_demo_users, load_catalogue
from gerai.paths import data_dir
from gerai.services.stock.import_export import PRODUCT_COLUMNS
from tests.conftest import NOW, raw
from tests.shop_day import fill, open_till, sell
from tests.test_migration_0004 import assert_not_rebuilt, tables

LEDGER = "SELECT id, product_id, kind, qty, created_at, ref, sale_id, note FROM stockmovement"


def test_a_0013_database_is_upgraded_without_loss(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'toko.db'}")
    database.upgrade("0013")
    with database.write() as session:
        load_catalogue(session, data_dir(), NOW)
        create_demo_users(session, NOW)
    open_till(database, "K1", 500_000, NOW)
    sell(database, "K1", fill(database, [("MYK-1L", Decimal(2))]), NOW)
    assert database.path is not None
    before = tables(database.path)
    assert "openingstock" not in before
    ledger = raw(database, LEDGER)
    assert ("adjust", "STOK-AWAL") in {(row[2], row[5]) for row in ledger}  # as 0013 booked
    products = raw(database, "SELECT code, stock, price, cost FROM product ORDER BY code")
    sales = raw(database, "SELECT * FROM sale")
    runner = CliRunner()

    result = runner.invoke(main, ["--db", database.url, "db", "upgrade"])
    assert result.exit_code == 0, result.output

    database.check_ready()
    after = tables(database.path)
    assert "openingstock" in set(after) - set(before)
    assert_not_rebuilt(before, after)
    assert raw(database, LEDGER) == ledger
    assert raw(database, "SELECT code, stock, price, cost FROM product ORDER BY code") == products
    assert raw(database, "SELECT * FROM sale") == sales
    assert raw(database, "SELECT count(*) FROM openingstock") == [(0,)]
    for command in (["audit", "verify"], ["stock", "check"]):
        checked = runner.invoke(main, ["--db", database.url, *command])
        assert checked.exit_code == 0, checked.output
    # the upgraded shop: a new product's opening stock is an SA document; a sold one's refused
    catalogue = tmp_path / "katalog.csv"
    new = "BARU-1,,Barang baru,Sembako,pcs,0,5000,,4000,,,exempt,5,12,1"
    sold = "MYK-1L,,Minyak,Sembako,pcs,0,20000,,17000,,,exempt,5,500,1"
    catalogue.write_text(f"{','.join(PRODUCT_COLUMNS)}\n{new}\n{sold}\n", encoding="utf-8")
    refused = runner.invoke(main, ["--db", database.url, "products", "import", str(catalogue)])
    assert refused.exit_code == 1 and "MYK-1L sudah punya mutasi stok" in refused.output
    catalogue.write_text(f"{','.join(PRODUCT_COLUMNS)}\n{new}\n", encoding="utf-8")
    result = runner.invoke(main, ["--db", database.url, "products", "import", str(catalogue)])
    assert result.exit_code == 0, result.output
    [(number, count)] = raw(database, "SELECT number, products FROM openingstock")
    assert number.startswith("SA-") and count == 1
    assert raw(
        database,
        "SELECT m.kind, m.qty FROM stockmovement m JOIN product p ON p.id = m.product_id"
        " WHERE m.ref = :n",
        n=number,
    ) == [("opening", 12_000)]
    for command in (["audit", "verify"], ["stock", "check"]):
        checked = runner.invoke(main, ["--db", database.url, *command])
        assert checked.exit_code == 0, checked.output
    database.dispose()
