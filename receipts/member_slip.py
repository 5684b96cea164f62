"""The slip of a member payment at the counter (simpanan pokok, wajib, sukarela, a sukarela
withdrawal, a kasbon repayment): a pure function to lines, like the sale receipt. It is not a
sales receipt: it says what was paid in or out, by which method, and the balance after."""

from __future__ import annotations

from dataclasses import dataclass

from gerai.core.i18n import Translator
from gerai.core.money import format_number, format_rupiah
from gerai.core.phrases import BALANCE, MEMBER_PAYMENT_KIND, METHOD
from gerai.core.words import MemberPaymentKind
from receipts.layout import Line, centered, pair, rule, slip_header, wrap


@dataclass(frozen=True)
class MemberSlip:
    """What a member payment slip says: its kind, the payment method and the balance
    after it (the savings balance of that kind, or for a repayment the kasbon still owed)."""

    shop_name: str
    shop_address: str
    shop_phone: str
    number: str
    moment: str
    cashier: str
    member: str
    kind: str
    amount: int
    method: str
    balance: int
    months: int = 0
    monthly: int = 0
    note: str = ""
    reprint: bool = False


def _title(kind: str, tr: Translator) -> str:
    if kind == MemberPaymentKind.SUKARELA_OUT:
        return tr.t("slip.title_withdrawal")
    if kind == MemberPaymentKind.REPAYMENT:
        return tr.t("slip.title_repayment")
    return tr.t("slip.title_deposit")


def layout_member_slip(slip: MemberSlip, width: int, tr: Translator) -> list[Line]:
    """The lines of the slip for paper `width` characters wide."""
    shop = (slip.shop_name, slip.shop_address, slip.shop_phone)
    lines = slip_header(shop, _title(slip.kind, tr), slip.reprint, width, tr)
    lines += pair(tr.t("receipt.number"), slip.number, width)
    lines += pair(tr.t("receipt.date"), slip.moment, width)
    lines += pair(tr.t("receipt.cashier"), slip.cashier, width)
    lines += [Line(part) for part in wrap(f"{tr.t('receipt.member')}: {slip.member}", width)]
    lines.append(rule(width))
    lines += [Line(part) for part in wrap(tr.t(MEMBER_PAYMENT_KIND[slip.kind]), width)]
    if slip.months:
        detail = tr.t("slip.months", count=slip.months, monthly=format_number(slip.monthly))
        lines += pair(detail, format_number(slip.amount), width, indent=2)
    if slip.note:
        lines += [Line("  " + part) for part in wrap(slip.note, width - 2)]
    lines += pair(tr.t("slip.amount"), format_rupiah(slip.amount), width, bold=True)
    lines += pair(tr.t(METHOD[slip.method]), format_number(slip.amount), width)
    lines.append(rule(width))
    balance_key = "slip.owed" if slip.kind == MemberPaymentKind.REPAYMENT else BALANCE[slip.kind]
    lines += pair(tr.t(balance_key), format_rupiah(slip.balance), width, bold=True)
    lines.append(rule(width))
    if slip.kind == MemberPaymentKind.SUKARELA_OUT:
        lines += centered(tr.t("slip.received_by"), width)
        lines += [Line(""), Line(""), Line(("(" + "_" * (width - 8) + ")").center(width).rstrip())]
        lines.append(rule(width))
    lines += centered(tr.t("slip.footer"), width)
    return lines


def slip_text(slip: MemberSlip, width: int, tr: Translator) -> str:
    """The layout as plain text, one line each."""
    return "".join(line.text + "\n" for line in layout_member_slip(slip, width, tr))
