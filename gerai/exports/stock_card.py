"""The stock card (kartu stok) of one product as an A4 PDF: the shop, the product, then every
movement with its local date and time, kind, reference, (for a dated product) its batches,
quantity in or out and the running balance, the header row repeated on every page. reportlab
is imported only in here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from gerai.core.i18n import t
from gerai.core.phrases import CARD_COLUMN, MOVEMENT_KIND
from gerai.core.quantity import format_quantity
from gerai.core.timefmt import format_date, format_time
from gerai.exports.pdf_kit import MM, PORTRAIT, build_pdf, grid, header_block, paragraph_styles
from gerai.services.shop.profile import ShopProfile
from gerai.services.stock.card import CardLine, StockCard

CHUNK = 400  # rows per table: reportlab splits one long table in quadratic time
WIDTHS = {
    "date": 20 * MM, "time": 16 * MM, "kind": 22 * MM, "ref": 38 * MM, "note": 0,
    "batch": 34 * MM, "in": 18 * MM, "out": 18 * MM, "balance": 20 * MM,
}  # fmt: skip
NUMERIC = ("in", "out", "balance")


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
        (t(CARD_COLUMN[column]), WIDTHS[column], column in NUMERIC) for column in card.columns
    ]
    unit = card.product.unit
    rows = [shown_cells(line, shop, unit, card.dated) for line in card.lines] or [
        [t("stockadm.card_empty"), *[""] * (len(card.columns) - 1)]
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
    """The card as rows of its columns for a spreadsheet: the shop's local date and time,
    quantities in and out as exact decimals (a dated product's batches as `batch_text`)."""
    rows = []
    for line in card.lines:
        row = {
            "date": format_date(line.at.astimezone(shop.zone).date()),
            "time": format_time(line.at, shop),
            "kind": t(MOVEMENT_KIND[line.kind]),
            "ref": line.ref,
            "note": line.note,
            "in": str(line.qty) if line.qty > 0 else "",
            "out": str(-line.qty) if line.qty < 0 else "",
            "balance": str(line.balance),
        }
        if card.dated:
            row["batch"] = batch_text(line, card.product.unit)
        rows.append(row)
    return rows


def shown_cells(
    line: CardLine, shop: ShopProfile, unit: str = "", dated: bool = False
) -> list[str]:
    """A line as a person reads it, one cell per column of the card: `30-11-2025`,
    `14.32 WITA`, `Barang masuk`, ..., (dated: `ED 02-12-2025 A`), ..., `1,5 kg`."""
    cells = [
        format_date(line.at.astimezone(shop.zone).date()),
        format_time(line.at, shop),
        t(MOVEMENT_KIND[line.kind]),
        line.ref,
        line.note,
        format_quantity(line.qty, unit) if line.qty > 0 else "",
        format_quantity(-line.qty, unit) if line.qty < 0 else "",
        format_quantity(line.balance, unit),
    ]
    return [*cells[:5], batch_text(line, unit), *cells[5:]] if dated else cells


def batch_text(line: CardLine, unit: str) -> str:
    """The batches a movement went into or out of: `ED 02-12-2025 A` for one, each with its
    quantity for several (`ED 02-12-2025 A 3 pcs; ED tanpa tanggal 1 pcs`)."""
    shown = [
        t(
            "stockadm.card_batch",
            expiry=format_date(part.expiry) if part.expiry else t("stockadm.card_no_expiry"),
            batch=part.code,
        ).rstrip()
        for part in line.batches
    ]
    if len(shown) > 1:
        shown = [
            f"{text} {format_quantity(abs(part.qty), unit)}"
            for text, part in zip(shown, line.batches, strict=True)
        ]
    return "; ".join(shown)


def describe(card: StockCard) -> str:
    """`MYK-1L Minyakita 1 L · stok 48 pcs`."""
    product = card.product
    stock = format_quantity(product.stock, product.unit)
    return t("stockadm.card_title", code=product.code, name=product.name, stock=stock)
