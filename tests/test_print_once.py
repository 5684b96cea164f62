"""Issue 19: a receipt prints once. A job is marked `sending` (committed) before its bytes go;
one found `sending` after a crash is never resent by itself (the kasir prints it again or drops
it, the drop audited); bytes the printer accepted are never resent because of a status read
afterwards."""

from __future__ import annotations

import socket
import threading

import pytest
from sqlmodel import col, select

from gerai.core.errors import GeraiError
from gerai.core.words import AuditKind, PrintJobStatus
from gerai.db import Database
from gerai.models import AuditRecord, PrintJob
from gerai.services.shop.profile import ShopProfile
from receipts.printer_url import parse_printer_url
from receipts.transport import send
from tests.conftest import CASHIER
from tests.fake_printer import FakePrinter
from tests.test_printing import payload_of, queue_for, sell


def statuses(db: Database) -> list[str]:
    with db.read() as session:
        return [job.status for job in session.exec(select(PrintJob).order_by(col(PrintJob.id)))]


def crash_while_sending(db: Database) -> None:
    """What a till killed after marking its oldest job `sending` leaves behind."""
    with db.write() as session:
        job = session.exec(select(PrintJob).order_by(col(PrintJob.id))).first()
        assert job is not None
        job.status = PrintJobStatus.SENDING
        session.add(job)


def test_a_job_found_sending_is_not_resent_until_the_kasir_chooses(
    db: Database, shop: ShopProfile
) -> None:
    first, second = sell(db, shop), sell(db, shop)
    with FakePrinter() as printer:
        queue = queue_for(db, printer.url)
        queue.submit(first)
        queue.submit(second)
        crash_while_sending(db)
        report = queue.flush()
        assert report.printed == [second] and report.uncertain == 1
        printer.wait_for_jobs(1, timeout=5)
        assert queue.flush().printed == [] and queue.flush().uncertain == 1
        pending, unsure = queue.waiting_jobs()
        assert pending == [] and [number for _, number, _ in unsure] == [first]
        assert queue.settle([unsure[0][0]], again=True, actor=CASHIER) == 1
        assert queue.flush().printed == [first]
        jobs = printer.wait_for_jobs(2, timeout=5)
    assert len(jobs) == 2
    assert statuses(db) == [PrintJobStatus.PRINTED, PrintJobStatus.PRINTED]


def test_dropping_an_uncertain_job_is_audited_and_it_never_prints(
    db: Database, shop: ShopProfile
) -> None:
    number = sell(db, shop)
    with FakePrinter() as printer:
        queue = queue_for(db, printer.url)
        queue.submit(number)
        crash_while_sending(db)
        [(job_id, _, _)] = queue.waiting_jobs()[1]
        assert queue.settle([job_id], again=False, actor=CASHIER) == 1
        assert queue.flush().printed == [] and queue.flush().uncertain == 0
        assert printer.jobs == []
    assert statuses(db) == [PrintJobStatus.DROPPED]
    with db.read() as session:
        dropped = session.exec(
            select(AuditRecord).where(col(AuditRecord.kind) == AuditKind.PRINT_JOB_DROPPED)
        ).one()
    assert dropped.ref == number and dropped.actor == CASHIER.name


class AcceptsThenPaperOut:
    """A printer that answers well before the job, takes its bytes, then reports paper-out."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.received = bytearray()
        self.connections = 0
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"tcp://127.0.0.1:{self.listener.getsockname()[1]}?timeout=2"

    def serve(self) -> None:
        self.listener.settimeout(5)
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            with conn:
                conn.settimeout(2)
                answered = 0
                buffer = bytearray()
                try:
                    while chunk := conn.recv(4096):
                        buffer += chunk
                        while (at := buffer.find(b"\x10\x04", 0)) >= 0 and len(buffer) > at + 2:
                            # the first two queries (before the job) are fine, later ones not
                            conn.sendall(bytes([0x12 if answered < 2 else 0x12 | 0x08]))
                            answered += 1
                            self.received += buffer[: at + 3]
                            del buffer[: at + 3]
                except OSError:
                    pass
                self.received += buffer

    def close(self) -> None:
        self.listener.close()


def test_bytes_the_printer_took_are_not_resent_for_a_status_read_after(
    db: Database, shop: ShopProfile
) -> None:
    number = sell(db, shop)
    printer = AcceptsThenPaperOut()
    try:
        queue = queue_for(db, printer.url)
        queue.submit(number)
        report = queue.flush()
        assert report.printed == [number] and report.error is None
        assert report.warning is not None and report.warning.key == "printer.offline"
        assert queue.flush().printed == []
        assert printer.connections == 1
    finally:
        printer.close()
    assert statuses(db) == [PrintJobStatus.PRINTED]
    with db.read() as session:
        payload = session.exec(select(PrintJob)).one().payload
    assert payload_of(bytes(printer.received)).count(payload) == 1


def test_send_returns_a_status_after_acceptance_and_raises_before() -> None:
    printer = AcceptsThenPaperOut()
    try:
        warning = send(parse_printer_url(printer.url), b"hello")
        assert isinstance(warning, GeraiError) and warning.key == "printer.offline"
    finally:
        printer.close()
    with FakePrinter("paper_out") as refusing:
        with pytest.raises(GeraiError):
            send(parse_printer_url(refusing.url + "?timeout=1"), b"hello")
        assert b"hello" not in refusing.all_bytes


def test_a_failed_reprint_asked_again_does_not_add_a_job(db: Database, shop: ShopProfile) -> None:
    from click.testing import CliRunner

    from gerai.cli import main

    number = sell(db, shop)
    with FakePrinter() as printer:
        args = ["--db", db.url, "--printer", printer.url + "?timeout=0.5", "receipt", "print"]
        printer.mode = "refuse"
        for _ in range(3):
            assert CliRunner().invoke(main, [*args, number]).exit_code == 1
        assert statuses(db) == [PrintJobStatus.PENDING]
        printer.mode = "ok"
        result = CliRunner().invoke(main, [*args, number])
        assert result.exit_code == 0, result.output
        printer.wait_for_jobs(1, timeout=5)
        assert len(printer.jobs) == 1
    assert statuses(db) == [PrintJobStatus.PRINTED]
    with db.read() as session:
        reprints = session.exec(
            select(AuditRecord).where(col(AuditRecord.kind) == AuditKind.REPRINT)
        ).all()
    assert len(reprints) == 1


def test_a_retur_and_a_savings_payment_commit_with_their_slip_jobs(db: Database) -> None:
    from decimal import Decimal

    from sqlalchemy import event

    from gerai.core.words import PrintJobKind
    from gerai.services.members.lookup import find_member
    from gerai.services.sale.checkout import Tender
    from tests.conftest import TREASURER_PIN
    from tests.test_till import OIL, fill, make_till

    till = make_till(db)
    fill(till, (OIL, "2"))
    receipt_no = till.sell([Tender("tunai", 100_000)]).receipt_no
    commits: list[object] = []
    committed = commits.append
    event.listen(db.engine, "commit", committed)
    try:
        retur = till.retur(receipt_no, [(1, Decimal(1), False)], "rusak", "tunai", TREASURER_PIN)
        with db.read() as session:
            member = find_member(session, "KKMP-0003")
            assert member is not None and member.id is not None
        slip = till.take_savings(member.id, "sukarela", 25_000, 1, "tunai", None)
    finally:
        event.remove(db.engine, "commit", committed)
    assert len(commits) == 2  # one transaction each: the document and its slip together
    with db.read() as session:
        jobs = session.exec(select(PrintJob).order_by(col(PrintJob.id))).all()
    assert [(job.receipt_no, job.kind, job.status) for job in jobs] == [
        (receipt_no, PrintJobKind.SALE, PrintJobStatus.PENDING),
        (retur.number, PrintJobKind.RETUR, PrintJobStatus.PENDING),
        (slip, PrintJobKind.SLIP, PrintJobStatus.PENDING),
    ]


async def test_the_kasir_sees_a_maybe_printed_receipt_and_chooses_with_ctrl_u(
    db: Database, shop: ShopProfile
) -> None:
    from textual.widgets import Label

    from gerai.tui.screens.sale.kasir import KasirScreen
    from gerai.tui.screens.sale.print_jobs import PrintJobsDialog
    from tests.test_printing_ui import app_for

    first, second = sell(db, shop), sell(db, shop)
    with FakePrinter() as printer:
        queue = queue_for(db, printer.url)
        queue.submit(first)
        queue.submit(second)
        crash_while_sending(db)  # `first` may have printed before the till stopped
        printer.mode = "refuse"
        app = app_for(db, printer.url + "?timeout=0.5")
        async with app.run_test(size=(100, 30)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, KasirScreen)
            assert "Cetak antre: 2" in str(app.screen.query_one("#header", Label).render())
            await pilot.press("ctrl+u")
            await pilot.pause()
            assert isinstance(app.screen, PrintJobsDialog)
            listed = str(app.screen.query_one("#jobs", Label).render())
            assert f"{first}  mungkin sudah tercetak" in listed
            assert f"{second}  menunggu printer" in listed
            printer.mode = "ok"
            await pilot.press("f8")
            await pilot.pause()
            assert isinstance(app.screen, KasirScreen)
            assert "Cetak antre" not in str(app.screen.query_one("#header", Label).render())
        assert printer.jobs == []
    assert statuses(db) == [PrintJobStatus.DROPPED, PrintJobStatus.DROPPED]
    with db.read() as session:
        dropped = session.exec(
            select(AuditRecord.ref).where(col(AuditRecord.kind) == AuditKind.PRINT_JOB_DROPPED)
        ).all()
    assert sorted(dropped) == sorted([first, second])
