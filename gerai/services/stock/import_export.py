"""The product catalogue in and out (CSV, XLSX, JSON). An import checks every row first and
writes nothing while any row is bad, unless told to skip the bad rows; it is the admin's
(permission `products`) and audited. Storing a product records every change of its price or
member price (who, when, before and after) in the price history and the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from gerai.core.errors import GeraiError
from gerai.core.money import parse_basis_points
from gerai.core.quantity import is_whole
from gerai.core.words import AuditKind, Permission, TaxCategory
from gerai.models import BARCODE, CATEGORY, PRODUCT, Barcode, Category, Product
from gerai.services.audit import trail as audit
from gerai.services.audit.seals import seal
from gerai.services.importing import (
    ImportRefused,
    ImportReport,
    RowProblem,
    cell_flag,
    cell_money,
    cell_qty,
    cell_text,
    missing_cell,
    missing_columns,
)
from gerai.services.sale.pricing import check_het
from gerai.services.shop.auth import SYSTEM, Actor, authorize
from gerai.services.stock.import_apply import (
    Plan,
    PreparedProduct,
    Snapshot,
    apply_products,
    barcode_taken,
    expected_plan,
    opening_refused,
    prepare_products,
    read_snapshot,
)
from gerai.services.stock.prices import PriceUpdate, record_price_changes
from gerai.tabular import Table

PRODUCT_COLUMNS = [
    "code", "barcodes", "name", "category", "unit", "sold_by_weight", "price", "member_price",
    "cost", "het", "max_per_sale", "tax_category", "reorder_level", "stock", "active",
]  # fmt: skip
REQUIRED_COLUMNS = ("code", "name", "category", "unit", "price")
PRODUCT_HEADINGS = {  # the template's Indonesian heading of each column
    "Kode": "code", "Barcode": "barcodes", "Nama barang": "name", "Kategori": "category",
    "Satuan": "unit", "Dijual per timbang": "sold_by_weight", "Harga": "price",
    "Harga anggota": "member_price", "HPP": "cost", "HET": "het",
    "Maks per transaksi": "max_per_sale", "Pajak": "tax_category",
    "Stok minimum": "reorder_level", "Stok awal": "stock", "Aktif": "active",
}  # fmt: skip
CODE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./")


def ean13_valid(code: str) -> bool:
    """True for a 13-digit code whose last digit is the correct EAN-13 check digit."""
    if len(code) != 13 or not code.isdigit() or not code.isascii():
        return False
    digits = code.encode()  # ASCII digits: each byte is 48 more than its digit
    weighted = sum(digits[0:12:2]) + 3 * sum(digits[1:12:2]) - 48 * (6 + 3 * 6)
    return (10 - weighted % 10) % 10 == digits[12] - 48


def check_barcode(code: str) -> None:
    """A barcode is digits only; 13 digits must carry a valid EAN-13 check digit (8 or 12
    digit EAN-8/UPC-A codes are accepted as printed on the pack)."""
    if not code.isdigit() or not code.isascii() or len(code) not in (8, 12, 13):
        raise GeraiError("product.bad_barcode", code=code)
    if len(code) == 13 and not ean13_valid(code):
        raise GeraiError("product.bad_check_digit", code=code)


@dataclass
class ProductRecord:
    """A product as a file row describes it, already checked."""

    code: str
    barcodes: list[str]
    name: str
    category: str
    unit: str
    sold_by_weight: bool
    price: int
    member_price: int | None
    cost: int
    het: int | None
    max_per_sale: Decimal | None
    tax_category: str
    reorder_level: Decimal
    stock: Decimal | None  # opening stock; None when not given
    active: bool


def _barcodes(value: Any) -> list[str]:
    items = value if isinstance(value, list) else cell_text(value).replace(",", "|").split("|")
    codes = [code for code in map(cell_text, items) if code]
    for code in codes:
        check_barcode(code)
    return codes


def _required_text(column: str, limit: int) -> Callable[[Any], str]:
    """The parser of a cell that must hold text of at most `limit` characters."""

    def parse(value: Any) -> str:
        raw = cell_text(value)
        if not raw:
            raise missing_cell(column)
        if len(raw) > limit:
            raise GeraiError("import.too_long", limit=limit)
        return raw

    return parse


_code_text = _required_text("code", 40)


def _code(value: Any) -> str:
    raw = _code_text(value).upper()
    if not set(raw) <= CODE_CHARS:
        raise GeraiError("product.bad_code", code=raw)
    return raw


def _tax(value: Any) -> str:
    raw = cell_text(value).lower() or TaxCategory.EXEMPT
    if raw not in tuple(TaxCategory):
        raise GeraiError("import.bad_choice", value=raw, accepted=", ".join(TaxCategory))
    return raw


# each column's parser, in the order of PRODUCT_COLUMNS (a row's problems are listed so)
_PARSERS: tuple[tuple[str, Callable[[Any], Any]], ...] = (
    ("code", _code),
    ("barcodes", _barcodes),
    ("name", _required_text("name", 120)),
    ("category", _required_text("category", 60)),
    ("unit", _required_text("unit", 20)),
    ("sold_by_weight", lambda v: cell_flag(v, False)),
    ("price", lambda v: cell_money(v, "price", True)),
    ("member_price", lambda v: cell_money(v, "member_price", False)),
    ("cost", lambda v: cell_money(v, "cost", False) or 0),
    ("het", lambda v: cell_money(v, "het", False)),
    ("max_per_sale", lambda v: cell_qty(v, None)),
    ("tax_category", _tax),
    ("reorder_level", lambda v: cell_qty(v, Decimal(0))),
    ("stock", lambda v: cell_qty(v, None)),
    ("active", lambda v: cell_flag(v, True)),
)
# the columns whose cells repeat from row to row of a catalogue (a category, a unit, a price,
# a flag): `parse_product_row` given a memo parses each distinct text of theirs once
_REPEATING = frozenset(column for column, _ in _PARSERS) - {"code", "barcodes", "name"}
Memo = dict[str, dict[str, Any]]


def parse_product_row(
    row: dict[str, Any], memo: Memo | None = None
) -> tuple[ProductRecord | None, list[tuple[str, GeraiError]]]:
    """Check one row; returns the record, or the problems column by column. A `memo` kept
    across the rows of one file holds the parsed text cells of the repeating columns (the
    values are immutable; a cell refused is parsed, and refused, each time)."""
    problems: list[tuple[str, GeraiError]] = []
    values: dict[str, Any] = {}
    for column, parse in _PARSERS:
        value = row.get(column)
        known = None
        if memo is not None and isinstance(value, str) and column in _REPEATING:
            known = memo.setdefault(column, {})
            if value in known:
                values[column] = known[value]
                continue
        try:
            values[column] = parse(value)
        except GeraiError as exc:
            problems.append((column, exc))
            continue
        if known is not None and isinstance(value, str):
            known[value] = values[column]
    if problems:
        return None, problems
    record = ProductRecord(**values)
    try:
        check_het(record.name, record.het, record.price, record.member_price)
    except GeraiError as exc:
        problems.append(("het", exc))
    if record.member_price is not None and record.member_price > record.price:
        problems.append(("member_price", GeraiError("product.member_above_price")))
    if not record.sold_by_weight:
        for column in ("stock", "max_per_sale"):
            qty = getattr(record, column)
            if qty is not None and not is_whole(qty):
                problems.append(
                    (column, GeraiError("cart.fraction_piece", name=record.name, unit=record.unit))
                )
    return (None, problems) if problems else (record, [])


def check_products(
    table: Table, owners: dict[str, str]
) -> tuple[list[tuple[int, ProductRecord]], list[RowProblem]]:
    """Every row checked on its own and against the others and the database (duplicate codes,
    barcodes of other products: `owners` maps each stored barcode to its product's code).
    Returns the good rows with their numbers, and every problem. The template's Indonesian
    headings are read as the field names."""
    table = table.renamed(PRODUCT_HEADINGS)
    missing = [c for c in REQUIRED_COLUMNS if c not in table.header]
    if missing:
        raise missing_columns(missing, PRODUCT_COLUMNS)
    good: list[tuple[int, ProductRecord]] = []
    problems: list[RowProblem] = []
    seen_codes: dict[str, int] = {}
    seen_barcodes: dict[str, int] = {}
    memo: Memo = {}
    for number, row in zip(table.numbers, table.rows, strict=True):
        record, row_problems = parse_product_row(row, memo)
        if record is not None:
            if record.code in seen_codes:
                row_problems.append(
                    (
                        "code",
                        GeraiError(
                            "import.duplicate_in_file",
                            value=record.code,
                            row=seen_codes[record.code],
                        ),
                    )
                )
            for barcode in record.barcodes:
                if barcode in seen_barcodes:
                    row_problems.append(
                        (
                            "barcodes",
                            GeraiError(
                                "import.duplicate_in_file",
                                value=barcode,
                                row=seen_barcodes[barcode],
                            ),
                        )
                    )
                elif (taken := barcode_taken(barcode, record.code, owners)) is not None:
                    row_problems.append(("barcodes", taken))
                seen_barcodes.setdefault(barcode, number)
            seen_codes.setdefault(record.code, number)
        if row_problems:
            problems.extend(RowProblem(number, column, error) for column, error in row_problems)
        elif record is not None:
            good.append((number, record))
    return good, problems


def store_product(
    session: Session,
    record: ProductRecord,
    category_id: int,
    product: Product | None,
    *,
    by: str,
    at: datetime,
) -> Product:
    """Create (`product` None) or update a product from a checked record: its fields and its
    barcodes, with a changed price on record; the product and its barcodes sealed. The stock
    is the caller's: only the ledger moves it."""
    if product is None:
        product = Product(
            code=record.code,
            name=record.name,
            category_id=category_id,
            unit=record.unit,
            price=record.price,
        )
    elif (product.price, product.member_price) != (record.price, record.member_price):
        assert product.id is not None
        update = PriceUpdate(
            product.id, record.code, product.price, record.price,
            product.member_price, record.member_price,
        )  # fmt: skip
        record_price_changes(session, [update], by=by, at=at)
    product.code, product.name, product.unit = record.code, record.name, record.unit
    product.category_id = category_id
    product.sold_by_weight, product.price = record.sold_by_weight, record.price
    product.member_price, product.cost, product.het = (
        record.member_price,
        record.cost,
        record.het,
    )
    product.max_per_sale, product.tax_category = record.max_per_sale, record.tax_category
    product.reorder_level, product.active = record.reorder_level, record.active
    product.updated_at = at
    session.add(product)
    session.flush()
    assert product.id is not None
    existing = {
        b.code: b
        for b in session.exec(select(Barcode).where(col(Barcode.product_id) == product.id))
    }
    gone = [barcode for code, barcode in existing.items() if code not in record.barcodes]
    for barcode in gone:
        session.delete(barcode)
    added = [Barcode(code=c, product_id=product.id) for c in record.barcodes if c not in existing]
    session.add_all(added)
    session.flush()
    seal(session, PRODUCT, [product.id], actor=by, at=at)
    seal(session, BARCODE, [b.id for b in (*gone, *added)], actor=by, at=at)
    return product


@dataclass(frozen=True)
class StagedProducts:
    """A catalogue file checked against the database: the good rows as they will be stored,
    the problems (only when told to skip the bad rows) and the stored catalogue checked
    against."""

    products: list[PreparedProduct]
    problems: list[RowProblem]
    skip_bad: bool
    snapshot: Snapshot
    plan: Plan


def stage_products(session: Session, table: Table, *, skip_bad: bool = False) -> StagedProducts:
    """Check every row of `table`, reading only: run it in a read transaction, so the tills
    keep selling while a big file is checked. ImportRefused when a row is bad, unless
    `skip_bad`. A row giving opening stock to a product whose stock has moved already is bad."""
    snapshot = read_snapshot(session)
    good, problems = check_products(table, snapshot.owners)
    prepared = prepare_products(good, session.connection().dialect)
    refused = opening_refused(session, prepared, snapshot)
    problems = sorted([*problems, *refused], key=lambda problem: problem.row)
    if problems and not skip_bad:
        raise ImportRefused(problems)
    bad = {problem.row for problem in refused}
    products = [p for p in prepared if p.number not in bad]
    return StagedProducts(products, problems, skip_bad, snapshot, expected_plan(products, snapshot))


def import_products(
    session: Session, table: Table, now: datetime, *, actor: Actor, skip_bad: bool = False
) -> ImportReport:
    """Check and import `table` in the caller's write transaction (see `apply_staged`)."""
    return apply_staged(
        session, stage_products(session, table, skip_bad=skip_bad), now, actor=actor
    )


def apply_staged(
    session: Session, staged: StagedProducts, now: datetime, *, actor: Actor
) -> ImportReport:
    """Create or update the staged products (admins: permission `products`) in the caller's
    write transaction, audited with what it did. The file's stock is opening stock (stok
    awal): one `SA` document for the import, its movements on the ledger."""
    authorize(session, actor, Permission.PRODUCTS, now=now)
    report = apply_products(
        session,
        staged.products,
        staged.problems,
        staged.snapshot,
        now,
        by=actor.name,
        skip_bad=staged.skip_bad,
        plan=staged.plan,
    )
    audit.record(
        session, kind=AuditKind.PRODUCTS_IMPORTED, actor=actor.name, at=now,
        detail={"created": report.created, "updated": report.updated,
                "skipped": len({p.row for p in report.skipped}),
                **({"opening": report.opening} if report.opening else {})},
    )  # fmt: skip
    return report


def store_products(
    session: Session,
    table: Table,
    now: datetime,
    *,
    by: str,
    skip_bad: bool = False,
    documented: bool = True,
) -> ImportReport:
    """The import itself, checked and written in one transaction, without the permission
    check and the import's audit record: for the demo loader, which builds a new shop (also
    at older schema revisions, for the migration tests: not `documented` before 0014)."""
    staged = stage_products(session, table, skip_bad=skip_bad)
    return apply_products(
        session, staged.products, staged.problems, staged.snapshot, now, by=by,
        skip_bad=skip_bad, documented=documented, plan=staged.plan,
    )  # fmt: skip


def import_categories(
    session: Session, table: Table, *, by: str = SYSTEM.name, at: datetime | None = None
) -> int:
    """Create or update categories (`name`, `member_discount_percent`), sealed (by `by`, at
    `at`, by default now); returns how many."""
    problems: list[RowProblem] = []
    wanted: dict[str, int | None] = {}
    for number, row in zip(table.numbers, table.rows, strict=True):
        name = cell_text(row.get("name"))
        raw = cell_text(row.get("member_discount_percent"))
        if not name:
            problems.append(RowProblem(number, "name", missing_cell("name")))
            continue
        try:
            wanted[name] = parse_basis_points(raw) if raw else None
        except ValueError:
            problems.append(
                RowProblem(
                    number, "member_discount_percent", GeraiError("import.bad_percent", value=raw)
                )
            )
    if problems:
        raise ImportRefused(problems)
    existing = {c.name: c for c in session.exec(select(Category))}
    written = []
    for name, discount in wanted.items():
        category = existing.get(name) or Category(name=name)
        category.member_discount_bp = discount
        session.add(category)
        written.append(category)
    session.flush()
    seal(session, CATEGORY, [c.id for c in written], actor=by, at=at or datetime.now(UTC))
    return len(wanted)


def export_products(session: Session) -> list[dict[str, Any]]:
    """Every product as a row of PRODUCT_COLUMNS (quantities as exact decimal strings)."""
    barcodes: dict[int, list[str]] = {}
    for product_id, code in session.execute(
        select(Barcode.product_id, Barcode.code).order_by(col(Barcode.id))
    ):
        barcodes.setdefault(product_id, []).append(code)
    return [
        product_row(product, category.name, barcodes.get(product.id or 0, []))
        for product, category in session.exec(
            select(Product, Category)
            .join(Category, col(Category.id) == col(Product.category_id))
            .order_by(col(Product.code))
        )
    ]


def product_row(product: Product, category: str, barcodes: list[str]) -> dict[str, Any]:
    """A product as a row of PRODUCT_COLUMNS (quantities as exact decimal strings)."""
    return {
        "code": product.code,
        "barcodes": barcodes,
        "name": product.name,
        "category": category,
        "unit": product.unit,
        "sold_by_weight": product.sold_by_weight,
        "price": product.price,
        "member_price": product.member_price,
        "cost": product.cost,
        "het": product.het,
        "max_per_sale": None if product.max_per_sale is None else str(product.max_per_sale),
        "tax_category": product.tax_category,
        "reorder_level": str(product.reorder_level),
        "stock": str(product.stock),
        "active": product.active,
    }
