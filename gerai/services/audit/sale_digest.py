"""A sale in the audit trail: its record (kind `sale`, ref the receipt number) is written in the
sale's own transaction and holds a SHA-256 digest of what was sold: the sale's fields, its
lines (product, quantity in thousandths, unit price, line total) and its payments. The check
`check_sales` recomputes every digest from the stored rows, so a sale edited, deleted or
inserted straight in the database file is caught. A sale's status is left out: a void
changes it, and the void has a record of its own.

Version 2 (the record's detail holds `"v": 2`; every sale since issue 19) adds each line's
cost (HPP) and name to the digest. A record without `v` is version 1 and is checked as it was
written, so the sales recorded before stay intact.

Version 3 (issue 14) adds the sale's cash rounding and who allowed its discount
(SALE_FIELDS_V3), and to each line's details its manual discount, its share of the sale's
discount, whether its price was overridden and who allowed it; and (issue 17) each payment's
reference (a QRIS or transfer reference, or null), in payment order.

Version 4 (issue 17) adds who allowed the sale to take expired goods (null when it took
none); the check reads that name from the sale's `expired_approved` record."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Integer, Table, func, select, type_coerce
from sqlmodel import Session

from gerai.core.words import AuditKind
from gerai.models import AUDIT_RECORD, PAYMENT, SALE, SALE_LINE
from gerai.services.audit import trail as audit
from gerai.services.audit.trail import DocumentBreak

SALE_FIELDS = (
    "receipt_no", "shift_id", "till", "business_date", "created_at", "member_id", "cashier",
    "gross", "member_discount", "manual_discount", "total", "paid", "change",
)  # fmt: skip
SALE_FIELDS_V3 = (*SALE_FIELDS, SALE.c.rounding.key, SALE.c.approved_by.key)
_DAY, _MOMENT = SALE_FIELDS.index("business_date"), SALE_FIELDS.index("created_at")
BATCH = 5_000

# product id, quantity in thousandths, unit price, total; then, for a line of a regulated
# product, the buyer's NIK, KK and category (issue 16: a line without a buyer digests as before)
LineKey = tuple[int, int, int, int] | tuple[int, int, int, int, str, str | None, str | None]


def line_key(row: Sequence[Any]) -> LineKey:
    """A line's digest key from (product, thousandths, price, total, nik, kk, category)."""
    if row[4] is None:
        return (row[0], row[1], row[2], row[3])
    return (row[0], row[1], row[2], row[3], row[4], row[5], row[6])


PaymentKey = tuple[str, int, int]  # method, amount, tendered
# cost (HPP) and name, in version 2; then manual discount, discount share, price overridden
# and who allowed it, in version 3
LineDetail = tuple[int, str] | tuple[int, str, int, int, bool, str]
VERSION = 4


def _text(value: Any) -> Any:
    """A time as its UTC ISO text, a day as its ISO text, anything else as it is."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    return value.isoformat() if isinstance(value, date) else value


def sale_digest(
    sale: Mapping[str, Any],
    lines: Iterable[LineKey],
    payments: Iterable[PaymentKey],
    details: Iterable[LineDetail] | None = None,
    version: int = 2,
    references: Iterable[str | None] = (),
    expired_by: str | None = None,
) -> str:
    """The SHA-256 of a sale's content: `sale` holds at least SALE_FIELDS (version 3:
    SALE_FIELDS_V3), `lines` come in line order, `payments` in the order they were written;
    `details` (version 2 and 3: each line's details, in line order), or None for a version 1
    digest; `version` 3 (as `record_sale` writes) adds SALE_FIELDS_V3's two and `references`
    (each payment's reference or None, in payment order); version 4 adds `expired_by` (who
    allowed the sale to take expired goods, None for nobody)."""
    fields = [sale[name] for name in (SALE_FIELDS_V3 if version >= 3 else SALE_FIELDS)]
    fields[_DAY], fields[_MOMENT] = _text(fields[_DAY]), _text(fields[_MOMENT])
    content: list[Any] = [fields, list(lines), list(payments)]
    if details is not None:
        content.append([list(detail) for detail in details])
    if version >= 3:
        content.append(list(references))
    if version >= 4:
        content.append(expired_by)
    text = json.dumps(content, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def record_sale(
    session: Session,
    sale: Mapping[str, Any],
    lines: Sequence[LineKey],
    payments: Sequence[PaymentKey],
    details: Sequence[LineDetail],
    references: Sequence[str | None] | None = None,
    expired_by: str | None = None,
) -> int:
    """Write the sale's audit record in the caller's transaction (the sale's own), with a
    version 4 digest (`details`: each line's cost, name and manual changes; `references`:
    each payment's reference, None for none; `expired_by`: who allowed it to take expired
    goods, None for nobody)."""
    receipt_no = sale["receipt_no"]
    return audit.record(
        session,
        kind=AuditKind.SALE,
        actor=sale["cashier"],
        at=sale["created_at"],
        ref=receipt_no,
        detail={
            "receipt": receipt_no,
            "total": sale["total"],
            "digest": sale_digest(
                sale,
                lines,
                payments,
                details,
                VERSION,
                references or [None] * len(payments),
                expired_by,
            ),
            "v": VERSION,
        },
    )


def _recorded_sales(session: Session) -> dict[str, tuple[int, str, int]]:
    """Receipt number → (sequence, digest, version) of every sale record, read in batches."""
    recorded: dict[str, tuple[int, str, int]] = {}
    for seq, ref, detail in audit.records_of(session, AuditKind.SALE):
        loaded = json.loads(detail)
        recorded[ref] = (seq, loaded.get("digest", ""), loaded.get("v", 1))
    return recorded


_LINES = (
    SALE_LINE.c.product_id,
    type_coerce(SALE_LINE.c.qty, Integer),  # the stored thousandths, not a Decimal
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
_PAYMENTS = (PAYMENT.c.method, PAYMENT.c.amount, PAYMENT.c.tendered, PAYMENT.c.reference)


def _by_sale(
    session: Session, table: Table, columns: tuple[Any, ...], order: Any, low: int, high: int
) -> dict[int, list[tuple[Any, ...]]]:
    """The rows of `table` (lines or payments) of the sales with ids `low`..`high`, grouped
    by sale, each sale's in `order`."""
    rows = (
        session.connection()
        .execute(
            select(table.c.sale_id, *columns)
            .where(table.c.sale_id.between(low, high))
            .order_by(table.c.sale_id, order)
        )
        .all()
    )
    grouped: dict[int, list[tuple[Any, ...]]] = {}
    for row in rows:
        grouped.setdefault(row[0], []).append(row[1:])
    return grouped


def _expired_approvers(session: Session) -> dict[str, str]:
    """Receipt number → who allowed that sale to take expired goods (its `expired_approved`
    record's actor)."""
    rows = session.connection().execute(
        select(AUDIT_RECORD.c.ref, AUDIT_RECORD.c.actor).where(
            AUDIT_RECORD.c.kind == AuditKind.EXPIRED_APPROVED
        )
    )
    return {ref: actor for ref, actor in rows}


def _stored_sales(
    session: Session, after: int
) -> Iterator[tuple[Mapping[str, Any], Callable[[int], str]]]:
    """Every stored sale past id `after`, by id, with the digest of its rows as they are now
    (a function of the digest's version)."""
    approvers = _expired_approvers(session)
    columns = [SALE.c[name] for name in SALE_FIELDS_V3]
    last = after
    while True:
        sales = (
            session.connection()
            .execute(
                select(SALE.c.id, *columns).where(SALE.c.id > last).order_by(SALE.c.id).limit(BATCH)
            )
            .mappings()
            .all()
        )
        if not sales:
            return
        low, high = sales[0]["id"], sales[-1]["id"]
        lines = _by_sale(session, SALE_LINE, _LINES, SALE_LINE.c.line_no, low, high)
        payments = _by_sale(session, PAYMENT, _PAYMENTS, PAYMENT.c.id, low, high)
        for row in sales:
            sale = dict(row)
            rows = lines.get(sale["id"], ())
            paid = payments.get(sale["id"], ())

            def digest(
                version: int, sale: Mapping[str, Any] = sale, rows: Any = rows, paid: Any = paid
            ) -> str:
                keys = [line_key(line) for line in rows]
                details: list[LineDetail] | None = None
                if version == 2:
                    details = [(line[7], line[8]) for line in rows]
                elif version >= 3:
                    details = [
                        (line[7], line[8], line[9], line[10], bool(line[11]), line[12])
                        for line in rows
                    ]
                methods = [payment[:3] for payment in paid]
                references = [payment[3] for payment in paid]
                return sale_digest(
                    sale, keys, methods, details, version, references,
                    approvers.get(sale["receipt_no"]),
                )  # fmt: skip

            yield sale, digest
        last = high


def check_sales(session: Session) -> DocumentBreak | None:
    """The first sale that does not match its audit record: one with no record, one whose
    rows changed since, or a record whose sale is gone. Sales from before the trail (a shop
    upgraded from an older version) are checked as a whole against the trail's first record."""
    before, problem = _sales_before_the_trail(session)
    if problem is not None:
        return problem
    recorded = _recorded_sales(session)
    for sale, digest in _stored_sales(session, before):
        found = recorded.pop(sale["receipt_no"], None)
        if found is None:
            return DocumentBreak("audit.sale_unrecorded", sale["receipt_no"])
        if found[1] != digest(found[2]):
            return DocumentBreak("audit.sale_changed", sale["receipt_no"], found[0])
    if recorded:
        ref, (seq, _, _) = min(recorded.items(), key=lambda item: item[1][0])
        return DocumentBreak("audit.sale_missing", ref, seq)
    return None


def _sales_before_the_trail(session: Session) -> tuple[int, DocumentBreak | None]:
    """The last sale id from before the audit trail (0 when it began with the shop), and a
    break when those sales are no longer the count and total the trail's first record holds."""
    connection = session.connection()
    started = connection.execute(
        select(AUDIT_RECORD.c.seq, AUDIT_RECORD.c.detail).where(
            AUDIT_RECORD.c.kind == audit.TRAIL_STARTED
        )
    ).first()
    if started is None:
        return 0, None
    seq, detail = started
    expected = json.loads(detail)
    last_id = int(expected.get("last_sale_id", 0))
    count, total = connection.execute(
        select(func.count(), func.coalesce(func.sum(SALE.c.total), 0)).where(SALE.c.id <= last_id)
    ).one()
    if (count, total) != (expected.get("sales"), expected.get("total")):
        return last_id, DocumentBreak("audit.old_sales_changed", str(last_id), seq)
    return last_id, None
