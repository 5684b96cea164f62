"""Migration 0004 (stock administration) upgrades a shop's 0003 database in place: new tables
and one index, nothing rebuilt, every sale, shift and stock movement kept."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from click.testing import CliRunner
from sqlmodel import select

from gerai.cli import main
from gerai.db import Database
from gerai.demo.generate import create_demo_users, load_catalogue
from gerai.models import Product, Sale, Shift
from gerai.paths import data_dir
from gerai.services.audit.seals import before_the_chain
from gerai.services.stock.inventory import low_stock_count
from gerai.services.stock.ledger import stock_check
from gerai.services.stock.receiving import ReceiveLine, receive_goods
from gerai.services.stock.suppliers import add_supplier
from tests.conftest import NOW, OWNER

NEW_TABLES = {
    "supplier", "packunit", "goodsreceipt", "goodsreceiptline", "pricechange", "repack",
    "writeoff", "stockcount", "stockcountline",
}  # fmt: skip


def tables(path: Path) -> dict[str, str]:
    with closing(sqlite3.connect(path)) as raw:
        return dict(raw.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"))


def assert_not_rebuilt(before: dict[str, str], after: dict[str, str]) -> None:
    """Each table of `before` is still there as it was, or with columns added by ALTER TABLE
    ADD COLUMN (which SQLite writes as one block of text into the old statement): none was
    copied into a new table. The name search index (`product_fts` and its shadow tables) holds
    no data of its own: 0017s rebuilds it from the products, ranked."""
    for name, sql in before.items():
        if name.startswith("product_fts"):
            continue
        now = after[name]
        assert (
            len(now) >= len(sql)
            and any(  # sql is now with one block of text taken out
                now.startswith(sql[:cut]) and now.endswith(sql[cut:]) for cut in range(len(sql) + 1)
            )
        ), name


def test_a_0003_database_with_sales_is_upgraded_without_loss(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'toko.db'}")
    database.upgrade("0003")
    with database.write() as session:
        before_the_chain(session)  # no audit chain yet
        load_catalogue(session, data_dir(), NOW, sealed=False)
    assert database.path is not None
    with closing(sqlite3.connect(database.path)) as raw, raw:
        # a shift and a sale as version 0003 wrote them, with the sale's stock movement
        raw.execute(
            "INSERT INTO shift (till, business_date, opened_at, opened_by, opening_cash, status,"
            " variance_reason, cash_count) VALUES ('K1', '2025-11-30', '2025-11-30 00:00:00',"
            " 'kasir', 500000, 'open', '', '')"
        )
        raw.execute(
            "INSERT INTO sale (receipt_no, till, business_date, created_at, cashier, gross, "
            "member_discount, manual_discount, total, paid, change, status, shift_id) VALUES "
            "('K1-20251130-0001', 'K1', '2025-11-30', '2025-11-30 06:32:00', 'kasir', 31400, 0,"
            " 0, 31400, 50000, 18600, 'completed', 1)"
        )
        product_id = raw.execute("SELECT id FROM product WHERE code = 'MYK-1L'").fetchone()[0]
        raw.execute("UPDATE product SET stock = stock - 2000 WHERE id = ?", (product_id,))
        raw.execute(
            "INSERT INTO stockmovement (product_id, kind, qty, created_at, ref, sale_id, note) "
            "VALUES (?, 'sale', -2000, '2025-11-30 06:32:00', 'K1-20251130-0001', 1, '')",
            (product_id,),
        )
    before = tables(database.path)
    with database.read() as session:
        stocks = {p.code: (p.stock, p.cost, p.price) for p in session.exec(select(Product))}

    result = CliRunner().invoke(main, ["--db", database.url, "db", "upgrade"])
    assert result.exit_code == 0, result.output

    database.check_ready()
    after = tables(database.path)
    assert set(after) - set(before) >= NEW_TABLES
    assert_not_rebuilt(before, after)
    with closing(sqlite3.connect(database.path)) as raw:
        assert all(raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0] == 0 for t in NEW_TABLES)
        plan = raw.execute(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM product "
            "WHERE product.active = 1 AND product.stock <= product.reorder_level"
        ).fetchall()
    assert "ix_product_low_stock" in str(plan)
    with database.read() as session:
        assert {p.code: (p.stock, p.cost, p.price) for p in session.exec(select(Product))} == (
            stocks
        )
        sale = session.exec(select(Sale)).one()
        assert (sale.receipt_no, sale.total, sale.shift_id) == ("K1-20251130-0001", 31_400, 1)
        assert session.exec(select(Shift)).one().status == "open"
        assert stock_check(session) == []
        assert low_stock_count(session) >= 0
    # and the stock services work on it at once
    with database.write() as session:
        create_demo_users(session, NOW)  # the acting admin must be a user
        supplier = add_supplier(session, "Bulog")
        receive_goods(
            session, supplier.id, "SJ-1", [ReceiveLine("MYK-1L", 12, 14000)], actor=OWNER, at=NOW,
        )  # fmt: skip
    with database.read() as session:
        assert stock_check(session) == []
    database.dispose()
