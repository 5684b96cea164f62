"""Reading a year of rows for `gerai audit verify` at the driver's own speed, in constant
memory: a Core query run on the session's own DBAPI connection (so inside its transaction and
snapshot), fetched a batch at a time (`prepared.stream`: a server-side cursor on
PostgreSQL). Values come as the driver gives them, so times and days
are turned into the same text on every engine here."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Select
from sqlmodel import Session

from gerai.services.prepared import STREAMED, stream

BATCH = STREAMED
# compact JSON, as every digest's text is made; built once (`json.dumps` builds one a call),
# without the check for circular lists (digests take rows of plain values: the same text)
compact_json = json.JSONEncoder(
    separators=(",", ":"), ensure_ascii=False, check_circular=False
).encode


def driver_rows(session: Session, query: Select[Any], size: int = BATCH) -> Iterator[tuple]:
    """The rows of `query` as the driver's own tuples, `size` fetched at a time
    (`prepared.stream`)."""
    for rows in stream(session, query, size):
        yield from rows


def moment_text(value: datetime | str) -> str:
    """A stored UTC time as the text digests take: `2025-11-30T01:02:03.000004+00:00`. SQLite
    hands back the text SQLAlchemy stored (`2025-11-30 01:02:03.000004`), PostgreSQL a naive
    UTC datetime; any other text is read as ISO, or left as it is (so it differs)."""
    if not isinstance(value, str):
        moment = value
    elif len(value) == 26 and value[10] == " ":
        return f"{value[:10]}T{value[11:]}+00:00"
    else:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def day_text(value: date | str) -> str:
    """A stored day as ISO text (SQLite gives it as text already)."""
    return value if isinstance(value, str) else value.isoformat()
