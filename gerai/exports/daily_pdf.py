"""The daily report as an A4 PDF a person reads (reportlab platypus): the shop's header, the
summary, sales by hour (a bar chart and its figures), payment methods, members, categories,
top items, the shift closes with their variances and reasons, cash in and out, voids and
returns, low stock, signature lines and `Halaman X dari Y` on every page. Every figure is the
summary's own, formatted as the shop reads it (`Rp12.500`, `1,5 kg`, `14.32 WITA`); every
text cell is a Paragraph, so long text wraps inside its cell."""

from __future__ import annotations

import io
from collections.abc import Collection, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from gerai.core.i18n import t
from gerai.core.money import format_number, format_rupiah
from gerai.core.phrases import METHOD
from gerai.core.quantity import format_quantity
from gerai.core.timefmt import format_date, format_moment, format_time
from gerai.core.words import CashDirection
from gerai.services.reports.daily import DailySummary, ShiftReport
from gerai.services.shop.profile import ShopProfile

MM = 72 / 25.4
PAGE_WIDTH, PAGE_HEIGHT = 595.27, 841.89  # A4 in points
MARGIN = 15 * MM
WIDTH = PAGE_WIDTH - 2 * MARGIN
ACCENT = "#9b1c1c"
RULE = "#9a9a9a"
HEADER_FILL = "#eeeeee"
SHIFT_COLUMNS = 4
LEFT_COLUMN = 96 * MM  # the summary figures; payments and buyers take the rest
HOUR_TABLE = 64 * MM  # beside the chart
FONT, BOLD = "Helvetica", "Helvetica-Bold"


def daily_pdf(summary: DailySummary, shop: ShopProfile, printed_at: datetime) -> bytes:
    """The report of `summary` for `shop`, stamped as printed at `printed_at`."""
    from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageTemplate, Spacer

    styles = _styles()
    footer = t("report.footer", shop=shop.name, date=format_date(summary.date))
    bottom = MARGIN + 5 * MM
    frame = Frame(
        MARGIN,
        bottom,
        WIDTH,
        PAGE_HEIGHT - MARGIN - bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    out = io.BytesIO()
    document = BaseDocTemplate(
        out,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        pageTemplates=[PageTemplate("page", [frame])],
        title=f"{t('report.title')} {format_date(summary.date)}",
        author=shop.name,
    )
    sections = [
        _header(summary, shop, printed_at, styles),
        _section(t("report.summary"), _summary(summary, styles), styles),
        _section(t("report.by_hour"), _by_hour(summary, styles), styles),
        _section(t("report.categories"), _categories(summary, styles), styles),
        _section(
            t("report.top_items", count=len(summary.top_items)), _top(summary, styles), styles
        ),
        _section(t("report.shifts"), _shifts(summary, shop, styles), styles),
        _section(t("report.corrections"), _corrections(summary, shop, styles), styles),
        _section(t("report.low_stock"), _low_stock(summary, styles), styles),
        _signatures(styles),
    ]
    story: list[Any] = []
    for section in sections:
        story.extend([KeepTogether(section), Spacer(1, 4 * MM)])
    document.build(story, canvasmaker=_numbered_canvas(footer))
    return out.getvalue()


# --- building blocks ---------------------------------------------------------------------


def _styles() -> dict[str, Any]:
    from reportlab.lib.enums import TA_CENTER, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName=FONT, fontSize=8, leading=10)
    strong = ParagraphStyle("strong", body, fontName=BOLD)
    return {
        "body": body,
        "body_right": ParagraphStyle("body_right", body, alignment=TA_RIGHT),
        "strong": strong,
        "strong_right": ParagraphStyle("strong_right", strong, alignment=TA_RIGHT),
        "center": ParagraphStyle("center", body, alignment=TA_CENTER),
        "note": ParagraphStyle("note", body, fontSize=7, leading=9, textColor="#555555"),
        "shop": ParagraphStyle("shop", strong, fontSize=13, leading=16),
        "title": ParagraphStyle("title", strong, fontSize=13, leading=16, alignment=TA_RIGHT),
        "section": ParagraphStyle("section", strong, fontSize=10, leading=13, textColor=ACCENT),
    }


def _p(text: str, style: Any) -> Any:
    """A Paragraph of plain text (escaped, so `&` and `<` in names print as they are)."""
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text), style)


Column = tuple[str, float, bool]  # the header, the width (0: what the others leave), numeric


def _grid(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    styles: dict[str, Any],
    header: bool = True,
    strong: Collection[int] = (),
    width: float = WIDTH,
) -> Any:
    """A table in the report's style: a shaded header row, thin rules between rows; numeric
    columns right-aligned, the body rows numbered in `strong` in bold."""
    from reportlab.platypus import Table, TableStyle

    rest = width - sum(w for _, w, _ in columns)
    widths = [w or rest for _, w, _ in columns]
    cells = []
    for number, row in enumerate(rows):
        weight = "strong" if number in strong else "body"
        cells.append(
            [
                _p(text, styles[weight + ("_right" if numeric else "")])
                for text, (_, _, numeric) in zip(row, columns, strict=True)
            ]
        )
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ]
    if header:
        titles = [
            _p(title, styles["strong_right" if numeric else "strong"])
            for title, _, numeric in columns
        ]
        cells.insert(0, titles)
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, "#555555"),
        ]
    return Table(
        cells, colWidths=widths, style=TableStyle(commands), repeatRows=int(header), hAlign="LEFT"
    )


def _side_by_side(left: Any, right: Any, left_width: float) -> Any:
    from reportlab.platypus import Table, TableStyle

    return Table(
        [[left, right]],
        colWidths=[left_width, WIDTH - left_width],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
        hAlign="LEFT",
    )


def _section(title: str, body: list[Any], styles: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import Spacer

    return [_p(title, styles["section"]), Spacer(1, 1.5 * MM), *body]


def _percent_text(value: Decimal | None) -> str:
    return "–" if value is None else f"{format(value, 'f').replace('.', ',')} %"


def _numbered_canvas(footer: str) -> Any:
    """A canvas class that writes the footer and `Halaman X dari Y` once all pages are laid
    out (the page count is known only then)."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for number, page in enumerate(self._pages, start=1):
                self.__dict__.update(page)
                self.setFont(FONT, 7)
                self.setFillColor("#555555")
                self.setStrokeColor(RULE)
                self.setLineWidth(0.4)
                self.line(MARGIN, MARGIN + 2 * MM, PAGE_WIDTH - MARGIN, MARGIN + 2 * MM)
                self.drawString(MARGIN, MARGIN - 1 * MM, footer)
                self.drawRightString(
                    PAGE_WIDTH - MARGIN,
                    MARGIN - 1 * MM,
                    t("report.page", page=number, pages=len(self._pages)),
                )
                super().showPage()
            super().save()

    return NumberedCanvas


# --- the sections ------------------------------------------------------------------------


def _header(
    summary: DailySummary, shop: ShopProfile, printed_at: datetime, styles: dict[str, Any]
) -> list[Any]:
    from reportlab.platypus import HRFlowable

    left = [_p(shop.name, styles["shop"])]
    left += [_p(line, styles["body"]) for line in (shop.address, shop.phone) if line]
    right = [
        _p(t("report.title"), styles["title"]),
        _p(format_date(summary.date), styles["strong_right"]),
        _p(t("report.zone", zone=shop.zone_label, timezone=summary.timezone), styles["body_right"]),
        _p(t("report.printed", moment=format_moment(printed_at, shop)), styles["body_right"]),
    ]
    return [
        _side_by_side(left, right, WIDTH * 0.62),
        HRFlowable(width="100%", thickness=1.2, color=ACCENT, spaceBefore=3 * MM),
    ]


def _summary(summary: DailySummary, styles: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import Spacer

    margin = f"{format_rupiah(summary.margin)} ({_percent_text(summary.margin_percent)})"
    figures = [
        (t("report.sales_count"), format_number(summary.sales_count)),
        (t("report.gross"), format_rupiah(summary.gross)),
        (t("report.member_discount"), format_rupiah(summary.member_discount)),
        (t("report.manual_discount"), format_rupiah(summary.manual_discount)),
        (t("report.net"), format_rupiah(summary.net)),
        (t("report.returns_total"), format_rupiah(summary.returns_total)),
        (t("report.net_after_returns"), format_rupiah(summary.net_after_returns)),
        (t("report.average_basket"), format_rupiah(summary.average_basket)),
        (t("report.cost"), format_rupiah(summary.cost)),
        (t("report.margin"), margin),
    ]
    left = _grid(
        [("", 0, False), ("", 38 * MM, True)],
        figures,
        styles,
        header=False,
        strong=[4, 6],
        width=LEFT_COLUMN - 6 * MM,
    )
    column = WIDTH - LEFT_COLUMN
    payments = _grid(
        [(t("report.method"), 0, False), (t("report.amount"), 34 * MM, True)],
        [(t(METHOD[m]), format_rupiah(a)) for m, a in summary.payments.items()],
        styles,
        width=column,
    )
    buyers = _grid(
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
    return [_side_by_side([left], [payments, Spacer(1, 3 * MM), buyers], LEFT_COLUMN)]


def _by_hour(summary: DailySummary, styles: dict[str, Any]) -> list[Any]:
    if not summary.sales_count:
        return [_p(t("report.no_sales"), styles["body"])]
    table = _grid(
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
    chart = _hour_chart(summary, WIDTH - HOUR_TABLE - 4 * MM, 62 * MM)
    return [_side_by_side([chart], [table], WIDTH - HOUR_TABLE)]


def _hour_chart(summary: DailySummary, width: float, height: float) -> Any:
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.colors import HexColor

    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 46, 16
    chart.width, chart.height = width - chart.x - 6, height - chart.y - 6
    chart.data = [[h.net for h in summary.by_hour]]
    chart.bars[0].fillColor = HexColor(ACCENT)
    chart.bars[0].strokeColor = None
    chart.barSpacing, chart.groupSpacing = 0, 2
    chart.categoryAxis.categoryNames = [f"{h.hour:02d}" for h in summary.by_hour]
    chart.categoryAxis.strokeColor = HexColor(RULE)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = lambda value: format_number(int(value))
    chart.valueAxis.strokeColor = HexColor(RULE)
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = HexColor("#dddddd")
    chart.valueAxis.gridStrokeWidth = 0.3
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels):
        labels.fontName, labels.fontSize = FONT, 6
    drawing.add(chart)
    return drawing


def _categories(summary: DailySummary, styles: dict[str, Any]) -> list[Any]:
    if not summary.categories:
        return [_p(t("report.no_sales"), styles["body"])]
    money = 36 * MM
    columns = [
        (t("report.category"), 0, False),
        (t("report.net"), money, True),
        (t("report.hpp"), money, True),
        (t("report.margin"), money, True),
    ]
    rows = [
        (c.name, format_rupiah(c.net), format_rupiah(c.cost), format_rupiah(c.margin))
        for c in summary.categories
    ]
    return [_grid(columns, rows, styles)]


def _top(summary: DailySummary, styles: dict[str, Any]) -> list[Any]:
    if not summary.top_items:
        return [_p(t("report.no_sales"), styles["body"])]
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
    return [_grid(columns, rows, styles)]


def _shifts(summary: DailySummary, shop: ShopProfile, styles: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import Spacer

    if not summary.shifts:
        return [_p(t("report.no_shifts"), styles["body"])]
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
        blocks += [_grid(columns, rows, styles, strong=strong, width=width), Spacer(1, 3 * MM)]
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
        blocks += [_p(t("report.movements"), styles["strong"]), Spacer(1, 1 * MM)]
        blocks.append(_grid(columns, moved, styles))
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
    "report.expected_cash",
    "report.counted_cash",
    "report.variance",
    "report.variance_reason",
    "report.closed_by",
    "report.confirmed_by",
    "report.status",
)


def _shift_cells(shift: ShiftReport, shop: ShopProfile) -> list[str]:
    """One shift's figures, in the order of `SHIFT_ROWS`; `–` where there is nothing yet."""

    def money(value: int | None) -> str:
        return "–" if value is None else format_rupiah(value)

    if shift.closed_at is None:
        status = t("report.status_open")
    elif shift.closed_at.date() == shift.opened_at.date():
        status = t("report.status_closed", time=format_time(shift.closed_at, shop))
    else:
        status = t("report.status_closed", time=format_moment(shift.closed_at, shop))
    return [
        t("report.at_by", time=format_time(shift.opened_at, shop), by=shift.opened_by),
        money(shift.opening_cash),
        money(shift.cash_sales),
        money(shift.cash_in),
        money(shift.cash_out),
        money(shift.refunds),
        money(shift.member_cash_in),
        money(shift.member_cash_out),
        money(shift.expected_cash),
        money(shift.counted_cash),
        money(shift.variance),
        shift.variance_reason or "–",
        shift.closed_by or "–",
        shift.confirmed_by or "–",
        status,
    ]


def _corrections(summary: DailySummary, shop: ShopProfile, styles: dict[str, Any]) -> list[Any]:
    entries = [("report.void", c) for c in summary.voids]
    entries += [("report.return", c) for c in summary.returns]
    if not entries:
        return [_p(t("report.none"), styles["body"])]
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
    return [_grid(columns, rows, styles)]


def _low_stock(summary: DailySummary, styles: dict[str, Any]) -> list[Any]:
    note = _p(t("report.low_stock_note"), styles["note"])
    if not summary.low_stock:
        return [_p(t("report.none"), styles["body"]), note]
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
    return [_grid(columns, rows, styles), note]


def _signatures(styles: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import Spacer, Table

    center = styles["center"]
    roles = (
        ("report.made_by", "report.sign_kasir"),
        ("report.checked_by", "report.sign_bendahara"),
        ("report.approved_by", "report.sign_ketua"),
    )
    cells = [
        [
            _p(t(when), center),
            _p(t(role), center),
            Spacer(1, 14 * MM),
            _p("(" + "." * 40 + ")", center),
        ]
        for when, role in roles
    ]
    return [Table([cells], colWidths=[WIDTH / len(roles)] * len(roles))]
