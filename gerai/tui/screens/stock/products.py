"""The products screen (F3 on the kasir screen): the catalogue read from the database one
page at a time (keyset on name and id), so it opens and scrolls at once on 100,000
products. Typing searches names, codes and barcodes; F4/F5/F6 filter by category, low stock
and inactive; Enter edits, F2 adds; F7 receives goods, F8 counts stock, F9 shows the stock
card, F10 repacks and F11 writes off the selected product. A price marked `*` has a shelf
label that is out of date (or none): F12 writes every such label to one PDF. Esc returns to
the kasir."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.money import format_number
from gerai.core.quantity import format_quantity
from gerai.core.words import Permission
from gerai.files import write_atomically
from gerai.services.shop.auth import Approval
from gerai.services.stock.catalog import ProductFilter, ProductInfo
from gerai.tui.permits import open_with_approval, with_approval
from gerai.tui.screens.stock.card import StockCardScreen
from gerai.tui.screens.stock.common import CategoryPicker, StockScreen
from gerai.tui.screens.stock.count import StockCountScreen
from gerai.tui.screens.stock.expiring import ExpiringScreen
from gerai.tui.screens.stock.moves import RepackDialog, WriteOffDialog
from gerai.tui.screens.stock.product_form import ProductDialog
from gerai.tui.screens.stock.receiving import ReceivingScreen
from gerai.tui.screens.stock.reorder import ReorderScreen
from gerai.tui.widgets.field import TextField
from gerai.tui.widgets.footer import Footer
from gerai.tui.widgets.paged_list import GAP, PAGING_BINDINGS, fit_columns

Key = tuple[str, int]


HEADER = {
    "code": "ui.products.code",
    "name": "ui.products.name",
    "category": "ui.products.category",
    "price": "ui.products.price",
    "member_price": "ui.products.member_price",
    "cost": "ui.products.cost",
    "stock": "ui.products.stock",
    "reorder": "ui.products.reorder",
}


def key_of(product: ProductInfo) -> Key:
    """The product's place in the (name, id) order."""
    return (product.name, product.id)


def from_(product: ProductInfo) -> Key:
    """A keyset bound just before `product`, so a page starts with it (ids are integers)."""
    return (product.name, product.id - 1)


# (key, width, right-aligned); the name takes the width the others leave
COLUMNS = (
    ("code", 14, False), ("name", 0, False), ("category", 12, False), ("price", 9, True),
    ("member_price", 9, True), ("cost", 9, True), ("stock", 12, True), ("reorder", 6, True),
)  # fmt: skip
KEYS = [key for key, _, _ in COLUMNS]
# left out, in this order, for the name to keep FLEXIBLE_MIN characters on a narrow terminal
GIVE_WAY = tuple(KEYS.index(key) for key in ("category", "cost", "member_price"))


@dataclass(frozen=True)
class Looks:
    """The styles a drawing of the list uses: the header, the rows (odd, even, under the
    cursor) and what marks low stock."""

    header: Style
    odd: Style
    even: Style
    cursor: Style
    low: Style


class ProductList(Widget):
    """One page of products drawn line by line (a DataTable measures and renders every cell
    of a new page as rich text, tens of milliseconds a page). The screen holds the rows and
    moves the cursor; focus stays in the search field."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "product-list--header",
        "product-list--cursor",
        "product-list--even",
        "product-list--low",
    }
    DEFAULT_CSS = """
    ProductList { height: 1fr; }
    ProductList > .product-list--header { text-style: bold; color: $text-accent; }
    ProductList > .product-list--cursor { background: $block-cursor-background;
        color: $block-cursor-foreground; text-style: bold; }
    ProductList > .product-list--even { background: $surface-lighten-1; }
    ProductList > .product-list--low { color: $text-error; text-style: bold; }
    """

    class Fits(Message):
        """The list was laid out: it shows `rows` rows."""

        def __init__(self, rows: int) -> None:
            super().__init__()
            self.rows = rows

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.products: list[ProductInfo] = []
        self.cursor = 0
        self.widths = [width for _, width, _ in COLUMNS]
        self.shown = list(range(len(COLUMNS)))
        self.header = [t(HEADER[key]) for key in KEYS]
        self._looks: Looks | None = None

    def on_resize(self) -> None:
        """The columns that fit beside the name (code, price and stock always), the name as
        wide as the others leave."""
        name = KEYS.index("name")
        self.shown, self.widths[name] = fit_columns(self.widths, name, GIVE_WAY, self.size.width)
        self.post_message(self.Fits(self.size.height - 1))  # the header takes a line

    def show(self, products: list[ProductInfo], cursor: int) -> None:
        """Draw these rows with the cursor on row `cursor`."""
        self.products, self.cursor = products, cursor
        self.refresh()

    def move_cursor(self, cursor: int) -> None:
        """Put the cursor on row `cursor`: only its old and new lines are drawn again."""
        lines = [Region(0, row + 1, self.size.width, 1) for row in {self.cursor, cursor}]
        self.cursor = cursor
        self.refresh(*lines)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._looks = None  # the styles are read again once for each drawing
        return super().render_lines(crop)

    def looks(self) -> Looks:
        """The styles of the lines, read once for a drawing (reading them walks the DOM)."""
        if self._looks is None:
            base = self.rich_style
            style = self.get_component_rich_style
            self._looks = Looks(
                style("product-list--header"),
                base,
                base + style("product-list--even"),
                style("product-list--cursor"),
                style("product-list--low"),
            )
        return self._looks

    def _line(self, cells: list[str], base: Style, low: Style | None = None) -> Strip:
        segments = []
        for index in self.shown:
            key, _, right = COLUMNS[index]
            cell, width = cells[index], self.widths[index]
            text = set_cell_size(cell, width) if not right else cell[-width:].rjust(width)
            style = low if low is not None and key == "stock" else base
            segments += [Segment(" " * GAP, base), Segment(text, style)]
        return Strip(segments).adjust_cell_length(self.size.width, base)

    def render_line(self, y: int) -> Strip:
        looks = self.looks()
        if y == 0:
            return self._line(self.header, looks.header)
        index = y - 1
        if index >= len(self.products):
            return Strip.blank(self.size.width, looks.odd)
        p = self.products[index]
        base = looks.cursor if index == self.cursor else looks.even if index % 2 else looks.odd
        low = p.active and p.stock <= p.reorder_level  # at or below the reorder level
        number = format_number
        cells = [
            p.code, p.name, p.category, ("*" if p.label_stale else "") + number(p.price),
            "" if p.member_price is None else number(p.member_price), number(p.cost),
            ("!" if low else "") + format_quantity(p.stock, p.unit),
            format_quantity(p.reorder_level),
        ]  # fmt: skip
        return self._line(cells, base, base + looks.low if low else None)


class ProductsScreen(StockScreen[None]):
    """The catalogue, a page at a time."""

    BINDINGS = [
        Binding("escape", "back", "ui.key.back"),
        # the keys that open a form are priority bindings and wait until it is mounted: the
        # keys typed right after them go into the form (type-ahead, issue 14)
        Binding("f2", "new", "ui.key.new_product", priority=True),
        Binding("f4", "category", "ui.key.category"),
        Binding("f5", "low", "ui.key.low_stock"),
        Binding("f6", "inactive", "ui.key.inactive"),
        Binding("f7", "receive", "ui.key.receive", priority=True),
        Binding("f8", "count", "ui.key.count", priority=True),
        Binding("f9", "card", "ui.key.card"),
        Binding("f10", "repack", "ui.key.repack", priority=True),
        Binding("f11", "write_off", "ui.key.write_off", priority=True),
        Binding("f3", "reorder", "ui.key.reorder"),
        Binding("ctrl+e", "expiring", "ui.key.expiring", priority=True),
        Binding("ctrl+t", "dated", "ui.key.dated", priority=True),
        Binding("f12", "labels", "ui.key.labels"),
        *PAGING_BINDINGS,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filters = ProductFilter()
        self.category_name = ""
        self.rows: list[ProductInfo] = []
        self.cursor = 0
        self.page_size = 0  # rows in a page, known once the list is laid out
        self.labels: dict[str, str] = {}  # the text each label shows, by selector

    def compose(self) -> ComposeResult:
        yield Label("", id="products-header", classes="stock-header")
        yield TextField(placeholder=t("ui.products.search"), id="search", classes="stock-search")
        yield Label("", id="filters", classes="stock-filters")
        yield ProductList(id="products", classes="stock-table")
        yield Label(t("ui.products.ready"), classes="stock-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#search", Input).focus()  # the first page comes once the list fits

    @property
    def selected(self) -> ProductInfo | None:
        """The product under the cursor."""
        return self.rows[self.cursor] if self.rows else None

    # --- paging -----------------------------------------------------------------------------

    def page(self, **where: Key) -> list[ProductInfo]:
        """Products of the filter after or before a key (see `product_page`)."""
        return self.till.product_page(self.filters, limit=self.page_size, **where)

    def show(self, rows: list[ProductInfo], cursor: int) -> None:
        """Show `rows` with the cursor on row `cursor` (kept inside the page)."""
        self.rows = rows
        self.cursor = max(0, min(cursor, len(rows) - 1))
        self.query_one(ProductList).show(rows, self.cursor)

    def reload(self, first: ProductInfo | None = None) -> None:
        """Fetch the page that starts at `first` (default: the first page); refresh the
        header and the filter line."""
        try:
            rows = self.page(after=from_(first)) if first is not None else self.page()
            low = self.till.low_stock_count()
        except GeraiError as error:
            self.fail(error)
            return
        self.show(rows, self.cursor if first is not None else 0)
        self.set_label(
            "#products-header", t("ui.products.header", shop=self.till.shop.name, low=low)
        )
        self.set_label("#filters", self.describe_filters())
        if not rows:
            self.say(t("ui.products.none"))

    def set_label(self, selector: str, text: str) -> None:
        """Show `text` in a label, unless it shows it already (an update lays the screen out
        again)."""
        if self.labels.get(selector) != text:
            self.labels[selector] = text
            self.query_one(selector, Label).update(text)

    def describe_filters(self) -> str:
        """The filters in force, in words."""
        parts = [self.category_name or t("ui.stock.all_categories")]
        parts.append(
            t("ui.products.only_inactive" if self.filters.inactive else "ui.products.only_active")
        )
        if self.filters.low_stock:
            parts.append(t("ui.products.only_low"))
        return t("ui.products.filters", filters=" · ".join(parts)) + t("ui.products.stale_hint")

    def on_product_list_fits(self, message: ProductList.Fits) -> None:
        """A page is as many rows as the list shows: (re)load it when that changes."""
        rows = max(1, message.rows)
        if rows != self.page_size:
            self.page_size = rows
            self.reload(self.rows[0] if self.rows else None)

    def action_move(self, step: int) -> None:
        """Arrows: move the cursor; past either end the page slides by one product."""
        target = self.cursor + step
        if 0 <= target < len(self.rows):
            self.cursor = target
            self.query_one(ProductList).move_cursor(target)
            return
        if not self.rows:
            return
        try:
            if step > 0:
                more = self.page(after=key_of(self.rows[-1]))[:1]
                rows = self.rows[1:] + more if more else self.rows
            else:
                more = self.page(before=key_of(self.rows[0]))[-1:]
                rows = more + self.rows[:-1] if more else self.rows
        except GeraiError as error:
            self.fail(error)
            return
        self.show(rows, self.cursor)

    def action_page(self, step: int) -> None:
        """PageDown/PageUp: the next or previous page (the cursor stays on its row)."""
        if not self.rows:
            return
        try:
            if step > 0:
                more = self.page(after=key_of(self.rows[-1]))
                rows = (self.rows + more)[-self.page_size :]
            else:
                more = self.page(before=key_of(self.rows[0]))
                rows = (more + self.rows)[: self.page_size]
        except GeraiError as error:
            self.fail(error)
            return
        edge = len(rows) - 1 if step > 0 else 0
        self.show(rows, self.cursor if more else edge)

    # --- search and filters -----------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        """Search as you type."""
        if event.input.id == "search":
            self.filters = ProductFilter(
                event.value,
                self.filters.category_id,
                self.filters.low_stock,
                self.filters.inactive,
            )
            self.reload()

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: edit the selected product."""
        event.stop()
        if (product := self.selected) is not None:
            await self.open_permitted(Permission.PRODUCTS, lambda ok: ProductDialog(product.id, ok))

    def action_category(self) -> None:
        """F4: show one category, or all."""
        self.app.push_screen(CategoryPicker(), self.category_chosen)

    def category_chosen(self, chosen: tuple[int | None, str] | None) -> None:
        if chosen is None:
            return
        category_id, name = chosen
        self.category_name = name if category_id is not None else ""
        self.filters = ProductFilter(
            self.filters.query, category_id, self.filters.low_stock, self.filters.inactive
        )
        self.reload()

    def action_low(self) -> None:
        """F5: only the products at or below their reorder level, or all again."""
        self.filters = ProductFilter(
            self.filters.query,
            self.filters.category_id,
            not self.filters.low_stock,
            self.filters.inactive,
        )
        self.reload()

    def action_inactive(self) -> None:
        """F6: the inactive products instead of the active ones, and back."""
        self.filters = ProductFilter(
            self.filters.query,
            self.filters.category_id,
            self.filters.low_stock,
            not self.filters.inactive,
        )
        self.reload()

    # --- actions on products ----------------------------------------------------------------

    def action_back(self) -> None:
        """Esc: back to the kasir screen."""
        self.dismiss(None)

    def permitted(
        self, permission: Permission, open_screen: Callable[[Approval | None], object]
    ) -> None:
        """Open a form of `permission` (products: admins; stock: bendahara or admin), with a
        supervisor's approval when the user logged in needs one."""
        with_approval(self.app, permission, open_screen, self.fail)

    async def open_permitted(
        self, permission: Permission, screen: Callable[[Approval | None], Screen[Any]]
    ) -> None:
        """Open the form `screen` makes, like `permitted`, before the next key is read."""
        await open_with_approval(
            self.app, permission, lambda ok: self.app.push_screen(screen(ok), self.done), self.fail
        )

    async def action_new(self) -> None:
        """F2: a new product."""
        await self.open_permitted(Permission.PRODUCTS, lambda ok: ProductDialog(None, ok))

    def refresh_page(self, message: str) -> None:
        """Fetch the current page again (stock or prices changed) and say what happened."""
        self.reload(self.rows[0] if self.rows else None)
        self.say(message)

    async def action_receive(self) -> None:
        """F7: barang masuk."""
        await self.open_permitted(Permission.STOCK, ReceivingScreen)

    async def action_count(self) -> None:
        """F8: stok opname."""
        await self.open_permitted(Permission.STOCK, StockCountScreen)

    def done(self, result: str | int | None) -> None:
        """A form was saved (a product's id) or a stock document written (what to say): show
        the page again with the new stock."""
        if isinstance(result, int):
            self.refresh_page(t("ui.products.saved"))
        elif result:
            self.refresh_page(result)

    def action_card(self) -> None:
        """F9: the stock card of the selected product."""
        if self.selected is not None:
            self.app.push_screen(StockCardScreen(self.selected.id))

    def action_labels(self) -> None:
        """F12: the shelf labels that are out of date, written to one PDF next to the
        database, then recorded as printed."""
        self.say(t("ui.products.labels_writing"))
        self.write_labels()

    @work(thread=True, group="labels")
    def write_labels(self) -> None:
        """Build the labels' PDF off the UI thread."""
        from gerai.exports.labels_pdf import labels_pdf

        app, till = self.app, self.till
        folder = till.database.path.parent if till.database.path else Path.cwd()
        target = folder / f"label-harga-{till.today().isoformat()}.pdf"
        try:
            found = till.shelf_labels(stale=True)
            write_atomically(target, labels_pdf(found, till.today(), till.shop.name))
            till.labels_printed(found)
        except GeraiError as error:
            if error.key == "labels.none":
                app.call_from_thread(self.say, t("ui.products.labels_current"))
            else:
                app.call_from_thread(self.fail, error)
            return
        app.call_from_thread(
            self.refresh_page, t("ui.products.labels_written", count=len(found), path=str(target))
        )

    def action_reorder(self) -> None:
        """F3: what to order (pesan barang)."""
        self.app.push_screen(ReorderScreen())

    def action_expiring(self) -> None:
        """Ctrl+E: what expires soon (issue 17)."""
        self.app.push_screen(ExpiringScreen(), self.done)

    def action_dated(self) -> None:
        """Ctrl+T: mark the selected product dated (kept per batch, first-expiry-first), or
        no longer (issue 17)."""
        if (product := self.selected) is None:
            return

        def toggle(approval: Approval | None) -> None:
            try:
                dated = not self.till.is_dated(product.id)
                self.till.set_dated(product.code, dated, approval)
            except GeraiError as error:
                self.fail(error)
                return
            key = "cli.dated_on" if dated else "cli.dated_off"
            self.refresh_page(t(key, code=product.code))

        self.permitted(Permission.STOCK, toggle)

    async def action_repack(self) -> None:
        """F10: repack the selected product into another."""
        if (product := self.selected) is not None:
            await self.open_permitted(Permission.STOCK, lambda ok: RepackDialog(product, ok))

    async def action_write_off(self) -> None:
        """F11: write off some of the selected product."""
        if (product := self.selected) is not None:
            await self.open_permitted(Permission.STOCK, lambda ok: WriteOffDialog(product, ok))
