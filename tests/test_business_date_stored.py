"""Issue 19: a retur and a goods receipt take their business date from the shop as stored, read
in their own transaction (as checkout does), whatever shop the till holds: one whose time zone
is wrong and whose day's end an admin has changed since it read it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from shop_day import at, fill, sell
from sqlmodel import select

from gerai.core.words import PaymentMethod
from gerai.db import Database
from gerai.models import GoodsReceipt, SaleReturn
from gerai.printing import PrintQueue
from gerai.services.sale.returns import sale_state
from gerai.services.shop.auth import Actor
from gerai.services.shop.profile import load_shop, save_shop_settings
from gerai.services.stock.receiving import ReceiveLine
from gerai.services.stock.suppliers import add_supplier
from gerai.settings import Settings
from gerai.till import Till
from tests.conftest import NOW, OWNER

LATE = at(1, 30, day=date(2025, 12, 1))  # 01.30 WITA: still 30 November once the day ends at 2


def stale_till(db: Database, actor: Actor) -> Till:
    """A till whose shop says WIT and midnight, while the stored shop says WITA and 02.00."""
    settings = Settings(db_url=db.url, printer="tcp://127.0.0.1:9", till="K1")
    till = Till(settings, db, PrintQueue(db, settings, lambda: LATE), lambda: LATE, actor)
    with db.write() as session:
        save_shop_settings(session, OWNER, now=NOW, day_end_hour=2)
        stored = load_shop(session)
    assert stored.timezone == "Asia/Makassar" and stored.business_date(LATE) == date(2025, 11, 30)
    till.adopt_shop(replace(stored, timezone="Asia/Jayapura", day_end_hour=0))
    assert till.shop.business_date(LATE) == date(2025, 12, 1)
    return till


def test_a_retur_takes_the_stored_shops_business_date(db: Database) -> None:
    sold = sell(db, "K1", fill(db, [("MYK-1L", Decimal(2))]), at(10))
    till = stale_till(db, OWNER)
    with db.read() as session:
        line = sale_state(session, sold.receipt_no).lines[0]
    result = till.retur(
        sold.receipt_no, [(line.line_no, Decimal(1), False)], "rusak", PaymentMethod.CASH, None
    )
    with db.read() as session:
        retur = session.exec(select(SaleReturn).where(SaleReturn.number == result.number)).one()
        assert retur.business_date == date(2025, 11, 30)
    assert "-20251130-" in result.number


def test_a_goods_receipt_takes_the_stored_shops_business_date(db: Database) -> None:
    till = stale_till(db, OWNER)
    with db.write() as session:
        supplier = add_supplier(session, "Bulog Sub Divre Bone").id
    result = till.receive(supplier, "SJ-9", [ReceiveLine("MYK-500", "10", "7300")], None)
    with db.read() as session:
        receipt = session.get(GoodsReceipt, result.id)
        assert receipt is not None and receipt.business_date == date(2025, 11, 30)
