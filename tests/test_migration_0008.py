"""Migration 0008 seals, in place, the rows of a 0007 shop that issue 19 covers next (products,
categories, barcodes, settings, stock documents...): `audit verify` is intact after the
upgrade, and a straight edit of one of those rows is caught, naming it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from click.testing import CliRunner

from gerai.cli import main
from gerai.db import SCHEMA_REVISION, Database
from gerai.demo.generate import load_catalogue
from gerai.models import MEMBER
from gerai.paths import data_dir
from gerai.services.audit.seals import before_the_chain, seal_all
from tests.conftest import NOW, raw, tamper
from tests.test_migration_0004 import assert_not_rebuilt, tables

# what a 0007 shop held beside its catalogue: a goods receipt with its line, a price change and
# a write-off (written as 0007 wrote them: no seals)
ROWS = (
    "INSERT INTO supplier (name, phone, address, active) VALUES ('Bulog', '', '', 1)",
    "INSERT INTO goodsreceipt (number, supplier_id, reference, business_date, created_at,"
    " created_by, total) VALUES ('BM-20251130-001', 1, 'SJ-1', '2025-11-30',"
    " '2025-11-30 06:32:00', 'admin', 348000)",
    "INSERT INTO goodsreceiptline (receipt_id, line_no, product_id, pack, pack_qty, factor, qty,"
    " unit_cost, line_total, cost_before, cost_after) SELECT 1, 1, id, 'dus', 2000, 12000,"
    " 24000, 174000, 348000, 14500, 14500 FROM product WHERE code = 'MYK-1L'",
    "INSERT INTO pricechange (product_id, changed_at, changed_by, old_price, new_price,"
    " old_member_price, new_member_price) SELECT id, '2025-11-30 06:32:00', 'admin', 15500,"
    " 15700, 15300, 15500 FROM product WHERE code = 'MYK-1L'",
    "INSERT INTO writeoff (number, product_id, qty, cost, value, reason, created_at, created_by)"
    " SELECT 'HP-20251130-001', id, 1000, 14500, 14500, 'bocor', '2025-11-30 06:40:00', 'admin'"
    " FROM product WHERE code = 'MYK-1L'",
)


def a_0007_shop(path: Path) -> Database:
    database = Database(f"sqlite:///{path}")
    database.upgrade("0007")
    with database.write() as session:
        before_the_chain(session)  # 0007 sealed none of these
        load_catalogue(session, data_dir(), NOW)
    with database.write() as session:  # ... but its members, as 0006 did
        seal_all(session, MEMBER, actor="gerai", at=NOW)
    tamper(database, *ROWS)
    return database


def test_a_0007_shop_has_its_rows_sealed_by_the_upgrade(tmp_path: Path) -> None:
    database = a_0007_shop(tmp_path / "toko.db")
    assert database.path is not None
    before = tables(database.path)
    products = raw(database, "SELECT count(*) FROM product")[0][0]

    result = CliRunner().invoke(main, ["--db", database.url, "db", "upgrade"])
    assert result.exit_code == 0, result.output

    assert database.revision() == SCHEMA_REVISION
    assert_not_rebuilt(before, tables(database.path))
    sealed = dict(
        raw(
            database,
            "SELECT ref, count(*) FROM auditrecord WHERE kind = 'rows_sealed' AND actor = 'gerai'"
            " GROUP BY ref",
        )
    )
    assert {"product", "category", "barcode", "shopsetting", "goodsreceipt"} <= set(sealed)
    assert {"goodsreceiptline", "pricechange", "writeoff"} <= set(sealed)
    assert "supplier" not in sealed
    details = raw(
        database, "SELECT detail FROM auditrecord WHERE kind = 'rows_sealed' AND ref = 'product'"
    )
    assert details[0][0].count('":"') == products  # every product, one record
    verified = CliRunner().invoke(main, ["--db", database.url, "audit", "verify"])
    assert verified.exit_code == 0, verified.output
    # the data is as it was
    assert raw(database, "SELECT qty, line_total FROM goodsreceiptline") == [(24000, 348000)]
    assert raw(database, "SELECT count(*) FROM product")[0][0] == products

    tamper(database, "UPDATE product SET het = 99000 WHERE code = 'MYK-1L'")
    edited = CliRunner().invoke(main, ["--db", database.url, "audit", "verify", "--full"])
    assert edited.exit_code == 1 and "product#" in edited.output
    database.dispose()


def test_a_0007_shops_price_change_edited_after_the_upgrade_is_named(tmp_path: Path) -> None:
    database = a_0007_shop(tmp_path / "toko.db")
    database.upgrade()
    tamper(database, "UPDATE pricechange SET new_price = 1")
    result = CliRunner().invoke(main, ["--db", database.url, "audit", "verify"])
    assert result.exit_code == 1 and "pricechange#1" in result.output
    with closing(sqlite3.connect(str(database.path))) as connection:
        assert connection.execute("SELECT new_price FROM pricechange").fetchall() == [(1,)]
    database.dispose()
