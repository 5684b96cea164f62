"""Barang masuk (F7 on the products screen): the supplier and the delivery note, then line by
line a scanned or typed product, the quantity, the pack (empty: the selling unit) and the
cost of one pack; each line is checked as it is added. Ctrl+S saves the whole receipt."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Input, Label, Select

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.money import format_number, format_rupiah
from gerai.core.quantity import format_quantity
from gerai.services.shop.auth import Approval
from gerai.services.stock.packs import format_packs
from gerai.services.stock.receiving import CheckedLine, ReceiveLine
from gerai.services.stock.suppliers import SupplierInfo
from gerai.tui.screens.stock.common import StockDialog, StockScreen, fit_column
from gerai.tui.widgets.scan_field import ScanField

LINE_FIELDS = ("#line-code", "#line-qty", "#line-pack", "#line-cost")


class SupplierDialog(StockDialog[SupplierInfo | None]):
    """A new supplier: name, phone, address."""

    BINDINGS = [
        Binding("ctrl+s", "save", "ui.key.save"),
        Binding("escape", "cancel", "ui.key.cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(t("ui.supplier.title"), classes="dialog-title")
            yield Input(placeholder=t("ui.supplier.name"), id="supplier-name")
            yield Input(placeholder=t("ui.supplier.phone"), id="supplier-phone")
            yield Input(placeholder=t("ui.supplier.address"), id="supplier-address")
            yield Label("", classes="dialog-error")
            yield Label(t("ui.supplier.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#supplier-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "supplier-address":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        """Save the supplier."""
        value = self.query_one
        try:
            supplier = self.till.add_supplier(
                value("#supplier-name", Input).value,
                value("#supplier-phone", Input).value,
                value("#supplier-address", Input).value,
            )
        except GeraiError as error:
            self.fail(error)
            return
        self.dismiss(supplier)


class ReceivingScreen(StockScreen[str | None]):
    """A goods receipt, line by line; dismissed with what was saved (or None)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "ui.key.save"),
        Binding("f2", "new_supplier", "ui.key.new_supplier"),
        Binding("f8", "remove_line", "ui.key.remove"),
        Binding("escape", "cancel", "ui.key.cancel"),
        Binding("up", "move(-1)", "ui.key.up", show=False),
        Binding("down", "move(1)", "ui.key.down", show=False),
    ]

    def __init__(self, approval: Approval | None = None) -> None:
        super().__init__()
        self.approval = approval  # a supervisor's, when the user logged in is a kasir
        self.lines: list[tuple[ReceiveLine, CheckedLine]] = []
        self.has_suppliers = False

    def compose(self) -> ComposeResult:
        suppliers = self.till.suppliers()
        self.has_suppliers = bool(suppliers)
        yield Label(t("ui.receive.title"), classes="stock-header")
        with Horizontal(classes="stock-line"):
            yield Select(
                [(s.name, s.id) for s in suppliers],
                prompt=t("ui.receive.supplier"),
                id="supplier",
            )
            yield Input(placeholder=t("ui.receive.reference"), id="reference")
        with Horizontal(classes="stock-line"):
            yield ScanField(clear_on_scan=False, placeholder=t("ui.receive.code"), id="line-code")
            yield Input(placeholder=t("ui.receive.qty"), id="line-qty")
            yield Input(placeholder=t("ui.receive.pack"), id="line-pack")
            yield Input(placeholder=t("ui.receive.cost"), id="line-cost")
        yield Label(t("ui.receive.line_hint"), id="line-hint", classes="stock-hint")
        yield DataTable(id="lines", classes="stock-table", cursor_type="row")
        yield Label("", id="receipt-total", classes="stock-summary")
        yield Label(t("ui.receive.ready"), classes="stock-status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#lines", DataTable)
        table.can_focus = False
        table.add_column("#", width=3, key="no")
        table.add_column(t("ui.products.code"), width=14, key="code")
        table.add_column(t("ui.products.name"), key="name")
        table.add_column(Text(t("ui.receive.qty"), justify="right"), width=14, key="qty")
        table.add_column(Text(t("ui.receive.added"), justify="right"), width=12, key="added")
        table.add_column(Text(t("ui.receive.cost"), justify="right"), width=11, key="cost")
        table.add_column(Text(t("ui.receive.total"), justify="right"), width=12, key="total")
        self.show_lines()
        self.query_one("#supplier").focus()
        if not self.has_suppliers:
            self.say(t("ui.receive.no_suppliers"))

    def on_resize(self) -> None:
        fit_column(self.query_one("#lines", DataTable), "name")

    # --- one line ---------------------------------------------------------------------------

    def on_scan_field_scanned(self, message: ScanField.Scanned) -> None:
        """A product code: say what it is and go on to its quantity."""
        message.stop()
        try:
            product, units = self.till.product_with_packs(message.value)
            packs = format_packs(units)
        except GeraiError as error:
            self.fail(error)
            return
        self.query_one("#line-hint", Label).update(
            t(
                "ui.receive.product",
                name=product.name,
                unit=product.unit,
                packs=packs or "-",
                cost=format_rupiah(product.cost),
                stock=format_quantity(product.stock, product.unit),
            )
        )
        self.query_one("#line-qty", Input).focus()

    def on_scan_field_remove_line(self, message: ScanField.RemoveLine) -> None:
        message.stop()
        self.action_remove_line()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: the next field; on the cost, add the line."""
        event.stop()
        if event.input.id == "line-cost":
            self.add_line()
        else:
            self.focus_next()

    def add_line(self) -> None:
        """Check the typed line and add it; a refusal stays on screen with the line kept."""
        value = self.query_one
        line = ReceiveLine(
            code=value("#line-code", ScanField).value,
            qty=value("#line-qty", Input).value,
            unit_cost=value("#line-cost", Input).value,
            pack=value("#line-pack", Input).value,
        )
        try:
            checked = self.till.check_receive_line(line)
        except GeraiError as error:
            self.fail(error)
            return
        self.lines.append((line, checked))
        self.show_lines()
        for selector in LINE_FIELDS:
            value(selector, Input).value = ""
        value("#line-code", ScanField).focus()
        self.say(t("ui.receive.added_line", name=checked.product.name))

    def show_lines(self) -> None:
        """The lines so far and the total."""
        table = self.query_one("#lines", DataTable)
        table.clear()
        for number, (_, line) in enumerate(self.lines, start=1):
            pack = line.pack or line.product.unit
            table.add_row(
                str(number),
                line.product.code,
                line.product.name,
                Text(format_quantity(line.pack_qty, pack), justify="right"),
                Text(format_quantity(line.qty, line.product.unit), justify="right"),
                Text(format_number(line.unit_cost), justify="right"),
                Text(format_number(line.total), justify="right"),
            )
        if self.lines:
            table.move_cursor(row=len(self.lines) - 1, animate=False)
        total = sum(line.total for _, line in self.lines)
        self.query_one("#receipt-total", Label).update(
            t("ui.receive.summary", count=len(self.lines), total=format_rupiah(total))
        )

    def action_move(self, step: int) -> None:
        """Select the line above or below."""
        table = self.query_one("#lines", DataTable)
        if self.lines:
            row = max(0, min(len(self.lines) - 1, table.cursor_row + step))
            table.move_cursor(row=row, animate=False)

    def action_remove_line(self) -> None:
        """Remove the selected line."""
        if self.lines:
            del self.lines[self.query_one("#lines", DataTable).cursor_row]
            self.show_lines()

    # --- supplier and saving ----------------------------------------------------------------

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "supplier" and event.value is not Select.NULL:
            self.query_one("#reference", Input).focus()

    def action_new_supplier(self) -> None:
        """F2: add a supplier and choose it."""
        self.app.push_screen(SupplierDialog(), self.supplier_added)

    def supplier_added(self, supplier: SupplierInfo | None) -> None:
        if supplier is None:
            return
        suppliers = self.till.suppliers()
        select = self.query_one("#supplier", Select)
        select.set_options([(s.name, s.id) for s in suppliers])
        select.value = supplier.id
        self.has_suppliers = True
        self.say(t("ui.receive.ready"))

    def action_save(self) -> None:
        """Ctrl+S: write the receipt; every line is checked again, nothing half-written."""
        supplier = self.query_one("#supplier", Select).value
        try:
            if not isinstance(supplier, int):
                raise GeraiError("supplier.none")
            result = self.till.receive(
                supplier,
                self.query_one("#reference", Input).value,
                [line for line, _ in self.lines],
                self.approval,
            )
        except GeraiError as error:
            self.fail(error)
            return
        self.dismiss(
            t("ui.receive.saved", number=result.number, count=result.lines,
              total=format_rupiah(result.total))
        )  # fmt: skip

    def action_cancel(self) -> None:
        """Esc: leave without saving."""
        self.dismiss(None)
