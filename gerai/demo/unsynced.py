"""Writing the demo without waiting for the disk: a new demo file is one-off generated data
(a failed run is run again, `gerai demo` deletes and remakes the file), so while it is made
its SQLite connections run `synchronous = OFF` (no fsync at each of the days' commits); at
the end the write-ahead log is checkpointed into the file by a connection with the shop's
`synchronous = FULL`, and the file and its folder are fsynced, before the demo is reported
ready. A server database is written as always."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from gerai.db import Database


def _unsynced(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA synchronous = OFF")


@contextmanager
def unsynced(database: Database) -> Iterator[None]:
    """Run the block with `database`'s SQLite connections unsynced, then checkpoint and fsync
    the file (see the module); on PostgreSQL, the block as it is."""
    path = database.path
    if path is None:
        yield
        return
    engine = database.engine
    database.dispose()  # connections opened from here on run unsynced
    event.listen(engine, "connect", _unsynced)
    try:
        yield
    finally:
        event.remove(engine, "connect", _unsynced)
        database.dispose()
    connection = engine.raw_connection()  # the shop's own settings again: synchronous = FULL
    try:
        busy, _, _ = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        connection.close()
    database.dispose()
    if busy:
        raise RuntimeError(f"the demo's write-ahead log could not be checkpointed into {path}")
    for name in (path, path.parent):
        descriptor = os.open(name, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
