"""Schema migrations: the models and the migration history agree, and an older shop database
is upgraded without losing anything."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner
from sqlmodel import select

from gerai.cli import main
from gerai.core.errors import GeraiError
from gerai.db import SCHEMA_REVISION, Database
from gerai.demo.generate import load_catalogue
from gerai.models import PrintJob, Product, Sale, metadata
from gerai.paths import data_dir
from gerai.services.audit.seals import before_the_chain
from gerai.services.stock.ledger import stock_check
from tests.conftest import NOW


def test_the_migrations_build_exactly_the_models(empty_db: Database) -> None:
    with empty_db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "include_name": lambda name, kind, _: (
                    not (name or "").startswith(("product_fts", "ix_product_search"))
                )
            },
        )
        assert compare_metadata(context, metadata) == []


def test_schema_revision_constant_is_the_newest_migration() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", "gerai:migrations")
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_REVISION


def test_a_database_at_0001_is_upgraded_without_loss(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'old.db'}")
    database.upgrade("0001")
    assert database.revision() == "0001"
    with pytest.raises(GeraiError) as caught:
        database.check_ready()
    assert caught.value.key == "db.outdated"
    with database.write() as session:
        before_the_chain(session)  # no audit chain yet
        load_catalogue(session, data_dir(), NOW, sealed=False)
    assert database.path is not None
    with closing(sqlite3.connect(database.path)) as raw, raw:
        # A sale as version 0001 wrote it (no shift yet), with its stock movement.
        raw.execute(
            "INSERT INTO sale (receipt_no, till, business_date, created_at, cashier, gross, "
            "member_discount, manual_discount, total, paid, change, status) VALUES "
            "('K1-20251130-0001', 'K1', '2025-11-30', '2025-11-30 06:32:00', 'kasir', 47100, 0, 0,"
            " 47100, 50000, 2900, 'completed')"
        )
        product_id = raw.execute("SELECT id FROM product WHERE code = 'MYK-1L'").fetchone()[0]
        raw.execute(
            "INSERT INTO saleline (sale_id, line_no, product_id, code, name, category, unit, qty,"
            " regular_price, unit_price, line_gross, line_total, cost, tax_category) VALUES "
            "(1, 1, ?, 'MYK-1L', 'Minyakita 1 L', 'Minyak Goreng', 'pcs', 3000, 15700, 15700,"
            " 47100, 47100, 14500, 'ppn')",
            (product_id,),
        )
        raw.execute(
            "INSERT INTO payment (sale_id, method, amount, tendered) VALUES (?, ?, ?, ?)",
            (1, "tunai", 47100, 50000),
        )
        raw.execute("UPDATE product SET stock = stock - 3000 WHERE id = ?", (product_id,))
        raw.execute(
            "INSERT INTO stockmovement (product_id, kind, qty, created_at, ref, sale_id, note) "
            "VALUES (?, 'sale', -3000, '2025-11-30 06:32:00', 'K1-20251130-0001', 1, '')",
            (product_id,),
        )
    with database.read() as session:
        before = {p.code: p.stock for p in session.exec(select(Product))}

    result = CliRunner().invoke(main, ["--db", database.url, "db", "upgrade"])
    assert result.exit_code == 0, result.output

    database.check_ready()
    with database.read() as session:
        assert {p.code: p.stock for p in session.exec(select(Product))} == before
        sale = session.exec(select(Sale)).one()
        assert (sale.receipt_no, sale.total, sale.shift_id) == ("K1-20251130-0001", 47100, None)
        assert session.exec(select(PrintJob)).all() == []
        assert stock_check(session) == []
    receipt = CliRunner().invoke(main, ["--db", database.url, "receipt", "show", sale.receipt_no])
    assert receipt.exit_code == 0 and "Minyakita 1 L" in receipt.output


def test_upgrade_refuses_another_programs_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
    with pytest.raises(GeraiError) as caught:
        Database(f"sqlite:///{path}").upgrade()
    assert caught.value.key == "db.not_gerai"
    with sqlite3.connect(path) as connection:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    assert tables == {"notes"}


def test_a_new_database_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "shop.db"
    Database(f"sqlite:///{path}").upgrade()
    assert path.stat().st_mode & 0o077 == 0
