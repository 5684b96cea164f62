"""Stok opname (F8 on the products screen): choose a category (F4) or every product (F5), or
just scan. A scanned code counts one more of it (`12*CODE` twelve more); a number typed on
its own sets the count of the selected line. A dated product is counted per batch: one line
for each batch holding stock, with its expiry (a scan counts into the earliest; a number
typed sets the selected batch's count). The table shows expected, counted, the difference and
its value at HPP; Ctrl+S confirms with the reason."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Input, Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.money import format_number, format_rupiah
from gerai.core.quantity import MAX_QUANTITY, format_quantity
from gerai.services.sale.cart import parse_scan
from gerai.services.shop.auth import Approval
from gerai.services.stock.batches import BatchInfo
from gerai.services.stock.catalog import ProductInfo
from gerai.services.stock.count import CountLine
from gerai.services.stock.inventory import quantity
from gerai.tui.discard import AskBeforeDiscard
from gerai.tui.screens.stock.common import CategoryPicker, StockScreen, fit_column
from gerai.tui.widgets.field import TextField
from gerai.tui.widgets.scan_field import ScanField

COLUMNS = {
    "expected": "ui.count.expected",
    "counted": "ui.count.counted",
    "difference": "ui.count.difference",
    "value": "ui.count.value",
}


@dataclass
class CountRow:
    """A product (or one batch of a dated product) on the count sheet and what was counted of
    it so far (None: not yet)."""

    product: ProductInfo
    counted: Decimal | None = None
    batch: BatchInfo | None = None

    @property
    def key(self) -> str:
        """The row's key in the table."""
        return f"{self.product.id}:{self.batch.id}" if self.batch else str(self.product.id)

    @property
    def expected(self) -> Decimal:
        """What the books hold: the batch's quantity, or the product's stock."""
        return self.batch.qty if self.batch else self.product.stock

    def line(self) -> CountLine | None:
        """The counted line, once counted."""
        if self.counted is None:
            return None
        return CountLine(self.product, self.expected, self.counted)

    def name(self) -> str:
        """The product's name; a batch's expiry and code after it."""
        if self.batch is None:
            return self.product.name
        expiry = self.batch.expiry.isoformat() if self.batch.expiry else t("ui.count.no_expiry")
        line = t("ui.count.batch_line", name=self.product.name, expiry=expiry,
                 batch=self.batch.batch)  # fmt: skip
        return line.rstrip()


class StockCountScreen(AskBeforeDiscard, StockScreen[str | None]):
    """A stock count; dismissed with what was confirmed (or None)."""

    BINDINGS = [
        Binding("ctrl+s", "confirm", "ui.key.confirm_count"),
        Binding("f4", "category", "ui.key.category"),
        Binding("f5", "everything", "ui.key.count_all"),
        Binding("escape", "cancel", "ui.key.cancel"),
        Binding("up", "move(-1)", "ui.key.up", show=False),
        Binding("down", "move(1)", "ui.key.down", show=False),
    ]

    def __init__(self, approval: Approval | None = None) -> None:
        super().__init__()
        self.approval = approval  # a supervisor's, when the user logged in is a kasir
        self.rows: list[CountRow] = []
        self.scopes: list[str] = []
        self.scanned = False
        self.held: dict[int, list[BatchInfo]] | None = None  # dated products' batches

    def compose(self) -> ComposeResult:
        yield Label(t("ui.count.title"), classes="stock-header")
        yield Label("", id="count-scope", classes="stock-filters")
        yield ScanField(placeholder=t("ui.count.entry"), id="entry", classes="stock-search")
        yield DataTable(id="count-lines", classes="stock-table", cursor_type="row")
        yield Label("", id="count-summary", classes="stock-summary")
        yield TextField(placeholder=t("ui.count.reason"), id="reason", classes="stock-search")
        yield Label(t("ui.count.ready"), classes="stock-status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#count-lines", DataTable)
        table.can_focus = False
        table.add_column(t("ui.products.code"), width=14, key="code")
        table.add_column(t("ui.products.name"), key="name")
        for key, title in COLUMNS.items():
            table.add_column(Text(t(title), justify="right"), width=12, key=key)
        self.query_one("#entry", ScanField).focus()
        self.show_all()

    def on_resize(self) -> None:
        fit_column(self.query_one("#count-lines", DataTable), "name")

    # --- the sheet --------------------------------------------------------------------------

    def cells(self, row: CountRow) -> list[str | Text]:
        """A row's cells: code, name, expected, counted, difference, value."""
        unit = row.product.unit
        line = row.line()
        blank = Text("")
        cells: list[str | Text] = [
            row.product.code,
            row.name(),
            Text(format_quantity(row.expected, unit), justify="right"),
        ]
        if line is None:
            return [*cells, blank, blank, blank]
        style = "bold red" if line.difference < 0 else "bold green" if line.difference else ""
        return [
            *cells,
            Text(format_quantity(line.counted, unit), justify="right"),
            Text(format_quantity(line.difference, unit), justify="right", style=style),
            Text(format_number(line.value), justify="right", style=style),
        ]

    def show_all(self) -> None:
        """Redraw the sheet (after the scope changes)."""
        table = self.query_one("#count-lines", DataTable)
        table.clear()
        for row in self.rows:
            table.add_row(*self.cells(row), key=row.key)
        self.show_summary()

    def show_row(self, index: int) -> None:
        """Redraw one row and select it."""
        table = self.query_one("#count-lines", DataTable)
        row = self.rows[index]
        if index >= table.row_count:
            table.add_row(*self.cells(row), key=row.key)
        else:
            for key, cell in zip(("code", "name", *COLUMNS), self.cells(row), strict=False):
                table.update_cell(row.key, key, cell)
        table.move_cursor(row=index, animate=False)
        self.show_summary()

    def show_summary(self) -> None:
        """What is counted so far, the differences and their value; the scope."""
        lines = [line for row in self.rows if (line := row.line()) is not None]
        differing = [line for line in lines if line.difference]
        self.query_one("#count-summary", Label).update(
            t(
                "ui.count.summary",
                counted=len(lines),
                listed=len(self.rows),
                differing=len(differing),
                value=format_rupiah(sum(line.value for line in lines)),
            )
        )
        self.query_one("#count-scope", Label).update(t("ui.count.scope", scope=self.scope()))

    def scope(self) -> str:
        """What this count covers, in words: the categories, all, and what was scanned."""
        scanned = [t("ui.count.scope_scan")] if self.scanned or not self.scopes else []
        return ", ".join([*self.scopes, *scanned])

    def add_products(self, products: list[ProductInfo], scope: str) -> None:
        """Put products on the sheet (those already there keep their count)."""
        present = {row.product.id for row in self.rows}
        first = len(self.rows)
        for product in products:
            if product.id not in present:
                self.rows.extend(self.rows_of(product))
        self.scopes.append(scope)
        self.show_all()
        if first < len(self.rows):
            self.query_one("#count-lines", DataTable).move_cursor(row=first, animate=False)

    def rows_of(self, product: ProductInfo) -> list[CountRow]:
        """A product's lines: one per batch holding stock for a dated product, else one."""
        if self.held is None:
            self.held = {}
            for batch in self.till.batches():
                self.held.setdefault(batch.product_id, []).append(batch)
        return [CountRow(product, batch=b) for b in self.held.get(product.id, [])] or [
            CountRow(product)
        ]

    def entries(self) -> list[tuple[str, Any]]:
        """What was counted, for the till: (code, quantity), or for a dated product (code,
        {batch id: quantity}) of its batches counted."""
        entries: dict[str, Any] = {}
        for row in self.rows:
            if row.counted is None:
                continue
            if row.batch is None:
                entries[row.product.code] = row.counted
            else:
                entries.setdefault(row.product.code, {})[row.batch.id] = row.counted
        return list(entries.items())

    # --- entering counts --------------------------------------------------------------------

    def on_scan_field_scanned(self, message: ScanField.Scanned) -> None:
        message.stop()
        if message.value.strip():
            self.enter(message.value)

    def enter(self, raw: str) -> None:
        """A code counts more of a product; a plain number sets the selected line's count."""
        try:
            request = parse_scan(raw)
            product = self.till.find_product(request.code, include_inactive=True)
            if product is None:
                if not self.is_count(raw, request.explicit_qty):
                    raise GeraiError("stockadm.unknown_code", code=request.code)
                self.set_selected(raw)
                return
            index = next((i for i, r in enumerate(self.rows) if r.product.id == product.id), None)
            if index is None:
                index = len(self.rows)
                self.rows.extend(self.rows_of(product))
                self.scanned = True
                for added in range(index, len(self.rows)):
                    self.show_row(added)
            row = self.rows[index]
            more = quantity(request.qty, product)
            row.counted = (row.counted or Decimal(0)) + more
        except GeraiError as error:
            self.fail(error)
            return
        self.show_row(index)
        self.say(
            t(
                "ui.count.counted_line",
                name=product.name,
                counted=format_quantity(row.counted, product.unit),
            )
        )

    def is_count(self, raw: str, explicit: bool) -> bool:
        """A plain number small enough to be a count (not a barcode), with a line selected."""
        text = raw.strip().replace(",", ".")
        try:
            return not explicit and bool(self.rows) and Decimal(text) <= MAX_QUANTITY
        except ArithmeticError:
            return False

    def set_selected(self, raw: str) -> None:
        """Set the count of the selected line to what was typed."""
        index = self.query_one("#count-lines", DataTable).cursor_row
        row = self.rows[index]
        row.counted = quantity(raw, row.product, allow_zero=True)
        self.show_row(index)

    def on_scan_field_remove_line(self, message: ScanField.RemoveLine) -> None:
        """Delete on an empty entry: the selected line is not counted after all."""
        message.stop()
        if self.rows:
            index = self.query_one("#count-lines", DataTable).cursor_row
            self.rows[index].counted = None
            self.show_row(index)

    def action_move(self, step: int) -> None:
        """Select the line above or below."""
        table = self.query_one("#count-lines", DataTable)
        if self.rows:
            row = max(0, min(len(self.rows) - 1, table.cursor_row + step))
            table.move_cursor(row=row, animate=False)

    # --- scope and confirming ---------------------------------------------------------------

    def action_category(self) -> None:
        """F4: put a category's products on the sheet."""
        self.app.push_screen(CategoryPicker(everything=False), self.category_chosen)

    def category_chosen(self, chosen: tuple[int | None, str] | None) -> None:
        if chosen is None or chosen[0] is None:
            return
        products = self.till.count_candidates(chosen[0])
        self.add_products(products, chosen[1])

    def action_everything(self) -> None:
        """F5: every active product on the sheet."""
        products = self.till.count_candidates()
        self.add_products(products, t("ui.count.scope_all"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the reason: confirm."""
        event.stop()
        self.action_confirm()

    def action_confirm(self) -> None:
        """Ctrl+S: write the counted lines and their differences."""
        try:
            result = self.till.confirm_count(
                self.entries(), self.query_one("#reason", Input).value, self.scope(), self.approval
            )
        except GeraiError as error:
            self.fail(error)
            return
        self.dismiss(
            t(
                "ui.count.saved",
                number=result.number,
                count=result.lines,
                differing=result.differences,
                value=format_rupiah(result.value),
            )
        )

    def is_filled(self) -> bool:
        """Something counted already."""
        return any(row.counted is not None for row in self.rows)
