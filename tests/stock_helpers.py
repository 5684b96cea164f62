"""What the stock tests share: reading a product as the database holds it, a snapshot of every
table and every product (to prove that a refusal wrote nothing), and a supplier to receive
from."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from gerai.db import Database
from gerai.models import metadata
from gerai.services.stock.catalog import ProductInfo, find_by_code
from gerai.services.stock.suppliers import add_supplier
from tests.conftest import raw


def product(db: Database, code: str) -> ProductInfo:
    """The product `code` names, as stored now."""
    with db.read() as session:
        found = find_by_code(session, code, include_inactive=True)
    assert found is not None, code
    return found


def stock(db: Database, code: str) -> Decimal:
    """The stock of `code` now."""
    return product(db, code).stock


def snapshot(db: Database) -> dict[str, Any]:
    """Row counts of every table and each product's stored row: equal before and after means
    nothing was written."""
    counts = {name: raw(db, f'SELECT count(*) FROM "{name}"')[0][0] for name in metadata.tables}
    products = raw(db, "SELECT * FROM product ORDER BY id")
    return {"counts": counts, "products": products}


def supplier(db: Database, name: str = "Bulog Sub Divre Bone") -> int:
    """A new supplier's id."""
    with db.write() as session:
        return add_supplier(session, name, "0812-4000-1000", "Watampone").id
