"""The SHU report out: CSV (one row per member), XLSX (a `summary` sheet and a `members`
sheet) and an A4 landscape PDF for the annual meeting: the shop, the year, the pools and
totals, every member's purchases, share, savings and SHU with a total row that equals the
pools, signature lines and page numbers. reportlab and openpyxl are imported only here."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape

from gerai.core.i18n import t
from gerai.core.money import format_number, format_rupiah
from gerai.core.timefmt import format_date, format_moment
from gerai.exports.sheets import Sheet, xlsx_bytes
from gerai.services.members.shu import ShuReport, shu_columns, shu_rows
from gerai.services.shop.profile import ShopProfile
from gerai.tabular import write_table

MM = 72 / 25.4
SUMMARY_FIELDS = (
    "year", "timezone", "pool_purchases", "pool_savings", "total_purchases", "total_savings",
)  # fmt: skip


SHU_COLUMNS = (
    "shu.column.no",
    "shu.column.number",
    "shu.column.name",
    "shu.column.sales",
    "shu.column.returns",
    "shu.column.purchases",
    "shu.column.share",
    "shu.column.savings",
    "shu.column.shu_purchases",
    "shu.column.shu_savings",
    "shu.column.shu_total",
)


def shu_csv(report: ShuReport) -> bytes:
    """One row per member, the JSON's member fields as the header."""
    out = io.BytesIO()
    write_table(out, "csv", shu_columns(), shu_rows(report))
    return out.getvalue()


def shu_xlsx(report: ShuReport) -> bytes:
    """A `summary` sheet (field, value) and a `members` sheet (one row per member)."""
    data = report.as_dict()
    columns = shu_columns()
    return xlsx_bytes(
        [
            Sheet("summary", ["field", "value"], [[f, data[f]] for f in SUMMARY_FIELDS]),
            Sheet("members", columns, [[row[c] for c in columns] for row in data["members"]]),
        ]
    )


def _money(value: int | None) -> str:
    return "–" if value is None else format_number(value)


def _rupiah(value: int | None) -> str:
    return "–" if value is None else format_rupiah(value)


def shu_pdf(report: ShuReport, shop: ShopProfile, printed_at: datetime) -> bytes:
    """The report as an A4 landscape PDF, stamped as printed at `printed_at`."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    out = io.BytesIO()
    margin = 12 * MM
    document = SimpleDocTemplate(
        out,
        pagesize=landscape(A4),
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin + 4 * MM,
        title=t("shu.title", year=report.year),
        author=shop.name,
    )
    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["Normal"], fontSize=8.5, leading=10.5)
    cell = ParagraphStyle("cell", parent=body, fontSize=8, leading=9.5)
    first, last = date(report.year, 1, 1), date(report.year, 12, 31)
    story: list[Any] = [
        Paragraph(escape(t("shu.title", year=report.year)), styles["Title"]),
        Paragraph(escape(shop.name), styles["Heading3"]),
        Paragraph(escape(shop.address), body),
        Paragraph(
            escape(
                t(
                    "shu.period",
                    first=format_date(first),
                    last=format_date(last),
                    zone=shop.zone_label,
                )
                + " · "
                + t("report.printed", moment=format_moment(printed_at, shop))
            ),
            body,
        ),
        Spacer(1, 4 * MM),
    ]
    summary = [
        (t("shu.members_count"), str(len(report.members))),
        (t("shu.total_purchases"), format_rupiah(report.total_purchases)),
        (t("shu.total_savings", date=format_date(last)), format_rupiah(report.total_savings)),
        (
            t("shu.pool_purchases"),
            "–" if report.pool_purchases is None else format_rupiah(report.pool_purchases),
        ),
        (
            t("shu.pool_savings"),
            "–" if report.pool_savings is None else format_rupiah(report.pool_savings),
        ),
    ]
    story.append(
        Table(
            summary,
            colWidths=[70 * MM, 40 * MM],
            hAlign="LEFT",
            style=TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), "Helvetica", 8.5),
                    ("FONT", (1, 0), (1, -1), "Helvetica-Bold", 8.5),
                    ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, "#9a9a9a"),
                ]
            ),
        )
    )
    story.append(Spacer(1, 4 * MM))
    header = [t(key) for key in SHU_COLUMNS]
    rows: list[list[Any]] = [header]
    for number, m in enumerate(report.members, start=1):
        name = m.name if m.active else f"{m.name} ({t('ui.member.inactive')})"
        rows.append(
            [
                str(number), m.number, Paragraph(escape(name), cell), format_number(m.sales),
                format_number(m.returns), format_number(m.purchases),
                format(m.share_percent, "f").replace(".", ",") + " %", format_number(m.savings),
                _money(m.shu_purchases), _money(m.shu_savings), _money(m.shu_total),
            ]
        )  # fmt: skip
    totals = [
        sum(m.sales for m in report.members),
        sum(m.returns for m in report.members),
        report.total_purchases,
    ]
    both = [p for p in (report.pool_purchases, report.pool_savings) if p is not None]
    rows.append(
        [
            "",
            "",
            t("shu.total"),
            *(format_number(v) for v in totals),
            "100 %" if report.total_purchases else "–",
            format_number(report.total_savings),
            _money(report.pool_purchases),
            _money(report.pool_savings),
            _money(sum(both) if both else None),
        ]
    )
    widths = [10, 24, 0, 27, 22, 27, 18, 25, 26, 26, 26]
    rest = document.width - sum(w * MM for w in widths)
    story.append(
        Table(
            rows,
            colWidths=[w * MM if w else rest for w in widths],
            repeatRows=1,
            hAlign="LEFT",
            style=TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), "Helvetica", 8),
                    ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
                    ("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 8),
                    ("BACKGROUND", (0, 0), (-1, 0), "#eeeeee"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, "#9a9a9a"),
                    ("LINEABOVE", (0, -1), (-1, -1), 0.8, "#333333"),
                    ("ALIGN", (3, 0), (-1, -1), "RIGHT"),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            ),
        )
    )
    story += [Spacer(1, 3 * MM), Paragraph(escape(t("shu.note")), body), Spacer(1, 10 * MM)]
    signatures = [
        [t("report.made_by"), "", t("report.approved_by")],
        ["", "", ""],
        ["", "", ""],
        [t("report.sign_bendahara"), "", t("report.sign_ketua")],
    ]
    story.append(
        Table(
            signatures,
            colWidths=[60 * MM, 20 * MM, 60 * MM],
            rowHeights=[5 * MM, 8 * MM, 5 * MM, 5 * MM],
            hAlign="LEFT",
            style=TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), "Helvetica", 8.5),
                    ("LINEABOVE", (0, 3), (0, 3), 0.5, "#333333"),
                    ("LINEABOVE", (2, 3), (2, 3), 0.5, "#333333"),
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ]
            ),
        )
    )
    footer = t("shu.footer", shop=shop.name, year=report.year)

    def page(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        canvas.setFillColor("#555555")
        canvas.drawString(doc.leftMargin, margin, footer)
        canvas.drawRightString(
            doc.pagesize[0] - doc.rightMargin, margin, t("stockadm.page", page=doc.page)
        )
        canvas.restoreState()

    document.build(story, onFirstPage=page, onLaterPages=page)
    return out.getvalue()
