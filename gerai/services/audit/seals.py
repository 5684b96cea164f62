"""Row seals: the audit's proof for every row that holds money, stock, a price or a permission
and is not a sale (sales have their own digest, `sale_digest.py`; the stock ledger its own
proof, `gerai stock check`).

Each covered table is listed in `COVERED` with the columns that matter. Whoever writes such a
row (insert, update or delete) calls `seal` in the same transaction, after the write: one
audit record (kind `rows_sealed`, ref the table's name) holds the SHA-256 of each row's sealed
columns as they are now, or "" for a row that is gone. `check_seals` (run by `gerai audit
verify`) recomputes every covered row and names the first that differs from its latest seal,
has none, or was deleted unsealed. Every other table is listed in `UNSEALED` with the reason it
needs no seal; a test holds that each table of the schema is in exactly one of the two."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, and_, select, tuple_, type_coerce
from sqlalchemy.types import NullType
from sqlmodel import Session

from gerai.core.words import AuditKind
from gerai.models import (
    BARCODE,
    CASH_MOVEMENT,
    CATEGORY,
    DATED_PRODUCT,
    GOODS_RECEIPT,
    GOODS_RECEIPT_LINE,
    KAS_ENTRY,
    MEMBER,
    MEMBER_PAYMENT,
    OPENING_STOCK,
    PACK_UNIT,
    PRICE_CHANGE,
    PRINTED_LABEL,
    PRODUCT,
    PURCHASE_ORDER,
    PURCHASE_ORDER_LINE,
    PURCHASE_ORDER_RECEIPT,
    QUOTA_RULE,
    RECEIPT_TERMS,
    REGULATED_PRODUCT,
    REPACK,
    SALE_RETURN,
    SALE_RETURN_LINE,
    SALE_VOID,
    SCHEDULED_PRICE,
    SHIFT,
    SHOP_SETTING,
    STOCK_BATCH,
    STOCK_COUNT,
    STOCK_COUNT_LINE,
    SUPPLIER_PAYMENT,
    USER,
    WRITE_OFF,
)
from gerai.services.audit import trail as audit
from gerai.services.audit.stream import compact_json
from gerai.services.audit.trail import DocumentBreak
from gerai.services.prepared import stream

GONE = ""  # the digest sealed for a deleted row


@dataclass(frozen=True)
class Covered:
    """A sealed table and the columns its seal covers (the primary key is always part)."""

    table: Table
    columns: tuple[str, ...]
    where: Any = None  # the rows covered, when not all of the table's

    def only(self, where: Any = None) -> Any:
        """The covered rows' condition, and `where` when given."""
        if self.where is None:
            return where
        return self.where if where is None else and_(self.where, where)

    @property
    def name(self) -> str:
        """The table's name, the `ref` of its seal records."""
        return self.table.name


# the one shop setting that is no setting: the mark of a demo shop (set by gerai.demo)
DEMO_MARKER = "demo_database"

COVERED: tuple[Covered, ...] = (
    Covered(USER, ("name", "role", "pin_hash", "failed_pins", "locked_until", "active")),
    Covered(
        SHIFT,
        (
            "till",
            "business_date",
            "opened_by",
            "opening_cash",
            "status",
            "closed_by",
            "confirmed_by",
            "expected_cash",
            "counted_cash",
            "variance",
            "cash_count",
        ),
    ),
    Covered(CASH_MOVEMENT, ("shift_id", "kind", "amount", "created_by")),
    Covered(
        KAS_ENTRY,
        (
            "kind",
            "amount",
            "category",
            "note",
            "shift_id",
            "till",
            "business_date",
            "created_at",
            "created_by",
        ),
    ),
    Covered(
        MEMBER_PAYMENT,
        (
            "number",
            "member_id",
            "shift_id",
            "till",
            "business_date",
            "kind",
            "amount",
            "months",
            "method",
        ),
    ),
    Covered(MEMBER, ("number", "nik", "active", "credit_limit")),
    Covered(REGULATED_PRODUCT, ("product_id", "quota_group", "needs_buyer")),
    Covered(QUOTA_RULE, ("id", "quota_group", "scope", "period", "limit")),
    # the catalogue: prices, member prices, cost (HPP), HET, limits, tax, active; never the
    # stock (the ledger proves it) nor `updated_at` (a stamp)
    Covered(
        PRODUCT,
        (
            "code",
            "name",
            "category_id",
            "unit",
            "sold_by_weight",
            "price",
            "member_price",
            "cost",
            "het",
            "max_per_sale",
            "tax_category",
            "reorder_level",
            "active",
        ),
    ),
    Covered(CATEGORY, ("name", "member_discount_bp")),
    Covered(BARCODE, ("code", "product_id")),
    Covered(PACK_UNIT, ("product_id", "name", "factor")),
    Covered(
        PRICE_CHANGE,
        (
            "product_id",
            "changed_at",
            "changed_by",
            "old_price",
            "new_price",
            "old_member_price",
            "new_member_price",
        ),
    ),
    Covered(SHOP_SETTING, ("key", "value"), SHOP_SETTING.c.key != DEMO_MARKER),
    # stock documents
    Covered(
        GOODS_RECEIPT,
        (
            "number",
            "supplier_id",
            "reference",
            "business_date",
            "created_at",
            "created_by",
            "total",
        ),
    ),
    Covered(
        GOODS_RECEIPT_LINE,
        (
            "receipt_id",
            "line_no",
            "product_id",
            "pack",
            "pack_qty",
            "factor",
            "qty",
            "unit_cost",
            "line_total",
            "cost_before",
            "cost_after",
        ),
    ),
    Covered(
        REPACK,
        (
            "number",
            "source_id",
            "source_qty",
            "target_id",
            "per_source",
            "expected",
            "produced",
            "shrinkage",
            "value",
            "created_at",
            "created_by",
        ),
    ),
    Covered(
        OPENING_STOCK,
        ("number", "business_date", "created_at", "created_by", "products", "value", "note"),
    ),
    Covered(
        WRITE_OFF,
        ("number", "product_id", "qty", "cost", "value", "reason", "created_at", "created_by"),
    ),
    Covered(STOCK_COUNT, ("number", "scope", "reason", "created_at", "created_by", "value")),
    Covered(
        STOCK_COUNT_LINE,
        ("count_id", "product_id", "expected", "counted", "difference", "cost", "value"),
    ),
    # supplier debts (issue 17): each receipt's terms and every payment to a supplier
    Covered(RECEIPT_TERMS, ("receipt_id", "kind", "due_date", "created_at", "created_by")),
    Covered(
        SUPPLIER_PAYMENT,
        (
            "number",
            "supplier_id",
            "receipt_id",
            "amount",
            "method",
            "reference",
            "note",
            "kas_entry_id",
            "business_date",
            "created_at",
            "created_by",
        ),
    ),
    # corrections of sales
    Covered(
        SALE_VOID, ("sale_id", "shift_id", "created_at", "created_by", "approved_by", "reason")
    ),
    Covered(
        SALE_RETURN,
        (
            "number",
            "sale_id",
            "shift_id",
            "till",
            "business_date",
            "created_at",
            "created_by",
            "approved_by",
            "reason",
            "refund_method",
            "refund_total",
        ),
    ),
    Covered(
        SALE_RETURN_LINE, ("return_id", "sale_line_id", "product_id", "qty", "amount", "damaged")
    ),
    # expiry dates (issue 17): which products are dated, each batch's product, expiry and code
    # (its quantity is proved by the batch ledger, `gerai stock check`)
    Covered(DATED_PRODUCT, ("product_id", "marked_at", "marked_by")),
    Covered(STOCK_BATCH, ("product_id", "expiry", "code", "created_at")),
    Covered(PRINTED_LABEL, ("product_id", "price", "member_price", "het", "printed_at")),
    Covered(
        SCHEDULED_PRICE,
        ("product_id", "effective", "het", "price", "member_price", "decree", "applied_at"),
    ),
    # purchase orders (issue 17): what was ordered, at what cost, and what received it
    Covered(
        PURCHASE_ORDER,
        (
            "number",
            "supplier_id",
            "status",
            "business_date",
            "created_at",
            "created_by",
            "note",
            "cancelled_at",
            "cancelled_by",
        ),
    ),
    Covered(
        PURCHASE_ORDER_LINE,
        ("order_id", "line_no", "product_id", "pack", "factor", "qty", "unit_cost"),
    ),
    Covered(
        PURCHASE_ORDER_RECEIPT,
        ("order_id", "receipt_id", "over_reason", "created_at", "created_by"),
    ),
)

UNSEALED: dict[str, str] = {
    "alembic_version": "the schema's version, checked at start",
    "audithead": "the audit chain's own head: the chain proves it",
    "auditrecord": "the audit chain itself",
    "auditcheckpoint": "each checkpoint is a record of the chain (kind `audit_checked`) and"
    " must match it (checkpoint.py)",
    "sale": "each sale's audit record holds its digest (sale_digest.py)",
    "saleline": "part of its sale's digest",
    "payment": "part of its sale's digest",
    "stockmovement": "the stock ledger: `gerai stock check` proves stock against it",
    "batchmovement": "the batch ledger: `gerai stock check` proves each batch against it and"
    " each dated product's batches against its stock",
    "printjob": "receipt copies waiting for the printer: no money of their own",
    "heldcart": "a parked cart: prices are read again at sale",
    "product_fts": "SQLite's name search index (and its shadow tables), rebuilt from product",
    "supplier": "whom the shop buys from (name, phone, address): no money, stock, price or"
    " permission; a goods receipt's sealed row names its supplier",
    "receiptcounter": "bumped by every sale, so not sealed (a sale stays lean): `audit verify`"
    " checks each equals the highest receipt number issued that day at that till (counters.py)",
    "documentcounter": "bumped by every retur and savings slip: `audit verify` checks each"
    " equals the highest number issued in its series, till and day (counters.py)",
}

BATCH = 5_000
BEFORE_THE_CHAIN = "gerai.before_the_audit_chain"  # a key of `Session.info`


def before_the_chain(session: Session) -> None:
    """Mark `session` as writing a database older than the audit chain (as the migration
    tests build one, `load_catalogue(..., sealed=False)`): `seal` then writes nothing. The
    migrations that start the chain or cover a table (0006, 0008) seal those rows."""
    session.info[BEFORE_THE_CHAIN] = True


_AS_IS = frozenset((int, str, bool, float, type(None)))  # JSON as they are, the common case


def _plain(value: Any) -> Any:
    """A column value as the same JSON on every engine: times in UTC, days and decimals as
    text (a decimal without trailing zeros)."""
    if type(value) in _AS_IS:
        return value
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


def _row_text(table: str, key: str, values: Sequence[Any]) -> str:
    """`[table, key, [values...]]` as compact JSON, the text a row's digest is taken of."""
    plain = [value if type(value) in _AS_IS else _plain(value) for value in values]
    return compact_json([table, key, plain])


def row_digest(table: str, key: str, values: Sequence[Any]) -> str:
    """The SHA-256 of one row's sealed columns, with its table and key."""
    return hashlib.sha256(_row_text(table, key, values).encode()).hexdigest()


def values_json(values: Sequence[Any]) -> str:
    """The JSON of a row's sealed values (as the database hands them back), the part of its
    digest's text that can be made before the row is written (`digests_by_id`)."""
    return compact_json([_plain(value) for value in values])


def digests_by_id(table: Table, rows: Iterable[tuple[int, str]]) -> dict[str, str]:
    """Key → digest of rows of `table` keyed by an integer id, each given as (id, the JSON of
    its sealed values made before, `values_json`): the same text as `row_digest`'s,
    `[table, key, values]`, so the same digest."""
    name, sha256 = compact_json(covered(table).name), hashlib.sha256
    return {
        str(id_): sha256(f'[{name},"{id_}",{values}]'.encode()).hexdigest() for id_, values in rows
    }


def _key(values: Sequence[Any]) -> str:
    """A row's primary key as text: its columns' values joined by `|`."""
    if len(values) == 1 and type(values[0]) is int:
        return str(values[0])
    return "|".join(str(_plain(value)) for value in values)


def covered(table: Table) -> Covered:
    """The coverage of `table`; a KeyError names a table that is not sealed."""
    for entry in COVERED:
        if entry.table is table:
            return entry
    raise KeyError(f"{table.name} is not in COVERED")


def _digests(session: Session, entry: Covered, where: Any = None) -> Iterator[tuple[str, str]]:
    """(key, digest) of the table's rows (those matching `where`), in key order. The sealed
    columns are read as the database holds them (no type's conversion), so a value no type
    would accept, written straight into the file, still digests (and differs). SQLite hands
    only JSON's own types (and bytes, which JSON refuses either way): made plain elsewhere."""
    keys = list(entry.table.primary_key.columns)
    columns = [type_coerce(entry.table.c[name], NullType()) for name in entry.columns]
    query = select(*keys, *columns).order_by(*keys)
    if (only := entry.only(where)) is not None:
        query = query.where(only)
    width, name, dump, sha256 = len(keys), entry.name, compact_json, hashlib.sha256
    as_is = session.connection().dialect.name == "sqlite"
    for rows in stream(session, query, BATCH):
        for row in rows:
            key = str(row[0]) if width == 1 and type(row[0]) is int else _key(row[:width])
            values = row[width:] if as_is else [_plain(value) for value in row[width:]]
            yield key, sha256(dump([name, key, values]).encode()).hexdigest()


def seal(
    session: Session, table: Table, ids: Iterable[Any], *, actor: str, at: datetime
) -> int | None:
    """Seal the rows of `table` with these primary keys (a value, or a tuple for a composite
    key) as they are now in the caller's transaction, gone rows as deleted; returns the audit
    record's sequence number (None when `ids` is empty)."""
    wanted = [item if isinstance(item, tuple) else (item,) for item in ids]
    if not wanted or session.info.get(BEFORE_THE_CHAIN):
        return None
    session.flush()
    entry = covered(table)
    keys = list(table.primary_key.columns)
    sealed: dict[str, str] = {_key(item): GONE for item in wanted}
    if len(keys) == 1 and len(wanted) > BATCH and all(type(item[0]) is int for item in wanted):
        # many rows by number (an import): read their span at once, keep those wanted
        low, high = min(item[0] for item in wanted), max(item[0] for item in wanted)
        if high - low < 2 * len(wanted):
            for key, digest in _digests(session, entry, keys[0].between(low, high)):
                if key in sealed:
                    sealed[key] = digest
            wanted = []
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start : start + BATCH]
        where = (
            keys[0].in_([item[0] for item in chunk]) if len(keys) == 1 else tuple_(*keys).in_(chunk)
        )
        sealed.update(_digests(session, entry, where))
    return record_seals(session, table, sealed, actor=actor, at=at)


def record_seals(
    session: Session, table: Table, sealed: dict[str, str], *, actor: str, at: datetime
) -> int | None:
    """The seal record of rows of `table` (key: digest, GONE for a deleted row) whose digests
    the caller worked out itself (`digests_by_id`) from the very values it wrote in this
    transaction. Returns the audit record's sequence number (None when `sealed` is empty)."""
    return record_seal_text(session, table, seal_text(sealed), actor=actor, at=at)


def seal_text(sealed: dict[str, str]) -> str:
    """The stored detail of the seal record of `sealed` (key: digest), "" when empty: a big
    import makes it before it takes the write lock (`record_seal_text`)."""
    return audit.canonical({"rows": sealed}) if sealed else ""


def record_seal_text(
    session: Session, table: Table, text: str, *, actor: str, at: datetime
) -> int | None:
    """The seal record of rows of `table` whose detail is `text` (`seal_text`); None when
    it seals nothing ("")."""
    if not text or session.info.get(BEFORE_THE_CHAIN):
        return None
    return audit.record(
        session, kind=AuditKind.ROWS_SEALED, actor=actor, at=at, ref=covered(table).name, text=text
    )


def seal_all(session: Session, table: Table, *, actor: str, at: datetime) -> int | None:
    """Seal every row of `table` as it is now (a migration that starts covering a table of
    an existing shop); None when it has no rows."""
    keys = list(table.primary_key.columns)
    query = select(*keys)
    if (only := covered(table).only()) is not None:
        query = query.where(only)
    rows = session.connection().execute(query).all()
    return seal(session, table, [tuple(row) for row in rows], actor=actor, at=at)


def _latest_seals(session: Session, table: str, since: int = 0) -> dict[str, str]:
    """Key → digest of the latest seal of each row of `table` sealed after record `since`
    (one table at a time: memory holds one table's keys, never the whole trail's)."""
    latest: dict[str, str] = {}
    for _, _, detail in audit.records_of(session, AuditKind.ROWS_SEALED, table, since):
        latest.update(json.loads(detail)["rows"])
    return latest


def _sealed_by(session: Session, table: str, keys: Iterable[str], since: int = 0) -> dict[str, int]:
    """Key → sequence number of the latest seal (after `since`) of these rows of `table`, in
    the order they were first sealed: the record a break names, looked up once one is found."""
    wanted = set(keys)
    latest: dict[str, int] = {}
    for seq, _, detail in audit.records_of(session, AuditKind.ROWS_SEALED, table, since):
        latest.update((key, seq) for key in json.loads(detail)["rows"] if key in wanted)
    return latest


def check_seals(
    session: Session, coverage: Sequence[Covered] | None = None, since: int = 0
) -> DocumentBreak | None:
    """The first covered row that does not match its latest seal: changed since, never
    sealed, or deleted while its seal says it exists. `ref` names it as `table#key`. With
    `since`, only the rows sealed after that record are checked (their latest seal is then
    among those), against their rows as they are now."""
    for entry in COVERED if coverage is None else coverage:
        sealed = _latest_seals(session, entry.name, since)
        if since and not sealed:
            continue
        for key, digest in _digests(session, entry, _keys_in(entry, sealed) if since else None):
            found = sealed.pop(key, None)
            if found == digest:
                continue
            if found is None:
                if since:
                    continue  # sealed before the check: the full verify proves it
                return DocumentBreak("audit.row_unsealed", f"{entry.name}#{key}", 0)
            seq = _sealed_by(session, entry.name, [key], since)[key]
            reason = "audit.row_unsealed" if found == GONE else "audit.row_changed"
            return DocumentBreak(reason, f"{entry.name}#{key}", seq)
        deleted = [key for key, digest in sealed.items() if digest != GONE]
        if deleted:
            first, seq = min(
                _sealed_by(session, entry.name, deleted, since).items(), key=itemgetter(1)
            )
            return DocumentBreak("audit.row_deleted", f"{entry.name}#{first}", seq)
    return None


def _keys_in(entry: Covered, sealed: dict[str, str]) -> Any:
    """The condition that reads only the sealed rows of a table keyed by an integer id (None,
    the whole table, for another key, those tables are small, or for an import's many)."""
    keys = list(entry.table.primary_key.columns)
    if len(keys) != 1 or keys[0].type.python_type is not int or len(sealed) > BATCH:
        return None
    return keys[0].in_([int(key) for key in sealed])
