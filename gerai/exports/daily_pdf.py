"""The daily report as an A4 PDF a person reads (reportlab platypus): the shop's header, the
summary, sales by hour (a bar chart and its figures), payment methods, members, categories,
top items, the shift closes with their variances and reasons, cash in and out, voids and
returns, low stock, signature lines and `Halaman X dari Y` on every page. Every figure is the
summary's own, formatted as the shop reads it (`Rp12.500`, `1,5 kg`, `14.32 WITA`); every
text cell is a Paragraph, so long text wraps inside its cell."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from gerai.core.i18n import t
from gerai.core.money import format_number, format_rupiah
from gerai.core.phrases import METHOD
from gerai.core.quantity import format_quantity
from gerai.core.timefmt import format_date, format_moment, format_time
from gerai.core.words import CashDirection
from gerai.exports.pdf_kit import (
    MM,
    PORTRAIT,
    WIDTH,
    bar_chart,
    build_pdf,
    grid,
    header_block,
    para,
    paragraph_styles,
    percent_cell,
    rupiah_cell,
    section,
    side_by_side,
    signatures,
)
from gerai.services.reports.daily import DailySummary, ShiftReport
from gerai.services.shop.profile import ShopProfile

SHIFT_COLUMNS = 4
LEFT_COLUMN = 96 * MM  # the summary figures; payments and buyers take the rest
HOUR_TABLE = 64 * MM  # beside the chart


def daily_pdf(
    summary: DailySummary, shop: ShopProfile, printed_at: datetime, witness: str = ""
) -> bytes:
    """The report of `summary` for `shop`, stamped as printed at `printed_at`; `witness`, the
    audit chain's head when printed (`SEQ:CODE`), is printed under the heading."""
    from reportlab.platypus import KeepTogether, Spacer

    styles = paragraph_styles()
    sections = [
        _header(summary, shop, printed_at, styles, witness),
        section(t("report.summary"), _summary(summary, styles), styles),
        section(t("report.by_hour"), _by_hour(summary, styles), styles),
        section(t("report.categories"), _categories(summary, styles), styles),
        section(t("report.top_items", count=len(summary.top_items)), _top(summary, styles), styles),
        section(t("report.shifts"), _shifts(summary, shop, styles), styles),
        section(t("report.corrections"), _corrections(summary, shop, styles), styles),
        section(t("report.low_stock"), _low_stock(summary, styles), styles),
        section(t("report.noncash"), _noncash(summary, shop, styles), styles),
        [signatures(SIGNATURES, styles, WIDTH)],
    ]
    story: list[Any] = []
    for part in sections:
        story.extend([KeepTogether(part), Spacer(1, 4 * MM)])
    return build_pdf(
        story,
        PORTRAIT,
        title=f"{t('report.title')} {format_date(summary.date)}",
        author=shop.name,
        footer=t("report.footer", shop=shop.name, date=format_date(summary.date)),
    )


SIGNATURES = (
    ("report.made_by", "report.sign_kasir"),
    ("report.checked_by", "report.sign_bendahara"),
    ("report.approved_by", "report.sign_ketua"),
)


# --- the sections ------------------------------------------------------------------------


def _header(
    summary: DailySummary,
    shop: ShopProfile,
    printed_at: datetime,
    styles: dict[str, Any],
    witness: str,
) -> list[Any]:
    notes = [t("report.zone", zone=shop.zone_label, timezone=summary.timezone)]
    if witness:
        notes.append(t("report.witness", witness=witness))
    return header_block(
        shop, t("report.title"), format_date(summary.date), notes, printed_at, styles
    )


def _summary(summary: DailySummary, styles: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import Spacer

    margin = f"{format_rupiah(summary.margin)} ({percent_cell(summary.margin_percent)})"
    figures = [
        (t("report.sales_count"), format_number(summary.sales_count)),
        (t("report.gross"), format_rupiah(summary.gross)),
        (t("report.member_discount"), format_rupiah(summary.member_discount)),
        (t("report.manual_discount"), format_rupiah(summary.manual_discount)),
        *([(t("report.rounding"), format_rupiah(summary.rounding))] if summary.rounding else []),
        (t("report.net"), format_rupiah(summary.net)),
        (t("report.returns_total"), format_rupiah(summary.returns_total)),
        (t("report.net_after_returns"), format_rupiah(summary.net_after_returns)),
        (t("report.average_basket"), format_rupiah(summary.average_basket)),
        (t("report.cost"), format_rupiah(summary.cost)),
        (t("report.returns_cost"), format_rupiah(summary.returns_cost)),
        (t("report.margin"), margin),
    ]
    strong = (t("report.net"), t("report.net_after_returns"))
    left = grid(
        [("", 0, False), ("", 38 * MM, True)],
        figures,
        styles,
        header=False,
        strong=[n for n, (label, _) in enumerate(figures) if label in strong],
        width=LEFT_COLUMN - 6 * MM,
    )
    column = WIDTH - LEFT_COLUMN
    payments = grid(
        [(t("report.method"), 0, False), (t("report.amount"), 34 * MM, True)],
        [(t(METHOD[m]), format_rupiah(a)) for m, a in summary.payments.items()],
        styles,
        width=column,
    )
    buyers = grid(
        [
            (t("report.buyer"), 0, False),
            (t("report.transactions"), 22 * MM, True),
            (t("report.amount"), 34 * MM, True),
        ],
        [
            (t(key), format_number(group.count), format_rupiah(group.net))
            for key, group in (
                ("report.member", summary.member),
                ("report.non_member", summary.non_member),
            )
        ],
        styles,
        width=column,
    )
    return [
        side_by_side([left], [payments, Spacer(1, 3 * MM), buyers], LEFT_COLUMN),
        para(t("report.margin_note"), styles["note"]),
    ]


def _by_hour(summary: DailySummary, styles: dict[str, Any]) -> list[Any]:
    if not summary.sales_count:
        return [para(t("report.no_sales"), styles["body"])]
    table = grid(
        [
            (t("report.hour"), 0, False),
            (t("report.transactions"), 18 * MM, True),
            (t("report.amount"), 32 * MM, True),
        ],
        [
            (f"{h.hour:02d}.00", format_number(h.count), format_rupiah(h.net))
            for h in summary.by_hour
            if h.count
        ],
        styles,
        width=HOUR_TABLE,
    )
    chart = bar_chart(
        [h.net for h in summary.by_hour],
        [f"{h.hour:02d}" for h in summary.by_hour],
        WIDTH - HOUR_TABLE - 4 * MM,
        62 * MM,
    )
    return [side_by_side([chart], [table], WIDTH - HOUR_TABLE)]


def _categories(summary: DailySummary, styles: dict[str, Any]) -> list[Any]:
    """Each category's sales, sale discounts, returns, HPP and gross margin net of returns;
    then the rounding (when any) and the day's total, so each column adds up and the margins
    add up to the day's."""
    if not summary.categories:
        return [para(t("report.no_sales"), styles["body"])]
    money = 23 * MM
    columns = [
        (t("report.category"), 0, False),
        *((t(key), money, True) for key in CATEGORY_FIGURES.values()),
    ]
    rows = [[c.name, *(format_rupiah(getattr(c, f)) for f in CATEGORY_FIGURES)]
            for c in summary.categories]  # fmt: skip
    if summary.rounding:
        shown = {"net": summary.rounding, "margin": summary.rounding}
        rows.append([t("report.rounding"), *(_maybe(shown.get(f)) for f in CATEGORY_FIGURES)])
    totals = {
        "net": summary.net + summary.sale_discount, "sale_discount": summary.sale_discount,
        "returns": summary.returns_total, "cost": summary.cost,
        "returns_cost": summary.returns_cost, "margin": summary.margin,
    }  # fmt: skip
    rows.append([t("statement.total"), *(format_rupiah(totals[f]) for f in CATEGORY_FIGURES)])
    return [grid(columns, rows, styles, strong=[len(rows) - 1])]


CATEGORY_FIGURES = {
    "net": "period.col.net",
    "sale_discount": "field.sale_discount",
    "returns": "period.col.returns",
    "cost": "report.hpp",
    "returns_cost": "period.col.returns_cost",
    "margin": "report.margin",
}


def _maybe(value: int | None) -> str:
    return "" if value is None else format_rupiah(value)


def _top(summary: DailySummary, styles: dict[str, Any]) -> list[Any]:
    if not summary.top_items:
        return [para(t("report.no_sales"), styles["body"])]
    columns = [
        ("No", 9 * MM, True),
        (t("report.code"), 30 * MM, False),
        (t("report.item"), 0, False),
        (t("report.qty"), 28 * MM, True),
        (t("report.net"), 36 * MM, True),
    ]
    rows = [
        (
            str(rank),
            item.code,
            item.name,
            format_quantity(item.qty, item.unit),
            format_rupiah(item.net),
        )
        for rank, item in enumerate(summary.top_items, start=1)
    ]
    return [grid(columns, rows, styles)]


def _shifts(summary: DailySummary, shop: ShopProfile, styles: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import Spacer

    if not summary.shifts:
        return [para(t("report.no_shifts"), styles["body"])]
    blocks: list[Any] = []
    label = 40 * MM
    for start in range(0, len(summary.shifts), SHIFT_COLUMNS):
        group = summary.shifts[start : start + SHIFT_COLUMNS]
        columns = [("", label, False)] + [
            (t("report.shift", till=s.till, id=s.id), (WIDTH - label) / SHIFT_COLUMNS, True)
            for s in group
        ]
        cells = [_shift_cells(s, shop) for s in group]
        rows = [[t(key), *(c[n] for c in cells)] for n, key in enumerate(SHIFT_ROWS)]
        strong = [SHIFT_ROWS.index(k) for k in ("report.expected_cash", "report.variance")]
        width = sum(w for _, w, _ in columns)
        blocks += [grid(columns, rows, styles, strong=strong, width=width), Spacer(1, 3 * MM)]
    for shift in summary.shifts:
        if shift.later_sales:
            note = t(
                "report.past_day_end", till=shift.till, id=shift.id, count=shift.later_sales,
                hour=f"{shop.day_end_hour:02d}.00",
            )  # fmt: skip
            blocks += [para(note, styles["note"]), Spacer(1, 2 * MM)]
    moves = [(shift, move) for shift in summary.shifts for move in shift.movements]
    if moves:
        columns = [
            (t("report.time"), 22 * MM, False),
            (t("report.till"), 14 * MM, False),
            (t("report.kind"), 20 * MM, False),
            (t("report.amount"), 30 * MM, True),
            (t("report.reason"), 0, False),
            (t("report.by"), 28 * MM, False),
        ]
        moved = [
            (
                format_time(m.time, shop),
                s.till,
                t("report.cash_in" if m.kind == CashDirection.IN else "report.cash_out"),
                format_rupiah(m.amount),
                m.reason,
                m.by,
            )
            for s, m in moves
        ]
        blocks += [para(t("report.movements"), styles["strong"]), Spacer(1, 1 * MM)]
        blocks.append(grid(columns, moved, styles))
    return blocks


SHIFT_ROWS = (
    "report.opened",
    "report.opening_cash",
    "report.cash_sales",
    "report.cash_in",
    "report.cash_out",
    "report.refunds",
    "report.member_cash_in",
    "report.member_cash_out",
    "report.rounding",
    "report.expected_cash",
    "report.counted_cash",
    "report.variance",
    "report.variance_reason",
    "zreport.setoran",
    "zreport.stays",
    "report.closed_by",
    "report.confirmed_by",
    "report.status",
)


def _shift_cells(shift: ShiftReport, shop: ShopProfile) -> list[str]:
    """One shift's figures, in the order of `SHIFT_ROWS`; `–` where there is nothing yet."""

    if shift.closed_at is None:
        status = t("report.status_open")
    elif shift.closed_at.date() == shift.opened_at.date():
        status = t("report.status_closed", time=format_time(shift.closed_at, shop))
    else:
        status = t("report.status_closed", time=format_moment(shift.closed_at, shop))
    return [
        t("report.at_by", time=format_time(shift.opened_at, shop), by=shift.opened_by),
        rupiah_cell(shift.opening_cash),
        rupiah_cell(shift.cash_sales),
        rupiah_cell(shift.cash_in),
        rupiah_cell(shift.cash_out),
        rupiah_cell(shift.refunds),
        rupiah_cell(shift.member_cash_in),
        rupiah_cell(shift.member_cash_out),
        rupiah_cell(shift.rounding),
        rupiah_cell(shift.expected_cash),
        rupiah_cell(shift.counted_cash),
        rupiah_cell(shift.variance),
        shift.variance_reason or "–",
        rupiah_cell(shift.setoran),
        rupiah_cell(shift.stayed),
        shift.closed_by or "–",
        shift.confirmed_by or "–",
        status,
    ]


def _corrections(summary: DailySummary, shop: ShopProfile, styles: dict[str, Any]) -> list[Any]:
    entries = [("report.void", c) for c in summary.voids]
    entries += [("report.return", c) for c in summary.returns]
    if not entries:
        return [para(t("report.none"), styles["body"])]
    columns = [
        (t("report.kind"), 18 * MM, False),
        (t("report.receipt"), 34 * MM, False),
        (t("report.time"), 17 * MM, False),
        (t("report.cashier"), 18 * MM, False),
        (t("report.by_approved"), 32 * MM, False),
        (t("report.total"), 24 * MM, True),
        (t("report.reason"), 0, False),
    ]
    rows = [
        (
            t(kind) + (f" {t(METHOD[c.refund_method])}" if c.refund_method else ""),
            f"{c.receipt_no} {c.number}" if c.number else c.receipt_no,
            format_time(c.time, shop),
            c.cashier,
            f"{c.by or '–'} / {c.approved_by or '–'}",
            format_rupiah(c.total),
            c.reason or "–",
        )
        for kind, c in entries
    ]
    return [grid(columns, rows, styles)]


def _low_stock(summary: DailySummary, styles: dict[str, Any]) -> list[Any]:
    note = para(t("report.low_stock_note"), styles["note"])
    if not summary.low_stock:
        return [para(t("report.none"), styles["body"]), note]
    columns = [
        (t("report.code"), 30 * MM, False),
        (t("report.item"), 0, False),
        (t("report.stock"), 30 * MM, True),
        (t("report.reorder_level"), 30 * MM, True),
    ]
    rows = [
        (i.code, i.name, format_quantity(i.stock, i.unit), format_quantity(i.reorder_level, i.unit))
        for i in summary.low_stock
    ]
    return [grid(columns, rows, styles), note]


def _noncash(summary: DailySummary, shop: ShopProfile, styles: dict[str, Any]) -> list[Any]:
    """Issue 17: the QRIS and transfer payments with their references, for the bank."""
    if not summary.noncash:
        return [para(t("report.none"), styles["body"])]
    columns = [
        (t("report.receipt"), 40 * MM, False),
        (t("report.time"), 17 * MM, False),
        (t("report.method"), 24 * MM, False),
        (t("report.total"), 28 * MM, True),
        (t("report.reference"), 0, False),
    ]
    rows = [
        (p.receipt_no, format_time(p.time, shop), t(METHOD[p.method]), format_rupiah(p.amount),
         p.reference or "–")
        for p in summary.noncash
    ]  # fmt: skip
    return [grid(columns, rows, styles), para(t("report.noncash_note"), styles["note"])]
