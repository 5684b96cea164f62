"""Finding products: by code or barcode (exact, indexed), by name as the kasir types (word
prefix search: SQLite FTS5, PostgreSQL full-text search), and the whole catalogue a page at a
time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    bindparam,
    column,
    func,
    literal_column,
    or_,
    select,
    text,
    tuple_,
)
from sqlmodel import Session

from gerai.models import BARCODE, CATEGORY, PRINTED_LABEL, PRODUCT

SEARCH_LIMIT = 50
# Name search ranks at most this many FTS matches (the lowest product ids). A query as short as
# "b" matches about half of a 100,000-product catalogue and ranking all of them costs ~40 ms per
# keystroke; a query that matches more than this shows a sample of short names either way.
SEARCH_CANDIDATES = 2000
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class ProductInfo:
    """What the till needs to know of a product to price and sell it."""

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
_SELECT = select(*_COLUMNS).join_from(PRODUCT, CATEGORY, CATEGORY.c.id == PRODUCT.c.category_id)
_ANY_BY_CODE = _SELECT.where(PRODUCT.c.code == bindparam("code"))
_ANY_BY_BARCODE = _SELECT.join(BARCODE, BARCODE.c.product_id == PRODUCT.c.id).where(
    BARCODE.c.code == bindparam("code")
)
_BY_CODE = _ANY_BY_CODE.where(PRODUCT.c.active)
_BY_BARCODE = _ANY_BY_BARCODE.where(PRODUCT.c.active)
_BY_ID = _SELECT.where(PRODUCT.c.id == bindparam("id"))


def _first(session: Session, statement: Select[Any], **params: Any) -> ProductInfo | None:
    row = session.connection().execute(statement, params).first()
    return None if row is None else ProductInfo(**row._mapping)


# PostgreSQL: the words of a product's name and code (every run of letters and digits, as
# SQLite's FTS5 `unicode61` tokenizer splits them), indexed by `ix_product_search` (GIN, made
# by migration 0001) on exactly this expression
_SEARCH_DOCUMENT: ColumnElement[Any] = literal_column(
    "to_tsvector('simple'::regconfig, "
    "regexp_replace(product.name || ' ' || product.code, '[^[:alnum:]]+', ' ', 'g'))"
)
_SIMPLE: ColumnElement[Any] = literal_column("'simple'::regconfig")


def _words_match(words: list[str]) -> ColumnElement[bool]:
    """PostgreSQL: every word starts a word of the product's name or code."""
    query = func.to_tsquery(_SIMPLE, " & ".join(f"{w}:*" for w in words))
    return _SEARCH_DOCUMENT.bool_op("@@")(query)


def find_by_code(session: Session, code: str, include_inactive: bool = False) -> ProductInfo | None:
    """The active (or, when asked, any) product whose code (SKU) or one of whose barcodes is
    exactly `code`."""
    code = code.strip()
    if not code:
        return None
    by_code, by_barcode = (
        (_ANY_BY_CODE, _ANY_BY_BARCODE) if include_inactive else (_BY_CODE, _BY_BARCODE)
    )
    return _first(session, by_code, code=code.upper()) or _first(session, by_barcode, code=code)


def get_product(session: Session, product_id: int) -> ProductInfo | None:
    """A product by id, active or not."""
    return _first(session, _BY_ID, id=product_id)


_BY_IDS = _SELECT.where(PRODUCT.c.id.in_(bindparam("ids", expanding=True)))


def get_products(session: Session, ids: list[int]) -> dict[int, ProductInfo]:
    """Products by id, active or not, in one query; an unknown id is left out."""
    rows = session.connection().execute(_BY_IDS, {"ids": ids})
    return {row.id: ProductInfo(**row._mapping) for row in rows}


def search_products(session: Session, query: str, limit: int = SEARCH_LIMIT) -> list[ProductInfo]:
    """Active products matching every word of `query` at a word start (name or code),
    exact code/barcode matches first. Empty query: nothing."""
    words = _WORD.findall(query.lower())
    if not words:
        return []
    exact = find_by_code(session, query)
    found: list[ProductInfo] = [exact] if exact else []
    if session.get_bind().dialect.name == "sqlite":
        match = " ".join(f'"{w}"*' for w in words)
        ids = [
            row[0]
            for row in session.execute(
                text(
                    "SELECT p.id FROM (SELECT rowid AS id FROM product_fts "
                    "WHERE product_fts MATCH :match ORDER BY rowid LIMIT :candidates) f "
                    "JOIN product p ON p.id = f.id WHERE p.active "
                    "ORDER BY length(p.name), p.name LIMIT :limit"
                ),
                {"match": match, "candidates": SEARCH_CANDIDATES, "limit": limit},
            )
        ]
        statement = _SELECT.where(PRODUCT.c.id.in_(ids))
    else:
        candidates = (
            select(PRODUCT.c.id)
            .where(_words_match(words))
            .order_by(PRODUCT.c.id)
            .limit(SEARCH_CANDIDATES)
        )
        statement = (
            _SELECT.where(PRODUCT.c.active, PRODUCT.c.id.in_(candidates))
            .order_by(func.length(PRODUCT.c.name), PRODUCT.c.name)
            .limit(limit)
        )
    rows = [ProductInfo(**row._mapping) for row in session.connection().execute(statement)]
    rows.sort(key=lambda p: (len(p.name), p.name))
    found.extend(p for p in rows if not exact or p.id != exact.id)
    return found[:limit]


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


def _matching(session: Session, query: str) -> ColumnElement[bool] | None:
    """Every word at a word start of the name or code; digits may also be a whole barcode."""
    words = _WORD.findall(query.lower())
    if not words:
        return None
    found: ColumnElement[bool]
    if session.get_bind().dialect.name == "sqlite":
        fts = text("SELECT rowid FROM product_fts WHERE product_fts MATCH :match")
        match = " ".join(f'"{w}"*' for w in words)
        found = PRODUCT.c.id.in_(fts.bindparams(match=match).columns(column("rowid")))
    else:
        found = _words_match(words)
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
    statement = _SELECT.add_columns(label_is_stale().label("label_stale")).where(
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
