"""What a kasir does at the till that moves neither goods nor money but must leave a trace: a
receipt printed again, and the cash drawer opened without a sale."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from gerai.core.words import AuditKind, Permission
from gerai.services.audit import trail as audit
from gerai.services.sale.receipts import find_sale
from gerai.services.shop.auth import Actor, authorize


def record_reprint(session: Session, actor: Actor, receipt_no: str, *, now: datetime) -> str:
    """Allow and record the reprint of a receipt (permission `reprint`); returns its number
    as stored."""
    authorize(session, actor, Permission.REPRINT, now=now)
    sale = find_sale(session, receipt_no)
    audit.record(session, kind=AuditKind.REPRINT, actor=actor.name, at=now, ref=sale.receipt_no)
    return sale.receipt_no


def open_drawer(session: Session, actor: Actor, till: str, *, now: datetime) -> None:
    """Allow and record opening the cash drawer without a sale (permission `open_drawer`)."""
    authorize(session, actor, Permission.OPEN_DRAWER, now=now)
    audit.record(session, kind=AuditKind.DRAWER_OPENED, actor=actor.name, at=now, ref=till)
