"""The right-hand panel: the member on this sale and what they save, the total in large
digits, and after a sale the change to hand back."""

from __future__ import annotations

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
            member_line.update(t("ui.member.none"))
            member_line.remove_class("member")
        else:
            member_line.update(t("ui.member.line", number=member.number, name=member.name))
            member_line.add_class("member")
        saving, manual = totals.member_discount, totals.manual_discount
        self.query_one("#saving-line", Label).update(
            " ".join(
                [t("ui.member.saving", amount=format_rupiah(saving))] * bool(saving)
                + [t("ui.manual.saving", amount=format_rupiah(manual))] * bool(manual)
            )
        )
        self.query_one("#total-title", Label).update(t("ui.total"))
        self.query_one("#total-digits", Digits).update(format_number(totals.total))
        self.query_one("#lines-line", Label).update(t("ui.lines", count=totals.lines))
        self.remove_class("change")

    def show_change(self, result: SaleResult) -> None:
        """After a sale: the change, large, and the receipt number."""
        self.query_one("#member-line", Label).update(t("ui.sale.done", receipt=result.receipt_no))
        self.query_one("#saving-line", Label).update(
            t(
                "ui.sale.kasbon_done",
                amount=format_rupiah(result.kasbon),
                left=format_rupiah(result.kasbon_left),
            )
            if result.kasbon  # not "Dibayar": the member owes it
            else t(
                "ui.sale.paid", total=format_rupiah(result.total), paid=format_rupiah(result.paid)
            )
        )
        self.query_one("#total-title", Label).update(t("ui.change"))
        self.query_one("#total-digits", Digits).update(format_number(result.change))
        self.query_one("#lines-line", Label).update("")
        self.add_class("change")
