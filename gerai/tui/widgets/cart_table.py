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

NAME_MIN = 24


class CartTable(DataTable[str | Text]):
    """Rows of (no, name, quantity, price, amount)."""

    can_focus = False

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.add_column("#", width=3, key="no")
        self.add_column(t("ui.cart.item"), key="name")
        # Widths for the largest amounts a counter sees (99.999 kg, Rp9.999.999, Rp99.999.999):
        # every other column is the product name's, at least NAME_MIN characters at 80 columns.
        self.add_column(t("ui.cart.qty"), width=9, key="qty")
        self.add_column(t("ui.cart.price"), width=9, key="price")
        self.add_column(t("ui.cart.amount"), width=10, key="amount")

    def on_resize(self) -> None:
        """The name column takes the width the others leave."""
        fixed = sum(c.width for key, c in self.columns.items() if key.value != "name")
        padding = 2 * self.cell_padding * len(self.columns)
        self.columns[ColumnKey("name")].width = max(NAME_MIN, self.size.width - fixed - padding - 2)
        self.columns[ColumnKey("name")].auto_width = False
        self.refresh()

    def show(self, views: list[LineView], selected: int) -> None:
        """Show these lines and select line `selected`. The lines already shown in the same
        order keep their rows (only the cells that changed are set again) and new ones are
        added below; otherwise the table is filled again."""
        rows = [cells(number, view) for number, view in enumerate(views, start=1)]
        keys = [str(view.product.id) for view in views]
        shown = [str(key.value) for key in self.rows]
        if shown != keys[: len(shown)]:
            self.clear()
            shown = []
        for key, row in zip(shown, rows, strict=False):
            for column, value in zip(self.columns, row, strict=True):
                if self.get_cell(key, column) != value:
                    self.update_cell(key, column, value)
        for key, row in zip(keys[len(shown) :], rows[len(shown) :], strict=True):
            self.add_row(*row, key=key)
        if views:
            self.move_cursor(row=selected, animate=False)


def cells(number: int, view: LineView) -> list[str | Text]:
    """The cells of line `number`: its number, name, quantity, unit price (yellow when set by
    hand, green when not the regular price) and amount (yellow with a line discount)."""
    price = Text(format_number(view.unit_price), justify="right")
    if view.overridden:
        price.stylize("bold yellow")
    elif view.unit_price != view.regular_price:
        price.stylize("bold green")
    amount = Text(format_number(view.amount), justify="right")
    if view.line_discount:
        amount.stylize("bold yellow")
    return [
        str(number),
        view.product.name,
        Text(format_quantity(view.qty, view.product.unit), justify="right"),
        price,
        amount,
    ]
