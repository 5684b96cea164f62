"""The pangkalan's monthly log of regulated sales as an A4 PDF: the shop, the month, every
sale line with the buyer's whole NIK and category, then the totals per day and per category
and the month's, and the signatures of the pangkalan and the agent. reportlab is imported
only in here."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from gerai.core.i18n import t
from gerai.core.money import format_rupiah
from gerai.core.phrases import BUYER_CATEGORY
from gerai.core.quantity import format_quantity
from gerai.core.timefmt import format_date
from gerai.exports.pdf_kit import (
    MM,
    PORTRAIT,
    WIDTH,
    build_pdf,
    grid,
    header_block,
    paragraph_styles,
    section,
    signatures,
)
from gerai.services.reports.lpg import RegulatedLog
from gerai.services.shop.profile import ShopProfile

LINE_COLUMNS = (
    ("lpg.col.date", 18 * MM, False),
    ("lpg.col.time", 11 * MM, False),
    ("lpg.col.receipt", 34 * MM, False),
    ("lpg.col.code", 20 * MM, False),
    ("lpg.col.nik", 30 * MM, False),
    ("lpg.col.category", 0, False),
    ("lpg.col.qty", 12 * MM, True),
    ("lpg.col.amount", 22 * MM, True),
)
SIGNATURES = (("report.made_by", "lpg.sign_pangkalan"), ("report.checked_by", "lpg.sign_agent"))


def lpg_pdf(log: RegulatedLog, shop: ShopProfile, printed_at: datetime) -> bytes:
    """The month's log as PDF bytes, stamped as printed at `printed_at`."""
    from reportlab.platypus import Spacer

    styles = paragraph_styles()
    title = t("lpg.title")
    month = t("lpg.month", month=log.month)
    columns = [(t(key), width, numeric) for key, width, numeric in LINE_COLUMNS]
    rows = [
        [
            format_date(date.fromisoformat(line.date)),
            line.time,
            line.receipt,
            line.code,
            line.nik,
            category(line.category),
            format_quantity(line.qty),
            format_rupiah(line.amount),
        ]
        for line in log.lines
    ] or [[t("lpg.empty"), *[""] * (len(columns) - 1)]]
    days = [[format_date(date.fromisoformat(d)), format_quantity(q)] for d, q in log.by_day.items()]
    kinds = [[category(c), format_quantity(q)] for c, q in log.by_category.items()]
    total = t("lpg.total", qty=format_quantity(log.qty), amount=format_rupiah(log.amount))
    two = [(t("lpg.col.date"), 40 * MM, False), (t("lpg.col.qty"), 20 * MM, True)]
    per_kind = [(t("lpg.col.category"), 40 * MM, False), (t("lpg.col.qty"), 20 * MM, True)]
    story: list[Any] = [
        *header_block(shop, title.upper(), month, [total], printed_at, styles),
        Spacer(1, 4 * MM),
        grid(columns, rows, styles, wrap=False, font_size=7.5),
        Spacer(1, 4 * MM),
        *section(t("lpg.by_day"), [grid(two, days, styles, width=60 * MM)], styles),
        Spacer(1, 3 * MM),
        *section(t("lpg.by_category"), [grid(per_kind, kinds, styles, width=60 * MM)], styles),
        Spacer(1, 8 * MM),
        signatures(SIGNATURES, styles, WIDTH * 0.6),
    ]
    return build_pdf(
        story, PORTRAIT, title=f"{title} {log.month}", author=shop.name,
        footer=f"{shop.name} · {title} {log.month}",
    )  # fmt: skip


def category(value: str) -> str:
    """A buyer category as the shop reads it (`Rumah tangga`); a stored word gerai does not
    know as it is."""
    return t(BUYER_CATEGORY[value]) if value in BUYER_CATEGORY else value
