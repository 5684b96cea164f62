"""The benchmark's raw reference for `gerai audit verify` (`bench/measures/audit.py`)
recomputes what gerai's full verify proves (every record's chain hash, every sale's digest of
its record's version, every covered row's seal) over the same rows, and fails where gerai
does: so the ratio it reports compares like with like."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from bench.build import build
from bench.db import copy_db
from bench.measures import commit
from bench.measures.audit import raw_recompute
from bench.measures.context import Context

pytestmark = pytest.mark.sqlite_only("the benchmark compares against raw sqlite3")

TAMPERED = [
    # a version 1 sale's line (the built year) and a version 4 one's (sold at the till)
    "UPDATE saleline SET qty = qty + 1000 WHERE sale_id = 1 AND line_no = 1",
    "UPDATE saleline SET name = name || '.' WHERE sale_id = (SELECT MAX(id) FROM sale)",
    "UPDATE payment SET amount = amount + 1 WHERE sale_id = (SELECT MAX(id) FROM sale)",
    "UPDATE product SET price = price + 1 WHERE id = (SELECT MIN(id) FROM product)",
    "UPDATE auditrecord SET actor = 'x' WHERE seq = 2",
]


def _gerai(path: Path) -> tuple[bool, int]:
    """Whether gerai's full verify finds the file intact, and how many records it checked."""
    from gerai.db import Database
    from gerai.services.audit.verify import verify

    database = Database(f"sqlite:///{path}")
    with database.read() as session:
        found = verify(session)
    database.dispose()
    return found.intact, found.records


def _counted(path: Path, sql: str) -> int:
    with closing(sqlite3.connect(path)) as db:
        count: int = db.execute(sql).fetchone()[0]
    return count


def test_the_raw_recompute_proves_what_gerai_proves(tmp_path: Path) -> None:
    source = tmp_path / "bench.db"
    ctx = Context(source, build(source, products=300, days=2, sales_per_day=3), quick=True)
    ctx.open_till()
    clock = commit._Clock()
    till = commit._till(ctx.database(), clock)
    for sale in commit._prepare_sales(ctx, 3):
        commit._sell(till, clock, sale.cart, sale.now)
    ctx.close()

    intact, records = _gerai(source)
    assert intact
    sealed = _counted(source, "SELECT COUNT(*) FROM product")
    assert raw_recompute(source)[:2] == (records, _counted(source, "SELECT COUNT(*) FROM sale"))
    assert raw_recompute(source)[2] > sealed  # the catalogue and every other covered row
    for number, statement in enumerate(TAMPERED):
        copy = tmp_path / f"tampered-{number}.db"
        copy_db(source, copy)
        with closing(sqlite3.connect(copy)) as db, db:
            db.execute(statement)
        assert not _gerai(copy)[0], statement
        with pytest.raises(AssertionError):
            raw_recompute(copy)
