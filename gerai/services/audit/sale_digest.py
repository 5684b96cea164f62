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
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from gerai.core.words import AuditKind
from gerai.models import AUDIT_RECORD, SALE
from gerai.services.audit import trail as audit
from gerai.services.audit.sale_rows import SaleRows, SaleTexts, field_texts, fields_of, rows_of
from gerai.services.audit.stream import compact_json, day_text, moment_text
from gerai.services.audit.trail import Advance, DocumentBreak
from gerai.services.prepared import stream

SALE_FIELDS = (
    "receipt_no", "shift_id", "till", "business_date", "created_at", "member_id", "cashier",
    "gross", "member_discount", "manual_discount", "total", "paid", "change",
)  # fmt: skip
SALE_FIELDS_V3 = (*SALE_FIELDS, SALE.c.rounding.key, SALE.c.approved_by.key)
_DAY, _MOMENT = SALE_FIELDS.index("business_date"), SALE_FIELDS.index("created_at")

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
    return _digest(
        fields,
        list(lines),
        list(payments),
        None if details is None else list(details),
        version,
        list(references),
        expired_by,
    )


def _digest(
    fields: Sequence[Any],
    lines: Sequence[Sequence[Any]],
    payments: Sequence[Sequence[Any]],
    details: Sequence[Sequence[Any]] | None,
    version: int,
    references: Sequence[str | None],
    expired_by: str | None,
) -> str:
    """`sale_digest` of a sale's field values already as text where they are times or days
    (JSON takes a tuple as a list: the same text)."""
    content: list[Any] = [fields, lines, payments]
    if details is not None:
        content.append(details)
    if version >= 3:
        content.append(references)
    if version >= 4:
        content.append(expired_by)
    return hashlib.sha256(compact_json(content).encode()).hexdigest()


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


def _expired_approvers(session: Session) -> dict[str, str]:
    """Receipt number → who allowed that sale to take expired goods (its `expired_approved`
    record's actor): a few sales, not every one."""
    rows = session.connection().execute(
        select(AUDIT_RECORD.c.ref, AUDIT_RECORD.c.actor).where(
            AUDIT_RECORD.c.kind == AuditKind.EXPIRED_APPROVED
        )
    )
    return {ref: actor for ref, actor in rows}


def _stored_digest(
    fields: list[Any],
    lines: Sequence[Sequence[Any]],
    paid: Sequence[Sequence[Any]],
    version: int,
    expired_by: str | None,
) -> str:
    """The digest of version `version` of a sale's rows as they are now: its SALE_FIELDS_V3
    values (SALE_FIELDS only before version 3; times and days as text), each line and
    payment as read, its sale id first."""
    keys = [line[1:5] if line[5] is None else line[1:8] for line in lines]  # line_key
    details: list[Any] | None = None
    if version >= 3:
        details = [
            (line[8], line[9], line[10], line[11], bool(line[12]), line[13]) for line in lines
        ]
    elif version == 2:
        details = [line[8:10] for line in lines]
    methods = [payment[1:4] for payment in paid]
    references = [payment[4] for payment in paid]
    return _digest(fields, keys, methods, details, version, references, expired_by)


def _text_digest(
    fields: Sequence[str],
    lines: Sequence[Sequence[str]],
    paid: Sequence[Sequence[str]],
    version: int,
    expired_by: str | None,
) -> str:
    """`_stored_digest` of a sale as SQLite made the JSON of its fields (`field_texts`: those
    of SALE_FIELDS, then the two SALE_FIELDS_V3 adds), lines and payments (`SaleTexts`): the
    same text as `compact_json` makes of the content, part by part."""
    parts = [fields[0] if version < 3 else f"{fields[0][:-1]},{fields[1][1:]}"]
    parts.append(f"[{','.join([line[1] for line in lines])}]")
    parts.append(f"[{','.join([payment[1] for payment in paid])}]")
    if version >= 3:
        parts.append(f"[{','.join([line[2] for line in lines])}]")
        parts.append(f"[{','.join([payment[2] for payment in paid])}]")
    if version >= 4:
        parts.append("null" if expired_by is None else compact_json(expired_by))
    return hashlib.sha256(f"[{','.join(parts)}]".encode()).hexdigest()


# a sale record's detail as `record_sale` writes it (canonical JSON; no `v` in version 1): its
# digest and version read without a JSON parse; any other text is parsed (`_record`)
_SALE_DETAIL = re.compile(
    r'\{"digest":"([0-9a-f]{64})","receipt":"[^"\\\x00-\x1f]*",'
    r'"total":-?(?:0|[1-9][0-9]*)(?:,"v":([1-9][0-9]*))?\}'
)


def _record(detail: str | None) -> tuple[str, int]:
    """A sale record's digest and version (a record without `v` is version 1)."""
    if detail is not None and (found := _SALE_DETAIL.fullmatch(detail)) is not None:
        return found[1], 1 if found[2] is None else int(found[2])
    loaded = json.loads(detail or "{}")
    return loaded.get("digest", ""), loaded.get("v", 1)


def first_sale_after(session: Session, seq: int) -> int | None:
    """The lowest id of a sale recorded after record `seq`, or None when none was."""
    found = (
        session.connection()
        .execute(
            select(func.min(SALE.c.id))
            .join(AUDIT_RECORD, AUDIT_RECORD.c.ref == SALE.c.receipt_no)
            .where(AUDIT_RECORD.c.kind == AuditKind.SALE, AUDIT_RECORD.c.seq > seq)
        )
        .scalar()
    )
    return None if found is None else int(found)


def check_sales(
    session: Session, first: int = 1, since: int = 0, advance: Advance | None = None
) -> DocumentBreak | None:
    """The first sale that does not match its audit record: one with no record, one whose
    rows changed since, or a record whose sale is gone. Checks the sales from id `first` on
    and the records after sequence `since` (all of them by default), streaming the sales,
    their lines and payments side by side in id order, so memory stays flat (on SQLite, as
    the JSON SQLite makes of them: `sale_rows.SaleTexts`); `advance` is told each batch of
    sales read. Sales from before the trail (a shop upgraded from an older version) are
    checked as a whole against the trail's first record."""
    before, problem = _sales_before_the_trail(session)
    if problem is not None:
        return problem
    first = max(first, before + 1)
    approvers = _expired_approvers(session)
    # `kind || ''`: each sale's record is found by its ref's index, not by scanning every
    # record of kind `sale` (SQLite's planner would, for each sale)
    as_text = session.connection().dialect.name == "sqlite"
    columns = [SALE.c[name] for name in SALE_FIELDS_V3]
    sales = stream(
        session,
        select(SALE.c.id, SALE.c.receipt_no, AUDIT_RECORD.c.seq, AUDIT_RECORD.c.detail,
               *(field_texts(SALE_FIELDS, SALE_FIELDS_V3[len(SALE_FIELDS):]) if as_text
                 else columns))
        .outerjoin(AUDIT_RECORD, (AUDIT_RECORD.c.ref == SALE.c.receipt_no)
                   & (AUDIT_RECORD.c.kind.concat("") == AuditKind.SALE))
        .where(SALE.c.id >= first)
        .order_by(SALE.c.id, AUDIT_RECORD.c.seq),
    )  # fmt: skip
    texts = SaleTexts(session, first) if as_text else None
    rows = SaleRows(session, first) if texts is None else None
    matched = 0
    for batch in sales:
        for sale_id, receipt, seq, detail, *fields in batch:
            if seq is None:
                return DocumentBreak("audit.sale_unrecorded", receipt)
            matched += seq > since
            digest, version = _record(detail)
            expired_by = approvers.get(receipt)
            if texts is not None:
                if version != 2:  # SQLite makes no version 2 line details
                    lines, paid = texts.of(sale_id, details=version >= 3)
                    if digest == _text_digest(fields, lines, paid, version, expired_by):
                        continue
                fields = fields_of(session, columns, sale_id)
            fields[_DAY], fields[_MOMENT] = day_text(fields[_DAY]), moment_text(fields[_MOMENT])
            if version < 3:
                del fields[len(SALE_FIELDS) :]
            lines, paid = rows_of(session, sale_id) if rows is None else rows.of(sale_id)
            if digest != _stored_digest(fields, lines, paid, version, expired_by):
                return DocumentBreak("audit.sale_changed", receipt, seq)
        if advance is not None:
            advance(len(batch))
    return _record_without_sale(session, since, matched)


def _record_without_sale(session: Session, since: int, matched: int) -> DocumentBreak | None:
    """The first sale record after sequence `since` whose sale is gone, looked for only when
    there are more such records than the `matched` ones the sales found."""
    records = (
        session.connection()
        .execute(
            select(func.count()).where(
                AUDIT_RECORD.c.kind == AuditKind.SALE, AUDIT_RECORD.c.seq > since
            )
        )
        .scalar()
    )
    if records == matched:
        return None
    gone = (
        session.connection()
        .execute(
            select(AUDIT_RECORD.c.seq, AUDIT_RECORD.c.ref)
            .where(
                AUDIT_RECORD.c.kind == AuditKind.SALE,
                AUDIT_RECORD.c.seq > since,
                ~select(SALE.c.id).where(SALE.c.receipt_no == AUDIT_RECORD.c.ref).exists(),
            )
            .order_by(AUDIT_RECORD.c.seq)
            .limit(1)
        )
        .first()
    )
    return None if gone is None else DocumentBreak("audit.sale_missing", gone[1], gone[0])


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
