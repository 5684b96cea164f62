"""Savings at the counter: pokok once, wajib by the month, sukarela in and out; refusals that
write nothing; balances by type; the cash in the drawer, the Z report, the daily summary and
the buku kas (never as sales); the slip (golden layouts, printing)."""

from __future__ import annotations

import os
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from escpos_decode import decode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from member_money import KASIR_ACTOR, member_id, pay_back, save
from shop_day import DAY, at, close, fill, sell
from sqlalchemy import update
from sqlmodel import col, func, select

from gerai.core.errors import GeraiError
from gerai.core.i18n import translator
from gerai.db import Database
from gerai.exports.cashbook import cashbook_entries
from gerai.models import AuditRecord, Member, MemberPayment, PrintJob, Sale
from gerai.printing import PrintQueue
from gerai.services.cash.shifts import cash_position, current_shift, shift_report
from gerai.services.members.savings import (
    SavingsBalance,
    savings_balance,
    savings_balances,
    take_savings,
)
from gerai.services.members.slips import build_member_slip
from gerai.services.reports.cashbook import cashbook_day
from gerai.services.reports.daily import daily_summary
from gerai.services.sale.checkout import Tender
from gerai.services.shop.profile import load_shop, store_shop_settings
from gerai.settings import Settings
from receipts.layout import WIDTHS
from receipts.member_slip import MemberSlip, layout_member_slip, slip_text
from receipts.z_report import layout_shift_report

ID = translator("id")  # the receipts' language in these tests

MEMBER = "KKMP-0003"
GOLDEN = Path(__file__).parent / "golden" / "receipts"
UPDATE = os.environ.get("GERAI_UPDATE_GOLDEN") == "1"


def written(db: Database) -> tuple[int, int]:
    with db.read() as session:
        return (
            session.exec(select(func.count()).select_from(MemberPayment)).one(),
            session.exec(select(func.count()).select_from(AuditRecord)).one(),
        )


def balance(db: Database, number: str = MEMBER) -> SavingsBalance:
    with db.read() as session:
        return savings_balance(session, member_id(db, number))


# --- the kinds ---------------------------------------------------------------------------------


def test_pokok_is_the_shops_amount_and_paid_once(db: Database) -> None:
    payment = save(db, MEMBER, "pokok", at(8))
    assert (payment.kind, payment.amount, payment.method) == ("pokok", 50_000, "tunai")
    before = written(db)
    with pytest.raises(GeraiError) as refused:
        save(db, MEMBER, "pokok", at(9))
    assert refused.value.key == "savings.pokok_paid"
    assert "Rp50.000" in refused.value.message()
    assert written(db) == before


@given(
    months=st.integers(min_value=1, max_value=120),
    monthly=st.integers(1, 200).map(lambda k: k * 500),
)
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_wajib_is_months_times_the_monthly_amount(db: Database, months: int, monthly: int) -> None:
    with db.write() as session:
        store_shop_settings(session, savings_wajib=monthly)
    before = balance(db)
    payment = save(db, MEMBER, "wajib", at(9), months=months)
    assert (payment.amount, payment.months) == (months * monthly, months)
    after = balance(db)
    assert after.wajib - before.wajib == months * monthly
    assert after.wajib_months - before.wajib_months == months


@pytest.mark.parametrize(
    ("kind", "values", "key"),
    [
        ("sukarela", {"amount": -10_000}, "members.amount_positive"),
        ("sukarela", {"amount": 0}, "members.amount_positive"),
        ("sukarela", {}, "members.amount_positive"),
        ("wajib", {"months": 0}, "savings.bad_months"),
        ("wajib", {"months": 121}, "savings.bad_months"),
        ("wajib", {"months": 2, "amount": 15_000}, "savings.fixed_amount"),
        ("pokok", {"amount": 40_000}, "savings.fixed_amount"),
        ("sukarela", {"amount": 10_000, "method": "kasbon"}, "members.bad_method"),
        ("sukarela_out", {"amount": 10_000, "method": "qris"}, "members.bad_method"),
        ("sukarela_out", {"amount": 1}, "savings.more_than_balance"),
        ("simpanan", {"amount": 10_000}, "savings.bad_kind"),
    ],
)
def test_a_bad_savings_payment_is_refused_and_nothing_written(
    db: Database, kind: str, values: dict[str, object], key: str
) -> None:
    before = written(db)
    with pytest.raises(GeraiError) as refused:
        save(db, MEMBER, kind, at(9), **values)
    assert refused.value.key == key
    assert refused.value.message() != key
    assert written(db) == before


def test_a_negative_savings_payment_says_what_is_accepted(db: Database) -> None:
    with pytest.raises(GeraiError) as refused:
        save(db, MEMBER, "sukarela", at(9), amount=-10_000)
    assert refused.value.message() == "Jumlah -Rp10.000 tidak sah: harus lebih dari Rp0."


def test_a_withdrawal_is_at_most_the_balance_and_in_cash_at_most_the_drawer(db: Database) -> None:
    save(db, MEMBER, "sukarela", at(8), amount=700_000, method="transfer")
    with pytest.raises(GeraiError) as refused:
        save(db, MEMBER, "sukarela_out", at(9), amount=600_000)  # the drawer holds Rp500.000
    assert refused.value.key == "shift.not_enough_cash"
    save(db, MEMBER, "sukarela_out", at(9), amount=600_000, method="transfer")
    save(db, MEMBER, "sukarela_out", at(10), amount=100_000)
    assert balance(db).sukarela == 0
    with pytest.raises(GeraiError) as empty:
        save(db, MEMBER, "sukarela_out", at(11), amount=1)
    assert empty.value.key == "savings.more_than_balance"


def test_an_inactive_member_may_withdraw_but_not_deposit(db: Database) -> None:
    save(db, MEMBER, "sukarela", at(8), amount=30_000)
    with db.write() as session:
        session.execute(update(Member).where(col(Member.number) == MEMBER).values(active=False))
    with pytest.raises(GeraiError) as refused:
        save(db, MEMBER, "sukarela", at(9), amount=10_000)
    assert refused.value.key == "member.inactive"
    save(db, MEMBER, "sukarela_out", at(9), amount=30_000)
    assert balance(db).sukarela == 0


def test_savings_need_the_tills_open_shift(db: Database) -> None:
    before = written(db)
    with pytest.raises(GeraiError) as refused:
        save(db, MEMBER, "sukarela", at(9), till="K3", amount=10_000)
    assert refused.value.key == "shift.not_open"
    assert written(db) == before


OPS = st.lists(
    st.tuples(
        st.sampled_from(["pokok", "wajib", "sukarela", "sukarela_out"]),
        st.integers(min_value=1, max_value=12),
        st.integers(min_value=1, max_value=300).map(lambda k: k * 1_000),
        st.sampled_from(["tunai", "transfer"]),
    ),
    max_size=10,
)


@given(ops=OPS)
@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_balances_by_type_follow_every_payment(
    db: Database, ops: list[tuple[str, int, int, str]]
) -> None:
    """Whatever the sequence, each balance is deposits − withdrawals of its type, a refused
    payment changes nothing, and sukarela never goes below zero."""
    number = "KKMP-0004"
    start = balance(db, number)
    model = {"pokok": start.pokok, "wajib": start.wajib, "sukarela": start.sukarela}
    for kind, months, amount, method in ops:
        shop_wajib = 10_000
        try:
            if kind == "wajib":
                save(db, number, kind, at(9), months=months, method=method)
                model["wajib"] += months * shop_wajib
            elif kind == "pokok":
                save(db, number, kind, at(9), method=method)
                model["pokok"] += 50_000
            elif kind == "sukarela":
                save(db, number, kind, at(9), amount=amount, method=method)
                model["sukarela"] += amount
            else:
                save(db, number, kind, at(9), amount=amount, method=method)
                model["sukarela"] -= amount
        except GeraiError as error:
            assert error.key in {"savings.pokok_paid", "savings.more_than_balance",
                                 "shift.not_enough_cash"}  # fmt: skip
        now = balance(db, number)
        assert (now.pokok, now.wajib, now.sukarela) == (
            model["pokok"],
            model["wajib"],
            model["sukarela"],
        )
        assert now.sukarela >= 0 and now.pokok in (0, 50_000)


# --- cash, reports, never sales -----------------------------------------------------------------


def test_member_cash_is_in_the_drawer_the_z_report_and_the_cash_book_but_not_in_sales(
    db: Database,
) -> None:
    save(db, MEMBER, "pokok", at(8))
    save(db, MEMBER, "wajib", at(8, 5), months=3)
    save(db, MEMBER, "sukarela", at(8, 10), amount=100_000, method="qris")  # not in the drawer
    save(db, MEMBER, "sukarela_out", at(8, 15), amount=20_000)
    sold = sell(db, "K1", fill(db, [("AQA-600", Decimal(1))]), at(9))
    with db.read() as session:
        shift = current_shift(session, "K1")
        assert shift is not None and shift.id is not None
        position = cash_position(session, shift)
    assert (position.member_in, position.member_out) == (50_000 + 30_000, 20_000)
    assert position.expected == 500_000 + sold.total + 80_000 - 20_000
    close(db, shift.id, position.expected - position.expected % 100, "koin", at(21))
    with db.read() as session:
        shop = load_shop(session)
        summary = daily_summary(session, DAY, shop)
        z = shift_report(session, shift.id, shop)
        sales = session.exec(select(func.count()).select_from(Sale)).one()
    assert (summary.sales_count, summary.net, sales) == (1, sold.total, 1)
    k1 = next(s for s in summary.shifts if s.till == "K1")
    assert (k1.member_cash_in, k1.member_cash_out) == (80_000, 20_000)
    assert k1.expected_cash == position.expected
    with db.read() as session:
        book = cashbook_day(session, DAY, shop)
    entries = cashbook_entries(replace(book, summary=replace(summary, shifts=(k1,))), shop)
    assert entries[-1].balance == k1.counted_cash
    assert any("Setoran simpanan" in e.description and e.debit == 80_000 for e in entries)
    assert any("Penarikan" in e.description and e.credit == 20_000 for e in entries)
    text = "\n".join(line.text for line in layout_shift_report(z, 32, ID))
    assert "Setoran anggota" in text and "80.000" in text
    assert "Penarikan anggota" in text and "-20.000" in text


def test_the_z_report_has_no_member_lines_without_member_cash(db: Database) -> None:
    with db.read() as session:
        shift = current_shift(session, "K2")
        assert shift is not None and shift.id is not None
    close(db, shift.id, 500_000, "", at(21))
    with db.read() as session:
        z = shift_report(session, shift.id, load_shop(session))
    assert "anggota" not in "\n".join(line.text for line in layout_shift_report(z, 42, ID))


def test_every_payment_is_audited_with_its_slip_number(db: Database) -> None:
    payment = save(db, MEMBER, "wajib", at(9), months=2)
    with db.read() as session:
        record = session.exec(select(AuditRecord).order_by(col(AuditRecord.seq).desc())).first()
    assert record is not None
    assert (record.kind, record.actor, record.ref) == (
        "member_payment_wajib", KASIR_ACTOR.name, payment.number,
    )  # fmt: skip
    assert '"months":2' in record.detail and '"member":"KKMP-0003"' in record.detail


def test_year_end_balances_leave_out_later_payments(db: Database) -> None:
    save(db, MEMBER, "sukarela", at(9), amount=10_000)
    with db.read() as session:
        before = savings_balances(session, until=DAY.replace(day=29))
        on_the_day = savings_balances(session, until=DAY)
    assert member_id(db, MEMBER) not in before
    assert on_the_day[member_id(db, MEMBER)].sukarela == 10_000


# --- the slip -----------------------------------------------------------------------------------

SLIP = MemberSlip(
    shop_name="Gerai Koperasi Desa Merah Putih Bontoa",
    shop_address="Jl. Poros Makassar–Maros No. 12, Desa Bontoa, Kab. Maros",
    shop_phone="0812-4455-7788",
    number="K1-20251130-S001",
    moment="30-11-2025 14.32 WITA",
    cashier="kasir",
    member="KKMP-0003 Kamaruddin",
    kind="wajib",
    amount=30_000,
    method="tunai",
    balance=150_000,
    months=3,
    monthly=10_000,
)
SLIPS = {
    "slip-wajib": SLIP,
    "slip-withdrawal": replace(SLIP, kind="sukarela_out", amount=50_000, method="transfer",
                               balance=25_000, months=0, monthly=0, note="biaya sekolah anak"),
    "slip-repayment": replace(SLIP, number="K1-20251130-S002", member="KKMP-0001 Hj. Sitti "
                              "Rahmawati binti Haji Abdul Rahman Daeng Mangawing", kind="repayment",
                              amount=155_000, method="qris", balance=0, months=0, monthly=0,
                              reprint=True),
}  # fmt: skip


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("case", sorted(SLIPS))
def test_slip_layout_matches_the_golden_file(case: str, width: int) -> None:
    text = slip_text(SLIPS[case], width, ID)
    path = GOLDEN / f"{case}-{width}.txt"
    if UPDATE or not path.exists():
        path.write_text(text, encoding="ascii")
    assert text == path.read_text(encoding="ascii")
    assert all(
        len(line.text) <= width and line.text.isascii()
        for line in layout_member_slip(SLIPS[case], width, ID)
    )


def test_the_slip_says_what_and_the_balance_after(db: Database) -> None:
    save(db, MEMBER, "wajib", at(8), months=2)
    second = save(db, MEMBER, "wajib", at(9), months=3)
    save(db, MEMBER, "wajib", at(10), months=1)
    sell(db, "K1", fill(db, [("MYK-1L", Decimal(4))], member=True), at(10, 30), [Tender("kasbon")])
    repaid = pay_back(db, "KKMP-0001", 20_000, at(11))
    with db.read() as session:
        shop = load_shop(session)
        wajib = build_member_slip(session, second.number, shop)
        repayment = build_member_slip(session, repaid.number.lower(), shop, reprint=True)
    assert (wajib.amount, wajib.months, wajib.monthly, wajib.balance) == (30_000, 3, 10_000, 50_000)
    assert (repayment.kind, repayment.balance, repayment.reprint) == (
        "repayment",
        62_000 - 20_000,
        True,
    )
    with pytest.raises(GeraiError) as missing, db.read() as session:
        build_member_slip(session, "K1-20251130-S999", shop)
    assert missing.value.key == "slip.not_found"


def test_the_slip_prints_through_the_queue_and_opens_the_drawer_for_cash(db: Database) -> None:
    cash = save(db, MEMBER, "sukarela", at(9), amount=25_000)
    qris = save(db, MEMBER, "sukarela", at(9, 5), amount=25_000, method="qris")
    queue = PrintQueue(
        db, Settings(db_url=db.url, printer="tcp://127.0.0.1:9", kick_drawer=True), lambda: at(9)
    )
    assert queue.submit_member_slip(cash.number)
    assert queue.submit_member_slip(qris.number)
    assert queue.submit_member_slip(cash.number, reprint=True)
    with db.read() as session:
        jobs = session.exec(select(PrintJob).order_by(col(PrintJob.id))).all()
    assert [(j.receipt_no, j.kind) for j in jobs] == [
        (cash.number, "slip"),
        (qris.number, "slip"),
        (cash.number, "slip"),
    ]
    decoded = [decode(j.payload, read_qr=False) for j in jobs]
    assert [d.drawer_kicks for d in decoded] == [[2], [], []]
    assert decoded[0].lines[: len(queue.slip_lines(cash.number))] == [
        line.text for line in queue.slip_lines(cash.number)
    ]
    assert "BUKTI SETORAN SIMPANAN" in decoded[0].text and "CETAK ULANG" in decoded[2].text
    assert not PrintQueue(db, Settings(db_url=db.url), lambda: at(9)).submit_member_slip(
        cash.number
    )


def test_take_savings_refuses_an_unknown_member(db: Database) -> None:
    with pytest.raises(GeraiError) as refused, db.write() as session:
        take_savings(session, KASIR_ACTOR, 99_999, "sukarela", till="K1", now=at(9),
                     shop=load_shop(session), amount=1_000)  # fmt: skip
    assert refused.value.key == "members.missing"
