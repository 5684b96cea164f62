"""The demo shop: the catalogue, members and settings shipped in `data/`, the demo users
(`kasir`/1111, `bendahara`/2222, `admin`/9999), and past days of realistic sales made by the
kasir through the real checkout (about 300 a day in the shop's hours, members and
non-members, cash mostly, some QRIS, transfer and kasbon within the members' credit limits),
each day's savings and kasbon repayments at the counter; each day's shift is closed by the
kasir and confirmed with the bendahara's PIN."""

from __future__ import annotations

import random
import tomllib
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path

from sqlmodel import Session, col, select

from gerai.core.errors import GeraiError
from gerai.core.money import parse_basis_points
from gerai.core.quantity import normalize
from gerai.core.words import CashDirection, MovementKind, PaymentMethod, Role
from gerai.db import count_rows
from gerai.models import Member, Product, Sale, Shift, ShopSetting
from gerai.services.audit.seals import MEMBER, seal_all
from gerai.services.cash.shifts import (
    DENOMINATIONS,
    cash_position,
    close_shift,
    move_cash,
    open_shift,
)
from gerai.services.demo.members import member_day
from gerai.services.members.import_export import import_members
from gerai.services.members.kasbon import available_credit
from gerai.services.members.lookup import MemberInfo, get_member
from gerai.services.sale.cart import Cart
from gerai.services.sale.checkout import Tender, checkout
from gerai.services.shop.auth import SYSTEM, Actor, Approval, create_user
from gerai.services.shop.profile import ShopProfile, load_shop, store_shop_settings
from gerai.services.stock.catalog import ProductInfo, get_product
from gerai.services.stock.import_export import import_categories, store_products
from gerai.services.stock.ledger import Movement, move_stock
from gerai.tabular import read_table

DEMO_MARKER = "demo_database"
DEMO_TILL = "K1"
DEMO_USERS = (  # login name, PIN, role
    ("kasir", "1111", Role.KASIR),
    ("bendahara", "2222", Role.BENDAHARA),
    ("admin", "9999", Role.ADMIN),
)
DEMO_CASHIER = Actor("kasir", Role.KASIR)
DEMO_TREASURER = Approval("bendahara", "2222")
DEMO_OPENING_CASH = 500_000
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
    """Load the shop settings, categories, products (with opening stock) and members: a new
    shop's starting data, so neither checked against a user nor audited; the members' rows
    are sealed (actor `gerai`) unless `sealed` is False (a database older than the audit
    chain, as the migration tests build: migration 0006 seals them on upgrade)."""
    shop = tomllib.loads((folder / "shop.toml").read_text(encoding="utf-8"))
    discount = shop.pop("member_discount_percent", "0")
    store_shop_settings(session, member_discount_bp=parse_basis_points(str(discount)), **shop)
    import_categories(session, read_table(folder / "categories.csv"))
    store_products(session, read_table(folder / "products.csv"), now, by=SYSTEM.name)
    # the shipped members are dated for the demo's own calendar, not the loader's clock
    import_members(session, read_table(folder / "members.csv"), now.date(), latest=date.max)
    if sealed:
        seal_all(session, MEMBER, actor=SYSTEM_SEALER, at=now)
    session.merge(ShopSetting(key=DEMO_MARKER, value="1"))
    return load_shop(session)


def create_demo_users(session: Session, now: datetime) -> None:
    """The demo users, created by the command line's operator (audited)."""
    for name, pin, role in DEMO_USERS:
        create_user(session, SYSTEM, name, role, pin, now=now)


@dataclass
class _Catalogue:
    products: list[ProductInfo]
    weights: list[int]
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
    session: Session, catalogue: _Catalogue, opening: dict[int, Decimal], at: datetime, day: date
) -> None:
    movements = []
    for product in catalogue.products:
        fresh = get_product(session, product.id)
        if fresh is not None and fresh.stock < opening[product.id]:
            movements.append(
                Movement(
                    product.id,
                    opening[product.id] * 2 - fresh.stock,
                    MovementKind.RECEIVE,
                    ref=f"SJ-{day:%Y%m%d}-{product.id}",
                    note="barang masuk",
                )
            )
    move_stock(session, movements, at=at)


def _one_sale(
    session: Session, rng: random.Random, catalogue: _Catalogue, shop: ShopProfile, at: datetime
) -> bool:
    cart = Cart(global_discount_bp=shop.member_discount_bp)
    if rng.random() < 0.45:
        cart.attach_member(rng.choice(catalogue.members))
    for _ in range(rng.choice((1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6))):
        product = rng.choices(catalogue.products, catalogue.weights)[0]
        fresh = get_product(session, product.id)
        if fresh is None:
            continue
        try:
            cart.add(fresh, _quantity(rng, fresh))
        except GeraiError:
            continue
    if not cart.lines:
        return False
    method = rng.choices([m for m, _ in METHOD_WEIGHTS], [w for _, w in METHOD_WEIGHTS])[0]
    if method == PaymentMethod.KASBON and (
        cart.member is None or available_credit(session, cart.member) < cart.totals().total
    ):
        method = PaymentMethod.CASH
    amount = _cash_tendered(rng, cart.totals().total) if method == PaymentMethod.CASH else None
    checkout(
        session,
        cart,
        [Tender(method, amount)],
        till=DEMO_TILL,
        actor=DEMO_CASHIER,
        shop=shop,
        now=at,
    )
    return True


def generate_sales(
    session_factory: Callable[[], AbstractContextManager[Session]],
    shop: ShopProfile,
    days: int,
    today: date,
    seed: int = 2025,
    sales_per_day: int = 300,
) -> int:
    """Make `days` days of sales before `today`, one transaction per day; returns the count."""
    rng = random.Random(seed)
    made = 0
    with session_factory() as session:
        product_ids = session.exec(
            select(Product.id).where(col(Product.active)).order_by(col(Product.id))
        ).all()
        member_ids = session.exec(select(Member.id).where(col(Member.active))).all()
        products = [p for i in product_ids if i and (p := get_product(session, i))]
        members = [m for i in member_ids if i and (m := get_member(session, i))]
    catalogue = _Catalogue(products, [_staple_weight(p) for p in products], members)
    opening = {p.id: max(p.stock, Decimal(10)) for p in products}
    hours = list(HOUR_WEIGHTS)
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
        with session_factory() as session:
            _restock(
                session,
                catalogue,
                opening,
                datetime.combine(day, time(6, 30), tzinfo=shop.zone),
                day,
            )
            at = partial(datetime.combine, day, tzinfo=shop.zone)
            shift = open_shift(
                session, DEMO_TILL, DEMO_CASHIER, DEMO_OPENING_CASH, at(time(6, 45)), shop
            )
            member_day(session, catalogue.members, shop, DEMO_TILL, DEMO_CASHIER, day, seed)
            for number, moment in enumerate(moments):
                made += _one_sale(session, rng, catalogue, shop, moment)
                if number == len(moments) // 2 and rng.random() < 0.4:
                    move_cash(
                        session,
                        DEMO_TILL,
                        CashDirection.OUT,
                        rng.choice((15_000, 25_000, 40_000)),
                        "beli kantong plastik",
                        DEMO_CASHIER,
                        moment,
                    )
            _close_day(session, rng, shift, at(time(21, 15)))
    return made


def _close_day(session: Session, rng: random.Random, shift: Shift, at: datetime) -> None:
    """Count the drawer: all notes and coins down to Rp100, now and then one note short."""
    expected = cash_position(session, shift).expected
    counted = expected - expected % 100 - (rng.random() < 0.1) * 1_000
    counts: dict[int, int] = {}
    rest = counted
    for value in DENOMINATIONS:
        counts[value], rest = divmod(rest, value)
    reason = "uang kembalian kurang / pembulatan koin" if counted != expected else ""
    assert shift.id is not None
    close_shift(session, shift.id, counts, reason, DEMO_CASHIER, at, approval=DEMO_TREASURER)
