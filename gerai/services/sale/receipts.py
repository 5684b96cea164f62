"""A stored sale as a `Receipt` to lay out and print, and the till's queue of print jobs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, func
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from gerai.core.errors import GeraiError
from gerai.core.quantity import format_quantity
from gerai.core.timefmt import format_moment
from gerai.core.words import AuditKind, PaymentMethod, PrintJobKind, PrintJobStatus, SaleStatus
from gerai.models import Member, Payment, PrintJob, Sale, SaleLine
from gerai.services.audit import trail as audit
from gerai.services.members.kasbon import outstanding
from gerai.services.sale.pricing import line_amount
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


# The receipt's three reads, built once (each call only binds its values).
_SALE = (
    core_select(
        col(Sale.id), col(Sale.receipt_no), col(Sale.created_at), col(Sale.cashier),
        col(Sale.gross), col(Sale.member_discount), col(Sale.total), col(Sale.change),
        col(Sale.status), col(Sale.manual_discount), col(Sale.rounding),
        col(Member.id).label("member_id"), col(Member.number).label("member_number"),
        col(Member.name).label("member_name"),
    )
    .outerjoin(Member, col(Member.id) == col(Sale.member_id))
    .where(col(Sale.receipt_no) == bindparam("receipt_no"))
)  # fmt: skip
_LINES = (
    core_select(
        col(SaleLine.name), col(SaleLine.qty), col(SaleLine.unit), col(SaleLine.unit_price),
        col(SaleLine.line_total), col(SaleLine.line_gross), col(SaleLine.manual_discount),
        col(SaleLine.price_overridden), col(SaleLine.tax_category),
    )
    .where(col(SaleLine.sale_id) == bindparam("sale_id"))
    .order_by(col(SaleLine.line_no))
)  # fmt: skip
_PAYMENTS = (
    core_select(col(Payment.method), col(Payment.amount), col(Payment.tendered))
    .where(col(Payment.sale_id) == bindparam("sale_id"))
    .order_by(col(Payment.id))
)


def build_receipt(
    session: Session, receipt_no: str, shop: ShopProfile, reprint: bool = False
) -> Receipt:
    """Everything the receipt of `receipt_no` says; GeraiError when there is no such sale."""
    sale = session.execute(_SALE, {"receipt_no": receipt_no.strip().upper()}).first()
    if sale is None:
        raise GeraiError("receipt.not_found", number=receipt_no)
    lines = session.execute(_LINES, {"sale_id": sale.id}).all()
    payments = session.execute(_PAYMENTS, {"sale_id": sale.id}).all()
    member = sale.member_id
    return Receipt(
        shop_name=shop.name,
        shop_address=shop.printed_address,
        shop_phone=shop.phone,
        receipt_no=sale.receipt_no,
        moment=format_moment(sale.created_at, shop),
        cashier=sale.cashier,
        member=f"{sale.member_number} {sale.member_name}" if member is not None else None,
        items=tuple(
            ReceiptItem(
                name=line.name,
                quantity=format_quantity(line.qty, line.unit),
                unit_price=line.unit_price,
                amount=line.line_total,
                saving=line.line_gross - line.line_total - line.manual_discount,
                discount=line_amount(line.qty, line.unit_price) - line.line_total,
                overridden=line.price_overridden,
            )
            for line in lines
        ),
        gross=sale.gross,
        member_discount=sale.member_discount,
        total=sale.total,
        payments=tuple(ReceiptPayment(p.method, p.amount, p.tendered) for p in payments),
        change=sale.change,
        footer=shop.footer,
        header=shop.header,
        npwp=shop.npwp if shop.pkp else None,
        taxes=tax_lines([(x.tax_category, x.line_total) for x in lines], shop.ppn_rate_bp)
        if shop.pkp
        else (),
        reprint=reprint,
        void=sale.status == SaleStatus.VOID,
        sale_discount=sale.manual_discount,
        rounding=sale.rounding,
        kasbon_owed=outstanding(session, member)
        if member is not None and any(p.method == PaymentMethod.KASBON for p in payments)
        else None,
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


def enqueue(
    session: Session, till: str, receipt_no: str, kind: PrintJobKind, payload: bytes, now: datetime
) -> int:
    """Store a print job for this till; returns its id."""
    job = PrintJob(till=till, receipt_no=receipt_no, kind=kind, created_at=now, payload=payload)
    session.add(job)
    session.flush()
    assert job.id is not None
    return job.id


def waiting_job(session: Session, till: str, receipt_no: str, kind: PrintJobKind) -> int | None:
    """The id of this till's job of `kind` for `receipt_no` still waiting to print (so a failed
    reprint asked again does not queue a second copy); None when there is none."""
    return session.exec(
        select(PrintJob.id).where(
            col(PrintJob.till) == till,
            col(PrintJob.receipt_no) == receipt_no,
            col(PrintJob.kind) == kind,
            col(PrintJob.status) == PrintJobStatus.PENDING,
        )
    ).first()


def pending_jobs(session: Session, till: str) -> list[PrintJob]:
    """This till's jobs not yet printed, oldest first."""
    return list(
        session.exec(
            select(PrintJob)
            .where(col(PrintJob.till) == till, col(PrintJob.status) == PrintJobStatus.PENDING)
            .order_by(col(PrintJob.id))
        )
    )


def uncertain_jobs(session: Session, till: str) -> list[PrintJob]:
    """This till's jobs marked `sending` whose outcome nobody saw (the till stopped while
    sending): they may have printed, so they wait for the kasir's choice, oldest first."""
    return list(
        session.exec(
            select(PrintJob)
            .where(col(PrintJob.till) == till, col(PrintJob.status) == PrintJobStatus.SENDING)
            .order_by(col(PrintJob.id))
        )
    )


def mark_sending(session: Session, job_id: int) -> bool:
    """Claim a pending job for sending (committed by the caller before the bytes go); False
    when it is no longer pending (another pass took it, or the kasir dropped it)."""
    job = session.get(PrintJob, job_id)
    if job is None or job.status != PrintJobStatus.PENDING:
        return False
    job.status = PrintJobStatus.SENDING
    session.add(job)
    return True


def settle_uncertain(
    session: Session, till: str, job_ids: list[int], *, again: bool, actor: str, now: datetime
) -> int:
    """The kasir's choice for jobs that may have printed: print them `again` (back to pending)
    or drop them (recorded in the audit trail). Returns how many were settled."""
    settled = 0
    for job in uncertain_jobs(session, till) + pending_jobs(session, till):
        if job.id not in job_ids:
            continue
        if again:
            if job.status != PrintJobStatus.SENDING:
                continue
            job.status = PrintJobStatus.PENDING
        else:
            job.status = PrintJobStatus.DROPPED
            audit.record(
                session,
                kind=AuditKind.PRINT_JOB_DROPPED,
                actor=actor,
                at=now,
                ref=job.receipt_no,
                detail={"job": job.id, "kind": job.kind, "till": till},
            )
        session.add(job)
        settled += 1
    return settled


def mark_printed(session: Session, job_id: int, now: datetime) -> None:
    """The printer took the job."""
    job = session.get(PrintJob, job_id)
    if job is not None:
        job.status, job.printed_at, job.attempts = PrintJobStatus.PRINTED, now, job.attempts + 1
        session.add(job)


def mark_failed(session: Session, job_id: int, error: str) -> None:
    """The printer refused before taking the bytes; the job is pending again for the next try."""
    job = session.get(PrintJob, job_id)
    if job is not None:
        if job.status == PrintJobStatus.SENDING:
            job.status = PrintJobStatus.PENDING
        job.attempts += 1
        job.last_error = error[:300]
        session.add(job)
