"""The void slip printed when a whole sale is cancelled (batal): what was voided, what was paid
back and how (cash from the drawer, QRIS or a transfer the way it came, a kasbon struck
off), who voided it, who approved and when, and a line for the buyer's signature. A pure
function to lines, like the receipt: plain ASCII, never wider than the paper."""

from __future__ import annotations

from dataclasses import dataclass

from gerai.core.i18n import Translator
from gerai.core.money import format_number, format_rupiah
from gerai.core.phrases import METHOD
from gerai.core.words import PaymentMethod
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
class VoidSlipItem:
    """One line of the voided sale; `quantity` is already formatted (`1,5 kg`), `amount` what
    was paid for it (its share of a discount on the whole sale taken off)."""

    name: str
    quantity: str
    amount: int


@dataclass(frozen=True)
class VoidSlip:
    """Everything printed on a void slip. Amounts are integer Rupiah; `refunds` is the money
    handed back per method in the order it was paid (`tunai`, `qris`, `transfer`), `kasbon`
    the member's credit struck off (no money back for it)."""

    shop_name: str
    shop_address: str
    shop_phone: str
    receipt_no: str
    moment: str
    sale_moment: str
    voided_by: str
    approved_by: str
    items: tuple[VoidSlipItem, ...]
    rounding: int
    total: int
    refunds: tuple[tuple[str, int], ...]
    kasbon: int
    reason: str
    member: str | None = None
    reprint: bool = False


def layout_void_slip(slip: VoidSlip, width: int, tr: Translator) -> list[Line]:
    """The lines of the void slip for paper `width` characters wide."""
    shop = (slip.shop_name, slip.shop_address, slip.shop_phone)
    lines = slip_header(shop, tr.t("voidslip.title"), slip.reprint, width, tr)
    for key, value in (
        ("slip.receipt", slip.receipt_no),
        ("slip.sale_date", slip.sale_moment),
        ("voidslip.date", slip.moment),
        ("voidslip.voided_by", slip.voided_by),
        ("slip.approved", slip.approved_by),
    ):
        lines += pair(tr.t(key), value, width)
    if slip.member:
        lines += wrapped(f"{tr.t('receipt.member')}: {slip.member}", width)
    lines.append(rule(width))
    for item in slip.items:
        lines += wrapped(item.name, width)
        lines += pair(item.quantity, format_number(item.amount), width, indent=2)
    lines.append(rule(width))
    if slip.rounding:
        lines += rounding_line(slip.rounding, width, tr)
    lines += pair(tr.t("voidslip.total"), format_rupiah(slip.total), width, bold=True)
    lines += wrapped(tr.t("voidslip.refunds"), width)
    for method, amount in slip.refunds:
        way = "voidslip.from_drawer" if method == PaymentMethod.CASH else "voidslip.same_way"
        label = tr.t(way, method=tr.t(METHOD[method]))
        lines += pair(label, format_rupiah(amount), width, indent=2)
    if slip.kasbon:
        lines += pair(tr.t("voidslip.kasbon"), format_rupiah(slip.kasbon), width, indent=2)
    if not slip.refunds and not slip.kasbon:
        lines += pair(tr.t("voidslip.nothing"), "", width, indent=2)
    lines += wrapped(f"{tr.t('slip.reason')}: {slip.reason}", width)
    return lines + signature_end(tr.t("voidslip.keep"), width, tr)


def void_slip_text(slip: VoidSlip, width: int, tr: Translator) -> str:
    """The layout as plain text, one line each."""
    return "".join(line.text + "\n" for line in layout_void_slip(slip, width, tr))
