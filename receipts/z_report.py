"""The Z report printed when a shift closes: a pure function to lines, like the receipt."""

from __future__ import annotations

from gerai.core.i18n import Translator
from gerai.core.money import format_number, format_rupiah
from gerai.core.phrases import METHOD
from receipts.layout import Line, centered, pair, rule, wrap
from receipts.model import ShiftReport


def layout_shift_report(report: ShiftReport, width: int, tr: Translator) -> list[Line]:
    """The lines of the Z report for paper `width` characters wide."""
    lines = [*centered(report.shop_name.upper(), width, bold=True)]
    lines += centered(tr.t("zreport.title"), width, bold=True)
    lines.append(rule(width, "="))
    for key, value in (
        ("zreport.till", report.till),
        ("zreport.opened", report.opened),
        ("zreport.closed", report.closed),
    ):
        lines += pair(tr.t(key), value, width)
    lines.append(rule(width))
    lines += pair(tr.t("zreport.sales"), str(report.sales_count), width)
    for method, amount in report.payments:
        lines += pair(tr.t(METHOD[method]), format_number(amount), width, indent=2)
    lines += pair(tr.t("zreport.net"), format_rupiah(report.net), width, bold=True)
    lines += pair(
        tr.t("zreport.voids", n=report.void_count), format_number(report.void_total), width
    )
    lines += pair(
        tr.t("zreport.returns", n=report.return_count),
        format_number(report.return_total),
        width,
    )
    lines.append(rule(width))
    goods_refunded = report.refunds - report.returns_rounding
    for key, amount in (
        ("zreport.opening", report.opening),
        ("zreport.cash_sales", report.cash_sales),
        *([("zreport.rounding", report.rounding)] if report.rounding else []),
        ("zreport.cash_in", report.cash_in),
        ("zreport.cash_out", -report.cash_out),
        ("zreport.member_in", report.member_in),
        ("zreport.member_out", -report.member_out),
        *([("zreport.refunds", -goods_refunded)] if report.refunds else []),
        *(
            [("zreport.returns_rounding", -report.returns_rounding)]
            if report.returns_rounding
            else []
        ),
        ("zreport.expected", report.expected),
        ("zreport.counted", report.counted),
    ):
        if amount or not key.startswith("zreport.member_"):
            lines += pair(tr.t(key), format_number(amount), width)
    lines += pair(tr.t("zreport.variance"), format_number(report.variance), width, bold=True)
    if report.reason:
        lines += [Line(part) for part in wrap(f"{tr.t('zreport.reason')}: {report.reason}", width)]
    lines += setoran_lines(report, width, tr)
    lines.append(rule(width))
    lines += [
        Line(part)
        for part in wrap(
            tr.t("zreport.signed", kasir=report.kasir, bendahara=report.bendahara), width
        )
    ]
    if report.closed_by:
        lines += [
            Line(part) for part in wrap(tr.t("zreport.closed_by", name=report.closed_by), width)
        ]
    if report.witness:
        lines += pair(tr.t("zreport.witness"), report.witness, width)
    return lines


def setoran_lines(report: ShiftReport, width: int, tr: Translator) -> list[Line]:
    """The setoran taken to the kas bendahara and what stays in the drawer (issue 15)."""
    if report.setoran is None:
        return []
    return [
        *pair(tr.t("zreport.setoran"), format_number(report.setoran), width),
        *pair(tr.t("zreport.stays"), format_number(report.counted - report.setoran), width),
    ]
