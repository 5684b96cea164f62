"""Purchase orders (issue 17): made by hand or from the reorder suggestions (one per
supplier), numbered in the `PO` series, sealed and audited; bad input refused with nothing
written; cancelled; goods received against one with ordered vs received, a reason for more
than ordered, and the status following; ordered, received and open always reconcile."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from uuid import uuid4

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gerai.core.errors import GeraiError
from gerai.core.words import AuditKind, OrderStatus
from gerai.db import Database
from gerai.printing import PrintQueue
from gerai.services.audit.seals import check_seals
from gerai.services.shop.profile import ShopProfile
from gerai.services.stock.purchase_orders import OrderLine, on_order, status_of
from gerai.services.stock.receiving import ReceiveLine
from gerai.settings import Settings
from gerai.till import Till
from tests.conftest import NOW, OWNER, copy_database, raw
from tests.stock_helpers import product, snapshot, supplier
from tests.test_reorder import BULOG, history

OIL, SUGAR, FLOUR = "MYK-1L", "GLA-KG", "TPG-BRS500"


def make_till(db: Database) -> Till:
    settings = Settings(db_url=db.url, printer="none", till="K1")
    return Till(settings, db, PrintQueue(db, settings, lambda: NOW), lambda: NOW, OWNER)


@pytest.fixture
def till(db: Database) -> Till:
    return make_till(db)


def test_an_order_by_hand_is_numbered_sealed_and_audited(db: Database, till: Till) -> None:
    bulog = supplier(db, BULOG)
    number = till.create_order(
        bulog,
        [OrderLine(OIL, "2", "karton=40", "560000"), OrderLine(SUGAR, "12,5")],
        note="kirim Senin",
    )
    assert number == "K1-20251130-PO001"
    assert till.create_order(bulog, [OrderLine(FLOUR, "3")]) == "K1-20251130-PO002"
    order = till.order(number.lower())  # any case
    assert (order.supplier, order.status, order.note) == (BULOG, OrderStatus.OPEN, "kirim Senin")
    oil, sugar = order.lines
    assert (oil.code, oil.pack, oil.factor, oil.qty, oil.packs) == (OIL, "karton", 40, 80, 2)
    assert (oil.unit_cost, oil.total, oil.received, oil.open) == (560_000, 1_120_000, 0, 80)
    assert (sugar.qty, sugar.unit_cost, sugar.total) == (Decimal("12.5"), None, None)
    assert order.total == 1_120_000
    listed = till.orders()
    assert [(o.number, o.lines, o.total) for o in listed] == [
        ("K1-20251130-PO002", 1, 0),
        (number, 2, 1_120_000),
    ]
    with db.read() as session:
        assert check_seals(session) is None
    kinds = raw(db, "SELECT ref FROM auditrecord WHERE kind = :k", k=AuditKind.PO_CREATED)
    assert kinds == [(number,), ("K1-20251130-PO002",)]


@pytest.mark.parametrize(
    ("lines", "key", "problem"),
    [
        ([OrderLine("MTN-L", "1")], "receive.line_problem", "po.inactive_product"),
        ([OrderLine(OIL, "0")], "receive.line_problem", "stockadm.qty_positive"),
        ([OrderLine(OIL, "-2")], "receive.line_problem", "stockadm.qty_positive"),
        ([OrderLine(OIL, "1,5")], "receive.line_problem", "cart.fraction_piece"),
        ([OrderLine("NOPE", "1")], "receive.line_problem", "stockadm.unknown_code"),
        ([OrderLine(OIL, "1", unit_cost="abc")], "receive.line_problem", "stockadm.bad_money"),
        ([OrderLine(OIL, "1"), OrderLine(" myk-1l ", "2")], "po.product_twice", None),
        ([], "po.no_lines", None),
    ],
)
def test_bad_lines_refused_with_nothing_written(
    db: Database, till: Till, lines: list[OrderLine], key: str, problem: str | None
) -> None:
    bulog = supplier(db, BULOG)
    before = snapshot(db)
    with pytest.raises(GeraiError) as caught:
        till.create_order(bulog, [OrderLine(SUGAR, "5"), *lines] if lines else [])
    assert caught.value.key == key
    if problem is not None:
        assert caught.value.params["problem"].key == problem
        assert caught.value.params["line"] == 2
        assert caught.value.message().endswith("Tidak ada yang disimpan.")
    assert snapshot(db) == before


def test_an_unknown_supplier_is_refused(db: Database, till: Till) -> None:
    before = snapshot(db)
    with pytest.raises(GeraiError) as caught:
        till.create_order(999, [OrderLine(OIL, "1")])
    assert caught.value.key == "supplier.none"
    assert snapshot(db) == before


def test_cancel_an_open_order_and_not_twice(db: Database, till: Till) -> None:
    number = till.create_order(supplier(db), [OrderLine(OIL, "40")])
    till.cancel_order(number, "harga naik")
    assert till.order(number).status == OrderStatus.CANCELLED
    with pytest.raises(GeraiError) as caught:
        till.cancel_order(number)
    assert caught.value.key == "po.not_open"
    assert "dibatalkan" in caught.value.message()
    with pytest.raises(GeraiError) as unknown:
        till.cancel_order("K1-20251130-PO999")
    assert unknown.value.key == "po.unknown"
    with db.read() as session:
        assert check_seals(session) is None


def test_receiving_against_an_order_follows_its_status(db: Database, till: Till) -> None:
    bulog = supplier(db)
    number = till.create_order(
        bulog, [OrderLine(OIL, "2", "karton=40", "560000"), OrderLine(SUGAR, "10")]
    )
    stock = product(db, OIL).stock
    result, status = till.receive_order(
        number, "SJ-1", [ReceiveLine(OIL, "1", "560000", pack="karton=40")], None
    )
    assert status == OrderStatus.PARTLY_RECEIVED
    assert product(db, OIL).stock == stock + 40
    order = till.order(number)
    assert [(line.code, line.received, line.open) for line in order.lines] == [
        (OIL, 40, 40),
        (SUGAR, 0, 10),
    ]
    assert order.receipts == (result.number,)
    _, status = till.receive_order(
        number,
        "SJ-2",
        [ReceiveLine(OIL, "40", "14000"), ReceiveLine(SUGAR, "10", "15000")],
        None,
    )
    assert status == OrderStatus.RECEIVED
    with pytest.raises(GeraiError) as caught:  # nothing more to receive on it
        till.receive_order(number, "SJ-3", [ReceiveLine(OIL, "1", "14000")], None)
    assert caught.value.key == "po.not_open"
    with db.read() as session:
        assert check_seals(session) is None


def test_more_than_ordered_needs_a_reason(db: Database, till: Till) -> None:
    number = till.create_order(supplier(db), [OrderLine(OIL, "40")])
    before = snapshot(db)
    lines = [ReceiveLine(OIL, "48", "14000"), ReceiveLine(FLOUR, "5", "9000")]
    with pytest.raises(GeraiError) as caught:
        till.receive_order(number, "SJ-1", lines, None)
    assert caught.value.key == "po.over_needs_reason"
    assert caught.value.params["products"] == f"{OIL}, {FLOUR}"
    assert snapshot(db) == before  # the goods receipt rolled back with it
    _, status = till.receive_order(number, "SJ-1", lines, None, over_reason="bonus 1 dus")
    assert status == OrderStatus.RECEIVED
    assert raw(db, "SELECT over_reason FROM purchaseorderreceipt") == [("bonus 1 dus",)]
    detail = raw(db, "SELECT detail FROM auditrecord WHERE kind = :k", k=AuditKind.PO_RECEIVED)
    assert "bonus 1 dus" in detail[0][0]


def test_a_receipt_from_another_supplier_is_refused(db: Database, till: Till) -> None:
    number = till.create_order(supplier(db), [OrderLine(OIL, "40")])
    supplier(db, "Toko Grosir Sinar")
    before = snapshot(db)
    with db.write() as session:  # the order's supplier is taken by the till: check the rule
        from gerai.services.stock.purchase_orders import receive_against
        from gerai.services.stock.receiving import receive_goods

        other = raw(db, "SELECT id FROM supplier WHERE name = 'Toko Grosir Sinar'")[0][0]
        result = receive_goods(
            session, other, "X", [ReceiveLine(OIL, "1", "1")], actor=OWNER, at=NOW,
        )  # fmt: skip
        with pytest.raises(GeraiError) as caught:
            receive_against(session, number, result.id, actor=OWNER, at=NOW)
        session.rollback()
    assert caught.value.key == "po.other_supplier"
    assert snapshot(db) == before


def test_from_the_reorder_suggestions_one_order_per_supplier(
    db: Database, shop: ShopProfile, till: Till
) -> None:
    history(db, shop, NOW)  # MYK-1L from Bulog: 2 karton of 40 suggested; GLA-KG: no supplier
    numbers = till.orders_from_reorder(28, 10, 4)
    assert numbers == ["K1-20251130-PO001"]
    order = till.order(numbers[0])
    assert order.supplier == BULOG
    [oil] = order.lines
    assert (oil.code, oil.pack, oil.factor, oil.qty, oil.unit_cost) == (
        OIL,
        "karton",
        40,
        80,
        560_000,
    )
    with db.read() as session:
        assert on_order(session, [product(db, OIL).id]) == {product(db, OIL).id: 80}
    with pytest.raises(GeraiError) as caught:  # now on order: nothing left to suggest
        till.orders_from_reorder(28, 10, 4)
    assert caught.value.key == "po.nothing_to_order"


def test_status_of_lines() -> None:
    one, two = Decimal(1), Decimal(2)
    assert status_of([(two, Decimal(0)), (one, Decimal(0))]) == OrderStatus.OPEN
    assert status_of([(two, one), (one, Decimal(0))]) == OrderStatus.PARTLY_RECEIVED
    assert status_of([(two, two), (one, Decimal(0))]) == OrderStatus.PARTLY_RECEIVED
    assert status_of([(two, two), (one, two)]) == OrderStatus.RECEIVED


@pytest.fixture
def template(catalogue_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The catalogue with a supplier, copied for every example."""
    path = tmp_path_factory.mktemp("po-props") / "template.db"
    copy_database(catalogue_file, path)
    supplier(Database(f"sqlite:///{path}"), BULOG)
    return path


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    ordered=st.lists(st.integers(1, 60), min_size=1, max_size=3),
    deliveries=st.lists(
        st.lists(st.tuples(st.integers(0, 2), st.integers(1, 50)), min_size=1, max_size=3),
        max_size=4,
    ),
)
def test_ordered_received_and_open_reconcile(
    template: Path, tmp_path: Path, ordered: list[int], deliveries: list[list[tuple[int, int]]]
) -> None:
    """For any order and any deliveries against it, a delivery is refused without a reason
    exactly when it takes more than ordered; each line's received is what the receipts
    brought, open is ordered less received (never below 0), on order is the open quantities
    while the order is pending, and the status follows."""
    path = tmp_path / f"po-{uuid4().hex}.db"
    copy_database(template, path)
    db = Database(f"sqlite:///{path}")
    till = make_till(db)
    codes = [OIL, FLOUR, "MYK-1L-DUS"][: len(ordered)]
    wanted = dict(zip(codes, ordered, strict=True))
    bulog = raw(db, "SELECT id FROM supplier")[0][0]
    number = till.create_order(bulog, [OrderLine(c, str(q)) for c, q in wanted.items()])
    brought: dict[str, int] = dict.fromkeys([OIL, FLOUR, "MYK-1L-DUS"], 0)
    for delivery in deliveries:
        if till.order(number).status == OrderStatus.RECEIVED:
            with pytest.raises(GeraiError):
                till.receive_order(number, "", [ReceiveLine(OIL, "1", "1000")], None)
            break
        merged: dict[str, int] = {}
        for index, qty in delivery:
            code = [OIL, FLOUR, "MYK-1L-DUS"][index]
            merged[code] = merged.get(code, 0) + qty
        lines = [ReceiveLine(code, str(qty), "1000") for code, qty in merged.items()]
        over = any(brought[c] + q > wanted.get(c, 0) for c, q in merged.items())
        try:
            till.receive_order(number, "", lines, None)
            assert not over
        except GeraiError as error:
            assert over and error.key == "po.over_needs_reason"
            till.receive_order(number, "", lines, None, over_reason="lebih")
        for code, qty in merged.items():
            brought[code] += qty
    order = till.order(number)
    assert [line.code for line in order.lines] == codes
    for line in order.lines:
        assert line.qty == wanted[line.code]
        assert line.received == brought[line.code]
        assert line.open == max(line.qty - line.received, 0)
    assert order.status == status_of((line.qty, line.received) for line in order.lines)
    with db.read() as session:
        waiting = on_order(session, [line.product_id for line in order.lines])
        assert check_seals(session) is None
    expected = {line.product_id: line.open for line in order.lines if line.open}
    assert {pid: q for pid, q in waiting.items() if q} == expected
    db.dispose()
