"""A small ESC/POS decoder for the command subset python-escpos 3.1 emits, for tests.

``decode(data)`` turns the bytes of a print job back into text lines (CP437) and records every
command: init, code-page switches, styles, feeds, cuts, drawer kicks, raster images (``GS v 0``,
``GS ( L`` / ``GS 8 L``, ``ESC *``), native QR codes (``GS ( k``), barcodes (``GS k``) and
real-time status queries (``DLE EOT n``). QR codes printed as images are read with zxing-cpp.
Well-formed commands that do not change what is printed (line spacing, tab stops, density...)
go to ``Job.other``; anything not understood goes to ``Job.unknown``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import zxingcpp
from PIL import Image as PILImage
from PIL import ImageOps

ESC, GS, FS, DLE = 0x1B, 0x1D, 0x1C, 0x10
LF, CR, HT, FF, BEL, CAN, NUL = 0x0A, 0x0D, 0x09, 0x0C, 0x07, 0x18, 0x00

_ALIGN = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center", 50: "right"}
_HW_RESET = b"\x1b?\n\x00"  # escpos' HW_RESET: ESC ? LF NUL
# ESC commands taking one parameter byte that do not change the printed text or its style.
_ESC_OTHER_1 = {ord(c) for c in "3A+ =?KUue"}
# ESC commands taking two parameter bytes (panel buttons, paper sensors, buzzer, positions).
_ESC_OTHER_2 = {ord(c) for c in "cB$\\"}
# GS commands taking one parameter byte that do not change the printed text.
_GS_OTHER_1 = {ord(c) for c in "HfhwarIT"}
# GS commands taking two parameter bytes (nL nH) that do not change the printed text.
_GS_OTHER_2 = {ord(c) for c in "LWP"}


@dataclass(frozen=True)
class TextStyle:
    """The print modes in effect for a line of text."""

    bold: bool = False
    underline: int = 0
    align: str = "left"
    width: int = 1  # character width multiplier
    height: int = 1  # character height multiplier
    invert: bool = False
    font: int = 0
    flip: bool = False


@dataclass
class TextLine:
    """A printed line of text with its style."""

    text: str
    style: TextStyle


@dataclass
class Image:
    """A printed raster image; ``bitmap`` is mode "1" with black = printed dot."""

    width: int
    height: int
    bitmap: PILImage.Image
    kind: str  # "raster" (GS v 0), "graphics" (GS ( L / GS 8 L) or "column" (ESC *)
    line_index: int  # number of text lines printed before it
    align: str = "left"
    scale_x: int = 1  # dot size multipliers from the density settings
    scale_y: int = 1
    qr_payloads: list[str] = field(default_factory=list)


@dataclass
class NativeQr:
    """A QR code printed by the printer itself (``GS ( k``)."""

    payload: str
    module_size: int
    ec_level: int
    model: int
    line_index: int
    align: str = "left"


@dataclass
class Feed:
    """Paper fed without text: ``lines`` at the default line spacing."""

    lines: int


@dataclass
class Cut:
    """A ``GS V`` (or legacy ``ESC i`` / ``ESC m``) cut command."""

    command: bytes


Block = TextLine | Image | NativeQr | Feed | Cut


@dataclass
class Job:
    """Everything a print job does, in decoded form."""

    lines: list[str] = field(default_factory=list)
    line_styles: list[TextStyle] = field(default_factory=list)
    starts_with_init: bool = False
    inits: int = 0
    codepage_switches: list[bytes] = field(default_factory=list)
    cuts: list[bytes] = field(default_factory=list)
    drawer_kicks: list[int] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    native_qrs: list[NativeQr] = field(default_factory=list)
    qr_payloads: list[str] = field(default_factory=list)
    barcodes: list[tuple[int, str]] = field(default_factory=list)
    feeds: int = 0
    styles: list[tuple[int, str]] = field(default_factory=list)
    status_queries: list[int] = field(default_factory=list)
    other: list[bytes] = field(default_factory=list)
    unknown: list[bytes] = field(default_factory=list)
    discarded_text: list[str] = field(default_factory=list)  # partial lines wiped by ESC @
    blocks: list[Block] = field(default_factory=list)  # everything printed, in order

    @property
    def text(self) -> str:
        """The printed lines joined with newlines."""
        return "\n".join(self.lines)

    def bold_lines(self) -> list[str]:
        """The lines printed (at least partly) in bold."""
        return [ln for ln, st in zip(self.lines, self.line_styles, strict=True) if st.bold]


def read_qr_codes(bitmap: PILImage.Image) -> list[str]:
    """Return the payloads of the QR codes in a bitmap (black = dot)."""
    grey = ImageOps.expand(bitmap.convert("L"), border=32, fill=255)
    formats = [zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.MicroQRCode]
    found = zxingcpp.read_barcodes(grey, formats=formats)
    return [code.text for code in found]


def _bitmap(data: bytes, width_bytes: int, height: int, width: int | None = None) -> PILImage.Image:
    """Build a black-on-white image from raster bytes (MSB first, bit set = dot)."""
    img = PILImage.frombytes("1", (width_bytes * 8, height), data)
    img = ImageOps.invert(img.convert("L")).convert("1")
    if width is not None and width < width_bytes * 8:
        img = img.crop((0, 0, width, height))
    return img


class _Decoder:
    def __init__(self, data: bytes, read_qr: bool) -> None:
        self.data = data
        self.pos = 0
        self.read_qr = read_qr
        self.job = Job(starts_with_init=data.startswith(b"\x1b@"))
        self.style = TextStyle()
        self.line = bytearray()
        self.line_bold = False
        self.line_style: TextStyle | None = None  # style at the first character
        self.line_width = 1
        self.line_height = 1
        self.columns: list[PILImage.Image] = []  # pending ESC * stripes
        self.column_scale = (1, 1)
        self.column_lf_pending = False
        self.graphics: tuple[PILImage.Image, int, int] | None = None  # stored GS ( L image
        self.qr_data = b""
        self.qr_size = 3
        self.qr_ec = 48
        self.qr_model = 50

    # -- helpers -------------------------------------------------------------------------
    def need(self, n: int) -> bytes | None:
        """The next ``n`` bytes, or None (and the rest recorded as unknown) if truncated."""
        chunk = self.data[self.pos : self.pos + n]
        if len(chunk) < n:
            self.job.unknown.append(self.data[self.pos :])
            self.pos = len(self.data)
            return None
        return chunk

    def style_event(self, name: str) -> None:
        event = (len(self.job.lines), name)
        if not self.job.styles or self.job.styles[-1] != event:
            self.job.styles.append(event)

    def set_style(self, name: str, **changes: Any) -> None:
        self.style = replace(self.style, **changes)
        self.style_event(name)

    def end_line(self) -> None:
        if self.line and self.line_style is not None:
            # alignment as at the start of the line; bold/size if any character had them
            style = replace(
                self.line_style,
                bold=self.line_bold,
                width=self.line_width,
                height=self.line_height,
            )
        else:
            style = self.style
        text = bytes(self.line).decode("cp437")
        self.job.lines.append(text)
        self.job.line_styles.append(style)
        self.job.blocks.append(TextLine(text, style))
        self.reset_line()

    def reset_line(self) -> None:
        self.line.clear()
        self.line_bold = False
        self.line_style = None
        self.line_width = 1
        self.line_height = 1

    def add_image(self, bitmap: PILImage.Image, kind: str, sx: int = 1, sy: int = 1) -> None:
        if self.line:  # the printer prints pending text first
            self.end_line()
        payloads = read_qr_codes(bitmap) if self.read_qr else []
        image = Image(
            width=bitmap.width,
            height=bitmap.height,
            bitmap=bitmap,
            kind=kind,
            line_index=len(self.job.lines),
            align=self.style.align,
            scale_x=sx,
            scale_y=sy,
            qr_payloads=payloads,
        )
        self.job.images.append(image)
        self.job.blocks.append(image)
        self.job.qr_payloads.extend(payloads)

    def flush_columns(self) -> None:
        self.column_lf_pending = False
        if not self.columns:
            return
        width = max(s.width for s in self.columns)
        total = sum(s.height for s in self.columns)
        img = PILImage.new("1", (width, total), 1)
        y = 0
        for stripe in self.columns:
            img.paste(stripe, (0, y))
            y += stripe.height
        self.columns = []
        self.add_image(img, "column", *self.column_scale)

    # -- main loop -------------------------------------------------------------------------
    def run(self) -> Job:
        data = self.data
        while self.pos < len(data):
            b = data[self.pos]
            if b == LF and self.column_lf_pending and not self.line:
                self.column_lf_pending = False  # line break ending an ESC * stripe
                self.pos += 1
                continue
            if not (b == ESC and data[self.pos + 1 : self.pos + 2] == b"*"):
                self.flush_columns()
            if b >= 0x20 or b == HT:
                self.text_byte(b)
                self.pos += 1
            elif b == LF:
                self.end_line()
                self.pos += 1
            elif b in (CR, FF, BEL, CAN, NUL):  # ignored / no visible effect on a roll
                self.job.other.append(bytes([b]))
                self.pos += 1
            elif b == ESC:
                self.esc()
            elif b == GS:
                self.gs()
            elif b == FS:
                self.fs()
            elif b == DLE:
                self.dle()
            else:
                self.job.unknown.append(bytes([b]))
                self.pos += 1
        self.flush_columns()
        if self.line:
            self.end_line()
        return self.job

    def text_byte(self, b: int) -> None:
        if not self.line:
            self.line_style = self.style
        self.line.append(b)
        self.line_bold = self.line_bold or self.style.bold
        self.line_width = max(self.line_width, self.style.width)
        self.line_height = max(self.line_height, self.style.height)

    def simple(self, n: int, target: list[bytes]) -> bytes | None:
        """Consume an ``n``-byte command into ``target``."""
        cmd = self.need(n)
        if cmd is not None:
            target.append(cmd)
            self.pos += n
        return cmd

    # -- ESC -------------------------------------------------------------------------------
    def esc(self) -> None:
        job = self.job
        head = self.need(2)
        if head is None:
            return
        c = head[1]
        if self.data.startswith(_HW_RESET, self.pos):
            self.simple(4, job.other)
        elif c == ord("@"):
            self.pos += 2
            job.inits += 1
            if self.line:
                job.discarded_text.append(bytes(self.line).decode("cp437"))
            self.reset_line()
            self.style = TextStyle()
            self.style_event("init")
        elif c in (ord("t"), ord("R"), ord("%")):
            self.simple(3, job.codepage_switches)
        elif c == ord("!"):
            cmd = self.simple(3, [])
            if cmd is not None:
                n = cmd[2]
                names = {0x00: "size_normal", 0x10: "double_height", 0x20: "double_width"}
                self.set_style(
                    names.get(n, "double_size" if n == 0x30 else f"print_mode_0x{n:02x}"),
                    font=n & 1,
                    bold=bool(n & 0x08),
                    height=2 if n & 0x10 else 1,
                    width=2 if n & 0x20 else 1,
                    underline=1 if n & 0x80 else 0,
                )
        elif c in (ord("E"), ord("G")):
            cmd = self.simple(3, [])
            if cmd is not None:
                on = bool(cmd[2] & 1)
                if c == ord("E"):
                    self.set_style("bold" if on else "bold_off", bold=on)
                else:
                    self.style_event("double_strike" if on else "double_strike_off")
        elif c == ord("-"):
            cmd = self.simple(3, [])
            if cmd is not None:
                n = cmd[2] - 48 if cmd[2] >= 48 else cmd[2]
                self.set_style(f"underline_{n}" if n else "underline_off", underline=n)
        elif c == ord("M"):
            cmd = self.simple(3, [])
            if cmd is not None:
                n = {97: 0, 98: 1}.get(cmd[2], cmd[2] - 48 if cmd[2] >= 48 else cmd[2])
                self.set_style(f"font_{'abcde'[n] if 0 <= n < 5 else n}", font=n)
        elif c == ord("a"):
            cmd = self.simple(3, [])
            if cmd is not None:
                align = _ALIGN.get(cmd[2])
                if align is None:
                    job.unknown.append(cmd)
                else:
                    self.set_style(f"align_{align}", align=align)
        elif c == ord("{"):
            cmd = self.simple(3, [])
            if cmd is not None:
                on = bool(cmd[2] & 1)
                self.set_style("flip" if on else "flip_off", flip=on)
        elif c == ord("r"):
            cmd = self.simple(3, [])
            if cmd is not None:
                self.style_event("color_red" if cmd[2] & 1 else "color_black")
        elif c == ord("V"):
            cmd = self.simple(3, [])
            if cmd is not None:
                self.style_event("rotate_90" if cmd[2] & 1 else "rotate_off")
        elif c == ord("d"):
            cmd = self.simple(3, job.other)
            if cmd is not None:
                self.feed(cmd[2])
        elif c == ord("J"):
            cmd = self.simple(3, job.other)
            if cmd is not None:
                self.feed(round(cmd[2] / 30))  # motion units (1/180 in) -> default lines
        elif c == ord("p"):
            cmd = self.simple(5, [])
            if cmd is not None:
                job.drawer_kicks.append(2 if cmd[2] in (0, 48) else 5)
        elif c in (ord("i"), ord("m")):
            if self.line:
                self.end_line()
            cmd = self.simple(2, job.cuts)
            if cmd is not None:
                job.blocks.append(Cut(cmd))
        elif c == ord("2"):
            self.simple(2, job.other)
        elif c in _ESC_OTHER_2:
            self.simple(4, job.other)
        elif c in _ESC_OTHER_1:
            self.simple(3, job.other)
        elif c == ord("D"):
            end = self.data.find(b"\x00", self.pos + 2)
            if end < 0:
                self.need(len(self.data) + 1)
            else:
                job.other.append(self.data[self.pos : end + 1])
                self.pos = end + 1
        elif c == ord("*"):
            self.column_image()
        else:
            job.unknown.append(head)
            self.pos += 2

    def feed(self, lines: int) -> None:
        if self.line:
            self.end_line()
        self.job.feeds += lines
        if lines:
            self.job.blocks.append(Feed(lines))

    def column_image(self) -> None:
        head = self.need(5)
        if head is None:
            return
        m, n = head[2], head[3] + 256 * head[4]
        if m not in (0, 1, 32, 33):
            self.job.unknown.append(head)
            self.pos += 5
            return
        dots = 24 if m >= 32 else 8
        size = n * dots // 8
        body = self.need(5 + size)
        if body is None:
            return
        # Each column is dots/8 bytes, MSB = top dot: build it transposed, then transpose back.
        stripe = _bitmap(body[5:], dots // 8, n).transpose(PILImage.Transpose.TRANSPOSE)
        self.columns.append(stripe)
        self.column_scale = (1 if m & 1 else 2, 1 if dots == 24 else 3)
        self.column_lf_pending = True
        self.pos += 5 + size

    # -- GS --------------------------------------------------------------------------------
    def gs(self) -> None:
        job = self.job
        head = self.need(2)
        if head is None:
            return
        c = head[1]
        if c == ord("!"):
            cmd = self.simple(3, [])
            if cmd is not None:
                w, h = (cmd[2] >> 4) + 1, (cmd[2] & 0x0F) + 1
                self.set_style(f"size_{w}x{h}", width=w, height=h)
        elif c == ord("B"):
            cmd = self.simple(3, [])
            if cmd is not None:
                on = bool(cmd[2] & 1)
                self.set_style("invert" if on else "invert_off", invert=on)
        elif c in (ord("b"), ord("|")):
            self.simple(3, job.other)
        elif c == ord("V"):
            self.cut()
        elif c == ord("v"):
            self.raster()
        elif c == ord("("):
            self.gs_paren()
        elif c == ord("8"):
            self.gs_8()
        elif c == ord("k"):
            self.barcode()
        elif c in _GS_OTHER_1:
            self.simple(3, job.other)
        elif c in _GS_OTHER_2:
            self.simple(4, job.other)
        else:
            job.unknown.append(head)
            self.pos += 2

    def cut(self) -> None:
        head = self.need(3)
        if head is None:
            return
        size = 4 if head[2] in (65, 66, 97, 98, 103, 104) else 3
        if head[2] not in (0, 1, 48, 49) and size == 3:
            self.simple(3, self.job.unknown)
            return
        if self.line:
            self.end_line()
        cmd = self.simple(size, self.job.cuts)
        if cmd is not None:
            self.job.blocks.append(Cut(cmd))

    def raster(self) -> None:
        head = self.need(8)
        if head is None:
            return
        if head[2] != ord("0") or head[3] not in (0, 1, 2, 3, 48, 49, 50, 51):
            self.job.unknown.append(head[:4])
            self.pos += 4
            return
        m = head[3] & 3
        xb, y = head[4] + 256 * head[5], head[6] + 256 * head[7]
        body = self.need(8 + xb * y)
        if body is None:
            return
        self.pos += 8 + xb * y
        self.add_image(_bitmap(body[8:], xb, y), "raster", 2 if m & 1 else 1, 2 if m & 2 else 1)

    def gs_paren(self) -> None:
        head = self.need(5)
        if head is None:
            return
        fn_class, p = head[2], head[3] + 256 * head[4]
        body = self.need(5 + p)
        if body is None:
            return
        self.pos += 5 + p
        params = body[5:]
        if fn_class == ord("L"):
            self.graphics_cmd(body, params)
        elif fn_class == ord("k"):
            self.code_2d(body, params)
        else:
            self.job.unknown.append(body)

    def gs_8(self) -> None:
        head = self.need(7)
        if head is None:
            return
        if head[2] != ord("L"):
            self.job.unknown.append(head[:3])
            self.pos += 3
            return
        p = int.from_bytes(head[3:7], "little")
        body = self.need(7 + p)
        if body is None:
            return
        self.pos += 7 + p
        self.graphics_cmd(body, body[7:])

    def graphics_cmd(self, cmd: bytes, params: bytes) -> None:
        """``GS ( L`` / ``GS 8 L``: params = m fn [...]."""
        if len(params) < 2:
            self.job.unknown.append(cmd)
            return
        fn = params[1]
        if fn == 112 and len(params) >= 10:  # store raster graphics in the print buffer
            bx, by, color = params[3], params[4], params[5]
            x, y = params[6] + 256 * params[7], params[8] + 256 * params[9]
            xb = (x + 7) // 8
            data = params[10 : 10 + xb * y]
            if len(data) < xb * y:
                self.job.unknown.append(cmd)
            elif color in (49, 50, 51, 52) and (self.graphics is None or color == 49):
                self.graphics = (_bitmap(data, xb, y, x), bx, by)
            self.job.other.append(cmd[: len(cmd) - len(params) + 10])
        elif fn in (2, 50):  # print the buffered graphics
            self.job.other.append(cmd)
            if self.graphics is not None:
                bitmap, bx, by = self.graphics
                self.graphics = None
                self.add_image(bitmap, "graphics", bx, by)
        elif fn in (0, 48, 1, 49):  # query / set reference dot density
            self.job.other.append(cmd)
        else:
            self.job.unknown.append(cmd)

    def code_2d(self, cmd: bytes, params: bytes) -> None:
        """``GS ( k``: params = cn fn [...]; QR (cn 49) is decoded, others are kept in other."""
        if len(params) < 2:
            self.job.unknown.append(cmd)
            return
        cn, fn, rest = params[0], params[1], params[2:]
        if cn != 49:
            self.job.other.append(cmd)
            return
        if fn == 65 and rest:
            self.qr_model = rest[0]
        elif fn == 67 and rest:
            self.qr_size = rest[0]
        elif fn == 69 and rest:
            self.qr_ec = rest[0]
        elif fn == 80 and rest:
            self.qr_data = rest[1:]
        elif fn == 81:
            if self.line:
                self.end_line()
            payload = self.qr_data.decode("utf-8", errors="replace")
            qr = NativeQr(
                payload=payload,
                module_size=self.qr_size,
                ec_level=self.qr_ec - 48 if self.qr_ec >= 48 else self.qr_ec,
                model=self.qr_model - 48 if self.qr_model >= 48 else self.qr_model,
                line_index=len(self.job.lines),
                align=self.style.align,
            )
            self.job.native_qrs.append(qr)
            self.job.blocks.append(qr)
            self.job.qr_payloads.append(payload)
        elif fn != 82:
            self.job.unknown.append(cmd)
            return
        self.job.other.append(cmd)

    def barcode(self) -> None:
        head = self.need(3)
        if head is None:
            return
        m = head[2]
        if m <= 6:
            end = self.data.find(b"\x00", self.pos + 3)
            if end < 0:
                self.need(len(self.data) + 1)
                return
            code, nxt = self.data[self.pos + 3 : end], end + 1
        elif 65 <= m <= 79:
            n = self.need(4)
            if n is None:
                return
            body = self.need(4 + n[3])
            if body is None:
                return
            code, nxt = body[4:], self.pos + 4 + n[3]
        else:
            self.simple(3, self.job.unknown)
            return
        if self.line:
            self.end_line()
        self.job.barcodes.append((m, code.decode("latin-1")))
        self.pos = nxt

    # -- FS / DLE --------------------------------------------------------------------------
    def fs(self) -> None:
        head = self.need(2)
        if head is None:
            return
        c = head[1]
        if c in (ord("&"), ord(".")):
            self.simple(2, self.job.codepage_switches)
        elif c == ord("C"):
            self.simple(3, self.job.codepage_switches)
        elif c in (ord("!"), ord("-"), ord("W")):
            cmd = self.simple(3, [])
            if cmd is not None:
                self.style_event(f"kanji_mode_{chr(c)}_{cmd[2]}")
        elif c == ord("S"):
            self.simple(4, self.job.other)
        else:
            self.job.unknown.append(head)
            self.pos += 2

    def dle(self) -> None:
        head = self.need(3)
        if head is None:
            return
        c, n = head[1], head[2]
        if c == 0x04 and 1 <= n <= 4:  # DLE EOT n
            self.job.status_queries.append(n)
            self.pos += 3
        elif c == 0x05 and n in (0, 1, 2):  # DLE ENQ n
            self.simple(3, self.job.other)
        elif c == 0x14 and n == 1:  # DLE DC4 1 m t: real-time drawer pulse
            cmd = self.simple(5, [])
            if cmd is not None:
                self.job.drawer_kicks.append(2 if cmd[3] in (0, 48) else 5)
        else:
            self.simple(3, self.job.unknown)


def decode(data: bytes, *, read_qr: bool = True) -> Job:
    """Decode an ESC/POS byte stream; ``read_qr=False`` skips reading QR codes in images."""
    return _Decoder(bytes(data), read_qr).run()
