"""Purchase orders on screen (issue 17): the list of orders (F4 on the "Pesan barang" screen)
with the selected order's lines, ordered, received and open; F7 receives goods against the
order (the receiving screen pre-filled with what is still open, ordered vs received shown,
more than ordered asks a reason), F8 cancels it (pressed twice), F6 writes its A4 PDF and F5
its WhatsApp text (copied to the clipboard too), next to the database."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Input, Label, Select

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.money import format_number, format_rupiah, round_rupiah
from gerai.core.phrases import ORDER_STATUS
from gerai.core.quantity import format_quantity, normalize
from gerai.core.timefmt import format_date
from gerai.core.words import Permission
from gerai.files import write_atomically
from gerai.services.shop.auth import Approval
from gerai.services.stock.purchase_orders import OrderInfo, OrderLineInfo, OrderSummary
from gerai.services.stock.receiving import ReceiveLine
from gerai.tui.permits import with_approval
from gerai.tui.screens.stock.common import StockDialog, StockScreen, fit_column
from gerai.tui.screens.stock.receiving import ReceivingScreen
from gerai.tui.widgets.field import TextField

_ORDER_COLUMNS = (
    ("number", "ui.po.number", 18, False),
    ("date", "ui.po.date", 10, False),
    ("supplier", "ui.po.supplier", 14, False),
    ("status", "ui.po.status", 16, False),
    ("total", "ui.po.total", 13, True),
)
_LINE_COLUMNS = (
    ("code", "ui.po.code", 12, False),
    ("name", "ui.po.name", 14, False),
    ("ordered", "ui.po.ordered", 11, True),
    ("received", "ui.po.received", 11, True),
    ("open", "ui.po.open", 11, True),
)


def _columns(table: DataTable[object], columns: tuple[tuple[str, str, int, bool], ...]) -> None:
    for key, title_key, width, numeric in columns:
        title = t(title_key)
        table.add_column(Text(title, justify="right") if numeric else title, width=width, key=key)


def _right(text: str) -> Text:
    return Text(text, justify="right")


class PurchaseOrdersScreen(StockScreen[None]):
    """The purchase orders, newest first, and the lines of the one selected."""

    BINDINGS = [
        Binding("escape", "back", "ui.key.back"),
        Binding("f7", "receive", "ui.po.key.receive"),
        Binding("f8", "cancel_order", "ui.po.key.cancel"),
        Binding("f6", "pdf", "ui.po.key.pdf"),
        Binding("f5", "text", "ui.po.key.text"),
    ]

    def __init__(self, message: str = "") -> None:
        super().__init__()
        self.message = message
        self.orders: list[OrderSummary] = []
        self.order: OrderInfo | None = None
        self.cancel_asked: str | None = None  # the order whose F8 was pressed once

    def compose(self) -> ComposeResult:
        yield Label(t("ui.po.title"), classes="stock-header")
        yield DataTable(id="orders", classes="stock-table", cursor_type="row")
        yield Label("", id="order-head", classes="stock-summary")
        yield DataTable(id="order-lines", classes="stock-table", cursor_type="row")
        yield Label(self.message or t("ui.po.hint"), classes="stock-status")
        yield Footer()

    def on_mount(self) -> None:
        _columns(self.query_one("#orders", DataTable), _ORDER_COLUMNS)
        lines = self.query_one("#order-lines", DataTable)
        _columns(lines, _LINE_COLUMNS)
        lines.can_focus = False
        self.reload()
        self.query_one("#orders", DataTable).focus()
        self.call_after_refresh(self.on_resize)

    def on_resize(self) -> None:
        fit_column(self.query_one("#orders", DataTable), "supplier")
        fit_column(self.query_one("#order-lines", DataTable), "name")

    def reload(self, keep: str | None = None) -> None:
        """Read the orders again; the cursor on `keep` (a number) when it is listed."""
        table = self.query_one("#orders", DataTable)
        table.clear()
        self.orders = self.till.orders()
        for o in self.orders:
            table.add_row(
                o.number, format_date(o.business_date), o.supplier, t(ORDER_STATUS[o.status]),
                _right(format_number(o.total)), key=o.number,
            )  # fmt: skip
        numbers = [o.number for o in self.orders]
        if keep in numbers:
            table.move_cursor(row=numbers.index(keep), animate=False)
        self.show_order()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "orders":
            self.show_order()

    def show_order(self) -> None:
        """The selected order's lines: ordered, received, open."""
        table = self.query_one("#order-lines", DataTable)
        table.clear()
        row = self.query_one("#orders", DataTable).cursor_row
        if not self.orders or not 0 <= row < len(self.orders):
            self.order = None
            self.query_one("#order-head", Label).update(t("ui.po.none"))
            return
        self.order = order = self.till.order(self.orders[row].number)
        for line in order.lines:
            table.add_row(
                line.code, line.name, _right(format_quantity(line.qty, line.unit)),
                _right(format_quantity(line.received, line.unit)),
                _right(format_quantity(line.open, line.unit)),
            )  # fmt: skip
        self.query_one("#order-head", Label).update(
            t("ui.po.head", number=order.number, supplier=order.supplier,
              status=t(ORDER_STATUS[order.status]), total=format_rupiah(order.total),
              note=order.note or "-")
        )  # fmt: skip

    def action_back(self) -> None:
        """Esc: back to where the list was opened."""
        self.dismiss(None)

    def action_receive(self) -> None:
        """F7: receive goods against the selected order."""
        if (order := self.order) is None:
            return
        try:
            order = self.till.receivable_order(order.number)
        except GeraiError as error:
            self.fail(error)
            return

        def start(approval: Approval | None) -> None:
            self.app.push_screen(OrderReceivingScreen(order, approval), self.received)

        with_approval(self.app, Permission.STOCK, start, self.fail)

    def received(self, message: str | None) -> None:
        if message and self.order is not None:
            self.reload(self.order.number)
            self.say(message)

    def action_cancel_order(self) -> None:
        """F8: cancel the selected order; the first press asks, the second cancels."""
        if (order := self.order) is None:
            return
        if self.cancel_asked != order.number:
            self.cancel_asked = order.number
            self.say(t("ui.po.cancel_ask", number=order.number), error=True)
            return
        self.cancel_asked = None

        def cancel(approval: Approval | None) -> None:
            try:
                self.till.cancel_order(order.number, approval=approval)
            except GeraiError as error:
                self.fail(error)
                return
            self.reload(order.number)
            self.say(t("cli.po_cancelled", number=order.number))

        with_approval(self.app, Permission.STOCK, cancel, self.fail)

    def folder(self) -> Path:
        """Where the order's files go: next to the database."""
        path = self.till.database.path
        return path.parent if path is not None else Path.cwd()

    def action_pdf(self) -> None:
        """F6: the order's A4 PDF, written off the UI thread."""
        if self.order is not None:
            self.say(t("ui.po.writing"))
            self.write_pdf(self.order)

    @work(thread=True, group="po-pdf")
    def write_pdf(self, order: OrderInfo) -> None:
        from gerai.exports.purchase_order_pdf import purchase_order_pdf

        till = self.till
        target = self.folder() / f"pesanan-{order.number}.pdf"
        write_atomically(target, purchase_order_pdf(order, till.shop, till.clock()))
        self.app.call_from_thread(self.say, t("ui.po.written", path=str(target)))

    def action_text(self) -> None:
        """F5: the order as WhatsApp text: copied to the clipboard and written to a file."""
        from gerai.exports.purchase_order_pdf import purchase_order_text

        if (order := self.order) is None:
            return
        text = purchase_order_text(order, self.till.shop)
        target = self.folder() / f"pesanan-{order.number}.txt"
        write_atomically(target, text.encode())
        self.app.copy_to_clipboard(text)
        self.say(t("ui.po.text_written", path=str(target)))


class OverReasonDialog(StockDialog[str | None]):
    """Why more than ordered is taken: a reason, required; Esc goes back to the lines."""

    BINDINGS = [Binding("escape", "cancel", "ui.key.cancel")]

    def __init__(self, problem: str) -> None:
        super().__init__()
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(t("ui.po.over_title"), classes="dialog-title")
            yield Label(self.problem)
            yield TextField(placeholder=t("ui.po.over_reason"), id="over-reason")
            yield Label("", classes="dialog-error")
            yield Label(t("ui.po.over_hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#over-reason", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self.fail(GeraiError("stockadm.reason_required"))
            return
        self.dismiss(event.value)


def open_line(line: OrderLineInfo, cost: int) -> ReceiveLine:
    """What is still open of an order line, as a receiving line: whole packs of its pack when
    they divide it, else selling units; at the order's cost (a pack's, or a unit's share of
    it), or at `cost` (the product's HPP a unit) when the order did not say."""
    packs = line.open / line.factor
    if line.pack and packs == packs.to_integral_value():
        size = format(normalize(line.factor), "f")
        pack_cost = (
            line.unit_cost if line.unit_cost is not None else round_rupiah(cost * line.factor)
        )
        return ReceiveLine(line.code, format(normalize(packs), "f"), str(pack_cost),
                           pack=f"{line.pack}={size}")  # fmt: skip
    unit_cost = cost if line.unit_cost is None else round_rupiah(line.unit_cost / line.factor)
    return ReceiveLine(line.code, format(normalize(line.open), "f"), str(unit_cost))


class OrderReceivingScreen(ReceivingScreen):
    """Barang masuk against a purchase order: its supplier chosen, the open lines pre-filled
    (a dated product's line is typed with its expiry date), what was ordered, received before
    and in this document shown per product; more than ordered asks a reason."""

    def __init__(self, order: OrderInfo, approval: Approval | None = None) -> None:
        super().__init__(approval)
        self.order = order
        self.over_reason = ""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, Label) and "stock-header" in widget.classes:
                yield Label(
                    t("ui.po.receive_title", number=self.order.number,
                      supplier=self.order.supplier),
                    classes="stock-header",
                )  # fmt: skip
                table: DataTable[object] = DataTable(id="order-lines", cursor_type="row")
                table.can_focus = False
                yield table
                continue
            yield widget

    def on_mount(self) -> None:
        # Textual runs this before the receiving screen's own on_mount: go on after it
        self.call_later(self.start_order)

    def start_order(self) -> None:
        """Choose the order's supplier, pre-fill its open lines, show them."""
        _columns(self.query_one("#order-lines", DataTable), _LINE_COLUMNS)
        self.query_one("#order-lines", DataTable).add_column(
            _right(t("ui.po.now")), width=11, key="now"
        )
        select = self.query_one("#supplier", Select)
        select.value = self.order.supplier_id
        select.disabled = True
        left = self.prefill()
        self.show_lines()
        self.call_after_refresh(fit_column, self.query_one("#order-lines", DataTable), "name")
        self.query_one("#reference").focus()
        if left:
            self.say(t("ui.po.type_dated", codes=", ".join(left)))
        else:
            self.say(t("ui.po.prefilled"))

    def prefill(self) -> list[str]:
        """Add what is still open of each line; the codes of those that need typing (a
        dated product's expiry date)."""
        left = []
        for line in self.order.lines:
            if not line.open:
                continue
            product, _ = self.till.product_with_packs(line.code)
            entry = open_line(line, product.cost)
            try:
                self.lines.append((entry, self.till.check_receive_line(entry)))
            except GeraiError:
                left.append(line.code)
        return left

    def show_lines(self) -> None:
        """The receiving lines, and per ordered product what this document adds."""
        super().show_lines()
        if not self.is_mounted:
            return
        table = self.query_one("#order-lines", DataTable)
        if not table.columns:
            return
        table.clear()
        now: dict[str, Decimal] = {}
        for _, checked in self.lines:
            code = checked.product.code
            now[code] = now.get(code, Decimal(0)) + checked.qty
        for line in self.order.lines:
            table.add_row(
                line.code, line.name, _right(format_quantity(line.qty, line.unit)),
                _right(format_quantity(line.received, line.unit)),
                _right(format_quantity(line.open, line.unit)),
                _right(format_quantity(now.get(line.code, Decimal(0)), line.unit)),
            )  # fmt: skip

    def action_save(self) -> None:
        """Ctrl+S: the receipt against the order; more than ordered asks why first."""
        try:
            result, status = self.till.receive_order(
                self.order.number, self.query_one("#reference", Input).value,
                [line for line, _ in self.lines], self.approval, over_reason=self.over_reason,
                past_expiry_ok=self.past_ok,
            )  # fmt: skip
        except GeraiError as error:
            if error.key == "po.over_needs_reason":
                self.app.push_screen(OverReasonDialog(error.message()), self.reason_given)
                return
            self.fail(error)
            return
        self.dismiss(
            t("ui.po.saved", number=result.number, count=result.lines,
              total=format_rupiah(result.total), order=self.order.number,
              status=t(ORDER_STATUS[status]))
        )  # fmt: skip

    def reason_given(self, reason: str | None) -> None:
        if reason:
            self.over_reason = reason
            self.action_save()
