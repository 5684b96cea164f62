"""Properties of expiry dates and batches (issue 17), for any sequence of receiving with expiry
dates, selling (the real checkout, sometimes a scanned batch), returning, counting (as a whole
or per batch), writing off (sometimes a picked batch) and repacking: each dated product's
batches add up to its stock and each batch to its batch ledger, a batch counted holds what was
counted, and a sale always takes the earliest expiry first (the batches not yet expired before
the expired ones)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from gerai.core.errors import GeraiError
from gerai.db import Database
from gerai.services.cash.shifts import open_shift
from gerai.services.sale.cart import Cart
from gerai.services.sale.checkout import Tender, checkout
from gerai.services.sale.returns import return_items
from gerai.services.shop.profile import load_shop
from gerai.services.stock.batches import batch_check, set_dated
from gerai.services.stock.catalog import find_by_code
from gerai.services.stock.count import confirm_count, write_off
from gerai.services.stock.ledger import stock_check
from gerai.services.stock.receiving import ReceiveLine, receive_goods
from gerai.services.stock.repack import repack
from gerai.services.stock.suppliers import add_supplier
from tests.conftest import CASHIER, NOW, OWNER, TREASURER_PIN, copy_database, raw

TODAY = date(2025, 11, 30)
PIECES = "KRS-PAK"
LOOSE = "BRS-MED-KG"
SACK = "BRS-MED10"
CODES = (PIECES, LOOSE, SACK)
COUNTER = itertools.count()

pieces = st.integers(1, 40).map(Decimal)
kilos = st.integers(1, 40_000).map(lambda n: Decimal(n) / 1000)


def amount_of(code: str) -> st.SearchStrategy[Decimal]:
    return kilos if code == LOOSE else pieces


code = st.sampled_from(CODES)
expiry = st.integers(-3, 20).map(lambda n: TODAY + timedelta(days=n))
receive_op = code.flatmap(
    lambda c: st.tuples(st.just("receive"), st.just(c), amount_of(c), expiry,
                        st.sampled_from(["", "A", "B"]))
)  # fmt: skip
sell_op = code.flatmap(
    lambda c: st.tuples(st.just("sell"), st.just(c), amount_of(c), st.booleans(), st.booleans())
)
return_op = st.tuples(st.just("return"), st.integers(1, 3).map(Decimal), st.booleans())
repack_op = st.tuples(st.just("repack"), st.integers(1, 5).map(Decimal), st.integers(0, 500))
count_op = code.flatmap(
    lambda c: st.tuples(
        st.just("count"), st.just(c), amount_of(c) | st.just(Decimal(0)),
        st.none() | st.lists(amount_of(c) | st.just(Decimal(0)), max_size=4),  # per batch
    )
)  # fmt: skip
write_off_op = code.flatmap(
    lambda c: st.tuples(st.just("write_off"), st.just(c), amount_of(c), st.booleans())
)
operations = st.lists(
    st.one_of(receive_op, sell_op, return_op, repack_op, count_op, write_off_op),
    min_size=1,
    max_size=12,
)


@pytest.fixture
def template(catalogue_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The catalogue with a shift open on K1, a supplier, and the three products dated."""
    path = tmp_path_factory.mktemp("batch-props") / "template.db"
    copy_database(catalogue_file, path)
    database = Database(f"sqlite:///{path}")
    with database.write() as session:
        open_shift(session, "K1", CASHIER, 5_000_000, NOW, load_shop(session))
        add_supplier(session, "Bulog")
        for product_code in CODES:
            product = find_by_code(session, product_code)
            assert product is not None
            set_dated(session, product.id, True, actor=OWNER, at=NOW)
    database.dispose()
    return path


Batch = tuple[int, date | None, Decimal]


def held(database: Database, product_code: str) -> dict[int, Batch]:
    rows = raw(
        database,
        "SELECT b.id, b.expiry, b.qty FROM stockbatch b JOIN product p ON p.id = b.product_id"
        " WHERE p.code = :code",
        code=product_code,
    )
    return {
        row[0]: (row[0], date.fromisoformat(row[1]) if row[1] else None, Decimal(row[2]) / 1000)
        for row in rows
    }


def fefo_key(batch: Batch) -> tuple[Any, ...]:
    """The order a sale takes batches in: not expired first, then by expiry (undated last)."""
    _, when, _ = batch
    expired = when is not None and when < TODAY
    return (expired, when is None, when or date.max, batch[0])


def apply(
    database: Database, operation: tuple[Any, ...], sales: list[str]
) -> dict[int, Decimal] | None:
    """Do `operation`; a count per batch returns what it counted of each batch."""
    kind = operation[0]
    with database.write() as session:
        shop = load_shop(session)
        if kind == "receive":
            _, product_code, qty, when, batch = operation
            receive_goods(
                session, 1, "", [ReceiveLine(product_code, qty, 1000, expiry=when, batch=batch)],
                actor=OWNER, at=NOW, past_expiry_ok=True,
            )  # fmt: skip
        elif kind == "sell":
            _, product_code, qty, scan, allowed = operation
            product = find_by_code(session, product_code)
            assert product is not None
            cart = Cart(global_discount_bp=shop.member_discount_bp)
            cart.add(product, qty)
            picked = None
            if scan:
                ids = raw(database, "SELECT id FROM stockbatch WHERE product_id = :p AND qty > 0"
                          " ORDER BY id DESC", p=product.id)  # fmt: skip
                picked = {product.id: ids[0][0]} if ids else None
            sale = checkout(
                session, cart, [Tender("tunai")], till="K1", actor=CASHIER, now=NOW,
                batches=picked, approval=TREASURER_PIN if allowed else None, expired_ok=allowed,
            )  # fmt: skip
            sales.append(sale.receipt_no)
        elif kind == "return":
            _, qty, damaged = operation
            if not sales:
                raise GeraiError("retur.nothing")
            return_items(
                session, CASHIER, sales[-1], [(1, qty, damaged)], "uji", "tunai",
                approval=TREASURER_PIN, now=NOW, till="K1",
            )  # fmt: skip
        elif kind == "repack":
            _, sacks, lost_grams = operation
            made = sacks * 10 - Decimal(lost_grams) / 1000
            repack(session, SACK, sacks, LOOSE, 10, made, actor=OWNER, at=NOW, shop=shop)
        elif kind == "count":
            _, product_code, counted, per_batch = operation
            if per_batch is not None:
                ids = raw(database, "SELECT b.id FROM stockbatch b JOIN product p"
                          " ON p.id = b.product_id WHERE p.code = :c AND b.qty > 0 ORDER BY b.id",
                          c=product_code)  # fmt: skip
                counted = {row[0]: qty for row, qty in zip(ids, per_batch, strict=False)}
            confirm_count(
                session, [(product_code, counted)], "hitung", "uji", actor=OWNER, at=NOW, shop=shop
            )
            return counted if per_batch is not None else None
        else:
            _, product_code, qty, pick = operation
            product = find_by_code(session, product_code)
            assert product is not None
            first = raw(database, "SELECT id FROM stockbatch WHERE product_id = :p AND qty > 0"
                        " ORDER BY expiry", p=product.id)  # fmt: skip
            write_off(session, product_code, qty, "kedaluwarsa", actor=OWNER, at=NOW, shop=shop,
                      batch_id=first[0][0] if pick and first else None)  # fmt: skip
    return None


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=operations)
def test_batches_add_up_to_stock_and_sales_take_the_earliest_expiry_first(
    template: Path, tmp_path: Path, operations: list[tuple[Any, ...]]
) -> None:
    path = tmp_path / f"example-{next(COUNTER)}.db"
    copy_database(template, path)
    database = Database(f"sqlite:///{path}")
    sales: list[str] = []
    try:
        for operation in operations:
            before = {c: held(database, c) for c in CODES}
            per_batch = None
            try:
                per_batch = apply(database, operation, sales)
                event(f"{operation[0]} done")
            except GeraiError as refused:
                event(f"{operation[0]} refused: {refused.key}")
            with database.read() as session:
                assert stock_check(session) == []
                assert batch_check(session) == []
            if per_batch:  # each batch counted holds what was counted; the others are as before
                after = held(database, operation[1])
                assert {b: after[b][2] for b in per_batch} == per_batch
                assert all(
                    after[b][2] == batch[2] for b, batch in before[operation[1]].items()
                    if b not in per_batch
                )  # fmt: skip
            if operation[0] == "sell" and not operation[3]:  # no batch scanned
                after = held(database, operation[1])
                order = sorted(before[operation[1]].values(), key=fefo_key)
                taken = [b for b in order if after[b[0]][2] < b[2]]
                if taken:
                    last = order.index(taken[-1])
                    # every batch before the last one taken from was emptied by the sale
                    assert all(after[b[0]][2] <= 0 for b in order[:last] if b[2] > 0), (
                        order, after,
                    )  # fmt: skip
    finally:
        database.dispose()
