"""Stock administration through the services: receiving with pack units and the moving-average
HPP, repacking with shrinkage, stock counts, write-offs, adding and editing products with
their price history, the stock card, low stock and the catalogue pages. Every bad input is
refused with a clear message and nothing written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlmodel import Session, col, select

from gerai.core.errors import GeraiError
from gerai.core.i18n import set_language
from gerai.db import Database
from gerai.exports.stock_card import card_rows
from gerai.models import GoodsReceiptLine, PriceChange, StockCountLine, StockMovement
from gerai.services.shop.profile import ShopProfile
from gerai.services.stock.card import stock_card
from gerai.services.stock.catalog import ProductFilter, categories, product_page
from gerai.services.stock.count import confirm_count, count_candidates, write_off
from gerai.services.stock.import_export import PRODUCT_COLUMNS, export_products, import_products
from gerai.services.stock.inventory import low_stock, low_stock_count, moving_average
from gerai.services.stock.ledger import stock_check
from gerai.services.stock.packs import Pack, format_packs, pack_units, parse_packs, set_pack_units
from gerai.services.stock.products import (
    ProductForm,
    ProductRefused,
    price_history,
    product_form,
    save_product,
)
from gerai.services.stock.receiving import ReceiveLine, receive_goods
from gerai.services.stock.repack import repack
from gerai.services.stock.suppliers import add_supplier, list_suppliers
from gerai.tabular import Table
from tests.conftest import NOW, OWNER, OWNER_PIN, TREASURER, audit_events
from tests.stock_helpers import product, snapshot, stock, supplier

EAN_OK = "8999999000011"  # a valid EAN-13 nobody in the demo catalogue has
EAN_BAD = "8999999000014"  # the same with a wrong check digit
SPHP_BARCODE = "8991201000178"


def receive(db: Database, shop: ShopProfile, *lines: ReceiveLine, reference: str = "") -> Any:
    """Receive `lines` from a new supplier in one transaction."""
    supplier_id = supplier(db, f"Pemasok {reference or 'uji'}")
    with db.write() as session:
        return receive_goods(session, supplier_id, reference, list(lines), actor=OWNER, at=NOW)


def refused(db: Database, action: Callable[[Session], Any]) -> GeraiError:
    """Run `action` in a write transaction; it must be refused and write nothing."""
    before = snapshot(db)
    with pytest.raises(GeraiError) as caught, db.write() as session:
        action(session)
    assert snapshot(db) == before
    return caught.value


# --- receiving ----------------------------------------------------------------------------


def test_receiving_raises_stock_through_the_ledger_and_averages_the_cost(
    db: Database, shop: ShopProfile
) -> None:
    # 144 pcs at Rp14.500 + 2 karton of 12 at Rp170.000 a karton (Rp14.166,67 a piece)
    result = receive(
        db,
        shop,
        ReceiveLine("MYK-1L", "2", "170000", pack="karton=12"),
        ReceiveLine("2000101000006", "1,5", "Rp300.000", pack="sak=25"),  # barcode of the rice
        reference="SJ-0012",
    )
    assert (result.number, result.total, result.lines) == ("BM-20251130-001", 790_000, 2)
    oil, rice = product(db, "MYK-1L"), product(db, "BRS-MED-KG")
    assert oil.stock == 168 and rice.stock == Decimal("237.5")
    # (144 × 14.500 + 340.000) / 168 = 14.452,38 → 14.452; (200 × 12.400 + 450.000) / 237,5
    assert oil.cost == 14_452 and rice.cost == 12_337
    with db.read() as session:
        moves = session.exec(select(StockMovement).where(StockMovement.ref == result.number)).all()
        lines = session.exec(select(GoodsReceiptLine).order_by(col(GoodsReceiptLine.line_no)))
        stored = [(x.pack, x.pack_qty, x.factor, x.qty, x.cost_before, x.cost_after) for x in lines]
        assert stock_check(session) == []
    assert sorted((m.kind, m.qty) for m in moves) == [
        ("receive", Decimal(24)),
        ("receive", Decimal("37.5")),
    ]
    assert "SJ-0012" in moves[0].note
    assert stored == [
        ("karton", 2, 12, 24, 14_500, 14_452),
        ("sak", Decimal("1.5"), 25, Decimal("37.5"), 12_400, 12_337),
    ]


def test_receiving_in_a_pack_unit_of_the_product(db: Database, shop: ShopProfile) -> None:
    oil = product(db, "MYK-1L")
    with db.write() as session:
        set_pack_units(session, oil.id, [Pack("karton", Decimal(12))], by="admin", at=NOW)
    receive(db, shop, ReceiveLine("MYK-1L", "3", "174000", pack="Karton"))
    assert stock(db, "MYK-1L") == 144 + 36


def test_two_lines_of_one_product_average_in_turn(db: Database, shop: ShopProfile) -> None:
    receive(
        db,
        shop,
        ReceiveLine("KRS-PAK", "10", "7000"),  # 10 at 6.800 + 10 at 7.000 → 6.900
        ReceiveLine("KRS-PAK", "20", "7600"),  # 20 at 6.900 + 20 at 7.600 → 7.250
    )
    assert (stock(db, "KRS-PAK"), product(db, "KRS-PAK").cost) == (40, 7_250)


def test_moving_average_rounds_half_up_and_ignores_stock_below_zero() -> None:
    assert moving_average(Decimal(1), 100, Decimal(1), 101) == 101  # 100,5 → 101
    assert moving_average(Decimal(3), 100, Decimal(1), 101) == 100  # 100,25 → 100
    assert moving_average(Decimal(-5), 9_999, Decimal(2), 3_000) == 1_500


def test_a_delivery_note_is_not_recorded_twice(db: Database, shop: ShopProfile) -> None:
    supplier_id = supplier(db)
    lines = [ReceiveLine("MYK-1L", "1", "14000")]
    with db.write() as session:
        receive_goods(session, supplier_id, "SJ-7", lines, actor=OWNER, at=NOW)
    error = refused(
        db,
        lambda s: receive_goods(s, supplier_id, "SJ-7", lines, actor=OWNER, at=NOW),
    )
    assert error.key == "receive.duplicate" and "BM-20251130-001" in error.message()


BAD_LINES = {
    "zero quantity": (ReceiveLine("MYK-1L", "0", "14000"), "stockadm.qty_positive"),
    "negative quantity": (ReceiveLine("MYK-1L", "-3", "14000"), "stockadm.qty_positive"),
    "quantity not a number": (ReceiveLine("MYK-1L", "dua", "14000"), "stockadm.bad_qty"),
    "cost not a number": (ReceiveLine("MYK-1L", "2", "empat belas ribu"), "stockadm.bad_money"),
    "negative cost": (ReceiveLine("MYK-1L", "2", "-14000"), "stockadm.bad_money"),
    "factor zero": (ReceiveLine("MYK-1L", "2", "170000", pack="karton=0"), "stockadm.bad_factor"),
    "factor zero given apart": (
        ReceiveLine("MYK-1L", "2", "170000", pack="karton", factor="0"),
        "stockadm.bad_factor",
    ),
    "unknown pack": (ReceiveLine("MYK-1L", "2", "170000", pack="peti"), "stockadm.unknown_pack"),
    "half a piece": (ReceiveLine("MYK-1L", "1,5", "14000"), "cart.fraction_piece"),
    "unknown code": (ReceiveLine("TIDAK-ADA", "1", "1000"), "stockadm.unknown_code"),
}


@pytest.mark.parametrize("case", sorted(BAD_LINES))
def test_a_bad_line_refuses_the_whole_receipt(db: Database, shop: ShopProfile, case: str) -> None:
    line, key = BAD_LINES[case]
    supplier_id = supplier(db)
    good = ReceiveLine("KRS-PAK", "10", "7000")
    error = refused(
        db,
        lambda s: receive_goods(s, supplier_id, "SJ-1", [good, line], actor=OWNER, at=NOW),
    )
    assert error.key == "receive.line_problem"
    assert error.params["line"] == 2
    assert error.params["problem"].key == key
    assert error.message().startswith(f"Baris 2 ({line.code}): ")
    assert error.message().endswith("Tidak ada yang disimpan.")


def test_receiving_needs_lines_and_a_supplier(db: Database, shop: ShopProfile) -> None:
    supplier_id = supplier(db)
    error = refused(db, lambda s: receive_goods(s, supplier_id, "", [], actor=OWNER, at=NOW))
    assert error.key == "receive.no_lines"
    lines = [ReceiveLine("MYK-1L", "1", "1")]
    error = refused(db, lambda s: receive_goods(s, 999, "", lines, actor=OWNER, at=NOW))
    assert error.key == "supplier.none"


def test_suppliers_are_unique_by_name(db: Database) -> None:
    supplier(db, "CV Sumber Rejeki")
    error = refused(db, lambda s: add_supplier(s, "cv sumber  rejeki"))
    assert error.key == "supplier.taken"
    assert refused(db, lambda s: add_supplier(s, "  ")).key == "supplier.name_required"
    with db.read() as session:
        assert [x.name for x in list_suppliers(session)] == ["CV Sumber Rejeki"]


# --- pack units ---------------------------------------------------------------------------


def test_pack_units_parse_and_print_alike() -> None:
    packs = parse_packs("karton=12, Dus = 6;sak=2.5", pieces=False)
    assert packs == [Pack("karton", 12), Pack("dus", 6), Pack("sak", Decimal("2.5"))]
    assert parse_packs(format_packs(packs), pieces=False) == packs
    for text, key in (
        ("karton", "stockadm.bad_pack"),
        ("karton=0", "stockadm.bad_factor"),
        ("karton=-2", "stockadm.bad_factor"),
        ("karton=12,karton=24", "stockadm.duplicate_pack"),
    ):
        with pytest.raises(GeraiError) as caught:
            parse_packs(text, pieces=False)
        assert caught.value.key == key, text
    with pytest.raises(GeraiError) as caught:
        parse_packs("karton=2.5", pieces=True)
    assert caught.value.key == "stockadm.pack_whole"


# --- repacking ----------------------------------------------------------------------------


def test_repacking_a_sack_moves_stock_and_cost_and_records_the_shrinkage(
    db: Database, shop: ShopProfile
) -> None:
    # 2 sacks of 10 kg (Rp123.000 each) into loose rice: 20 kg expected, 19,8 kg weighed out
    with db.write() as session:
        result = repack(
            session, "BRS-MED10", "2", "BRS-MED-KG", "10", "19,8", actor=OWNER, at=NOW, shop=shop
        )
    assert (result.expected, result.produced, result.shrinkage) == (
        20,
        Decimal("19.8"),
        Decimal("0.2"),
    )
    assert result.value == 246_000
    assert stock(db, "BRS-MED10") == 18
    assert stock(db, "BRS-MED-KG") == Decimal("219.8")
    # (200 × 12.400 + 246.000) / 220 = 12.390,9 → 12.391 (the shrinkage's cost stays in)
    assert product(db, "BRS-MED-KG").cost == result.target_cost == 12_391
    with db.read() as session:
        moves = session.exec(select(StockMovement).where(StockMovement.ref == result.number))
        kinds = sorted((m.kind, m.qty, m.note) for m in moves)
        assert stock_check(session) == []
    assert kinds == [
        ("adjust", Decimal("-0.2"), "susut pecah karung"),
        ("repack", Decimal(-2), ""),
        ("repack", Decimal(20), ""),
    ]


def test_repacking_without_shrinkage_writes_no_loss(db: Database, shop: ShopProfile) -> None:
    with db.write() as session:
        result = repack(
            session, "IDM-GRG-DUS", 1, "IDM-GRG", 40, 40, actor=OWNER, at=NOW, shop=shop
        )
        kinds = [
            m.kind
            for m in session.exec(select(StockMovement).where(StockMovement.ref == result.number))
        ]
    assert sorted(kinds) == ["repack", "repack"]
    assert (stock(db, "IDM-GRG-DUS"), stock(db, "IDM-GRG")) == (9, 340)


REPACKS = {
    "more than in stock": (("BRS-MED10", "21", "BRS-MED-KG", "10", "200"), "repack.short"),
    "more made than the contents": (
        ("BRS-MED10", "1", "BRS-MED-KG", "10", "11"),
        "repack.too_much",
    ),
    "contents zero": (("BRS-MED10", "1", "BRS-MED-KG", "0", "0"), "stockadm.bad_factor"),
    "zero taken": (("BRS-MED10", "0", "BRS-MED-KG", "10", "10"), "stockadm.qty_positive"),
    "into itself": (("BRS-MED10", "1", "BRS-MED10", "1", "1"), "repack.same_product"),
    "half a sack": (("BRS-MED10", "0.5", "BRS-MED-KG", "10", "5"), "cart.fraction_piece"),
    "unknown target": (("BRS-MED10", "1", "BERAS-X", "10", "10"), "stockadm.unknown_code"),
}


@pytest.mark.parametrize("case", sorted(REPACKS))
def test_bad_repacks_are_refused(db: Database, shop: ShopProfile, case: str) -> None:
    (source, qty, target, contents, made), key = REPACKS[case]
    error = refused(
        db,
        lambda s: repack(s, source, qty, target, contents, made, actor=OWNER, at=NOW, shop=shop),
    )
    assert error.key == key
    if key == "repack.short":
        assert error.message() == (
            "Stok Beras Medium 10 kg hanya 20 karung; tidak bisa memecah 21 karung."
        )


# --- stock counts and write-offs ----------------------------------------------------------


def test_a_count_books_the_differences_with_their_value(db: Database, shop: ShopProfile) -> None:
    entries = [("MYK-1L", "140"), (SPHP_BARCODE, 60), ("BRS-MED-KG", "200,5")]
    with db.write() as session:
        result = confirm_count(
            session, entries, "opname bulanan", "Beras, Minyak", actor=OWNER, at=NOW, shop=shop
        )
    # -4 × 14.500 + 0 + 0,5 × 12.400
    assert (result.lines, result.differences, result.value) == (3, 2, -58_000 + 6_200)
    assert (stock(db, "MYK-1L"), stock(db, "BRS-SPHP5")) == (140, 60)
    assert stock(db, "BRS-MED-KG") == Decimal("200.5")
    with db.read() as session:
        lines = session.exec(select(StockCountLine).order_by(col(StockCountLine.id))).all()
        moves = session.exec(select(StockMovement).where(StockMovement.kind == "opname")).all()
        assert stock_check(session) == []
    assert [(x.expected, x.counted, x.difference, x.value) for x in lines] == [
        (144, 140, -4, -58_000),
        (60, 60, 0, 0),
        (200, Decimal("200.5"), Decimal("0.5"), 6_200),
    ]
    assert sorted(m.qty for m in moves) == [-4, Decimal("0.5")]
    assert {m.ref for m in moves} == {result.number} and moves[0].note == "opname bulanan"


def test_a_count_without_differences_needs_no_reason(db: Database, shop: ShopProfile) -> None:
    with db.write() as session:
        result = confirm_count(session, [("MYK-1L", 144)], "", "x", actor=OWNER, at=NOW, shop=shop)
    assert (result.differences, result.value) == (0, 0)


BAD_COUNTS = {
    "unknown code": ([("MYK-1L", "140"), ("TIDAK-ADA", "3")], "x", "count.line_problem"),
    "negative": ([("MYK-1L", "-1")], "x", "count.line_problem"),
    "not a number": ([("MYK-1L", "banyak")], "x", "count.line_problem"),
    "twice": ([("MYK-1L", "1"), ("8996114000246", "2")], "x", "count.duplicate"),
    "no reason": ([("MYK-1L", "140")], "  ", "count.reason_required"),
    "nothing": ([], "x", "count.nothing"),
}


@pytest.mark.parametrize("case", sorted(BAD_COUNTS))
def test_bad_counts_are_refused(db: Database, shop: ShopProfile, case: str) -> None:
    entries, reason, key = BAD_COUNTS[case]
    error = refused(
        db, lambda s: confirm_count(s, entries, reason, "x", actor=OWNER, at=NOW, shop=shop)
    )
    assert error.key == key
    if case == "unknown code":
        assert error.message() == (
            "Baris 2 (TIDAK-ADA): Kode 'TIDAK-ADA' tidak dikenal: bukan kode atau barcode "
            "barang mana pun. Opname tidak disimpan."
        )


def test_count_candidates_are_a_category_or_everything(db: Database) -> None:
    with db.read() as session:
        beras = next(key for key, name in categories(session) if name == "Beras")
        rice = count_candidates(session, beras)
        everything = count_candidates(session)
    assert {p.category for p in rice} == {"Beras"} and len(rice) == 8
    assert [p.name for p in rice] == sorted(p.name for p in rice)
    assert len(everything) == 111  # the active ones of 113


def test_a_write_off_takes_stock_out_with_its_reason(db: Database, shop: ShopProfile) -> None:
    with db.write() as session:
        result = write_off(session, "MYK-1L", "3", "bocor", actor=OWNER, at=NOW, shop=shop)
    assert (result.number, result.qty, result.value) == ("HP-20251130-001", 3, 43_500)
    assert stock(db, "MYK-1L") == 141
    with db.read() as session:
        [move] = session.exec(select(StockMovement).where(StockMovement.ref == result.number))
        assert (move.kind, move.qty, move.note) == ("adjust", -3, "bocor")
        assert stock_check(session) == []


@pytest.mark.parametrize(
    ("qty", "reason", "key"),
    [
        ("145", "rusak", "writeoff.short"),
        ("0", "rusak", "stockadm.qty_positive"),
        ("1", " ", "writeoff.reason_required"),
        ("0,5", "rusak", "cart.fraction_piece"),
    ],
)
def test_bad_write_offs_are_refused(
    db: Database, shop: ShopProfile, qty: str, reason: str, key: str
) -> None:
    error = refused(
        db, lambda s: write_off(s, "MYK-1L", qty, reason, actor=OWNER, at=NOW, shop=shop)
    )
    assert error.key == key


# --- products: add, edit, price history ---------------------------------------------------


def form(**changes: Any) -> ProductForm:
    values: dict[str, Any] = {
        "code": "KPI-TBR",
        "barcodes": EAN_OK,
        "name": "Kopi Tubruk Bontoa 250 g",
        "category": "Minuman",
        "unit": "bks",
        "price": "18000",
        "member_price": "17500",
        "cost": "15000",
        "het": "",
        "reorder_level": "5",
        "packs": "dus=20",
    }
    values.update(changes)
    return ProductForm(**values)


def test_a_new_product_and_its_edit(db: Database) -> None:
    with db.write() as session:
        product_id = save_product(session, form(), actor=OWNER, at=NOW)
    new = product(db, "KPI-TBR")
    assert (new.id, new.price, new.member_price, new.stock, new.category) == (
        product_id, 18_000, 17_500, 0, "Minuman"
    )  # fmt: skip
    assert stock(db, EAN_OK) == 0
    later = NOW + timedelta(hours=2)
    with db.write() as session:
        edited = form(price="19000", barcodes=f"{EAN_OK}, 8999999000028", packs="dus=24")
        assert save_product(session, edited, actor=OWNER, at=later, product_id=product_id) == (
            product_id
        )
        again = product_form(session, product_id)
        [change] = price_history(session, product_id)
        units = pack_units(session, product_id)
    assert (again.price, again.barcodes, again.packs) == (
        "19000",
        f"{EAN_OK}, 8999999000028",
        "dus=24",
    )
    assert (change.old_price, change.new_price, change.changed_by) == (18_000, 19_000, "admin")
    assert (change.old_member_price, change.new_member_price, change.changed_at) == (
        17_500,
        17_500,
        later,
    )
    assert units == [Pack("dus", 24)]


def test_editing_without_a_price_change_records_none(db: Database) -> None:
    sphp = product(db, "BRS-SPHP5")
    with db.write() as session:
        unchanged = product_form(session, sphp.id)
        save_product(session, unchanged, actor=OWNER, at=NOW, product_id=sphp.id)
        assert price_history(session, sphp.id) == []
    assert product(db, "BRS-SPHP5") == sphp


def test_a_member_price_change_is_recorded_too(db: Database) -> None:
    sphp = product(db, "BRS-SPHP5")
    with db.write() as session:
        changed = ProductForm(
            **{**product_form(session, sphp.id).__dict__, "member_price": "61000"}
        )
        save_product(
            session, changed, actor=TREASURER, approval=OWNER_PIN, at=NOW, product_id=sphp.id
        )
    with db.read() as session:
        [change] = session.exec(select(PriceChange)).all()
    assert (change.old_member_price, change.new_member_price, change.old_price) == (
        61_500,
        61_000,
        62_500,
    )


BAD_EDITS = {
    "price above HET": ({"price": "63000"}, "het", "price.above_het"),
    "member price above HET": (
        {"price": "62500", "member_price": "63000"},
        "het",
        "price.above_het",
    ),
    "barcode of another product": (
        {"barcodes": "8991201000178, 8996114000246"},
        "barcodes",
        "product.barcode_taken",
    ),
    "invalid EAN-13": ({"barcodes": EAN_BAD}, "barcodes", "product.bad_check_digit"),
    "barcode not digits": ({"barcodes": "89912O1000178"}, "barcodes", "product.bad_barcode"),
    "barcode twice": ({"barcodes": f"{EAN_OK}, {EAN_OK}"}, "barcodes", "stockadm.barcode_twice"),
    "code of another product": ({"code": "MYK-1L"}, "code", "stockadm.code_taken"),
    "unknown category": ({"category": "Obat"}, "category", "stockadm.unknown_category"),
    "price not a number": ({"price": "mahal"}, "price", "import.bad_money"),
    "bad pack": ({"packs": "karton"}, "packs", "stockadm.bad_pack"),
}


@pytest.mark.parametrize("case", sorted(BAD_EDITS))
def test_bad_edits_are_refused_with_the_field(db: Database, case: str) -> None:
    changes, column, key = BAD_EDITS[case]
    sphp = product(db, "BRS-SPHP5")
    with db.read() as session:
        current = product_form(session, sphp.id).__dict__
    error = refused(
        db,
        lambda s: save_product(
            s, ProductForm(**{**current, **changes}), actor=OWNER, at=NOW, product_id=sphp.id
        ),
    )
    assert isinstance(error, ProductRefused)
    assert (column, key) in [(c, e.key) for c, e in error.problems]
    if key == "price.above_het":
        assert "HET Rp62.500" in error.message()


def test_a_new_product_with_a_taken_barcode_is_refused(db: Database) -> None:
    error = refused(db, lambda s: save_product(s, form(barcodes=SPHP_BARCODE), actor=OWNER, at=NOW))
    assert error.message() == (
        "Tidak disimpan: Barcode 8991201000178 sudah dipakai barang BRS-SPHP5."
    )


def test_refusals_read_in_english(db: Database) -> None:
    set_language("en")
    error = refused(
        db,
        lambda s: save_product(
            s, form(price="16000", member_price="", het="15000"), actor=OWNER, at=NOW
        ),
    )
    assert error.message() == (
        "Not saved: The price of Kopi Tubruk Bontoa 250 g, Rp16.000, is above the HET "
        "ceiling Rp15.000."
    )


# --- stock card ---------------------------------------------------------------------------


def test_the_stock_card_runs_the_balance_in_time_order(db: Database, shop: ShopProfile) -> None:
    oil = product(db, "MYK-1L")
    with db.write() as session:
        write_off(
            session, "MYK-1L", 4, "bocor", actor=OWNER, at=NOW + timedelta(hours=1), shop=shop
        )
        confirm_count(
            session,
            [("MYK-1L", 139)],
            "hilang",
            "x",
            actor=OWNER,
            at=NOW + timedelta(hours=2),
            shop=shop,
        )
    with db.read() as session:
        card = stock_card(session, oil.id)
        last = stock_card(session, oil.id, last=2)
    assert [(x.kind, x.qty, x.balance) for x in card.lines] == [
        ("opening", 144, 144),
        ("adjust", -4, 140),
        ("opname", -1, 139),
    ]
    assert card.closing == stock(db, "MYK-1L") == 139
    assert (last.opening, [x.balance for x in last.lines], last.closing) == (144, [140, 139], 139)
    rows = card_rows(card, shop)
    assert rows[1] == {
        "date": "30-11-2025",
        "time": "15.32 WITA",
        "kind": "Penyesuaian",
        "ref": "HP-20251130-001",
        "note": "bocor",
        "in": "",
        "out": "4",
        "balance": "140",
    }


def test_the_card_of_an_unknown_product_is_refused(db: Database) -> None:
    with db.read() as session, pytest.raises(GeraiError) as caught:
        stock_card(session, 999_999)
    assert caught.value.key == "stock.no_product"


# --- low stock and the catalogue pages ----------------------------------------------------


def test_low_stock_is_at_or_below_the_reorder_level(db: Database, shop: ShopProfile) -> None:
    with db.read() as session:
        before = {p.code for p in low_stock(session)}
        assert low_stock_count(session) == len(before)
    with db.write() as session:  # 144 → 36, exactly the reorder level
        write_off(session, "MYK-1L", 108, "rusak", actor=OWNER, at=NOW, shop=shop)
    with db.read() as session:
        after = low_stock(session)
        assert low_stock_count(session) == len(before) + 1
    assert {p.code for p in after} == before | {"MYK-1L"}
    assert all(p.stock <= p.reorder_level and p.active for p in after)


def test_pages_follow_name_order_both_ways(db: Database) -> None:
    with db.read() as session:
        everything = product_page(session, ProductFilter(), limit=None)
        first = product_page(session, ProductFilter(), limit=40)
        second = product_page(session, ProductFilter(), after=(first[-1].name, first[-1].id))
        back = product_page(session, ProductFilter(), before=(second[0].name, second[0].id))
        tail = product_page(
            session, ProductFilter(), after=(everything[-3].name, everything[-3].id)
        )
    assert [p.name for p in everything] == sorted(p.name for p in everything)
    assert len(everything) == 111  # the active ones of 113
    assert first + second == everything[:80]
    assert back == first
    assert tail == everything[-2:]


def test_pages_filter_by_words_barcode_category_and_state(db: Database) -> None:
    with db.write() as session:
        sphp = product(db, "BRS-SPHP5")
        inactive = ProductForm(**{**product_form(session, sphp.id).__dict__, "active": False})
        save_product(session, inactive, actor=OWNER, at=NOW, product_id=sphp.id)
    with db.read() as session:
        beras = next(key for key, name in categories(session) if name == "Beras")

        def names(**kw: Any) -> list[str]:
            return [p.name for p in product_page(session, ProductFilter(**kw), limit=None)]

        assert names(query="beras med") == [
            "Beras Medium 10 kg", "Beras Medium 25 kg", "Beras Medium 5 kg", "Beras Medium Curah"
        ]  # fmt: skip
        assert names(query="8996114000246") == ["Minyakita 1 L Pouch"]
        assert names(query="myk-1l") == ["Minyakita 1 L Pouch", "Minyakita 1 L Pouch (dus isi 12)"]
        assert "Beras SPHP Bulog 5 kg" not in names(category_id=beras)
        assert names(category_id=beras, inactive=True) == ["Beras SPHP Bulog 5 kg"]
        assert names(query="zzz") == []
        low = names(low_stock=True)
        assert low == sorted(p.name for p in low_stock(session))


def test_an_import_that_changes_a_price_records_it(db: Database) -> None:
    with db.read() as session:
        rows = export_products(session)
    for row in rows:
        if row["code"] == "MYK-1L":
            row["price"] = 15_600
    table = Table(PRODUCT_COLUMNS, rows, list(range(2, len(rows) + 2)))
    with db.write() as session:
        import_products(session, table, NOW, actor=OWNER)
        changes = session.exec(select(PriceChange)).all()
        records = [(r.kind, r.actor, r.ref, r.data()) for r in audit_events(session)][-2:]
    assert [(c.old_price, c.new_price, c.changed_by) for c in changes] == [
        (15_700, 15_600, "admin")
    ]
    assert records == [
        (
            "price_changed",
            "admin",
            "MYK-1L",
            {"price": [15_700, 15_600], "member_price": [15_500, 15_500]},
        ),
        ("products_imported", "admin", "", {"created": 0, "updated": len(rows), "skipped": 0}),
    ]
