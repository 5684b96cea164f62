"""SQLite helpers shared by the generator and the measurements: timestamps as gerai stores
them, INSERTs checked against the models, and removing or copying benchmark databases."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Table


def stamp(moment: datetime) -> str:
    """A UTC moment as SQLAlchemy's SQLite DATETIME stores it (naive UTC, microseconds)."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def insert_sql(table: Table, columns: Sequence[str]) -> str:
    """`INSERT INTO table (columns) VALUES (?, ...)`, checked against the model so a schema
    change breaks the generator loudly instead of writing a wrong database."""
    unknown = [c for c in columns if c not in table.c]
    missing = [
        c.name
        for c in table.c
        if not c.nullable and not c.primary_key and c.default is None and c.name not in columns
    ]
    if unknown or missing:
        raise SystemExit(f"bench generator out of date for {table.name}: {unknown=} {missing=}")
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    return f"INSERT INTO {table.name} ({names}) VALUES ({marks})"


def remove_db(path: Path) -> None:
    """Delete a database with its WAL, shared-memory and journal files and its build record."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.with_suffix(".json").unlink(missing_ok=True)


def copy_db(source: Path, target: Path) -> None:
    """Replace `target` with a consistent copy of `source` (SQLite's online backup)."""
    remove_db(target)
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def schema_of(path: Path) -> list[tuple[str, str, str | None]]:
    """The database's own tables, indexes, triggers and views, with their SQL."""
    with closing(sqlite3.connect(path)) as conn:
        rows: list[tuple[str, str, str | None]] = conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
            "ORDER BY type, name"
        ).fetchall()
    return rows
