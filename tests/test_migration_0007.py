"""Migration 0007 (regulated goods) upgrades a shop's 0006 database in place: the sale lines
kept with no buyer, and the two new tables empty."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from click.testing import CliRunner

from gerai.cli import main
from gerai.db import Database
from gerai.demo.generate import load_catalogue
from gerai.paths import data_dir
from tests.conftest import NOW
from tests.test_migration_0004 import tables


def test_a_0006_database_with_a_sale_is_upgraded_without_loss(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'toko.db'}")
    database.upgrade("0006")
    with database.write() as session:
        load_catalogue(session, data_dir(), NOW)
    assert database.path is not None
    with closing(sqlite3.connect(database.path)) as raw, raw:
        raw.execute(
            "INSERT INTO sale (receipt_no, till, business_date, created_at, cashier, gross, "
            "member_discount, manual_discount, total, paid, change, status) VALUES "
            "('K1-20251130-0001', 'K1', '2025-11-30', '2025-11-30 06:32:00', 'kasir', 19000, 0,"
            " 0, 19000, 20000, 1000, 'completed')"
        )
        raw.execute(
            "INSERT INTO saleline (sale_id, line_no, product_id, code, name, category, unit, qty,"
            " regular_price, unit_price, line_gross, line_total, cost, tax_category) SELECT 1, 1,"
            " id, code, name, 'LPG', unit, 1000, 19000, 19000, 19000, 19000, 16500, 'ppn'"
            " FROM product WHERE code = 'LPG-3KG'"
        )
    before = tables(database.path)

    result = CliRunner().invoke(main, ["--db", database.url, "db", "upgrade"])
    assert result.exit_code == 0, result.output

    database.check_ready()
    after = tables(database.path)
    assert set(after) - set(before) >= {"regulatedproduct", "quotarule"}
    with closing(sqlite3.connect(database.path)) as raw:
        assert raw.execute(
            "SELECT code, qty, line_total, buyer_nik, buyer_kk, buyer_category FROM saleline"
        ).fetchall() == [("LPG-3KG", 1000, 19000, None, None, None)]
        assert raw.execute("SELECT count(*) FROM quotarule").fetchone() == (0,)
