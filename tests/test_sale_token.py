"""Issue 19, the sale token: each sale carries its cart's client-made UUID (unique index); a
retry of the same cart after a lost COMMIT finds the stored sale instead of making a second,
and queues no second receipt."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.db import Database, explain
from gerai.printing import PrintQueue
from gerai.services.sale.checkout import Tender
from gerai.settings import Settings
from gerai.till import Till
from tests.conftest import CASHIER, NOW, raw

OIL = "MYK-1L"


def make_till(db: Database) -> Till:
    settings = Settings(db_url=db.url, printer="file:/dev/null", till="K1")
    return Till(settings, db, PrintQueue(db, settings, lambda: NOW), lambda: NOW, CASHIER)


def lose_the_next_commit(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """The next write transaction commits, then the connection is lost before the till hears
    of it (as a PostgreSQL server gone during COMMIT): the till gets the error."""
    real = db.write

    @contextmanager
    def write() -> Iterator[Session]:
        monkeypatch.setattr(db, "write", real)  # only this once
        with real() as session:
            yield session
        lost = OperationalError("COMMIT", {}, Exception("server closed the connection"))
        lost.connection_invalidated = True
        raise explain(lost, db.url)

    monkeypatch.setattr(db, "write", write)


def counts(db: Database) -> tuple[int, int, int]:
    return (
        raw(db, "SELECT count(*) FROM sale")[0][0],
        raw(db, "SELECT count(*) FROM printjob")[0][0],
        raw(db, "SELECT count(*) FROM stockmovement")[0][0],
    )


def test_a_retry_after_a_lost_commit_finds_the_stored_sale(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    till = make_till(db)
    oil = till.find_product(OIL)
    assert oil is not None
    till.cart.add(oil, Decimal(2))
    token = till.cart.token
    before = counts(db)
    lose_the_next_commit(db, monkeypatch)
    with pytest.raises(GeraiError) as lost:
        till.sell([Tender("tunai", 50_000)])
    assert lost.value.key == "db.unreachable"
    assert till.cart.lines and till.cart.token == token  # the kasir still has the cart
    stored = counts(db)
    assert stored == (before[0] + 1, before[1] + 1, before[2] + 1)  # it was stored, though
    again = till.sell([Tender("tunai", 50_000)])  # the kasir pays again
    assert again.replayed and again.total == 2 * oil.price and again.change == 50_000 - again.total
    assert counts(db) == stored  # no second sale, no second receipt, no second movement
    assert raw(db, "SELECT token, receipt_no FROM sale") == [(token, again.receipt_no)]
    assert till.cart.lines == [] and till.cart.token != token  # the next cart has its own
    till.cart.add(oil, Decimal(1))
    assert not till.sell([Tender("tunai")]).replayed
    assert counts(db)[0] == stored[0] + 1


def test_two_sales_cannot_share_a_token(db: Database) -> None:
    till = make_till(db)
    oil = till.find_product(OIL)
    assert oil is not None
    till.cart.add(oil, Decimal(1))
    till.sell([Tender("tunai")])
    token = raw(db, "SELECT token FROM sale")[0][0]
    with pytest.raises(IntegrityError):
        raw(
            db,
            "INSERT INTO sale (receipt_no, till, business_date, created_at, cashier, gross,"
            " member_discount, manual_discount, total, paid, change, status, token)"
            " VALUES ('X-1', 'K1', '2025-11-30', '2025-11-30 06:00:00', 'kasir', 0, 0, 0, 0,"
            " 0, 0, 'completed', :token)",
            token=token,
        )


def test_a_cart_changed_after_a_lost_commit_is_told_of_the_stored_sale(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    till = make_till(db)
    oil = till.find_product(OIL)
    assert oil is not None
    till.cart.add(oil, Decimal(1))
    lose_the_next_commit(db, monkeypatch)
    with pytest.raises(GeraiError):
        till.sell([Tender("tunai")])
    receipt = raw(db, "SELECT receipt_no FROM sale")[0][0]
    till.cart.add(oil, Decimal(1))  # the kasir went on with the cart
    with pytest.raises(GeraiError) as told:
        till.sell([Tender("tunai")])
    assert told.value.key == "pay.stored_before" and receipt in told.value.message()
    assert raw(db, "SELECT count(*) FROM sale")[0][0] == 1
    assert till.sell([Tender("tunai")]).total == 2 * oil.price  # now a sale of its own
    assert raw(db, "SELECT count(*) FROM sale")[0][0] == 2
