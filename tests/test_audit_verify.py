"""`gerai audit verify`: the chain and every sale against its record. Tampering straight in
the SQLite file (a sale total or line edited, a sale deleted or slipped in, an audit row edited,
deleted or reordered) is caught and named; an untouched shop verifies whatever it sold."""

from __future__ import annotations

import os
from datetime import timedelta
from decimal import Decimal

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gerai.cli import main
from gerai.db import Database
from gerai.services.audit import verify as audit_verify
from gerai.services.audit.trail import ChainBreak, DocumentBreak
from gerai.services.audit.verify import Verification, verify
from gerai.services.members.lookup import find_member
from gerai.services.sale.cart import Cart
from gerai.services.sale.checkout import SaleResult, Tender, checkout
from gerai.services.sale.voids import void_sale
from gerai.services.shop.profile import load_shop
from gerai.services.stock.catalog import find_by_code
from tests.conftest import CASHIER, NOW, TREASURER, copy_database, raw, tamper

PRODUCTS = ["MYK-1L", "GLA-KG", "IDM-GRG", "AQA-600", "TLR-KG", "BRS-MED-KG"]


def sell(
    db: Database, items: list[tuple[str, str]], member: bool = False, qris: bool = False
) -> SaleResult:
    with db.write() as session:
        shop = load_shop(session)
        cart = Cart(global_discount_bp=shop.member_discount_bp)
        if member:
            found = find_member(session, "KKMP-0003")
            assert found is not None
            cart.attach_member(found)
        for code, qty in items:
            product = find_by_code(session, code)
            assert product is not None
            cart.add(product, Decimal(qty))
        tenders = [Tender("qris", 10_000), Tender("tunai", 200_000)] if qris else [Tender("tunai")]
        return checkout(session, cart, tenders, till="K1", actor=CASHIER, now=NOW)


@pytest.fixture
def sold(db: Database) -> Database:
    """Three sales on K1: cash, a member's, one paid partly by QRIS."""
    sell(db, [("MYK-1L", "2"), ("GLA-KG", "1.5")])
    sell(db, [("IDM-GRG", "5")], member=True)
    sell(db, [("AQA-600", "3"), ("TLR-KG", "0.75")], qris=True)
    return db


def checked(db: Database) -> Verification:
    with db.read() as session:
        return verify(session)


def test_an_untouched_shop_verifies(sold: Database) -> None:
    result = checked(sold)
    assert result.intact and result.problem() is None
    assert result.records >= 3 + 3 + 2  # demo users, shifts K1 and K2, three sales


SALE_1 = "K1-20251130-0001"


@pytest.mark.parametrize(
    ("statements", "expected"),
    [
        (  # a total lowered
            ["UPDATE sale SET total = total - 1000 WHERE receipt_no = 'K1-20251130-0002'"],
            DocumentBreak("audit.sale_changed", "K1-20251130-0002"),
        ),
        (  # a line's quantity edited
            ["UPDATE saleline SET qty = 1000 WHERE sale_id = 1 AND line_no = 1"],
            DocumentBreak("audit.sale_changed", SALE_1),
        ),
        (  # a line's price edited
            [
                "UPDATE saleline SET unit_price = 1, line_total = 2 "
                "WHERE sale_id = 1 AND line_no = 2"
            ],
            DocumentBreak("audit.sale_changed", SALE_1),
        ),
        (  # a payment moved from cash to kasbon
            ["UPDATE payment SET method = 'kasbon' WHERE sale_id = 1"],
            DocumentBreak("audit.sale_changed", SALE_1),
        ),
        (  # a sale given to another member
            ["UPDATE sale SET member_id = 1 WHERE receipt_no = 'K1-20251130-0002'"],
            DocumentBreak("audit.sale_changed", "K1-20251130-0002"),
        ),
        (  # a sale's time moved to another day
            ["UPDATE sale SET created_at = '2025-11-29 06:32:00.000000' WHERE id = 3"],
            DocumentBreak("audit.sale_changed", "K1-20251130-0003"),
        ),
        (  # a line deleted
            ["DELETE FROM saleline WHERE sale_id = 3 AND line_no = 2"],
            DocumentBreak("audit.sale_changed", "K1-20251130-0003"),
        ),
        (  # a whole sale deleted (the first sale's record remains)
            [
                "DELETE FROM stockmovement WHERE sale_id = 1",
                "DELETE FROM payment WHERE sale_id = 1",
                "DELETE FROM saleline WHERE sale_id = 1",
                "DELETE FROM sale WHERE id = 1",
            ],
            DocumentBreak("audit.sale_missing", SALE_1),
        ),
        (  # a sale slipped in with no record
            [
                "INSERT INTO sale (receipt_no, till, business_date, created_at, cashier, gross, "
                "member_discount, manual_discount, total, paid, change, status) VALUES "
                "('K1-20251130-0099', 'K1', '2025-11-30', '2025-11-30 06:40:00', 'kasir', 100, "
                "0, 0, 100, 100, 0, 'completed')"
            ],
            DocumentBreak("audit.sale_unrecorded", "K1-20251130-0099"),
        ),
    ],
)
def test_a_sale_changed_in_the_file_is_caught(
    sold: Database, statements: list[str], expected: DocumentBreak
) -> None:
    tamper(sold, *statements)
    result = checked(sold)
    assert isinstance(result.broken, DocumentBreak)
    assert (result.broken.reason, result.broken.ref) == (expected.reason, expected.ref)
    if expected.reason != "audit.sale_unrecorded":
        assert result.broken.seq > 0  # names the record it no longer matches
    problem = result.problem()
    assert problem is not None and expected.ref in problem.message()


def test_a_void_through_its_service_verifies(sold: Database) -> None:
    """The status is not in the sale's digest: a void is a record of its own."""
    with sold.write() as session:
        void_sale(session, TREASURER, SALE_1, "salah input", approval=None, now=NOW, till="K1")
    assert checked(sold).intact


def sale_record_seq(db: Database, receipt_no: str) -> int:
    rows = raw(db, "SELECT seq FROM auditrecord WHERE kind = 'sale' AND ref = :ref", ref=receipt_no)
    return int(rows[0][0])


def test_editing_the_sale_and_its_record_together_breaks_the_chain(sold: Database) -> None:
    seq = sale_record_seq(sold, SALE_1)
    tamper(
        sold,
        f"UPDATE sale SET total = 1 WHERE receipt_no = '{SALE_1}'",
        f"UPDATE auditrecord SET detail = replace(detail, 'total', 'totaal') WHERE seq = {seq}",
    )
    assert checked(sold).broken == ChainBreak(seq, "audit.break_hash")


def test_deleting_a_sales_record_breaks_the_chain(sold: Database) -> None:
    seq = sale_record_seq(sold, "K1-20251130-0002")
    tamper(sold, f"DELETE FROM auditrecord WHERE seq = {seq}")
    assert checked(sold).broken == ChainBreak(seq, "audit.break_missing")


def test_reordering_audit_rows_breaks_the_chain(sold: Database) -> None:
    first, second = (sale_record_seq(sold, f"K1-20251130-000{n}") for n in (1, 2))
    tamper(
        sold,
        f"UPDATE auditrecord SET seq = -1 WHERE seq = {first}",
        f"UPDATE auditrecord SET seq = {first} WHERE seq = {second}",
        f"UPDATE auditrecord SET seq = {second} WHERE seq = -1",
    )
    result = checked(sold)
    assert isinstance(result.broken, ChainBreak) and result.broken.seq == first


def test_cutting_off_the_newest_records_is_caught(sold: Database) -> None:
    last = sale_record_seq(sold, "K1-20251130-0003")
    tamper(sold, f"DELETE FROM auditrecord WHERE seq = {last}")
    assert checked(sold).broken == ChainBreak(last, "audit.break_missing")


def test_another_kind_of_document_adds_its_own_check(
    sold: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def voids_match(_session: object, _scope: object) -> DocumentBreak | None:
        return DocumentBreak("audit.sale_changed", "K1-20251130-0002", 7)

    monkeypatch.setattr(
        audit_verify, "DOCUMENT_CHECKS", [*audit_verify.DOCUMENT_CHECKS, voids_match]
    )
    assert checked(sold).broken == DocumentBreak("audit.sale_changed", "K1-20251130-0002", 7)


# --- the command -----------------------------------------------------------------------------


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner(env={k: None for k in os.environ if k.startswith("GERAI_")})


def test_the_command_says_ok_with_the_count(sold: Database, cli: CliRunner) -> None:
    records = checked(sold).records  # before the command adds its checkpoint's record
    result = cli.invoke(main, ["--db", sold.url, "audit", "verify"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"OK, {records} catatan"


def test_the_command_exits_1_naming_the_first_break(sold: Database, cli: CliRunner) -> None:
    tamper(sold, "UPDATE sale SET total = 5 WHERE id = 2")
    result = cli.invoke(main, ["--db", sold.url, "--lang", "en", "audit", "verify"])
    assert result.exit_code == 1
    seq = sale_record_seq(sold, "K1-20251130-0002")
    assert result.stderr.strip() == (
        "Error: Audit trail mismatch: sale K1-20251130-0002 was changed after it was recorded "
        f"(record #{seq})."
    )
    assert "Traceback" not in result.output


def test_the_command_names_a_broken_chain_first(sold: Database, cli: CliRunner) -> None:
    tamper(sold, "UPDATE sale SET total = 5 WHERE id = 2", "DELETE FROM auditrecord WHERE seq = 2")
    result = cli.invoke(main, ["--db", sold.url, "audit", "verify"])
    assert result.exit_code == 1
    assert "catatan #2 hilang" in result.stderr


# --- property: whatever was sold verifies; any edit of a sale's money is caught ----------------

ITEMS = st.lists(
    st.tuples(st.sampled_from(PRODUCTS), st.integers(1, 4)),
    min_size=1,
    max_size=4,
    unique_by=lambda x: x[0],
)
MONEY = ["sale.total", "sale.gross", "sale.paid", "sale.change", "sale.member_discount",
         "saleline.unit_price", "saleline.line_total", "saleline.qty", "saleline.product_id",
         "payment.amount", "payment.tendered"]  # fmt: skip


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.sqlite_only("copies the SQLite file for each example")
@given(
    sales=st.lists(st.tuples(ITEMS, st.booleans()), min_size=1, max_size=4),
    target=st.sampled_from(MONEY),
    which=st.integers(0, 3),
    delta=st.integers(1, 5_000),
)
def test_any_edit_of_a_sales_money_is_caught(
    db: Database,
    tmp_path_factory: pytest.TempPathFactory,
    sales: list[tuple[list[tuple[str, int]], bool]],
    target: str,
    which: int,
    delta: int,
) -> None:
    """Each example sells on a fresh copy of the shop, then edits one sale's money by `delta`."""
    assert db.path is not None
    path = tmp_path_factory.mktemp("verify") / "gerai.db"
    copy_database(db.path, path)
    db = Database(f"sqlite:///{path}")
    try:
        for number, (items, member) in enumerate(sales):
            with db.write() as session:  # each sale a second later
                shop = load_shop(session)
                cart = Cart(global_discount_bp=shop.member_discount_bp)
                if member:
                    found = find_member(session, "KKMP-0005")
                    assert found is not None
                    cart.attach_member(found)
                for code, qty in items:
                    product = find_by_code(session, code)
                    assert product is not None
                    cart.add(product, Decimal(qty))
                checkout(session, cart, [Tender("tunai")], till="K1", actor=CASHIER,
                         now=NOW + timedelta(seconds=number))  # fmt: skip
        assert checked(db).intact
        table, column = target.split(".")
        sale_id = which % len(sales) + 1
        key = "id" if table == "sale" else "sale_id"
        tamper(db, f"UPDATE {table} SET {column} = {column} + {delta} WHERE id = "
                   f"(SELECT min(id) FROM {table} WHERE {key} = {sale_id})")  # fmt: skip
        result = checked(db)
        assert isinstance(result.broken, DocumentBreak)
        assert result.broken.reason == "audit.sale_changed"
        assert result.broken.ref == f"K1-20251130-{sale_id:04d}"
    finally:
        db.dispose()


def test_the_command_catches_a_sale_voided_straight_in_the_file(
    sold: Database, cli: CliRunner
) -> None:
    tamper(sold, "UPDATE sale SET status = 'void' WHERE receipt_no = 'K1-20251130-0001'")
    result = cli.invoke(main, ["--db", sold.url, "--lang", "en", "audit", "verify"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Receipt K1-20251130-0001 is marked VOID without")
