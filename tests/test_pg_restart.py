"""The PostgreSQL server restarts in the middle of a shift: the till says so in one clear line,
keeps the cart, and the sale goes through once the server is back; no sale is half-written
and every sale the till saw completed is there afterwards. A private cluster of its own,
stopped and started by the test."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from decimal import Decimal

import pytest
from textual.widgets import Label

from gerai.core.errors import GeraiError
from gerai.db import Database
from gerai.demo.generate import create_demo_users, load_catalogue
from gerai.models import Sale
from gerai.paths import data_dir
from gerai.services.cash.shifts import open_shift
from gerai.services.sale.cart import Cart
from gerai.services.sale.checkout import Tender, checkout
from gerai.services.stock.catalog import find_by_code
from gerai.services.stock.ledger import stock_check
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.sale.kasir import KasirScreen
from gerai.tui.screens.sale.payment import PaymentScreen
from tests.conftest import CASHIER, NOW, OPENING_CASH, raw
from tests.pg import PG_SKIPPED, Cluster, pg_bindir, pg_url

CODES = ["IDM-GRG", "AQA-600", "GLA-KG", "MYK-1L"]

pytestmark = [
    pytest.mark.skipif(pg_url() is None, reason=PG_SKIPPED),
    pytest.mark.skipif(pg_bindir() is None, reason="PostgreSQL server programs not found"),
    pytest.mark.timeout(300),
]


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    bindir = pg_bindir()
    assert bindir is not None
    server = Cluster(bindir)
    server.start()
    yield server
    server.remove()


@pytest.fixture
def shop_db(cluster: Cluster) -> Iterator[Database]:
    """A shop on the private cluster: the demo catalogue, a shift open on K1."""
    database = Database(cluster.url)
    database.upgrade()
    with database.write() as session:
        shop = load_catalogue(session, data_dir(), NOW)
        create_demo_users(session, NOW)  # the acting kasir must be a user
        open_shift(session, "K1", CASHIER, OPENING_CASH, NOW, shop)
    yield database
    database.dispose()


def cart_of(database: Database, number: int) -> Cart:
    """Sale `number`'s cart: one to three everyday products."""
    cart = Cart()
    with database.read() as session:
        for code in CODES[: 1 + number % 3]:
            product = find_by_code(session, code)
            assert product is not None
            cart.add(product, Decimal(1))
    return cart


def pay(database: Database, cart: Cart) -> str:
    with database.write() as session:
        return checkout(
            session, cart, [Tender("tunai")], till="K1", actor=CASHIER, now=NOW,
        ).receipt_no  # fmt: skip


def check_every_sale_whole(database: Database, completed: list[str]) -> None:
    """Every sale the till saw completed is stored; every stored sale is whole (its lines,
    payment and stock movements), numbered without gaps; stock equals the ledger."""
    stored = [r for (r,) in raw(database, "SELECT receipt_no FROM sale ORDER BY id")]
    assert set(completed) <= set(stored)
    numbers = sorted(int(r.rsplit("-", 1)[1]) for r in stored)
    assert numbers == list(range(1, len(stored) + 1))
    broken = raw(
        database,
        "SELECT s.receipt_no FROM sale s WHERE s.total != (SELECT coalesce(sum(amount), 0) "
        "FROM payment WHERE sale_id = s.id) OR (SELECT count(*) FROM saleline WHERE sale_id = "
        "s.id) != (SELECT count(*) FROM stockmovement WHERE sale_id = s.id) OR NOT EXISTS "
        "(SELECT 1 FROM saleline WHERE sale_id = s.id)",
    )
    assert broken == []
    with database.read() as session:
        assert stock_check(session) == []


def test_a_restart_in_the_middle_of_a_run_of_sales(cluster: Cluster, shop_db: Database) -> None:
    """Sales go on while the server restarts; a refused sale is paid again with the same
    cart once the server is back."""
    restarted = threading.Event()

    def restart() -> None:
        time.sleep(0.5)
        cluster.restart()
        restarted.set()

    completed: list[str] = []
    refusals: list[str] = []
    restarter = threading.Thread(target=restart)
    restarter.start()
    number = 0
    deadline = time.monotonic() + 120
    while not (restarted.is_set() and number >= 60):
        assert time.monotonic() < deadline
        try:
            cart = cart_of(shop_db, number)
            while True:  # the kasir presses Enter again on the same cart
                try:
                    completed.append(pay(shop_db, cart))
                    break
                except GeraiError as exc:
                    refusals.append(exc.key)
                    time.sleep(0.05)
        except GeraiError as exc:  # the server went away while the cart was being built
            refusals.append(exc.key)
            time.sleep(0.05)
            continue
        number += 1
    restarter.join()
    assert refusals, "the restart never interrupted a sale"
    assert set(refusals) == {"db.unreachable"}
    check_every_sale_whole(shop_db, completed)


async def test_the_till_says_the_server_is_gone_keeps_the_cart_and_sells_when_it_is_back(
    cluster: Cluster, shop_db: Database
) -> None:
    app = GeraiApp(Settings(db_url=shop_db.url), shop_db, clock=lambda: NOW, actor=CASHIER)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in "AQA-600":
            await pilot.press(key)
        await pilot.press("enter")
        await pilot.pause()
        cluster.stop()
        await pilot.press("f12")
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PaymentScreen)
        message = str(app.screen.query_one("#pay-error", Label).render())
        assert "tidak terjangkau" in message and "Keranjang tetap tersimpan" in message
        assert len(app.till.cart.lines) == 1
        cluster.start()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, KasirScreen)
    with shop_db.read() as session:
        [sale] = session.exec(Sale.__table__.select()).all()  # type: ignore[attr-defined]
    assert sale.receipt_no == "K1-20251130-0001"
    check_every_sale_whole(shop_db, [sale.receipt_no])
