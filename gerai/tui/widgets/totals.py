"""The right-hand panel: the member on this sale and what they save, the total in large
digits, and after a sale the change to hand back."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Label

from gerai.core.i18n import t
from gerai.core.money import format_number, format_rupiah
from gerai.services.members.lookup import MemberInfo
from gerai.services.sale.cart import CartTotals
from gerai.services.sale.checkout import SaleResult


class TotalsPanel(Horizontal):
    """Member, savings, total; or the change of the sale just made. Beside the cart on a wide
    terminal (its two parts stacked); below it on a narrow one (side by side, the total on the
    right), so the cart keeps the width for the product names."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.texts: dict[str, str] = {}  # what each label and the digits show, by selector

    def compose(self) -> ComposeResult:
        with Vertical(id="totals-info"):
            yield Label(t("ui.member.none"), id="member-line")
            yield Label("", id="saving-line")
        with Vertical(id="totals-sum"):
            yield Label(t("ui.total"), id="total-title")
            yield Digits("0", id="total-digits")
            yield Label("", id="lines-line")

    def show_cart(self, totals: CartTotals, member: MemberInfo | None) -> None:
        """Show the cart's member and totals."""
        member_line = self.query_one("#member-line", Label)
        if member is None:
            self.set_text("#member-line", t("ui.member.none"))
            member_line.remove_class("member")
        else:
            self.set_text(
                "#member-line", t("ui.member.line", number=member.number, name=member.name)
            )
            member_line.add_class("member")
        saving, manual = totals.member_discount, totals.manual_discount
        self.set_text(
            "#saving-line",
            " ".join(
                [t("ui.member.saving", amount=format_rupiah(saving))] * bool(saving)
                + [t("ui.manual.saving", amount=format_rupiah(manual))] * bool(manual)
            ),
        )
        self.set_text("#total-title", t("ui.total"))
        self.set_text("#total-digits", format_number(totals.total))
        self.set_text("#lines-line", t("ui.lines", count=totals.lines))
        self.remove_class("change")

    def set_text(self, selector: str, text: str) -> None:
        """Show `text` in a label (or the digits), unless it shows it already: each update
        draws it again and lays the panel out again."""
        if self.texts.get(selector) != text:
            self.texts[selector] = text
            widget = self.query_one(selector)
            assert isinstance(widget, Label | Digits)
            widget.update(text)

    def show_change(self, result: SaleResult) -> None:
        """After a sale: the change, large, and the receipt number."""
        self.set_text("#member-line", t("ui.sale.done", receipt=result.receipt_no))
        self.set_text(
            "#saving-line",
            t(
                "ui.sale.kasbon_done",
                amount=format_rupiah(result.kasbon),
                left=format_rupiah(result.kasbon_left),
            )
            if result.kasbon  # not "Dibayar": the member owes it
            else t(
                "ui.sale.paid", total=format_rupiah(result.total), paid=format_rupiah(result.paid)
            ),
        )
        self.set_text("#total-title", t("ui.change"))
        self.set_text("#total-digits", format_number(result.change))
        self.set_text("#lines-line", "")
        self.add_class("change")
