"""What voids and returns share, and the check that they were all made through their services:
the sale looked up for a correction (its row locked, so two tills never correct one sale at
once), what each of its lines has had returned so far, and `check_corrections`, which finds a
sale marked void straight in the database file, a void undone, or a return whose refund was
edited or that has no audit record."""

from __future__ import annotations

import json
from decimal import Decimal

from sqlalchemy import func, select
from sqlmodel import Session, col

from gerai.core.errors import GeraiError
from gerai.core.money import format_rupiah
from gerai.core.words import AuditKind, CashTerm, SaleStatus
from gerai.models import AuditRecord, Sale, SaleReturn, SaleReturnLine, SaleVoid
from gerai.services.sale.receipts import find_sale


def sale_for_correction(session: Session, receipt_no: str) -> Sale:
    """The sale with this receipt number (a scanned receipt QR holds the same text), its row
    locked until the transaction ends (`FOR UPDATE` on PostgreSQL; SQLite's write
    transaction already holds the whole file); GeraiError when there is none."""
    sale = find_sale(session, receipt_no)
    session.refresh(sale, with_for_update=True)
    return sale


def returned_so_far(session: Session, sale_id: int) -> dict[int, tuple[Decimal, int]]:
    """Per sale line id: the quantity already returned and the amount already refunded."""
    rows = session.execute(
        select(
            col(SaleReturnLine.sale_line_id),
            func.sum(col(SaleReturnLine.qty)),
            func.sum(col(SaleReturnLine.amount)),
        )
        .join(SaleReturn, col(SaleReturn.id) == col(SaleReturnLine.return_id))
        .where(col(SaleReturn.sale_id) == sale_id)
        .group_by(col(SaleReturnLine.sale_line_id))
    ).all()
    return {line_id: (qty, int(amount)) for line_id, qty, amount in rows}


def check_corrections(session: Session) -> GeraiError | None:
    """The first correction not made through its service, or None when all are sound: every
    void sale has its `SaleVoid` row and its `void` audit record (and every such record still
    names a void sale); every `SaleReturn` has its `retur` audit record, whose refund total
    equals the stored one and the sum of its lines."""
    void_sales = dict(
        session.execute(
            select(col(Sale.receipt_no), col(SaleVoid.id))
            .outerjoin(SaleVoid, col(SaleVoid.sale_id) == col(Sale.id))
            .where(col(Sale.status) == SaleStatus.VOID)
        ).all()
    )
    audited = _audit_details(session, AuditKind.VOID)
    for number in sorted(void_sales):
        if void_sales[number] is None or number not in audited:
            return GeraiError("corrections.void_unrecorded", number=number)
    recorded = set(audited) | set(
        session.execute(
            select(col(Sale.receipt_no)).join(SaleVoid, col(SaleVoid.sale_id) == col(Sale.id))
        ).scalars()
    )
    undone = sorted(recorded - set(void_sales))
    if undone:
        return GeraiError("corrections.void_undone", number=undone[0])
    return _check_returns(session)


def _check_returns(session: Session) -> GeraiError | None:
    audited = _audit_details(session, AuditKind.RETUR)
    returns = session.execute(
        select(
            col(SaleReturn.number),
            col(SaleReturn.refund_total),
            func.coalesce(func.sum(col(SaleReturnLine.amount)), 0),
        )
        .outerjoin(SaleReturnLine, col(SaleReturnLine.return_id) == col(SaleReturn.id))
        .group_by(col(SaleReturn.id))
        .order_by(col(SaleReturn.id))
    ).all()
    for number, total, lines in returns:
        detail = audited.get(number)
        if detail is None:
            return GeraiError("corrections.return_unaudited", number=number)
        recorded = detail.get("refund_total")
        if recorded != total or lines + detail.get(CashTerm.ROUNDING, 0) != total:
            return GeraiError(
                "corrections.return_changed",
                number=number,
                stored=format_rupiah(total),
                audited=format_rupiah(recorded) if isinstance(recorded, int) else "?",
                lines=format_rupiah(int(lines)),
            )
    missing = sorted(set(audited) - {number for number, _, _ in returns})
    if missing:
        return GeraiError("corrections.return_missing", number=missing[0])
    return None


def _audit_details(session: Session, kind: AuditKind) -> dict[str, dict[str, object]]:
    """The audit records of `kind`, by their reference, with their details."""
    rows = session.execute(
        select(col(AuditRecord.ref), col(AuditRecord.detail)).where(col(AuditRecord.kind) == kind)
    ).all()
    details: dict[str, dict[str, object]] = {}
    for ref, detail in rows:
        try:
            loaded = json.loads(detail)
        except ValueError:
            loaded = {}
        details[ref] = loaded if isinstance(loaded, dict) else {}
    return details
