"""Helpers for the member tests: the acting users, savings and repayments through the real
services, and returns written as the retur service (another branch) will write them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import col, select

from gerai.db import Database
from gerai.models import AuditRecord, MemberPayment, Sale, SaleReturn
from gerai.services.members.kasbon import repay
from gerai.services.members.lookup import find_member
from gerai.services.members.savings import take_savings
from gerai.services.shop.profile import load_shop
from tests.conftest import CASHIER, OWNER, TREASURER

KASIR_ACTOR, BENDAHARA_ACTOR, ADMIN_ACTOR = CASHIER, TREASURER, OWNER


def member_id(db: Database, number: str) -> int:
    """The id of the member with this number."""
    with db.read() as session:
        member = find_member(session, number)
        assert member is not None, number
        return member.id


def save(
    db: Database, number: str, kind: str, when: datetime, till: str = "K1", **values: Any
) -> MemberPayment:
    """A savings payment by the kasir."""
    with db.write() as session:
        return take_savings(
            session, KASIR_ACTOR, member_id(db, number), kind, till=till, now=when,
            shop=load_shop(session), **values,
        )  # fmt: skip


def pay_back(
    db: Database, number: str, amount: int, when: datetime, method: str = "tunai", till: str = "K1"
) -> MemberPayment:
    """A kasbon repayment by the kasir."""
    with db.write() as session:
        return repay(
            session, KASIR_ACTOR, member_id(db, number), amount, till=till, now=when,
            shop=load_shop(session), method=method,
        )  # fmt: skip


def returned(db: Database, receipt_no: str, amount: int, method: str, when: datetime) -> None:
    """A return of `amount` of a sale refunded by `method` (a stand-in for the retur service)."""
    with db.write() as session:
        sale = session.exec(select(Sale).where(col(Sale.receipt_no) == receipt_no)).one()
        assert sale.id is not None and sale.shift_id is not None
        count = len(session.exec(select(SaleReturn.id)).all())
        shop = load_shop(session)
        session.add(
            SaleReturn(
                number=f"{sale.till}-{shop.business_date(when):%Y%m%d}-R{count + 1:03d}",
                sale_id=sale.id, shift_id=sale.shift_id, till=sale.till,
                business_date=shop.business_date(when), created_at=when, created_by="kasir",
                approved_by="bendahara", reason="rusak", refund_method=method,
                refund_total=amount,
            )
        )  # fmt: skip


def audit_kinds(db: Database) -> list[tuple[str, str, str]]:
    """Every audit record as (kind, actor, ref), in order."""
    with db.read() as session:
        rows = session.exec(select(AuditRecord).order_by(col(AuditRecord.seq))).all()
        return [(r.kind, r.actor, r.ref) for r in rows]
