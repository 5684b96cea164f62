"""The daily summary (SPEC §6): its arithmetic on generated days made through the real
services, the business day in the shop's time zone, voids, margin from cost, top items, low
stock, and the JSON form."""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from conftest import NOW, OWNER, copy_database
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shop_day import DAY, at, close, fill, give_back, move, open_till, sell, void
from sqlalchemy import update

from gerai.core.errors import GeraiError
from gerai.core.money import round_rupiah
from gerai.core.words import PaymentMethod
from gerai.db import Database
from gerai.models import Product
from gerai.services.members.kasbon import outstanding
from gerai.services.reports.daily import DailySummary, daily_summary
from gerai.services.sale.cart import Cart
from gerai.services.sale.checkout import Tender
from gerai.services.shop.profile import load_shop, save_shop_settings

CODES = ["BRS-SPHP5", "BRS-MED-KG", "TLR-KG", "MYK-1L", "IDM-GRG", "AQA-600", "CBR-KG"]
TILLS = ("K1", "K2")


def summary_of(db: Database, day: date = DAY) -> DailySummary:
    with db.read() as session:
        return daily_summary(session, day, load_shop(session))


# --- generated days ------------------------------------------------------------------------


@dataclass
class Expected:
    """What the test itself counts while making the day."""

    sales: int = 0
    gross: int = 0
    member_discount: int = 0
    net: int = 0
    cost: int = 0
    member_count: int = 0
    member_net: int = 0
    payments: Counter[str] = field(default_factory=Counter)
    categories: Counter[str] = field(default_factory=Counter)
    hours: Counter[int] = field(default_factory=Counter)
    hour_net: Counter[int] = field(default_factory=Counter)
    cash: Counter[str] = field(default_factory=Counter)  # per till: cash sales
    cash_in: Counter[str] = field(default_factory=Counter)
    cash_out: Counter[str] = field(default_factory=Counter)
    voids: dict[str, int] = field(default_factory=dict)
    returns: dict[str, int] = field(default_factory=dict)  # retur number: refund
    refunds: Counter[str] = field(default_factory=Counter)  # per till: cash refunds


SALE = st.fixed_dictionaries(
    {
        "till": st.sampled_from(TILLS),
        "items": st.lists(
            st.tuples(st.sampled_from(CODES), st.integers(min_value=1, max_value=2500)),
            min_size=1,
            max_size=3,
        ),
        "member": st.booleans(),
        "method": st.sampled_from(["tunai", "qris", "transfer", "kasbon", "split"]),
        "over": st.sampled_from([0, 0, 500, 20_000]),  # cash handed over beyond the total
        "void": st.sampled_from([False, False, False, False, True]),
        "retur": st.sampled_from([None, None, None, "tunai", "own"]),  # line 1 comes back
        "damaged": st.booleans(),
    }
)
MOVE = st.fixed_dictionaries(
    {
        "till": st.sampled_from(TILLS),
        "kind": st.sampled_from(["in", "out"]),
        "amount": st.integers(min_value=1, max_value=300_000),
        "reason": st.sampled_from(["beli kantong plastik", "tambah uang kecil", "bayar & antar"]),
    }
)
DAYS = st.fixed_dictionaries(
    {
        "opening": st.tuples(*(st.integers(min_value=0, max_value=2_000_000) for _ in TILLS)),
        "events": st.lists(
            st.tuples(st.integers(min_value=0, max_value=24 * 60 - 2), st.one_of(SALE, MOVE)),
            max_size=12,
        ),
        "close": st.tuples(*(st.none() | st.integers(min_value=-30, max_value=30) for _ in TILLS)),
    }
)


def over_credit(db: Database, cart: Cart) -> bool:
    """Whether the cart's total on kasbon would pass the member's credit limit."""
    assert cart.member is not None
    with db.read() as session:
        owed = outstanding(session, cart.member.id)
    return owed + cart.totals().total > cart.member.credit_limit


def make_day(db: Database, plan: dict[str, Any]) -> Expected:
    """Make the planned day through the services, counting what the summary must show."""
    expected = Expected()
    shifts = {
        till: open_till(db, till, cash, at(0, 0))
        for till, cash in zip(TILLS, plan["opening"], strict=True)
    }
    for minute, event in sorted(plan["events"], key=lambda e: e[0]):
        when = at(minute // 60, minute % 60, 30)
        if "kind" in event:
            with contextlib.suppress(GeraiError):  # more out than the drawer holds: refused
                move(db, event["till"], event["kind"], event["amount"], event["reason"], when)
                bucket = expected.cash_in if event["kind"] == "in" else expected.cash_out
                bucket[event["till"]] += event["amount"]
            continue
        items = []
        for code, units in event["items"]:
            items.append((code, Decimal(units) / 1000 if code.endswith("-KG") else Decimal(1)))
        try:
            cart = fill(db, items, member=event["member"])
        except GeraiError:  # out of stock or over a per-sale limit
            continue
        totals = cart.totals()
        method = event["method"]
        if method == "kasbon" and (cart.member is None or over_credit(db, cart)):
            method = "tunai"
        if method == "split":
            part = totals.total // 2
            tenders = [Tender("qris", part), Tender("tunai", totals.total - part + event["over"])]
            paid = {"qris": part, "tunai": totals.total - part}
        else:
            extra = event["over"] if method == "tunai" else 0
            tenders = [Tender(method, totals.total + extra)]
            paid = {method: totals.total}
        result = sell(db, event["till"], cart, when, tenders)
        if event["void"]:
            void(db, result.receipt_no)
            expected.voids[result.receipt_no] = result.total
            continue
        if event["retur"]:
            line = cart.view()[0]
            refund_method = "tunai" if event["retur"] == "tunai" or len(paid) > 1 else method
            with contextlib.suppress(GeraiError):  # a cash refund beyond the drawer: refused
                back = give_back(
                    db, event["till"], result.receipt_no,
                    [(1, line.qty, event["damaged"])], when, refund_method,
                )  # fmt: skip
                assert back.refund_total == line.amount
                expected.returns[back.number] = back.refund_total
                if refund_method == "tunai":
                    expected.refunds[event["till"]] += back.refund_total
        expected.sales += 1
        expected.gross += totals.gross
        expected.member_discount += totals.member_discount
        expected.net += totals.total
        expected.member_count += cart.member is not None
        expected.member_net += totals.total if cart.member is not None else 0
        expected.payments.update(paid)
        expected.hours[when.hour] += 1
        expected.hour_net[when.hour] += totals.total
        expected.cash[event["till"]] += paid.get("tunai", 0)
        for line in cart.view():
            expected.categories[line.product.category] += line.amount
            expected.cost += round_rupiah(line.qty * line.product.cost)
    for till, delta in zip(TILLS, plan["close"], strict=True):
        if delta is None:
            continue
        should = (
            dict(zip(TILLS, plan["opening"], strict=True))[till]
            + expected.cash[till]
            + expected.cash_in[till]
            - expected.cash_out[till]
            - expected.refunds[till]
        )
        counted = max(0, should - should % 100 + delta * 100)
        reason = "uang kurang / lebih" if counted != should else ""
        close(db, shifts[till], counted, reason, at(23, 59, 40))
    return expected


@given(plan=DAYS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_summary_adds_up_on_any_day(catalogue_file: Path, plan: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gerai.db"
        copy_database(catalogue_file, path)
        db = Database(f"sqlite:///{path}")
        try:
            expected = make_day(db, plan)
            summary = summary_of(db)
        finally:
            db.dispose()
    s = summary
    # the SPEC's identities
    assert s.net == s.gross - s.member_discount - s.manual_discount + s.rounding
    assert sum(s.payments.values()) == s.net
    assert s.member.net + s.non_member.net == s.net
    assert s.member.count + s.non_member.count == s.sales_count
    assert sum(c.net for c in s.categories) - s.sale_discount + s.rounding == s.net
    assert sum(h.net for h in s.by_hour) == s.net
    assert sum(h.count for h in s.by_hour) == s.sales_count
    assert s.margin == s.net_after_returns - (s.cost - s.returns_cost)  # net of returns
    assert sum(c.margin for c in s.categories) + s.rounding == s.margin  # net of returns
    assert sum(c.returns for c in s.categories) == s.returns_total
    assert sum(c.returns_cost for c in s.categories) == s.returns_cost
    assert all(
        c.margin == c.net - c.sale_discount - c.returns - (c.cost - c.returns_cost)
        for c in s.categories
    )
    assert s.cost == sum(c.cost for c in s.categories)
    # ... and the figures the test counted itself
    assert (s.sales_count, s.gross, s.member_discount, s.manual_discount, s.net) == (
        expected.sales,
        expected.gross,
        expected.member_discount,
        0,
        expected.net,
    )
    assert s.average_basket == (s.net // s.sales_count if s.sales_count else 0)
    assert s.payments == {m: expected.payments[m] for m in PaymentMethod}
    assert (s.member.count, s.member.net) == (expected.member_count, expected.member_net)
    assert {c.name: c.net for c in s.categories} == +expected.categories
    assert s.cost == expected.cost
    assert [h.hour for h in s.by_hour] == list(range(24))
    assert {h.hour: h.count for h in s.by_hour if h.count} == dict(expected.hours)
    assert {h.hour: h.net for h in s.by_hour if h.count} == dict(expected.hour_net)
    assert {v.receipt_no: v.total for v in s.voids} == expected.voids
    assert all((v.reason, v.approved_by) == ("salah input", "bendahara") for v in s.voids)
    assert {r.number: r.total for r in s.returns} == expected.returns
    assert s.returns_total == sum(expected.returns.values())
    assert s.net_after_returns == s.net - s.returns_total
    # every till's cash
    assert [shift.till for shift in s.shifts] == list(TILLS)
    for shift, opening, delta in zip(s.shifts, plan["opening"], plan["close"], strict=True):
        assert shift.opening_cash == opening
        assert (shift.cash_sales, shift.cash_in, shift.cash_out, shift.refunds) == (
            expected.cash[shift.till],
            expected.cash_in[shift.till],
            expected.cash_out[shift.till],
            expected.refunds[shift.till],
        )
        assert shift.expected_cash == (
            shift.opening_cash + shift.cash_sales + shift.cash_in - shift.cash_out - shift.refunds
        )
        assert sum(m.amount for m in shift.movements if m.kind == "in") == shift.cash_in
        assert sum(m.amount for m in shift.movements if m.kind == "out") == shift.cash_out
        if delta is None:
            assert shift.status == "open"
            assert shift.counted_cash is shift.variance is shift.closed_at is None
        else:
            assert shift.status == "closed"
            assert shift.counted_cash is not None
            assert shift.variance == shift.counted_cash - shift.expected_cash
            assert (shift.closed_by, shift.confirmed_by) == ("kasir", "bendahara")
            assert bool(shift.variance_reason) == bool(shift.variance)
    # the top items: at most ten, the best first, each with its exact quantity
    nets = [item.net for item in s.top_items]
    assert len(nets) <= 10 and nets == sorted(nets, reverse=True)
    json.dumps(s.as_dict())


# --- the business day and its hours in the shop's time zone ----------------------------------


@pytest.mark.parametrize(
    ("zone", "label"),
    [("Asia/Jakarta", "WIB"), ("Asia/Makassar", "WITA"), ("Asia/Jayapura", "WIT")],
)
def test_a_sale_at_23_59_and_one_at_00_01_fall_on_different_days(
    catalogue_db: Database, zone: str, label: str
) -> None:
    with catalogue_db.write() as session:
        shop = save_shop_settings(session, OWNER, now=NOW, timezone=zone)
    assert shop.zone_label == label
    local = ZoneInfo(zone)
    opened = datetime(2025, 11, 30, 20, 0, tzinfo=local)
    late = datetime(2025, 11, 30, 23, 59, tzinfo=local)
    early = datetime(2025, 12, 1, 0, 1, tzinfo=local)
    open_till(catalogue_db, "K1", 100_000, opened)
    first = sell(catalogue_db, "K1", fill(catalogue_db, [("IDM-GRG", Decimal(1))]), late)
    second = sell(catalogue_db, "K1", fill(catalogue_db, [("IDM-GRG", Decimal(2))]), early)
    nov30 = summary_of(catalogue_db, date(2025, 11, 30))
    dec01 = summary_of(catalogue_db, date(2025, 12, 1))
    assert (nov30.sales_count, nov30.net) == (1, first.total)
    assert (dec01.sales_count, dec01.net) == (1, second.total)
    assert [h.hour for h in nov30.by_hour if h.count] == [23]
    assert [h.hour for h in dec01.by_hour if h.count] == [0]
    assert nov30.timezone == zone
    # the shift belongs to the day it was opened; its cash is the whole drawer's
    assert [s.id for s in nov30.shifts] and dec01.shifts == ()
    assert nov30.shifts[0].cash_sales == first.total + second.total
    assert nov30.shifts[0].opened_at.isoformat() == opened.isoformat()
    assert nov30.as_dict()["shifts"][0]["opened_at"] == opened.isoformat()
    assert nov30.shifts[0].later_sales == 1  # the 00.01 sale is the next day's


def test_a_business_day_that_ends_at_two_keeps_the_small_hours(
    catalogue_db: Database, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    from gerai.exports.daily_pdf import daily_pdf

    with catalogue_db.write() as session:
        shop = save_shop_settings(session, OWNER, now=NOW, day_end_hour=2)
    with pytest.raises(GeraiError) as refused, catalogue_db.write() as session:
        save_shop_settings(session, OWNER, now=NOW, day_end_hour=7)
    assert refused.value.key == "shop.bad_day_end"
    with catalogue_db.read() as session:
        assert load_shop(session).day_end_hour == 2  # the refused value was not kept
    wita = shop.zone
    open_till(catalogue_db, "K1", 100_000, datetime(2025, 11, 30, 20, 0, tzinfo=wita))
    small_hours = datetime(2025, 12, 1, 1, 30, tzinfo=wita)
    after_end = datetime(2025, 12, 1, 2, 0, tzinfo=wita)
    first = sell(catalogue_db, "K1", fill(catalogue_db, [("IDM-GRG", Decimal(1))]), small_hours)
    second = sell(catalogue_db, "K1", fill(catalogue_db, [("IDM-GRG", Decimal(2))]), after_end)
    assert shop.business_date(small_hours) == date(2025, 11, 30)
    nov30 = summary_of(catalogue_db, date(2025, 11, 30))
    dec01 = summary_of(catalogue_db, date(2025, 12, 1))
    assert (nov30.net, dec01.net) == (first.total, second.total)
    assert nov30.shifts[0].later_sales == 1
    pages = PdfReader(io.BytesIO(daily_pdf(nov30, shop, NOW))).pages
    text = "".join(page.extract_text() for page in pages)
    assert "melewati akhir hari usaha (02.00): 1 penjualan" in " ".join(text.split())


def test_hours_are_local_hours(catalogue_db: Database) -> None:
    open_till(catalogue_db, "K1", 0, at(6, 0))
    for hour, minute in ((7, 0), (7, 59), (8, 0), (13, 30)):
        sell(catalogue_db, "K1", fill(catalogue_db, [("IDM-GRG", Decimal(1))]), at(hour, minute))
    summary = summary_of(catalogue_db)
    assert {h.hour: h.count for h in summary.by_hour if h.count} == {7: 2, 8: 1, 13: 1}
    assert at(7, 0).astimezone(UTC).hour == 23  # the previous UTC day
    assert all(h.count == 0 for h in summary.by_hour if h.hour not in (7, 8, 13))


# --- particular figures ------------------------------------------------------------------------


def test_a_day_without_sales_is_a_valid_empty_summary(catalogue_db: Database) -> None:
    summary = summary_of(catalogue_db)
    assert (summary.sales_count, summary.gross, summary.net, summary.average_basket) == (0, 0, 0, 0)
    assert summary.payments == dict.fromkeys(PaymentMethod, 0)
    assert (summary.cost, summary.margin, summary.margin_percent) == (0, 0, None)
    assert summary.shifts == summary.categories == summary.top_items == summary.voids == ()
    assert [(h.count, h.net) for h in summary.by_hour] == [(0, 0)] * 24
    data = summary.as_dict()
    assert data["margin_percent"] is None and json.loads(json.dumps(data)) == data


def test_voided_sales_are_listed_and_not_counted(db: Database) -> None:
    kept = sell(db, "K1", fill(db, [("MYK-1L", Decimal(2))]), at(9))
    voided = sell(db, "K2", fill(db, [("AQA-600", Decimal(3))]), at(10, 15))
    void(db, voided.receipt_no)
    summary = summary_of(db)
    assert (summary.sales_count, summary.net) == (1, kept.total)
    assert summary.payments["tunai"] == kept.total
    assert [(v.receipt_no, v.till, v.total, v.cashier, v.reason) for v in summary.voids] == [
        (voided.receipt_no, "K2", voided.total, "kasir", "salah input")
    ]
    assert (summary.voids[0].by, summary.voids[0].approved_by) == ("bendahara", "bendahara")
    assert summary.voids[0].number is summary.voids[0].refund_method is None
    assert summary.voids[0].time.strftime("%H.%M") == "10.15"
    assert {s.till: s.cash_sales for s in summary.shifts} == {"K1": kept.total, "K2": 0}
    assert [c.name for c in summary.categories] == ["Minyak Goreng"]
    assert summary.as_dict()["voids"][0]["time"] == at(10, 15).isoformat()


def test_hpp_rounds_each_line_half_up(db: Database) -> None:
    # Telur Ayam Ras costs Rp26.500/kg: 0,001 kg costs Rp26,5, rounded half up to Rp27 per line
    for minute in (1, 2):
        sell(db, "K1", fill(db, [("TLR-KG", Decimal("0.001"))]), at(9, minute))
    summary = summary_of(db)
    assert summary.cost == 54  # not round(53) of the two lines summed first
    assert summary.categories[0].cost == 54
    assert summary.margin == summary.net - 54
    assert summary.margin_percent == Decimal(summary.margin * 100 / summary.net).quantize(
        Decimal("0.1")
    )


def test_margin_percent_is_exact_to_one_decimal(db: Database) -> None:
    sell(db, "K1", fill(db, [("IDM-GRG", Decimal(3))]), at(9))  # Rp10.500, cost Rp9.300
    summary = summary_of(db)
    assert (summary.net, summary.cost, summary.margin) == (10_500, 9_300, 1_200)
    assert summary.margin_percent == Decimal("11.4")  # 11,428…
    assert summary.as_dict()["margin_percent"] == "11.4"


def test_top_items_are_the_ten_best_with_exact_quantities(db: Database) -> None:
    codes = ["BRS-SPHP5", "MYK-1L", "IDM-GRG", "AQA-600", "CBR-KG", "BRS-MED-KG", "GLA-1KG"]
    codes += ["TPG-SGB1", "KCP-ABC135", "TLR-BTR", "GRM-250", "MYK-500"]
    for number, code in enumerate(codes):
        qty = Decimal("1.25") if code.endswith("-KG") else Decimal(1)
        sell(db, "K1", fill(db, [(code, qty)]), at(9, number))
    sell(db, "K2", fill(db, [("BRS-MED-KG", Decimal("0.5"))]), at(10))
    summary = summary_of(db)
    assert len(summary.top_items) == 10
    nets = [i.net for i in summary.top_items]
    assert nets == sorted(nets, reverse=True)
    assert {"TLR-BTR", "GRM-250"}.isdisjoint(i.code for i in summary.top_items)  # the cheapest
    rice = next(i for i in summary.top_items if i.code == "BRS-MED-KG")
    assert (rice.qty, rice.unit, rice.net) == (Decimal("1.75"), "kg", 23_625)  # 1,75 × 13.500
    item = next(i for i in summary.as_dict()["top_items"] if i["code"] == "BRS-MED-KG")
    assert item == {
        "code": "BRS-MED-KG",
        "name": "Beras Medium Curah",
        "unit": "kg",
        "qty": "1.75",
        "net": 23_625,
    }


def test_low_stock_lists_active_items_at_or_below_their_reorder_level(db: Database) -> None:
    before = {i.code for i in summary_of(db).low_stock}
    assert "CBR-KG" not in before  # 4,25 kg in stock, reorder at 1 kg
    sell(db, "K1", fill(db, [("CBR-KG", Decimal("3.5"))]), at(9))
    sell(db, "K1", fill(db, [("TLR-KG", Decimal("35.5"))]), at(9, 5))  # 45,5 → 10 = the level
    with db.write() as session:
        session.execute(update(Product).where(Product.code == "AQA-600").values(active=False))  # type: ignore[arg-type]
        session.execute(update(Product).where(Product.code == "AQA-600").values(reorder_level=999))  # type: ignore[arg-type]
    low = {i.code: i for i in summary_of(db).low_stock}
    assert (low["CBR-KG"].stock, low["CBR-KG"].reorder_level) == (Decimal("0.75"), Decimal(1))
    assert (low["TLR-KG"].stock, low["TLR-KG"].reorder_level) == (Decimal(10), Decimal(10))
    assert "AQA-600" not in low
    codes = [i.code for i in summary_of(db).low_stock]
    assert codes == sorted(codes)
    as_json = {i["code"]: i for i in summary_of(db).as_dict()["low_stock"]}
    assert as_json["CBR-KG"] == {
        "code": "CBR-KG",
        "name": "Cabai Rawit",
        "unit": "kg",
        "stock": "0.75",
        "reorder_level": "1",
    }


def test_cash_movements_carry_their_reasons_in_order(db: Database) -> None:
    move(db, "K1", "in", 50_000, "tambah uang kecil", at(8))
    move(db, "K1", "out", 20_000, "beli kantong plastik", at(12, 30))
    shift = next(s for s in summary_of(db).shifts if s.till == "K1")
    assert [(m.kind, m.amount, m.reason, m.by) for m in shift.movements] == [
        ("in", 50_000, "tambah uang kecil", "kasir"),
        ("out", 20_000, "beli kantong plastik", "kasir"),
    ]
    assert shift.expected_cash == 500_000 + 50_000 - 20_000


# --- the JSON form ---------------------------------------------------------------------------


TOP_KEYS = {
    "date", "timezone", "sales_count", "gross", "member_discount", "manual_discount", "net",
    "sale_discount", "rounding",
    "returns_total", "returns_rounding", "net_after_returns", "average_basket", "payments",
    "member", "non_member",
    "cost", "returns_cost", "margin", "margin_percent",
    "shifts", "categories", "top_items", "by_hour", "voids", "returns", "low_stock", "noncash",
}  # fmt: skip
SHIFT_KEYS = {
    "id", "till", "status", "opened_at", "opened_by", "opening_cash", "cash_sales", "cash_in",
    "cash_out", "refunds", "member_cash_in", "member_cash_out", "rounding", "returns_rounding",
    "expected_cash", "counted_cash",
    "variance", "variance_reason", "setoran", "stayed", "closed_at", "closed_by", "later_sales",
    "confirmed_by", "movements",
}  # fmt: skip


def test_the_json_keys_are_the_documented_ones(db: Database) -> None:
    move(db, "K1", "out", 10_000, "parkir", at(8))
    sale = sell(db, "K1", fill(db, [("BRS-MED-KG", Decimal("2.5"))], member=True), at(9))
    sell(db, "K2", fill(db, [("CBR-KG", Decimal("3.5"))]), at(9, 10))  # now below its level
    void(db, sell(db, "K2", fill(db, [("IDM-GRG", Decimal(1))]), at(9, 30)).receipt_no)
    give_back(db, "K1", sale.receipt_no, [(1, Decimal("0.5"), False)], at(9, 40))
    with db.read() as session:
        shift_id = next(s.id for s in daily_summary(session, DAY, load_shop(session)).shifts)
    close(db, shift_id, 500_000 - 10_000 + sale.total - (sale.total % 100), "koin kurang", at(21))
    data = summary_of(db).as_dict()
    assert set(data) == TOP_KEYS
    assert set(data["payments"]) == set(PaymentMethod)
    assert set(data["member"]) == set(data["non_member"]) == {"count", "net"}
    assert all(set(s) == SHIFT_KEYS for s in data["shifts"])
    assert set(data["shifts"][0]["movements"][0]) == {"time", "kind", "amount", "reason", "by"}
    assert set(data["categories"][0]) == {
        "name", "net", "sale_discount", "returns", "cost", "returns_cost", "margin"
    }  # fmt: skip
    assert set(data["top_items"][0]) == {"code", "name", "unit", "qty", "net"}
    assert set(data["by_hour"][0]) == {"hour", "count", "net"}
    assert set(data["voids"][0]) == set(data["returns"][0]) == {
        "receipt_no", "number", "till", "time", "cashier", "by", "approved_by", "total",
        "refund_method", "reason",
    }  # fmt: skip
    assert set(data["low_stock"][0]) == {"code", "name", "unit", "stock", "reorder_level"}
    assert data["date"] == "2025-11-30"
    assert {i["code"]: i["qty"] for i in data["top_items"]} == {
        "BRS-MED-KG": "2.5",
        "CBR-KG": "3.5",
    }
    closed = data["shifts"][0]
    assert closed["closed_at"] == at(21).isoformat() and closed["variance_reason"] == "koin kurang"
    assert closed["opened_at"].endswith("+08:00")
    assert data["shifts"][1]["counted_cash"] is None and data["shifts"][1]["variance"] is None
    assert json.loads(json.dumps(data)) == data
    for key in ("gross", "net", "cost", "margin"):
        assert isinstance(data[key], int)


def test_the_summary_of_a_day_reads_only_that_day(db: Database) -> None:
    today = sell(db, "K1", fill(db, [("IDM-GRG", Decimal(1))]), at(12))
    sell(db, "K1", fill(db, [("IDM-GRG", Decimal(5))]), at(0, 30, day=DAY + timedelta(days=1)))
    summary = summary_of(db)
    assert (summary.sales_count, summary.net) == (1, today.total)
    assert defaultdict(int, {c.name: c.net for c in summary.categories})["Mi Instan"] == today.total
