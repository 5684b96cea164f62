"""Expiry dates and batches (issue 17): a dated product's stock is kept per batch, received
with expiry dates, sold first-expiry-first (or from the batch scanned), returned into the batch
it came from, written off from the batch picked, repacked keeping its dates; a sale that would
take expired goods needs a supervisor; the batches always add up to the stock."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from click.testing import CliRunner

from gerai.cli import main
from gerai.core.errors import GeraiError
from gerai.db import Database
from gerai.services.audit.trail import DocumentBreak
from gerai.services.audit.verify import verify
from gerai.services.sale.cart import Cart
from gerai.services.sale.checkout import SaleResult, Tender, checkout
from gerai.services.sale.returns import return_items
from gerai.services.sale.voids import void_sale
from gerai.services.shop.profile import load_shop
from gerai.services.stock.batches import BatchInfo, batch_check, batches, set_dated
from gerai.services.stock.catalog import find_by_code
from gerai.services.stock.count import confirm_count, write_off
from gerai.services.stock.ledger import stock_check
from gerai.services.stock.receiving import ReceiveLine, receive_goods
from gerai.services.stock.repack import repack
from tests.conftest import CASHIER, NOW, OWNER, TREASURER_PIN, raw, tamper
from tests.stock_helpers import snapshot, stock, supplier

MILK = "MYK-1L"  # stands for any dated product: 144 pcs in the demo catalogue
TODAY = date(2025, 11, 30)  # NOW's business day


def mark(db: Database, code: str = MILK) -> int:
    with db.write() as session:
        product = find_by_code(session, code)
        assert product is not None
        set_dated(session, product.id, True, actor=OWNER, at=NOW)
        return product.id


def receive(db: Database, *lines: ReceiveLine, past_ok: bool = False) -> str:
    supplier_id = supplier(db) if not raw(db, "SELECT id FROM supplier") else 1
    with db.write() as session:
        return receive_goods(
            session, supplier_id, "", list(lines), actor=OWNER, at=NOW,
            past_expiry_ok=past_ok,
        ).number  # fmt: skip


def sell(
    db: Database,
    code: str,
    qty: Any,
    *,
    batch: int | None = None,
    approval: Any = None,
    expired_ok: bool = False,
) -> SaleResult:
    with db.write() as session:
        shop = load_shop(session)
        product = find_by_code(session, code)
        assert product is not None
        cart = Cart(global_discount_bp=shop.member_discount_bp)
        cart.add(product, Decimal(qty))
        return checkout(
            session, cart, [Tender("tunai")], till="K1", actor=CASHIER, now=NOW,
            batches={product.id: batch} if batch else None, approval=approval,
            expired_ok=expired_ok,
        )  # fmt: skip


def held(db: Database, product_id: int) -> list[tuple[date | None, str, Decimal]]:
    with db.read() as session:
        return [(b.expiry, b.batch, b.qty) for b in batches(session, product_id)]


def proved(db: Database) -> None:
    with db.read() as session:
        assert stock_check(session) == []
        assert batch_check(session) == []


def day(n: int) -> date:
    return TODAY + timedelta(days=n)


def test_marking_a_product_dated_keeps_its_stock_as_a_batch_without_a_date(db: Database) -> None:
    product_id = mark(db)
    assert held(db, product_id) == [(None, "", Decimal(144))]
    proved(db)


def test_receiving_asks_each_line_its_expiry_and_keeps_stock_per_batch(db: Database) -> None:
    product_id = mark(db)
    receive(
        db,
        ReceiveLine(MILK, 10, 14_500, expiry="2025-12-20", batch="L2012"),
        ReceiveLine(MILK, 5, 14_500, expiry="10/12/2025"),
        ReceiveLine(MILK, 2, 14_500, expiry=day(10), batch="L2012"),  # 2025-12-10, another code
    )
    assert held(db, product_id) == [
        (day(10), "", Decimal(5)),
        (day(10), "L2012", Decimal(2)),
        (day(20), "L2012", Decimal(10)),
        (None, "", Decimal(144)),
    ]
    assert stock(db, MILK) == 161
    proved(db)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (ReceiveLine(MILK, 1, 14_500), "receive.expiry_required"),
        (ReceiveLine(MILK, 1, 14_500, expiry="besok"), "batch.bad_expiry"),
        (ReceiveLine(MILK, 1, 14_500, expiry="31/02/2026"), "batch.bad_expiry"),
        (ReceiveLine(MILK, 1, 14_500, expiry="2025-11-29"), "receive.expiry_past"),
        (ReceiveLine(MILK, 1, 14_500, expiry="2026-01-01", batch="L 1"), "batch.code_spaces"),
        (ReceiveLine(MILK, 1, 14_500, expiry="2026-01-01", batch="L" * 41), "batch.code_too_long"),
        (ReceiveLine("MYK-2L", 1, 29_000, expiry="2026-01-01"), "receive.not_dated"),
    ],
)
def test_a_bad_expiry_refuses_the_whole_receipt(
    db: Database, line: ReceiveLine, problem: str
) -> None:
    mark(db)
    supplier(db)
    before = snapshot(db)
    with pytest.raises(GeraiError) as refused:
        receive(db, ReceiveLine(MILK, 3, 14_500, expiry="2026-01-01"), line)
    assert refused.value.key == "receive.line_problem"
    assert refused.value.params["problem"].key == problem
    assert snapshot(db) == before


def test_an_expiry_date_in_the_past_is_received_once_the_person_says_so(db: Database) -> None:
    product_id = mark(db)
    receive(db, ReceiveLine(MILK, 4, 14_500, expiry=day(-1)), past_ok=True)
    assert (day(-1), "", Decimal(4)) in held(db, product_id)
    proved(db)


def test_a_sale_takes_the_batch_that_expires_first_unless_one_is_scanned(db: Database) -> None:
    product_id = mark(db)
    receive(
        db,
        ReceiveLine(MILK, 10, 14_500, expiry=day(20), batch="LATE"),
        ReceiveLine(MILK, 10, 14_500, expiry=day(5), batch="EARLY"),
    )
    sell(db, MILK, 12)  # all 10 of EARLY, then 2 of LATE; the undated 144 last
    assert held(db, product_id) == [(day(20), "LATE", Decimal(8)), (None, "", Decimal(144))]
    with db.read() as session:
        undated = next(b for b in batches(session, product_id) if b.expiry is None)
    sell(db, MILK, 3, batch=undated.id)  # the kasir scanned the undated batch
    assert held(db, product_id) == [(day(20), "LATE", Decimal(8)), (None, "", Decimal(141))]
    proved(db)


def test_returns_and_voids_put_goods_back_into_the_batches_they_came_from(db: Database) -> None:
    product_id = mark(db)
    receive(
        db,
        ReceiveLine(MILK, 2, 14_500, expiry=day(3), batch="A"),
        ReceiveLine(MILK, 5, 14_500, expiry=day(9), batch="B"),
    )
    sold = sell(db, MILK, 4)  # 2 of A, 2 of B
    assert held(db, product_id) == [(day(9), "B", Decimal(3)), (None, "", Decimal(144))]
    with db.write() as session:
        return_items(
            session, CASHIER, sold.receipt_no, [(1, 3, False)], "salah beli", "tunai",
            approval=TREASURER_PIN, now=NOW, till="K1",
        )  # fmt: skip
    assert held(db, product_id) == [
        (day(3), "A", Decimal(2)),
        (day(9), "B", Decimal(4)),
        (None, "", Decimal(144)),
    ]
    again = sell(db, MILK, 3)  # 2 of A, 1 of B
    with db.write() as session:
        void_sale(session, CASHIER, again.receipt_no, "batal", approval=TREASURER_PIN, now=NOW,
                  till="K1")  # fmt: skip
    assert held(db, product_id) == [
        (day(3), "A", Decimal(2)),
        (day(9), "B", Decimal(4)),
        (None, "", Decimal(144)),
    ]
    proved(db)


def test_a_damaged_return_is_written_off_from_the_batch_it_went_back_to(db: Database) -> None:
    product_id = mark(db)
    receive(db, ReceiveLine(MILK, 2, 14_500, expiry=day(3), batch="A"))
    sold = sell(db, MILK, 2)
    with db.write() as session:
        return_items(
            session, CASHIER, sold.receipt_no, [(1, 1, True)], "bocor", "tunai",
            approval=TREASURER_PIN, now=NOW, till="K1",
        )  # fmt: skip
    assert held(db, product_id) == [(None, "", Decimal(144))]
    proved(db)


def expire_everything(db: Database) -> int:
    """MYK-1L with its only stock, 6 pcs, past its date."""
    product_id = mark(db)
    receive(db, ReceiveLine(MILK, 6, 14_500, expiry=day(-2)), past_ok=True)
    with db.write() as session:
        undated = next(b for b in batches(session, product_id) if b.expiry is None)
        write_off(session, MILK, 144, "hilang", actor=OWNER, at=NOW, shop=load_shop(session),
                  batch_id=undated.id)  # fmt: skip
    assert held(db, product_id) == [(day(-2), "", Decimal(6))]
    return product_id


def test_a_sale_of_expired_goods_is_refused_unless_a_supervisor_allows_it(db: Database) -> None:
    product_id = expire_everything(db)
    before = snapshot(db)
    with pytest.raises(GeraiError) as refused:
        sell(db, MILK, 1)
    assert refused.value.key == "sale.expired"
    assert snapshot(db) == before
    with pytest.raises(GeraiError) as unasked:  # allowed, but no supervisor said so
        sell(db, MILK, 1, expired_ok=True)
    assert unasked.value.key == "auth.not_allowed"
    assert snapshot(db)["products"] == before["products"]
    sell(db, MILK, 1, approval=TREASURER_PIN, expired_ok=True)
    assert held(db, product_id) == [(day(-2), "", Decimal(5))]
    proved(db)


def test_fresh_stock_is_sold_before_expired_stock_without_asking(db: Database) -> None:
    product_id = expire_everything(db)
    receive(db, ReceiveLine(MILK, 3, 14_500, expiry=day(4)))
    sell(db, MILK, 3)  # the fresh batch, though the expired one expires first
    assert held(db, product_id) == [(day(-2), "", Decimal(6))]
    with pytest.raises(GeraiError) as refused:
        sell(db, MILK, 1)
    assert refused.value.key == "sale.expired"


def test_a_write_off_of_expired_goods_takes_the_batch_picked(db: Database) -> None:
    product_id = mark(db)
    receive(
        db,
        ReceiveLine(MILK, 4, 14_500, expiry=day(-1), batch="OLD"),
        ReceiveLine(MILK, 4, 14_500, expiry=day(8), batch="NEW"),
        past_ok=True,
    )
    with db.read() as session:
        old = next(b for b in batches(session, product_id) if b.batch == "OLD")
    with db.write() as session:
        write_off(session, MILK, 3, "kedaluwarsa", actor=OWNER, at=NOW,
                  shop=load_shop(session), batch_id=old.id)  # fmt: skip
    assert held(db, product_id)[:2] == [(day(-1), "OLD", Decimal(1)), (day(8), "NEW", Decimal(4))]
    with pytest.raises(GeraiError) as short, db.write() as session:
        write_off(session, MILK, 2, "kedaluwarsa", actor=OWNER, at=NOW,
                  shop=load_shop(session), batch_id=old.id)  # fmt: skip
    assert short.value.key == "batch.short"
    proved(db)


def test_a_count_takes_missing_goods_first_expiry_first_and_adds_found_goods_undated(
    db: Database,
) -> None:
    product_id = mark(db)
    receive(db, ReceiveLine(MILK, 4, 14_500, expiry=day(2)))
    with db.write() as session:
        confirm_count(session, [(MILK, 146)], "hitung", "rak", actor=OWNER, at=NOW,
                      shop=load_shop(session))  # fmt: skip
    assert held(db, product_id) == [(day(2), "", Decimal(2)), (None, "", Decimal(144))]
    with db.write() as session:
        confirm_count(session, [(MILK, 148)], "ketemu", "rak", actor=OWNER, at=NOW,
                      shop=load_shop(session))  # fmt: skip
    assert held(db, product_id) == [(day(2), "", Decimal(2)), (None, "", Decimal(146))]
    proved(db)


def test_a_repack_keeps_the_expiry_dates_of_the_sacks_it_opened(db: Database) -> None:
    sack_id, loose_id = mark(db, "BRS-MED10"), mark(db, "BRS-MED-KG")
    receive(db, ReceiveLine("BRS-MED10", 1, 123_000, expiry=day(90), batch="G1"))
    with db.write() as session:  # 20 sacks undated come first? no: dated ones first
        repack(session, "BRS-MED10", 2, "BRS-MED-KG", 10, Decimal("19.5"), actor=OWNER, at=NOW,
               shop=load_shop(session))  # fmt: skip
    assert held(db, sack_id) == [(None, "", Decimal(19))]
    assert held(db, loose_id) == [
        (day(90), "G1", Decimal("9.5")),  # the shrinkage came out of what was just made
        (None, "", Decimal(210)),
    ]
    proved(db)


def test_expiring_lists_batches_with_their_value_at_cost(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("gerai.cli.common.now_utc", lambda: NOW)
    product_id = mark(db)
    receive(
        db,
        ReceiveLine(MILK, 4, 14_000, expiry=day(3), batch="A"),
        ReceiveLine(MILK, 4, 14_000, expiry=day(30), batch="B"),
    )
    runner = CliRunner()
    result = runner.invoke(main, ["--db", db.url, "stock", "expiring", "--days", "7"])
    assert result.exit_code == 0, result.output
    assert "MYK-1L" in result.output and " A:" in result.output and " B:" not in result.output
    cost = find_cost(db)
    assert f"Rp{4 * cost:,}".replace(",", ".") in result.output
    as_json = runner.invoke(
        main, ["--db", db.url, "stock", "expiring", "--days", "30", "--format", "json"]
    )
    rows = json.loads(as_json.output)
    assert [(r["batch"], r["qty"], r["value"]) for r in rows] == [
        ("A", "4", 4 * cost),
        ("B", "4", 4 * cost),
    ]
    with db.read() as session:
        assert all(isinstance(b, BatchInfo) for b in batches(session, product_id))


def find_cost(db: Database) -> int:
    with db.read() as session:
        product = find_by_code(session, MILK)
        assert product is not None
        return product.cost


def test_stock_check_proves_the_batches_and_audit_verify_seals_them(db: Database) -> None:
    product_id = mark(db)
    receive(db, ReceiveLine(MILK, 4, 14_500, expiry=day(3), batch="A"))
    sell(db, MILK, 1)
    runner = CliRunner()
    ok = runner.invoke(main, ["--db", db.url, "stock", "check"])
    assert ok.exit_code == 0, ok.output
    with db.read() as session:
        assert verify(session).intact
    batch_id = raw(db, "SELECT id FROM stockbatch WHERE code = 'A'")[0][0]
    tamper(db, f"UPDATE stockbatch SET qty = qty + 1000 WHERE id = {batch_id}")
    bad = runner.invoke(main, ["--db", db.url, "stock", "check"])
    assert bad.exit_code == 1
    assert "MYK-1L" in bad.output
    tamper(
        db,
        f"UPDATE stockbatch SET qty = qty - 1000 WHERE id = {batch_id}",
        f"UPDATE stockbatch SET expiry = '2026-06-30' WHERE id = {batch_id}",
    )
    assert runner.invoke(main, ["--db", db.url, "stock", "check"]).exit_code == 0
    with db.read() as session:
        report = verify(session)
    assert isinstance(report.broken, DocumentBreak)
    assert report.broken.ref == f"stockbatch#{batch_id}"
    assert product_id


def test_the_dated_command_marks_and_unmarks(db: Database) -> None:
    runner = CliRunner()
    on = runner.invoke(main, ["--db", db.url, "stock", "dated", MILK])
    assert on.exit_code == 0, on.output
    assert raw(db, "SELECT count(*) FROM datedproduct") == [(1,)]
    off = runner.invoke(main, ["--db", db.url, "stock", "dated", MILK, "--off"])
    assert off.exit_code == 0, off.output
    assert raw(db, "SELECT count(*) FROM datedproduct") == [(0,)]
    assert raw(db, "SELECT sum(qty) FROM stockbatch") == [(0,)]
    proved(db)
    with db.read() as session:
        assert verify(session).intact


def test_a_batch_code_names_a_product_only_when_one_product_has_it(db: Database) -> None:
    from gerai.services.stock.batches import scanned_batch

    milk = mark(db)
    oil = mark(db, "MYK-2L")
    receive(
        db,
        ReceiveLine(MILK, 1, 14_500, expiry=day(5), batch="ONLY"),
        ReceiveLine(MILK, 1, 14_500, expiry=day(5), batch="BOTH"),
        ReceiveLine("MYK-2L", 1, 29_000, expiry=day(5), batch="BOTH"),
    )
    with db.read() as session:
        only = scanned_batch(session, "ONLY")
        assert only is not None and only[0] == milk
        assert scanned_batch(session, "BOTH") is None  # two products: not a scan
        assert scanned_batch(session, "NONE") is None
        assert scanned_batch(session, "A B") is None
    assert oil


def test_a_catalogue_import_that_changes_a_dated_products_stock_moves_its_batches(
    db: Database,
) -> None:
    from gerai.services.stock.import_export import (
        PRODUCT_COLUMNS,
        export_products,
        import_products,
    )
    from gerai.tabular import Table

    product_id = mark(db)
    receive(db, ReceiveLine(MILK, 4, 14_500, expiry=day(2)))
    for new_stock, expected in (
        (150, [(day(2), "", Decimal(4)), (None, "", Decimal(146))]),
        (2, [(None, "", Decimal(2))]),  # less: taken first-expiry-first, as a count takes
    ):
        with db.read() as session:
            rows = export_products(session)
        for row in rows:
            if row["code"] == MILK:
                row["stock"] = new_stock
        with db.write() as session:
            import_products(
                session, Table(PRODUCT_COLUMNS, rows, list(range(2, len(rows) + 2))), NOW,
                actor=OWNER,
            )  # fmt: skip
        assert held(db, product_id) == expected
        proved(db)
