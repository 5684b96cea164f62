"""The cart as a table: one row a line, the selected line highlighted. Focus stays in the
scan field; the kasir screen moves the selection."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from gerai.core.i18n import t
from gerai.core.money import format_number
from gerai.core.quantity import format_quantity
from gerai.services.sale.cart import LineView


class CartTable(DataTable[str | Text]):
    """Rows of (no, name, quantity, price, amount)."""

    can_focus = False

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.add_column("#", width=3, key="no")
        self.add_column(t("ui.cart.item"), key="name")
        self.add_column(t("ui.cart.qty"), width=12, key="qty")
        self.add_column(t("ui.cart.price"), width=11, key="price")
        self.add_column(t("ui.cart.amount"), width=13, key="amount")

    def on_resize(self) -> None:
        """The name column takes the width the others leave."""
        fixed = sum(c.width for key, c in self.columns.items() if key.value != "name")
        padding = 2 * self.cell_padding * len(self.columns)
        self.columns[ColumnKey("name")].width = max(12, self.size.width - fixed - padding - 2)
        self.columns[ColumnKey("name")].auto_width = False
        self.refresh()

    def show(self, views: list[LineView], selected: int) -> None:
        """Redraw the rows and select line `selected`."""
        self.clear()
        for number, view in enumerate(views, start=1):
            price = Text(format_number(view.unit_price), justify="right")
            if view.unit_price != view.regular_price:
                price.stylize("bold green")
            self.add_row(
                str(number),
                view.product.name,
                Text(format_quantity(view.qty, view.product.unit), justify="right"),
                price,
                Text(format_number(view.amount), justify="right"),
                key=str(view.product.id),
            )
        if views:
            self.move_cursor(row=selected, animate=False)
