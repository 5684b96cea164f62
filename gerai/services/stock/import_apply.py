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
seal record per table for the whole import, the records written after the rows (the chain's
head, which every sale also takes, is held only at the end). Before the lock the whole write
is planned (`Plan`): the rows with the ids the new ones will take (those after the last on
SQLite), their seal records' text, the opening stock's worth; under the lock the ids are
taken (on PostgreSQL from the sequences) and the plan is used if they and the categories are
those it was made for, made again if not, so nothing written is read back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Column,
    Connection,
    Dialect,
    Integer,
    Table,
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
from gerai.services.audit.seals import (
    GONE,
    digests_by_id,
    record_seal_text,
    seal,
    seal_text,
    values_json,
)
from gerai.services.audit.stream import compact_json
from gerai.services.importing import ImportRefused, ImportReport, RowProblem
from gerai.services.shop.profile import load_shop
from gerai.services.stock.batches import move_batches
from gerai.services.stock.catalog import SEARCH_ROWID
from gerai.services.stock.inventory import value_at
from gerai.services.stock.ledger import OPENING_REF, Movement
from gerai.services.stock.opening import moved_products, opening_number, store_document
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


# a new product's row as the plan makes it (the table's order: no reordering for the driver)
PRODUCT_ROW = ("id", "code", STORED[0], "category_id", *STORED[1:-1], "stock", STORED[-1],
               "updated_at")  # fmt: skip
# the product's sealed columns: the code, the first of STORED, the category, the rest
SEALED_PRODUCT = ("code", STORED[0], "category_id", *STORED[1:])


def prepare_products(
    good: list[tuple[int, ProductRecord]], dialect: Dialect
) -> list[PreparedProduct]:
    """The checked records (row number, record) as the database (`dialect`) will store them
    and hand them back (a flag as 0/1 where it has no boolean type)."""
    native = dialect.supports_native_boolean
    fields = attrgetter(*STORED)
    quantities = [STORED.index(name) for name in QUANTITIES]
    # the JSON of the sealed values after the name, made once for each distinct set (a
    # catalogue repeats its units, prices and flags; each place holds one type)
    tails: dict[tuple[Any, ...], str] = {}

    def tail(values: tuple[Any, ...]) -> str:
        text = tails.get(values)
        if text is None:
            returned = [int(v) if type(v) is bool and not native else v for v in values]
            text = tails[values] = values_json(returned)[1:]
        return text

    prepared = []
    for number, record in good:
        values = list(fields(record))
        for at in quantities:
            if values[at] is not None:
                values[at] = to_milli(values[at])
        stored = tuple(values)
        stock = None if record.stock is None else to_milli(record.stock)
        prepared.append(
            PreparedProduct(
                number, record.code, record.category, stored, stock, tuple(record.barcodes),
                values_json([record.code, stored[0]])[:-1], tail(stored[1:]),
                tuple(compact_json(barcode) for barcode in record.barcodes),
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
    product's code), every product's barcodes (barcode: its row id) and every category's id
    by name."""

    fingerprint: tuple[Any, ...]
    stored: dict[str, tuple[int, int, tuple[Any, ...], int]]
    owners: dict[str, str]
    held: dict[int, dict[str, int]]
    categories: dict[str, int]


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
    categories = {
        name: id_ for id_, name in connection.execute(select(CATEGORY.c.id, CATEGORY.c.name))
    }
    return Snapshot(_fingerprint(connection), stored, barcode_owners(session), held, categories)


def _fingerprint(connection: Connection) -> tuple[Any, ...]:
    """What changes whenever a product, a barcode or a stock figure is written (services
    stamp a changed product's `updated_at`; stock moves only by new ledger rows)."""
    products = connection.execute(
        select(func.count(), func.max(PRODUCT.c.id), func.max(PRODUCT.c.updated_at))
    ).one()
    barcodes = connection.execute(select(func.count(), func.max(BARCODE.c.id))).one()
    moved = connection.execute(select(func.max(STOCK_MOVEMENT.c.id))).scalar()
    return (*products, *barcodes, moved)


StoredProduct = tuple[int, int, tuple[Any, ...], int]  # as in Snapshot.stored


@dataclass(frozen=True)
class Plan:
    """Every row an import writes, worked out from the products, the catalogue they were
    checked against, the categories' ids and the ids the new rows take: the new products
    (`product_ids` theirs, in order; `product_rows` their rows in the table's column order
    but the last, `updated_at`), the stored ones that change (with their stored form), the
    barcodes added (id, code, product id), those removed (their ids), the seal records'
    detail (`seals.seal_text`), how many new products get opening stock and its worth. Made
    before the write lock for the ids the new rows will take if nobody writes meanwhile, so
    under the lock nothing is read back nor worked out: the plan is used when the ids and
    categories are those, made again if not."""

    category_ids: dict[str, int]
    product_ids: list[int]
    barcode_ids: list[int]
    new: list[PreparedProduct]
    product_rows: list[tuple[Any, ...]]
    changed: list[tuple[StoredProduct, PreparedProduct]]
    barcodes: list[tuple[int, str, int]]
    gone_barcodes: list[int]
    product_seals: str
    barcode_seals: str
    new_opened: int
    opening_value: int

    def fits(
        self, category_ids: dict[str, int], product_ids: list[int], barcode_ids: list[int]
    ) -> bool:
        """True when the plan was made for these categories' ids and new rows' ids."""
        return (self.category_ids, self.product_ids, self.barcode_ids) == (
            category_ids,
            product_ids,
            barcode_ids,
        )


def _changed(
    products: list[PreparedProduct], stored: dict[str, StoredProduct], category_ids: dict[str, int]
) -> list[tuple[StoredProduct, PreparedProduct]]:
    """The stored products whose fields or stock the import changes, with their stored form."""
    return [
        (old, product)
        for product in products
        if (old := stored.get(product.code)) is not None
        and old[1:] != (category_ids[product.category], product.values, product.stock_after(old[3]))
    ]


def _added_barcodes(
    products: list[PreparedProduct], snapshot: Snapshot
) -> list[tuple[str, str, int | None]]:
    """Each barcode the import adds: its code, its JSON (`values_json`) and the stored
    product's id (None: a new product's, whose id is given later), in writing order."""
    added: list[tuple[str, str, int | None]] = []
    for product in products:
        old = snapshot.stored.get(product.code)
        held = {} if old is None else snapshot.held.get(old[0], {})
        added += [
            (code, text, None if old is None else old[0])
            for code, text in zip(product.barcodes, product.barcodes_json, strict=True)
            if code not in held
        ]
    return added


def _gone_barcodes(products: list[PreparedProduct], snapshot: Snapshot) -> list[int]:
    """The ids of the stored products' barcodes the file no longer gives them."""
    return [
        barcode_id
        for product in products
        if (old := snapshot.stored.get(product.code)) is not None
        for code, barcode_id in snapshot.held.get(old[0], {}).items()
        if code not in product.barcodes
    ]


def make_plan(
    products: list[PreparedProduct],
    snapshot: Snapshot,
    category_ids: dict[str, int],
    product_ids: list[int],
    barcode_ids: list[int],
) -> Plan:
    """The plan of writing `products` over the catalogue `snapshot`, the new products taking
    `product_ids` and the barcodes added `barcode_ids` (as many as `new_counts` says)."""
    stored = snapshot.stored
    new = [product for product in products if product.code not in stored]
    changed = _changed(products, stored, category_ids)
    ids = dict(zip((product.code for product in new), product_ids, strict=True))
    written = [(old[0], p) for old, p in changed] + [(ids[p.code], p) for p in new]
    product_seals = digests_by_id(
        PRODUCT, ((id_, p.sealed_values(category_ids[p.category])) for id_, p in written)
    )
    # PRODUCT's columns: id, code, name, category_id, unit, ..., reorder_level, stock, active
    rows = [
        (id_, p.code, p.values[0], category_ids[p.category], *p.values[1:-1], p.stock or 0,
         p.values[-1])
        for id_, p in zip(product_ids, new, strict=True)
    ]  # fmt: skip
    codes = {code: ids[p.code] for p in new for code in p.barcodes}
    barcodes, texts = [], []
    for barcode_id, (code, text, owner) in zip(
        barcode_ids, _added_barcodes(products, snapshot), strict=True
    ):
        product_id = codes[code] if owner is None else owner
        barcodes.append((barcode_id, code, product_id))
        texts.append((barcode_id, f"[{text},{product_id}]"))
    gone = _gone_barcodes(products, snapshot)
    cost = STORED.index("cost")
    opened = [(p.stock, p.values[cost]) for p in new if p.stock]
    moved = [
        (p.stock_after(old[3]) - old[3], p.values[cost])
        for old, p in changed
        if p.stock_after(old[3]) != old[3]
    ]
    return Plan(
        category_ids, product_ids, barcode_ids, new, rows, changed, barcodes, gone,
        seal_text(product_seals),
        seal_text({str(barcode_id): GONE for barcode_id in gone} | digests_by_id(BARCODE, texts)),
        len(opened), sum(value_at(from_milli(qty), unit_cost) for qty, unit_cost in opened + moved),
    )  # fmt: skip


def new_counts(products: list[PreparedProduct], snapshot: Snapshot) -> tuple[int, int]:
    """How many products and barcodes the import adds over the catalogue `snapshot`."""
    return (
        sum(product.code not in snapshot.stored for product in products),
        len(_added_barcodes(products, snapshot)),
    )


def expected_plan(products: list[PreparedProduct], snapshot: Snapshot) -> Plan:
    """The plan made before the write lock: for the ids the new rows take when nothing is
    written meanwhile (on SQLite those after the last; new categories numbered likewise in
    the order `_category_ids` creates them)."""
    categories = dict(snapshot.categories)
    last = max(categories.values(), default=0)
    for name in sorted({p.category for p in products} - categories.keys()):
        last += 1
        categories[name] = last
    count, barcodes = new_counts(products, snapshot)
    first, first_barcode = snapshot.fingerprint[1] or 0, snapshot.fingerprint[4] or 0
    return make_plan(
        products, snapshot, categories,
        list(range(first + 1, first + 1 + count)),
        list(range(first_barcode + 1, first_barcode + 1 + barcodes)),
    )  # fmt: skip


def _new_ids(connection: Connection, table: Table, count: int) -> list[int]:
    """The ids `count` new rows of `table` take, in order: on SQLite (the write lock held)
    those after the last; on PostgreSQL taken from its sequence, so no other transaction
    gets them."""
    if not count:
        return []
    if connection.dialect.name == "sqlite":
        last = connection.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
        return list(range(last + 1, last + 1 + count))
    return list(
        connection.execute(
            select(func.nextval(func.pg_get_serial_sequence(table.name, "id"))).select_from(
                func.generate_series(1, count)
            )
        ).scalars()
    )


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
    plan: Plan | None = None,
) -> ImportReport:
    """Write the prepared products in the caller's write transaction; `problems` are those
    found when checking against `snapshot`, `plan` the rows to write made then (if the ids
    and categories it took still hold, nothing is worked out again). When the catalogue
    changed since, it is read again: a barcode taken by another product meanwhile, or a
    product whose stock moved meanwhile, refuses the import (ImportRefused, nothing
    written), or skips the row with `skip_bad`. Products whose stored fields already match
    are left alone. Opening stock moves as on the ledger (`ledger.move_stock`, here in a
    few statements for all products): by the difference to the file's figure, relative to
    the stock as stored, one `opening` movement each under one `SA` document; not
    `documented` (the demo loader on a database before migration 0014), as an `adjust`
    movement of ref `STOK-AWAL` as then."""
    connection = session.connection()
    late: list[RowProblem] = []
    if _fingerprint(connection) != snapshot.fingerprint:
        snapshot, plan = read_snapshot(session), None
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
    category_ids, new_categories = _category_ids(session, {p.category for p in products})
    if plan is None or late:
        count, barcodes = new_counts(products, snapshot)
    else:  # the same products over the same catalogue
        count, barcodes = len(plan.product_ids), len(plan.barcode_ids)
    product_ids = _new_ids(connection, PRODUCT, count)
    barcode_ids = _new_ids(connection, BARCODE, barcodes)
    if plan is None or late or not plan.fits(category_ids, product_ids, barcode_ids):
        plan = make_plan(products, snapshot, category_ids, product_ids, barcode_ids)
    report = ImportReport(skipped=[*problems, *late])
    report.created, report.updated = len(plan.new), len(products) - len(plan.new)
    _write_rows(connection, plan, now)
    _move_opening_stock(session, plan, now, by=by, documented=documented, report=report)
    # the audit records last (the opening document's seal ends the stock's step): on
    # PostgreSQL a till selling beside the import waits for the chain's head
    # (`audit.trail`) only while they are written, not for the rows
    seal(session, CATEGORY, new_categories, actor=by, at=now)
    price, member_price = STORED.index("price"), STORED.index("member_price")
    record_price_changes(
        session,
        [
            PriceUpdate(
                old[0], product.code, old[2][price], product.values[price],
                old[2][member_price], product.values[member_price],
            )
            for old, product in plan.changed
            if (old[2][price], old[2][member_price])
            != (product.values[price], product.values[member_price])
        ],
        by=by,
        at=now,
    )  # fmt: skip
    record_seal_text(session, PRODUCT, plan.product_seals, actor=by, at=now)
    record_seal_text(session, BARCODE, plan.barcode_seals, actor=by, at=now)
    return report


def _write_rows(connection: Connection, plan: Plan, now: datetime) -> None:
    """Insert the plan's new products and barcodes, update its changed products, remove its
    barcodes gone, each in one statement of many rows."""
    updated_at = _stored_form(connection, PRODUCT.c.updated_at, now)
    category_ids = plan.category_ids
    if plan.new:
        with _search_indexed_at_the_end(connection):
            _write_many(
                connection,
                PRODUCT.insert(),
                PRODUCT_ROW,
                [(*row, updated_at) for row in plan.product_rows],
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
            for old, p in plan.changed
        ],
    )
    delete = BARCODE.delete().where(BARCODE.c.id == bindparam("barcode_id"))
    _write_many(connection, delete, ("barcode_id",), [(id_,) for id_ in plan.gone_barcodes])
    _write_many(connection, BARCODE.insert(), ("id", "code", "product_id"), plan.barcodes)


def _move_opening_stock(
    session: Session, plan: Plan, now: datetime, *, by: str, documented: bool, report: ImportReport
) -> None:
    """Book the file's stock: one movement for each product whose stock it sets or changes,
    under one `SA` document (`report.opening` its number), or as `adjust` movements when not
    `documented`."""
    # each product whose stock the file changes: its id, the change
    moving = [
        (old[0], p.stock_after(old[3]) - old[3])
        for old, p in plan.changed
        if p.stock_after(old[3]) != old[3]
    ]
    kind, ref, day = MovementKind.ADJUST, OPENING_REF, None
    if (plan.new_opened or moving) and documented:
        day = load_shop(session).business_date(now)
        kind, ref = MovementKind.OPENING, opening_number(session, day)
    report.opening = ref if day is not None else ""
    connection = session.connection()
    if plan.new_opened:  # the new products' stock as written, in one statement (on
        # PostgreSQL, a product another till adds meanwhile may take an id among theirs)
        moved_at = literal(now, UTCDateTime())
        connection.execute(
            STOCK_MOVEMENT.insert().from_select(
                ["product_id", "qty", "kind", "created_at", "ref", "note"],
                select(
                    PRODUCT.c.id, PRODUCT.c.stock, literal(kind), moved_at, literal(ref),
                    literal(NOTE),
                ).where(
                    PRODUCT.c.id.between(min(plan.product_ids), max(plan.product_ids)),
                    PRODUCT.c.updated_at == moved_at, PRODUCT.c.stock != 0,
                ),
            )
        )  # fmt: skip
    created_at = _stored_form(connection, STOCK_MOVEMENT.c.created_at, now)
    _write_many(
        connection,
        STOCK_MOVEMENT.insert(),
        ("product_id", "qty", "kind", "created_at", "ref", "sale_id", "note"),
        [(product_id, qty, kind, created_at, ref, None, NOTE) for product_id, qty in moving],
    )
    # a dated product's opening stock goes to its batches (issue 17), as any other movement
    # (stock here is in thousandths; new products are never dated yet)
    move_batches(
        session,
        [Movement(product_id, from_milli(qty), kind, ref=ref) for product_id, qty in moving],
        now,
        allow_negative=True,
        actor=by,
    )
    if day is not None:  # the document sealed last: see `apply_products`
        store_document(
            session, ref, day, at=now, by=by, products=plan.new_opened + len(moving),
            value=plan.opening_value, note=NOTE,
        )  # fmt: skip


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


def _category_ids(session: Session, names: set[str]) -> tuple[dict[str, int], list[int]]:
    """The ids of the categories named, those missing created (the caller seals them), and
    the ids of those created."""
    categories = {c.name: c for c in session.scalars(select(Category))}
    missing = sorted(names - categories.keys())
    for name in missing:
        categories[name] = Category(name=name)
        session.add(categories[name])
    if missing:
        session.flush()
    ids = {name: c.id for name, c in categories.items() if c.id is not None}
    return ids, [ids[name] for name in missing]
