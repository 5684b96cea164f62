"""The one PDF kit of gerai's A4 documents (the daily report, the SHU list, the stock card and
the period reports): the page and its margins, the fonts and colours, the styles, the header
block with the shop, the footer with `Halaman X dari Y`, the standard table, the bar chart,
signature lines and the cell formats of money and quantities. reportlab is imported only
inside the functions that use it."""

from __future__ import annotations

import io
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from gerai.core.i18n import t
from gerai.core.money import format_number, format_rupiah
from gerai.core.quantity import format_quantity
from gerai.core.timefmt import format_moment
from gerai.services.shop.profile import ShopProfile

MM = 72 / 25.4
A4_SHORT, A4_LONG = 595.27, 841.89  # points
MARGIN = 15 * MM
ACCENT = "#9b1c1c"
RULE = "#9a9a9a"
GRID = "#dddddd"
HEADER_FILL = "#eeeeee"
INK_SOFT = "#555555"
FONT, BOLD = "Helvetica", "Helvetica-Bold"
DASH = "–"
MONTHS = (
    "month.1",
    "month.2",
    "month.3",
    "month.4",
    "month.5",
    "month.6",
    "month.7",
    "month.8",
    "month.9",
    "month.10",
    "month.11",
    "month.12",
)  # the months' names, January first


@dataclass(frozen=True)
class Page:
    """An A4 sheet, upright or on its side, with the kit's margins."""

    width: float
    height: float

    @property
    def body(self) -> float:
        """The width between the margins."""
        return self.width - 2 * MARGIN


PORTRAIT = Page(A4_SHORT, A4_LONG)
LANDSCAPE = Page(A4_LONG, A4_SHORT)
PAGE_WIDTH, PAGE_HEIGHT = PORTRAIT.width, PORTRAIT.height
WIDTH = PORTRAIT.body

Column = tuple[str, float, bool]  # the header, the width (0: what the others leave), numeric


def build_pdf(story: list[Any], page: Page, title: str, author: str, footer: str) -> bytes:
    """The PDF of `story` on `page`: the flowables between the margins, `footer` and
    `Halaman X dari Y` under a thin rule at the bottom of every page."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    bottom = MARGIN + 5 * MM
    frame = Frame(
        MARGIN,
        bottom,
        page.body,
        page.height - MARGIN - bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    out = io.BytesIO()
    document = BaseDocTemplate(
        out,
        pagesize=(page.width, page.height),
        pageTemplates=[PageTemplate("page", [frame])],
        title=title,
        author=author,
    )
    document.build(story, canvasmaker=_numbered_canvas(footer, page))
    return out.getvalue()


def paragraph_styles() -> dict[str, Any]:
    """The paragraph styles: body text, bold, right-aligned, notes, the header's and the
    sections' titles."""
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
        "note": ParagraphStyle("note", body, fontSize=7, leading=9, textColor=INK_SOFT),
        "shop": ParagraphStyle("shop", strong, fontSize=13, leading=16),
        "title": ParagraphStyle("title", strong, fontSize=13, leading=16, alignment=TA_RIGHT),
        "section": ParagraphStyle("section", strong, fontSize=10, leading=13, textColor=ACCENT),
    }


def para(text: str, style: Any) -> Any:
    """A Paragraph of plain text (escaped, so `&` and `<` in names print as they are)."""
    from reportlab.platypus import Paragraph

    return Paragraph(escape(text), style)


def grid(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    styles: dict[str, Any],
    header: bool = True,
    strong: Collection[int] = (),
    width: float = WIDTH,
    wrap: bool = True,
    font_size: float = 8,
) -> Any:
    """A table in the kit's style: a shaded header row, thin rules between rows; numeric
    columns right-aligned, the body rows numbered in `strong` in bold. With `wrap` every
    cell is a Paragraph that wraps inside its cell; without, cells are one line of text
    (fast for tables of thousands of rows)."""
    from reportlab.platypus import Table, TableStyle

    rest = width - sum(w for _, w, _ in columns)
    widths = [w or rest for _, w, _ in columns]
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ]
    first = int(header)
    if wrap:
        cells: list[list[Any]] = [
            [
                para(text, styles[("strong" if number in strong else "body") + _side(numeric)])
                for text, (_, _, numeric) in zip(row, columns, strict=True)
            ]
            for number, row in enumerate(rows)
        ]
    else:
        cells = [list(row) for row in rows]
        commands.append(("FONT", (0, 0), (-1, -1), FONT, font_size))
        commands += [("ALIGN", (n, 0), (n, -1), "RIGHT") for n, c in enumerate(columns) if c[2]]
        commands += [("FONT", (0, n + first), (-1, n + first), BOLD, font_size) for n in strong]
    if header:
        if wrap:
            cells.insert(0, [para(c[0], styles["strong" + _side(c[2])]) for c in columns])
        else:
            cells.insert(0, [c[0] for c in columns])
            commands.append(("FONT", (0, 0), (-1, 0), BOLD, font_size))
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, INK_SOFT),
        ]
    return Table(
        cells, colWidths=widths, style=TableStyle(commands), repeatRows=first, hAlign="LEFT"
    )


def _side(numeric: bool) -> str:
    return "_right" if numeric else ""


def side_by_side(left: list[Any], right: list[Any], left_width: float, width: float = WIDTH) -> Any:
    """Two columns of flowables, `left_width` and what `width` leaves, without padding."""
    from reportlab.platypus import Table, TableStyle

    return Table(
        [[left, right]],
        colWidths=[left_width, width - left_width],
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


def section(title: str, body: list[Any], styles: dict[str, Any]) -> list[Any]:
    """A section: its title in the accent colour above its body."""
    from reportlab.platypus import Spacer

    return [para(title, styles["section"]), Spacer(1, 1.5 * MM), *body]


def header_block(
    shop: ShopProfile,
    title: str,
    subtitle: str,
    details: Sequence[str],
    printed_at: datetime,
    styles: dict[str, Any],
    width: float = WIDTH,
) -> list[Any]:
    """The top of a document: the shop's name, address and phone on the left; the title, the
    subtitle (the day, the period, the product), `details` and when it was printed on the
    right; an accent rule below."""
    from reportlab.platypus import HRFlowable

    left = [para(shop.name, styles["shop"])]
    left += [para(line, styles["body"]) for line in (shop.address, shop.phone) if line]
    right = [para(title, styles["title"]), para(subtitle, styles["strong_right"])]
    right += [para(line, styles["body_right"]) for line in details]
    right.append(
        para(t("report.printed", moment=format_moment(printed_at, shop)), styles["body_right"])
    )
    return [
        side_by_side(left, right, width * 0.62, width),
        HRFlowable(width="100%", thickness=1.2, color=ACCENT, spaceBefore=3 * MM),
    ]


def bar_chart(
    values: Sequence[int], names: Sequence[str], width: float, height: float, font_size: float = 6
) -> Any:
    """A bar chart of Rupiah `values` named `names` in the accent colour, the amounts on the
    value axis written as the shop reads them."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.colors import HexColor

    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 46, 16
    chart.width, chart.height = width - chart.x - 6, height - chart.y - 6
    chart.data = [list(values)]
    chart.bars[0].fillColor = HexColor(ACCENT)
    chart.bars[0].strokeColor = None
    chart.barSpacing, chart.groupSpacing = 0, 2
    chart.categoryAxis.categoryNames = list(names)
    chart.categoryAxis.strokeColor = HexColor(RULE)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = lambda value: format_number(int(value))
    chart.valueAxis.strokeColor = HexColor(RULE)
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = HexColor(GRID)
    chart.valueAxis.gridStrokeWidth = 0.3
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels):
        labels.fontName, labels.fontSize = FONT, font_size
    drawing.add(chart)
    return drawing


def signatures(roles: Sequence[tuple[str, str]], styles: dict[str, Any], width: float) -> Any:
    """Signature lines side by side: for each (when, role) message keys, e.g. `Dibuat oleh`
    / `Kasir`, a space to sign and a dotted line for the name."""
    from reportlab.platypus import Spacer, Table

    center = styles["center"]
    cells = [
        [
            para(t(when), center),
            para(t(role), center),
            Spacer(1, 14 * MM),
            para("(" + "." * 40 + ")", center),
        ]
        for when, role in roles
    ]
    return Table([cells], colWidths=[width / len(roles)] * len(roles))


def rupiah_cell(value: int | None) -> str:
    """`Rp12.500`, or `–` when there is no figure."""
    return DASH if value is None else format_rupiah(value)


def number_cell(value: int | None) -> str:
    """`12.500`, or `–` when there is no figure."""
    return DASH if value is None else format_number(value)


def quantity_cell(value: Decimal | None, unit: str) -> str:
    """`1,5 kg`, or `–` when there is no figure."""
    return DASH if value is None else format_quantity(value, unit)


def percent_cell(value: Decimal | None) -> str:
    """`12,5 %`, or `–` when there is no figure."""
    return DASH if value is None else f"{format(value, 'f').replace('.', ',')} %"


def _numbered_canvas(footer: str, page: Page) -> Callable[..., Any]:
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
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont(FONT, 7)
                self.setFillColor(INK_SOFT)
                self.setStrokeColor(RULE)
                self.setLineWidth(0.4)
                self.line(MARGIN, MARGIN + 2 * MM, page.width - MARGIN, MARGIN + 2 * MM)
                self.drawString(MARGIN, MARGIN - 1 * MM, footer)
                self.drawRightString(
                    page.width - MARGIN,
                    MARGIN - 1 * MM,
                    t("report.page", page=number, pages=len(self._pages)),
                )
                super().showPage()
            super().save()

    return NumberedCanvas
