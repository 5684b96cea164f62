"""Manual prices and discounts at the counter (issue 14): Ctrl+O sets the selected line's price,
Ctrl+T its discount, Ctrl+G a discount on the whole sale. A discount is typed as a percent
(`10%`, `2,5%`) or in Rupiah (`5000`, `5.000`); an empty entry takes it away. The cart's rules
are checked first (HET, size); one that sells below cost (HPP) is said in the dialog and a
second Enter on the same value confirms it. Then, for a kasir, a supervisor's PIN (the one
approval path, `gerai.tui.permits`), and the till records who allowed it."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.money import format_rupiah, parse_basis_points, parse_rupiah
from gerai.services.sale.manual import ManualChange
from gerai.tui.permits import with_approval
from gerai.tui.screens.sale.void_retur import EntryDialog

if TYPE_CHECKING:
    from gerai.tui.screens.sale.kasir import KasirScreen

REMOVE = "remove"  # the dialog's result for an empty entry: take the price or discount away


class ManualDialog(EntryDialog):
    """One manual price (`price`) or discount of line `index`, or of the sale (`index` None);
    dismissed with the checked ManualChange, REMOVE, or None (Esc)."""

    def __init__(self, kasir: KasirScreen, index: int | None, price: bool) -> None:
        self.index, self.price = index, price
        self.below_cost_value: str | None = None  # the value whose below-cost warning was shown
        cart = kasir.cart
        if index is None:
            title = t("ui.manual.sale_title")
            info = [t("ui.manual.sale_info", total=format_rupiah(cart.totals().subtotal))]
        else:
            view = cart.view()[index]
            key = "ui.manual.price_title" if price else "ui.manual.line_title"
            title = t(key, name=view.product.name)
            info = [
                t(
                    "ui.manual.line_info",
                    price=format_rupiah(view.unit_price),
                    amount=format_rupiah(view.amount),
                    cost=format_rupiah(view.product.cost),
                )
            ]
        placeholder = t("ui.manual.price_entry" if price else "ui.manual.discount_entry")
        super().__init__(title, info, placeholder, t("ui.manual.hint"))

    def take(self, value: str) -> ManualChange | str:
        """The change typed, checked against the cart's rules (not yet allowed by anyone)."""
        text = value.strip()
        if not text:
            return REMOVE
        change = self.parse(text)
        if self.below_cost_value == text:
            change = replace(change, below_cost_ok=True)
        try:
            self.till.check_manual(change)
        except GeraiError as error:
            if not error.key.startswith("discount.below_cost"):
                raise
            self.below_cost_value = text
            raise GeraiError("ui.manual.below_cost_again", reason=error.message()) from error
        return change

    def parse(self, text: str) -> ManualChange:
        """A price in Rupiah, or a discount in percent (ending `%`) or Rupiah."""
        try:
            if self.price:
                return ManualChange(self.index, price=parse_rupiah(text))
            if text.endswith("%"):
                return ManualChange(self.index, bp=parse_basis_points(text))
            return ManualChange(self.index, amount=parse_rupiah(text))
        except ValueError as exc:
            raise GeraiError("ui.manual.bad_value", value=text) from exc


async def ask_manual(kasir: KasirScreen, index: int | None, price: bool) -> None:
    """Open the dialog for the selected line (or the sale), then ask for approval and apply."""
    if not kasir.cart.lines:
        kasir.fail(GeraiError("pay.empty_cart"))
        return

    def done(result: ManualChange | str | None) -> None:
        if result is None:
            return
        if result == REMOVE:
            try:
                kasir.till.remove_manual(index, price)
            except GeraiError as error:
                kasir.fail(error)
                return
            kasir.refresh_cart()
            kasir.say(t("ui.status.manual_removed"))
            return
        assert isinstance(result, ManualChange)
        change = result

        def apply(approval: object) -> None:
            try:
                kasir.till.manual(change, approval)  # type: ignore[arg-type]
            except GeraiError as error:
                kasir.fail(error)
                return
            kasir.refresh_cart()
            kasir.say(t("ui.status.manual_done", total=format_rupiah(kasir.cart.totals().total)))

        with_approval(kasir.app, change.permission, apply, kasir.fail)

    await kasir.open_dialog(ManualDialog(kasir, index, price), done)
