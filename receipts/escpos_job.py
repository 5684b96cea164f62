"""ESC/POS bytes for a receipt, rendered with python-escpos's `Dummy` printer and the
production profile: `ESC @` first, MagicEncode disabled (no code-page switch is ever sent;
the text is already ASCII), bold where the layout says, the QR of the receipt number (drawn by
the printer when its profile has hardware QR, else sent as an image), the drawer kick for cash
sales when enabled, and a cut (a feed on cutterless printers)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import groupby
from pathlib import Path
from typing import Any

from receipts.layout import Line

MAGIC_OFF = {"disabled": True, "encoding": "CP437"}
DRAWER_PIN = 2
QR_SIZE = 4
LOGO_MAX = (384, 96)


@dataclass(frozen=True)
class JobOptions:
    """How to print: the printer profile, drawer kick, optional logo and QR."""

    profile: str = "POS-5890"
    kick_drawer: bool = False
    logo: Path | None = None
    qr: str | None = None


def _printer(profile: str) -> Any:
    from escpos.printer import Dummy

    return Dummy(profile=profile, magic_encode_args={**MAGIC_OFF, "encoder": _encoder(profile)})


@cache
def _encoder(profile: str) -> Any:
    """The profile's code-page encoder, shared by its jobs: it builds a character map on
    first use (~0.5 ms), which a new one per job built again for every receipt. Shared
    safely: with MagicEncode disabled it only ever fills that map, always the same."""
    from escpos.capabilities import get_profile
    from escpos.magicencode import Encoder

    return Encoder(get_profile(profile).get_code_pages())


@cache
def logo_bytes(path: Path, profile: str) -> bytes:
    """The logo as raster-image bytes, scaled to fit; rendered once per file and profile."""
    from PIL import Image

    image = Image.open(path)
    image.thumbnail(LOGO_MAX)
    printer = _printer(profile)
    printer.image(image, center=True)
    data: bytes = printer.output
    return data


def render_job(lines: list[Line], options: JobOptions) -> bytes:
    """The whole print job for `lines`."""
    printer = _printer(options.profile)
    printer.hw("INIT")
    if options.logo is not None:
        printer._raw(logo_bytes(options.logo, options.profile))
    bold = False
    for weight, run in groupby(lines, key=lambda line: line.bold):  # a run in one write
        if weight != bold:
            bold = weight
            printer.set(bold=bold)
        write_text(printer, "\n".join(line.text for line in run) + "\n")
    if bold:
        printer.set(bold=False)
    if options.qr:
        write_text(printer, "\n")
        print_qr(printer, options.qr)
    if options.kick_drawer:
        printer.cashdraw(DRAWER_PIN)
    printer.cut()
    data: bytes = printer.output
    return data


def write_text(printer: Any, text: str) -> None:
    """`text` as the printer's `text()` writes it with MagicEncode disabled on CP437 (the
    same bytes, "?" for a character CP437 lacks), in one encode instead of its
    per-character loop."""
    printer._raw(text.encode("cp437", errors="replace"))


def print_qr(printer: Any, content: str) -> None:
    """The QR of `content`, centred: the printer's own (`GS ( k`) when its profile has
    hardware QR, else an image (python-escpos draws it; ~40 % of a receipt's render)."""
    if printer.profile.supports("qrCode"):
        printer.set(align="center")
        printer.qr(content, size=QR_SIZE, native=True)
        printer.set(align="left")
        write_text(printer, "\n")
    else:
        printer.qr(content, size=QR_SIZE, native=False, center=True)


def paper_dots(profile: str) -> int:
    """How many dots wide the profile's paper is (384 when the profile does not say)."""
    from escpos.capabilities import get_profile

    pixels = get_profile(profile).profile_data.get("media", {}).get("width", {}).get("pixels")
    return pixels if isinstance(pixels, int) else 384


def labels_job(labels: list[tuple[list[Line], Any]], profile: str) -> bytes:
    """One print job of shelf labels: each its lines, its barcode image centred, and a cut
    (a feed on cutterless printers)."""
    printer = _printer(profile)
    printer.hw("INIT")
    for lines, image in labels:
        for line in lines:
            printer.set(bold=line.bold)
            printer.textln(line.text)
        printer.set(bold=False)
        printer.image(image.convert("1"), center=True)
        printer.cut()
    data: bytes = printer.output
    return data


def drawer_kick_job(profile: str) -> bytes:
    """Only the pulse that opens the cash drawer: no text, no paper fed or cut."""
    printer = _printer(profile)
    printer.hw("INIT")
    printer.cashdraw(DRAWER_PIN)
    data: bytes = printer.output
    return data
