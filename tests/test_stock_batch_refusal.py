"""A batch of stock changes where one is refused: the product short of stock is named with
its stock, and the transaction that tried it leaves every stock as it was (SQLite applies a
batch as one UPDATE without a SAVEPOINT; PostgreSQL in a SAVEPOINT); a batch within stock is
applied whole."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from gerai.core.errors import GeraiError
from gerai.core.words import MovementKind
from gerai.db import Database
from gerai.services.stock.catalog import ProductInfo, find_by_code
from gerai.services.stock.ledger import Movement, move_stock, stock_check

NOW = datetime(2025, 6, 2, 3, 0, tzinfo=UTC)
CODES = ("BRS-SPHP5", "AQA-600", "CBR-KG")


def products(db: Database) -> list[ProductInfo]:
    with db.read() as session:
        found = [find_by_code(session, code) for code in CODES]
    assert all(p is not None for p in found)
    return found  # type: ignore[return-value]


def test_a_refused_change_is_named_and_changes_nothing(db: Database) -> None:
    first, second, third = products(db)
    assert min(first.stock, second.stock, third.stock) >= 1
    with pytest.raises(GeraiError) as refused, db.write() as session:
        move_stock(
            session,
            [
                Movement(first.id, Decimal(-1), MovementKind.SALE),
                Movement(second.id, -(second.stock + 1), MovementKind.SALE),
                Movement(third.id, Decimal(-1), MovementKind.SALE),
            ],
            at=NOW,
        )
    assert refused.value.key == "cart.out_of_stock"
    assert refused.value.params["name"] == second.name
    assert [p.stock for p in products(db)] == [first.stock, second.stock, third.stock]


def test_a_batch_within_stock_is_applied_whole(db: Database) -> None:
    first, second, third = products(db)
    assert min(first.stock, second.stock, third.stock) >= 1
    with db.write() as session:
        move_stock(
            session,
            [
                Movement(second.id, -second.stock, MovementKind.SALE),
                Movement(first.id, Decimal(-1), MovementKind.SALE),
                Movement(third.id, Decimal(2), MovementKind.RECEIVE),
            ],
            at=NOW,
        )
    assert [p.stock for p in products(db)] == [first.stock - 1, 0, third.stock + 2]
    with db.read() as session:
        assert stock_check(session) == []
