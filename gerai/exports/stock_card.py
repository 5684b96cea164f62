"""The stock card (kartu stok) of one product as an A4 PDF: the shop, the product, then every
movement with its local date and time, kind, reference, quantity in or out and the running
balance, the header row repeated on every page. reportlab is imported only in here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from gerai.core.i18n import t
from gerai.core.phrases import CARD_COLUMN, MOVEMENT_KIND
from gerai.core.quantity import format_quantity
from gerai.core.timefmt import format_date, format_time
from gerai.exports.pdf_kit import MM, PORTRAIT, build_pdf, grid, header_block, paragraph_styles
from gerai.services.shop.profile import ShopProfile
from gerai.services.stock.card import CARD_COLUMNS, CardLine, StockCard

CHUNK = 400  # rows per table: reportlab splits one long table in quadratic time
WIDTHS = (20 * MM, 16 * MM, 22 * MM, 38 * MM, 0, 18 * MM, 18 * MM, 20 * MM)
NUMERIC_FROM = 5  # in, out and the balance


def stock_card_pdf(card: StockCard, shop: ShopProfile, printed_at: datetime) -> bytes:
    """The card as PDF bytes, stamped as printed at `printed_at`."""
    from reportlab.platypus import Spacer

    styles = paragraph_styles()
    title = t("stockadm.card")
    story: list[Any] = [
        *header_block(shop, title.upper(), describe(card), [], printed_at, styles),
        Spacer(1, 4 * MM),
    ]
    columns = [
        (t(CARD_COLUMN[column]), width, n >= NUMERIC_FROM)
        for n, (column, width) in enumerate(zip(CARD_COLUMNS, WIDTHS, strict=True))
    ]
    unit = card.product.unit
    rows = [shown_cells(line, shop, unit) for line in card.lines] or [
        [t("stockadm.card_empty"), *[""] * (len(CARD_COLUMNS) - 1)]
    ]
    for start in range(0, len(rows), CHUNK):
        story.append(grid(columns, rows[start : start + CHUNK], styles, wrap=False, font_size=7.5))
    return build_pdf(
        story,
        PORTRAIT,
        title=f"{title} {card.product.code}",
        author=shop.name,
        footer=f"{shop.name} · {title} {card.product.code}",
    )


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
