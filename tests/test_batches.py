"""Expiry dates and batches (issue 17): a dated product's stock is kept per batch, received
with expiry dates, sold first-expiry-first (or from the batch scanned), returned into the batch
it came from, written off from the batch picked, repacked keeping its dates; a sale that would
take expired goods needs a supervisor; the batches always add up to the stock."""

from __future__ import annotations

import json
import subprocess
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest.mock import ANY

import pytest
from click.testing import CliRunner

from gerai.cli import main
from gerai.core.errors import GeraiError
from gerai.core.words import AuditKind
from gerai.db import Database
from gerai.exports.stock_card import card_rows
from gerai.services.audit import sale_digest, trail
from gerai.services.audit.trail import DocumentBreak
from gerai.services.audit.verify import verify
from gerai.services.sale.cart import Cart
from gerai.services.sale.checkout import SaleResult, Tender, checkout
from gerai.services.sale.returns import return_items
from gerai.services.sale.voids import void_sale
from gerai.services.shop.profile import load_shop
from gerai.services.stock.batches import BatchInfo, batch_check, batches, set_dated
from gerai.services.stock.card import stock_card
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


def rewrite_approver(db: Database, receipt: str, approver: str) -> None:
    """Name another approver on the sale's `expired_approved` record and hash the chain again
    from there on, as a forger who knows the algorithm would."""
    with db.read() as session:
        records = list(trail.rows(session))
    statements, prev = [], ""
    for row in records:
        actor = row.actor
        if row.kind == AuditKind.EXPIRED_APPROVED and row.ref == receipt:
            actor = approver
            statements.append(f"UPDATE auditrecord SET actor = '{approver}' WHERE seq = {row.seq}")
        digest = trail.chain_hash(prev, row.seq, row.created_at, actor, row.kind, row.ref,
                                  row.detail)  # fmt: skip
        statements.append(
            f"UPDATE auditrecord SET prev_hash = '{prev}', hash = '{digest}' WHERE seq = {row.seq}"
        )
        prev = digest
    tamper(db, *statements, f"UPDATE audithead SET last_hash = '{prev}'")


def test_the_supervisor_who_allowed_an_expired_sale_is_recorded_with_it(db: Database) -> None:
    expire_everything(db)
    sold = sell(db, MILK, 2, approval=TREASURER_PIN, expired_ok=True)
    name = raw(db, "SELECT name FROM product WHERE code = :code", code=MILK)[0][0]
    approvals = raw(
        db, "SELECT actor, ref, detail FROM auditrecord WHERE kind = :kind",
        kind=AuditKind.EXPIRED_APPROVED,
    )  # fmt: skip
    assert [(actor, ref) for actor, ref, _ in approvals] == [("bendahara", sold.receipt_no)]
    assert json.loads(approvals[0][2]) == {
        "till": "K1", "kasir": "kasir", "products": [{"name": name, "qty": "2"}],
    }  # fmt: skip
    sale_record = raw(
        db, "SELECT detail FROM auditrecord WHERE kind = 'sale' AND ref = :ref",
        ref=sold.receipt_no,
    )  # fmt: skip
    assert json.loads(sale_record[0][0])["v"] == 4
    with db.read() as session:
        assert verify(session).intact
    rewrite_approver(db, sold.receipt_no, "admin")
    with db.read() as session:
        report = verify(session)
    assert report.broken == DocumentBreak("audit.sale_changed", sold.receipt_no, ANY)
    rewrite_approver(db, sold.receipt_no, "bendahara")
    with db.read() as session:
        assert verify(session).intact


def test_an_expired_sale_recorded_as_version_3_still_verifies(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sale recorded before the approver entered the digest (version 3) is checked as it
    was written, though it has an approval record."""

    def version_3(session: Any, sale: Any, lines: Any, payments: Any, details: Any,
                  references: Any = None, expired_by: Any = None) -> int:  # fmt: skip
        digest = sale_digest.sale_digest(sale, lines, payments, details, 3, references)
        return trail.record(
            session, kind=AuditKind.SALE, actor=sale["cashier"], at=sale["created_at"],
            ref=sale["receipt_no"],
            detail={"receipt": sale["receipt_no"], "total": sale["total"], "digest": digest,
                    "v": 3},
        )  # fmt: skip

    expire_everything(db)
    monkeypatch.setattr("gerai.services.sale.checkout.record_sale", version_3)
    old = sell(db, MILK, 1, approval=TREASURER_PIN, expired_ok=True).receipt_no
    with db.read() as session:
        assert verify(session).intact
    tamper(db, f"UPDATE sale SET total = 1 WHERE receipt_no = '{old}'")
    with db.read() as session:
        assert verify(session).broken == DocumentBreak("audit.sale_changed", old, ANY)


def test_a_sale_that_takes_no_expired_goods_records_no_approver(db: Database) -> None:
    mark(db)
    sell(db, MILK, 1, approval=TREASURER_PIN, expired_ok=True)
    assert raw(db, "SELECT count(*) FROM auditrecord WHERE kind = 'expired_approved'") == [(0,)]
    with db.read() as session:
        assert verify(session).intact


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


def test_a_count_per_batch_books_each_difference_to_its_batch(db: Database) -> None:
    product_id = mark(db)
    receive(db, ReceiveLine(MILK, 4, 14_500, expiry=day(2), batch="A"),
            ReceiveLine(MILK, 4, 14_500, expiry=day(9), batch="B"))  # fmt: skip
    ids = {b.batch: b.id for b in batches_of(db, product_id)}
    with db.write() as session:  # 1 of A is gone, 1 more of B was found: the stock is the same
        result = confirm_count(session, [(MILK, {ids["A"]: 3, ids["B"]: 5})], "hitung", "rak",
                               actor=OWNER, at=NOW, shop=load_shop(session))  # fmt: skip
    assert result.differences == 1
    assert held(db, product_id) == [
        (day(2), "A", Decimal(3)), (day(9), "B", Decimal(5)), (None, "", Decimal(144)),
    ]  # fmt: skip
    assert stock(db, MILK) == Decimal(152)
    assert raw(db, "SELECT batch_id, qty, kind, ref FROM batchmovement WHERE ref = :r"
               " ORDER BY batch_id", r=result.number) == [
        (ids["A"], -1000, "opname", result.number), (ids["B"], 1000, "opname", result.number),
    ]  # fmt: skip
    with db.write() as session:  # the undated batch counted 140: 4 missing from it alone
        confirm_count(session, [(MILK, {ids[""]: 140})], "hilang", "rak", actor=OWNER, at=NOW,
                      shop=load_shop(session))  # fmt: skip
    assert held(db, product_id)[-1] == (None, "", Decimal(140))
    assert stock(db, MILK) == Decimal(148)
    proved(db)
    with db.read() as session:
        assert verify(session).intact


def test_a_count_per_batch_refuses_an_undated_product_and_a_foreign_batch(db: Database) -> None:
    product_id = mark(db)
    before = snapshot(db)
    batch_id = held_ids(db, product_id)[0]
    for code, counted, key in (
        ("BRS-MED10", {batch_id: 1}, "count.not_dated"),
        (MILK, {batch_id + 1000: 1}, "batch.not_found"),
        (MILK, {batch_id: "-1"}, "count.line_problem"),
    ):
        with pytest.raises(GeraiError) as refused, db.write() as session:
            confirm_count(session, [(code, counted)], "hitung", "rak", actor=OWNER, at=NOW,
                          shop=load_shop(session))  # fmt: skip
        assert refused.value.key == "count.line_problem"
        assert key in (refused.value.key, refused.value.params["problem"].key)
    assert snapshot(db) == before


def batches_of(db: Database, product_id: int) -> list[BatchInfo]:
    with db.read() as session:
        return batches(session, product_id)


def held_ids(db: Database, product_id: int) -> list[int]:
    return [b.id for b in batches_of(db, product_id)]


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
    monkeypatch.setattr("gerai.models.utcnow", lambda: NOW)  # read at each call: no leak
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


def test_a_dated_products_opening_stock_from_the_catalogue_import_goes_to_a_batch(
    db: Database,
) -> None:
    from gerai.services.stock.import_export import PRODUCT_COLUMNS, export_products
    from gerai.services.stock.import_export import import_products as load
    from gerai.tabular import Table

    def imported(stock: str) -> None:
        with db.read() as session:
            [row] = [r for r in export_products(session) if r["code"] == MILK]
        row |= {"code": "SUSU-UJI", "barcodes": [], "stock": stock}
        with db.write() as session:
            load(session, Table(PRODUCT_COLUMNS, [row], [2]), NOW, actor=OWNER)

    imported("")  # a new product without opening stock: no movement yet
    product_id = mark(db, "SUSU-UJI")
    imported("6")
    assert held(db, product_id) == [(None, "", Decimal(6))]
    assert raw(db, "SELECT kind, ref, qty FROM batchmovement WHERE ref LIKE 'SA-%'") == [
        ("opening", "SA-20251130-002", 6_000)
    ]
    proved(db)


def test_the_stock_card_of_a_dated_product_shows_each_movements_batches(
    db: Database, tmp_path: Path
) -> None:
    product_id = mark(db)
    receive(db, ReceiveLine(MILK, 4, 14_500, expiry=day(2), batch="A"),
            ReceiveLine(MILK, 4, 14_500, expiry=day(9), batch="B"))  # fmt: skip
    sold = sell(db, MILK, 5)  # all of A, then one of B
    with db.read() as session:
        card = stock_card(session, product_id)
        shop = load_shop(session)
    assert card.dated and card.columns[5] == "batch"
    parts = [(line.qty, [(b.expiry, b.code, b.qty) for b in line.batches]) for line in card.lines]
    assert parts == [
        (144, []),  # the catalogue's stock came before the product was dated
        (4, [(day(2), "A", 4)]),
        (4, [(day(9), "B", 4)]),
        (-5, [(day(2), "A", -4), (day(9), "B", -1)]),
    ]  # fmt: skip
    rows = card_rows(card, shop)
    assert [row["batch"] for row in rows] == [
        "", "ED 02-12-2025 A", "ED 09-12-2025 B", "ED 02-12-2025 A 4 pcs; ED 09-12-2025 B 1 pcs",
    ]  # fmt: skip
    assert rows[3]["ref"] == sold.receipt_no
    result = CliRunner().invoke(main, ["--db", db.url, "--lang", "id", "stock", "card", MILK])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "Tanggal,Waktu,Jenis,Referensi,Keterangan,Batch (ED),Masuk,Keluar,Saldo\n"
    )
    assert ",ED 09-12-2025 B,4,," in result.output
    pdf = tmp_path / "kartu.pdf"
    made = CliRunner().invoke(
        main, ["--db", db.url, "stock", "card", MILK, "--format", "pdf", "--output", str(pdf)]
    )
    assert made.exit_code == 0, made.output
    shown = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout  # fmt: skip
    assert "Batch (ED)" in shown and "ED 09-12-2025 B" in shown
    with db.read() as session:  # an undated product's card is as before
        plain = stock_card(session, find_by_code(session, "KRS-PAK").id)  # type: ignore[union-attr]
    assert not plain.dated and "batch" not in plain.columns
