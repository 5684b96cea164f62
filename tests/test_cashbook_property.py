"""The buku kas over random weeks of shifts (issue 15): sales, voids, returs, cash in and out,
members' cash, variances, setoran at each close, bank deposits and expenses from the kas
bendahara. Each cash box carries its balance from one day to the next, and the last day's
closing balance equals the drawers plus the kas bendahara, which equals the first openings
plus everything that came in less everything that went out."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gerai.core.words import MemberPaymentKind
from gerai.db import Database
from gerai.exports.cashbook import cashbook_entries
from gerai.services.audit.verify import verify
from gerai.services.cash.kas import carried_cash, deposit_to_bank, kas_balance, record_expense
from gerai.services.cash.shifts import cash_position, close_shift, current_shift
from gerai.services.members.lookup import find_member
from gerai.services.members.savings import take_savings
from gerai.services.reports.cashbook import cashbook_day
from gerai.services.sale.checkout import Tender
from gerai.services.shop.profile import load_shop
from tests.conftest import TREASURER, copy_database
from tests.shop_day import DAY, MEMBER, at, fill, give_back, move, open_till, pieces, sell, void

ITEMS = ["MYK-1L", "IDM-GRG", "AQA-600", "GLA-1KG"]
METHODS = ["tunai", "qris"]
ACTION = st.one_of(
    st.tuples(
        st.just("sale"), st.sampled_from(ITEMS), st.integers(1, 3), st.sampled_from(METHODS)
    ),
    st.tuples(st.just("void")),
    st.tuples(st.just("retur")),
    st.tuples(st.just("in"), st.integers(1, 50).map(lambda n: n * 1_000)),
    st.tuples(st.just("out"), st.integers(1, 50).map(lambda n: n * 1_000)),
    st.tuples(st.just("deposit"), st.integers(1, 20).map(lambda n: n * 5_000)),
    st.tuples(st.just("withdraw"), st.integers(1, 20).map(lambda n: n * 5_000)),
)  # fmt: skip
SHIFT = st.fixed_dictionaries(
    {
        "actions": st.lists(ACTION, max_size=6),
        "variance": st.sampled_from([0, 0, 0, 500, -1_000, 2_000]),
        "setoran": st.integers(0, 100),  # per cent of the counted cash, rounded to Rp100
    }
)
DAY_PLAN = st.fixed_dictionaries(
    {
        "tills": st.lists(st.lists(SHIFT, min_size=1, max_size=2), min_size=1, max_size=2),
        "bank": st.integers(0, 100),  # per cent of the kas balance
        "expense": st.tuples(
            st.sampled_from(["listrik", "gaji", "transport", "sewa", "lain_lain"]),
            st.integers(0, 50),
        ),
    }
)
WEEK = st.lists(DAY_PLAN, min_size=2, max_size=7)


class Ledger:
    """What the test itself counts came in and went out, whatever box it went through."""

    def __init__(self) -> None:
        self.opened = 0  # cash put in the drawers at their first opening
        self.came_in = 0
        self.went_out = 0


def hundreds(amount: int) -> int:
    return amount - amount % 100


def play_shift(
    db: Database, till: str, day: date, plan: dict[str, Any], ledger: Ledger, hour: int = 7
) -> None:
    with db.read() as session:
        carried = carried_cash(session, till)
    opening = carried.stayed if carried is not None else 200_000
    if carried is None:
        ledger.opened += opening
    open_till(db, till, opening, at(hour, day=day))
    sales: list[tuple[str, int, str]] = []
    for minute, action in enumerate(plan["actions"]):
        when = at(hour + 1, minute, day=day)
        kind = action[0]
        with db.read() as session:
            shift = current_shift(session, till)
            assert shift is not None
            drawer = cash_position(session, shift).expected
        if kind == "sale":
            _, code, qty, method = action
            sale = sell(db, till, fill(db, [(code, Decimal(qty))]), when, [Tender(method)])
            sales.append((sale.receipt_no, sale.total, method))
            if method == "tunai":
                ledger.came_in += sale.total
        elif kind == "void" and sales:
            receipt_no, total, method = sales.pop()
            void(db, receipt_no, when)
            if method == "tunai":
                ledger.came_in -= total  # the sale's cash never stays
        elif kind == "retur" and sales:
            receipt_no, total, method = sales.pop(0)
            if total <= drawer:
                back = give_back(db, till, receipt_no, [(1, Decimal(1), False)], when, "tunai")
                ledger.went_out += back.refund_total
        elif kind == "in":
            move(db, till, "in", action[1], "uang kecil", when)
            ledger.came_in += action[1]
        elif kind == "out" and action[1] <= drawer:
            move(db, till, "out", action[1], "beli plastik", when)
            ledger.went_out += action[1]
        elif kind == "deposit":
            member_cash(db, MemberPaymentKind.SUKARELA, action[1], till, when)
            ledger.came_in += action[1]
        elif kind == "withdraw" and action[1] <= drawer:
            try:
                member_cash(db, MemberPaymentKind.SUKARELA_OUT, action[1], till, when)
            except Exception as error:
                assert getattr(error, "key", "").startswith("savings."), error
            else:
                ledger.went_out += action[1]
    with db.read() as session:
        shift = current_shift(session, till)
        assert shift is not None and shift.id is not None
        expected = cash_position(session, shift).expected
    counted = max(expected + plan["variance"], 0)
    ledger.came_in += counted - expected  # over: in; short: out
    setoran = hundreds(counted * plan["setoran"] // 100)
    with db.write() as session:
        close_shift(
            session, shift.id, pieces(counted), "selisih", TREASURER, at(hour + 6, day=day),
            setoran=setoran,
        )  # fmt: skip


def member_cash(db: Database, kind: str, amount: int, till: str, when: Any) -> None:
    with db.write() as session:
        member = find_member(session, MEMBER)
        assert member is not None and member.id is not None
        take_savings(
            session, TREASURER, member.id, kind, till=till, now=when, shop=load_shop(session),
            amount=amount,
        )  # fmt: skip


def play_kas(db: Database, day: date, plan: dict[str, Any], ledger: Ledger) -> None:
    with db.write() as session:
        shop = load_shop(session)
        held = kas_balance(session)
        banked = hundreds(held * plan["bank"] // 100)
        if banked:
            deposit_to_bank(session, banked, "BRI", TREASURER, at(22, day=day), shop)
            ledger.went_out += banked
        category, share = plan["expense"]
        spent = hundreds((held - banked) * share // 100)
        if spent:
            record_expense(session, spent, category, "nota", TREASURER, at(22, 5, day=day), shop)
            ledger.went_out += spent


def play_week(db: Database, week: list[dict[str, Any]]) -> None:
    ledger = Ledger()
    days = [DAY + timedelta(days=n) for n in range(len(week))]
    for day, plan in zip(days, week, strict=True):
        for index, shifts in enumerate(plan["tills"]):
            for number, shift in enumerate(shifts):  # a morning and an afternoon shift
                play_shift(db, f"K{index + 1}", day, shift, ledger, hour=7 + 8 * number)
        play_kas(db, day, plan, ledger)
    before: dict[str, int] = {}
    with db.read() as session:
        shop = load_shop(session)
        for day in days:
            book = cashbook_day(session, day, shop)
            entries = cashbook_entries(book, shop)
            boxes = {e.description: e.balance for e in entries if e.no is not None}
            openings = {
                text.removeprefix("Saldo awal "): balance
                for text, balance in boxes.items()
                if text.startswith("Saldo awal ")
            }
            # every box opens the day with what it closed the day before
            assert {box: amount for box, amount in openings.items() if amount} == {
                box: amount for box, amount in before.items() if amount
            }
            before = {
                text.removeprefix("Saldo akhir "): balance
                for text, balance in boxes.items()
                if text.startswith("Saldo akhir ")
            }
            total = entries[-1]
            assert total.balance == sum(before.values())
            assert total.balance == sum(openings.values()) + (total.debit or 0) - (
                total.credit or 0
            )
        drawers = 0
        for till in {f"K{n + 1}" for plan in week for n in range(len(plan["tills"]))}:
            carried = carried_cash(session, till)
            assert carried is not None
            drawers += carried.stayed
        kas = kas_balance(session)
        assert total.balance == drawers + kas
        assert total.balance == ledger.opened + ledger.came_in - ledger.went_out
        assert verify(session).intact


@given(week=WEEK)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_week_of_shifts_reconciles_every_cash_box(
    catalogue_file: Path, week: list[dict[str, Any]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gerai.db"
        copy_database(catalogue_file, path)
        db = Database(f"sqlite:///{path}")
        try:
            play_week(db, week)
        finally:
            db.dispose()
