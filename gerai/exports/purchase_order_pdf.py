"""A purchase order (pesanan pembelian) as an A4 PDF to send or print for the supplier, and as
plain text ready to paste into WhatsApp: the shop, the supplier, each product in its packs
and selling units at its cost per pack, the total, the note; what was received and what is
still open once goods came. reportlab is imported only in here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from gerai.core.i18n import t
from gerai.core.money import format_rupiah
from gerai.core.phrases import ORDER_STATUS
from gerai.core.quantity import format_quantity, normalize
from gerai.core.timefmt import format_date
from gerai.exports.pdf_kit import (
    DASH,
    MM,
    PORTRAIT,
    WIDTH,
    build_pdf,
    grid,
    header_block,
    para,
    paragraph_styles,
    quantity_cell,
    rupiah_cell,
    side_by_side,
    signatures,
)
from gerai.services.shop.profile import ShopProfile
from gerai.services.stock.purchase_orders import OrderInfo, OrderLineInfo

COLUMNS = (
    "po.col.code",
    "po.col.name",
    "po.col.packs",
    "po.col.units",
    "po.col.cost",
    "po.col.total",
    "po.col.received",
    "po.col.open",
)  # after `#`
# the columns' widths in mm (0: the name takes what is left), without and with received/open
WIDE = (7, 24, 0, 22, 20, 24, 26)
NARROW = (7, 20, 0, 17, 15, 24, 23, 16, 14)
SIGNATURES = (("report.made_by", "po.sign_buyer"), ("report.approved_by", "report.sign_ketua"))


def packs_text(line: OrderLineInfo) -> str:
    """`2 karton` (of 40), or the selling units themselves when ordered by the unit."""
    if not line.pack:
        return format_quantity(line.qty, line.unit)
    return format_quantity(normalize(line.packs), line.pack)


def purchase_order_pdf(order: OrderInfo, shop: ShopProfile, printed_at: datetime) -> bytes:
    """The order as PDF bytes, stamped as printed at `printed_at`."""
    from reportlab.platypus import Spacer

    styles = paragraph_styles()
    title = t("po.title")
    details = [
        t("po.date", date=format_date(order.business_date)),
        t("po.status_line", status=t(ORDER_STATUS[order.status])),
    ]
    to = [para(t("po.to"), styles["note"]), para(order.supplier, styles["strong"])]
    to += [
        para(line, styles["body"])
        for line in (order.supplier_address, order.supplier_phone)
        if line
    ]
    received = any(line.received for line in order.lines)
    widths = NARROW if received else WIDE
    titles = ["#", *(t(key) for key in COLUMNS)]
    columns = [
        (title, width * MM, n != 1 and n != 2)
        for n, (title, width) in enumerate(zip(titles, widths, strict=False))
    ]
    rows = []
    for line in order.lines:
        row = [
            str(line.line_no),
            line.code,
            line.name,
            packs_text(line),
            format_quantity(line.qty, line.unit),
            rupiah_cell(line.unit_cost),
            rupiah_cell(line.total),
        ]
        if received:
            row += [quantity_cell(line.received, line.unit), quantity_cell(line.open, line.unit)]
        rows.append(row)
    total_row = ["", "", t("po.total"), "", "", "", rupiah_cell(order.total)]
    rows.append(total_row + (["", ""] if received else []))
    story: list[Any] = [
        *header_block(shop, title.upper(), order.number, details, printed_at, styles),
        Spacer(1, 4 * MM),
        side_by_side(to, [], WIDTH * 0.62),
        Spacer(1, 4 * MM),
        grid(columns, rows, styles, strong=[len(rows) - 1]),
        Spacer(1, 3 * MM),
    ]
    if order.note:
        story.append(para(t("po.note", note=order.note), styles["body"]))
    if any(line.unit_cost is None for line in order.lines):
        story.append(para(t("po.cost_unknown", dash=DASH), styles["note"]))
    if order.receipts:
        story.append(para(t("po.receipts", numbers=", ".join(order.receipts)), styles["note"]))
    story += [Spacer(1, 10 * MM), signatures(SIGNATURES, styles, WIDTH * 0.6)]
    return build_pdf(
        story, PORTRAIT, title=f"{title} {order.number}", author=shop.name,
        footer=f"{shop.name} · {title} {order.number}",
    )  # fmt: skip


def purchase_order_text(order: OrderInfo, shop: ShopProfile) -> str:
    """The order as a WhatsApp message (`*bold*`), one product a line."""
    lines = [
        f"*{t('po.title').upper()} {order.number}*",
        shop.name,
        t("po.text_to", supplier=order.supplier),
        t("po.date", date=format_date(order.business_date)),
        "",
    ]
    for line in order.lines:
        units = format_quantity(line.qty, line.unit)
        amount = packs_text(line) + (f" ({units})" if line.pack else "")
        if line.unit_cost is not None and line.total is not None:
            amount += t(
                "po.text_cost", cost=format_rupiah(line.unit_cost),
                total=format_rupiah(line.total),
            )  # fmt: skip
        lines.append(f"{line.line_no}. {line.name} ({line.code}): {amount}")
    lines.append("")
    if order.total:
        lines.append(f"*{t('po.total')}: {format_rupiah(order.total)}*")
    if order.note:
        lines.append(t("po.note", note=order.note))
    lines.append(t("po.text_thanks", shop=shop.name))
    return "\n".join(lines) + "\n"
