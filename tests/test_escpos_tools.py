"""The receipt test tools (ESC/POS decoder, fake TCP printer, PNG renderer) against real
python-escpos 3.1 output and real sockets."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import receipt_png
from escpos.constants import RT_STATUS_ONLINE, RT_STATUS_PAPER
from escpos.exceptions import DeviceNotFoundError
from escpos.printer import Dummy, Network
from PIL import Image, ImageDraw

from tests.escpos_decode import Job, TextStyle, decode, read_qr_codes
from tests.fake_printer import FakePrinter, status_byte
from tests.receipt_png import render_png

PLAIN = {"disabled": True, "encoding": "CP437"}
WIDTHS = {"POS-5890": 32, "TM-T20II": 48}
QR_TEXT = "https://gerai.example/r/INV-2025-000123"


def dummy(profile: str) -> Dummy:
    """A Dummy printer as the app configures it: no MagicEncode, CP437."""
    return Dummy(profile=profile, magic_encode_args=PLAIN)


def logo() -> Image.Image:
    """A small black-and-white logo with no QR code in it."""
    img = Image.new("L", (120, 40), 255)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, 119, 39), outline=0, width=3)
    draw.ellipse((8, 6, 36, 34), fill=0)
    return img


def receipt_lines(width: int) -> list[str]:
    return [
        "GERAI MERAH PUTIH",
        "Jl. Desa No. 1",
        "-" * width,
        "Beras 5 kg".ljust(width - 10) + "75.000".rjust(10),
        "Minyak 1 L".ljust(width - 10) + "18.000".rjust(10),
        "TOTAL".ljust(width - 10) + "93.000".rjust(10),
        "Terima kasih!",
    ]


def build_receipt(profile: str) -> bytes:
    """A full receipt: init, logo, styled text, image QR, native QR, cut and drawer kick."""
    width = WIDTHS[profile]
    head, address, rule, item1, item2, total, thanks = receipt_lines(width)
    p = dummy(profile)
    p.hw("INIT")
    p.image(logo(), center=True)
    p.set(align="center", bold=True, double_height=True, double_width=True)
    p.textln(head)
    p.set(normal_textsize=True, bold=False)
    p.textln(address)
    p.set(align="left", underline=1, font="a")
    p.textln(rule)
    p.set(underline=0, invert=True)
    p.text(item1 + "\n")
    p.set(invert=False, custom_size=True, width=1, height=1)
    p.textln(item2)
    p.set(bold=True)
    p.textln(total)
    p.set(bold=False, align="center")
    p.qr(QR_TEXT, native=False, center=True)
    p.qr("INV-2025-000123", native=True)
    p.text(thanks)
    p.control("LF")
    p.cut()
    p.cashdraw(2)
    p.cashdraw(5)
    p._raw(RT_STATUS_ONLINE)
    return p.output


# -- decoder -----------------------------------------------------------------------------------
@pytest.mark.parametrize("profile", ["POS-5890", "TM-T20II"])
def test_decoder_gives_back_the_receipt(profile: str) -> None:
    job = decode(build_receipt(profile))
    head, address, rule, item1, item2, total, thanks = receipt_lines(WIDTHS[profile])
    # qr(native=False) prints "\n", the image, then "\n\n"
    assert job.lines == [head, address, rule, item1, item2, total, "", "", "", thanks]
    assert job.unknown == []
    assert job.starts_with_init and job.inits == 1
    assert job.codepage_switches == []
    assert job.qr_payloads == [QR_TEXT, "INV-2025-000123"]
    assert job.drawer_kicks == [2, 5]
    assert job.status_queries == [1]
    assert job.feeds == 6  # cut() feeds 6 lines first
    # POS-5890 has no cutter: cut() only feeds
    assert job.cuts == ([] if profile == "POS-5890" else [b"\x1dV\x00"])
    assert job.bold_lines() == [head, total]
    assert (5, "bold") in job.styles and (6, "bold_off") in job.styles
    assert job.line_styles[0] == TextStyle(bold=True, align="center", width=2, height=2)
    assert job.line_styles[2].underline == 1
    assert job.line_styles[3].invert
    logo_img, qr_img = job.images
    assert (logo_img.kind, logo_img.height, logo_img.qr_payloads) == ("raster", 40, [])
    assert logo_img.width == {"POS-5890": 384, "TM-T20II": 576}[profile]  # centred to paper
    assert qr_img.qr_payloads == [QR_TEXT] and qr_img.line_index == 7
    assert [q.payload for q in job.native_qrs] == ["INV-2025-000123"]


def test_raster_bitmap_is_the_printed_image() -> None:
    p = dummy("TM-T20II")
    p.image(logo())
    (img,) = decode(p.output).images
    assert img.bitmap.mode == "1" and (img.width, img.height) == (120, 40)
    expected = logo().convert("1")
    assert img.bitmap.tobytes() == expected.tobytes()


@pytest.mark.parametrize("impl", ["bitImageRaster", "graphics", "bitImageColumn"])
def test_every_image_implementation_decodes_with_its_qr(impl: str) -> None:
    p = dummy("TM-T20II")
    p.qr("RCPT-42", native=False, image_arguments={"impl": impl})
    job = decode(p.output)
    kind = {"bitImageRaster": "raster", "graphics": "graphics", "bitImageColumn": "column"}
    assert [i.kind for i in job.images] == [kind[impl]]
    assert job.qr_payloads == ["RCPT-42"] and job.unknown == []
    assert job.lines == ["", "", ""]  # ESC * stripes' own line feeds are not text lines


def test_cut_variants() -> None:
    p = dummy("TM-T20II")
    p.cut(mode="PART")
    p.cut(feed=False)
    job = decode(p.output)
    assert job.cuts == [b"\x1dV\x01", b"\x1dVB\x00"] and job.feeds == 6 and job.unknown == []


def test_every_set_option_is_understood() -> None:
    p = dummy("TM-T20II")
    p.set(custom_size=True, width=3, height=2, flip=True, smooth=True, density=2)
    p.textln("A")
    p.set(normal_textsize=True, flip=False, smooth=False, underline=2, font="b", align="right")
    p.textln("B")
    p.set(double_width=True, invert=True, density=8)
    p.textln("C")
    p.set_with_default()
    p.textln("D")
    p.line_spacing(40)
    p.line_spacing()
    p.print_and_feed(2)
    p.ln(2)
    p.control("CR")
    job = decode(p.output)
    assert job.unknown == [] and job.codepage_switches == []
    assert job.lines == ["A", "B", "C", "D", "", ""]
    a, b, c, d = job.line_styles[:4]
    assert (a.width, a.height, a.flip) == (3, 2, True)
    assert (b.underline, b.font, b.align, b.width) == (2, 1, "right", 1)
    assert (c.width, c.height, c.invert) == (2, 1, True)
    assert d == TextStyle()
    assert job.feeds == 2


def test_magic_encode_code_page_switch_is_detected() -> None:
    """With MagicEncode on (the escpos default), even plain ASCII gets an ESC t."""
    for p in (Dummy(), Dummy(profile="POS-5890")):
        p.hw("INIT")
        p.textln("Hello")
        job = decode(p.output)
        assert job.lines == ["Hello"]
        assert job.codepage_switches and job.codepage_switches[0].startswith(b"\x1bt")


def test_unknown_and_truncated_commands_are_reported() -> None:
    assert decode(b"\x1b\x99ok\n").unknown == [b"\x1b\x99"]
    assert decode(b"\x1d(Z\x01\x00x").unknown == [b"\x1d(Z\x01\x00x"]
    assert decode(b"\x1dv0\x00\x02\x00\x02\x00\xff").unknown  # raster data cut short
    assert decode(b"\x07\x0b").unknown == [b"\x0b"]  # VT is not a roll-printer command


def test_partial_lines() -> None:
    job = decode(b"\x1b@lost\x1b@one\ntwo")
    assert job.lines == ["one", "two"] and job.discarded_text == ["lost"] and job.inits == 2
    assert not decode(b"hi\n").starts_with_init


# -- fake printer ------------------------------------------------------------------------------
@pytest.fixture
def printer() -> Iterator[FakePrinter]:
    with FakePrinter() as fake:
        yield fake


def query(fake: FakePrinter, n: int, timeout: float = 1.0) -> bytes:
    with socket.create_connection((fake.host, fake.port), timeout=timeout) as sock:
        sock.sendall(bytes((0x10, 0x04, n)))
        return sock.recv(1)


def network(fake: FakePrinter, profile: str = "TM-T20II") -> Network:
    return Network(fake.host, fake.port, timeout=2, profile=profile, magic_encode_args=PLAIN)


def test_fake_printer_records_a_job_over_tcp(printer: FakePrinter) -> None:
    assert printer.url == f"tcp://127.0.0.1:{printer.port}"
    data = build_receipt("TM-T20II")
    p = network(printer)
    p._raw(data)
    p.close()
    assert printer.wait_for_jobs(1, timeout=5) == [data]
    assert printer.all_bytes == data
    assert decode(printer.jobs[0]).qr_payloads == [QR_TEXT, "INV-2025-000123"]
    assert printer.status_queries == [1]  # the DLE EOT 1 at the end of the receipt


def test_fake_printer_answers_status_queries(printer: FakePrinter) -> None:
    assert [query(printer, n) for n in (1, 2, 3, 4)] == [b"\x12"] * 4
    p = network(printer)
    assert p.is_online() and p.paper_status() == 2
    assert p.query_status(RT_STATUS_PAPER) == b"\x12"
    p.close()


def test_paper_out_status_bits(printer: FakePrinter) -> None:
    printer.mode = "paper_out"
    assert [query(printer, n) for n in (1, 2, 3, 4)] == [b"\x1a", b"\x32", b"\x12", b"\x72"]
    assert status_byte("paper_out", 4) == 0x60 | 0x12
    p = network(printer)
    assert not p.is_online() and p.paper_status() == 0
    p._raw(b"\x1b@still recorded\n")
    p.close()
    assert decode(printer.wait_for_jobs(5)[-1]).lines == ["still recorded"]
    printer.mode = "paper_near_end"
    p.open()
    assert p.paper_status() == 1
    p.close()


def test_refuse_then_back_on_the_same_port(printer: FakePrinter) -> None:
    port = printer.port
    printer.mode = "refuse"
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((printer.host, port), timeout=1).close()
    with pytest.raises(DeviceNotFoundError):
        network(printer).open()
    printer.mode = "ok"
    assert printer.port == port
    assert query(printer, 1) == b"\x12"


def test_stall_times_out_and_recovers(printer: FakePrinter) -> None:
    printer.mode = "stall"
    with pytest.raises(TimeoutError):
        query(printer, 1, timeout=0.3)
    stuck = socket.socket()
    stuck.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)  # no send-buffer autotuning
    stuck.settimeout(0.3)
    stuck.connect((printer.host, printer.port))
    with pytest.raises(TimeoutError):  # a big job fills the buffers and blocks
        stuck.sendall(b"x" * 4_000_000)
    assert printer.jobs == [] and printer.connections == 2
    printer.mode = "ok"
    assert query(printer, 4) == b"\x12"
    stuck.close()


def test_stop_is_quick_even_when_stalled() -> None:
    fake = FakePrinter(mode="stall").start()
    sock = socket.create_connection((fake.host, fake.port), timeout=0.3)
    started = time.monotonic()
    fake.stop()
    assert time.monotonic() - started < 1
    sock.close()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((fake.host, fake.port), timeout=1).close()


def test_wait_for_jobs_times_out(printer: FakePrinter) -> None:
    socket.create_connection((printer.host, printer.port), timeout=1).close()  # empty: no job
    with pytest.raises(TimeoutError, match="got 0 job"):
        printer.wait_for_jobs(1, timeout=0.2)


# -- PNG rendering -----------------------------------------------------------------------------
def check_png(job: Job, path: Path, width: int, paper: int) -> Image.Image:
    strip = render_png(job, path, width)
    assert path.is_file()
    with Image.open(path) as saved:
        assert saved.size == strip.size
    assert strip.width == paper
    assert len(job.lines) * 30 < strip.height < 4000
    dark = sum(strip.histogram()[:128]) / (strip.width * strip.height)
    assert 0.01 < dark < 0.5  # neither blank nor a black block
    return strip


@pytest.mark.parametrize(("profile", "paper"), [("POS-5890", 464), ("TM-T20II", 640)])
def test_render_png(profile: str, paper: int, tmp_path: Path) -> None:
    job = decode(build_receipt(profile))
    strip = check_png(job, tmp_path / f"{profile}.png", WIDTHS[profile], paper)
    # the picture is faithful enough that both QR codes scan from the PNG
    assert sorted(read_qr_codes(strip.convert("1"))) == sorted(job.qr_payloads)


def test_render_png_without_dejavu(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(receipt_png, "DEJAVU", tmp_path / "missing.ttf")
    monkeypatch.setattr(receipt_png, "DEJAVU_BOLD", tmp_path / "missing-bold.ttf")
    receipt_png._font.cache_clear()
    try:
        check_png(decode(build_receipt("POS-5890")), tmp_path / "r.png", 32, 464)
    finally:
        receipt_png._font.cache_clear()
