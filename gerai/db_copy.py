"""Copying a shop's database: the whole of it into another database (`gerai db copy`, e.g. a
SQLite file into PostgreSQL when the shop grows to several tills), and a backup file of a
SQLite database taken while the tills keep selling (`gerai backup`)."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import Connection, Table, func, select, text
from sqlalchemy.exc import DBAPIError

from gerai.core.errors import GeraiError
from gerai.db import SCHEMA_REVISION, Database, engine_url, shown
from gerai.models import AUDIT_HEAD, SALE, metadata
from gerai.services.stock.ledger import StockMismatch, stock_check

BATCH_ROWS = 5000
BACKUP_PAGES = 1024  # pages a backup step copies when its progress is shown
# rows the migrations themselves put in a new database: replaced by the source's
SEEDED = frozenset({AUDIT_HEAD.name})


class TableCount(NamedTuple):
    """One table's rows in the source and, after the copy, in the target."""

    name: str
    source: int
    target: int


@dataclass(frozen=True)
class CopyReport:
    """What the copy checked before committing: every table's rows, the money of all sales
    (Σ sale.total) on both sides, and the stock check on the target."""

    tables: tuple[TableCount, ...]
    sales_total: tuple[int, int]
    stock_mismatches: tuple[StockMismatch, ...]

    @property
    def ok(self) -> bool:
        """True when every count and the money agree and the stock check passes."""
        same = all(t.source == t.target for t in self.tables)
        return same and self.sales_total[0] == self.sales_total[1] and not self.stock_mismatches


class CopyRefused(GeraiError):
    """The copy did not verify, so nothing of it was committed; `report` says why."""

    def __init__(self, report: CopyReport) -> None:
        super().__init__("copy.mismatch")
        self.report = report


def _same_database(a: Database, b: Database) -> bool:
    if a.path is not None and b.path is not None:
        return a.path.resolve() == b.path.resolve()
    return engine_url(a.url) == engine_url(b.url)


def _count(connection: Connection, table: Table) -> int:
    return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def _sales_total(connection: Connection) -> int:
    return int(connection.execute(select(func.coalesce(func.sum(SALE.c.total), 0))).scalar_one())


def _copy_table(
    source: Connection, target: Connection, table: Table, copied: Callable[[int], None]
) -> None:
    """Every row of `table`, in primary-key order, `BATCH_ROWS` rows at a time, each batch's
    count told to `copied`."""
    rows = source.execution_options(yield_per=BATCH_ROWS).execute(
        select(table).order_by(*table.primary_key.columns)
    )
    try:
        for part in rows.partitions():
            target.execute(table.insert(), [dict(row._mapping) for row in part])
            copied(len(part))
    except DBAPIError as exc:  # e.g. a text longer than its column allows on the target
        detail = str(exc.orig).splitlines()[0]
        raise GeraiError("copy.failed", table=table.name, detail=detail) from exc


def _advance_sequences(target: Connection) -> None:
    """PostgreSQL: each id sequence continues after the highest copied id."""
    if target.dialect.name != "postgresql":
        return  # SQLite takes the next rowid after the highest one by itself
    for table in metadata.sorted_tables:
        column = table.autoincrement_column
        if column is None:
            continue
        target.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                f'coalesce(max("{column.name}"), 0) + 1, false) FROM "{table.name}"'
            ),
            {"table": table.name, "column": column.name},
        )


def copy_database(
    source: Database, target: Database, progress: Callable[[int, int], None] | None = None
) -> CopyReport:
    """Copy every table of `source`, in foreign-key order and batches, into `target`, which is
    first migrated to the same schema revision and must hold no rows (but what the migrations
    seed, which the source's rows replace). One transaction on the
    target: the copy is checked (rows per table, Σ sale.total, stock check) before it
    commits; if anything disagrees, nothing is written and `CopyRefused` says what. The rows
    copied so far and the source's rows are told to `progress` after each batch."""
    if _same_database(source, target):
        raise GeraiError("copy.same_database")
    source.check_ready()
    target.upgrade()
    if target.revision() != SCHEMA_REVISION:
        raise GeraiError("copy.revision", revision=target.revision(), head=SCHEMA_REVISION)
    # the source is read in one snapshot, so a till selling meanwhile never splits a sale
    snapshot = {"isolation_level": "REPEATABLE READ"} if source.dialect == "postgresql" else {}
    with source.read() as reading, target.write() as writing:
        src = reading.connection(execution_options=snapshot)
        dst = writing.connection()
        for table in metadata.sorted_tables:
            rows = 0 if table.name in SEEDED else _count(dst, table)
            if rows:
                raise GeraiError("copy.not_empty", table=table.name, count=rows)
        counts = {table.name: _count(src, table) for table in metadata.sorted_tables}
        total, done = sum(counts.values()), 0

        def copied(rows: int) -> None:
            nonlocal done
            done += rows
            if progress is not None:
                progress(done, total)

        for table in metadata.sorted_tables:
            if table.name in SEEDED:
                dst.execute(table.delete())
            _copy_table(src, dst, table, copied)
        _advance_sequences(dst)
        report = CopyReport(
            tables=tuple(
                TableCount(table.name, counts[table.name], _count(dst, table))
                for table in metadata.sorted_tables
            ),
            sales_total=(_sales_total(src), _sales_total(dst)),
            stock_mismatches=tuple(stock_check(writing)),
        )
        if not report.ok:
            raise CopyRefused(report)
    return report


def _backup_steps(progress: Callable[[int, int], None] | None) -> dict[str, Any]:
    """The arguments of `sqlite3.Connection.backup` that tell `progress` (pages copied,
    pages) after each step of `BACKUP_PAGES`, without a pause between the steps."""
    if progress is None:
        return {}

    def step(_status: int, remaining: int, total: int) -> None:
        progress(total - remaining, total)

    return {"pages": BACKUP_PAGES, "progress": step, "sleep": 0}


def backup_file_name(database: Path, stamp: str) -> Path:
    """The default backup of `database`: beside it, named with the time it was taken."""
    return database.with_name(f"{database.stem}-backup-{stamp}{database.suffix or '.db'}")


def backup_sqlite(
    database: Database, output: Path, progress: Callable[[int, int], None] | None = None
) -> int:
    """A consistent copy of a SQLite database in `output` (mode 0600), taken with SQLite's
    online backup API while other tills may keep writing; written whole or not at all and
    checked (`PRAGMA quick_check`) before it takes the name. Returns its size in bytes.
    The copy is of one read snapshot: what a till writes meanwhile is not in it, and never
    starts the copy again (as SQLite's backup does when its source changes between steps).
    With `progress`, the copy is taken `BACKUP_PAGES` pages a step, the pages copied and
    the pages told after each; without, in one step."""
    if database.path is None:
        raise GeraiError("backup.postgresql", url=shown(database.url))
    database.check_ready()
    try:
        handle, temp_name = tempfile.mkstemp(dir=output.parent, prefix=".gerai-backup-")
        os.close(handle)
    except OSError as exc:
        raise GeraiError("io.cannot_write", path=str(output), reason=exc.strerror) from exc
    try:
        pooled = database.engine.raw_connection()  # with gerai's busy timeout
        source: sqlite3.Connection = pooled.driver_connection  # type: ignore[assignment]
        try:
            with closing(sqlite3.connect(temp_name)) as copy:
                source.execute("BEGIN")  # one snapshot for every step of the copy
                source.execute("SELECT 1 FROM sqlite_master LIMIT 1")
                try:
                    source.backup(copy, **_backup_steps(progress))
                finally:
                    source.execute("ROLLBACK")
                (check,) = copy.execute("PRAGMA quick_check").fetchone()
        finally:
            pooled.close()
        if check != "ok":
            raise GeraiError("backup.bad_copy", path=str(output), detail=check)
        os.replace(temp_name, output)
    except sqlite3.Error as exc:
        raise GeraiError("backup.failed", path=str(output), detail=str(exc)) from exc
    except OSError as exc:
        raise GeraiError("io.cannot_write", path=str(output), reason=exc.strerror) from exc
    finally:
        Path(temp_name).unlink(missing_ok=True)
    return output.stat().st_size
