"""Gapless document numbers per till and business day, from counter rows bumped atomically in
the document's own transaction (`INSERT … ON CONFLICT DO UPDATE … RETURNING`), never `max + 1`:
sales `K1-20251130-0007`, other documents `K1-20251130-S001` (series letter + number)."""

from __future__ import annotations

import importlib
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Table, bindparam
from sqlmodel import Session

from gerai.core.words import DocumentSeries
from gerai.models import DOCUMENT_COUNTER, RECEIPT_COUNTER
from gerai.services.prepared import Prepared


@cache
def _counter_statement(dialect: str, table: Table) -> Prepared:
    """The atomic bump of `table`'s counter row for this dialect, built once."""
    module = "postgresql" if dialect == "postgresql" else "sqlite"
    insert = importlib.import_module(f"sqlalchemy.dialects.{module}").insert
    keys = [column.name for column in table.primary_key.columns]
    return Prepared(
        insert(table)
        .values({key: bindparam(f"k_{key}") for key in keys} | {"last_no": 1})
        .on_conflict_do_update(index_elements=keys, set_={"last_no": table.c.last_no + 1})
        .returning(table.c.last_no)
    )


def _bump(session: Session, table: Table, **keys: Any) -> int:
    statement = _counter_statement(session.get_bind().dialect.name, table)
    number: int = statement.scalar(session, {f"k_{key}": value for key, value in keys.items()})
    return number


def next_receipt_number(session: Session, till: str, business_date: date) -> str:
    """The next sale receipt number of this till on this day, e.g. `K1-20251130-0007`."""
    number = _bump(session, RECEIPT_COUNTER, till=till, business_date=business_date)
    return f"{till}-{business_date:%Y%m%d}-{number:04d}"


def next_document_number(
    session: Session, series: DocumentSeries, till: str, business_date: date
) -> str:
    """The next number of a non-sale document of `series`, e.g. `K1-20251130-S001`."""
    number = _bump(session, DOCUMENT_COUNTER, series=series, till=till, business_date=business_date)
    return f"{till}-{business_date:%Y%m%d}-{series}{number:03d}"
