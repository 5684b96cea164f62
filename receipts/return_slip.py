"""The retur slip printed when goods come back: what was returned from which receipt, the
refund and how it was paid back, the reason, who approved, and a line for the buyer's
signature. A pure function to lines, like the receipt: plain ASCII, never wider than the
paper."""

from __future__ import annotations

from dataclasses import dataclass

from gerai.core.i18n import Translator
from gerai.core.money import format_number, format_rupiah
from gerai.core.phrases import METHOD
from receipts.layout import (
    Line,
    pair,
    rounding_line,
    rule,
    signature_end,
    slip_header,
    wrapped,
)


@dataclass(frozen=True)
class ReturnSlipItem:
    """One sale line (part of it) brought back; `quantity` is already formatted (`1,5 kg`)."""

    name: str
    quantity: str
    amount: int
    damaged: bool = False


@dataclass(frozen=True)
class ReturnSlip:
    """Everything printed on a retur slip. Amounts are integer Rupiah; `refund_method` is the
    method (`tunai`, `kasbon`...) and `kasbon` says the refund lowers the member's
    kasbon instead of paying money out."""

    shop_name: str
    shop_address: str
    shop_phone: str
    number: str
    receipt_no: str
    moment: str
    sale_moment: str
    cashier: str
    approved_by: str
    items: tuple[ReturnSlipItem, ...]
    total: int
    refund_method: str
    reason: str
    member: str | None = None
    kasbon: bool = False
    reprint: bool = False
    rounding: int = 0  # the cash rounding in `total` (what the items were worth: total − it)


def layout_return_slip(slip: ReturnSlip, width: int, tr: Translator) -> list[Line]:
    """The lines of the retur slip for paper `width` characters wide."""
    shop = (slip.shop_name, slip.shop_address, slip.shop_phone)
    lines = slip_header(shop, tr.t("slip.title"), slip.reprint, width, tr)
    for key, value in (
        ("slip.number", slip.number),
        ("slip.receipt", slip.receipt_no),
        ("slip.sale_date", slip.sale_moment),
        ("slip.date", slip.moment),
        ("slip.cashier", slip.cashier),
        ("slip.approved", slip.approved_by),
    ):
        lines += pair(tr.t(key), value, width)
    if slip.member:
        lines += wrapped(f"{tr.t('receipt.member')}: {slip.member}", width)
    lines.append(rule(width))
    for item in slip.items:
        lines += wrapped(item.name, width)
        detail = f"{item.quantity} {tr.t('slip.damaged')}" if item.damaged else item.quantity
        lines += pair(detail, format_number(item.amount), width, indent=2)
    lines.append(rule(width))
    if slip.rounding:
        lines += rounding_line(slip.rounding, width, tr)
    lines += pair(tr.t("slip.total"), format_rupiah(slip.total), width, bold=True)
    lines += pair(tr.t("slip.method"), tr.t(METHOD[slip.refund_method]), width)
    if slip.kasbon:
        lines += wrapped(tr.t("slip.kasbon_note"), width)
    lines += wrapped(f"{tr.t('slip.reason')}: {slip.reason}", width)
    return lines + signature_end(tr.t("slip.keep"), width, tr)


def return_slip_text(slip: ReturnSlip, width: int, tr: Translator) -> str:
    """The layout as plain text, one line each."""
    return "".join(line.text + "\n" for line in layout_return_slip(slip, width, tr))
