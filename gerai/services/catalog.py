"""Finding products: by code or barcode (exact, indexed) and by name as the kasir types
(SQLite FTS5 prefix search; `ILIKE` on other engines)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, bindparam, func, or_, select, text
from sqlmodel import Session

from gerai.models import BARCODE, CATEGORY, PRODUCT

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


_COLUMNS = (
    PRODUCT.c.id, PRODUCT.c.code, PRODUCT.c.name, CATEGORY.c.name.label("category"),
    CATEGORY.c.member_discount_bp.label("category_discount_bp"), PRODUCT.c.unit,
    PRODUCT.c.sold_by_weight, PRODUCT.c.price, PRODUCT.c.member_price, PRODUCT.c.cost,
    PRODUCT.c.het, PRODUCT.c.max_per_sale, PRODUCT.c.tax_category, PRODUCT.c.stock,
    PRODUCT.c.reorder_level, PRODUCT.c.active,
)  # fmt: skip
_SELECT = select(*_COLUMNS).join_from(PRODUCT, CATEGORY, CATEGORY.c.id == PRODUCT.c.category_id)
_BY_CODE = _SELECT.where(PRODUCT.c.code == bindparam("code"), PRODUCT.c.active)
_BY_BARCODE = _SELECT.join(BARCODE, BARCODE.c.product_id == PRODUCT.c.id).where(
    BARCODE.c.code == bindparam("code"), PRODUCT.c.active
)
_BY_ID = _SELECT.where(PRODUCT.c.id == bindparam("id"))


def _first(session: Session, statement: Select[Any], **params: Any) -> ProductInfo | None:
    row = session.connection().execute(statement, params).first()
    return None if row is None else ProductInfo(**row._mapping)


def find_by_code(session: Session, code: str) -> ProductInfo | None:
    """The active product whose code (SKU) or one of whose barcodes is exactly `code`."""
    code = code.strip()
    if not code:
        return None
    return _first(session, _BY_CODE, code=code.upper()) or _first(session, _BY_BARCODE, code=code)


def get_product(session: Session, product_id: int) -> ProductInfo | None:
    """A product by id, active or not."""
    return _first(session, _BY_ID, id=product_id)


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
        conditions = [
            or_(PRODUCT.c.name.ilike(f"%{w}%"), PRODUCT.c.code.ilike(f"{w}%")) for w in words
        ]
        statement = (
            _SELECT.where(PRODUCT.c.active, *conditions)
            .order_by(func.length(PRODUCT.c.name), PRODUCT.c.name)
            .limit(limit)
        )
    rows = [ProductInfo(**row._mapping) for row in session.connection().execute(statement)]
    rows.sort(key=lambda p: (len(p.name), p.name))
    found.extend(p for p in rows if not exact or p.id != exact.id)
    return found[:limit]
