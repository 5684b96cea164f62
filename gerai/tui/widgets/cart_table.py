"""The cart as a table: one row a line, the selected line highlighted. Focus stays in the
scan field; the kasir screen moves the selection."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from gerai.core.i18n import t
from gerai.core.money import format_number
from gerai.core.quantity import format_quantity
from gerai.services.sale.cart import LineView

NAME_MIN = 24


class CartTable(DataTable[str | Text]):
    """Rows of (no, name, quantity, price, amount)."""

    can_focus = False
    _blank: Strip | None = None  # the empty line below the rows, made once a drawing

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

    def render_lines(self, crop: Region) -> list[Strip]:
        self._blank = None
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """A line of the table; below the last row, the one empty line of this drawing (the
        table reaches the bottom of the screen: most of it is empty below a few lines, and
        Textual's DataTable works out the table's style again for each of them)."""
        rows_end = self.header_height + self._total_row_height
        if y >= self.header_height and y + self.scroll_offset.y >= rows_end:
            if self._blank is None:
                self._blank = Strip.blank(self.size.width, self.rich_style)
            return self._blank
        return super().render_line(y)

    def show(self, views: list[LineView], selected: int) -> None:
        """Show these lines and select line `selected`. The lines already shown in the same
        order keep their rows (only the cells that changed are set again, and only their rows
        are drawn again) and new ones are added below; otherwise the table is filled again."""
        rows = [cells(number, view) for number, view in enumerate(views, start=1)]
        keys = [str(view.product.id) for view in views]
        shown = [str(key.value) for key in self.rows]
        if shown != keys[: len(shown)]:
            self.clear()
            shown = []
        generation = self._update_count
        changed: set[RowKey] = set()
        for key, row in zip(shown, rows, strict=False):
            for column, value in zip(self.columns, row, strict=True):
                if self.get_cell(key, column) != value:
                    self.update_cell(key, column, value)
                    changed.add(RowKey(key))
        for key, row in zip(keys[len(shown) :], rows[len(shown) :], strict=True):
            self.add_row(*row, key=key)
        if shown:
            self._keep_drawn(generation, changed)
        if views:
            self.move_cursor(row=selected, animate=False)

    def _keep_drawn(self, generation: int, changed: set[RowKey]) -> None:
        """Rows were added below or cells set in place: keep what is drawn of the rows that
        did not change. Textual's DataTable counts every change (`_update_count`, in the keys
        of its render caches), which draws every row again, cell by cell, for each line
        scanned; here the count goes back to what it was and only the changed rows' renders
        are dropped. Only while every column has a fixed width (a new row widens none) and the
        rows kept their places (rows added at the end, none removed). Relies on the internals
        of Textual's DataTable (pinned in pyproject.toml): tests/test_kasir_cart_table.py
        compares what is drawn with the table drawn afresh."""
        if any(column.auto_width for column in self.columns.values()):
            return
        self._update_count = generation
        indexes = {self._row_locations.get(key) for key in changed}
        drop(self._cell_render_cache, lambda key: key[0] in changed)  # (row, column, ...)
        drop(self._row_render_cache, lambda key: key[0] in changed)  # (row, line, ...)
        drop(self._row_renderable_cache, lambda key: key[1] in indexes)  # (count, index)
        self._line_cache.clear()
        self._offset_cache.clear()
        self._ordered_row_cache.clear()
        self.refresh()


def drop(cache: LRUCache[Any, Any], stale: Callable[[Any], bool]) -> None:
    """Drop the entries of `cache` whose key is `stale`."""
    for key in [key for key in cache.keys() if stale(key)]:  # noqa: SIM118 (no __iter__)
        cache.discard(key)


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
