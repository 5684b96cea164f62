"""Supplier debts (issue 17, hutang dagang): a goods receipt paid now (cash from the kas
bendahara, or a transfer with its reference) or later by a due date; payments partial or
whole, never above what is owed; a cash payment is a kas line in the same transaction; all
sealed and audited, every refusal writing nothing. And a property: for any sequence of
receipts and payments, each supplier's balance is its receipts on credit less its payments."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gerai.core.errors import GeraiError
from gerai.core.words import KasKind, PaymentMethod, ReceiptTermsKind
from gerai.db import Database
from gerai.services.audit.verify import verify
from gerai.services.cash.kas import kas_balance, kas_book
from gerai.services.cash.shifts import close_shift, current_shift
from gerai.services.shop.profile import load_shop
from gerai.services.stock.receiving import ReceiveLine, receive_goods
from gerai.services.stock.supplier_debts import (
    DEFAULT_TERMS_DAYS,
    debt_at,
    find_supplier,
    pay_supplier,
    set_terms,
    supplier_balance,
    supplier_debts,
)
from tests.conftest import (
    CASHIER,
    NOW,
    OPENING_CASH,
    OWNER,
    TREASURER,
    TREASURER_PIN,
    audit_events,
    copy_database,
    raw,
)
from tests.shop_day import pieces
from tests.stock_helpers import snapshot, supplier

CASH = PaymentMethod.CASH
TRANSFER = PaymentMethod.TRANSFER
LATER = ReceiptTermsKind.CREDIT
NOW_PAID = ReceiptTermsKind.PAID
TODAY = date(2025, 11, 30)  # NOW's business day (WITA)


def receive(db: Database, supplier_id: int, cost: int, reference: str = "") -> str:
    """A goods receipt of 10 Minyakita at `cost` each: its number (total 10 × cost)."""
    with db.write() as session:
        return receive_goods(
            session, supplier_id, reference, [ReceiveLine("MYK-1L", "10", str(cost))],
            actor=OWNER, at=NOW,
        ).number  # fmt: skip


def fill_kas(db: Database, setoran: int) -> None:
    """Close K1's shift, taking `setoran` into the kas bendahara."""
    with db.write() as session:
        shift = current_shift(session, "K1")
        assert shift is not None and shift.id is not None
        close_shift(session, shift.id, pieces(OPENING_CASH), "", TREASURER, NOW, setoran=setoran)


def terms(db: Database, number: str, kind: str, **given: Any) -> Any:
    with db.write() as session:
        return set_terms(
            session, number, kind, actor=given.pop("actor", OWNER), at=NOW,
            shop=load_shop(session), **given,
        )  # fmt: skip


def pay(db: Database, supplier_id: int, amount: int, method: str = CASH, **given: Any) -> Any:
    with db.write() as session:
        return pay_supplier(
            session, supplier_id, amount, method, actor=given.pop("actor", TREASURER), at=NOW,
            shop=load_shop(session), **given,
        )  # fmt: skip


def refused(db: Database, action: Callable[[], Any]) -> GeraiError:
    """`action` must be refused and write nothing."""
    before = snapshot(db)
    with pytest.raises(GeraiError) as caught:
        action()
    assert snapshot(db) == before
    return caught.value


def balance(db: Database, supplier_id: int) -> int:
    with db.read() as session:
        return supplier_balance(session, supplier_id)


def intact(db: Database) -> bool:
    with db.read() as session:
        return verify(session).intact


def test_a_receipt_paid_later_is_owed_until_its_due_date(db: Database) -> None:
    bulog = supplier(db)
    first = receive(db, bulog, 14_000, "SJ-1")
    second = receive(db, bulog, 15_000, "SJ-2")
    done = terms(db, first, LATER)
    assert done.due == TODAY + timedelta(days=DEFAULT_TERMS_DAYS) and done.payment is None
    terms(db, second, LATER, due=TODAY + timedelta(days=3))
    assert balance(db, bulog) == 290_000
    with db.read() as session:
        (debt,) = supplier_debts(session, TODAY)
    assert debt.owed == 290_000 and debt.aging == (290_000, 0, 0, 0)
    assert debt.due_this_week == 150_000 and debt.overdue == 0
    assert [r.number for r in debt.receipts] == [second, first]  # earliest due first
    with db.read() as session:
        later = supplier_debts(session, TODAY + timedelta(days=45))[0]
    assert later.aging == (0, 290_000, 0, 0) and later.overdue == 290_000
    assert later.due_this_week == 0
    assert intact(db)


def test_a_receipt_paid_now_in_cash_leaves_the_kas_in_the_same_transaction(
    db: Database,
) -> None:
    fill_kas(db, 400_000)
    bulog = supplier(db)
    number = receive(db, bulog, 14_000)
    done = terms(db, number, NOW_PAID, method=CASH)
    assert done.payment is not None and done.payment.amount == 140_000
    assert done.payment.owed_after == 0 and balance(db, bulog) == 0
    with db.read() as session:
        assert kas_balance(session) == 260_000
        book = kas_book(session, TODAY, TODAY)
        assert supplier_debts(session, TODAY) == []
    paid = book.lines[-1].entry
    assert paid.kind == KasKind.SUPPLIER and paid.amount == 140_000
    assert number in paid.note and "Bulog" in paid.note
    assert raw(db, "SELECT kas_entry_id FROM supplierpayment") == [(paid.id,)]
    with db.read() as session:
        kinds = [event.kind for event in audit_events(session)]
    assert kinds[-3:] == ["supplier_terms", "kas_supplier", "supplier_paid"]
    assert intact(db)


def test_paid_now_by_transfer_needs_its_reference_and_leaves_the_kas_alone(
    db: Database,
) -> None:
    bulog = supplier(db)
    number = receive(db, bulog, 14_000)
    error = refused(db, lambda: terms(db, number, NOW_PAID, method=TRANSFER))
    assert error.key == "supplierdebt.reference_required"
    done = terms(db, number, NOW_PAID, method=TRANSFER, reference="BRI 0042 7781")
    assert done.payment is not None and done.payment.reference == "BRI 0042 7781"
    assert done.payment.kas_entry_id is None
    with db.read() as session:
        assert kas_balance(session) == 0
    assert balance(db, bulog) == 0


def test_a_cash_payment_above_the_kas_is_refused_and_writes_nothing(db: Database) -> None:
    fill_kas(db, 100_000)
    bulog = supplier(db)
    number = receive(db, bulog, 14_000)
    error = refused(db, lambda: terms(db, number, NOW_PAID, method=CASH))
    assert error.key == "kas.above_balance"
    terms(db, number, LATER)
    error = refused(db, lambda: pay(db, bulog, 140_000))
    assert error.key == "kas.above_balance"


def test_partial_payments_and_a_payment_above_what_is_owed(db: Database) -> None:
    fill_kas(db, 500_000)
    bulog = supplier(db)
    other = supplier(db, "UD Sumber Rejeki")
    first = receive(db, bulog, 14_000, "SJ-1")
    second = receive(db, bulog, 15_000, "SJ-2")
    terms(db, first, LATER, due=TODAY + timedelta(days=10))
    terms(db, second, LATER, due=TODAY + timedelta(days=20))
    paid = pay(db, bulog, 50_000, receipt_number=second)
    assert paid.receipt == second and paid.owed_after == 240_000
    error = refused(db, lambda: pay(db, bulog, 100_001, receipt_number=second))
    assert error.key == "supplierdebt.above_owed"
    assert "100.000" in error.message() and "100.001" in error.message()
    error = refused(db, lambda: pay(db, bulog, 240_001, TRANSFER, reference="x1"))
    assert error.key == "supplierdebt.above_owed"
    # a payment against the balance pays the receipt that falls due first
    pay(db, bulog, 150_000, TRANSFER, reference="BNI 99")
    with db.read() as session:
        (debt,) = supplier_debts(session, TODAY)
    assert [(r.number, r.owed) for r in debt.receipts] == [(second, 90_000)]
    assert balance(db, bulog) == 90_000
    error = refused(db, lambda: pay(db, other, 1_000))
    assert error.key == "supplierdebt.nothing_owed"
    error = refused(db, lambda: pay(db, other, 1_000, receipt_number=second))
    assert error.key == "supplierdebt.other_supplier"
    pay(db, bulog, 90_000)
    assert balance(db, bulog) == 0
    with db.read() as session:
        assert debt_at(session, TODAY) == 0
        assert debt_at(session, TODAY - timedelta(days=1)) == 0
    assert raw(db, "SELECT amount FROM supplierpayment ORDER BY id") == [
        (50_000,), (150_000,), (90_000,)
    ]  # fmt: skip
    assert intact(db)


BAD = {
    "zero": (dict(amount=0), "kas.zero"),
    "negative": (dict(amount=-5_000), "kas.negative"),
    "unknown method": (dict(method=PaymentMethod.QRIS), "supplierdebt.bad_method"),
    "reference too long": (
        dict(method=TRANSFER, reference="9" * 61), "supplierdebt.reference_too_long"
    ),
    "receipt unknown": (dict(receipt_number="BM-20251130-999"), "supplierdebt.no_receipt"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_payments_are_refused_with_a_clear_message(db: Database, case: str) -> None:
    fill_kas(db, 500_000)
    bulog = supplier(db)
    terms(db, receive(db, bulog, 14_000), LATER)
    given, key = BAD[case]
    values = {"amount": 10_000, "method": CASH} | given
    amount, method = values.pop("amount"), values.pop("method")
    error = refused(db, lambda: pay(db, bulog, amount, method, **values))
    assert error.key.startswith(key), error.key
    assert error.message()


def test_a_kasir_pays_with_a_bendaharas_pin(db: Database) -> None:
    fill_kas(db, 500_000)
    bulog = supplier(db)
    terms(db, receive(db, bulog, 14_000), LATER)
    with pytest.raises(GeraiError) as caught:
        pay(db, bulog, 40_000, actor=CASHIER)
    assert caught.value.key == "auth.not_allowed"
    assert raw(db, "SELECT count(*) FROM supplierpayment") == [(0,)]
    paid = pay(db, bulog, 40_000, actor=CASHIER, approval=TREASURER_PIN)
    assert raw(db, "SELECT created_by FROM supplierpayment") == [("bendahara",)]
    assert paid.owed_after == 100_000


def test_bad_terms_are_refused(db: Database) -> None:
    bulog = supplier(db)
    number = receive(db, bulog, 14_000)
    error = refused(db, lambda: terms(db, number, LATER, due=TODAY - timedelta(days=1)))
    assert error.key == "supplierdebt.due_before"
    error = refused(db, lambda: terms(db, "BM-19990101-001", LATER))
    assert error.key == "supplierdebt.no_receipt"
    error = refused(db, lambda: terms(db, number, "kapan-kapan"))
    assert error.key == "supplierdebt.bad_terms"
    terms(db, number.lower(), LATER)  # typed in any case
    error = refused(db, lambda: terms(db, number, LATER))
    assert error.key == "supplierdebt.terms_set"
    unbooked = receive(db, bulog, 15_000, "SJ-9")
    error = refused(db, lambda: pay(db, bulog, 1_000, receipt_number=unbooked))
    assert error.key == "supplierdebt.not_in_book"


def test_a_supplier_is_found_by_its_name_or_the_start_of_it(db: Database) -> None:
    bulog = supplier(db)
    supplier(db, "UD Sumber Rejeki")
    supplier(db, "UD Sumber Makmur")
    with db.read() as session:
        assert find_supplier(session, "bulog sub divre bone") == bulog
        assert find_supplier(session, "Bulog") == bulog
        with pytest.raises(GeraiError) as caught:
            find_supplier(session, "UD Sumber")
        assert caught.value.key == "supplierdebt.which_supplier"
        with pytest.raises(GeraiError) as caught:
            find_supplier(session, "Toko Tidak Ada")
        assert caught.value.key == "supplierdebt.no_supplier"


def test_the_seals_catch_an_edited_payment(db: Database) -> None:
    bulog = supplier(db)
    terms(db, receive(db, bulog, 14_000), LATER)
    pay(db, bulog, 40_000, TRANSFER, reference="BRI 1")
    assert intact(db)
    raw(db, "UPDATE supplierpayment SET amount = 4000")
    assert not intact(db)


# --- the property ----------------------------------------------------------------------------

NAMES = ["Bulog Sub Divre Bone", "UD Sumber Rejeki", "CV Tani Makmur"]
STEP = st.one_of(
    st.tuples(st.just("receive"), st.integers(0, 2), st.integers(1, 40), st.booleans()),
    st.tuples(st.just("pay"), st.integers(0, 2), st.integers(1, 400), st.booleans(), st.booleans()),
)


def play(db: Database, steps: list[tuple[Any, ...]]) -> None:
    ids = [supplier(db, name) for name in NAMES]
    credit = dict.fromkeys(ids, 0)
    paid = dict.fromkeys(ids, 0)
    receipts: dict[int, list[str]] = {i: [] for i in ids}
    for number, step in enumerate(steps):
        who = ids[step[1]]
        if step[0] == "receive":
            receipt = receive(db, who, step[2] * 1_000, f"SJ-{number}")
            if step[3]:
                terms(db, receipt, LATER, due=TODAY + timedelta(days=number % 40))
                credit[who] += step[2] * 10_000
                receipts[who].append(receipt)
            continue
        amount = step[2] * 1_000
        against = receipts[who][-1] if step[3] and receipts[who] else None
        try:
            pay(db, who, amount, TRANSFER, reference=f"T{number}", receipt_number=against)
        except GeraiError as error:
            assert error.key in {"supplierdebt.above_owed", "supplierdebt.nothing_owed"}
            assert amount > balance(db, who) or against is not None
        else:
            paid[who] += amount
    with db.read() as session:
        debts = {d.supplier_id: d for d in supplier_debts(session, TODAY)}
        assert debt_at(session, TODAY) == sum(credit.values()) - sum(paid.values())
    for who in ids:
        assert balance(db, who) == credit[who] - paid[who] >= 0
        owed = debts[who].owed if who in debts else 0
        assert owed == credit[who] - paid[who]
        if who in debts:
            assert sum(debts[who].aging) == owed


@given(steps=st.lists(STEP, max_size=14))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_supplier_balances_are_receipts_on_credit_less_payments(
    catalogue_file: Path, steps: list[tuple[Any, ...]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gerai.db"
        copy_database(catalogue_file, path)
        db = Database(f"sqlite:///{path}")
        try:
            play(db, steps)
            assert intact(db)
        finally:
            db.dispose()
