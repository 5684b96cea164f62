"""The demo shop: the catalogue, members and settings shipped in `data/`, the demo users
(`kasir`/1111, `bendahara`/2222, `admin`/9999), and past days of business made by the kasir
through a `Till` (`gerai.till`), verb by verb as the kasir screen makes them, on the till's
clock set to each moment of the day: the goods received in the morning by the bendahara,
about 300 sales a day in the shop's hours (members and non-members, cash mostly, some QRIS,
transfer and kasbon within the members' credit limits; the carts filled at the till, their
rows written in bulk by `bulk.DaySales`, proven equal to `Till.sell`'s), each day's savings
and kasbon repayments at the counter and now and then a cash out (the kasir's day is one
transaction, `Till.batch`), now and then one of the day's sales voided or goods of an earlier
day's sale taken back (retur) by the bendahara before the close; each day's shift is closed
by the bendahara at their own login (no PIN to ask), who takes a setoran of all but the next
day's opening cash into the kas bendahara; every third day the bendahara pays transport from
the kas and each Saturday takes most of it to the bank (at their own login too).

The starting data (`load_catalogue`) is a new shop's setup, written straight into the
database in one transaction (`build_demo`), like the benchmark's bulk build: no till exists
before the shop has its settings and users."""

from __future__ import annotations

import random
import tomllib
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import partial
from itertools import accumulate
from pathlib import Path

from sqlalchemy import inspect
from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.core.money import parse_basis_points
from gerai.core.quantity import normalize
from gerai.core.words import CashDirection, ExpenseCategory, PaymentMethod, Role, SaleStatus
from gerai.db import Database, count_rows
from gerai.demo.bulk import DaySales
from gerai.demo.members import member_day
from gerai.demo.unsynced import unsynced
from gerai.models import MEMBER, OPENING_STOCK, Member, Product, Sale, ShopSetting
from gerai.paths import data_dir
from gerai.services.audit.seals import DEMO_MARKER, seal_all
from gerai.services.cash.shifts import DENOMINATIONS
from gerai.services.members.import_export import import_members
from gerai.services.members.lookup import MemberInfo
from gerai.services.sale.checkout import Tender
from gerai.services.shop.auth import SYSTEM, Actor, create_user
from gerai.services.shop.profile import ShopProfile, load_shop, store_shop_settings
from gerai.services.stock.catalog import ProductInfo
from gerai.services.stock.import_export import import_categories, store_products
from gerai.services.stock.receiving import ReceiveLine
from gerai.settings import Settings
from gerai.tabular import read_table
from gerai.till import Till

DEMO_TILL = "K1"
DEMO_USERS = (  # login name, PIN, role
    ("kasir", "1111", Role.KASIR),
    ("bendahara", "2222", Role.BENDAHARA),
    ("admin", "9999", Role.ADMIN),
)
DEMO_CASHIER = Actor("kasir", Role.KASIR)
DEMO_BENDAHARA = Actor("bendahara", Role.BENDAHARA)
DEMO_OPENING_CASH = 500_000
DEMO_SUPPLIER = "CV Sumber Pangan Maros"
HOUR_WEIGHTS = {
    7: 6,
    8: 9,
    9: 8,
    10: 7,
    11: 6,
    12: 5,
    13: 4,
    14: 4,
    15: 6,
    16: 9,
    17: 10,
    18: 8,
    19: 6,
    20: 3,
}
METHOD_WEIGHTS = (
    (PaymentMethod.CASH, 74),
    (PaymentMethod.QRIS, 16),
    (PaymentMethod.TRANSFER, 6),
    (PaymentMethod.KASBON, 4),
)
CASH_STEPS = (1000, 2000, 5000, 10000, 20000, 50000, 100000)


def is_demo(session: Session) -> bool:
    """True when this database was made by `gerai demo`."""
    return session.get(ShopSetting, DEMO_MARKER) is not None


SYSTEM_SEALER = "gerai"  # the program itself, sealing a new shop's starting rows


def holds_data(session: Session) -> bool:
    """True when the database holds any product, member or sale."""
    return any(count_rows(session, table) for table in (Product, Member, Sale))


def load_catalogue(
    session: Session, folder: Path, now: datetime, *, sealed: bool = True
) -> ShopProfile:
    """Load the shop settings, categories, products (their opening stock one `SA` document;
    on a database before migration 0014, adjustments as then) and members: a new
    shop's starting data, so neither checked against a user nor audited; the members' rows
    are sealed (actor `gerai`) unless `sealed` is False (a database older than the audit
    chain, as the migration tests build: migration 0006 seals them on upgrade)."""
    shop = tomllib.loads((folder / "shop.toml").read_text(encoding="utf-8"))
    discount = shop.pop("member_discount_percent", "0")
    store_shop_settings(session, member_discount_bp=parse_basis_points(str(discount)), **shop)
    import_categories(session, read_table(folder / "categories.csv"))
    store_products(
        session, read_table(folder / "products.csv"), now, by=SYSTEM.name,
        documented=inspect(session.connection()).has_table(OPENING_STOCK.name),
    )  # fmt: skip
    # the shipped members are dated for the demo's own calendar, not the loader's clock
    import_members(session, read_table(folder / "members.csv"), now.date(), latest=date.max)
    if sealed:
        seal_all(session, MEMBER, actor=SYSTEM_SEALER, at=now)
    session.merge(ShopSetting(key=DEMO_MARKER, value="1"))
    return load_shop(session)


def create_demo_users(session: Session, now: datetime) -> None:
    """The demo users, created by the command line's operator (audited), in the caller's
    transaction: for the tests' and the benchmark's databases (`gerai demo` creates them
    through a till, `build_demo`)."""
    for name, pin, role in DEMO_USERS:
        create_user(session, SYSTEM, name, role, pin, now=now)


class DemoClock:
    """The demo till's clock: the moment the generator has reached."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class NoPrinter:
    """The demo till's print queue: it has no printer, so no job is stored."""

    def queue_receipt(
        self, session: Session, receipt_no: str, reprint_by: Actor | None = None
    ) -> bool:
        return False

    def queue_return(self, session: Session, number: str, reprint: bool = False) -> bool:
        return False

    def queue_void(self, session: Session, receipt_no: str) -> bool:
        return False

    def queue_member_slip(self, session: Session, number: str, reprint: bool = False) -> bool:
        return False

    def submit(self, receipt_no: str, reprint_by: Actor | None = None) -> bool:
        return False

    def open_drawer(self, actor: Actor) -> bool:
        return False


def demo_till(database: Database, settings: Settings, clock: DemoClock, actor: Actor) -> Till:
    """The demo's till `K1` on `database`, worked by `actor` on `clock`, with no printer."""
    return Till(replace(settings, till=DEMO_TILL), database, NoPrinter(), clock, actor)


def build_demo(
    database: Database,
    settings: Settings,
    days: int,
    now: datetime,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Fill an empty, current `database`: the starting data and the demo users (the shop's
    setup: one transaction, the users created by the command line's operator through a till),
    then `days` days of business before today, told to `progress` (days done, days) after
    each; returns the count of sales made. A SQLite file is written unsynced and fsynced at
    the end (`unsynced`)."""
    opened = now - timedelta(days=days + 1)  # the opening stock comes before the sales
    with unsynced(database):
        with database.write() as session:
            shop = load_catalogue(session, data_dir(), opened)
        clock = DemoClock(opened)
        operator = demo_till(database, settings, clock, SYSTEM)
        for name, pin, role in DEMO_USERS:
            operator.add_user(SYSTEM, name, "", role, pin, pin)
        kasir = demo_till(database, settings, clock, DEMO_CASHIER)
        bendahara = demo_till(database, settings, clock, DEMO_BENDAHARA)
        today = shop.business_date(now)
        return generate_sales(kasir, bendahara, clock, days, today, progress=progress)


@dataclass
class _Catalogue:
    products: list[ProductInfo]
    cum_weights: list[int]  # the products' weights summed up to each (as `random.choices`)
    members: list[MemberInfo]


def _staple_weight(product: ProductInfo) -> int:
    if product.price > 100_000:
        return 1
    staples = ("Beras", "Minyak Goreng", "Gula", "Telur", "Mi Instan", "LPG")
    return 8 if product.category in staples else 3


def _quantity(rng: random.Random, product: ProductInfo) -> Decimal:
    if product.sold_by_weight:
        return normalize(Decimal(rng.choice((25, 50, 50, 100, 100, 100, 150, 200))) / 100)
    qty = Decimal(rng.choice((1, 1, 1, 1, 1, 2, 2, 3)))
    return min(qty, product.max_per_sale) if product.max_per_sale else qty


def _cash_tendered(rng: random.Random, total: int) -> int | None:
    if rng.random() < 0.3:
        return None
    step = rng.choice([s for s in CASH_STEPS if s * 20 >= total] or [100000])
    return -(-total // step) * step


def _restock(
    till: Till, supplier_id: int, opening: dict[int, Decimal], day: date
) -> dict[int, Decimal]:
    """The morning's goods, received by the bendahara: every product below its opening stock
    is brought to twice it, from the supplier at its cost. Each product's stock after it."""
    products = till.count_candidates()
    stock = {product.id: product.stock for product in products}
    lines = []
    for product in products:
        if product.id in opening and product.stock < opening[product.id]:
            added = opening[product.id] * 2 - product.stock
            lines.append(ReceiveLine(product.code, added, product.cost))
            stock[product.id] += added
    if lines:
        till.receive(supplier_id, f"SJ-{day:%Y%m%d}", lines, None)
    return stock


def _one_sale(
    till: Till,
    rng: random.Random,
    catalogue: _Catalogue,
    stock: dict[int, Decimal],
    sales: DaySales | None,
) -> str | None:
    """A customer at the counter; the receipt number, or None when nothing was sold. `stock`
    is the shelf as the day's sales leave it: the cart refuses more than it holds, as it
    refuses more than the stored stock at the kasir screen (nothing is then refused at the
    payment, which would spoil the day's batch). Paid through `sales` (the day's bulk
    sales) when given, else through `Till.sell`."""
    cart = till.cart
    if rng.random() < 0.45:
        cart.attach_member(rng.choice(catalogue.members))
    for _ in range(rng.choice((1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6))):
        product = rng.choices(catalogue.products, cum_weights=catalogue.cum_weights)[0]
        on_shelf = product._replace(stock=stock.get(product.id, Decimal(0)))
        try:
            cart.add(on_shelf, _quantity(rng, on_shelf))
        except GeraiError:
            continue
    method = rng.choices([m for m, _ in METHOD_WEIGHTS], [w for _, w in METHOD_WEIGHTS])[0]
    if not cart.lines:
        cart.clear()
        return None
    total = cart.totals().total
    credit = till.available_credit if sales is None else sales.available_credit
    if method == PaymentMethod.KASBON and (cart.member is None or credit(cart.member) < total):
        method = PaymentMethod.CASH
    amount = _cash_tendered(rng, total) if method == PaymentMethod.CASH else None
    sold = [(line.product.id, line.qty) for line in cart.lines]
    tenders = [Tender(method, amount)]
    if sales is None:
        receipt_no = till.sell(tenders).receipt_no
    else:
        receipt_no = sales.sell(cart, tenders, till.clock())
    for product_id, qty in sold:
        stock[product_id] -= qty
    return receipt_no


VOID_CHANCE = 0.3  # a day with one of its sales voided
RETUR_CHANCE = 0.3  # a day with goods of an earlier day's sale brought back


def _corrections(till: Till, rng: random.Random, today: list[str], earlier: list[str]) -> None:
    """Before the close, the bendahara now and then voids one of the day's sales (the kasir
    scanned the wrong goods) or takes back some of an earlier day's sale (retur)."""
    if today and rng.random() < VOID_CHANCE:
        till.void(rng.choice(today), "salah scan", None)
    if earlier and rng.random() < RETUR_CHANCE:
        state = till.sale_state(rng.choice(earlier))
        lines = [line for line in state.lines if line.returnable > 0]
        if state.status == SaleStatus.COMPLETED and lines:
            line = rng.choice(lines)
            qty = line.returnable if line.sold_by_weight else Decimal(1)
            damaged = rng.random() < 0.3
            with suppress(GeraiError):  # more cash than the drawer holds: no retur today
                till.retur(
                    state.receipt_no, [(line.line_no, qty, damaged)],
                    "kemasan rusak" if damaged else "tidak jadi", state.refund_methods[0], None,
                )  # fmt: skip


def generate_sales(
    till: Till,
    stores: Till,
    clock: DemoClock,
    days: int,
    today: date,
    seed: int = 2025,
    sales_per_day: int = 300,
    progress: Callable[[int, int], None] | None = None,
    bulk: bool = True,
) -> int:
    """Make `days` days of business before `today` on `till` (worked by the demo kasir, its
    clock `clock`), verb by verb: the goods received by the bendahara on `stores` (the same
    till, worked by the bendahara), the kasir's day in one transaction (`Till.batch`), its
    sales written in bulk (`DaySales`; through `Till.sell` one by one unless `bulk`), the
    bendahara's voids and returs, the kasir's close; `progress`, when given, is told (days
    done, days) before the first day and after each; returns the count of sales made."""
    rng = random.Random(seed)
    corrections = random.Random(seed + 1)  # its own sequence: the sales stay as they were
    shop = till.shop
    made = 0
    products = till.count_candidates()
    members = sorted(
        till.member_page("", inactive=False, after=None, before=None, limit=1_000_000),
        key=lambda m: m.id,
    )
    products.sort(key=lambda p: p.id)
    catalogue = _Catalogue(products, list(accumulate(map(_staple_weight, products))), members)
    opening = {p.id: max(p.stock, Decimal(10)) for p in products}
    supplier_id = stores.add_supplier(DEMO_SUPPLIER, "", "").id
    hours = list(HOUR_WEIGHTS)
    earlier: list[str] = []
    if progress is not None:
        progress(0, days)
    for offset in range(days, 0, -1):
        day = today - timedelta(days=offset)
        count = rng.randint(sales_per_day * 85 // 100, sales_per_day * 115 // 100)
        moments = sorted(
            datetime.combine(
                day,
                time(
                    rng.choices(hours, list(HOUR_WEIGHTS.values()))[0],
                    rng.randrange(60),
                    rng.randrange(60),
                ),
                tzinfo=shop.zone,
            )
            for _ in range(count)
        )
        at = partial(datetime.combine, day, tzinfo=shop.zone)
        clock.now = at(time(6, 30))
        stock = _restock(stores, supplier_id, opening, day)
        carried = till.carried_cash()  # what stayed at yesterday's close
        with till.batch():  # the day's work in one transaction, as the demo always made it
            clock.now = at(time(6, 45))
            till.open_shift(carried.stayed if carried is not None else DEMO_OPENING_CASH)
            member_day(till, clock, catalogue.members, day, seed)
            sales = _day_sales(till, catalogue) if bulk else None
            today_sales: list[str] = []
            for number, moment in enumerate(moments):
                clock.now = moment
                receipt_no = _one_sale(till, rng, catalogue, stock, sales)
                made += receipt_no is not None
                if receipt_no is not None:
                    today_sales.append(receipt_no)
                if number == len(moments) // 2 and rng.random() < 0.4:
                    if sales is not None:
                        sales.flush()
                    till.move_cash(
                        CashDirection.OUT,
                        rng.choice((15_000, 25_000, 40_000)),
                        "beli kantong plastik",
                    )
            if sales is not None:
                sales.flush()
        clock.now = at(time(21, 5))
        _corrections(stores, corrections, today_sales, earlier)
        clock.now = at(time(21, 15))
        _close_day(till, stores, rng)
        clock.now = at(time(21, 30))
        _kas_day(stores, day)
        earlier.extend(today_sales)
        if progress is not None:
            progress(days - offset + 1, days)
    return made


def _day_sales(till: Till, catalogue: _Catalogue) -> DaySales:
    """The day's bulk sales in the batch's transaction; the catalogue's products as stored
    that morning (what `checkout` would read again at each sale)."""
    with till.database.write() as session:
        sales = DaySales(
            session, till.till_id, till.actor, till.clock(), [p.id for p in catalogue.products]
        )
    catalogue.products = [sales.products[p.id] for p in catalogue.products]
    return sales


def _close_day(till: Till, stores: Till, rng: random.Random) -> None:
    """Count the drawer of `till`'s shift: all notes and coins down to Rp100, now and then one
    note short; the bendahara (`stores`, their own login) closes it."""
    shift, position = till.cash_position()
    expected = position.expected
    counted = expected - expected % 100 - (rng.random() < 0.1) * 1_000
    counts: dict[int, int] = {}
    rest = counted
    for value in DENOMINATIONS:
        counts[value], rest = divmod(rest, value)
    reason = "uang kembalian kurang / pembulatan koin" if counted != expected else ""
    assert shift.id is not None
    setoran = max(counted - DEMO_OPENING_CASH, 0)  # the rest opens tomorrow
    stores.close_shift(shift.id, counts, reason, None, setoran=setoran)


def _kas_day(stores: Till, day: date) -> None:
    """The kas bendahara after the close, worked by the bendahara at their own login (no PIN
    to ask): transport every third day, the bank on Saturday."""
    if day.day % 3 == 0:
        stores.record_expense(25_000, ExpenseCategory.TRANSPORT, "ongkos angkut", None)
    if day.weekday() == 5:
        held = stores.kas_book(day, day).closing
        amount = held * 8 // 10 // 100_000 * 100_000
        if amount:
            stores.deposit_to_bank(amount, "BRI unit desa", None)
