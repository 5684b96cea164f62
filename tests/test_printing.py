"""Receipts as ESC/POS bytes, decoded back, and sent over a real socket to a fake printer on
127.0.0.1: the happy path, every failure, and recovery with each receipt printed once."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import select

from gerai.core.errors import GeraiError
from gerai.db import Database
from gerai.models import PrintJob
from gerai.printing import PrintQueue
from gerai.services.members.lookup import find_member
from gerai.services.sale.cart import Cart
from gerai.services.sale.checkout import Tender, checkout
from gerai.services.shop.profile import ShopProfile
from gerai.services.stock.catalog import find_by_code
from gerai.settings import Settings
from receipts.escpos_job import JobOptions, render_job
from receipts.printer_url import parse_printer_url
from tests.conftest import CASHIER, NOW
from tests.escpos_decode import decode
from tests.fake_printer import FakePrinter
from tests.receipt_png import render_png

STATUS_QUERY = b"\x10\x04"


def sell(db: Database, shop: ShopProfile, method: str = "tunai", member: str | None = None) -> str:
    """A committed sale of three lines (one by weight); returns its receipt number."""
    with db.write() as session:
        cart = Cart(global_discount_bp=shop.member_discount_bp)
        for code, qty in (("BRS-SPHP5", "2"), ("GLA-KG", "1.5"), ("MYK-1L", "1")):
            product = find_by_code(session, code)
            assert product is not None
            cart.add(product, Decimal(qty))
        if member:
            found = find_member(session, member)
            assert found is not None
            cart.attach_member(found)
        amount = 500000 if method == "tunai" else None
        result = checkout(
            session, cart, [Tender(method, amount)], till="K1", actor=CASHIER, now=NOW
        )
    return result.receipt_no


def queue_for(db: Database, printer: str, kick: bool = False) -> PrintQueue:
    return PrintQueue(db, Settings(db_url=db.url, printer=printer, kick_drawer=kick), lambda: NOW)


def payload_of(received: bytes) -> bytes:
    """The job bytes without the status queries the sender adds around them."""
    return received.replace(STATUS_QUERY + b"\x01", b"").replace(STATUS_QUERY + b"\x04", b"")


@pytest.mark.parametrize(("profile", "cutter"), [("POS-5890", False), ("TM-T20II", True)])
def test_job_decodes_to_the_layout(
    db: Database, shop: ShopProfile, profile: str, cutter: bool
) -> None:
    number = sell(db, shop, member="KKMP-0002")
    queue = queue_for(db, f"tcp://127.0.0.1:9?profile={profile}", kick=True)
    job = decode(queue.render(number))
    expected = [line.text for line in queue.receipt_lines(number)]
    assert job.lines[: len(expected)] == expected
    assert all(line == "" for line in job.lines[len(expected) :])
    assert job.starts_with_init
    assert job.codepage_switches == []
    assert job.unknown == []
    assert job.qr_payloads == [number]
    assert bool(job.cuts) is cutter
    assert job.drawer_kicks == [2]
    total = next(line for line in expected if line.startswith("TOTAL"))
    assert job.bold_lines()[-1] == total
    assert max(len(line) for line in job.lines) <= queue.target.width


def test_drawer_opens_only_for_a_first_print_of_a_cash_sale(
    db: Database, shop: ShopProfile
) -> None:
    cash, qris = sell(db, shop), sell(db, shop, method="qris")
    queue = queue_for(db, "tcp://127.0.0.1:9", kick=True)
    assert decode(queue.render(cash)).drawer_kicks == [2]
    assert decode(queue.render(cash, reprint=True)).drawer_kicks == []
    assert decode(queue.render(qris)).drawer_kicks == []
    assert decode(queue_for(db, "tcp://127.0.0.1:9").render(cash)).drawer_kicks == []


def test_reprint_is_marked_cetak_ulang(db: Database, shop: ShopProfile) -> None:
    number = sell(db, shop)
    queue = queue_for(db, "tcp://127.0.0.1:9")
    assert "CETAK ULANG" in decode(queue.render(number, reprint=True)).text
    assert "CETAK ULANG" not in decode(queue.render(number)).text


def test_a_sale_prints_on_the_fake_printer(db: Database, shop: ShopProfile) -> None:
    number = sell(db, shop)
    with FakePrinter() as printer:
        queue = queue_for(db, printer.url)
        assert queue.submit(number)
        report = queue.flush()
        assert report.error is None and report.printed == [number]
        [received] = printer.wait_for_jobs(1, timeout=5)
    with db.read() as session:
        stored = session.exec(select(PrintJob)).one()
    assert stored.status == "printed" and stored.attempts == 1
    assert payload_of(received) == stored.payload
    assert decode(stored.payload).qr_payloads == [number]


def test_refused_then_back_prints_each_receipt_exactly_once(
    db: Database, shop: ShopProfile
) -> None:
    numbers = [sell(db, shop) for _ in range(3)]
    with FakePrinter() as printer:
        queue = queue_for(db, printer.url + "?timeout=1")
        printer.mode = "refuse"
        for number in numbers:
            queue.submit(number)
            report = queue.flush()
            assert report.error is not None and report.error.key == "printer.refused"
        assert report.waiting == 3
        printer.mode = "ok"
        report = queue.flush()
        assert report.printed == numbers and report.error is None
        assert queue.flush().printed == []
        jobs = printer.wait_for_jobs(3, timeout=5)
    assert [decode(payload_of(job)).qr_payloads for job in jobs] == [[n] for n in numbers]
    with db.read() as session:
        assert {job.status for job in session.exec(select(PrintJob))} == {"printed"}


@pytest.mark.parametrize(
    ("mode", "key"), [("stall", "printer.timeout"), ("paper_out", "printer.offline")]
)
def test_a_stalled_or_paperless_printer_is_reported_and_the_job_waits(
    db: Database, shop: ShopProfile, mode: str, key: str
) -> None:
    number = sell(db, shop)
    with FakePrinter() as printer:
        printer.mode = mode  # type: ignore[assignment]
        queue = queue_for(db, printer.url + "?timeout=0.5")
        queue.submit(number)
        report = queue.flush()
        assert report.error is not None and report.error.key == key
        printer.mode = "ok"
        assert queue.flush().printed == [number]
    with db.read() as session:
        job = session.exec(select(PrintJob)).one()
    assert job.status == "printed" and job.attempts == 2 and job.last_error


def test_no_printer_keeps_receipts_for_later(db: Database, shop: ShopProfile) -> None:
    number = sell(db, shop)
    queue = queue_for(db, "none")
    assert queue.submit(number) is False
    assert queue.flush().printed == []
    assert queue.receipt_lines(number)


@pytest.mark.parametrize(
    "url",
    ["lpt://x", "tcp://", "usb://zz:11", "tcp://h?width=5", "tcp://h?timeout=0"],
)  # fmt: skip
def test_bad_printer_urls_say_what_is_accepted(url: str) -> None:
    with pytest.raises(GeraiError) as caught:
        parse_printer_url(url)
    assert caught.value.key.startswith("printer.bad_")


def test_an_unknown_profile_is_reported_when_first_used() -> None:
    target = parse_printer_url("tcp://h:9100?profile=NOPE")
    with pytest.raises(GeraiError) as caught:
        assert target.width
    assert caught.value.key == "printer.bad_profile"


def test_url_profile_and_width() -> None:
    assert parse_printer_url("none").enabled is False
    assert parse_printer_url("tcp://10.0.0.5").port == 9100
    assert parse_printer_url("tcp://h?profile=TM-T20II").width == 48
    assert parse_printer_url("usb://0416:5011?in_ep=0x81&out_ep=0x03").options == {
        "in_ep": "0x81",
        "out_ep": "0x03",
    }
    assert parse_printer_url("file:///dev/usb/lp0?width=42").target == "/dev/usb/lp0"


def test_a_missing_device_file_is_reported(tmp_path: Path) -> None:
    from receipts.transport import send

    with pytest.raises(GeraiError) as caught:
        send(parse_printer_url(f"file://{tmp_path}/nope/lp0"), b"\x1b@")
    assert caught.value.key == "printer.missing"


def test_a_device_file_receives_the_job(tmp_path: Path) -> None:
    from receipts.transport import send

    device = tmp_path / "lp0"
    device.touch()
    send(parse_printer_url(f"file://{device}"), b"\x1b@hello\n")
    assert device.read_bytes() == b"\x1b@hello\n"


def test_receipt_png_for_a_person_to_look_at(
    db: Database, shop: ShopProfile, tmp_path: Path
) -> None:
    number = sell(db, shop, member="KKMP-0002")
    queue = queue_for(db, "tcp://127.0.0.1:9")
    path = tmp_path / "receipt.png"
    render_png(decode(queue.render(number)), path, queue.target.width)
    assert path.stat().st_size > 2000


def test_job_lines_never_exceed_any_width(db: Database, shop: ShopProfile) -> None:
    number = sell(db, shop, member="KKMP-0002")
    queue = queue_for(db, "tcp://127.0.0.1:9")
    for width in (32, 42, 48):
        lines = queue.receipt_lines(number, width=width)
        job = decode(render_job(lines, JobOptions(qr=number)))
        assert all(len(line) <= width for line in job.lines)
