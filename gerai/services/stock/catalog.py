"""Finding products: by code or barcode (exact, indexed), by name as the kasir types (word
prefix search: SQLite FTS5, PostgreSQL full-text search), and the whole catalogue a page at a
time."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Executable,
    bindparam,
    column,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
    tuple_,
    union_all,
)
from sqlmodel import Session

from gerai.models import BARCODE, CATEGORY, PRINTED_LABEL, PRODUCT
from gerai.services.prepared import Prepared

SEARCH_LIMIT = 50
_WORD = re.compile(r"\w+", re.UNICODE)
# SQLite: `product_fts` (migration 0017s) is a contentless FTS5 index whose rowid is its
# product's search rank: inactive after every active one (bit 62), then the shorter name (its
# length, bits 40-51), then the older product (the id, bits 0-39). The till's search reads the
# first matches in that order straight from the index and stops at its limit.
_INACTIVE_RANK, _LENGTH_RANK = 1 << 62, 1 << 40
SEARCH_ROWID = f"((NOT active) * {_INACTIVE_RANK} + min(length(name), 4095) * {_LENGTH_RANK} + id)"
_FTS_IDS = (
    f"SELECT rowid & {_LENGTH_RANK - 1} AS id FROM product_fts WHERE product_fts MATCH :match"
)


class ProductInfo(NamedTuple):
    """What the till needs to know of a product to price and sell it (a named tuple: made
    by the dozen at every sale, search and page, at a third of a frozen dataclass's cost)."""

    id: int
    code: str
    name: str
    category: str
    category_discount_bp: int | None
    unit: str
    sold_by_weight: bool
    price: int
    member_price: int | None
    cost: int
    het: int | None
    max_per_sale: Decimal | None
    tax_category: str
    stock: Decimal
    reorder_level: Decimal
    active: bool
    label_stale: bool = False  # read by the catalogue page only


_COLUMNS = (
    PRODUCT.c.id, PRODUCT.c.code, PRODUCT.c.name, CATEGORY.c.name.label("category"),
    CATEGORY.c.member_discount_bp.label("category_discount_bp"), PRODUCT.c.unit,
    PRODUCT.c.sold_by_weight, PRODUCT.c.price, PRODUCT.c.member_price, PRODUCT.c.cost,
    PRODUCT.c.het, PRODUCT.c.max_per_sale, PRODUCT.c.tax_category, PRODUCT.c.stock,
    PRODUCT.c.reorder_level, PRODUCT.c.active,
)  # fmt: skip
# a ProductInfo's columns first (`product_info`); a query may add more after them
PRODUCT_QUERY = select(*_COLUMNS).join_from(
    PRODUCT, CATEGORY, CATEGORY.c.id == PRODUCT.c.category_id
)
_BY_ID = PRODUCT_QUERY.where(PRODUCT.c.id == bindparam("id"))
# what found a row of a scan or a search: its code, one of its barcodes, the words of its name
_BY_CODE, _BY_BARCODE, _BY_NAME = 0, 1, 2
_CODE_ARM = PRODUCT_QUERY.add_columns(literal(_BY_CODE).label("found_by")).where(
    PRODUCT.c.code == bindparam("code")
)
_BARCODE_ARM = (
    PRODUCT_QUERY.add_columns(literal(_BY_BARCODE).label("found_by"))
    .join(BARCODE, BARCODE.c.product_id == PRODUCT.c.id)
    .where(BARCODE.c.code == bindparam("barcode"))
)
_FOUND_BY: ColumnElement[int] = literal_column("found_by")
# the scan in one query: the product whose code it is, else the one whose barcode it is
_SCAN_ANY = union_all(_CODE_ARM, _BARCODE_ARM).order_by(_FOUND_BY).limit(1)
_SCAN = (
    union_all(_CODE_ARM.where(PRODUCT.c.active), _BARCODE_ARM.where(PRODUCT.c.active))
    .order_by(_FOUND_BY)
    .limit(1)
)


def product_info(row: Sequence[Any]) -> ProductInfo:
    """A row of `PRODUCT_QUERY` (and what follows its columns, left out) as a ProductInfo."""
    return ProductInfo(*row[: len(_COLUMNS)])


def _first(session: Session, statement: Executable, **params: Any) -> ProductInfo | None:
    row = session.connection().execute(statement, params).first()
    return None if row is None else product_info(row)


# PostgreSQL: the words of a product's name and code (every run of letters and digits, as
# SQLite's FTS5 `unicode61` tokenizer splits them), indexed by `ix_product_search` (GIN, made
# by migration 0001) on exactly this expression
_SEARCH_DOCUMENT: ColumnElement[Any] = literal_column(
    "to_tsvector('simple'::regconfig, "
    "regexp_replace(product.name || ' ' || product.code, '[^[:alnum:]]+', ' ', 'g'))"
)
_SIMPLE: ColumnElement[Any] = literal_column("'simple'::regconfig")


def _words_match(match: BindParameter[str]) -> ColumnElement[bool]:
    """PostgreSQL: every word of the query `match` (`_name_query`) starts a word of the
    product's name or code."""
    return _SEARCH_DOCUMENT.bool_op("@@")(func.to_tsquery(_SIMPLE, match))


def _name_query(dialect: str, words: list[str]) -> str:
    """The engine's full-text query for "every word starts a word of the name or code"."""
    if dialect == "sqlite":
        return " ".join(f'"{w}"*' for w in words)
    return " & ".join(f"{w}:*" for w in words)


# the first `limit` active products (in search rank) whose name or code has every word
_RANKED_NAMES = {
    "sqlite": text(f"{_FTS_IDS} AND rowid < {_INACTIVE_RANK} ORDER BY rowid LIMIT :limit").columns(
        column("id")
    ),
    # `ix_product_search_rank` (migration 0017s) holds this order
    "postgresql": select(PRODUCT.c.id)
    .where(PRODUCT.c.active, _words_match(bindparam("match")))
    .order_by(func.length(PRODUCT.c.name), PRODUCT.c.id)
    .limit(bindparam("limit")),
}
# a search in one query: the exact code or barcode, and the products its words find
_SEARCH = {
    dialect: union_all(
        _CODE_ARM.where(PRODUCT.c.active),
        _BARCODE_ARM.where(PRODUCT.c.active),
        PRODUCT_QUERY.add_columns(literal(_BY_NAME).label("found_by")).where(
            PRODUCT.c.id.in_(ranked)
        ),
    ).order_by(_FOUND_BY)
    for dialect, ranked in _RANKED_NAMES.items()
}


def find_by_code(session: Session, code: str, include_inactive: bool = False) -> ProductInfo | None:
    """The active (or, when asked, any) product whose code (SKU) or, failing that, one of
    whose barcodes is exactly `code`: one query."""
    code = code.strip()
    if not code:
        return None
    scan = _SCAN_ANY if include_inactive else _SCAN
    return _first(session, scan, code=code.upper(), barcode=code)


def get_product(session: Session, product_id: int) -> ProductInfo | None:
    """A product by id, active or not."""
    return _first(session, _BY_ID, id=product_id)


_BY_IDS = Prepared(PRODUCT_QUERY.where(PRODUCT.c.id.in_(bindparam("ids", expanding=True))))


def get_products(session: Session, ids: list[int]) -> dict[int, ProductInfo]:
    """Products by id, active or not, in one query; an unknown id is left out."""
    found = map(product_info, _BY_IDS.rows(session, {"ids": list(ids)}))
    return {product.id: product for product in found}


def search_products(session: Session, query: str, limit: int = SEARCH_LIMIT) -> list[ProductInfo]:
    """Active products matching every word of `query` at a word start (name or code), in one
    query: the exact code/barcode match first, then the `limit` first in search rank (shorter
    names first, then older products) shown by (name length, name). Empty query: nothing."""
    words = _WORD.findall(query.lower())
    if not words:
        return []
    dialect = session.get_bind().dialect.name
    code = query.strip()
    params = {
        "code": code.upper(),
        "barcode": code,
        "match": _name_query(dialect, words),
        "limit": limit,
    }
    rows = session.connection().execute(_SEARCH[dialect], params).all()
    exact = [product_info(row) for row in rows[:1] if row.found_by != _BY_NAME]
    named = [
        product_info(row)
        for row in rows
        if row.found_by == _BY_NAME and not (exact and row.id == exact[0].id)
    ]
    named.sort(key=lambda p: (len(p.name), p.name, p.id))
    return (exact + named)[:limit]


def categories(session: Session) -> list[tuple[int, str]]:
    """Every category's id and name, by name."""
    statement = select(CATEGORY.c.id, CATEGORY.c.name).order_by(CATEGORY.c.name)
    return [(row.id, row.name) for row in session.connection().execute(statement)]


PAGE_SIZE = 40


@dataclass(frozen=True)
class ProductFilter:
    """Which products a catalogue listing shows: words of the name or code (or a barcode),
    one category, only those at or below their reorder level, active or inactive ones."""

    query: str = ""
    category_id: int | None = None
    low_stock: bool = False
    inactive: bool = False
    stale_labels: bool = False


# SQLite: whether a full-text query matches at least this many products (2 % of 100,000)
_MANY_MATCHES = 2000
_FTS_MANY = text(
    "SELECT count(*) >= :many FROM "
    "(SELECT 1 FROM product_fts WHERE product_fts MATCH :match LIMIT :many)"
)


def _matching(session: Session, query: str) -> ColumnElement[bool] | None:
    """Every word at a word start of the name or code; digits may also be a whole barcode."""
    words = _WORD.findall(query.lower())
    if not words:
        return None
    dialect = session.get_bind().dialect.name
    match = _name_query(dialect, words)
    found: ColumnElement[bool]
    if dialect == "sqlite":
        ids = text(_FTS_IDS).bindparams(match=match).columns(column("id"))
        # a word that much of the catalogue has (a letter or two typed): walk the names in
        # order and stop at the page's end, each checked against the matches (`+ 0` keeps
        # SQLite from reading every match by id and sorting them all by name instead)
        many = (
            session.connection()
            .execute(_FTS_MANY, {"match": match, "many": _MANY_MATCHES})
            .scalar_one()
        )
        found = (PRODUCT.c.id + 0 if many else PRODUCT.c.id).in_(ids)
    else:
        found = _words_match(bindparam("match", match))
    code = query.strip()
    if not code.isdigit():
        return found
    barcode = select(BARCODE.c.product_id).where(BARCODE.c.code == code)
    return or_(found, PRODUCT.c.id.in_(barcode))


def label_is_stale() -> ColumnElement[bool]:
    """True for a product whose shelf label was never printed or shows other prices than
    the product's now (a correlated test on PRODUCT's row)."""
    return ~(
        select(PRINTED_LABEL.c.product_id)
        .where(
            PRINTED_LABEL.c.product_id == PRODUCT.c.id,
            PRINTED_LABEL.c.price == PRODUCT.c.price,
            PRINTED_LABEL.c.member_price.is_not_distinct_from(PRODUCT.c.member_price),
            PRINTED_LABEL.c.het.is_not_distinct_from(PRODUCT.c.het),
        )
        .exists()
    )


def product_page(
    session: Session,
    filters: ProductFilter,
    *,
    after: tuple[str, int] | None = None,
    before: tuple[str, int] | None = None,
    limit: int | None = PAGE_SIZE,
) -> list[ProductInfo]:
    """One page of the catalogue in (name, id) order: the first page, the page after the
    (name, id) `after`, or the page that ends just before `before`. Keyset paging, so the
    thousandth page costs what the first does."""
    # `active` and `stock <= reorder_level` as the partial index `ix_product_low_stock` has them
    statement = PRODUCT_QUERY.add_columns(label_is_stale().label("label_stale")).where(
        ~PRODUCT.c.active if filters.inactive else PRODUCT.c.active
    )
    if filters.stale_labels:
        statement = statement.where(label_is_stale())
    if filters.low_stock:
        statement = statement.where(PRODUCT.c.stock <= PRODUCT.c.reorder_level)
    if filters.category_id is not None:
        statement = statement.where(PRODUCT.c.category_id == filters.category_id)
    matching = _matching(session, filters.query)
    if matching is not None:
        statement = statement.where(matching)
    key = tuple_(PRODUCT.c.name, PRODUCT.c.id)
    if before is not None:
        statement = statement.where(key < tuple_(*before)).order_by(
            PRODUCT.c.name.desc(), PRODUCT.c.id.desc()
        )
    else:
        if after is not None:
            statement = statement.where(key > tuple_(*after))
        statement = statement.order_by(PRODUCT.c.name, PRODUCT.c.id)
    rows = [ProductInfo(**r._mapping) for r in session.connection().execute(statement.limit(limit))]
    return rows[::-1] if before is not None else rows
