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
from gerai.tui.discard import AskBeforeDiscard
from gerai.tui.screens.stock.common import StockDialog, StockScreen, fit_column
from gerai.tui.screens.stock.receipt_terms import ReceiptTermsDialog
from gerai.tui.typeahead import ENTER_FIELD, TAB_FIELDS, SavedOnLastField, TypeAhead, save_typed
from gerai.tui.widgets.field import TextField
from gerai.tui.widgets.scan_field import ScanField

LINE_FIELDS = ("#line-code", "#line-qty", "#line-pack", "#line-cost")
# a dated product's line (issue 17): asked after its cost, when the product needs them
DATED_FIELDS = ("#line-expiry", "#line-batch")
LINE_ENDS = ("line-cost", "line-batch")


class SupplierDialog(SavedOnLastField, StockDialog[SupplierInfo | None]):
    """A new supplier: name, phone, address; Enter on the address (or Ctrl+S) saves."""

    BINDINGS = [
        ENTER_FIELD,
        *TAB_FIELDS,
        save_typed(),
        Binding("escape", "cancel", "ui.key.cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(t("ui.supplier.title"), classes="dialog-title")
            yield TextField(placeholder=t("ui.supplier.name"), id="supplier-name")
            yield TextField(placeholder=t("ui.supplier.phone"), id="supplier-phone")
            yield TextField(placeholder=t("ui.supplier.address"), id="supplier-address")
            yield Label("", classes="dialog-error")
            yield Label(t("ui.supplier.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#supplier-name", Input))

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


class ReceivingScreen(TypeAhead, AskBeforeDiscard, StockScreen[str | None]):
    """A goods receipt, line by line; dismissed with what was saved (or None)."""

    BINDINGS = [
        ENTER_FIELD,
        save_typed(),
        Binding("f2", "new_supplier", "ui.key.new_supplier", priority=True),  # type-ahead
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
        self.past_ok = False  # an expiry date in the past was confirmed (issue 17)
        self.past_asked: tuple[str, str] | None = None  # the line (code, date) asked about

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
            yield TextField(placeholder=t("ui.receive.reference"), id="reference")
        with Horizontal(classes="stock-line"):
            yield ScanField(clear_on_scan=False, placeholder=t("ui.receive.code"), id="line-code")
            yield TextField(placeholder=t("ui.receive.qty"), id="line-qty")
            yield TextField(placeholder=t("ui.receive.pack"), id="line-pack")
            yield TextField(placeholder=t("ui.receive.cost"), id="line-cost")
        with Horizontal(classes="stock-line", id="dated-line"):
            yield TextField(placeholder=t("ui.receive.expiry"), id="line-expiry")
            yield TextField(placeholder=t("ui.receive.batch"), id="line-batch")
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

    def leave_field(self, field: Input) -> dict[str, str] | None:
        """Enter goes on at once to the next field (what is typed next goes there); on the
        cost, back to a new line's code. The line's code, quantity and pack are taken and
        emptied in each field's own queue, before the next line's keys reach it."""
        if field.id not in LINE_ENDS:
            self.focus_next()
            return None
        typed: dict[str, str] = {}

        def take(source: Input, selector: str) -> None:
            typed[selector] = source.value
            source.value = ""

        for selector in (*LINE_FIELDS, *DATED_FIELDS):
            if selector == f"#{field.id}":
                continue
            source = self.query_one(selector, Input)
            if field.id == "line-cost" and selector in DATED_FIELDS:
                take(source, selector)  # never visited on this line: no keys wait there
            else:
                source.call_later(take, source, selector)
        self.set_focus(self.query_one("#line-code", ScanField))
        return typed

    def field_entered(self, field: Input, context: object) -> None:
        """A product code: say what it is; the cost: add the line (once the other fields of
        the line have been taken)."""
        if field.id == "line-code":
            self.show_product(field.value)
        elif field.id in LINE_ENDS and isinstance(context, dict):
            if len(context) < len(LINE_FIELDS) + len(DATED_FIELDS) - 1:
                field.call_later(self.field_entered, field, context)
                return
            self.add_line({**context, f"#{field.id}": field.value})

    def show_product(self, code: str) -> None:
        """Say what the product is; an unknown code goes back to its field."""
        try:
            product, units = self.till.product_with_packs(code)
            packs = format_packs(units)
        except GeraiError as error:
            self.set_focus(self.query_one("#line-code", ScanField))
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

    def on_scan_field_remove_line(self, message: ScanField.RemoveLine) -> None:
        message.stop()
        self.action_remove_line()

    def add_line(self, typed: dict[str, str]) -> None:
        """Check the line as typed and add it; a refusal puts the line back in its fields,
        on screen, with the focus on the cost."""
        value = self.query_one
        line = ReceiveLine(
            code=typed["#line-code"],
            qty=typed["#line-qty"],
            unit_cost=typed["#line-cost"],
            pack=typed["#line-pack"],
            expiry=typed["#line-expiry"].strip() or None,
            batch=typed["#line-batch"],
        )
        asked = (line.code.strip(), typed["#line-expiry"].strip())
        try:
            checked = self.till.check_receive_line(line, past_ok=asked == self.past_asked)
        except GeraiError as error:
            for selector, text in typed.items():
                value(selector, Input).value = text
            self.set_focus(value(self.refused_field(error, asked), Input))
            self.fail(error)
            return
        if asked == self.past_asked:
            self.past_ok = True
        self.lines.append((line, checked))
        self.show_lines()
        value("#line-cost", Input).value = ""
        value("#line-batch", Input).value = ""
        self.say(t("ui.receive.added_line", name=checked.product.name))

    def refused_field(self, error: GeraiError, asked: tuple[str, str]) -> str:
        """Where a refused line goes back to: a dated product's expiry date when it is
        missing, not a date or already past (asked: Enter on the batch again receives it),
        else the cost."""
        problem = error.params.get("problem")
        key = problem.key if isinstance(problem, GeraiError) else error.key
        if key == "receive.expiry_past":
            self.past_asked = asked
            return "#line-batch"
        if key in ("receive.expiry_required", "batch.bad_expiry"):
            return "#line-expiry"
        if key in ("batch.code_spaces", "batch.code_too_long"):
            return "#line-batch"
        return "#line-cost"

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

    async def action_new_supplier(self) -> None:
        """F2: add a supplier and choose it."""
        await self.open_dialog(SupplierDialog(), self.supplier_added)

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
                past_expiry_ok=self.past_ok,
            )
        except GeraiError as error:
            self.fail(error)
            return
        saved = t("ui.receive.saved", number=result.number, count=result.lines,
                  total=format_rupiah(result.total))  # fmt: skip
        terms = ReceiptTermsDialog(result.number, result.total, self.approval)  # issue 17
        self.app.push_screen(terms, lambda said: self.dismiss(f"{saved} {said or ''}".strip()))

    def is_filled(self) -> bool:
        """Lines added, or anything typed in a field."""
        return bool(self.lines) or any(field.value.strip() for field in self.query(Input))
