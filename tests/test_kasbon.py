"""Kasbon (member credit): the limit at checkout (members only, active, within the limit),
what is outstanding (kasbon sales − repayments − kasbon refunds of returns; void sales do not
count), repayments at the counter, aging with FIFO repayments, statements and the list."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from member_money import BENDAHARA_ACTOR, audit_kinds, member_id, pay_back, returned, save
from shop_day import DAY, at, fill, sell, void
from sqlalchemy import update
from sqlmodel import col, func, select

from gerai.core.errors import GeraiError
from gerai.db import Database
from gerai.models import AuditRecord, Member, MemberPayment, Sale
from gerai.services.cash.shifts import cash_position, current_shift
from gerai.services.members.kasbon import (
    Aging,
    _age,
    _Ledger,
    available_credit,
    kasbon_list,
    outstanding,
    statement,
)
from gerai.services.members.lookup import find_member, get_member
from gerai.services.members.register import set_member_active
from gerai.services.sale.checkout import Tender

MEMBER = "KKMP-0001"  # credit limit Rp300.000 in the demo register
OILS = [("MYK-1L", Decimal(10))]  # Rp155.000 at the member price


def counts(db: Database) -> tuple[int, int, int]:
    with db.read() as session:
        return (
            session.exec(select(func.count()).select_from(Sale)).one(),
            session.exec(select(func.count()).select_from(MemberPayment)).one(),
            session.exec(select(func.count()).select_from(AuditRecord)).one(),
        )


def owed(db: Database, number: str = MEMBER) -> int:
    with db.read() as session:
        return outstanding(session, member_id(db, number))


def set_limit(db: Database, number: str, limit: int) -> None:
    with db.write() as session:
        session.execute(
            update(Member).where(col(Member.number) == number).values(credit_limit=limit)
        )


def kasbon_sale(db: Database, when=None, items=OILS, till: str = "K1") -> str:  # type: ignore[no-untyped-def]
    return sell(
        db, till, fill(db, items, member=True), when or at(9), [Tender("kasbon")]
    ).receipt_no


# --- the limit at checkout ---------------------------------------------------------------------


def test_kasbon_within_the_limit_then_over_it_is_refused_and_nothing_written(
    db: Database,
) -> None:
    kasbon_sale(db)
    assert owed(db) == 155_000
    before = counts(db)
    with pytest.raises(GeraiError) as refused:
        kasbon_sale(db, at(10))
    assert refused.value.key == "kasbon.over_limit"
    message = refused.value.message()
    for part in ("Rp155.000", "Rp300.000", "Rp145.000"):
        assert part in message
    assert counts(db) == before and owed(db) == 155_000


def test_kasbon_for_a_member_without_credit_is_refused(db: Database) -> None:
    cart = fill(db, OILS)
    with db.read() as session:
        member = find_member(session, "KKMP-0002")  # credit limit 0: kasbon off
    assert member is not None
    cart.attach_member(member)
    before = counts(db)
    with pytest.raises(GeraiError) as refused:
        sell(db, "K1", cart, at(9), [Tender("kasbon")])
    assert refused.value.key == "kasbon.off"
    assert "KKMP-0002" in refused.value.message()
    assert counts(db) == before


def test_kasbon_for_a_non_member_is_refused(db: Database) -> None:
    before = counts(db)
    with pytest.raises(GeraiError) as refused:
        sell(db, "K1", fill(db, OILS), at(9), [Tender("kasbon")])
    assert refused.value.key == "pay.kasbon_member_only"
    assert counts(db) == before


def test_a_member_deactivated_while_at_the_till_gets_no_kasbon(db: Database) -> None:
    cart = fill(db, OILS, member=True)
    with db.write() as session:
        set_member_active(session, BENDAHARA_ACTOR, member_id(db, MEMBER), False, now=at(9))
    with pytest.raises(GeraiError) as refused:
        sell(db, "K1", cart, at(9, 5), [Tender("kasbon")])
    assert refused.value.key == "member.inactive"


def test_only_the_kasbon_part_of_a_split_payment_is_credit(db: Database) -> None:
    cart = fill(db, [("MYK-1L", Decimal(20))], member=True)  # Rp310.000
    sell(db, "K1", cart, at(9), [Tender("qris", 100_000), Tender("kasbon")])
    assert owed(db) == 210_000
    with db.read() as session:
        member = get_member(session, member_id(db, MEMBER))
        assert member is not None
        assert available_credit(session, member) == 90_000


# --- outstanding and repayments ----------------------------------------------------------------


def test_outstanding_is_kasbon_less_repayments_and_kasbon_refunds(db: Database) -> None:
    set_limit(db, MEMBER, 1_000_000)
    first = kasbon_sale(db, at(8))
    voided = kasbon_sale(db, at(8, 30))
    void(db, voided)
    kasbon_sale(db, at(9))
    assert owed(db) == 310_000
    pay_back(db, MEMBER, 60_000, at(10))
    returned(db, first, 31_000, "kasbon", at(11))
    cash_sale = sell(db, "K1", fill(db, OILS, member=True), at(11, 30)).receipt_no
    returned(db, cash_sale, 15_500, "tunai", at(12))  # paid back in cash: not credit
    assert owed(db) == 310_000 - 60_000 - 31_000
    with db.read() as session:
        member = get_member(session, member_id(db, MEMBER))
        assert member is not None
        lines = statement(session, member, DAY).lines
    assert [(line.kind, line.debit, line.credit, line.balance) for line in lines] == [
        ("kasbon", 155_000, 0, 155_000),
        ("kasbon", 155_000, 0, 310_000),
        ("repayment", 0, 60_000, 250_000),
        ("refund", 0, 31_000, 219_000),
    ]


@pytest.mark.parametrize(
    ("amount", "method", "key"),
    [
        (155_001, "tunai", "kasbon.more_than_debt"),
        (0, "tunai", "members.amount_positive"),
        (-5_000, "tunai", "members.amount_positive"),
        (10_000, "kasbon", "members.bad_method"),
    ],
)
def test_a_bad_repayment_is_refused_and_nothing_written(
    db: Database, amount: int, method: str, key: str
) -> None:
    kasbon_sale(db)
    before = counts(db)
    with pytest.raises(GeraiError) as refused:
        pay_back(db, MEMBER, amount, at(10), method=method)
    assert refused.value.key == key
    assert counts(db) == before and owed(db) == 155_000


def test_a_repayment_needs_a_debt_and_an_open_shift(db: Database) -> None:
    with pytest.raises(GeraiError) as refused:
        pay_back(db, MEMBER, 1_000, at(10))
    assert refused.value.key == "kasbon.nothing_owed"
    kasbon_sale(db, till="K2")
    with pytest.raises(GeraiError) as no_shift:
        pay_back(db, MEMBER, 1_000, at(10), till="K3")
    assert no_shift.value.key == "shift.not_open"


def test_a_repayment_is_cash_in_the_drawer_on_the_savings_series(db: Database) -> None:
    kasbon_sale(db)
    with db.read() as session:
        shift = current_shift(session, "K1")
        assert shift is not None
        before = cash_position(session, shift)
    first = pay_back(db, MEMBER, 50_000, at(10))
    second = pay_back(db, MEMBER, 20_000, at(10, 5), method="qris")
    deposit = save(db, MEMBER, "sukarela", at(10, 10), amount=5_000)
    assert [first.number, second.number, deposit.number] == [
        "K1-20251130-S001", "K1-20251130-S002", "K1-20251130-S003",
    ]  # fmt: skip
    with db.read() as session:
        after = cash_position(session, shift)
    assert after.member_in - before.member_in == 50_000 + 5_000  # QRIS is not in the drawer
    assert after.expected - before.expected == 55_000
    assert after.cash_sales == before.cash_sales  # never a sale
    assert audit_kinds(db)[-3][:2] == ("member_payment_repayment", "kasir")


# --- aging --------------------------------------------------------------------------------------


def test_aging_pays_the_oldest_debt_first(db: Database) -> None:
    set_limit(db, MEMBER, 1_000_000)
    kasbon_sale(db, at(9, day=DAY - timedelta(days=81)))  # over 60 days
    kasbon_sale(db, at(9, day=DAY - timedelta(days=46)))  # 31–60 days
    recent = kasbon_sale(db, at(9, day=DAY - timedelta(days=10)), items=[("MYK-1L", Decimal(4))])
    pay_back(db, MEMBER, 155_000 + 55_000, at(10))
    returned(db, recent, 15_500, "kasbon", at(11))
    with db.read() as session:
        member = get_member(session, member_id(db, MEMBER))
        assert member is not None
        kasbon = statement(session, member, DAY)
        listed = kasbon_list(session, DAY)
    assert kasbon.aging == Aging(days_0_30=62_000 - 15_500, days_31_60=100_000, over_60=0)
    assert kasbon.outstanding == kasbon.aging.total == 146_500
    assert kasbon.available == 1_000_000 - 146_500
    assert [(row.member.number, row.outstanding, row.aging) for row in listed] == [
        (MEMBER, 146_500, kasbon.aging)
    ]


def test_the_age_boundaries_are_30_and_60_days(db: Database) -> None:
    set_limit(db, MEMBER, 1_000_000)
    for days in (30, 31, 60, 61):
        kasbon_sale(db, at(9, day=DAY - timedelta(days=days)), items=[("AQA-600", Decimal(1))])
    with db.read() as session:
        member = get_member(session, member_id(db, MEMBER))
        assert member is not None
        aging = statement(session, member, DAY).aging
    price = 3_960  # Aqua at the global member discount
    assert aging == Aging(days_0_30=price, days_31_60=2 * price, over_60=price)


DEBTS = st.lists(
    st.tuples(st.integers(min_value=0, max_value=120), st.integers(min_value=1, max_value=500_000)),
    max_size=8,
)


@given(
    debts=DEBTS,
    refunds=st.lists(st.integers(min_value=0, max_value=200_000), max_size=8),
    repaid=st.integers(min_value=0, max_value=2_000_000),
)
@settings(max_examples=300, deadline=None)
def test_aging_always_adds_up_to_what_is_owed_and_is_paid_oldest_first(
    debts: list[tuple[int, int]], refunds: list[int], repaid: int
) -> None:
    today = date(2025, 11, 30)
    ledger = _Ledger(repaid=repaid)
    for sale_id, (age, amount) in enumerate(debts, start=1):
        ledger.debits.append((today - timedelta(days=age), sale_id, amount))
    for sale_id, amount in enumerate(refunds, start=1):  # some refunds have no kasbon sale
        ledger.refunds[sale_id] += amount
    owed_now = sum(a for _, a in debts) - sum(refunds) - repaid
    aging = _age(ledger, today)
    assert aging.total == max(owed_now, 0)
    assert min(aging.days_0_30, aging.days_31_60, aging.over_60) >= 0
    # what is left unpaid is the newest debt: an older bucket holds money only when every
    # newer debt is still owed in full (after its own refunds)
    net = {
        bucket: sum(
            max(a - ledger.refunds.get(i, 0), 0)
            for i, (age, a) in enumerate(debts, start=1)
            if (0 if age <= 30 else 1 if age <= 60 else 2) == bucket
        )
        for bucket in range(3)
    }
    left = (aging.days_0_30, aging.days_31_60, aging.over_60)
    for bucket in (1, 2):
        if left[bucket]:
            assert all(left[newer] == net[newer] for newer in range(bucket))
