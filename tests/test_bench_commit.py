"""The benchmark's raw sqlite3 reference for the sale commit (`bench/measures/commit.py`)
writes exactly the rows gerai's `Till.sell` writes for the same sales, so the ratio it
reports compares like with like and the reference cannot drift from what a sale stores."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from bench.build import build
from bench.db import copy_db
from bench.measures import commit
from bench.measures.context import Context

pytestmark = pytest.mark.sqlite_only("the benchmark compares against raw sqlite3")


def _tables(path: Path) -> dict[str, set[tuple[object, ...]]]:
    """Every table's rows, as sets."""
    with closing(sqlite3.connect(path)) as conn:
        names = [
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        return {name: set(conn.execute(f'SELECT * FROM "{name}"')) for name in names}


def test_raw_reference_writes_the_rows_gerai_writes(tmp_path: Path) -> None:
    source = tmp_path / "bench.db"
    ctx = Context(source, build(source, products=300, days=1, sales_per_day=3), quick=True)
    ctx.open_till()
    sales = commit._prepare_sales(ctx, 6)
    assert any(sale.member_id for sale in sales) and not all(sale.member_id for sale in sales)
    ctx.close()
    by_gerai, by_raw = tmp_path / "gerai.db", tmp_path / "raw.db"
    copy_db(source, by_gerai)
    copy_db(source, by_raw)
    before = _tables(source)

    from gerai.db import Database

    database = Database(f"sqlite:///{by_gerai}")
    clock = commit._Clock()
    till = commit._till(database, clock)
    for sale in sales:
        commit._sell(till, clock, sale.cart, sale.now)
    database.dispose()
    with closing(sqlite3.connect(by_raw, isolation_level=None)) as raw:
        for sale in sales:
            commit._raw_commit(commit.RawConnection(raw), sale)

    gerai_rows, raw_rows = _tables(by_gerai), _tables(by_raw)
    changed = {name for name, rows in gerai_rows.items() if rows != before[name]}
    assert {"sale", "saleline", "payment", "product", "stockmovement", "auditrecord"} <= changed
    for name, rows in gerai_rows.items():
        assert rows == raw_rows[name], name
