"""The receipt job's bytes: the printer's own QR where its profile has hardware QR, an image
where it lacks one (golden bytes for both); the stored sale read once a render; the shop's
settings cached until they change, whichever till changes them."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event

from gerai.db import Database
from gerai.printing import PrintQueue
from gerai.services.shop.profile import load_shop, save_shop_settings
from gerai.settings import Settings
from receipts.escpos_job import JobOptions, render_job, write_text
from receipts.layout import Line
from tests.conftest import NOW, OWNER
from tests.escpos_decode import decode
from tests.fake_printer import FakePrinter
from tests.test_printing import payload_of, sell

GOLDEN = Path(__file__).parent / "golden" / "receipts"
LINES = [
    Line("KOPERASI MERAH PUTIH", bold=True),
    Line("Beras SPHP 5 kg      62.500"),
    Line("TOTAL                62.500", bold=True),
]
NUMBER = "K1-20251130-0001"
NATIVE_JOB = (
    b"\x1b@\x1bE\x01KOPERASI MERAH PUTIH\n\x1bE\x00Beras SPHP 5 kg      62.500\n"
    b"\x1bE\x01TOTAL                62.500\n\x1bE\x00\n"
    b"\x1ba\x01"  # centred
    b"\x1d(k\x04\x001A2\x00"  # model 2
    b"\x1d(k\x03\x001C\x04"  # module size 4 dots
    b"\x1d(k\x03\x001E0"  # error correction L
    b"\x1d(k\x13\x001P0K1-20251130-0001"  # the data
    b"\x1d(k\x03\x001Q0"  # print it
    b"\x1ba\x00\n"  # back to the left
    b"\x1bp\x0022"  # the drawer's pulse
    b"\x1bd\x06\x1dV\x00"  # feed and cut
)


def test_a_profile_with_hardware_qr_gets_the_printers_own_qr() -> None:
    job = render_job(LINES, JobOptions(profile="TM-T20II", kick_drawer=True, qr=NUMBER))
    assert job == NATIVE_JOB
    decoded = decode(job)
    assert [(q.payload, q.module_size, q.align) for q in decoded.native_qrs] == [
        (NUMBER, 4, "center")
    ]
    assert decoded.images == [] and decoded.unknown == []
    assert decoded.lines[:3] == [line.text for line in LINES]


def test_a_profile_without_hardware_qr_gets_the_same_image_as_before() -> None:
    """POS-5890 has no hardware QR: the job is byte for byte the one rendered before the
    printer's own QR came in (the golden file was written by that renderer)."""
    job = render_job(LINES, JobOptions(profile="POS-5890", kick_drawer=True, qr=NUMBER))
    assert job == (GOLDEN / "job-image-qr-POS-5890.bin").read_bytes()
    decoded = decode(job)
    assert decoded.native_qrs == [] and [i.qr_payloads for i in decoded.images] == [[NUMBER]]


def test_text_is_written_as_escpos_writes_it() -> None:
    from escpos.printer import Dummy

    text = "".join(map(chr, range(32, 127))) + "\nÉé ñ €\n"
    theirs = Dummy(profile="POS-5890", magic_encode_args={"disabled": True, "encoding": "CP437"})
    theirs.text(text)
    ours = Dummy(profile="POS-5890")
    write_text(ours, text)
    assert ours.output == theirs.output


def statements_of(db: Database) -> list[str]:
    """A list that fills with every SQL statement `db` runs from now on."""
    seen: list[str] = []
    event.listen(
        db.engine, "before_cursor_execute", lambda *args: seen.append(args[2]), named=False
    )
    return seen


def test_a_render_reads_the_sale_once(db: Database, shop: object) -> None:
    number = sell(db, shop)  # type: ignore[arg-type]
    queue = PrintQueue(db, Settings(db_url=db.url, printer="tcp://127.0.0.1:9"), lambda: NOW)
    queue.render(number)
    seen = statements_of(db)
    queue.render(number)
    selects = [s for s in seen if s.lstrip().upper().startswith("SELECT")]
    # the sale, its lines, its payments (the settings are read by a prepared statement on the
    # driver's own cursor, which the engine's events do not see)
    assert len(selects) == 3, selects
    assert [s.split(" FROM ")[1].split()[0] for s in (x.replace("\n", " ") for x in selects)] == [
        "sale",
        "saleline",
        "payment",
    ], selects
    assert sum(" FROM sale " in s.replace("\n", " ") for s in selects) == 1


@pytest.mark.parametrize("profile", ["TM-T20II", "POS-5890"])
def test_a_settings_change_at_another_till_is_on_the_next_receipt(
    db: Database, shop: object, profile: str
) -> None:
    number = sell(db, shop)  # type: ignore[arg-type]
    printer = f"tcp://127.0.0.1:9?profile={profile}"
    queue = PrintQueue(db, Settings(db_url=db.url, printer=printer), lambda: NOW)
    assert "TOKO BARU" not in decode(queue.render(number), read_qr=False).text
    other_till = Database(db.url)  # another till on the same database
    try:
        with other_till.write() as session:
            save_shop_settings(session, OWNER, now=NOW, name="Toko Baru", footer="Sampai jumpa")
    finally:
        other_till.engine.dispose()
    text = decode(queue.render(number), read_qr=False).text
    assert "TOKO BARU" in text and "Sampai jumpa" in text


def test_the_profile_is_parsed_once_until_the_settings_change(db: Database) -> None:
    with db.read() as session:
        first, again = load_shop(session), load_shop(session)
    assert again is first
    with db.write() as session:
        changed = save_shop_settings(session, OWNER, now=NOW, phone="0411-123")
        assert load_shop(session) == changed  # seen in the same transaction
    with db.read() as session:
        latest = load_shop(session)
    assert latest.phone == "0411-123" and latest is not first


def test_a_native_qr_receipt_prints_on_the_fake_printer_and_reads_back(
    db: Database, shop: object
) -> None:
    number = sell(db, shop)  # type: ignore[arg-type]
    with FakePrinter() as printer:
        queue = PrintQueue(
            db, Settings(db_url=db.url, printer=printer.url + "?profile=TM-T20II"), lambda: NOW
        )
        assert queue.submit(number)
        assert queue.flush().printed == [number]
        [received] = printer.wait_for_jobs(1, timeout=5)
    job = decode(payload_of(received))
    expected = [line.text for line in queue.receipt_lines(number)]
    assert job.lines[: len(expected)] == expected
    assert [q.payload for q in job.native_qrs] == [number] and job.images == []
    assert job.starts_with_init and job.codepage_switches == [] and job.unknown == []
