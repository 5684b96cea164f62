"""The rows `check_sales` digests, read in sale id order beside the sales, in constant memory.

`SaleRows` hands out each sale's lines and payments as the driver gives them (the digest is
made of them in Python, `sale_digest._stored_digest`). `SaleTexts`, on SQLite, hands out the
parts of the digest's text SQLite itself made of them (`json_array`, in C), so a year's lines
cross to Python as one or two strings each instead of thirteen values and are not encoded
again. SQLite's JSON can differ from Python's but never make a changed row match: an integer
prints alike, a real always with a point or an exponent, text escapes into valid JSON, and
`price_overridden` is true or false only for 1 or 0. So a sale whose digest from these texts
differs is digested again from its rows (`rows_of`) before it is called changed. The sale's
own fields come the same way (`field_texts`): its time turned into `stream.moment_text`'s
text by SQLite when stored as SQLAlchemy stores it, else left as it is (then they differ,
unless it is that text already, which `moment_text` leaves as it is too)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import chain, groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Integer, case, func, select, type_coerce
from sqlmodel import Session

from gerai.models import PAYMENT, SALE, SALE_LINE
from gerai.services.prepared import stream

LINES = (
    SALE_LINE.c.sale_id,
    SALE_LINE.c.product_id,
    SALE_LINE.c.qty,  # the stored thousandths, read as the driver gives them
    SALE_LINE.c.unit_price,
    SALE_LINE.c.line_total,
    SALE_LINE.c.buyer_nik,
    SALE_LINE.c.buyer_kk,
    SALE_LINE.c.buyer_category,
    SALE_LINE.c.cost,
    SALE_LINE.c.name,
    SALE_LINE.c.manual_discount,
    SALE_LINE.c.discount_share,
    SALE_LINE.c.price_overridden,
    SALE_LINE.c.approved_by,
)
PAYMENTS = (PAYMENT.c.sale_id, PAYMENT.c.method, PAYMENT.c.amount, PAYMENT.c.tendered,
            PAYMENT.c.reference)  # fmt: skip

_OVERRIDDEN = type_coerce(SALE_LINE.c.price_overridden, Integer)
# each line's key (`line_key`), then its version 3 details
_LINE_TEXTS = (
    SALE_LINE.c.sale_id,
    case(
        (SALE_LINE.c.buyer_nik.is_(None), func.json_array(*LINES[1:5])),
        else_=func.json_array(*LINES[1:8]),
    ),
    func.json_array(
        *LINES[8:12],
        case(
            (_OVERRIDDEN == 1, func.json("true")),
            (_OVERRIDDEN == 0, func.json("false")),
            else_=_OVERRIDDEN,
        ),
        SALE_LINE.c.approved_by,
    ),
)
# each payment's (method, amount, tendered), then its reference
_PAYMENT_TEXTS = (PAYMENT.c.sale_id, func.json_array(*PAYMENTS[1:4]), func.json_quote(PAYMENTS[4]))


_STORED = SALE.c.created_at
_MOMENT = case(
    (
        (func.length(_STORED) == 26) & (func.substr(_STORED, 11, 1) == " "),
        func.substr(_STORED, 1, 10) + "T" + func.substr(_STORED, 12) + "+00:00",
    ),
    else_=_STORED,
)


def field_texts(fields: Sequence[str], more: Sequence[str]) -> tuple[Any, Any]:
    """The JSON SQLite makes of a sale's `fields` (its time as `moment_text` makes it), and
    of the `more` a later version adds."""
    columns = [_MOMENT if name == _STORED.key else SALE.c[name] for name in fields]
    return func.json_array(*columns), func.json_array(*(SALE.c[name] for name in more))


def _grouped(batches: Iterator[list[tuple]]) -> Iterator[tuple[int, list[tuple]]]:
    """(sale id, its rows) of rows read in sale id order, each row its sale id first."""
    for sale_id, group in groupby(chain.from_iterable(batches), itemgetter(0)):
        yield sale_id, list(group)


class _Following:
    """The rows of a query in sale id order, handed out one sale's at a time."""

    def __init__(self, session: Session, columns: Any, first: int, last: int | None = None) -> None:
        sale_id = columns[0]
        order = SALE_LINE.c.line_no if sale_id.table is SALE_LINE else PAYMENT.c.id
        query = select(*columns).where(sale_id >= first).order_by(sale_id, order)
        if last is not None:
            query = query.where(sale_id <= last)
        self._groups = _grouped(stream(session, query))
        self._next = next(self._groups, None)

    def of(self, sale_id: int) -> list[tuple]:
        """The rows of sale `sale_id` (those of sales before it, now gone, are passed)."""
        while self._next is not None and self._next[0] < sale_id:
            self._next = next(self._groups, None)
        if self._next is None or self._next[0] != sale_id:
            return []
        rows, self._next = self._next[1], next(self._groups, None)
        return rows


class SaleRows:
    """Each sale's lines (`LINES`) and payments (`PAYMENTS`) from sale id `first` on (to
    `last`, when given), asked for in sale id order (the same sale again: the same rows)."""

    def __init__(self, session: Session, first: int, last: int | None = None) -> None:
        self._lines = _Following(session, LINES, first, last)
        self._payments = _Following(session, PAYMENTS, first, last)
        self._last: tuple[int, list[tuple], list[tuple]] = (0, [], [])

    def of(self, sale_id: int) -> tuple[list[tuple], list[tuple]]:
        """The sale's lines and payments."""
        if self._last[0] != sale_id:
            self._last = (sale_id, self._lines.of(sale_id), self._payments.of(sale_id))
        return self._last[1], self._last[2]


class SaleTexts:
    """On SQLite: each sale's lines and payments as the JSON of their digest's parts, from
    sale id `first` on, asked for in sale id order. The lines' details are read only from the
    first sale asked with them (a version 3 or later; a shop's older sales need none)."""

    def __init__(self, session: Session, first: int) -> None:
        self._session = session
        self._lines = _Following(session, _LINE_TEXTS[:2], first)
        self._details = False
        self._payments = _Following(session, _PAYMENT_TEXTS, first)
        self._last: tuple[int, list[tuple], list[tuple]] = (0, [], [])

    def of(self, sale_id: int, details: bool) -> tuple[list[tuple], list[tuple]]:
        """The sale's lines, each (sale id, key's JSON[, details' JSON when `details`]), and
        payments, each (sale id, (method, amount, tendered)'s JSON, reference's JSON)."""
        if details and not self._details:
            self._lines, self._details = _Following(self._session, _LINE_TEXTS, sale_id), True
            if self._last[0] == sale_id:
                self._last = (sale_id, self._lines.of(sale_id), self._last[2])
        if self._last[0] != sale_id:
            self._last = (sale_id, self._lines.of(sale_id), self._payments.of(sale_id))
        return self._last[1], self._last[2]


def fields_of(session: Session, columns: Sequence[Any], sale_id: int) -> list[Any]:
    """One sale's `columns` as the driver gives them."""
    query = select(*columns).where(SALE.c.id == sale_id)
    return [value for rows in stream(session, query) for row in rows for value in row]


def rows_of(session: Session, sale_id: int) -> tuple[list[tuple], list[tuple]]:
    """One sale's lines and payments, as `SaleRows` hands them out."""
    return SaleRows(session, sale_id, sale_id).of(sale_id)
