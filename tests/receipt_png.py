"""Render a decoded ESC/POS job to a PNG that looks like the printed paper, for people to check.

One pixel is one printer dot (203 dpi). Text uses a 12 x 24 dot cell (font A; font B is 9 x 17),
wraps like the printer at the end of the printable width, and honours bold, underline, invert,
alignment and character sizes; raster images and native QR codes are placed where they came in
the byte stream; a cut is drawn as a dashed line.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import qrcode
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from tests.escpos_decode import Cut, Feed, Image, Job, NativeQr, TextLine, TextStyle

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
DEJAVU_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf")
CELLS = {0: (12, 24), 1: (9, 17)}  # font A / font B character cell in dots
LINE_PITCH = 30  # default line spacing in dots (about 1/6 inch)
PAPER_58MM, PAPER_80MM = 464, 640  # paper width in dots at 203 dpi
MARGIN = 16  # blank paper above and below

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@cache
def _font(font: int, bold: bool) -> tuple[Font, bool]:
    """The font for a cell size, and whether bold must be faked by double drawing."""
    height = CELLS.get(font, CELLS[0])[1]
    path = DEJAVU_BOLD if bold and DEJAVU_BOLD.exists() else DEJAVU
    if path.exists():
        return ImageFont.truetype(str(path), size=round(height * 0.83)), bold and path == DEJAVU
    return ImageFont.load_default(size=round(height * 0.83)), bold


def paper_width(width_chars: int) -> int:
    """Paper width in dots: 58 mm rolls up to 384 printable dots (32 columns), else 80 mm."""
    return PAPER_58MM if width_chars * CELLS[0][0] <= 384 else PAPER_80MM


def _text_rows(line: TextLine, printable: int) -> list[PILImage.Image]:
    """The visual rows of a text line (wrapped like the printer), at their printed size."""
    style: TextStyle = line.style
    cell_w, cell_h = CELLS.get(style.font, CELLS[0])
    per_row = max(1, printable // (cell_w * style.width))
    text = line.text.expandtabs(8)
    chunks = [text[i : i + per_row] for i in range(0, len(text), per_row)] or [""]
    font, fake_bold = _font(style.font, style.bold)
    ink, paper = (255, 0) if style.invert else (0, 255)
    rows = []
    for chunk in chunks:
        row = PILImage.new("L", (max(1, len(chunk)) * cell_w, cell_h), 255 if not chunk else paper)
        draw = ImageDraw.Draw(row)
        for i, ch in enumerate(chunk):
            x = i * cell_w
            for dx in (0, 1) if fake_bold else (0,):
                if isinstance(font, ImageFont.FreeTypeFont):
                    xy = (x + dx + cell_w / 2, cell_h * 0.8)
                    draw.text(xy, ch, font=font, fill=ink, anchor="ms")
                else:  # a bitmap font: no anchors
                    draw.text((x + dx + 1, 2), ch, font=font, fill=ink)
            if style.underline and ch != " ":
                draw.rectangle((x, cell_h - style.underline, x + cell_w - 1, cell_h - 1), fill=ink)
        if style.width > 1 or style.height > 1:
            row = row.resize((row.width * style.width, row.height * style.height))
        if style.flip:
            row = row.rotate(180)
        rows.append(row)
    return rows


def _qr_bitmap(qr: NativeQr) -> PILImage.Image:
    """Draw a native QR code the way the printer would (module size in dots, no border)."""
    code = qrcode.QRCode(box_size=max(1, qr.module_size), border=0)
    code.add_data(qr.payload)
    code.make(fit=True)
    return code.make_image().get_image().convert("L")


def _x(align: str, width: int, printable: int, left: int) -> int:
    if align == "center":
        return left + max(0, (printable - width) // 2)
    if align == "right":
        return left + max(0, printable - width)
    return left


def render(job: Job, width_chars: int = 32) -> PILImage.Image:
    """Draw the job on a paper strip ``width_chars`` font-A columns wide."""
    printable = width_chars * CELLS[0][0]
    paper = paper_width(width_chars)
    left = (paper - printable) // 2
    pieces: list[tuple[int, PILImage.Image | None, int]] = []  # (x, picture, advance)
    for block in job.blocks:
        if isinstance(block, TextLine):
            for row in _text_rows(block, printable):
                pitch = max(LINE_PITCH, row.height + 6)
                x = _x(block.style.align, row.width, printable, left)
                pieces.append((x, row, pitch))
        elif isinstance(block, Image | NativeQr):
            if isinstance(block, Image):
                bitmap = block.bitmap.convert("L")
                size = (bitmap.width * block.scale_x, bitmap.height * block.scale_y)
                bitmap = bitmap.resize(size)
            else:
                bitmap = _qr_bitmap(block)
            bitmap = bitmap.crop((0, 0, min(bitmap.width, printable), bitmap.height))
            pieces.append((_x(block.align, bitmap.width, printable, left), bitmap, bitmap.height))
        elif isinstance(block, Feed):
            pieces.append((0, None, block.lines * LINE_PITCH))
        elif isinstance(block, Cut):
            pieces.append((-1, None, LINE_PITCH))
    height = 2 * MARGIN + sum(advance for _, _, advance in pieces)
    strip = PILImage.new("L", (paper, height), 255)
    draw = ImageDraw.Draw(strip)
    y = MARGIN
    for x, picture, advance in pieces:
        if picture is not None:
            strip.paste(picture, (x, y))
        elif x < 0:  # a cut
            mid = y + advance // 2
            for dash in range(0, paper, 12):
                draw.line((dash, mid, dash + 6, mid), fill=128, width=2)
        y += advance
    return strip


def render_png(job: Job, path: Path, width_chars: int = 32) -> PILImage.Image:
    """Render ``job`` (see :func:`render`) and save it as a PNG at ``path``."""
    strip = render(job, width_chars)
    path.parent.mkdir(parents=True, exist_ok=True)
    strip.save(path)
    return strip
