"""A member's yearly statement (rekening anggota) as an A4 PDF: the purchases month by month
with the year's total, the savings by kind (start of the year, paid in, withdrawn, end of the
year) and the kasbon's movements between its opening and closing balances. reportlab is
imported only in here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from gerai.core.i18n import t
from gerai.core.money import format_rupiah
from gerai.core.timefmt import format_date
from gerai.core.words import KasbonEntry, MemberPaymentKind
from gerai.exports.pdf_kit import (
    MM,
    MONTHS,
    PORTRAIT,
    build_pdf,
    grid,
    header_block,
    paragraph_styles,
    section,
)
from gerai.services.members.statement import MemberStatement
from gerai.services.shop.profile import ShopProfile

KASBON_KIND = {
    KasbonEntry.KASBON: "statement.kasbon_sale",
    KasbonEntry.REPAYMENT: "statement.kasbon_repayment",
    KasbonEntry.REFUND: "statement.kasbon_refund",
}


def statement_pdf(report: MemberStatement, shop: ShopProfile, printed_at: datetime) -> bytes:
    """The statement as PDF bytes, stamped as printed at `printed_at`."""
    from reportlab.platypus import Spacer

    styles = paragraph_styles()
    member = report.member
    title = t("statement.title")
    subtitle = t("statement.subtitle", number=member.number, name=member.name, year=report.year)
    money = format_rupiah
    months = [
        [t(MONTHS[m.month - 1]), str(m.sales_count), money(m.sales), money(m.returns), money(m.net)]
        for m in report.months
    ]
    months.append(
        [
            t("statement.total"),
            str(sum(m.sales_count for m in report.months)),
            money(sum(m.sales for m in report.months)),
            money(sum(m.returns for m in report.months)),
            money(report.purchases),
        ]
    )
    month_columns = [
        (t("statement.col.month"), 0, False), (t("statement.col.sales_count"), 22 * MM, True),
        (t("statement.col.sales"), 32 * MM, True), (t("statement.col.returns"), 32 * MM, True),
        (t("statement.col.net"), 32 * MM, True),
    ]  # fmt: skip
    start, end, paid = report.savings_start, report.savings_end, report.savings_paid
    savings = [
        [t("statement.pokok"), money(start.pokok), money(paid[MemberPaymentKind.POKOK]),
         money(0), money(end.pokok)],
        [t("statement.wajib"), money(start.wajib), money(paid[MemberPaymentKind.WAJIB]),
         money(0), money(end.wajib)],
        [t("statement.sukarela"), money(start.sukarela), money(paid[MemberPaymentKind.SUKARELA]),
         money(paid[MemberPaymentKind.SUKARELA_OUT]), money(end.sukarela)],
        [t("statement.total"), money(start.total), "", "", money(end.total)],
    ]  # fmt: skip
    savings_columns = [
        (t("statement.col.kind"), 0, False), (t("statement.col.start"), 30 * MM, True),
        (t("statement.col.paid"), 30 * MM, True), (t("statement.col.withdrawn"), 30 * MM, True),
        (t("statement.col.end"), 30 * MM, True),
    ]  # fmt: skip
    kasbon = [["", "", t("statement.opening"), "", "", money(report.kasbon_start)]]
    kasbon += [
        [format_date(line.day), t(KASBON_KIND[line.kind]), line.ref,
         money(line.debit) if line.debit else "", money(line.credit) if line.credit else "",
         money(line.balance)]
        for line in report.kasbon
    ]  # fmt: skip
    kasbon.append(["", "", t("statement.closing"), "", "", money(report.kasbon_end)])
    kasbon_columns = [
        (t("statement.col.day"), 22 * MM, False), (t("statement.col.entry"), 30 * MM, False),
        (t("statement.col.ref"), 0, False), (t("statement.col.debit"), 26 * MM, True),
        (t("statement.col.credit"), 26 * MM, True), (t("statement.col.balance"), 26 * MM, True),
    ]  # fmt: skip
    last = len(months) - 1
    story: list[Any] = [
        *header_block(shop, title.upper(), subtitle, [], printed_at, styles),
        Spacer(1, 4 * MM),
        *section(t("statement.purchases"), [grid(month_columns, months, styles, strong=[last])],
                 styles),
        Spacer(1, 4 * MM),
        *section(t("statement.savings"), [grid(savings_columns, savings, styles, strong=[3])],
                 styles),
        Spacer(1, 4 * MM),
        *section(t("statement.kasbon"), [grid(kasbon_columns, kasbon, styles)], styles),
    ]  # fmt: skip
    return build_pdf(
        story, PORTRAIT, title=f"{title} {member.number} {report.year}", author=shop.name,
        footer=f"{shop.name} · {title} {member.number} · {report.year}",
    )  # fmt: skip
