"""The SHU report out: CSV (one row per member), XLSX (a `summary` sheet and a `members`
sheet) and an A4 landscape PDF for the annual meeting: the shop, the year, the pools and
totals, every member's purchases, share, savings and SHU with a total row that equals the
pools, signature lines and page numbers. reportlab and openpyxl are imported only here."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from gerai.core.i18n import t
from gerai.core.money import format_number, format_rupiah
from gerai.core.timefmt import format_date
from gerai.exports.pdf_kit import (
    DASH,
    LANDSCAPE,
    MM,
    build_pdf,
    grid,
    header_block,
    number_cell,
    para,
    paragraph_styles,
    percent_cell,
    rupiah_cell,
    signatures,
)
from gerai.exports.people import banner, field_value_sheet, people_sheet, records_csv
from gerai.services.members.shu import ShuReport, shu_columns, shu_rows
from gerai.services.shop.profile import ShopProfile
from gerai.tabular import xlsx_bytes

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


def shu_csv(report: ShuReport, people: bool = False) -> bytes:
    """One row per member, the JSON's member fields as the header (the catalog's headings for
    `people`)."""
    return records_csv(shu_columns(), shu_rows(report), people)


def shu_xlsx(report: ShuReport, shop: ShopProfile) -> bytes:
    """A summary sheet (heading, value) and a members sheet (one row per member), for people."""
    data = report.as_dict()
    first, last = date(report.year, 1, 1), date(report.year, 12, 31)
    period = t("shu.period", first=format_date(first), last=format_date(last), zone=shop.zone_label)
    lines = banner(shop, t("shu.title", year=report.year), period)
    return xlsx_bytes(
        [
            field_value_sheet("summary", {f: data[f] for f in SUMMARY_FIELDS}, lines),
            people_sheet("members", shu_columns(), data["members"], lines),
        ]
    )


def shu_pdf(report: ShuReport, shop: ShopProfile, printed_at: datetime) -> bytes:
    """The report as an A4 landscape PDF, stamped as printed at `printed_at`."""
    from reportlab.platypus import Spacer

    styles = paragraph_styles()
    width = LANDSCAPE.body
    first, last = date(report.year, 1, 1), date(report.year, 12, 31)
    period = t("shu.period", first=format_date(first), last=format_date(last), zone=shop.zone_label)
    summary = [
        (t("shu.members_count"), str(len(report.members))),
        (t("shu.total_purchases"), format_rupiah(report.total_purchases)),
        (t("shu.total_savings", date=format_date(last)), format_rupiah(report.total_savings)),
        (t("shu.pool_purchases"), rupiah_cell(report.pool_purchases)),
        (t("shu.pool_savings"), rupiah_cell(report.pool_savings)),
    ]
    widths = (10, 24, 0, 27, 22, 27, 18, 25, 26, 26, 26)
    columns = [
        (t(key), w * MM, n > 2) for n, (key, w) in enumerate(zip(SHU_COLUMNS, widths, strict=True))
    ]
    rows: list[list[str]] = []
    for number, m in enumerate(report.members, start=1):
        name = m.name if m.active else f"{m.name} ({t('ui.member.inactive')})"
        rows.append(
            [
                str(number), m.number, name, format_number(m.sales), format_number(m.returns),
                format_number(m.purchases), percent_cell(m.share_percent),
                format_number(m.savings), number_cell(m.shu_purchases),
                number_cell(m.shu_savings), number_cell(m.shu_total),
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
            "100 %" if report.total_purchases else DASH,
            format_number(report.total_savings),
            number_cell(report.pool_purchases),
            number_cell(report.pool_savings),
            number_cell(sum(both) if both else None),
        ]
    )
    story: list[Any] = [
        *header_block(
            shop, t("shu.title", year=report.year), period, [], printed_at, styles, width
        ),
        Spacer(1, 4 * MM),
        grid([("", 70 * MM, False), ("", 40 * MM, True)], summary, styles, False, [], 110 * MM),
        Spacer(1, 4 * MM),
        grid(columns, rows, styles, strong=[len(rows) - 1], width=width),
        Spacer(1, 3 * MM),
        para(t("shu.note"), styles["body"]),
        Spacer(1, 8 * MM),
        signatures(SIGNATURES, styles, width * 0.6),
    ]
    return build_pdf(
        story,
        LANDSCAPE,
        title=t("shu.title", year=report.year),
        author=shop.name,
        footer=t("shu.footer", shop=shop.name, year=report.year),
    )


SIGNATURES = (
    ("report.made_by", "report.sign_bendahara"),
    ("report.approved_by", "report.sign_ketua"),
)
