"""This till's receipt printing: lay out and render a sale's receipt, store the job, and
send stored jobs in order. A job is marked printed only once the printer took it, so a
missing or failing printer never loses a receipt and never prints one twice. Reprints and
opening the drawer without a sale are audited."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.core.i18n import Translator, translator
from gerai.core.words import PaymentMethod, PrintJobKind
from gerai.db import Database
from gerai.services.cash.shifts import shift_report
from gerai.services.cash.till_actions import open_drawer, record_reprint
from gerai.services.members.slips import build_member_slip
from gerai.services.sale.receipts import (
    build_receipt,
    enqueue,
    mark_failed,
    mark_printed,
    mark_sending,
    pending_jobs,
    settle_uncertain,
    uncertain_jobs,
    waiting_job,
)
from gerai.services.sale.returns import build_return_slip, is_cash_refund
from gerai.services.sale.voids import build_void_slip
from gerai.services.shop.auth import Actor
from gerai.services.shop.profile import load_shop
from gerai.services.stock.labels import ShelfLabel
from gerai.settings import Settings
from receipts.escpos_job import JobOptions, drawer_kick_job, labels_job, paper_dots, render_job
from receipts.layout import Line, layout_receipt, wrap
from receipts.member_slip import MemberSlip, layout_member_slip
from receipts.printer_url import PrinterTarget, parse_printer_url
from receipts.return_slip import layout_return_slip
from receipts.shelf_tag import barcode_image, layout_shelf_tag
from receipts.transport import send
from receipts.void_slip import layout_void_slip
from receipts.z_report import layout_shift_report


@dataclass
class FlushReport:
    """What a pass over the queue did: receipts printed, the error that stopped it, and how
    many jobs still wait."""

    printed: list[str] = field(default_factory=list)
    error: GeraiError | None = None
    waiting: int = 0
    uncertain: int = 0
    warning: GeraiError | None = None


class PrintQueue:
    """Render, store and send receipts for one till."""

    def __init__(self, database: Database, settings: Settings, clock: Callable[[], datetime]):
        self.database = database
        self.settings = settings
        self.clock = clock
        self.target: PrinterTarget = parse_printer_url(settings.printer)
        self.translator = translator(settings.lang)
        self._lock = threading.Lock()

    def receipt_lines(
        self, receipt_no: str, reprint: bool = False, width: int | None = None
    ) -> list[Line]:
        """The layout of a stored sale's receipt."""
        with self.database.read() as session:
            receipt = build_receipt(session, receipt_no, load_shop(session), reprint=reprint)
        return layout_receipt(receipt, width or self.target.width, self.translator)

    def render(self, receipt_no: str, reprint: bool = False) -> bytes:
        """The ESC/POS job of a stored sale (the drawer opens for a first print of a cash sale)."""
        with self.database.read() as session:
            return self._receipt_job(session, receipt_no, reprint)

    def _receipt_job(self, session: Session, receipt_no: str, reprint: bool) -> bytes:
        receipt = build_receipt(session, receipt_no, load_shop(session), reprint=reprint)
        paid_cash = any(p.method == PaymentMethod.CASH for p in receipt.payments)
        logo = Path(self.settings.logo) if self.settings.logo else None
        options = JobOptions(
            profile=self.target.profile,
            kick_drawer=self.settings.kick_drawer and not reprint and paid_cash,
            logo=logo,
            qr=receipt.receipt_no,
        )
        return render_job(layout_receipt(receipt, self.target.width, self.translator), options)

    def submit(self, receipt_no: str, reprint_by: Actor | None = None) -> bool:
        """Store the receipt's job for printing (a reprint, recorded, when `reprint_by` says
        who asks for it); False when this till has no printer."""
        if not self.target.enabled:
            return False
        with self.database.write() as session:
            return self.queue_receipt(session, receipt_no, reprint_by)

    def queue_receipt(
        self, session: Session, receipt_no: str, reprint_by: Actor | None = None
    ) -> bool:
        """`submit` in the caller's transaction (a sale and its receipt job commit together);
        False when this till has no printer."""
        if not self.target.enabled:
            return False
        payload = self._receipt_job(session, receipt_no, reprint=reprint_by is not None)
        kind = PrintJobKind.SALE if reprint_by is None else PrintJobKind.REPRINT
        self._enqueue(session, receipt_no, kind, payload, reprint_by)
        return True

    def open_drawer(self, actor: Actor) -> bool:
        """Record the drawer opened without a sale, then kick it open when this till's printer
        drives a drawer (`kick_drawer`); False when there is none to kick."""
        with self.database.write() as session:
            open_drawer(session, actor, self.settings.till, now=self.clock())
        if not (self.target.enabled and self.settings.kick_drawer):
            return False
        with self._lock:
            send(self.target, drawer_kick_job(self.target.profile))
        return True

    def submit_shift_report(self, shift_id: int) -> bool:
        """Store the Z report of a closed shift for printing; False without a printer."""
        if not self.target.enabled:
            return False
        with self.database.read() as session:
            report = shift_report(session, shift_id, load_shop(session))
        lines = layout_shift_report(report, self.target.width, self.translator)
        payload = render_job(lines, JobOptions(profile=self.target.profile))
        self._store(f"Z-{report.till}-{shift_id}", PrintJobKind.Z_REPORT, payload)
        return True

    def _slip(self, number: str, reprint: bool) -> MemberSlip:
        with self.database.read() as session:
            return build_member_slip(session, number, load_shop(session), reprint=reprint)

    def slip_lines(
        self, number: str, reprint: bool = False, width: int | None = None
    ) -> list[Line]:
        """The layout of a stored member payment's slip."""
        return layout_member_slip(
            self._slip(number, reprint), width or self.target.width, self.translator
        )

    def submit_member_slip(self, number: str, reprint: bool = False) -> bool:
        """Store the slip of a member payment (savings, repayment) for printing, opening the
        drawer for cash when `kick_drawer` is on; False without a printer."""
        if not self.target.enabled:
            return False
        with self.database.write() as session:
            return self.queue_member_slip(session, number, reprint)

    def queue_member_slip(self, session: Session, number: str, reprint: bool = False) -> bool:
        """`submit_member_slip` in the caller's transaction (the payment and its slip commit
        together); False without a printer."""
        if not self.target.enabled:
            return False
        slip = build_member_slip(session, number, load_shop(session), reprint=reprint)
        options = JobOptions(
            profile=self.target.profile,
            kick_drawer=self.settings.kick_drawer
            and slip.method == PaymentMethod.CASH
            and not reprint,
        )
        self._enqueue(
            session,
            slip.number,
            PrintJobKind.SLIP,
            render_job(layout_member_slip(slip, self.target.width, self.translator), options),
        )
        return True

    def return_lines(
        self, number: str, reprint: bool = False, width: int | None = None
    ) -> list[Line]:
        """The layout of a stored retur's slip."""
        with self.database.read() as session:
            return self._return_lines(session, number, reprint, width)

    def _return_lines(
        self, session: Session, number: str, reprint: bool, width: int | None = None
    ) -> list[Line]:
        slip = build_return_slip(session, number, load_shop(session), reprint=reprint)
        return layout_return_slip(slip, width or self.target.width, self.translator)

    def submit_return(self, number: str, reprint: bool = False) -> bool:
        """Store the slip of retur `number` for printing (the drawer opens for the first print
        of a cash refund); False without a printer."""
        if not self.target.enabled:
            return False
        with self.database.write() as session:
            return self.queue_return(session, number, reprint)

    def queue_return(self, session: Session, number: str, reprint: bool = False) -> bool:
        """`submit_return` in the caller's transaction (the retur and its slip commit
        together); False without a printer."""
        if not self.target.enabled:
            return False
        cash = is_cash_refund(session, number)
        options = JobOptions(
            profile=self.target.profile,
            kick_drawer=self.settings.kick_drawer and cash and not reprint,
        )
        payload = render_job(self._return_lines(session, number, reprint), options)
        self._enqueue(
            session,
            number.strip().upper(),
            PrintJobKind.REPRINT if reprint else PrintJobKind.RETUR,
            payload,
        )
        return True

    def queue_void(self, session: Session, receipt_no: str) -> bool:
        """Store the void slip of the sale `receipt_no`, just voided, in the caller's
        transaction (the void and its slip commit together; the drawer opens when cash goes
        back); False without a printer."""
        if not self.target.enabled:
            return False
        slip = build_void_slip(session, receipt_no, load_shop(session))
        options = JobOptions(
            profile=self.target.profile,
            kick_drawer=self.settings.kick_drawer
            and any(method == PaymentMethod.CASH for method, _ in slip.refunds),
        )
        payload = render_job(layout_void_slip(slip, self.target.width, self.translator), options)
        self._enqueue(session, slip.receipt_no, PrintJobKind.VOID, payload)
        return True

    def _store(self, reference: str, kind: PrintJobKind, payload: bytes) -> None:
        with self.database.write() as session:
            self._enqueue(session, reference, kind, payload)

    def _enqueue(
        self,
        session: Session,
        reference: str,
        kind: PrintJobKind,
        payload: bytes,
        reprint_by: Actor | None = None,
    ) -> None:
        if kind == PrintJobKind.REPRINT and waiting_job(
            session, self.settings.till, reference, kind
        ):
            return  # the same reprint still waits (a failed print asked again): not a second
        if reprint_by is not None:
            record_reprint(session, reprint_by, reference, now=self.clock())
        enqueue(session, self.settings.till, reference, kind, payload, self.clock())

    def flush(self) -> FlushReport:
        """Send the waiting jobs, oldest first, stopping at the first failure. Each job is
        marked `sending` and committed before its bytes go; a job found `sending` (the till
        stopped mid-send) is not sent again by itself: it counts in `uncertain` until the kasir
        chooses (`settle`). A status read after the printer took the bytes is a `warning`."""
        report = FlushReport()
        if not self.target.enabled:
            return report
        with self._lock:
            with self.database.read() as session:
                report.uncertain = len(uncertain_jobs(session, self.settings.till))
                jobs = [
                    (job.id, job.receipt_no, job.payload)
                    for job in pending_jobs(session, self.settings.till)
                ]
            for index, (job_id, receipt_no, payload) in enumerate(jobs):
                assert job_id is not None
                with self.database.write() as session:
                    if not mark_sending(session, job_id):
                        continue
                try:
                    warning = send(self.target, payload)
                except GeraiError as error:
                    with self.database.write() as session:
                        mark_failed(session, job_id, error.message(self.translator))
                    report.error = error
                    report.waiting = len(jobs) - index
                    return report
                with self.database.write() as session:
                    mark_printed(session, job_id, self.clock())
                report.printed.append(receipt_no)
                if warning is not None:
                    report.warning = warning
                    with self.database.read() as session:
                        report.waiting = len(pending_jobs(session, self.settings.till))
                    return report
        return report

    def waiting_jobs(self) -> tuple[list[tuple[int, str, str]], list[tuple[int, str, str]]]:
        """This till's jobs (id, number, kind): those waiting to print, and those that may
        already have printed (found `sending`)."""
        with self.database.read() as session:
            pending = [
                (j.id or 0, j.receipt_no, j.kind) for j in pending_jobs(session, self.settings.till)
            ]
            unsure = [
                (j.id or 0, j.receipt_no, j.kind)
                for j in uncertain_jobs(session, self.settings.till)
            ]
        return pending, unsure

    def settle(self, job_ids: list[int], *, again: bool, actor: Actor) -> int:
        """The kasir's choice for jobs that may have printed or wait: print `again`, or drop
        them (audited). Returns how many were settled."""
        with self._lock, self.database.write() as session:
            return settle_uncertain(
                session,
                self.settings.till,
                job_ids,
                again=again,
                actor=actor.name,
                now=self.clock(),
            )


def print_shelf_labels(
    target: PrinterTarget, labels: list[ShelfLabel], priced_on: date, tr: Translator
) -> None:
    """Print shelf labels on the receipt printer, one after another, each cut off."""
    dots = paper_dots(target.profile)
    tags = [label.tag(priced_on) for label in labels]
    job = labels_job(
        [(layout_shelf_tag(tag, target.width, tr), barcode_image(tag, dots)) for tag in tags],
        target.profile,
    )
    error = send(target, job)
    if error is not None:
        raise error


def print_test_page(target: PrinterTarget, tr: Translator) -> None:
    """Print a test page: a ruler of the configured width, the URL and the profile."""
    width = target.width
    ruler = "".join(str(i % 10) for i in range(1, width + 1))
    lines = [
        Line(tr.t("printer.test_title"), bold=True),
        Line(ruler),
        Line("+" + "-" * (width - 2) + "+"),
        *[Line(part) for part in wrap(tr.t("printer.test_url", url=target.url), width)],
        Line(tr.t("printer.test_profile", profile=target.profile, width=width)[:width]),
        Line(ruler),
    ]
    send(target, render_job(lines, JobOptions(profile=target.profile)))
