"""The number counters in `gerai audit verify`: they change with every sale (and every retur
and savings slip), so they are not sealed row by row (a sale's commit stays lean). Instead each
counter must equal the highest number issued in its series, till and day: a counter rewound
(or deleted) would hand out a number again, one run ahead stands for documents that are gone.
The documents themselves are proven by their own digests and seals."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import select, true
from sqlmodel import Session

from gerai.core.words import DocumentSeries
from gerai.models import (
    DOCUMENT_COUNTER,
    MEMBER_PAYMENT,
    RECEIPT_COUNTER,
    SALE,
    SALE_RETURN,
)
from gerai.services.audit.stream import day_text, driver_rows
from gerai.services.audit.trail import DocumentBreak

# the tables whose `number` a document counter hands out, with the series each uses
NUMBERED = ((MEMBER_PAYMENT, DocumentSeries.SAVINGS), (SALE_RETURN, DocumentSeries.RETURN))


def _highest(rows: Iterable[Sequence[Any]], series: str) -> dict[tuple[str, str], int]:
    """(till, day) → the highest number of `series` among documents (till, day, number),
    read from the number's end (`K1-20251130-0007`, `K1-20251130-R003`)."""
    highest: dict[tuple[str, str], int] = {}
    for till, day, number in rows:
        tail = str(number).rsplit("-", 1)[-1]
        digits = tail[len(series) :] if tail.startswith(series) else ""
        value = int(digits) if digits.isdigit() else 0
        key = (str(till), day_text(day))
        highest[key] = max(highest.get(key, 0), value)
    return highest


def _compare(
    table: str, prefix: tuple[str, ...], counters: dict[tuple[str, str], int],
    issued: dict[tuple[str, str], int],
) -> DocumentBreak | None:  # fmt: skip
    """The first counter that is not the highest number issued, named `table#key`."""
    for key in sorted(set(counters) | set(issued)):
        if counters.get(key, 0) != issued.get(key, 0):
            return DocumentBreak("audit.counter_wrong", f"{table}#{'|'.join((*prefix, *key))}", 0)
    return None


def check_counters(session: Session, first_day: date | None = None) -> DocumentBreak | None:
    """The first receipt or document counter that differs from the highest number issued in
    its series, till and day (a counter missing counts as 0), or None when all agree; only
    the days from `first_day` when given."""
    connection = session.connection()

    def days(table: Any) -> Any:
        return table.c.business_date >= first_day if first_day is not None else true()

    counters = {
        (str(till), day_text(day)): int(last)
        for till, day, last in connection.execute(
            select(
                RECEIPT_COUNTER.c.till, RECEIPT_COUNTER.c.business_date, RECEIPT_COUNTER.c.last_no
            ).where(days(RECEIPT_COUNTER))
        )
    }
    sales = driver_rows(
        session, select(SALE.c.till, SALE.c.business_date, SALE.c.receipt_no).where(days(SALE))
    )
    found = _compare(RECEIPT_COUNTER.name, (), counters, _highest(sales, ""))
    if found is not None:
        return found
    for table, series in NUMBERED:
        counters = {
            (str(till), day_text(day)): int(last)
            for till, day, last in connection.execute(
                select(
                    DOCUMENT_COUNTER.c.till,
                    DOCUMENT_COUNTER.c.business_date,
                    DOCUMENT_COUNTER.c.last_no,
                ).where(DOCUMENT_COUNTER.c.series == series, days(DOCUMENT_COUNTER))
            )
        }
        documents = driver_rows(
            session, select(table.c.till, table.c.business_date, table.c.number).where(days(table))
        )
        found = _compare(DOCUMENT_COUNTER.name, (series,), counters, _highest(documents, series))
        if found is not None:
            return found
    return None
