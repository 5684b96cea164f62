"""A stored sale as a `Receipt` to lay out and print, and the till's queue of print jobs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from gerai.core.errors import GeraiError
from gerai.core.quantity import format_quantity
from gerai.core.timefmt import format_moment
from gerai.core.words import PaymentMethod, PrintJobKind, PrintJobStatus, SaleStatus
from gerai.models import Member, Payment, PrintJob, Sale, SaleLine
from gerai.services.sale.tax import tax_lines
from gerai.services.shop.profile import ShopProfile
from receipts.model import Receipt, ReceiptItem, ReceiptPayment


def find_sale(session: Session, receipt_no: str) -> Sale:
    """The sale with this receipt number; GeraiError when there is none."""
    sale = session.exec(
        select(Sale).where(col(Sale.receipt_no) == receipt_no.strip().upper())
    ).first()
    if sale is None:
        raise GeraiError("receipt.not_found", number=receipt_no)
    return sale


def build_receipt(
    session: Session, receipt_no: str, shop: ShopProfile, reprint: bool = False
) -> Receipt:
    """Everything the receipt of `receipt_no` says."""
    return receipt_of(session, find_sale(session, receipt_no), shop, reprint)


def receipt_of(session: Session, sale: Sale, shop: ShopProfile, reprint: bool = False) -> Receipt:
    """Everything the receipt of a sale already looked up says."""
    lines = session.exec(
        select(SaleLine).where(col(SaleLine.sale_id) == sale.id).order_by(col(SaleLine.line_no))
    ).all()
    payments = session.exec(
        select(Payment).where(col(Payment.sale_id) == sale.id).order_by(col(Payment.id))
    ).all()
    member = session.get(Member, sale.member_id) if sale.member_id else None
    return Receipt(
        shop_name=shop.name,
        shop_address=shop.address,
        shop_phone=shop.phone,
        receipt_no=sale.receipt_no,
        moment=format_moment(sale.created_at, shop),
        cashier=sale.cashier,
        member=f"{member.number} {member.name}" if member else None,
        items=tuple(
            ReceiptItem(
                name=line.name,
                quantity=format_quantity(line.qty, line.unit),
                unit_price=line.unit_price,
                amount=line.line_total,
                saving=line.line_gross - line.line_total,
            )
            for line in lines
        ),
        gross=sale.gross,
        member_discount=sale.member_discount,
        total=sale.total,
        payments=tuple(ReceiptPayment(p.method, p.amount, p.tendered) for p in payments),
        change=sale.change,
        footer=shop.footer,
        npwp=shop.npwp if shop.pkp else None,
        taxes=tax_lines([(x.tax_category, x.line_total) for x in lines], shop.ppn_rate_bp)
        if shop.pkp
        else (),
        reprint=reprint,
        void=sale.status == SaleStatus.VOID,
    )


@dataclass(frozen=True)
class SaleSummary:
    """A past sale in a list to pick from."""

    receipt_no: str
    created_at: datetime
    total: int
    lines: int
    status: str
    member: bool


def _sale_summaries(
    session: Session, *conditions: Any, limit: int | None = None
) -> list[SaleSummary]:
    rows = session.execute(
        core_select(
            col(Sale.receipt_no),
            col(Sale.created_at),
            col(Sale.total),
            func.count(col(SaleLine.id)),
            col(Sale.status),
            col(Sale.member_id).is_not(None),
        )
        .join(SaleLine, col(SaleLine.sale_id) == col(Sale.id))
        .where(*conditions)
        .group_by(col(Sale.id))
        .order_by(col(Sale.id).desc())
        .limit(limit)
    ).all()
    return [SaleSummary(*row) for row in rows]


def recent_sales(session: Session, till: str, limit: int = 100) -> list[SaleSummary]:
    """This till's latest sales, newest first."""
    return _sale_summaries(session, col(Sale.till) == till, limit=limit)


def sales_of_day(session: Session, day: date) -> list[SaleSummary]:
    """Every sale of a business day (all tills), newest first."""
    return _sale_summaries(session, col(Sale.business_date) == day)


def paid_cash(session: Session, sale: Sale) -> bool:
    """True when any of the sale's payments was cash (the drawer opens)."""
    methods = session.exec(select(Payment.method).where(col(Payment.sale_id) == sale.id)).all()
    return PaymentMethod.CASH in methods


def enqueue(
    session: Session, till: str, receipt_no: str, kind: PrintJobKind, payload: bytes, now: datetime
) -> int:
    """Store a print job for this till; returns its id."""
    job = PrintJob(till=till, receipt_no=receipt_no, kind=kind, created_at=now, payload=payload)
    session.add(job)
    session.flush()
    assert job.id is not None
    return job.id


def pending_jobs(session: Session, till: str) -> list[PrintJob]:
    """This till's jobs not yet printed, oldest first."""
    return list(
        session.exec(
            select(PrintJob)
            .where(col(PrintJob.till) == till, col(PrintJob.status) == PrintJobStatus.PENDING)
            .order_by(col(PrintJob.id))
        )
    )


def mark_printed(session: Session, job_id: int, now: datetime) -> None:
    """The printer took the job."""
    job = session.get(PrintJob, job_id)
    if job is not None:
        job.status, job.printed_at, job.attempts = PrintJobStatus.PRINTED, now, job.attempts + 1
        session.add(job)


def mark_failed(session: Session, job_id: int, error: str) -> None:
    """The printer refused; the job stays pending for the next try."""
    job = session.get(PrintJob, job_id)
    if job is not None:
        job.attempts += 1
        job.last_error = error[:300]
        session.add(job)
