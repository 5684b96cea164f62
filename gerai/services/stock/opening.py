"""Stok awal (opening stock): the stock a shop starts with, booked once per product as one
document of series `SA` (`SA-20251130-001`, table `openingstock`, sealed) whose ledger
movements are of kind `opening` and carry its number. A product whose stock has moved already
(sold, received, counted...) takes no opening stock: a stock count (stok opname) corrects it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlmodel import Session

from gerai.core.words import DocumentSeries
from gerai.models import OPENING_STOCK, STOCK_MOVEMENT, OpeningStock
from gerai.services.audit.seals import seal
from gerai.services.shop.profile import load_shop
from gerai.services.stock.inventory import next_number

CHUNK = 5_000  # product ids looked up at once


def open_document(
    session: Session, *, at: datetime, by: str, products: int, value: int, note: str
) -> str:
    """Write and seal the opening stock document of `products` products worth `value` at
    HPP, numbered in the shop's business day of `at`; its number, for the movements' `ref`."""
    day = load_shop(session).business_date(at)
    number = opening_number(session, day)
    store_document(session, number, day, at=at, by=by, products=products, value=value, note=note)
    return number


def opening_number(session: Session, day: date) -> str:
    """The number the next opening stock document of business day `day` takes."""
    return next_number(session, OpeningStock, DocumentSeries.OPENING, day)


def store_document(
    session: Session,
    number: str,
    day: date,
    *,
    at: datetime,
    by: str,
    products: int,
    value: int,
    note: str,
) -> None:
    """Write and seal the opening stock document `number` of business day `day` (see
    `open_document`)."""
    document = OpeningStock(
        number=number,
        business_date=day,
        created_at=at,
        created_by=by,
        products=products,
        value=value,
        note=note[:200],
    )
    session.add(document)
    session.flush()
    seal(session, OPENING_STOCK, [document.id], actor=by, at=at)


def moved_products(session: Session, ids: Sequence[int]) -> set[int]:
    """Those of the products `ids` that have any movement on the stock ledger."""
    connection = session.connection()
    moved: set[int] = set()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        query = select(STOCK_MOVEMENT.c.product_id).where(STOCK_MOVEMENT.c.product_id.in_(chunk))
        moved.update(connection.execute(query.distinct()).scalars())
    return moved
