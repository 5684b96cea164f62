"""Ctrl+K: the buyer of regulated goods (LPG 3 kg, SPHP rice): scan or type the KTP's NIK (left
empty: the attached member's stored NIK), the KK number if the household's quota counts, and
the buyer's category (F2 changes it). The NIK is shown back masked to a kasir."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.phrases import BUYER_CATEGORY
from gerai.core.words import BuyerCategory
from gerai.services.sale.buyers import Buyer
from gerai.tui.base import GeraiDialog
from gerai.tui.styles import sheet
from gerai.tui.widgets.field import TextField


class BuyerDialog(GeraiDialog[Buyer]):
    """Who buys this sale's regulated goods."""

    CSS_PATH = sheet("dialogs")
    BINDINGS = [
        Binding("f2", "next_category", "ui.key.buyer_category", priority=True),
        Binding("escape", "cancel", "ui.key.cancel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.categories = list(BuyerCategory)
        self.category = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="buyer"):
            yield Label(t("ui.buyer.title"), classes="dialog-title")
            yield TextField(placeholder=t("ui.buyer.nik"), id="nik", max_length=24)
            yield TextField(placeholder=t("ui.buyer.kk"), id="kk", max_length=24)
            yield Label(self.category_text(), id="category")
            yield Label("", classes="dialog-error")
            yield Label(t("ui.buyer.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#nik", Input).focus()

    def category_text(self) -> str:
        """The chosen category, as the kasir reads it."""
        return t("ui.buyer.category", category=t(BUYER_CATEGORY[self.categories[self.category]]))

    def action_next_category(self) -> None:
        """F2: the next buyer category."""
        self.category = (self.category + 1) % len(self.categories)
        self.query_one("#category", Label).update(self.category_text())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "nik" and not self.query_one("#kk", Input).value:
            self.query_one("#kk", Input).focus()
            return
        try:
            buyer = self.till.set_buyer(
                self.query_one("#nik", Input).value,
                self.categories[self.category],
                self.query_one("#kk", Input).value or None,
            )
        except GeraiError as error:
            self.fail(error)
            return
        self.dismiss(buyer)
