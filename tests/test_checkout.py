"""Paying: the tender rules, the one transaction that writes a sale, gapless receipt numbers
per till per day, all-or-nothing refusals, the stock ledger, and the business day."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import NOW
from hypothesis import given, settings
from hypothesis import strategies as st

from gerai.core.errors import GeraiError
from gerai.core.money import MAX_RUPIAH
from gerai.db import Database
from gerai.services.members.lookup import find_member
from gerai.services.reports.daily import daily_summary
from gerai.services.sale.cart import Cart, parse_scan
from gerai.services.sale.checkout import SaleResult, Settlement, Tender, checkout, settle
from gerai.services.sale.held import hold_cart, list_held, recall_cart
from gerai.services.shop.profile import ShopProfile, load_shop, save_shop_settings
from gerai.services.stock.catalog import find_by_code, get_product
from gerai.services.stock.ledger import Movement, move_stock, stock_check
from tests.conftest import CASHIER, OWNER, copy_database, raw

TABLES = ("sale", "saleline", "payment", "stockmovement", "receiptcounter")


def counts(db: Database) -> dict[str, int]:
    """Row counts read straight from the database, bypassing gerai."""
    return {table: raw(db, f"SELECT count(*) FROM {table}")[0][0] for table in TABLES}


def raw_stock(db: Database, code: str) -> Decimal:
    [(milli,)] = raw(db, "SELECT stock FROM product WHERE code = :code", code=code)
    return Decimal(milli) / 1000


def fill(db: Database, shop: ShopProfile, *scans: str, member: str | None = None) -> Cart:
    """A cart built as the kasir builds it, from what is in the database now."""
    cart = Cart(global_discount_bp=shop.member_discount_bp)
    with db.read() as session:
        if member is not None:
            found = find_member(session, member)
            assert found is not None
            cart.attach_member(found)
        for raw in scans:
            request = parse_scan(raw)
            product = find_by_code(session, request.code)
            assert product is not None, request.code
            cart.add(product, request.qty)
    return cart


def sell(
    db: Database,
    shop: ShopProfile,
    *scans: str,
    tenders: list[Tender] | None = None,
    till: str = "K1",
    now: datetime = NOW,
    member: str | None = None,
) -> SaleResult:
    cart = fill(db, shop, *scans, member=member)
    with db.write() as session:
        return checkout(
            session,
            cart,
            tenders or [Tender("tunai")],
            till=till,
            actor=CASHIER,
            now=now,
        )


# --- settle --------------------------------------------------------------------------------


def test_settle_exact_with_uang_pas() -> None:
    assert settle(45_500, [Tender("tunai")], False) == Settlement(
        payments=(("tunai", 45_500, 45_500),), paid=45_500, change=0
    )


def test_settle_exact_amount_typed() -> None:
    result = settle(45_500, [Tender("tunai", 45_500)], False)
    assert (result.paid, result.change) == (45_500, 0)


def test_settle_gives_exact_change() -> None:
    result = settle(45_500, [Tender("tunai", 100_000)], False)
    assert result.payments == (("tunai", 45_500, 100_000),)
    assert result.paid == 100_000
    assert result.change == 54_500


def test_settle_refuses_a_tender_below_the_total() -> None:
    with pytest.raises(GeraiError) as raised:
        settle(45_500, [Tender("tunai", 45_000)], False)
    assert raised.value.key == "pay.too_little"
    assert "Rp500" in str(raised.value) and "Rp45.500" in str(raised.value)


@pytest.mark.parametrize(
    ("tenders", "is_member", "key"),
    [
        ([], False, "pay.no_tender"),
        ([Tender("tunai", -1)], False, "pay.negative"),
        ([Tender("tunai", MAX_RUPIAH + 1)], False, "pay.too_large"),
        ([Tender("qris", 50_000)], False, "pay.noncash_over"),
        ([Tender("transfer", 45_501)], False, "pay.noncash_over"),
        ([Tender("kasbon", 50_000)], True, "pay.noncash_over"),
        ([Tender("kasbon")], False, "pay.kasbon_member_only"),
        ([Tender("dana")], False, "pay.bad_method"),
        ([Tender("tunai", 0)], False, "pay.too_little"),
        ([Tender("qris", 20_000), Tender("tunai", 20_000)], False, "pay.too_little"),
    ],
)
def test_settle_refuses(tenders: list[Tender], is_member: bool, key: str) -> None:
    with pytest.raises(GeraiError) as raised:
        settle(45_500, tenders, is_member)
    assert raised.value.key == key
    assert raised.value.message() != key


def test_settle_kasbon_for_a_member() -> None:
    result = settle(45_500, [Tender("kasbon")], True)
    assert result.payments == (("kasbon", 45_500, 45_500),)
    assert result.change == 0


def test_settle_qris_then_cash() -> None:
    result = settle(45_500, [Tender("qris", 20_000), Tender("tunai", 50_000)], False)
    assert result.payments == (("qris", 20_000, 20_000), ("tunai", 25_500, 50_000))
    assert result.paid == 70_000
    assert result.change == 24_500
    assert sum(amount for _, amount, _ in result.payments) == 45_500


def test_settle_qris_then_uang_pas() -> None:
    result = settle(45_500, [Tender("qris", 20_000), Tender("tunai")], False)
    assert result.payments == (("qris", 20_000, 20_000), ("tunai", 25_500, 25_500))
    assert result.change == 0


@given(
    total=st.integers(min_value=0, max_value=10_000_000),
    tenders=st.lists(
        st.builds(
            Tender,
            st.sampled_from(["tunai", "qris", "transfer", "kasbon"]),
            st.one_of(st.none(), st.integers(min_value=0, max_value=20_000_000)),
        ),
        min_size=1,
        max_size=4,
    ),
)
@settings(max_examples=300, deadline=None)
def test_settle_property(total: int, tenders: list[Tender]) -> None:
    try:
        result = settle(total, tenders, True)
    except GeraiError:
        return
    assert sum(amount for _, amount, _ in result.payments) == total
    assert result.paid - result.change == total
    assert result.change >= 0
    for method, amount, handed in result.payments:
        assert 0 <= amount <= handed
        if method != "tunai":
            assert amount == handed  # only cash gives change


# --- one sale, one transaction -------------------------------------------------------------


def test_checkout_writes_sale_lines_payments_and_movements(db: Database, shop: ShopProfile) -> None:
    before = counts(db)
    assert before["sale"] == 0
    opening = {c: raw_stock(db, c) for c in ("BRS-SPHP5", "BRS-MED-KG", "AQA-600")}
    result = sell(
        db,
        shop,
        "2*BRS-SPHP5",
        "1,5*BRS-MED-KG",
        "3*AQA-600",
        tenders=[Tender("qris", 50_000), Tender("tunai", 200_000)],
    )
    total = 2 * 62_500 + 20_250 + 3 * 4_000
    assert result.receipt_no == "K1-20251130-0001"
    assert (result.total, result.paid, result.change) == (total, 250_000, 250_000 - total)

    after = counts(db)
    assert after == {
        "sale": 1,
        "saleline": 3,
        "payment": 2,
        "stockmovement": before["stockmovement"] + 3,
        "receiptcounter": 1,
    }
    [sale] = raw(
        db,
        "SELECT receipt_no, till, business_date, member_id, gross, member_discount, "
        "manual_discount, total, paid, change, status FROM sale",
    )
    lines = raw(
        db,
        "SELECT line_no, code, qty, unit_price, line_gross, line_total FROM saleline "
        "ORDER BY line_no",
    )
    payments = raw(db, "SELECT method, amount, tendered FROM payment ORDER BY id")
    movements = raw(
        db,
        "SELECT p.code, m.kind, m.qty, m.ref, m.sale_id FROM stockmovement m "
        "JOIN product p ON p.id = m.product_id WHERE m.kind = 'sale' ORDER BY m.id",
    )
    [counter] = raw(db, "SELECT till, business_date, last_no FROM receiptcounter")
    assert sale == (
        "K1-20251130-0001", "K1", "2025-11-30", None, total, 0, 0, total, 250_000,
        250_000 - total, "completed",
    )  # fmt: skip
    assert lines == [
        (1, "BRS-SPHP5", 2000, 62_500, 125_000, 125_000),
        (2, "BRS-MED-KG", 1500, 13_500, 20_250, 20_250),
        (3, "AQA-600", 3000, 4_000, 12_000, 12_000),
    ]
    assert payments == [("qris", 50_000, 50_000), ("tunai", total - 50_000, 200_000)]
    assert sum(p[1] for p in payments) == total
    assert movements == [
        ("BRS-SPHP5", "sale", -2000, "K1-20251130-0001", result.sale_id),
        ("BRS-MED-KG", "sale", -1500, "K1-20251130-0001", result.sale_id),
        ("AQA-600", "sale", -3000, "K1-20251130-0001", result.sale_id),
    ]
    assert counter == ("K1", "2025-11-30", 1)
    assert raw_stock(db, "BRS-SPHP5") == opening["BRS-SPHP5"] - 2
    assert raw_stock(db, "BRS-MED-KG") == opening["BRS-MED-KG"] - Decimal("1.5")
    assert raw_stock(db, "AQA-600") == opening["AQA-600"] - 3
    with db.read() as session:
        assert stock_check(session) == []


def test_member_sale_records_the_member_and_the_discount(db: Database, shop: ShopProfile) -> None:
    result = sell(
        db, shop, "BRS-SPHP5", "SBN-LFB75", member="KKMP-0001", tenders=[Tender("kasbon")]
    )
    assert result.total == 61_500 + 3_880
    assert result.member_discount == (62_500 + 4_000) - result.total
    [(member_id, gross, discount, total)] = raw(
        db, "SELECT member_id, gross, member_discount, total FROM sale"
    )
    [(number,)] = raw(db, "SELECT number FROM member WHERE id = :id", id=member_id)
    methods = raw(db, "SELECT method, amount FROM payment")
    assert number == "KKMP-0001"
    assert gross - discount == total == result.total
    assert methods == [("kasbon", result.total)]


def test_kasbon_is_refused_without_a_member_and_nothing_is_written(
    db: Database, shop: ShopProfile
) -> None:
    before = counts(db)
    with pytest.raises(GeraiError) as raised:
        sell(db, shop, "AQA-600", tenders=[Tender("kasbon")])
    assert raised.value.key == "pay.kasbon_member_only"
    assert counts(db) == before


def test_empty_cart_is_refused(db: Database, shop: ShopProfile) -> None:
    with pytest.raises(GeraiError) as raised, db.write() as session:
        checkout(session, Cart(), [Tender("tunai")], till="K1", actor=CASHIER, now=NOW)
    assert raised.value.key == "pay.empty_cart"


# --- receipt numbers -----------------------------------------------------------------------


def test_receipt_numbers_are_gapless_per_till_per_day(db: Database, shop: ShopProfile) -> None:
    numbers = [sell(db, shop, "IDM-GRG").receipt_no for _ in range(3)]
    assert numbers == ["K1-20251130-0001", "K1-20251130-0002", "K1-20251130-0003"]
    assert sell(db, shop, "IDM-GRG", till="K2").receipt_no == "K2-20251130-0001"
    assert sell(db, shop, "IDM-GRG").receipt_no == "K1-20251130-0004"
    next_day = NOW + timedelta(days=1)
    assert sell(db, shop, "IDM-GRG", now=next_day).receipt_no == "K1-20251201-0001"
    assert sell(db, shop, "IDM-GRG", now=next_day, till="K2").receipt_no == "K2-20251201-0001"
    assert sell(db, shop, "IDM-GRG").receipt_no == "K1-20251130-0005"
    assert sell(db, shop, "IDM-GRG", now=next_day).receipt_no == "K1-20251201-0002"
    receipts = [r for (r,) in raw(db, "SELECT receipt_no FROM sale")]
    assert len(receipts) == len(set(receipts)) == 9


def test_refused_payment_writes_nothing_and_keeps_the_number(
    db: Database, shop: ShopProfile
) -> None:
    assert sell(db, shop, "AQA-600").receipt_no == "K1-20251130-0001"
    before = counts(db)
    with pytest.raises(GeraiError) as raised:
        sell(db, shop, "2*AQA-600", tenders=[Tender("tunai", 7_999)])
    assert raised.value.key == "pay.too_little"
    assert counts(db) == before
    assert sell(db, shop, "AQA-600").receipt_no == "K1-20251130-0002"


def test_stock_taken_by_another_sale_refuses_and_writes_nothing(
    db: Database, shop: ShopProfile
) -> None:
    """Two tills build carts from the same stock; the slower one finds it gone."""
    assert raw_stock(db, "BRS-MED10") == 20
    slow = fill(db, shop, "15*BRS-MED10", "AQA-600")  # saw 20 karung
    sell(db, shop, "10*BRS-MED10", till="K2")  # the other till sells 10 first
    before = counts(db)
    stock_before = {c: raw_stock(db, c) for c in ("BRS-MED10", "AQA-600")}
    with pytest.raises(GeraiError) as raised, db.write() as session:
        checkout(session, slow, [Tender("tunai")], till="K1", actor=CASHIER, now=NOW)
    assert raised.value.key == "cart.out_of_stock"
    assert "10 karung" in raised.value.message()
    assert counts(db) == before  # no sale, line, payment, movement or counter row
    assert {c: raw_stock(db, c) for c in stock_before} == stock_before
    assert raw(db, "SELECT count(*) FROM receiptcounter WHERE till = 'K1'") == [(0,)]
    assert sell(db, shop, "10*BRS-MED10").receipt_no == "K1-20251130-0001"
    assert raw_stock(db, "BRS-MED10") == 0
    with db.read() as session:
        assert stock_check(session) == []


def test_checkout_rechecks_a_recalled_cart(db: Database, shop: ShopProfile) -> None:
    """A held cart comes back priced afresh; the till's rules still apply at payment."""
    cart = fill(db, shop, "2*BRS-SPHP5", "AQA-600", member="KKMP-0002")
    with db.write() as session:
        held = hold_cart(session, cart, "K1", CASHIER, NOW)
    assert held.lines == 2
    # the limit is lowered while the cart waits
    raw(db, "UPDATE product SET max_per_sale = 1000 WHERE code = 'BRS-SPHP5'")
    recalled = Cart(global_discount_bp=shop.member_discount_bp)
    with db.write() as session:
        assert [h.id for h in list_held(session, "K1")] == [held.id]
        recall_cart(session, held.id, recalled, CASHIER, NOW)
        assert list_held(session, "K1") == []
    assert recalled.member is not None and recalled.member.number == "KKMP-0002"
    before = counts(db)
    with pytest.raises(GeraiError) as raised, db.write() as session:
        checkout(session, recalled, [Tender("tunai")], till="K1", actor=CASHIER, now=NOW)
    assert raised.value.key == "cart.limit"
    assert counts(db) == before
    recalled.set_quantity(0, Decimal(1))
    with db.write() as session:
        result = checkout(session, recalled, [Tender("tunai")], till="K1", actor=CASHIER, now=NOW)
    assert result.receipt_no == "K1-20251130-0001"
    assert result.total == 61_500 + 3_960


# --- business day --------------------------------------------------------------------------


def test_business_day_follows_the_shop_time_zone(db: Database, shop: ShopProfile) -> None:
    assert shop.timezone == "Asia/Makassar" and shop.zone_label == "WITA"
    late = datetime(2025, 11, 30, 15, 59, tzinfo=UTC)  # 23.59 WITA
    early = datetime(2025, 11, 30, 16, 1, tzinfo=UTC)  # 00.01 WITA next day
    assert late.astimezone(shop.zone).strftime("%H.%M") == "23.59"
    assert shop.business_date(late) == date(2025, 11, 30)
    assert shop.business_date(early) == date(2025, 12, 1)
    first = sell(db, shop, "IDM-GRG", now=late)
    second = sell(db, shop, "2*IDM-GRG", now=early)
    assert first.receipt_no == "K1-20251130-0001"
    assert second.receipt_no == "K1-20251201-0001"
    with db.read() as session:
        nov30 = daily_summary(session, date(2025, 11, 30), shop)
        dec01 = daily_summary(session, date(2025, 12, 1), shop)
    assert (nov30.sales_count, nov30.net) == (1, 3_500)
    assert (dec01.sales_count, dec01.net) == (1, 7_000)
    stored = raw(db, "SELECT created_at FROM sale ORDER BY id")
    assert [s[:16] for (s,) in stored] == ["2025-11-30 15:59", "2025-11-30 16:01"]  # UTC


def test_business_day_in_jakarta_is_an_hour_later(db: Database) -> None:
    jakarta = ShopProfile(timezone="Asia/Jakarta")
    moment = datetime(2025, 11, 30, 16, 30, tzinfo=UTC)  # 23.30 WIB, 00.30 WITA
    assert jakarta.business_date(moment) == date(2025, 11, 30)
    assert ShopProfile(timezone="Asia/Makassar").business_date(moment) == date(2025, 12, 1)


@pytest.mark.parametrize(
    ("values", "key"),
    [
        ({"timezone": "Asia/Atlantis"}, "shop.bad_setting"),
        ({"member_discount_bp": "satu"}, "shop.bad_setting"),
        ({"allow_negative_stock": "mungkin"}, "shop.bad_setting"),
        ({"warna": "merah"}, "shop.unknown_setting"),
    ],
)
def test_bad_shop_settings_are_refused(db: Database, values: dict[str, str], key: str) -> None:
    with pytest.raises(GeraiError) as raised, db.write() as session:
        save_shop_settings(session, OWNER, now=NOW, **values)
    assert raised.value.key == key
    assert next(iter(values)) in raised.value.message()
    with db.read() as session:
        assert load_shop(session).timezone == "Asia/Makassar"


def test_shop_settings_are_stored(db: Database) -> None:
    with db.write() as session:
        saved = save_shop_settings(
            session, OWNER, now=NOW, timezone="Asia/Jayapura", allow_negative_stock=True
        )
    assert (saved.zone_label, saved.allow_negative_stock) == ("WIT", True)
    with db.read() as session:
        assert load_shop(session) == saved


# --- the stock ledger under any sequence of sales ------------------------------------------


@pytest.fixture(scope="module")
def ledger_db(tmp_path_factory: pytest.TempPathFactory, catalogue_file: Path) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("ledger") / "gerai.db"
    copy_database(catalogue_file, path)
    database = Database(f"sqlite:///{path}")
    yield database
    database.dispose()


LEDGER_CODES = ["BRS-SPHP5", "BRS-MED10", "BRS-MED-KG", "CBR-KG", "LPG-12KG", "AQA-600"]

SALES = st.lists(
    st.tuples(
        st.lists(
            st.tuples(
                st.sampled_from(LEDGER_CODES),
                st.decimals(min_value=Decimal("0.001"), max_value=Decimal(9), places=3),
            ),
            min_size=1,
            max_size=4,
        ),
        st.booleans(),  # a member sale
        st.sampled_from(["K1", "K2"]),
    ),
    min_size=1,
    max_size=8,
)


@given(sales=SALES)
@settings(max_examples=40, deadline=None)
def test_stock_is_opening_minus_sold_for_any_sales(
    ledger_db: Database, sales: list[tuple[list[tuple[str, Decimal]], bool, str]]
) -> None:
    db = ledger_db
    with db.write() as session:  # top the stock up so that most sales go through
        shop = load_shop(session)
        for code in LEDGER_CODES:
            product = find_by_code(session, code)
            assert product is not None
            if product.stock < 10:
                move_stock(session, [Movement(product.id, Decimal(30), "receive")], at=NOW)
    with db.read() as session:
        opening = {code: find_by_code(session, code).stock for code in LEDGER_CODES}  # type: ignore[union-attr]
        member = find_member(session, "KKMP-0003")
    sold = dict.fromkeys(LEDGER_CODES, Decimal(0))
    for items, is_member, till in sales:
        cart = Cart(global_discount_bp=shop.member_discount_bp)
        if is_member and member is not None:
            cart.attach_member(member)
        with db.read() as session:
            for code, qty in items:
                product = find_by_code(session, code)
                assert product is not None
                amount = qty if product.sold_by_weight else Decimal(max(1, int(qty)))
                with contextlib.suppress(GeraiError):  # limits and stock may refuse
                    cart.add(product, amount)
        if not cart.lines:
            continue
        try:
            with db.write() as session:
                checkout(session, cart, [Tender("tunai")], till=till, actor=CASHIER, now=NOW)
        except GeraiError:
            continue
        for line in cart.lines:
            sold[line.product.code] += line.qty
    with db.read() as session:
        for code in LEDGER_CODES:
            product = find_by_code(session, code)
            assert product is not None
            assert product.stock == opening[code] - sold[code]
            assert product.stock >= 0
        assert stock_check(session) == []
    for till in ("K1", "K2"):
        numbers = sorted(
            int(r.rsplit("-", 1)[1])
            for (r,) in raw(db, "SELECT receipt_no FROM sale WHERE till = :till", till=till)
        )
        assert numbers == list(range(1, len(numbers) + 1))


def test_stock_check_finds_a_tampered_product(db: Database, shop: ShopProfile) -> None:
    sell(db, shop, "AQA-600")
    with db.read() as session:
        assert stock_check(session) == []
    raw(db, "UPDATE product SET stock = stock + 1000 WHERE code = 'GLA-KG'")
    with db.read() as session:
        [mismatch] = stock_check(session)
        glaa = find_by_code(session, "GLA-KG")
        assert glaa is not None and get_product(session, glaa.id) == glaa
    assert mismatch.code == "GLA-KG"
    assert mismatch.stock == mismatch.ledger + 1
