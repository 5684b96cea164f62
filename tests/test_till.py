"""The till layer on real databases: every verb is one transaction (a refused verb leaves
nothing), a sale and its receipt job commit together, and the sale is priced with the shop's
settings and the products as the database holds them when it is paid, not when the till
started or the product was scanned."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlmodel import col, select

from gerai.core.errors import GeraiError
from gerai.core.words import PaymentMethod
from gerai.db import Database, count_rows
from gerai.models import AuditRecord, HeldCart, PrintJob, Sale, SaleLine, StockMovement
from gerai.printing import PrintQueue
from gerai.services.sale.cart import Cart
from gerai.services.sale.checkout import Tender, checkout
from gerai.services.shop.auth import Approval
from gerai.services.shop.profile import load_shop
from gerai.services.stock.catalog import find_by_code
from gerai.settings import Settings
from gerai.till import Till
from gerai.till.base import BatchSpoiled
from tests.conftest import CASHIER, NOW, OWNER, OWNER_PIN, TREASURER_PIN, raw

PRINTER = "tcp://127.0.0.1:9"  # a printer is configured; nothing is sent in these tests
OIL, SUGAR, FLOUR = "MYK-1L", "GLA-KG", "TPG-BRS500"  # flour: no member price of its own
MEMBER = "KKMP-0001"


def make_till(db: Database, printer: str = PRINTER, till: str = "K1") -> Till:
    settings = Settings(db_url=db.url, printer=printer, till=till)
    queue = PrintQueue(db, settings, lambda: NOW)
    return Till(settings, db, queue, clock=lambda: NOW, actor=CASHIER)


@pytest.fixture
def till(db: Database) -> Till:
    return make_till(db)


@pytest.fixture
def commits(db: Database) -> Iterator[list[object]]:
    """Every transaction committed on the database while the test runs."""
    seen: list[object] = []

    def committed(connection: object) -> None:
        seen.append(connection)

    event.listen(db.engine, "commit", committed)
    yield seen
    event.remove(db.engine, "commit", committed)


def fill(till: Till, *items: tuple[str, str]) -> None:
    for code, qty in items:
        product = till.find_product(code)
        assert product is not None, code
        till.cart.add(product, Decimal(qty))


def set_setting(db: Database, key: str, value: str) -> None:
    raw(db, "UPDATE shopsetting SET value = :value WHERE key = :key", key=key, value=value)
    if not raw(db, "SELECT 1 FROM shopsetting WHERE key = :key", key=key):
        raw(db, "INSERT INTO shopsetting (key, value) VALUES (:key, :value)", key=key, value=value)


def counts(db: Database) -> tuple[int, ...]:
    with db.read() as session:
        return tuple(
            count_rows(session, table)
            for table in (Sale, SaleLine, PrintJob, StockMovement, HeldCart)
        )


def test_sell_commits_the_sale_and_its_receipt_job_in_one_transaction(
    db: Database, till: Till, commits: list[object]
) -> None:
    fill(till, (OIL, "2"), (SUGAR, "1.5"))
    result = till.sell([Tender("tunai", 100_000)])
    assert len(commits) == 1
    assert till.cart.lines == []
    with db.read() as session:
        sale = session.exec(select(Sale)).one()
        job = session.exec(select(PrintJob)).one()
    assert (sale.receipt_no, sale.total, sale.till, sale.cashier) == (
        result.receipt_no, result.total, "K1", "kasir",
    )  # fmt: skip
    assert (job.receipt_no, job.kind, job.till, job.status) == (
        result.receipt_no, "sale", "K1", "pending",
    )  # fmt: skip


def test_without_a_printer_the_sale_queues_no_job(db: Database) -> None:
    till = make_till(db, printer="none")
    fill(till, (OIL, "1"))
    till.sell([Tender("tunai")])
    assert counts(db)[:3] == (1, 1, 0)


def test_a_refused_sale_leaves_nothing_and_keeps_the_cart(db: Database, till: Till) -> None:
    fill(till, (OIL, "2"))
    before = counts(db)
    with pytest.raises(GeraiError) as refused:
        till.sell([Tender("tunai", 1_000)])
    assert refused.value.key == "pay.too_little"
    assert counts(db) == before
    assert [line.product.code for line in till.cart.lines] == [OIL]


def test_the_sale_is_priced_as_the_database_holds_the_product_when_paid(
    db: Database, till: Till
) -> None:
    fill(till, (OIL, "2"))
    scanned = till.cart.lines[0].product.price
    raw(db, "UPDATE product SET price = price - 500 WHERE code = :code", code=OIL)
    before = counts(db)
    with pytest.raises(GeraiError) as changed:
        till.sell([Tender("tunai")])
    assert changed.value.key == "cart.price_changed"  # the kasir sees the new price first
    assert counts(db) == before
    till.reprice()  # and confirms it
    result = till.sell([Tender("tunai")])
    with db.read() as session:
        line = session.exec(select(SaleLine)).one()
    assert line.unit_price == scanned - 500
    assert result.total == 2 * (scanned - 500)


def test_a_product_withdrawn_since_the_scan_is_refused_at_payment(db: Database, till: Till) -> None:
    fill(till, (OIL, "1"))
    raw(db, "UPDATE product SET active = :no WHERE code = :code", no=False, code=OIL)
    before = counts(db)
    with pytest.raises(GeraiError) as refused:
        till.sell([Tender("tunai")])
    assert refused.value.key == "cart.inactive"
    assert counts(db) == before


def test_the_member_discount_is_the_shops_as_stored_when_the_sale_is_paid(
    db: Database, till: Till
) -> None:
    member = till.find_member(MEMBER)
    assert member is not None
    till.cart.attach_member(member)
    fill(till, (FLOUR, "2"))
    at_start = till.cart.totals().member_discount
    set_setting(db, "member_discount_bp", "500")  # 5 %, changed at another till
    with pytest.raises(GeraiError) as changed:
        till.sell([Tender("tunai")])
    assert changed.value.key == "cart.price_changed"
    till.reprice()
    result = till.sell([Tender("tunai")])
    assert result.member_discount > at_start
    assert till.shop.member_discount_bp == 500
    assert till.cart.global_discount_bp == 500  # the next cart is priced with it too


def test_checkout_follows_the_stored_stock_policy_not_the_carts(db: Database) -> None:
    set_setting(db, "allow_negative_stock", "1")
    till = make_till(db)
    assert till.cart.allow_negative_stock
    product = till.find_product(OIL)
    assert product is not None
    till.cart.add(product, product.stock + 1)
    set_setting(db, "allow_negative_stock", "0")  # forbidden again before the sale is paid
    before = counts(db)
    with pytest.raises(GeraiError):
        till.sell([Tender("tunai")])
    assert counts(db) == before
    assert not till.cart.allow_negative_stock


def test_checkout_itself_reads_the_stored_stock_policy(db: Database) -> None:
    """A cart that believes negative stock is allowed is still refused by the stored policy."""
    with db.read() as session:
        product = find_by_code(session, OIL)
        shop = load_shop(session)
    assert product is not None and not shop.allow_negative_stock
    cart = Cart(allow_negative_stock=True)
    cart.add(product, product.stock + 1)
    before = counts(db)
    with pytest.raises(GeraiError), db.write() as session:
        checkout(session, cart, [Tender("tunai")], till="K1", actor=CASHIER, now=NOW)
    assert counts(db) == before


def test_a_shop_that_allows_negative_stock_sells_past_zero(db: Database) -> None:
    till = make_till(db)
    product = till.find_product(OIL)
    assert product is not None
    till.cart.add(product, Decimal(1))
    set_setting(db, "allow_negative_stock", "1")
    till.sell([Tender("tunai")])  # the setting is read again with the sale
    again = till.find_product(OIL)
    assert again is not None
    till.cart.add(again, again.stock + 2)
    till.sell([Tender("tunai")])
    after = till.find_product(OIL)
    assert after is not None and after.stock == Decimal(-2)


def test_hold_and_recall_are_one_transaction_each(
    db: Database, till: Till, commits: list[object]
) -> None:
    fill(till, (OIL, "1"), (SUGAR, "1"))
    held = till.hold()
    assert till.cart.lines == [] and len(commits) == 1
    assert [h.id for h in till.held_carts()] == [held.id]
    till.recall(held.id)
    assert len(commits) == 2
    assert [line.product.code for line in till.cart.lines] == [OIL, SUGAR]
    assert till.held_carts() == []


def test_a_void_with_a_wrong_pin_changes_nothing_but_leaves_its_trace(
    db: Database, till: Till
) -> None:
    fill(till, (OIL, "1"))
    receipt_no = till.sell([Tender("tunai")]).receipt_no
    with pytest.raises(GeraiError) as refused:
        till.void(receipt_no, "salah input", Approval("bendahara", "0000"))
    assert refused.value.key == "auth.wrong_pin"
    assert till.sale_state(receipt_no).status == "completed"
    with db.read() as session:
        last = session.exec(select(AuditRecord).order_by(col(AuditRecord.seq).desc())).first()
    assert last is not None and last.kind == "approval_refused"
    done = till.void(receipt_no, "salah input", TREASURER_PIN)
    assert done.approved_by == "bendahara"
    assert till.sale_state(receipt_no).status == "void"


def test_member_settings_changed_through_the_till_price_its_cart_at_once(
    db: Database, till: Till
) -> None:
    shop, categories = till.member_settings()
    till.save_member_settings(750, shop.savings_pokok, shop.savings_wajib, {}, OWNER_PIN)
    assert till.shop.member_discount_bp == 750
    assert till.cart.global_discount_bp == 750
    assert till.member_settings()[0].member_discount_bp == 750
    assert categories


def test_login_and_logout(db: Database) -> None:
    settings = Settings(db_url=db.url)
    till = Till(settings, db, PrintQueue(db, settings, lambda: NOW), clock=lambda: NOW)
    assert not till.logged_in
    with pytest.raises(GeraiError):
        till.login("kasir", "0000")
    assert not till.logged_in
    assert till.login("kasir", "1111") == CASHIER
    fill(till, (OIL, "1"))
    till.cart.clear()
    till.logout()
    assert not till.logged_in


def test_the_shift_verbs_use_the_tills_own_id(db: Database) -> None:
    till = make_till(db, till="K3")
    assert till.current_shift() is None
    with pytest.raises(GeraiError):
        till.move_cash("out", 10_000, "kantong plastik")  # no shift open on K3
    shift = till.open_shift(200_000)
    assert shift.till == "K3"
    till.move_cash("in", 50_000, "uang kecil")
    _, position = till.cash_position()
    assert position.expected == 250_000


def test_no_screen_opens_a_transaction() -> None:
    """The screens call the till; only the till opens sessions."""
    tui = Path(__file__).resolve().parent.parent / "gerai" / "tui"
    opened = [
        f"{path.relative_to(tui)}:{number}"
        for path in sorted(tui.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"database\.(read|write)\(\)", line)
    ]
    assert opened == []


def test_the_command_line_writes_only_through_the_till() -> None:
    """The command line's writes are verbs of a Till: no command opens a write transaction."""
    cli = Path(__file__).resolve().parent.parent / "gerai" / "cli"
    opened = [
        f"{path.relative_to(cli)}:{number}"
        for path in sorted(cli.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.write\(\)", line)
    ]
    assert opened == []


def owner_till(db: Database) -> Till:
    settings = Settings(db_url=db.url, printer="none")
    return Till(settings, db, PrintQueue(db, settings, lambda: NOW), lambda: NOW, OWNER)


def test_a_batch_of_verbs_commits_once_at_its_end(db: Database, commits: list[object]) -> None:
    till = make_till(db, printer="none")
    with till.batch():
        for _ in range(3):
            fill(till, (OIL, "1"))
            till.sell([Tender(PaymentMethod.CASH)])
        assert commits == []
    assert len(commits) == 1
    assert counts(db)[:2] == (3, 3)


def test_a_verb_refused_inside_a_batch_spoils_it_even_when_caught(db: Database) -> None:
    """The global discount is written before the savings amounts are refused: a batch whose
    caller catches the refusal and goes on commits nothing (not that half of the verb)."""
    till = owner_till(db)
    shop = till.shop
    with pytest.raises(BatchSpoiled), till.batch():
        till.save_member_settings(300, shop.savings_pokok, shop.savings_wajib, {}, None)
        with pytest.raises(GeraiError):
            till.save_member_settings(700, 0, 0, {}, None)
    with db.read() as session:
        stored = load_shop(session)
    assert (stored.member_discount_bp, stored.savings_pokok) == (
        shop.member_discount_bp,
        shop.savings_pokok,
    )


def test_an_error_out_of_a_batch_commits_none_of_it(db: Database) -> None:
    till = make_till(db, printer="none")
    before = counts(db)
    with pytest.raises(GeraiError), till.batch():
        fill(till, (OIL, "1"))
        till.sell([Tender(PaymentMethod.CASH)])
        till.sell([Tender(PaymentMethod.CASH)])  # an empty cart: refused, and not caught
    assert counts(db) == before
    assert till.database is not None and till.shop is not None
    fill(till, (OIL, "1"))
    till.sell([Tender(PaymentMethod.CASH)])  # the till works on after the batch
    assert counts(db)[0] == before[0] + 1


def test_shop_settings_saved_through_the_till_are_its_own_at_once(db: Database) -> None:
    till = owner_till(db)
    saved = till.save_shop({"name": "Gerai Uji", "member_discount_bp": "250"})
    assert till.shop == saved
    assert (till.shop.name, till.cart.global_discount_bp) == ("Gerai Uji", 250)


def test_a_new_shops_setup_writes_nothing_when_the_admin_is_refused(db: Database) -> None:
    till = owner_till(db)
    name = till.shop.name
    with pytest.raises(GeraiError):
        till.set_up_shop({"name": "Toko Baru"}, "pemilik", "1234", "9999")  # PINs differ
    with db.read() as session:
        assert load_shop(session).name == name
    assert "pemilik" not in {user.name for user in till.users()}
    till.set_up_shop({"name": "Toko Baru"}, "pemilik", "1234", "1234")
    assert till.shop.name == "Toko Baru"
    assert "pemilik" in {user.name for user in till.users()}


def test_the_till_loads_neither_textual_nor_the_screens() -> None:
    code = "import json, sys, gerai.till; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert "gerai.till.sale" in loaded
    assert not [m for m in loaded if m.split(".")[0] == "textual"]
    assert not [m for m in loaded if m.startswith(("gerai.tui", "gerai.cli"))]
