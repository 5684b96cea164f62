"""The stock card (F9 on the products screen): the latest movements of one product with their
date and time in the shop's zone, kind, reference, (for a dated product) the batches each went
into or out of, quantity and the running balance."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.phrases import CARD_COLUMN
from gerai.core.quantity import format_quantity
from gerai.exports.stock_card import describe, shown_cells
from gerai.services.stock.card import StockCard
from gerai.tui.screens.stock.common import StockDialog, fit_column

CARD_LINES = 500


class StockCardScreen(StockDialog[None]):
    """One product's card: the last CARD_LINES movements after their opening balance."""

    BINDINGS = [Binding("escape,f9,enter", "cancel", "ui.key.close")]

    def __init__(self, product_id: int) -> None:
        super().__init__()
        self.product_id = product_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="stock-card"):
            yield Label(t("stockadm.card"), id="card-title", classes="dialog-title")
            yield Label("", id="card-opening")
            yield DataTable(id="card-table", cursor_type="row", zebra_stripes=True)
            yield Label("", classes="dialog-error")
            yield Label(t("ui.card.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        table = self.query_one("#card-table", DataTable)
        try:
            card = self.till.stock_card(self.product_id, CARD_LINES)
        except GeraiError as error:
            self.fail(error)
            return
        for key in card.columns:
            title = t(CARD_COLUMN[key])
            numeric = key in ("in", "out", "balance")
            width = {"date": 10, "time": 10, "kind": 12, "ref": 16, "batch": 16}.get(key, 9)
            table.add_column(
                Text(title, justify="right") if numeric else title, width=width, key=key
            )
        self.show(card)
        table.focus()

    def on_resize(self) -> None:
        self.call_after_refresh(fit_column, self.query_one("#card-table", DataTable), "note")

    def show(self, card: StockCard) -> None:
        """Title, opening balance and one row per movement, the newest selected."""
        shop, unit = self.till.shop, card.product.unit
        self.query_one("#card-title", Label).update(f"{t('stockadm.card')} · {describe(card)}")
        self.query_one("#card-opening", Label).update(
            t("ui.card.opening", balance=format_quantity(card.opening, unit), count=len(card.lines))
        )
        table = self.query_one("#card-table", DataTable)
        for line in card.lines:
            cells = shown_cells(line, shop, dated=card.dated)
            table.add_row(*cells[:-3], *(Text(c, justify="right") for c in cells[-3:]))
        if card.lines:
            table.move_cursor(row=len(card.lines) - 1, animate=False)
