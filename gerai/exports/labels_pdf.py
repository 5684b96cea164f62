"""Shelf labels on A4 sticker sheets: 3 × 7 labels of 63.5 × 38.1 mm (the common 21-label
sheet), each with the name, the price per unit, the member price, the HET of goods under a
price ceiling, the barcode (EAN-13, else Code128) and the date of the price. reportlab is
imported only in here."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from gerai.core.i18n import t
from gerai.core.money import format_rupiah
from gerai.core.timefmt import format_date
from gerai.exports.pdf_kit import A4_LONG, A4_SHORT, ACCENT, BOLD, FONT, GRID, INK_SOFT, MM
from gerai.services.stock.labels import ShelfLabel

COLUMNS, ROWS = 3, 7
LABEL_WIDTH, LABEL_HEIGHT = 63.5 * MM, 38.1 * MM
LEFT, TOP = 7.2 * MM, 15.15 * MM  # the sheet's margins
GAP = 2.5 * MM  # between columns
PAD = 2.5 * MM  # inside a label
BAR_HEIGHT = 8 * MM


def labels_pdf(labels: Sequence[ShelfLabel], priced_on: date, shop_name: str) -> bytes:
    """The labels as PDF bytes, 21 to a sheet, each dated `priced_on`."""
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(A4_SHORT, A4_LONG))
    canvas.setTitle(t("labels.title"))
    canvas.setAuthor(shop_name)
    per_sheet = COLUMNS * ROWS
    for number, label in enumerate(labels):
        if number and number % per_sheet == 0:
            canvas.showPage()
        row, column = divmod(number % per_sheet, COLUMNS)
        x = LEFT + column * (LABEL_WIDTH + GAP)
        y = A4_LONG - TOP - (row + 1) * LABEL_HEIGHT
        _draw(canvas, label, x, y, priced_on)
    canvas.save()
    return out.getvalue()


def _draw(canvas: Any, label: ShelfLabel, x: float, y: float, priced_on: date) -> None:
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.3)
    canvas.rect(x, y, LABEL_WIDTH, LABEL_HEIGHT)
    inner = LABEL_WIDTH - 2 * PAD
    top = y + LABEL_HEIGHT - PAD
    canvas.setFillColor("#000000")
    for n, line in enumerate(_wrap(label.name, BOLD, 8.5, inner, lines=2)):
        canvas.setFont(BOLD, 8.5)
        canvas.drawString(x + PAD, top - 8 - n * 9.5, line)
    price = format_rupiah(label.price)
    canvas.setFont(BOLD, 15)
    canvas.drawString(x + PAD, top - 33, price)
    canvas.setFont(FONT, 7.5)
    canvas.drawString(x + PAD + _width(price, BOLD, 15) + 2, top - 33, f"/ {label.unit}")
    notes = []
    if label.member_price is not None:
        notes.append(t("labels.member_price", price=format_rupiah(label.member_price)))
    if label.het is not None:
        notes.append(t("labels.het", price=format_rupiah(label.het)))
    canvas.setFont(FONT, 7)
    canvas.setFillColor(ACCENT if label.het is not None else "#000000")
    canvas.drawString(x + PAD, top - 42, "  ·  ".join(notes))
    canvas.setFillColor(INK_SOFT)
    canvas.setFont(FONT, 6)
    canvas.drawRightString(x + LABEL_WIDTH - PAD, y + PAD, format_date(priced_on))
    if label.regulated:
        canvas.drawString(x + PAD, y + PAD, t("labels.regulated"))
    _barcode(canvas, label, x + PAD, y + PAD + 5, inner * 0.75)


def _barcode(canvas: Any, label: ShelfLabel, x: float, y: float, room: float) -> None:
    """The label's barcode, its bars narrowed to fit `room` (never wider than 1 pt a bar)."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode import createBarcodeDrawing

    value = label.barcode[:12] if label.symbology == "EAN13" else label.barcode
    options: dict[str, Any] = {
        "value": value, "barHeight": BAR_HEIGHT, "humanReadable": True, "fontSize": 6
    }  # fmt: skip
    drawing = createBarcodeDrawing(label.symbology, barWidth=1, **options)
    width = min(1.0, room / drawing.width)
    drawing = createBarcodeDrawing(label.symbology, barWidth=width, **options)
    renderPDF.draw(drawing, canvas, x, y)


def _width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, font, size))


def _wrap(text: str, font: str, size: float, width: float, lines: int) -> list[str]:
    """`text` in at most `lines` lines that fit `width`, the last cut short with `…`."""
    words, out, current = text.split(), [], ""
    for word in words:
        trial = f"{current} {word}".strip()
        if _width(trial, font, size) <= width:
            current = trial
            continue
        if current:
            out.append(current)
        current = word
    out.append(current)
    if len(out) > lines:
        out = out[:lines]
        out[-1] += "…"
    return [_cut(line, font, size, width) for line in out]


def _cut(line: str, font: str, size: float, width: float) -> str:
    if _width(line, font, size) <= width:
        return line
    while line and _width(line + "…", font, size) > width:
        line = line[:-1]
    return line + "…"
