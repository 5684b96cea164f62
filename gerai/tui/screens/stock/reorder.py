"""What to order (F3 on the products screen): `gerai stock reorder` on screen, the products to
order grouped by supplier with the daily average, stock, need and the suggested quantity in
whole packs. The window, lead and safety days are the command's defaults. F2 makes the
purchase orders of the suggestions (one per supplier), F4 lists the orders (issue 17)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.quantity import format_quantity
from gerai.core.words import Permission
from gerai.services.shop.auth import Approval
from gerai.services.stock.reorder import (
    DEFAULT_LEAD_DAYS,
    DEFAULT_SAFETY_DAYS,
    DEFAULT_WINDOW_DAYS,
    Suggestion,
)
from gerai.tui.permits import with_approval
from gerai.tui.screens.stock.common import StockDialog, fit_column
from gerai.tui.screens.stock.purchase_orders import PurchaseOrdersScreen

_COLUMNS = (
    ("code", "ui.reorder.code", 10, False),
    ("name", "ui.reorder.name", 12, False),
    ("average", "ui.reorder.average", 10, True),
    ("stock", "ui.reorder.stock", 8, True),
    ("suggested", "ui.reorder.suggested", 9, True),
    ("packs", "ui.reorder.packs", 10, True),
)


def _basis() -> str:
    """What the suggestions are worked out from."""
    return t(
        "ui.reorder.basis",
        window=DEFAULT_WINDOW_DAYS,
        lead=DEFAULT_LEAD_DAYS,
        safety=DEFAULT_SAFETY_DAYS,
    )


class ReorderScreen(StockDialog[None]):
    """The reorder suggestions, a supplier's name above its products."""

    BINDINGS = [
        Binding("escape,f3", "cancel", "ui.key.close"),
        Binding("f2", "make_orders", "ui.po.key.make"),
        Binding("f4", "orders", "ui.po.key.list"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="reorder"):
            yield Label(t("ui.reorder.title"), classes="dialog-title")
            yield Label(_basis(), id="reorder-basis")
            yield DataTable(id="reorder-table", cursor_type="row", zebra_stripes=True)
            yield Label("", classes="dialog-error")
            yield Label(t("ui.po.reorder_hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        table = self.query_one("#reorder-table", DataTable)
        for key, title_key, width, numeric in _COLUMNS:
            title = t(title_key)
            table.add_column(
                Text(title, justify="right") if numeric else title, width=width, key=key
            )
        try:
            found = self.till.reorder(DEFAULT_WINDOW_DAYS, DEFAULT_LEAD_DAYS, DEFAULT_SAFETY_DAYS)
        except GeraiError as error:
            self.fail(error)
            return
        self.show(found)
        table.focus()
        self.call_after_refresh(fit_column, table, "name")

    def on_resize(self) -> None:
        self.call_after_refresh(fit_column, self.query_one("#reorder-table", DataTable), "name")

    def show(self, found: list[Suggestion]) -> None:
        """A row naming each supplier (in the name column, the widest), then a row per product
        of it."""
        table = self.query_one("#reorder-table", DataTable)
        supplier: str | None = None
        for s in found:
            if s.supplier != supplier:
                supplier = s.supplier
                table.add_row(
                    "", Text(s.supplier or t("cli.reorder_no_supplier"), style="bold"),
                    "", "", "", "",
                )  # fmt: skip
            right = [
                format_quantity(s.daily_average, s.unit),
                format_quantity(s.stock, s.unit),
                format_quantity(s.suggested, s.unit),
                f"{format_quantity(s.packs)} {s.pack or s.unit}",
            ]
            table.add_row(s.code, s.name, *(Text(c, justify="right") for c in right))
        self.query_one("#reorder-basis", Label).update(_basis() if found else t("ui.reorder.none"))

    # --- purchase orders (issue 17) ---------------------------------------------------------

    def action_make_orders(self) -> None:
        """F2: one purchase order per supplier of these suggestions, then the orders' list."""

        def make(approval: Approval | None) -> None:
            try:
                numbers = self.till.orders_from_reorder(
                    DEFAULT_WINDOW_DAYS, DEFAULT_LEAD_DAYS, DEFAULT_SAFETY_DAYS, approval
                )
            except GeraiError as error:
                self.fail(error)
                return
            message = t("ui.po.made", count=len(numbers), numbers=", ".join(numbers))
            self.app.push_screen(PurchaseOrdersScreen(message), self.orders_closed)

        with_approval(self.app, Permission.STOCK, make, self.fail)

    def action_orders(self) -> None:
        """F4: the purchase orders."""
        self.app.push_screen(PurchaseOrdersScreen(), self.orders_closed)

    def orders_closed(self, _: None) -> None:
        """Back from the orders: what is on order changed the suggestions."""
        table = self.query_one("#reorder-table", DataTable)
        table.clear()
        self.show(self.till.reorder(DEFAULT_WINDOW_DAYS, DEFAULT_LEAD_DAYS, DEFAULT_SAFETY_DAYS))
