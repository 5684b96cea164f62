"""The demo's bulk sales (gerai/demo/bulk.py) against the same days sold one by one through
`Till.sell`: every table row for row (the carts' random tokens aside), the audit chain hash
for hash, and the bulk-made database passes `audit verify` and `stock check`; the demo file
written unsynced, then checkpointed with the shop's settings again."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Table, select, text
from sqlmodel import SQLModel

from gerai.core.words import AuditKind, PaymentMethod
from gerai.db import Database
from gerai.demo.generate import DEMO_BENDAHARA, DEMO_CASHIER, DemoClock, demo_till, generate_sales
from gerai.demo.unsynced import unsynced
from gerai.models import AUDIT_RECORD, PAYMENT, SALE
from gerai.services.audit.verify import verify
from gerai.services.stock.ledger import stock_check
from gerai.settings import Settings
from tests.conftest import NOW, fresh_database

DAYS, SALES_PER_DAY = 3, 90


def _generate(database: Database, bulk: bool) -> int:
    """`DAYS` demo days on `database` (the catalogue and the demo users loaded)."""
    settings = Settings(db_url=database.url, auto_backup=False)
    clock = DemoClock(NOW)
    kasir = demo_till(database, settings, clock, DEMO_CASHIER)
    bendahara = demo_till(database, settings, clock, DEMO_BENDAHARA)
    today = kasir.shop.business_date(NOW) + timedelta(days=DAYS + 1)
    return generate_sales(
        kasir, bendahara, clock, DAYS, today, sales_per_day=SALES_PER_DAY, bulk=bulk
    )


def _tables(database: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows in key order; a sale's token (a random uuid per cart) left out."""
    found = {}
    with database.read() as session:
        for table in SQLModel.metadata.sorted_tables:
            columns = [c for c in table.columns if not (table is SALE and c.name == "token")]
            order = list(table.primary_key.columns) or columns
            found[table.name] = [
                tuple(row) for row in session.execute(select(*columns).order_by(*order))
            ]
    return found


@pytest.fixture
def databases(
    request: pytest.FixtureRequest, engine: str, tmp_path: Path
) -> tuple[Database, Database]:
    """Two private copies of the catalogue database."""
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    made = tuple(
        Database(fresh_database(request, engine, tmp_path / name, "catalogue"))
        for name in ("one", "two")
    )
    for database in made:
        request.addfinalizer(database.dispose)
    return made[0], made[1]


def test_bulk_days_equal_the_days_sold_one_by_one(databases: tuple[Database, Database]) -> None:
    bulk, one_by_one = databases
    made = _generate(bulk, bulk=True)
    assert made == _generate(one_by_one, bulk=False) > DAYS * SALES_PER_DAY // 2
    tables = _tables(bulk)
    assert tables == _tables(one_by_one)
    # the days hold what the bulk path has to get right: kasbon (the held sales written
    # before the member's credit is read), a cash out amid the sales, and every sale audited
    kinds = [row[_column(AUDIT_RECORD, "kind")] for row in tables[AUDIT_RECORD.name]]
    assert kinds.count(AuditKind.SALE) == made
    assert AuditKind.CASH_OUT in kinds
    methods = {row[_column(PAYMENT, "method")] for row in tables[PAYMENT.name]}
    assert PaymentMethod.KASBON in methods
    with bulk.read() as session:
        assert verify(session).intact
        assert stock_check(session) == []


def _column(table: Table, name: str) -> int:
    """The position of column `name` in `_tables`' rows of `table` (not the sale's)."""
    return [c.name for c in table.columns].index(name)


@pytest.mark.sqlite_only(reason="a SQLite file's synchronous setting")
def test_the_demo_file_is_written_unsynced_then_checkpointed(empty_db: Database) -> None:
    def synchronous() -> int:
        with empty_db.read() as session:
            return int(session.execute(text("PRAGMA synchronous")).scalar_one())

    with empty_db.read():  # a pooled connection opened before, synchronous = FULL
        pass
    with unsynced(empty_db):
        assert synchronous() == 0
        with empty_db.write() as session:
            session.execute(text("INSERT INTO shopsetting (key, value) VALUES ('x', 'y')"))
    assert synchronous() == 2  # FULL again once the file is made
    assert empty_db.path is not None
    wal = Path(f"{empty_db.path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    with closing(sqlite3.connect(empty_db.path)) as raw:
        assert raw.execute("SELECT value FROM shopsetting WHERE key = 'x'").fetchone() == ("y",)
