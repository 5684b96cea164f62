"""The stock card (kartu stok) of one product as an A4 PDF: the shop, the product, then every
movement with its local date and time, kind, reference, quantity in or out and the running
balance, the header row repeated on every page. reportlab is imported only in here."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from gerai.core.i18n import t
from gerai.core.phrases import CARD_COLUMN, MOVEMENT_KIND
from gerai.core.quantity import format_quantity
from gerai.core.timefmt import format_date, format_moment, format_time
from gerai.services.shop.profile import ShopProfile
from gerai.services.stock.card import CARD_COLUMNS, CardLine, StockCard

MM = 72 / 25.4
CHUNK = 400  # rows per table: reportlab splits one long table in quadratic time
WIDTHS = (20 * MM, 16 * MM, 22 * MM, 38 * MM, 0, 18 * MM, 18 * MM, 20 * MM)


def stock_card_pdf(card: StockCard, shop: ShopProfile, printed_at: datetime) -> bytes:
    """The card as PDF bytes, stamped as printed at `printed_at`."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    out = io.BytesIO()
    margin = 15 * MM
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=f"{t('stockadm.card')} {card.product.code}",
        author=shop.name,
    )
    styles = getSampleStyleSheet()
    story: list[Any] = [
        Paragraph(f"{t('stockadm.card').upper()} · {escape(shop.name)}", styles["Title"]),
        Paragraph(escape(describe(card)), styles["Heading3"]),
        Paragraph(
            escape(t("stockadm.printed", moment=format_moment(printed_at, shop))), styles["Normal"]
        ),
        Spacer(1, 4 * MM),
    ]
    unit = card.product.unit
    header = [t(CARD_COLUMN[column]) for column in CARD_COLUMNS]
    rows = [shown_cells(line, shop, unit) for line in card.lines] or [
        [t("stockadm.card_empty"), *[""] * (len(CARD_COLUMNS) - 1)]
    ]
    rest = document.width - sum(WIDTHS)
    widths = [w or rest for w in WIDTHS]
    style = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), "Helvetica", 7.5),
            ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 7.5),
            ("BACKGROUND", (0, 0), (-1, 0), "#eeeeee"),
            ("ALIGN", (5, 0), (-1, -1), "RIGHT"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, "#9a9a9a"),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]
    )
    for start in range(0, len(rows), CHUNK):
        chunk = [header, *rows[start : start + CHUNK]]
        story.append(Table(chunk, colWidths=widths, style=style, repeatRows=1, hAlign="LEFT"))
    document.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return out.getvalue()


def _page_number(canvas: Any, document: Any) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica", 7)
    canvas.drawRightString(
        document.pagesize[0] - document.rightMargin,
        document.bottomMargin / 2,
        t("stockadm.page", page=document.page),
    )
    canvas.restoreState()


def card_rows(card: StockCard, shop: ShopProfile) -> list[dict[str, Any]]:
    """The card as rows of CARD_COLUMNS for a spreadsheet: the shop's local date and time,
    quantities in and out as exact decimals."""
    return [
        {
            "date": format_date(line.at.astimezone(shop.zone).date()),
            "time": format_time(line.at, shop),
            "kind": t(MOVEMENT_KIND[line.kind]),
            "ref": line.ref,
            "note": line.note,
            "in": str(line.qty) if line.qty > 0 else "",
            "out": str(-line.qty) if line.qty < 0 else "",
            "balance": str(line.balance),
        }
        for line in card.lines
    ]


def shown_cells(line: CardLine, shop: ShopProfile, unit: str = "") -> list[str]:
    """A line as a person reads it, one cell per CARD_COLUMNS: `30-11-2025`, `14.32 WITA`,
    `Barang masuk`, ..., `1,5 kg`."""
    return [
        format_date(line.at.astimezone(shop.zone).date()),
        format_time(line.at, shop),
        t(MOVEMENT_KIND[line.kind]),
        line.ref,
        line.note,
        format_quantity(line.qty, unit) if line.qty > 0 else "",
        format_quantity(-line.qty, unit) if line.qty < 0 else "",
        format_quantity(line.balance, unit),
    ]


def describe(card: StockCard) -> str:
    """`MYK-1L Minyakita 1 L · stok 48 pcs`."""
    product = card.product
    stock = format_quantity(product.stock, product.unit)
    return t("stockadm.card_title", code=product.code, name=product.name, stock=stock)
