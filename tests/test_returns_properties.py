"""Properties of the void and retur arithmetic, for any sale and any sequence of partial
returns: a line's refunds never exceed its total and equal it once it is all back; the stock
ends where the ledger says (damaged goods off the shelf, the rest back on it); a void puts every
line's stock back; the cash the till should hold drops by exactly the cash refunds."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from conftest import copy_database
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shop_day import at, fill, give_back, open_till, sell, void
from sqlmodel import col, select

from gerai.core.errors import GeraiError
from gerai.core.quantity import from_milli
from gerai.db import Database
from gerai.models import Product
from gerai.services.cash.shifts import cash_position, current_shift
from gerai.services.sale.checkout import Tender
from gerai.services.sale.corrections import check_corrections
from gerai.services.sale.returns import SaleLineState, SaleState, plan_return, sale_state
from gerai.services.stock.ledger import stock_check

# --- the refund of one line, without a database --------------------------------------------


def one_line_sale(qty: Decimal, line_total: int, by_weight: bool) -> SaleState:
    line = SaleLineState(
        id=1, line_no=1, product_id=1, code="X", name="Barang", unit="kg", sold_by_weight=by_weight,
        qty=qty, unit_price=line_total, line_total=line_total, returned=Decimal(0), refunded=0,
    )  # fmt: skip
    return SaleState(
        id=1, receipt_no="K1-20251130-0001", till="K1",
        created_at=datetime(2025, 11, 30, tzinfo=UTC),
        cashier="kasir", member=None, total=line_total, status="completed",
        payments=(("tunai", line_total),), lines=(line,), returns=(),
    )  # fmt: skip


@given(
    sold=st.integers(min_value=1, max_value=50_000),  # thousandths
    line_total=st.integers(min_value=0, max_value=5_000_000),
    parts=st.lists(st.integers(min_value=1, max_value=50_000), min_size=1, max_size=12),
)
@settings(max_examples=400)
def test_a_lines_refunds_never_exceed_its_total_and_equal_it_when_all_is_back(
    sold: int, line_total: int, parts: list[int]
) -> None:
    sale = one_line_sale(from_milli(sold), line_total, by_weight=True)
    refunds: list[int] = []
    for part in parts:
        line = sale.lines[0]
        qty = min(from_milli(part), line.returnable)
        if qty <= 0:
            break
        planned = plan_return(sale, [(1, qty, False)]).lines[0]
        assert 0 <= planned.amount <= line.line_total - line.refunded
        exact = Decimal(line_total) * qty / line.qty
        if line.returned + qty < line.qty and planned.amount < line.line_total - line.refunded:
            assert abs(planned.amount - exact) <= Decimal("0.5")  # pro rata, rounded
        refunds.append(planned.amount)
        back = replace(line, returned=line.returned + qty, refunded=line.refunded + planned.amount)
        sale = replace(sale, lines=(back,))
        assert sum(refunds) <= line_total
    line = sale.lines[0]
    if line.returned == line.qty:
        assert sum(refunds) == line_total
        try:
            plan_return(sale, [(1, Decimal("0.001"), False)])
        except GeraiError as error:
            assert error.key == "retur.fully_returned"
        else:
            raise AssertionError("a fully returned line took more")


@given(
    sold=st.integers(min_value=1, max_value=20).map(Decimal),
    line_total=st.integers(min_value=0, max_value=1_000_000),
)
def test_everything_at_once_refunds_the_whole_line(sold: Decimal, line_total: int) -> None:
    plan = plan_return(one_line_sale(sold, line_total, by_weight=False), [(1, sold, False)])
    assert plan.total == line_total


# --- sales and returns through the services ------------------------------------------------

ITEMS = ["BRS-MED-KG", "TLR-KG", "CBR-KG", "MYK-1L", "IDM-GRG", "AQA-600"]
RETURN = st.tuples(
    st.integers(min_value=0, max_value=5),  # which line (modulo the lines sold)
    st.integers(min_value=1, max_value=1000),  # per mille of what is left
    st.booleans(),  # damaged
    st.sampled_from(["tunai", "own"]),  # refund method
)
PLAN = st.fixed_dictionaries(
    {
        "items": st.lists(
            st.tuples(st.sampled_from(ITEMS), st.integers(min_value=1, max_value=4000)),
            min_size=1,
            max_size=4,
            unique_by=lambda item: item[0],
        ),
        "member": st.booleans(),
        "method": st.sampled_from(["tunai", "qris", "kasbon"]),
        "returns": st.lists(RETURN, max_size=8),
        "void_another": st.booleans(),
    }
)


def stocks(db: Database) -> dict[str, Decimal]:
    with db.read() as session:
        return {
            p.code: p.stock
            for p in session.exec(select(Product).where(col(Product.code).in_(ITEMS)))
        }


def returned_quantity(line: SaleLineState, per_mille: int) -> Decimal:
    """A share of what is left of `line`: thousandths for weight, whole units for pieces."""
    left = line.returnable
    if line.sold_by_weight:
        return max(from_milli(int(left * per_mille)), Decimal("0.001"))
    return max(Decimal(int(left * per_mille / 1000)), Decimal(1))


def play(db: Database, plan: dict[str, Any]) -> None:
    open_till(db, "K1", 2_000_000, at(7))
    before = stocks(db)
    items = [
        (code, from_milli(units) if code.endswith("-KG") else Decimal(units % 5 + 1))
        for code, units in plan["items"]
    ]
    method = plan["method"] if plan["member"] or plan["method"] != "kasbon" else "tunai"
    cart = fill(db, items, member=plan["member"])
    try:
        sale = sell(db, "K1", cart, at(9), [Tender(method)])
    except GeraiError as error:  # a kasbon over the member's limit: refused, nothing written
        assert error.key == "kasbon.over_limit", error.message()
        assert stocks(db) == before
        method = "tunai"
        sale = sell(db, "K1", cart, at(9), [Tender(method)])
    sold = {v.product.code: v.qty for v in cart.view()}
    shelf = {code: before[code] - sold.get(code, Decimal(0)) for code in before}
    cash_refunds = 0
    for minute, (index, per_mille, damaged, how) in enumerate(plan["returns"]):
        with db.read() as session:
            state = sale_state(session, sale.receipt_no)
        open_lines = [line for line in state.lines if line.returnable > 0]
        if not open_lines:
            break
        line = open_lines[index % len(open_lines)]
        qty = returned_quantity(line, per_mille)
        refund_method = method if how == "own" else "tunai"
        back = give_back(
            db, "K1", sale.receipt_no, [(line.line_no, qty, damaged)], at(10, minute), refund_method
        )
        if not damaged:
            shelf[line.code] += qty
        if refund_method == "tunai":
            cash_refunds += back.refund_total
    with db.read() as session:
        state = sale_state(session, sale.receipt_no)
        for line in state.lines:
            assert 0 <= line.refunded <= line.line_total
            if line.returned == line.qty:
                assert line.refunded == line.line_total
        assert state.refunded == sum(line.refunded for line in state.lines)
        shift = current_shift(session, "K1")
        assert shift is not None
        position = cash_position(session, shift)
        assert position.refunds == cash_refunds
        cash_sale = sale.total if method == "tunai" else 0
        assert position.expected == 2_000_000 + cash_sale - cash_refunds
    assert stocks(db) == shelf
    if plan["void_another"]:
        try:
            again = sell(db, "K1", fill(db, items, member=plan["member"]), at(11), [Tender(method)])
        except GeraiError as error:  # too little left on the shelf, or kasbon over the limit
            assert error.key.startswith("cart.") or error.key == "kasbon.over_limit", (
                error.message()
            )
        else:
            void(db, again.receipt_no, at(11, 5))
            assert stocks(db) == shelf
    with db.read() as session:
        assert stock_check(session) == []
        assert check_corrections(session) is None


@given(plan=PLAN)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_returns_keep_stock_money_and_the_ledger_exact(
    catalogue_file: Path, plan: dict[str, Any]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gerai.db"
        copy_database(catalogue_file, path)
        db = Database(f"sqlite:///{path}")
        try:
            play(db, plan)
        finally:
            db.dispose()
