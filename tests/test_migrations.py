"""Schema migrations: the models and the migration history agree, and an older shop database
is upgraded without losing anything."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner
from sqlmodel import select

from gerai.cli import main
from gerai.db import SCHEMA_REVISION, Database
from gerai.errors import GeraiError
from gerai.models import PrintJob, Product, Sale, metadata
from gerai.paths import data_dir
from gerai.services.cart import Cart
from gerai.services.catalog import find_by_code
from gerai.services.checkout import Tender, checkout
from gerai.services.demo import load_catalogue
from gerai.services.shop import load_shop
from gerai.services.stock import stock_check
from tests.conftest import NOW


def test_the_migrations_build_exactly_the_models(empty_db: Database) -> None:
    with empty_db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"include_name": lambda name, kind, _: not (name or "").startswith("product_fts")},
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
        load_catalogue(session, data_dir(), NOW)
        shop = load_shop(session)
        cart = Cart()
        product = find_by_code(session, "MYK-1L")
        assert product is not None
        cart.add(product, Decimal(3))
        sold = checkout(session, cart, [Tender("tunai")], till="K1", cashier="kasir", shop=shop,
                        now=NOW)  # fmt: skip
    with database.read() as session:
        before = {p.code: p.stock for p in session.exec(select(Product))}

    result = CliRunner().invoke(main, ["--db", database.url, "db", "upgrade"])
    assert result.exit_code == 0, result.output

    database.check_ready()
    with database.read() as session:
        assert {p.code: p.stock for p in session.exec(select(Product))} == before
        assert session.exec(select(Sale)).one().receipt_no == sold.receipt_no
        assert session.exec(select(PrintJob)).all() == []
        assert stock_check(session) == []


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
