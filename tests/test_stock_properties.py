"""Properties of the stock services, for any sequence of receiving, selling (the real checkout),
repacking, counting and writing off: every product's stock equals the sum of its ledger,
stock never goes below zero (the shop does not allow it), and the moving-average HPP stays
between the lowest and highest unit cost that came in."""

from __future__ import annotations

import itertools
from decimal import ROUND_HALF_UP, Decimal
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
from gerai.services.shop.profile import load_shop
from gerai.services.stock.catalog import find_by_code
from gerai.services.stock.count import confirm_count, write_off
from gerai.services.stock.inventory import moving_average
from gerai.services.stock.ledger import stock_check
from gerai.services.stock.receiving import ReceiveLine, receive_goods
from gerai.services.stock.repack import repack
from gerai.services.stock.suppliers import add_supplier
from tests.conftest import CASHIER, NOW, OWNER, copy_database

PIECES = "KRS-PAK"  # pak: 10 in stock at Rp6.800
LOOSE = "BRS-MED-KG"  # kg: 200 in stock at Rp12.400
SACK = "BRS-MED10"  # karung of 10 kg: 20 in stock at Rp123.000
CODES = (PIECES, LOOSE, SACK)
COUNTER = itertools.count()

pieces = st.integers(1, 40).map(Decimal)
kilos = st.integers(1, 40_000).map(lambda n: Decimal(n) / 1000)


def amount_of(code: str) -> st.SearchStrategy[Decimal]:
    return kilos if code == LOOSE else pieces


code = st.sampled_from(CODES)
receive_op = code.flatmap(
    lambda c: st.tuples(st.just("receive"), st.just(c), amount_of(c), st.integers(1, 200_000))
)
sell_op = code.flatmap(lambda c: st.tuples(st.just("sell"), st.just(c), amount_of(c)))
repack_op = st.tuples(st.just("repack"), st.integers(1, 25).map(Decimal), st.integers(0, 500))
count_op = code.flatmap(
    lambda c: st.tuples(st.just("count"), st.just(c), amount_of(c) | st.just(Decimal(0)))
)
write_off_op = code.flatmap(lambda c: st.tuples(st.just("write_off"), st.just(c), amount_of(c)))
operations = st.lists(
    st.one_of(receive_op, sell_op, repack_op, count_op, write_off_op), min_size=1, max_size=12
)


def rupiah(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@pytest.fixture
def template(catalogue_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The catalogue with a shift open on K1 and a supplier, copied for every example."""
    path = tmp_path_factory.mktemp("stock-props") / "template.db"
    copy_database(catalogue_file, path)
    database = Database(f"sqlite:///{path}")
    with database.write() as session:
        open_shift(session, "K1", CASHIER, 500_000, NOW, load_shop(session))
        add_supplier(session, "Bulog")
    database.dispose()
    return path


def apply(
    database: Database, operation: tuple[Any, ...], incoming: dict[str, list[Decimal]]
) -> None:
    """Run one operation in its own transaction; a refusal leaves everything as it was."""
    kind = operation[0]
    with database.write() as session:
        shop = load_shop(session)
        if kind == "receive":
            _, product_code, qty, unit_cost = operation
            receive_goods(
                session, 1, "", [ReceiveLine(product_code, qty, unit_cost)], actor=OWNER, at=NOW,
            )  # fmt: skip
            incoming[product_code].append(Decimal(rupiah(qty * unit_cost)) / qty)
        elif kind == "sell":
            _, product_code, qty = operation
            cart = Cart(global_discount_bp=shop.member_discount_bp)
            product = find_by_code(session, product_code)
            assert product is not None
            cart.add(product, qty)
            checkout(session, cart, [Tender("tunai")], till="K1", actor=CASHIER, now=NOW)
        elif kind == "repack":
            _, sacks, lost_grams = operation
            sack = find_by_code(session, SACK)
            assert sack is not None
            made = sacks * 10 - Decimal(lost_grams) / 1000
            repack(session, SACK, sacks, LOOSE, 10, made, actor=OWNER, at=NOW, shop=shop)
            incoming[LOOSE].append(Decimal(sack.cost) / 10)
        elif kind == "count":
            _, product_code, counted = operation
            confirm_count(
                session, [(product_code, counted)], "hitung", "uji", actor=OWNER, at=NOW, shop=shop
            )
        else:
            _, product_code, qty = operation
            write_off(session, product_code, qty, "rusak", actor=OWNER, at=NOW, shop=shop)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=operations)
def test_stock_always_equals_the_ledger_and_cost_stays_within_what_came_in(
    template: Path, tmp_path: Path, operations: list[tuple[Any, ...]]
) -> None:
    path = tmp_path / f"example-{next(COUNTER)}.db"
    copy_database(template, path)
    database = Database(f"sqlite:///{path}")
    try:
        with database.read() as session:
            start = {c: find_by_code(session, c) for c in CODES}
        incoming = {c: [Decimal(p.cost)] for c, p in start.items() if p is not None}
        for operation in operations:
            try:
                apply(database, operation, incoming)
                event(f"{operation[0]} done")
            except GeraiError:  # refused: nothing was written, the checks below still hold
                event(f"{operation[0]} refused")
            with database.read() as session:
                assert stock_check(session) == []
                now = {c: find_by_code(session, c) for c in CODES}
            for product_code, product in now.items():
                assert product is not None
                assert product.stock >= 0, (product_code, operation)
                low, high = min(incoming[product_code]), max(incoming[product_code])
                assert rupiah(low) <= product.cost <= rupiah(high), (product_code, operation)
    finally:
        database.dispose()


@given(
    start=st.tuples(st.integers(-50, 500).map(Decimal), st.integers(0, 100_000)),
    receipts=st.lists(
        st.tuples(st.integers(1, 100_000).map(lambda n: Decimal(n) / 1000), st.integers(0, 10**7)),
        min_size=1,
        max_size=20,
    ),
)
def test_moving_average_stays_between_the_costs_that_came_in(
    start: tuple[Decimal, int], receipts: list[tuple[Decimal, int]]
) -> None:
    stock, cost = start
    seen = [Decimal(cost)] if stock > 0 else []
    for qty, value in receipts:
        cost = moving_average(stock, cost, qty, value)
        stock += qty
        seen.append(Decimal(value) / qty)
        assert rupiah(min(seen)) <= cost <= rupiah(max(seen))
