"""The receipt layout: a pure function from a `Receipt` and a paper width in characters to the
lines to print. Every line is plain ASCII (names are transliterated) and never longer than
the width; long names wrap."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from anyascii import anyascii

from gerai.core.i18n import Translator
from gerai.core.money import format_number, format_rupiah
from gerai.core.phrases import METHOD
from gerai.core.words import PaymentMethod
from receipts.model import Receipt

WIDTHS = (32, 42, 48)
MIN_WIDTH = 24


@dataclass(frozen=True)
class Line:
    """One printed line; `bold` lines are emphasised on paper."""

    text: str
    bold: bool = False


def ascii_text(text: str) -> str:
    """Printable ASCII only: accents and dashes transliterated, control characters dropped."""
    if text.isascii() and text.isprintable():
        return text  # already printable ASCII (most names): nothing to change
    return "".join(c for c in anyascii(text) if " " <= c <= "~")


def wrap(text: str, width: int) -> list[str]:
    """Words wrapped to `width`; a word longer than the width is cut; trailing spaces go."""
    plain = ascii_text(text)
    if len(plain) <= width:
        return [plain.rstrip()]  # what textwrap gives a text that fits, without its cost
    return textwrap.wrap(plain, width, break_long_words=True) or [""]


def wrapped(text: str, width: int) -> list[Line]:
    """`text` wrapped to `width`, one `Line` a part."""
    return [Line(part) for part in wrap(text, width)]


def centered(text: str, width: int, bold: bool = False) -> list[Line]:
    """Wrapped and centred."""
    return [Line(part.center(width).rstrip(), bold) for part in wrap(text, width)]


def pair(left: str, right: str, width: int, bold: bool = False, indent: int = 0) -> list[Line]:
    """`left` and `right` on one line, right-aligned; when they do not fit, `left` wraps and
    `right` goes alone on the last line."""
    left, right = ascii_text(left), ascii_text(right)[:width]
    room = width - len(right) - 1
    parts = wrap(left, max(room - indent, 1))
    prefix = " " * indent
    if len(prefix + parts[-1]) <= room:
        head = [Line(prefix + p, bold) for p in parts[:-1]]
        last = prefix + parts[-1]
        return [*head, Line(last + " " * (width - len(last) - len(right)) + right, bold)]
    return [Line(prefix + p, bold) for p in parts] + [Line(right.rjust(width), bold)]


def rule(width: int, char: str = "-") -> Line:
    """A full-width separator."""
    return Line(char * width)


def slip_header(
    shop: tuple[str, str, str], title: str, reprint: bool, width: int, tr: Translator
) -> list[Line]:
    """The head of a slip that is not a sale (savings, retur...): the shop's name, address
    and phone, a rule, the slip's title, and CETAK ULANG on a reprint."""
    if width < MIN_WIDTH:
        raise ValueError(f"slip width {width} is below {MIN_WIDTH}")
    name, address, phone = shop
    lines = [*centered(name.upper(), width, bold=True)]
    if address:
        lines += centered(address, width)
    if phone:
        lines += centered(tr.t("receipt.phone", phone=phone), width)
    lines.append(rule(width, "="))
    lines += centered(title, width, bold=True)
    if reprint:
        lines += centered(tr.t("receipt.reprint"), width, bold=True)
    return lines


def signature_end(keep: str, width: int, tr: Translator) -> list[Line]:
    """The end of a slip the buyer signs: a rule, the signature's line, a rule, and `keep`
    (what to keep the slip for) centred."""
    lines = [rule(width), *wrapped(tr.t("slip.signature"), width), Line(""), Line("")]
    lines += centered("(" + "." * min(width - 4, 28) + ")", width)
    return [*lines, rule(width), *centered(keep, width)]


def rounding_line(rounding: int, width: int, tr: Translator) -> list[Line]:
    """The cash rounding (pembulatan), signed: `+100` or `-400`."""
    sign = "+" if rounding > 0 else "-"
    return pair(tr.t("receipt.rounding"), f"{sign}{format_number(abs(rounding))}", width)


def layout_receipt(receipt: Receipt, width: int, tr: Translator) -> list[Line]:
    """The lines of `receipt` for paper `width` characters wide."""
    if width < MIN_WIDTH:
        raise ValueError(f"receipt width {width} is below {MIN_WIDTH}")
    lines: list[Line] = []
    lines += centered(receipt.shop_name.upper(), width, bold=True)
    for part in receipt.header.splitlines():
        lines += centered(part, width)
    if receipt.shop_address:
        lines += centered(receipt.shop_address, width)
    if receipt.shop_phone:
        lines += centered(tr.t("receipt.phone", phone=receipt.shop_phone), width)
    if receipt.npwp:
        lines += centered(tr.t("receipt.npwp", npwp=receipt.npwp), width)
    lines.append(rule(width, "="))
    if receipt.reprint:
        lines += centered(tr.t("receipt.reprint"), width, bold=True)
    if receipt.void:
        lines += centered(tr.t("receipt.void"), width, bold=True)
    lines += pair(tr.t("receipt.number"), receipt.receipt_no, width)
    lines += pair(tr.t("receipt.date"), receipt.moment, width)
    lines += pair(tr.t("receipt.cashier"), receipt.cashier, width)
    if receipt.member:
        lines += [Line(part) for part in wrap(f"{tr.t('receipt.member')}: {receipt.member}", width)]
    lines.append(rule(width))
    for item in receipt.items:
        lines += [Line(part) for part in wrap(item.name, width)]
        detail = f"{item.quantity} x {format_number(item.unit_price)}"
        lines += pair(detail, format_number(item.amount), width, indent=2)
        if item.overridden:
            lines += [
                Line("  " + part) for part in wrap(tr.t("receipt.price_overridden"), width - 2)
            ]
        if item.saving:
            lines += pair(
                tr.t("receipt.line_saving"), f"-{format_number(item.saving)}", width, indent=2
            )
        if item.discount:
            lines += pair(
                tr.t("receipt.line_discount"), f"-{format_number(item.discount)}", width, indent=2
            )
    lines.append(rule(width))
    if receipt.member_discount:
        lines += pair(tr.t("receipt.gross"), format_number(receipt.gross), width)
        lines += pair(tr.t("receipt.saving"), f"-{format_number(receipt.member_discount)}", width)
    if receipt.sale_discount or receipt.rounding:
        subtotal = receipt.total - receipt.rounding + receipt.sale_discount
        lines += pair(tr.t("receipt.subtotal"), format_number(subtotal), width)
    if receipt.sale_discount:
        lines += pair(
            tr.t("receipt.sale_discount"), f"-{format_number(receipt.sale_discount)}", width
        )
    if receipt.rounding:
        lines += rounding_line(receipt.rounding, width, tr)
    lines += pair(tr.t("receipt.total"), format_rupiah(receipt.total), width, bold=True)
    for payment in receipt.payments:
        lines += pair(tr.t(METHOD[payment.method]), format_number(payment.tendered), width)
    if receipt.change or any(p.method == PaymentMethod.CASH for p in receipt.payments):
        lines += pair(tr.t("receipt.change"), format_number(receipt.change), width)
    if receipt.kasbon_owed is not None:  # the debt, and the member signs for it
        lines += pair(tr.t("receipt.kasbon_owed"), format_rupiah(receipt.kasbon_owed), width)
        lines += [Line(""), Line(""), *centered("(" + "." * min(24, width - 4) + ")", width)]
        lines += centered(tr.t("receipt.kasbon_sign"), width)
    if receipt.taxes:
        lines.append(rule(width))
        for tax in receipt.taxes:
            lines += pair(tr.t("receipt.tax_base", label=tax.label), format_number(tax.base), width)
            lines += pair(tr.t("receipt.tax", label=tax.label), format_number(tax.tax), width)
        lines += centered(tr.t("receipt.tax_included"), width)
    if receipt.member_discount:
        lines.append(rule(width))
        lines += centered(
            tr.t("receipt.you_saved", amount=format_rupiah(receipt.member_discount)), width
        )
    lines.append(rule(width))
    lines += centered(receipt.footer, width)
    return lines


def receipt_text(receipt: Receipt, width: int, tr: Translator) -> str:
    """The layout as plain text, one line each (what `gerai receipt show` prints)."""
    return "".join(line.text + "\n" for line in layout_receipt(receipt, width, tr))
