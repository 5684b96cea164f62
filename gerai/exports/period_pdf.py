"""The month's or the year's report as an A4 PDF for the pengurus and the RAT: the net sales
of each day (or month) as a chart, the figures as a table whose total row is the period's, then
what was lost at HPP, the members' savings and the kasbon owed at the end. The gross margin
(laba kotor) is explained once, under the table. reportlab is imported only in here."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from gerai.core.i18n import t
from gerai.core.money import format_rupiah
from gerai.core.phrases import EXPENSE_CATEGORY
from gerai.core.timefmt import format_date
from gerai.core.words import MemberPaymentKind
from gerai.exports.pdf_kit import (
    LANDSCAPE,
    MM,
    MONTHS,
    bar_chart,
    build_pdf,
    grid,
    header_block,
    para,
    paragraph_styles,
    section,
)
from gerai.exports.people import heading
from gerai.services.reports.period import AGING, FIGURES, Figures, PeriodReport
from gerai.services.shop.profile import ShopProfile

WIDTH = LANDSCAPE.body
COLUMN_KEYS = {
    "sales_count": "period.col.sales_count",
    "member_sales": "period.col.member_sales",
    "non_member_sales": "period.col.non_member_sales",
    "net": "period.col.net",
    "returns": "period.col.returns",
    "net_after_returns": "period.col.net_after_returns",
    "cost": "period.col.cost",
    "returns_cost": "period.col.returns_cost",
    "margin": "period.col.margin",
}
SAVINGS_KEYS: dict[str, str] = {
    MemberPaymentKind.POKOK: "statement.pokok",
    MemberPaymentKind.WAJIB: "statement.wajib",
    MemberPaymentKind.SUKARELA: "statement.sukarela",
    MemberPaymentKind.SUKARELA_OUT: "period.sukarela_out",
}


def period_pdf(report: PeriodReport, shop: ShopProfile, printed_at: datetime) -> bytes:
    """The report as PDF bytes, stamped as printed at `printed_at`."""
    from reportlab.platypus import Spacer

    styles = paragraph_styles()
    yearly = len(report.period) == 4
    title = t("period.title_year" if yearly else "period.title_month")
    columns = [(t("period.col.year" if yearly else "period.col.day"), 0, False)] + [
        (t(COLUMN_KEYS[name]), 26 * MM, True) for name in FIGURES
    ]
    rows = [_cells(row) for row in report.rows] + [_cells(report.totals, t("statement.total"))]
    chart = bar_chart(
        [row.net for row in report.rows],
        [row.label[-2:] for row in report.rows],
        WIDTH,
        55 * MM,
    )
    money = format_rupiah
    others = [
        [t("period.write_offs"), money(report.write_offs)],
        [t("period.count_differences"), money(report.count_differences)],
        *expense_rows(report),
        [t("period.unit_result_net"), money(report.unit_result)],
        *[[t(SAVINGS_KEYS[kind]), money(amount)] for kind, amount in report.savings.items()],
        [t("period.kasbon_outstanding"), money(report.kasbon_outstanding)],
        *balance_rows(report),
        *supplier_rows(report),
    ]
    other_columns = [
        (t("period.col.item"), 90 * MM, False),
        (t("period.col.amount"), 40 * MM, True),
    ]
    story: list[Any] = [
        *header_block(
            shop, title.upper(), t("period.subtitle", period=report.period), [], printed_at,
            styles, WIDTH,
        ),
        Spacer(1, 3 * MM),
        chart,
        Spacer(1, 3 * MM),
        grid(columns, rows, styles, strong=[len(rows) - 1], width=WIDTH, wrap=False),
        para(t("period.margin_note"), styles["note"]),
        Spacer(1, 4 * MM),
        *section(t("period.others"), [grid(other_columns, others, styles, width=130 * MM)],
                 styles),
    ]  # fmt: skip
    return build_pdf(
        story, LANDSCAPE, title=f"{title} {report.period}", author=shop.name,
        footer=f"{shop.name} · {title} {report.period}",
    )  # fmt: skip


def balance_rows(report: PeriodReport) -> list[list[str]]:
    """The kasbon by age at the period's end and the stock at cost at its start and end."""
    balances = report.balances
    return [
        *[[heading(name), format_rupiah(amount)] for name, amount in zip(AGING, balances.aging,
                                                                           strict=True)],
        [heading("stock_value_start"), format_rupiah(balances.stock_value_start)],
        [heading("stock_value_end"), format_rupiah(balances.stock_value_end)],
    ]  # fmt: skip


def supplier_rows(report: PeriodReport) -> list[list[str]]:
    """What was paid to suppliers (cash from the kas, transfer, total) and the debt to them at
    the period's end (issue 17)."""
    figures = {**report.suppliers.paid, "supplier_payments_total": report.suppliers.paid_total,
               "supplier_debt_end": report.suppliers.debt_end}  # fmt: skip
    return [[heading(name), format_rupiah(amount)] for name, amount in figures.items()]


def _cells(row: Figures, label: str | None = None) -> list[str]:
    values = [getattr(row, name) for name in FIGURES]
    return [
        label or shown_label(row.label),
        str(values[0]),
        *(format_rupiah(v) for v in values[1:]),
    ]


def shown_label(label: str) -> str:
    """`30-11-2025` for a day, `November 2025` for a month."""
    if len(label) == len("2025-11-30"):
        return format_date(date.fromisoformat(label))
    return f"{t(MONTHS[int(label[5:7]) - 1])} {label[:4]}"


def expense_rows(report: PeriodReport) -> list[list[str]]:
    """The expenses by category and their total (issue 15), before the unit's result."""
    rows = [
        [t("period.expense", category=t(EXPENSE_CATEGORY[category])), format_rupiah(amount)]
        for category, amount in report.expenses.items()
    ]
    return [*rows, [t("period.expenses_total"), format_rupiah(report.expenses_total)]]
