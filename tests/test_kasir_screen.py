"""The kasir screen driven by real key presses (Textual pilot), checked against the database."""

from __future__ import annotations

import time
from collections import Counter
from decimal import Decimal

import pytest
from sqlmodel import col, select
from textual import events
from textual.widgets import Label

import gerai.db
from gerai.core.i18n import set_language
from gerai.core.money import format_rupiah, quick_tenders
from gerai.db import Database
from gerai.models import Payment, Product, Sale, SaleLine
from gerai.services.stock.catalog import find_by_code
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.sale.kasir import KasirScreen
from gerai.tui.screens.sale.payment import PaymentScreen
from gerai.tui.screens.sale.search import SearchScreen
from gerai.tui.widgets.scan_field import ScanField
from tests.conftest import CASHIER, NOW, WriteLock

SPHP = "8991201000178"  # Beras SPHP Bulog 5 kg, max 2 per buyer, member price 61.500
MINYAKITA = "MYK-1L"


def make_app(db: Database, lang: str = "id") -> GeraiApp:
    set_language(lang)
    return GeraiApp(Settings(db_url=db.url, lang=lang), db, clock=lambda: NOW, actor=CASHIER)


def status(app: GeraiApp) -> Label:
    return app.screen.query_one("#status", Label)


async def type_entry(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*text, "enter")
    await pilot.pause()


def burst(app: GeraiApp, text: str, end: str = "enter") -> None:
    """Post the keys the way a scanner sends them: all at once, no waiting in between."""
    for char in text:
        app.post_message(events.Key(char, char))
    app.post_message(events.Key(end, "\r" if end == "enter" else "\n"))


def stock_of(db: Database, code: str) -> Decimal:
    with db.read() as session:
        product = find_by_code(session, code)
        assert product is not None
        return product.stock


def scannable_barcodes(db: Database, count: int) -> list[str]:
    """Barcodes of piece items with plenty of stock and no per-sale limit."""
    with db.read() as session:
        rows = session.exec(
            select(Product).where(
                col(Product.active),
                ~col(Product.sold_by_weight),  # a weighed item scanned alone asks its weight
                col(Product.max_per_sale).is_(None),
                col(Product.stock) >= 20,
            )
        ).all()
        codes = []
        for product in rows:
            info = find_by_code(session, product.code)
            assert info is not None
            from gerai.models import Barcode

            barcode = session.exec(
                select(Barcode.code).where(Barcode.product_id == product.id)
            ).first()
            if barcode and len(barcode) == 13:
                codes.append(barcode)
    assert len(codes) >= count
    return codes[:count]


async def test_opens_focused_on_the_scan_field(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)):
        assert isinstance(app.screen, KasirScreen)
        assert app.focused is not None and app.focused.id == "scan"


async def test_a_burst_of_200_scans_loses_merges_and_duplicates_nothing(db: Database) -> None:
    barcodes = scannable_barcodes(db, 20)
    sequence = [barcodes[(i * 7) % len(barcodes)] for i in range(200)]
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        for index, code in enumerate(sequence):
            burst(app, code, end="ctrl+j" if index % 10 == 0 else "enter")
        deadline = time.monotonic() + 60  # a loaded machine takes longer; nothing may be lost
        while sum(line.qty for line in app.cart.lines) != len(sequence):
            if time.monotonic() > deadline:
                break
            await pilot.pause()
        counted = Counter[str]()
        with db.read() as session:
            for line in app.cart.lines:
                for code in set(sequence):
                    product = find_by_code(session, code)
                    if product is not None and product.id == line.product.id:
                        counted[code] = int(line.qty)
        assert counted == Counter(sequence)
        assert app.screen.query_one("#scan").value == ""  # type: ignore[attr-defined]


async def test_a_sale_by_key_presses_lands_exactly_in_the_database(db: Database) -> None:
    sphp_before, minyak_before = stock_of(db, SPHP), stock_of(db, MINYAKITA)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, SPHP)
        await pilot.pause()
        await type_entry(pilot, f"2*{MINYAKITA}")
        await pilot.press("f2")
        await pilot.pause()
        await type_entry(pilot, "KKMP-0002")
        assert app.cart.member is not None and app.cart.member.number == "KKMP-0002"
        total = app.cart.totals().total
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, PaymentScreen)
        await type_entry(pilot, "100000")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, KasirScreen)
        assert app.cart.lines == []
    with db.read() as session:
        sale = session.exec(select(Sale)).one()
        lines = session.exec(select(SaleLine).order_by(col(SaleLine.line_no))).all()
        payment = session.exec(select(Payment)).one()
    assert sale.receipt_no == "K1-20251130-0001"
    assert sale.member_id is not None
    assert [(line.code, line.qty, line.unit_price) for line in lines] == [
        ("BRS-SPHP5", Decimal(1), 61500),
        ("MYK-1L", Decimal(2), lines[1].unit_price),
    ]
    assert lines[1].unit_price < lines[1].regular_price
    assert sale.total == total == sum(line.line_total for line in lines)
    assert (payment.method, payment.amount, payment.tendered) == ("tunai", total, 100000)
    assert sale.change == 100000 - total
    assert stock_of(db, SPHP) == sphp_before - 1
    assert stock_of(db, MINYAKITA) == minyak_before - 2


async def test_change_is_shown_large_after_the_sale(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_entry(pilot, MINYAKITA)
        await pilot.press("f12")
        await pilot.pause()
        await type_entry(pilot, "20000")
        await app.workers.wait_for_complete()
        await pilot.pause()
        digits = app.screen.query_one("#total-digits")
        assert digits.value == "4.300"  # type: ignore[attr-defined]
        assert "K1-20251130-0001" in str(status(app).render())


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("0000000000000", "tidak dikenal"),
        (f"0*{MINYAKITA}", "lebih dari 0"),
        (f"-1*{MINYAKITA}", "tidak bisa dijual"),
        (f"abc*{MINYAKITA}", "tidak sah"),
        (f"1,5*{MINYAKITA}", "bilangan bulat"),
        (f"1000000000000*{MINYAKITA}", "terlalu besar"),
        (f"3*{SPHP}", "paling banyak 2"),
    ],
)
async def test_bad_entries_say_what_is_wrong_and_change_nothing(
    db: Database, entry: str, expected: str
) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        # Pasted, since a typed leading "-" on an empty field is the "one less" key.
        app.screen.query_one(ScanField).value = entry
        await pilot.press("enter")
        await pilot.pause()
        assert app.cart.lines == []
        assert isinstance(app.screen, KasirScreen)
        assert expected in str(status(app).render())
        assert status(app).has_class("error")


async def test_weight_items_take_a_decimal_comma(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_entry(pilot, "1,5*BRS-MED-KG")
        await type_entry(pilot, "0.25*BRS-MED-KG")
        assert [line.qty for line in app.cart.lines] == [Decimal("1.75")]


async def test_typed_minus_on_an_empty_field_is_one_less_not_a_negative_quantity(
    db: Database,
) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_entry(pilot, "3*" + MINYAKITA)
        await pilot.press("minus")
        await pilot.pause()
        assert [line.qty for line in app.cart.lines] == [Decimal(2)]
        assert app.screen.query_one(ScanField).value == ""


async def test_plus_minus_and_delete_act_on_the_selected_line(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_entry(pilot, MINYAKITA)
        await type_entry(pilot, "1*GLA-KG")
        await pilot.press("up", "plus", "plus")
        await pilot.pause()
        assert [line.qty for line in app.cart.lines] == [Decimal(3), Decimal(1)]
        await pilot.press("minus")
        await pilot.pause()
        assert app.cart.lines[0].qty == Decimal(2)
        await pilot.press("down", "delete")
        await pilot.pause()
        assert "Dihapus" in str(status(app).render())
        assert [line.product.code for line in app.cart.lines] == [MINYAKITA]
        assert app.screen.query_one("#scan").value == ""  # type: ignore[attr-defined]


async def test_text_opens_a_search_and_arrows_pick(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_entry(pilot, "minyakita")
        assert isinstance(app.screen, SearchScreen)
        expected = app.screen.items[1]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, KasirScreen)
        assert [line.product.id for line in app.cart.lines] == [expected.id]


async def test_escape_cancels_the_search(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_entry(pilot, "gula")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, KasirScreen)
        assert app.cart.lines == []


async def test_member_prices_apply_at_once_and_f2_again_removes_them(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, SPHP)
        await pilot.pause()
        assert app.cart.totals().total == 62500
        await pilot.press("f2")
        await pilot.pause()
        await type_entry(pilot, "KKMP-0002")
        assert app.cart.totals().total == 61500
        saving = str(app.screen.query_one("#saving-line", Label).render())
        assert "Rp1.000" in saving
        await pilot.press("f2")
        await pilot.pause()
        assert app.cart.member is None and app.cart.totals().total == 62500


async def test_an_unknown_member_number_is_refused(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        await type_entry(pilot, "KKMP-9999")
        assert app.screen.query_one("#picker-message", Label).render()
        assert "cocok" in str(app.screen.query_one("#picker-message", Label).render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.cart.member is None


async def test_scanning_a_member_card_attaches_the_member(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "KKMP-0003")
        await pilot.pause()
        assert app.cart.member is not None and app.cart.member.number == "KKMP-0003"


@pytest.mark.parametrize(
    ("tender", "expected"),
    [("5000", "kurang"), ("abc", "bukan jumlah"), ("-20000", "negatif")],
)
async def test_a_bad_tender_keeps_the_dialog_and_writes_nothing(
    db: Database, tender: str, expected: str
) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_entry(pilot, "3*" + MINYAKITA)
        await pilot.press("f12")
        await pilot.pause()
        await type_entry(pilot, tender)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PaymentScreen)
        error = str(app.screen.query_one("#pay-error", Label).render())
        assert expected in error.lower()
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.cart.lines) == 1
    with db.read() as session:
        assert session.exec(select(Sale)).all() == []


async def test_empty_tender_is_exact_and_tab_cycles_to_qris(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_entry(pilot, MINYAKITA)
        await pilot.press("f12", "tab")
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    with db.read() as session:
        payment = session.exec(select(Payment)).one()
        sale = session.exec(select(Sale)).one()
    assert (payment.method, payment.amount, sale.change) == ("qris", sale.total, 0)


async def test_kasbon_is_refused_without_a_member(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_entry(pilot, MINYAKITA)
        await pilot.press("f12", "tab", "tab", "tab")
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PaymentScreen)
        assert "anggota" in str(app.screen.query_one("#pay-error", Label).render()).lower()


async def test_split_payment_qris_then_cash(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_entry(pilot, "4*" + MINYAKITA)
        total = app.cart.totals().total
        await pilot.press("f12", "tab")
        await type_entry(pilot, "50000")
        assert isinstance(app.screen, PaymentScreen)
        await type_entry(pilot, "20000")
        await app.workers.wait_for_complete()
        await pilot.pause()
    with db.read() as session:
        payments = session.exec(select(Payment).order_by(col(Payment.id))).all()
        sale = session.exec(select(Sale)).one()
    assert [(p.method, p.amount) for p in payments] == [("qris", 50000), ("tunai", total - 50000)]
    assert sale.change == 50000 + 20000 - total


async def test_escape_with_a_qris_part_taken_asks_before_dropping_it(db: Database) -> None:
    """A QRIS part already taken is never dropped silently: the first Esc says what was taken
    and that it goes back to the buyer; only a second Esc leaves, and nothing is sold."""
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_entry(pilot, "4*" + MINYAKITA)
        await pilot.press("f12", "tab")
        await type_entry(pilot, "50000")
        assert isinstance(app.screen, PaymentScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PaymentScreen)
        error = str(app.screen.query_one("#pay-error", Label).render())
        assert "QRIS Rp50.000" in error and "Esc" in error
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PaymentScreen)
        assert app.cart.lines  # the cart stays for another try
    with db.read() as session:
        assert session.exec(select(Sale)).all() == []


async def test_a_quick_tender_key_pays_the_next_note_up_in_cash(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_entry(pilot, "4*" + MINYAKITA)
        total = app.cart.totals().total
        offered = quick_tenders(total)
        await pilot.press("f12")
        await pilot.pause()
        quick = str(app.screen.query_one("#quick", Label).render())
        assert f"F3 {format_rupiah(offered[1])}" in quick
        await pilot.press("f3")
        await app.workers.wait_for_complete()
        await pilot.pause()
    with db.read() as session:
        payment = session.exec(select(Payment)).one()
        sale = session.exec(select(Sale)).one()
    assert (payment.method, payment.tendered, sale.change) == (
        "tunai", offered[1], offered[1] - total,
    )  # fmt: skip


async def test_a_tender_far_above_the_total_asks_before_paying(db: Database) -> None:
    """Rp1.000.000.000 for a cart of a few bottles is a slip: the first Enter asks, the cart is
    not sold; a changed amount is judged afresh; the same amount Entered again pays."""
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_entry(pilot, MINYAKITA)
        await pilot.press("f12")
        await pilot.pause()
        await type_entry(pilot, "1000000000")
        assert isinstance(app.screen, PaymentScreen)
        assert "Rp1.000.000.000" in str(app.screen.query_one("#pay-error", Label).render())
        with db.read() as session:
            assert session.exec(select(Sale)).all() == []
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, PaymentScreen)
    with db.read() as session:
        assert session.exec(select(Payment)).one().tendered == 1_000_000_000


async def test_hold_and_recall_a_cart(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_entry(pilot, "2*" + MINYAKITA)
        await pilot.press("f8")
        await pilot.pause()
        assert app.cart.lines == []
        await type_entry(pilot, "1*GLA-KG")
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert [(line.product.code, line.qty) for line in app.cart.lines] == [
            (MINYAKITA, Decimal(2))
        ]


async def test_f1_lists_the_keys_and_escape_closes(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, KasirScreen)


async def test_the_footer_shows_the_bindings_in_english_with_lang_en(db: Database) -> None:
    app = make_app(db, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        descriptions = {b.description for _, b, _, _ in app.screen.active_bindings.values()}
        assert {"Pay", "Member", "Help", "Hold/Recall"} <= descriptions
        await type_entry(pilot, "0000000000000")
        assert "unknown" in str(status(app).render())


async def test_a_locked_database_at_payment_keeps_the_cart_and_sells_later(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gerai.db, "BUSY_TIMEOUT_MS", 200)
    locked = Database(db.url)
    app = GeraiApp(Settings(db_url=db.url), locked, clock=lambda: NOW, actor=CASHIER)
    other = WriteLock(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_entry(pilot, MINYAKITA)
        other.hold()
        await pilot.press("f12")
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PaymentScreen)
        assert "coba lagi" in str(app.screen.query_one("#pay-error", Label).render())
        other.release()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, KasirScreen)
    other.close()
    locked.dispose()
    with db.read() as session:
        assert len(session.exec(select(Sale)).all()) == 1


async def test_keys_typed_right_after_f12_and_after_paying_are_not_lost(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, SPHP)
        await pilot.press("f12")
        burst(app, "70000")  # typed at once, while the dialog is still opening
        for _ in range(40):
            await pilot.pause()
            await app.workers.wait_for_complete()
            if isinstance(app.screen, KasirScreen):
                break
        burst(app, MINYAKITA)  # the next buyer's item, scanned as the dialog closes
        for _ in range(20):
            await pilot.pause()
            if app.cart.lines:
                break
        assert [line.product.code for line in app.cart.lines] == [MINYAKITA]
    with db.read() as session:
        payment = session.exec(select(Payment)).one()
    assert (payment.amount, payment.tendered) == (62500, 70000)


async def test_a_member_number_typed_right_after_f2_is_not_lost(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        burst(app, "KKMP-0002")
        for _ in range(20):
            await pilot.pause()
            if app.cart.member is not None:
                break
        assert app.cart.member is not None and app.cart.member.number == "KKMP-0002"
