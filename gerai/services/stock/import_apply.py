"""Writing a checked catalogue import in one short transaction, so the tills selling beside it
wait for the write lock a moment, never for the whole import. The file was read and checked
before, without the lock (`import_export.stage_products`), against a snapshot of the stored
catalogue taken then. Under the lock a fingerprint of the catalogue tells whether anything
was written since: if not, the snapshot still holds; if so, it is read again and what another
till or admin changed meanwhile is checked once more (a barcode taken since). Every row is
then written in a few statements of many rows each. Only rows that change are written. The
file's stock (`Stok awal`) is opening stock: booked as one `SA` document for the whole import
(opening.py), refused for a product whose stock has moved already, and an empty cell leaves a
stored product's stock as it is. Every product, barcode and category written is sealed, one
seal record per table for the whole import; the JSON of each row's sealed values is made with
the rows, before the lock, so under it only the ids join them to make the digests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Column,
    Connection,
    Dialect,
    Integer,
    bindparam,
    func,
    literal,
    select,
    type_coerce,
)
from sqlalchemy.sql.dml import UpdateBase
from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.core.quantity import format_quantity, from_milli, to_milli
from gerai.core.words import MovementKind
from gerai.models import BARCODE, CATEGORY, PRODUCT, STOCK_MOVEMENT, Category, UTCDateTime
from gerai.services.audit.seals import GONE, digests_by_id, record_seals, seal, values_json
from gerai.services.importing import ImportRefused, ImportReport, RowProblem
from gerai.services.stock.batches import move_batches
from gerai.services.stock.catalog import SEARCH_ROWID
from gerai.services.stock.inventory import value_at
from gerai.services.stock.ledger import OPENING_REF, Movement
from gerai.services.stock.opening import moved_products, open_document
from gerai.services.stock.prices import PriceUpdate, record_price_changes

if TYPE_CHECKING:
    from gerai.services.stock.import_export import ProductRecord


# the columns an import sets besides the code, the category and the stock
STORED = (
    "name", "unit", "sold_by_weight", "price", "member_price", "cost", "het", "max_per_sale",
    "tax_category", "reorder_level", "active",
)  # fmt: skip
QUANTITIES = ("max_per_sale", "reorder_level")


@dataclass(frozen=True)
class PreparedProduct:
    """A checked row in the form the database stores it (quantities in thousandths), made
    before the write lock is taken, with the JSON of its sealed values (`seals.values_json`)
    on either side of its category's id (known under the lock) and of each barcode's code."""

    number: int
    code: str
    category: str
    values: tuple[Any, ...]  # in the order of STORED
    stock: int | None  # None: not given (a stored product's stock stays)
    barcodes: tuple[str, ...]
    sealed_head: str  # `[code,name`
    sealed_tail: str  # `unit,...,active]`
    barcodes_json: tuple[str, ...]

    def sealed_values(self, category_id: int) -> str:
        """The JSON of the product's sealed columns (`SEALED_PRODUCT`) as stored."""
        return f"{self.sealed_head},{category_id},{self.sealed_tail}"

    def stock_after(self, stored: int) -> int:
        """The product's stock (thousandths) after the import, `stored` before it."""
        return stored if self.stock is None else self.stock


# the product's sealed columns: the code, the first of STORED, the category, the rest
SEALED_PRODUCT = ("code", STORED[0], "category_id", *STORED[1:])


def prepare_products(
    good: list[tuple[int, ProductRecord]], dialect: Dialect
) -> list[PreparedProduct]:
    """The checked records (row number, record) as the database (`dialect`) will store them
    and hand them back (a flag as 0/1 where it has no boolean type)."""
    native = dialect.supports_native_boolean

    def stored(record: ProductRecord, name: str) -> Any:
        value = getattr(record, name)
        return to_milli(value) if name in QUANTITIES and value is not None else value

    def returned(value: Any) -> Any:
        return int(value) if type(value) is bool and not native else value

    prepared = []
    for number, record in good:
        values = tuple(stored(record, name) for name in STORED)
        stock = None if record.stock is None else to_milli(record.stock)
        prepared.append(
            PreparedProduct(
                number, record.code, record.category, values, stock,
                tuple(record.barcodes), values_json([record.code, values[0]])[:-1],
                values_json([returned(value) for value in values[1:]])[1:],
                tuple(values_json([barcode])[1:-1] for barcode in record.barcodes),
            )
        )  # fmt: skip
    return prepared


def barcode_taken(barcode: str, code: str, owners: dict[str, str]) -> GeraiError | None:
    """The refusal when `barcode` belongs to a product other than `code`, else None."""
    owner = owners.get(barcode, code)
    return None if owner == code else GeraiError("product.barcode_taken", code=barcode, owner=owner)


def barcode_owners(session: Session) -> dict[str, str]:
    """Every barcode with the code of the product it belongs to."""
    rows = session.connection().execute(
        select(BARCODE.c.code, PRODUCT.c.code).join(PRODUCT, PRODUCT.c.id == BARCODE.c.product_id)
    )
    return {barcode: code for barcode, code in rows}


NOTE = "impor katalog"


def opening_refused(
    session: Session, prepared: list[PreparedProduct], snapshot: Snapshot
) -> list[RowProblem]:
    """The rows that would give opening stock to a stored product whose stock has moved
    already (each named, with its stock now)."""
    changing = {
        old[0]: (product, old)
        for product in prepared
        if (old := snapshot.stored.get(product.code)) is not None
        and product.stock_after(old[3]) != old[3]
    }
    unit, moved = STORED.index("unit"), moved_products(session, list(changing))
    return [
        RowProblem(
            product.number,
            "stock",
            GeraiError(
                "import.stock_moved",
                code=product.code,
                stock=format_quantity(from_milli(old[3]), old[2][unit]),
            ),
        )
        for product_id, (product, old) in changing.items()
        if product_id in moved
    ]


@dataclass(frozen=True)
class Snapshot:
    """The stored catalogue an import is checked against: its fingerprint, every product
    (code: id, category id, STORED values, stock in thousandths), every barcode's owner (the
    product's code) and every product's barcodes (barcode: its row id)."""

    fingerprint: tuple[Any, ...]
    stored: dict[str, tuple[int, int, tuple[Any, ...], int]]
    owners: dict[str, str]
    held: dict[int, dict[str, int]]


def read_snapshot(session: Session) -> Snapshot:
    """The catalogue as stored now (read it in the transaction that checks the file)."""
    connection = session.connection()
    stored = {
        code: (id_, category_id, tuple(values), stock)
        for id_, code, category_id, stock, *values in connection.execute(
            select(
                PRODUCT.c.id, PRODUCT.c.code, PRODUCT.c.category_id,
                type_coerce(PRODUCT.c.stock, Integer),
                *(type_coerce(PRODUCT.c[name], Integer) if name in QUANTITIES else PRODUCT.c[name]
                  for name in STORED),
            )
        )
    }  # fmt: skip
    held: dict[int, dict[str, int]] = {}
    for barcode_id, code, product_id in connection.execute(
        select(BARCODE.c.id, BARCODE.c.code, BARCODE.c.product_id)
    ):
        held.setdefault(product_id, {})[code] = barcode_id
    return Snapshot(_fingerprint(connection), stored, barcode_owners(session), held)


def _fingerprint(connection: Connection) -> tuple[Any, ...]:
    """What changes whenever a product, a barcode or a stock figure is written (services
    stamp a changed product's `updated_at`; stock moves only by new ledger rows)."""
    products = connection.execute(
        select(func.count(), func.max(PRODUCT.c.id), func.max(PRODUCT.c.updated_at))
    ).one()
    barcodes = connection.execute(select(func.count(), func.max(BARCODE.c.id))).one()
    moved = connection.execute(select(func.max(STOCK_MOVEMENT.c.id))).scalar()
    return (*products, *barcodes, moved)


def apply_products(
    session: Session,
    prepared: list[PreparedProduct],
    problems: list[RowProblem],
    snapshot: Snapshot,
    now: datetime,
    *,
    by: str,
    skip_bad: bool,
    documented: bool = True,
) -> ImportReport:
    """Write the prepared products in the caller's write transaction; `problems` are those
    found when checking against `snapshot`. When the catalogue changed since, it is read
    again: a barcode taken by another product meanwhile, or a product whose stock moved
    meanwhile, refuses the import (ImportRefused, nothing written), or skips the row with
    `skip_bad`. Products whose stored fields already match are left alone. Opening stock
    moves as on the ledger (`ledger.move_stock`, here in a few statements for all products):
    by the difference to the file's figure, relative to the stock as stored, one `opening`
    movement each under one `SA` document; not `documented` (the demo loader on a database
    before migration 0014), as an `adjust` movement of ref `STOK-AWAL` as then."""
    connection = session.connection()
    late: list[RowProblem] = []
    if _fingerprint(connection) != snapshot.fingerprint:
        snapshot = read_snapshot(session)
        late = [
            RowProblem(product.number, "barcodes", taken)
            for product in prepared
            for barcode in product.barcodes
            if (taken := barcode_taken(barcode, product.code, snapshot.owners)) is not None
        ]
        late += opening_refused(session, prepared, snapshot)
    if late and not skip_bad:
        raise ImportRefused([*problems, *late])
    late_rows = {problem.row for problem in late}
    products = [product for product in prepared if product.number not in late_rows]
    report = ImportReport(skipped=[*problems, *late])
    category_ids = _category_ids(session, {product.category for product in products}, by, now)
    stored = snapshot.stored
    last_id = connection.execute(select(func.coalesce(func.max(PRODUCT.c.id), 0))).scalar_one()
    last_barcode = connection.execute(select(func.coalesce(func.max(BARCODE.c.id), 0))).scalar_one()
    new = [product for product in products if product.code not in stored]
    changed = [
        (stored[product.code], product)
        for product in products
        if product.code in stored
        and stored[product.code][1:]
        != (
            category_ids[product.category],
            product.values,
            product.stock_after(stored[product.code][3]),
        )
    ]
    report.created, report.updated = len(new), len(products) - len(new)
    updated_at = _stored_form(connection, PRODUCT.c.updated_at, now)
    if new:
        with _search_indexed_at_the_end(connection):
            _write_many(
                connection,
                PRODUCT.insert(),
                ("code", "category_id", "stock", "updated_at", *STORED),
                [
                    (p.code, category_ids[p.category], p.stock or 0, updated_at, *p.values)
                    for p in new
                ],
            )
    _write_many(
        connection,
        PRODUCT.update()
        .where(PRODUCT.c.id == bindparam("product_id"))
        .values(
            {name: bindparam(name) for name in ("category_id", "updated_at", *STORED)}
            | {"stock": PRODUCT.c.stock + bindparam("change", type_=Integer)}
        ),
        ("product_id", "change", "category_id", "updated_at", *STORED),
        [
            (
                old[0],
                p.stock_after(old[3]) - old[3],
                category_ids[p.category],
                updated_at,
                *p.values,
            )
            for old, p in changed
        ],
    )
    price, member_price = STORED.index("price"), STORED.index("member_price")
    record_price_changes(
        session,
        [
            PriceUpdate(
                old[0], product.code, old[2][price], product.values[price],
                old[2][member_price], product.values[member_price],
            )
            for old, product in changed
            if (old[2][price], old[2][member_price])
            != (product.values[price], product.values[member_price])
        ],
        by=by,
        at=now,
    )  # fmt: skip
    gone_barcodes = _store_barcodes(
        connection,
        snapshot.held,
        {stored[p.code][0]: p.barcodes for p in products if p.code in stored},
    )
    # a new product's barcodes and opening stock are found by SQL from its code and row (a
    # row after the last one before, stamped with this import's time), so no id has to come
    # back to Python
    by_code = select(PRODUCT.c.id).where(PRODUCT.c.code == bindparam("product")).scalar_subquery()
    _write_many(
        connection,
        BARCODE.insert().values(code=bindparam("barcode"), product_id=by_code),
        ("barcode", "product"),
        [(barcode, p.code) for p in new for barcode in p.barcodes],
    )
    cost = STORED.index("cost")
    # each stored product whose stock the file changes: its id, the change, its cost
    moving = [
        (old[0], p.stock_after(old[3]) - old[3], p.values[cost])
        for old, p in changed
        if p.stock_after(old[3]) != old[3]
    ]
    opened = [(p.stock, p.values[cost]) for p in new if p.stock] + [
        (qty, unit_cost) for _, qty, unit_cost in moving
    ]
    kind, ref = MovementKind.ADJUST, OPENING_REF
    if opened and documented:
        value = sum(value_at(from_milli(qty), unit_cost) for qty, unit_cost in opened)
        kind = MovementKind.OPENING
        ref = open_document(session, at=now, by=by, products=len(opened), value=value, note=NOTE)
    report.opening = ref if kind == MovementKind.OPENING else ""
    moved_at = literal(now, UTCDateTime())
    connection.execute(
        STOCK_MOVEMENT.insert().from_select(
            ["product_id", "qty", "kind", "created_at", "ref", "note"],
            select(
                PRODUCT.c.id, PRODUCT.c.stock, literal(kind), moved_at, literal(ref),
                literal(NOTE),
            ).where(PRODUCT.c.id > last_id, PRODUCT.c.updated_at == now, PRODUCT.c.stock != 0),
        )
    )  # fmt: skip
    created_at = _stored_form(connection, STOCK_MOVEMENT.c.created_at, now)
    _write_many(
        connection,
        STOCK_MOVEMENT.insert(),
        ("product_id", "qty", "kind", "created_at", "ref", "sale_id", "note"),
        [(product_id, qty, kind, created_at, ref, None, NOTE) for product_id, qty, _ in moving],
    )
    # a dated product's opening stock goes to its batches (issue 17), as any other movement
    # (stock here is in thousandths; new products are never dated yet)
    move_batches(
        session,
        [Movement(product_id, from_milli(qty), kind, ref=ref) for product_id, qty, _ in moving],
        now,
        allow_negative=True,
        actor=by,
    )
    _seal_written(
        session, products, changed, category_ids, (last_id, last_barcode), gone_barcodes,
        by=by, at=now,
    )  # fmt: skip
    return report


def _seal_written(
    session: Session,
    products: list[PreparedProduct],
    changed: list[tuple[tuple[int, int, tuple[Any, ...], int], PreparedProduct]],
    category_ids: dict[str, int],
    last_ids: tuple[int, int],
    gone_barcodes: list[int],
    *,
    by: str,
    at: datetime,
) -> None:
    """Seal the products and barcodes written: each digest from the values' JSON made before
    the lock and the row's id. The new rows are those past the last ids before (the write
    lock is held); a row there that this import did not write (on PostgreSQL, one another
    transaction committed meanwhile) is read and sealed as it is."""
    connection = session.connection()
    last_id, last_barcode = last_ids
    mine = {p.code: p for p in products}
    values = [(old[0], p.sealed_values(category_ids[p.category])) for old, p in changed]
    others: list[int] = []
    for id_, code in connection.execute(
        select(PRODUCT.c.id, PRODUCT.c.code).where(PRODUCT.c.id > last_id)
    ).all():  # fetched at once, not row by row
        if (product := mine.get(code)) is None:
            others.append(id_)
        else:
            values.append((id_, product.sealed_values(category_ids[product.category])))
    record_seals(session, PRODUCT, digests_by_id(PRODUCT, values), actor=by, at=at)
    seal(session, PRODUCT, others, actor=by, at=at)
    codes = {code: text for p in products for code, text in zip(p.barcodes, p.barcodes_json,
                                                                  strict=True)}  # fmt: skip
    values, others = [], []
    for id_, code, product_id in connection.execute(
        select(BARCODE.c.id, BARCODE.c.code, BARCODE.c.product_id).where(
            BARCODE.c.id > last_barcode
        )
    ).all():
        if (text := codes.get(code)) is None:
            others.append(id_)
        else:
            values.append((id_, f"[{text},{product_id}]"))
    sealed = {str(barcode_id): GONE for barcode_id in gone_barcodes}
    record_seals(session, BARCODE, sealed | digests_by_id(BARCODE, values), actor=by, at=at)
    seal(session, BARCODE, others, actor=by, at=at)


def _stored_form(connection: Connection, column: Column[Any], value: Any) -> Any:
    """`value` as the driver receives it for `column` (a timestamp as the column keeps it)."""
    processor = column.type.dialect_impl(connection.dialect).bind_processor(connection.dialect)
    return value if processor is None else processor(value)


def _write_many(
    connection: Connection,
    statement: UpdateBase,
    names: tuple[str, ...],
    rows: list[tuple[Any, ...]],
) -> None:
    """Run `statement` once for each row of values named `names`, given already in their
    stored form: the driver's own executemany, without SQLAlchemy's per-row processing (a big
    import spends most of its time there otherwise)."""
    if not rows:
        return
    compiled = statement.compile(dialect=connection.dialect, column_keys=list(names))
    params: list[Any]
    if not compiled.positional:
        params = [dict(zip(names, row, strict=True)) for row in rows]
    elif (order := tuple(compiled.positiontup or ())) == names:
        params = rows
    else:
        where = [names.index(name) for name in order]
        params = [tuple(row[i] for i in where) for row in rows]
    connection.exec_driver_sql(str(compiled), params)


@contextmanager
def _search_indexed_at_the_end(connection: Connection) -> Iterator[None]:
    """On SQLite, the products inserted in the block enter the name search (FTS5) in one
    statement at its end rather than row by row through the insert trigger, which is ten
    times slower for a big file. All in the caller's transaction: it commits whole or not."""
    trigger = None
    if connection.dialect.name == "sqlite":
        trigger = connection.exec_driver_sql(_FTS_TRIGGER).scalar()
    if trigger is None:
        yield
        return
    last = connection.exec_driver_sql("SELECT coalesce(max(id), 0) FROM product").scalar()
    connection.exec_driver_sql("DROP TRIGGER product_fts_insert")
    yield
    connection.exec_driver_sql(
        "INSERT INTO product_fts (rowid, name, code) "
        f"SELECT {SEARCH_ROWID}, name, code FROM product WHERE id > ? ORDER BY id",
        (last,),
    )
    connection.exec_driver_sql(trigger)


_FTS_TRIGGER = (
    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'product_fts_insert'"
)


def _category_ids(session: Session, names: set[str], by: str, at: datetime) -> dict[str, int]:
    """The ids of the categories named, those missing created (and sealed)."""
    categories = {c.name: c for c in session.scalars(select(Category))}
    missing = sorted(names - categories.keys())
    for name in missing:
        categories[name] = Category(name=name)
        session.add(categories[name])
    if missing:
        session.flush()
        seal(session, CATEGORY, [categories[name].id for name in missing], actor=by, at=at)
    return {name: c.id for name, c in categories.items() if c.id is not None}


def _store_barcodes(
    connection: Connection, held: dict[int, dict[str, int]], wanted: dict[int, tuple[str, ...]]
) -> list[int]:
    """Give each product in `wanted` exactly its barcodes (`held`: those it has, with their
    row ids): the others are removed (their ids returned)."""
    gone = [
        (barcode_id,)
        for product_id, codes in wanted.items()
        for code, barcode_id in held.get(product_id, {}).items()
        if code not in codes
    ]
    delete = BARCODE.delete().where(BARCODE.c.id == bindparam("barcode_id"))
    _write_many(connection, delete, ("barcode_id",), gone)
    added = [
        (code, product_id)
        for product_id, codes in wanted.items()
        for code in codes
        if code not in held.get(product_id, {})
    ]
    _write_many(connection, BARCODE.insert(), ("code", "product_id"), added)
    return [barcode_id for (barcode_id,) in gone]
