"""A shop's day made through the real services (open a shift, sell, cash in and out, void,
retur, close),
for the daily summary and export tests. Times are local to the demo shop (WITA)."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from gerai.core.words import Role
from gerai.db import Database
from gerai.services.cash.shifts import DENOMINATIONS, ShiftClose, close_shift, move_cash, open_shift
from gerai.services.members.lookup import find_member
from gerai.services.sale.cart import Cart
from gerai.services.sale.checkout import SaleResult, Tender, checkout
from gerai.services.sale.receipts import find_sale
from gerai.services.sale.returns import ReturnResult, return_items
from gerai.services.sale.voids import void_sale
from gerai.services.shop.auth import Actor
from gerai.services.shop.profile import load_shop
from gerai.services.stock.catalog import find_by_code
from tests.conftest import CASHIER, TREASURER, TREASURER_PIN

WITA = ZoneInfo("Asia/Makassar")
DAY = date(2025, 11, 30)
MEMBER = "KKMP-0001"


def at(hour: int, minute: int = 0, second: int = 0, day: date = DAY) -> datetime:
    """A local WITA moment."""
    return datetime.combine(day, time(hour, minute, second), tzinfo=WITA)


def open_till(db: Database, till: str, cash: int, when: datetime, by: str = "kasir") -> int:
    """Open a shift; its id."""
    with db.write() as session:
        shift = open_shift(session, till, Actor(by, Role.KASIR), cash, when, load_shop(session))
        assert shift.id is not None
        return shift.id


def fill(db: Database, items: list[tuple[str, Decimal]], member: bool = False) -> Cart:
    """A cart of `items` (code, quantity), for a member or not."""
    with db.read() as session:
        shop = load_shop(session)
        cart = Cart(global_discount_bp=shop.member_discount_bp)
        if member:
            found = find_member(session, MEMBER)
            assert found is not None
            cart.attach_member(found)
        for code, qty in items:
            product = find_by_code(session, code)
            assert product is not None, code
            cart.add(product, qty)
    return cart


def sell(
    db: Database,
    till: str,
    cart: Cart,
    when: datetime,
    tenders: list[Tender] | None = None,
    cashier: str = "kasir",
) -> SaleResult:
    """Check the cart out on `till` at `when` (cash, exact, unless told otherwise)."""
    with db.write() as session:
        return checkout(
            session,
            cart,
            tenders or [Tender("tunai")],
            till=till,
            actor=Actor(cashier, Role.KASIR),
            now=when,
        )


def move(db: Database, till: str, kind: str, amount: int, reason: str, when: datetime) -> None:
    """Cash in (`in`) or out (`out`) of the till."""
    with db.write() as session:
        move_cash(session, till, kind, amount, reason, CASHIER, when)


SUPERVISOR = TREASURER


def void(db: Database, receipt_no: str, when: datetime | None = None) -> None:
    """Void a sale through the void service, by a bendahara, at `when` (default: at once)."""
    with db.write() as session:
        sale = find_sale(session, receipt_no)
        void_sale(
            session, SUPERVISOR, receipt_no, "salah input",
            approval=None, now=when or sale.created_at, till=sale.till,
        )  # fmt: skip


def give_back(
    db: Database,
    till: str,
    receipt_no: str,
    lines: list[tuple[int, Decimal, bool]],
    when: datetime,
    method: str = "tunai",
) -> ReturnResult:
    """Return `lines` (line number, quantity, damaged) of a sale on `till`, by a bendahara."""
    with db.write() as session:
        return return_items(
            session, SUPERVISOR, receipt_no, lines, "kemasan rusak", method,
            approval=None, now=when, till=till,
        )  # fmt: skip


def pieces(amount: int) -> dict[int, int]:
    """A cash count (denomination → pieces) adding up to `amount`, a multiple of Rp100."""
    assert amount >= 0 and amount % 100 == 0, amount
    counts = {}
    for value in DENOMINATIONS:
        counts[value], amount = divmod(amount, value)
    return counts


def close(
    db: Database, shift_id: int, counted: int, reason: str, when: datetime,
    setoran: int | None = None,
) -> ShiftClose:  # fmt: skip
    """Close a shift with `counted` in the drawer, signed off by kasir, confirmed by bendahara
    (who takes `setoran` into the kas bendahara when given)."""
    with db.write() as session:
        return close_shift(
            session, shift_id, pieces(counted), reason, CASHIER, when, approval=TREASURER_PIN,
            setoran=setoran,
        )  # fmt: skip
