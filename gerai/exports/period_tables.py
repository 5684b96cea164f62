"""The month's or the year's report as tables. CSV: the rows (days or months) and the total
row, headed `label`, the figures' field names and the expenses by category with their total
(machines), or the catalog's headings when asked for with `--lang`. XLSX for people: a
summary sheet (the period's totals and the other figures, heading and value) and a sheet of
the rows, each under the banner of the shop and the period; money as Rupiah numbers, days as
dates."""

from __future__ import annotations

from datetime import date
from typing import Any

from gerai.core.i18n import t
from gerai.exports.people import banner, field_value_sheet, people_sheet, records_csv
from gerai.exports.period_pdf import shown_label
from gerai.services.cash.kas import CATEGORIES
from gerai.services.reports.period import FIGURES, PeriodReport
from gerai.services.shop.profile import ShopProfile
from gerai.tabular import xlsx_bytes

COLUMNS = ["label", *FIGURES, *CATEGORIES, "expenses_total", "supplier_payments"]


def period_rows(report: PeriodReport) -> list[dict[str, Any]]:
    """The rows and the total row, as the JSON has them (with each row's payments to
    suppliers), each row's expenses flat: one column a category and their total."""
    rows = []
    for row in (*report.rows, report.totals):
        flat = report.row_dict(row)
        flat.update(flat.pop("expenses"), expenses_total=row.expenses_total)
        rows.append(flat)
    return rows


def period_csv(report: PeriodReport, people: bool = False) -> bytes:
    """The rows and the total row as CSV."""
    return records_csv(COLUMNS, period_rows(report), people)


def period_summary(report: PeriodReport) -> dict[str, Any]:
    """The period's own figures, flat: its days, the totals, then the other figures."""
    data = report.as_dict()
    flat: dict[str, Any] = {"first": report.first, "last": report.last}
    flat.update({name: data["totals"][name] for name in FIGURES})
    for name, value in data.items():
        if name in ("period", "first", "last", "timezone", "rows", "totals"):
            continue
        if isinstance(value, dict):
            flat.update(value)
        else:
            flat[name] = value
    return flat


def period_xlsx(report: PeriodReport, shop: ShopProfile) -> bytes:
    """The report as an XLSX workbook for people."""
    yearly = len(report.period) == 4
    title = t("period.title_year" if yearly else "period.title_month")
    lines = banner(shop, title, shown_label(report.period) if not yearly else report.period)
    rows = period_rows(report)
    for row in rows[:-1]:
        row["label"] = date.fromisoformat(row["label"]) if not yearly else shown_label(row["label"])
    rows[-1]["label"] = t("statement.total")
    name = "months" if yearly else "days"
    return xlsx_bytes(
        [
            field_value_sheet("summary", period_summary(report), lines),
            people_sheet(name, COLUMNS, rows, lines),
        ]
    )
