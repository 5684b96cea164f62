"""Regulated and subsidised goods (issue 16): the buyer's NIK checked for shape, kept with the
sale line, masked to a kasir; quotas per buyer and per household over days and months counted
across sales and tills, returns giving quota back; the quota rules sealed by the audit."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from gerai.core.errors import GeraiError
from gerai.core.words import BuyerCategory, QuotaPeriod, QuotaScope, Role
from gerai.db import Database
from gerai.printing import PrintQueue
from gerai.services.audit.verify import verify
from gerai.services.reports.lpg import regulated_log
from gerai.services.sale.buyers import make_buyer, mask_nik, parse_number, shown_nik
from gerai.services.sale.checkout import Tender
from gerai.services.sale.quotas import period_bounds, regulations, stored_for_sale
from gerai.services.shop.auth import Actor
from gerai.services.shop.profile import load_shop
from gerai.services.stock.batches import dated_ids, set_dated
from gerai.services.stock.catalog import find_by_code, get_products
from gerai.settings import Settings
from gerai.till import Till
from tests.conftest import CASHIER, NOW, OWNER, raw, tamper

LPG, SPHP, SUGAR = "LPG-3KG", "BRS-SPHP5", "GLA-KG"
NIK_A, NIK_B = "7371010101900001", "7371010101900002"
KK = "7371010101000009"
MEMBER = "KKMP-0001"  # stored NIK 7309064502640026


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


def make_till(
    db: Database, till: str = "K1", actor: Actor = CASHIER, clock: Clock | None = None
) -> Till:
    settings = Settings(db_url=db.url, printer="", till=till)
    tick = clock or Clock()
    return Till(settings, db, PrintQueue(db, settings, tick), clock=tick, actor=actor)


def regulate(db: Database) -> None:
    """LPG 3 kg: 1 per buyer per day, 10 per KK per month; SPHP: 2 per buyer per day."""
    admin = make_till(db, actor=OWNER)
    for code, group in ((LPG, "LPG3"), (SPHP, "SPHP")):
        product = admin.find_product(code)
        assert product is not None
        admin.set_regulated(product.id, group)
    admin.set_quota("LPG3", QuotaScope.BUYER, QuotaPeriod.DAY, Decimal(1))
    admin.set_quota("LPG3", QuotaScope.HOUSEHOLD, QuotaPeriod.MONTH, Decimal(10))
    admin.set_quota("SPHP", QuotaScope.BUYER, QuotaPeriod.DAY, Decimal(2))


@pytest.fixture
def rdb(db: Database) -> Database:
    regulate(db)
    return db


def sell(till: Till, code: str, qty: int, nik: str | None = None, kk: str | None = None) -> str:
    product = till.find_product(code)
    assert product is not None
    till.cart.add(product, Decimal(qty))
    if nik is not None:
        till.set_buyer(nik, BuyerCategory.HOUSEHOLD, kk)
    try:
        return till.sell([Tender("tunai")]).receipt_no
    finally:
        till.cart.clear()


def refusal(till: Till, *args: object, **kwargs: object) -> GeraiError:
    with pytest.raises(GeraiError) as caught:
        sell(till, *args, **kwargs)  # type: ignore[arg-type]
    return caught.value


def sales(db: Database) -> int:
    return int(raw(db, "SELECT count(*) FROM sale")[0][0])


# --- the NIK -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad", ["737101010190000", "73710101019000011", "7371O10101900001", "", "abc"]
)
def test_a_nik_of_the_wrong_shape_is_refused(bad: str) -> None:
    with pytest.raises(GeraiError) as caught:
        make_buyer(bad or "x", BuyerCategory.HOUSEHOLD)
    assert caught.value.key == "buyer.nik_shape"
    assert "16" in caught.value.message()


def test_a_nik_typed_with_spaces_and_dots_is_read_as_its_digits() -> None:
    assert parse_number("7371 0101.0190-0001") == NIK_A


def test_an_unknown_category_and_a_bad_kk_are_refused() -> None:
    with pytest.raises(GeraiError) as caught:
        make_buyer(NIK_A, "pejabat")
    assert caught.value.key == "buyer.bad_category"
    with pytest.raises(GeraiError) as caught:
        make_buyer(NIK_A, BuyerCategory.FISHER, "12345")
    assert caught.value.key == "buyer.kk_shape"


def test_no_nik_and_no_member_nik_is_refused() -> None:
    with pytest.raises(GeraiError) as caught:
        make_buyer(None, None)
    assert caught.value.key == "buyer.nik_missing"
    assert make_buyer(None, None, member_nik=NIK_B).nik == NIK_B


def test_the_nik_is_masked_to_a_kasir_and_whole_to_bendahara_and_admin() -> None:
    assert mask_nik("7371000000000001") == "7371********0001"
    assert shown_nik(NIK_A, Role.KASIR) == "7371********0001"
    assert shown_nik(NIK_A, Role.BENDAHARA) == NIK_A
    assert shown_nik(NIK_A, Role.ADMIN) == NIK_A


# --- selling regulated goods --------------------------------------------------------------


def test_lpg_without_a_nik_is_refused_and_nothing_is_written(rdb: Database) -> None:
    till = make_till(rdb)
    error = refusal(till, LPG, 1)
    assert error.key == "buyer.required"
    assert sales(rdb) == 0


def test_the_nik_category_and_kk_are_kept_with_the_regulated_line_only(rdb: Database) -> None:
    till = make_till(rdb)
    product = till.find_product(LPG)
    sugar = till.find_product(SUGAR)
    assert product is not None and sugar is not None
    till.cart.add(product, Decimal(1))
    till.cart.add(sugar, Decimal(1))
    till.set_buyer(NIK_A, BuyerCategory.MICRO_BUSINESS, KK)
    till.sell([Tender("tunai")])
    rows = raw(
        rdb, "SELECT code, buyer_nik, buyer_kk, buyer_category FROM saleline ORDER BY line_no"
    )
    assert rows == [(LPG, NIK_A, KK, "usaha_mikro"), (SUGAR, None, None, None)]
    assert till.cart.buyer is None  # the next buyer starts without one


def test_the_attached_members_stored_nik_is_used(rdb: Database) -> None:
    till = make_till(rdb)
    product = till.find_product(LPG)
    member = till.find_member(MEMBER)
    assert product is not None and member is not None
    till.cart.member = member
    till.cart.add(product, Decimal(1))
    till.sell([Tender("tunai")])
    assert raw(rdb, "SELECT buyer_nik, buyer_category FROM saleline") == [
        ("7309064502640026", "rumah_tangga")
    ]


def test_the_sphp_limit_counts_across_back_to_back_sales_and_tills(rdb: Database) -> None:
    one, two = make_till(rdb, "K1"), make_till(rdb, "K2")
    sell(one, SPHP, 2, NIK_A)
    error = refusal(two, SPHP, 2, NIK_A)
    assert error.key == "quota.exceeded_buyer_day"
    assert error.params == {"group": "SPHP", "limit": "2", "bought": "2", "left": "0"}
    text = error.message()
    assert "2" in text and "SPHP" in text
    assert sales(rdb) == 1
    sell(two, SPHP, 2, NIK_B)  # another buyer has their own quota
    assert sales(rdb) == 2


def test_the_daily_quota_starts_again_the_next_business_day(rdb: Database) -> None:
    clock = Clock()
    till = make_till(rdb, clock=clock)
    sell(till, LPG, 1, NIK_A)
    assert refusal(till, LPG, 1, NIK_A).key == "quota.exceeded_buyer_day"
    clock.now = NOW + timedelta(days=1)
    sell(till, LPG, 1, NIK_A)
    assert sales(rdb) == 2


def test_the_household_monthly_quota_counts_every_nik_of_the_kk(rdb: Database) -> None:
    clock = Clock()
    till = make_till(rdb, clock=clock)
    for day in range(10):
        clock.now = NOW - timedelta(days=day)  # 30, 29, ... 21 November
        sell(till, LPG, 1, f"737101010190{day:04d}", KK)
    clock.now = NOW
    error = refusal(till, LPG, 1, NIK_B, KK)
    assert error.key == "quota.exceeded_household_month"
    assert error.params["bought"] == "10" and error.params["left"] == "0"
    clock.now = NOW + timedelta(days=1)  # 1 December: a new month
    sell(till, LPG, 1, NIK_B, KK)


def test_a_retur_gives_the_quota_back(rdb: Database) -> None:
    from tests.conftest import TREASURER_PIN

    till = make_till(rdb)
    receipt = sell(till, SPHP, 2, NIK_A)
    assert refusal(till, SPHP, 1, NIK_A).key == "quota.exceeded_buyer_day"
    till.retur(receipt, [(1, Decimal(1), False)], "salah beli", "tunai", TREASURER_PIN)
    sell(till, SPHP, 1, NIK_A)
    assert refusal(till, SPHP, 1, NIK_A).params["left"] == "0"


def test_a_voided_sale_gives_the_quota_back(rdb: Database) -> None:
    from tests.conftest import TREASURER_PIN

    till = make_till(rdb)
    receipt = sell(till, LPG, 1, NIK_A)
    till.void(receipt, "salah input", TREASURER_PIN)
    sell(till, LPG, 1, NIK_A)


def test_the_per_sale_limit_stays(rdb: Database) -> None:
    till = make_till(rdb)
    product = till.find_product(LPG)
    assert product is not None
    with pytest.raises(GeraiError) as caught:
        till.cart.add(product, Decimal(2))
    assert caught.value.key == "cart.limit"


def test_periods() -> None:
    day = NOW.date()  # Sunday 30 November 2025
    assert period_bounds(QuotaPeriod.DAY, day) == (day, day)
    assert period_bounds(QuotaPeriod.WEEK, day) == (day - timedelta(days=6), day)
    assert period_bounds(QuotaPeriod.MONTH, day) == (day.replace(day=1), day)


def test_quota_rules_need_admin_and_sane_values(db: Database) -> None:
    kasir = make_till(db)
    with pytest.raises(GeraiError):
        kasir.set_quota("LPG3", QuotaScope.BUYER, QuotaPeriod.DAY, Decimal(1))
    admin = make_till(db, actor=OWNER)
    for args, key in (
        (("LPG3", "village", QuotaPeriod.DAY, Decimal(1)), "quota.bad_scope"),
        (("LPG3", QuotaScope.BUYER, "year", Decimal(1)), "quota.bad_period"),
        (("LPG3", QuotaScope.BUYER, QuotaPeriod.DAY, Decimal(-1)), "quota.limit_positive"),
    ):
        with pytest.raises(GeraiError) as caught:
            admin.set_quota(*args)  # type: ignore[arg-type]
        assert caught.value.key == key
    assert raw(db, "SELECT count(*) FROM quotarule") == [(0,)]


# --- the audit ------------------------------------------------------------------------------


def test_quota_rules_and_regulations_are_sealed_and_a_straight_edit_is_caught(
    rdb: Database,
) -> None:
    sell(make_till(rdb), LPG, 1, NIK_A)
    with rdb.read() as session:
        assert verify(session).intact
    tamper(rdb, "UPDATE quotarule SET \"limit\" = 99000 WHERE quota_group = 'SPHP'")
    with rdb.read() as session:
        result = verify(session)
    assert not result.intact
    assert result.broken is not None and "quotarule#" in result.broken.ref


def test_a_straight_edit_of_a_regulation_is_caught(rdb: Database) -> None:
    tamper(rdb, "UPDATE regulatedproduct SET quota_group = 'BEBAS'")
    with rdb.read() as session:
        result = verify(session)
    assert result.broken is not None and "regulatedproduct#" in result.broken.ref


# --- the property -------------------------------------------------------------------------

STEP = st.tuples(
    st.sampled_from(["K1", "K2"]),  # till
    st.integers(0, 2),  # day offset
    st.sampled_from([NIK_A, NIK_B]),
    st.integers(1, 2),  # quantity of SPHP
    st.booleans(),  # return the first line of the last sale afterwards
)


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
@given(steps=st.lists(STEP, min_size=1, max_size=8))
def test_no_buyer_ever_exceeds_the_daily_quota_and_the_log_adds_up(
    db: Database, steps: list[tuple]
) -> None:
    from tests.conftest import TREASURER_PIN

    raw(db, "DELETE FROM salereturnline")
    raw(db, "DELETE FROM salereturn")
    if not raw(db, "SELECT 1 FROM quotarule"):
        regulate(db)
    raw(db, "UPDATE saleline SET buyer_nik = NULL")  # each example starts with fresh quotas
    raw(
        db, f"UPDATE product SET stock = 1000000 WHERE code = '{SPHP}'"
    )  # stock is not the rule here
    clock = Clock()
    tills = {name: make_till(db, name, clock=clock) for name in ("K1", "K2")}
    for till_name, day, nik, qty, give_back in steps:
        clock.now = NOW + timedelta(days=day)
        till = tills[till_name]
        try:
            receipt = sell(till, SPHP, qty, nik)
        except GeraiError as error:
            assert error.key == "quota.exceeded_buyer_day"
            continue
        if give_back:
            till.retur(receipt, [(1, Decimal(1), False)], "salah beli", "tunai", TREASURER_PIN)
    net = raw(
        db,
        "SELECT l.buyer_nik, s.business_date, sum(l.qty - coalesce("
        "(SELECT sum(r.qty) FROM salereturnline r WHERE r.sale_line_id = l.id), 0))"
        " FROM saleline l JOIN sale s ON s.id = l.sale_id"
        " WHERE l.buyer_nik IS NOT NULL AND s.status = 'completed'"
        " GROUP BY l.buyer_nik, s.business_date",
    )
    for _, _, total in net:
        assert Decimal(str(total)) <= 2_000  # quantities are stored in thousandths
    assert net  # the first sale of an example always fits the quota
    with db.read() as session:  # the pangkalan's log counts exactly what was sold and kept
        shop = load_shop(session)
        logs = [regulated_log(session, month, shop) for month in ("2025-11", "2025-12")]
    by_day = {day: qty for log in logs for day, qty in log.by_day.items()}
    sold = {}
    for _, day, total in net:
        if total:
            sold[str(day)] = sold.get(str(day), Decimal(0)) + Decimal(total) / 1000
    assert by_day == sold
    assert sum(log.amount for log in logs) == sum(line.price * line.qty for log in logs
                                                  for line in log.lines)  # fmt: skip


# --- the command line -----------------------------------------------------------------------


def test_the_command_line_regulates_a_product_and_sets_its_quota(db: Database) -> None:
    from click.testing import CliRunner

    from gerai.cli import main

    runner = CliRunner()
    result = runner.invoke(main, ["--db", db.url, "stock", "regulate", LPG, "--group", "LPG3"])
    assert result.exit_code == 0, result.output
    assert "LPG3" in result.output
    result = runner.invoke(
        main, ["--db", db.url, "stock", "quota", "LPG3", "--period", "per_day", "--limit", "1"]
    )
    assert result.exit_code == 0, result.output
    assert raw(db, "SELECT quota_group, scope, period FROM quotarule") == [
        ("LPG3", "per_nik", "per_day")
    ]
    till = make_till(db)
    sell(till, LPG, 1, NIK_A)
    assert refusal(till, LPG, 1, NIK_A).key == "quota.exceeded_buyer_day"
    with db.read() as session:
        assert verify(session).intact
    bad = runner.invoke(main, ["--db", db.url, "stock", "regulate", "NO-SUCH"])
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    bad = runner.invoke(
        main, ["--db", db.url, "stock", "quota", "LPG3", "--period", "per_day", "--limit", "-2"]
    )
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    assert raw(db, 'SELECT "limit" FROM quotarule') == [(1000,)]


def test_the_lpg_log_lists_each_sale_with_its_nik_and_totals_equal_the_sales(
    rdb: Database, tmp_path: object
) -> None:
    import json

    from click.testing import CliRunner

    from gerai.cli import main
    from tests.conftest import TREASURER_PIN

    clock = Clock()
    till = make_till(rdb, clock=clock)
    sell(till, LPG, 1, NIK_A)
    sell(till, SPHP, 2, NIK_A)
    clock.now = NOW - timedelta(days=1)
    receipt = sell(till, LPG, 1, NIK_B, KK)
    sell(till, LPG, 1, NIK_A)
    till.retur(receipt, [(1, Decimal(1), False)], "tabung bocor", "tunai", TREASURER_PIN)
    runner = CliRunner()
    result = runner.invoke(
        main, ["--db", rdb.url, "report", "lpg", "--month", "2025-11", "--group", "LPG3",
               "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    log = json.loads(result.output)
    assert [(line["nik"], line["qty"], line["amount"]) for line in log["lines"]] == [
        (NIK_A, "1", 19000),
        (NIK_A, "1", 19000),
    ]
    assert log["by_day"] == {"2025-11-29": "1", "2025-11-30": "1"}
    assert log["by_category"] == {"rumah_tangga": "2"}
    sold = raw(
        rdb,
        "SELECT sum(l.line_total) FROM saleline l WHERE l.code = :code AND l.id NOT IN"
        " (SELECT sale_line_id FROM salereturnline)",
        code=LPG,
    )
    assert log["amount"] == sold[0][0] == 38000
    csv_out = runner.invoke(main, ["--db", rdb.url, "report", "lpg", "--month", "2025-11"])
    assert csv_out.exit_code == 0
    assert csv_out.output.splitlines()[0] == "date,time,receipt,code,nik,category,qty,price,amount"
    assert len(csv_out.output.splitlines()) == 1 + 3  # LPG twice and SPHP once, all groups
    bad = runner.invoke(main, ["--db", rdb.url, "report", "lpg", "--month", "2025-13"])
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    pdf = Path(str(tmp_path)) / "lpg.pdf"
    made = runner.invoke(main, ["--db", rdb.url, "report", "lpg", "--month", "2025-11",
                                "--group", "LPG3", "--output", str(pdf)])  # fmt: skip
    assert made.exit_code == 0, made.output
    text = PdfReader(pdf).pages[0].extract_text()
    assert text.count(NIK_A) == 2 and NIK_B not in text  # the returned sale is not listed
    assert "Jumlah 2 · Rp38.000" in text and "Rumah tangga" in text and "Pangkalan" in text
    book = Path(str(tmp_path)) / "lpg.xlsx"
    made = runner.invoke(main, ["--db", rdb.url, "report", "lpg", "--month", "2025-11",
                                "--group", "LPG3", "--output", str(book)])  # fmt: skip
    assert made.exit_code == 0, made.output
    from openpyxl import load_workbook
    from xlsx_tables import banner_and_table

    banner, header, rows = banner_and_table(load_workbook(book)["Log LPG"])
    assert banner[1].endswith(" · 2025-11") and header[4] == "NIK"
    assert [row[4] for row in rows] == [NIK_A, NIK_A]  # 16 digits stay text, never a number
    assert [row[8] for row in rows] == [19000, 19000]  # money is a number


def test_a_straight_edit_of_a_lines_nik_is_caught_by_the_sales_digest(rdb: Database) -> None:
    sell(make_till(rdb), LPG, 1, NIK_A)
    sell(make_till(rdb), SUGAR, 1)
    with rdb.read() as session:
        assert verify(session).intact
    tamper(rdb, f"UPDATE saleline SET buyer_nik = '{NIK_B}' WHERE code = '{LPG}'")
    with rdb.read() as session:
        assert not verify(session).intact


def test_a_members_malformed_stored_nik_blocks_only_regulated_goods(rdb: Database) -> None:
    raw(rdb, "UPDATE member SET nik = '12-34' WHERE number = :number", number=MEMBER)
    till = make_till(rdb)
    member = till.find_member(MEMBER)
    assert member is not None
    till.cart.member = member
    sell(till, SUGAR, 1)  # no regulated line: the stored NIK is not asked for
    till.cart.member = member
    assert refusal(till, LPG, 1).key == "buyer.nik_shape"
    assert sales(rdb) == 1


def test_a_sales_products_dated_and_regulated_read_together_as_each_alone(
    rdb: Database,
) -> None:
    with rdb.write() as session:
        products = [find_by_code(session, code) for code in (LPG, SPHP, SUGAR, "MYK-1L")]
        ids = [p.id for p in products if p is not None]
        assert len(ids) == 4
        for product_id in ids[1:]:  # SPHP dated and regulated, the others dated or neither
            set_dated(session, product_id, True, actor=OWNER, at=NOW)
        set_dated(session, ids[2], False, actor=OWNER, at=NOW)
        products, dated, rules = stored_for_sale(session, [*ids, ids[0], -1])
        assert products == get_products(session, ids) and set(products) == set(ids)
        assert dated == dated_ids(session, ids) == {ids[1], ids[3]}
        assert rules == regulations(session, ids) and set(rules) == {ids[0], ids[1]}
        assert stored_for_sale(session, []) == ({}, set(), {})
