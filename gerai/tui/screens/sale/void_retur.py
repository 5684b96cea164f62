"""F7 on the kasir screen: Batal / Retur. Type or scan a receipt number (its QR holds the
number); the sale shows with its lines, payments, status and what came back already. `F8`
voids the whole sale (reason, then a supervisor's PIN when the user's role needs one); or pick
lines with ↑↓ and Enter (the quantity coming back), `F5` marks a line damaged, `F6` takes back
everything left, and `F12` makes the retur (reason and refund method, then the PIN); its slip
is printed. The services decide; whatever they refuse is shown in place and nothing typed is
lost."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Input, Label, Static

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.money import format_number, format_rupiah
from gerai.core.phrases import METHOD, SALE_STATUS
from gerai.core.quantity import format_quantity
from gerai.core.timefmt import format_moment
from gerai.core.words import PaymentMethod, Permission, SaleStatus
from gerai.services.sale.returns import (
    ReturnPlan,
    ReturnRequest,
    SaleLineState,
    SaleState,
    plan_return,
    refund_rounding,
    return_quantity,
)
from gerai.services.sale.voids import VoidResult
from gerai.services.shop.auth import Approval
from gerai.services.stock.inventory import reason as required_reason
from gerai.tui.base import GeraiDialog, GeraiScreen, caught_up
from gerai.tui.permits import with_approval
from gerai.tui.screens.sale.reprint import RecentReceiptsPicker
from gerai.tui.status_line import StatusLine
from gerai.tui.styles import sheet
from gerai.tui.widgets.field import TextField
from gerai.tui.widgets.paged_list import fit_columns
from gerai.tui.widgets.scan_field import ScanField

LINE_COLUMNS = {
    "no": "ui.corrections.col_no",
    "item": "ui.corrections.col_item",
    "sold": "ui.corrections.col_sold",
    "returned": "ui.corrections.col_returned",
    "returnable": "ui.corrections.col_returnable",
    "back": "ui.corrections.col_back",
    "damaged": "ui.corrections.col_damaged",
    "refund": "ui.corrections.col_refund",
}
# each column's width but the item name's (which takes the room left): quantities up to
# "12,345 sachet" stay whole, Rupiah up to 99.999.999
NARROWEST = {"no": 3, "sold": 9, "returned": 9, "returnable": 9, "back": 9, "damaged": 5,
             "refund": 10}  # fmt: skip
# left out, in this order, when the item name would get less than FLEXIBLE_MIN: what was
# returned before is in "Bisa retur" too, and the cursor marks the line
GIVE_WAY = ("returned", "no")


class EntryDialog(GeraiDialog[Any]):
    """A few lines of text and one entry. Enter hands the entry to `take`, which gives the
    dialog's result or raises GeraiError: the refusal is shown in place and the dialog stays."""

    CSS_PATH = sheet("dialogs")
    DEFAULT_CSS = "#entry-dialog Label { width: 100%; }"
    BINDINGS = [
        Binding("escape", "cancel", "ui.key.back"),
        # priority: the app reads the keys typed after Enter once the dialog has answered,
        # so they go where the answer leads (the scan field after the weight), not the entry
        Binding("enter,ctrl+j", "submit", show=False, priority=True),
    ]

    def __init__(
        self,
        title: str,
        info: list[str],
        placeholder: str,
        hint: str,
        take: Callable[[str], Any] | None = None,
        value: str = "",
    ) -> None:
        super().__init__()
        self.title_text, self.info, self.placeholder = title, info, placeholder
        self.hint, self.taker, self.value = hint, take, value
        self.refused: str | None = None  # the entry last refused

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="entry-dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            for line in self.info:
                yield Label(line, markup=False)
            yield from self.extra()
            yield TextField(self.value, placeholder=self.placeholder, id="entry")
            yield Label("", classes="dialog-error", markup=False)
            yield Label(self.hint, classes="dialog-hint")

    def extra(self) -> list[Widget]:
        """Widgets between the text and the entry."""
        return []

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#entry", Input))  # now: keys typed ahead go there

    def take(self, value: str) -> Any:
        """The result for what was typed; GeraiError when it is refused."""
        assert self.taker is not None
        return self.taker(value)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.value != self.refused:  # not a late echo of the keys just refused
            self.query_one(".dialog-error", Label).update("")

    async def action_submit(self) -> None:
        """Enter: the entry, once every key typed before it is in."""
        await caught_up(self)
        value = self.query_one("#entry", Input).value
        try:
            result = self.take(value)
        except GeraiError as error:
            self.refused = value
            self.fail(error)
            return
        self.dismiss(result)


class RefundDialog(EntryDialog):
    """The retur's reason and refund method (`Tab` cycles the methods the sale allows)."""

    BINDINGS = [
        Binding("tab", "cycle_method", "ui.key.refund_method", priority=True),
        Binding("escape", "cancel", "ui.key.back"),
    ]

    def __init__(self, plan: ReturnPlan) -> None:
        self.methods = plan.sale.refund_methods
        self.method = self.methods[0]
        self.worth = plan.total
        super().__init__(
            t("ui.corrections.return_title", number=plan.sale.receipt_no),
            [t("ui.corrections.refund", amount=format_rupiah(plan.total), count=len(plan.lines))],
            t("ui.corrections.reason"),
            t("ui.corrections.return_hint"),
        )

    def extra(self) -> list[Widget]:
        return [Label("", id="refund-methods"), Label("", id="refund-rounded", markup=False)]

    def on_mount(self) -> None:
        super().on_mount()
        self.show_methods()

    def show_methods(self) -> None:
        """The refund methods, the chosen one highlighted; a cash refund's rounded amount."""
        rounding = refund_rounding(self.worth, self.method, self.till.shop.cash_rounding)
        self.query_one("#refund-rounded", Label).update(
            t(
                "ui.corrections.refund_rounded",
                amount=format_rupiah(self.worth + rounding),
                rounding=("+" if rounding > 0 else "") + format_rupiah(rounding),
            )
            if rounding
            else ""
        )
        self.query_one("#refund-methods", Label).update(
            "  ".join(
                [t("ui.corrections.refund_by")]
                + [
                    f"[reverse] {t(METHOD[m])} [/]" if m == self.method else f" {t(METHOD[m])} "
                    for m in self.methods
                ]
            )
        )

    def action_cycle_method(self) -> None:
        """Tab: the next refund method."""
        self.method = self.methods[(self.methods.index(self.method) + 1) % len(self.methods)]
        self.show_methods()

    def take(self, value: str) -> tuple[str, str]:
        return required_reason(value, "retur.reason_required"), self.method


class CorrectionsScreen(StatusLine, GeraiScreen[None]):
    """Void a sale of this shift, or return lines of any past sale."""

    CSS_PATH = sheet("corrections")
    BINDINGS = [
        Binding("f2", "other_receipt", "ui.key.other_receipt"),
        Binding("f5", "damaged", "ui.key.damaged"),
        Binding("f6", "return_all", "ui.key.return_all"),
        Binding("f8", "void", "ui.key.void_sale"),
        Binding("f12", "make_return", "ui.key.make_return"),
        Binding("escape", "back", "ui.key.back"),
        Binding("up", "move(-1)", "ui.key.up", show=False),
        Binding("down", "move(1)", "ui.key.down", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sale: SaleState | None = None
        self.chosen: dict[int, Decimal] = {}
        self.damaged: set[int] = set()
        self.plan: ReturnPlan | None = None
        self.selected = 0
        self.shown: list[int] = []  # the columns of LINE_COLUMNS shown at this width

    def compose(self) -> ComposeResult:
        yield Label(t("ui.corrections.title", till=self.till.till_id), id="header")
        yield ScanField(placeholder=t("ui.corrections.placeholder"), id="receipt")
        yield Static("", id="sale-info", markup=False)
        lines: DataTable[str | Text] = DataTable(id="return-lines", cursor_type="row")
        lines.can_focus = False
        yield lines
        yield Label("", id="refund-line")
        yield Label(t("ui.corrections.ready"), id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#receipt", ScanField).focus()
        self.lay_out_lines()
        self.pick_recent()

    def on_resize(self) -> None:
        """Lay the lines' columns out for the new width, and show the sale's lines again."""
        self.lay_out_lines()
        self.show()

    def lay_out_lines(self) -> None:
        """The item name takes the room the other columns leave, at least FLEXIBLE_MIN
        characters (the columns in GIVE_WAY left out on a narrow terminal)."""
        keys = list(LINE_COLUMNS)
        titles = [t(LINE_COLUMNS[key]) for key in keys]
        widths = [
            0 if key == "item" else max(len(title), NARROWEST[key])
            for key, title in zip(keys, titles, strict=True)
        ]
        table = self.query_one("#return-lines", DataTable)
        room = table.size.width or self.size.width - 2
        shown, name_width = fit_columns(
            widths, keys.index("item"), [keys.index(key) for key in GIVE_WAY], room
        )
        widths[keys.index("item")] = name_width
        table.clear(columns=True)
        for index in shown:
            table.add_column(titles[index], width=widths[index], key=keys[index])
        self.shown = shown

    def pick_recent(self) -> None:
        """Open with this shift's receipts to pick from (Esc: type or scan a number here)."""
        try:
            shift = self.till.current_shift()
            sales = self.till.recent_sales()
        except GeraiError as error:
            self.fail(error)
            return
        if shift is not None:
            opened = shift.opened_at
            sales = [sale for sale in sales if sale.created_at >= opened]
        if sales:
            self.app.push_screen(
                RecentReceiptsPicker(sales, self.till.shop),
                lambda number: self.load(number) if number else None,
            )

    # --- the sale -----------------------------------------------------------------------------

    def on_scan_field_scanned(self, message: ScanField.Scanned) -> None:
        """A receipt number typed or scanned; Enter on an empty field: the selected line."""
        if message.value.strip():
            self.load(message.value)
        elif self.sale is not None and self.sale.lines:
            self.ask_quantity(self.sale.lines[self.selected])

    def load(self, receipt_no: str, keep_status: bool = False) -> None:
        """Show the sale `receipt_no`, nothing chosen yet."""
        try:
            sale = self.till.sale_state(receipt_no)
        except GeraiError as error:
            self.fail(error)
            return
        self.sale, self.chosen, self.damaged, self.plan = sale, {}, set(), None
        self.selected = 0
        self.show()
        if not keep_status:
            self.say(t("ui.corrections.loaded", number=sale.receipt_no))

    def show(self) -> None:
        """The sale's details, its lines with what is chosen, and the refund so far."""
        sale = self.sale
        if sale is None:
            return
        self.query_one("#sale-info", Static).update(self.sale_text(sale))
        table = self.query_one("#return-lines", DataTable)
        table.clear()
        refunds = {p.line.line_no: p.amount for p in self.plan.lines} if self.plan else {}
        for line in sale.lines:
            cells = self.line_cells(line, refunds.get(line.line_no))
            table.add_row(*(cells[index] for index in self.shown))
        if sale.lines:
            self.selected = min(self.selected, len(sale.lines) - 1)
            table.move_cursor(row=self.selected, animate=False)
        self.query_one("#refund-line", Label).update(
            t("ui.corrections.refund", amount=format_rupiah(self.plan.total), count=len(refunds))
            if self.plan
            else t("ui.corrections.nothing_chosen")
        )

    def sale_text(self, sale: SaleState) -> str:
        """The sale's header lines."""
        shop = self.till.shop
        status = t(SALE_STATUS[sale.status])
        paid = ", ".join(f"{t(METHOD[m])} {format_rupiah(a)}" for m, a in sale.payments)
        lines = [
            t(
                "ui.corrections.sale",
                number=sale.receipt_no,
                moment=format_moment(sale.created_at, shop),
                cashier=sale.cashier,
                status=status,
            ),
            t("ui.corrections.paid", total=format_rupiah(sale.total), payments=paid),
        ]
        if sale.member:
            lines.append(t("ui.corrections.member", member=sale.member))
        made = ", ".join(
            f"{r.number} {format_rupiah(r.refund_total)} ({t(METHOD[r.refund_method])})"
            for r in sale.returns
        )
        if made:
            lines.append(t("ui.corrections.returns", returns=made))
        return "\n".join(lines)

    def line_cells(self, line: SaleLineState, refund: int | None) -> list[str | Text]:
        """One row of the lines table."""
        back = self.chosen.get(line.line_no)
        open_ = self.sale is not None and self.sale.status != SaleStatus.VOID
        return [
            str(line.line_no),
            line.name,
            Text(format_quantity(line.qty, line.unit), justify="right"),
            Text(
                format_quantity(line.returned, line.unit) if line.returned else "", justify="right"
            ),
            Text(format_quantity(line.returnable, line.unit) if open_ else "", justify="right"),
            Text(format_quantity(back, line.unit) if back else "", justify="right", style="bold"),
            t("ui.corrections.yes") if line.line_no in self.damaged else "",
            Text(format_number(refund) if refund is not None else "", justify="right"),
        ]

    # --- choosing lines -----------------------------------------------------------------------

    def on_scan_field_remove_line(self, _message: ScanField.RemoveLine) -> None:
        """Delete on an empty field: the selected line does not come back after all."""
        if self.sale is not None and self.sale.lines:
            number = self.sale.lines[self.selected].line_no
            self.replan({n: q for n, q in self.chosen.items() if n != number})
            self.show()

    def action_move(self, step: int) -> None:
        """Select the line above or below."""
        if self.sale is not None and self.sale.lines:
            self.selected = max(0, min(len(self.sale.lines) - 1, self.selected + step))
            self.query_one("#return-lines", DataTable).move_cursor(row=self.selected)

    def requests(self, chosen: dict[int, Decimal]) -> list[ReturnRequest]:
        """The chosen lines as the service takes them."""
        return [ReturnRequest(n, qty, n in self.damaged) for n, qty in sorted(chosen.items())]

    def replan(self, chosen: dict[int, Decimal]) -> None:
        """Take `chosen` as the retur if the service accepts it (GeraiError when not)."""
        assert self.sale is not None
        self.plan = plan_return(self.sale, self.requests(chosen)) if chosen else None
        self.chosen = chosen

    def ask_quantity(self, line: SaleLineState) -> None:
        """Enter: how much of the selected line comes back."""
        current = self.chosen.get(line.line_no, line.returnable)

        def take(text: str) -> bool:
            chosen = {n: q for n, q in self.chosen.items() if n != line.line_no}
            if text.strip():
                chosen[line.line_no] = return_quantity(text)
            self.replan(chosen)
            return True

        self.app.push_screen(
            EntryDialog(
                t("ui.corrections.qty_title", line=line.line_no, name=line.name),
                [
                    t(
                        "ui.corrections.qty_info",
                        sold=format_quantity(line.qty, line.unit),
                        returned=format_quantity(line.returned, line.unit),
                        returnable=format_quantity(line.returnable, line.unit),
                    )
                ],
                t("ui.corrections.qty_placeholder"),
                t("ui.corrections.qty_hint"),
                take,
                value=format_quantity(current),
            ),
            lambda _: self.show(),
        )

    def action_damaged(self) -> None:
        """F5: the selected line's goods are damaged (or not)."""
        if self.sale is None or not self.sale.lines:
            self.fail(GeraiError("ui.corrections.no_sale"))
            return
        number = self.sale.lines[self.selected].line_no
        self.damaged ^= {number}
        if self.chosen:
            self.replan(self.chosen)
        self.show()

    def action_return_all(self) -> None:
        """F6: everything still returnable comes back."""
        if self.sale is None:
            self.fail(GeraiError("ui.corrections.no_sale"))
            return
        everything = {line.line_no: line.returnable for line in self.sale.lines if line.returnable}
        try:
            self.replan(everything)
        except GeraiError as error:
            self.fail(error)
            return
        self.show()

    def action_other_receipt(self) -> None:
        """F2: type or scan another receipt number."""
        field = self.query_one("#receipt", ScanField)
        field.value = ""
        field.focus()

    # --- void and retur -----------------------------------------------------------------------

    def action_void(self) -> None:
        """F8: void the whole sale (this shift's sales only)."""
        sale = self.sale
        if sale is None:
            self.fail(GeraiError("ui.corrections.no_sale"))
            return
        try:
            self.till.check_void(sale.receipt_no)
        except GeraiError as error:
            self.fail(error)
            return
        self.app.push_screen(
            EntryDialog(
                t("ui.corrections.void_title", number=sale.receipt_no),
                [t("ui.corrections.void_info", total=format_rupiah(sale.total))],
                t("ui.corrections.reason"),
                t("ui.corrections.void_hint"),
                lambda text: required_reason(text, "void.reason_required"),
            ),
            self.void_with_reason,
        )

    def void_with_reason(self, reason: str | None) -> None:
        """The reason is given: void, with a supervisor's approval when needed."""
        sale = self.sale
        if reason is None or sale is None:
            return
        with_approval(
            self.app, Permission.VOID,
            lambda approval: self.void(sale.receipt_no, reason, approval),
            self.fail,
        )  # fmt: skip

    @work(thread=True, group="correction", exclusive=True)
    def void(self, receipt_no: str, reason: str, approval: Approval | None) -> None:
        """Void the sale off the UI thread, print its void slip, then show the sale again."""
        app = self.app
        try:
            done = self.till.void(receipt_no, reason, approval)
        except GeraiError as error:
            app.call_from_thread(self.fail, error)
            return
        printing = t("ui.corrections.void_slip_printing") if app.printer.target.enabled else ""
        app.call_from_thread(app.send_waiting)  # the slip was queued with the void
        message = f"{void_message(done)} {printing}".strip()
        app.call_from_thread(self.corrected, done.receipt_no, message)

    def corrected(self, receipt_no: str, message: str) -> None:
        """A void or retur is written: show the sale as it now is, and what was done."""
        self.load(receipt_no, keep_status=True)
        self.say(message)

    def action_make_return(self) -> None:
        """F12: return the chosen lines."""
        if self.sale is None:
            self.fail(GeraiError("ui.corrections.no_sale"))
            return
        if self.plan is None:
            self.fail(GeraiError("retur.nothing"))
            return
        self.app.push_screen(RefundDialog(self.plan), self.return_with_reason)

    def return_with_reason(self, given: tuple[str, str] | None) -> None:
        """Reason and method are given: make the retur, with a supervisor's approval when
        needed, then print its slip."""
        sale = self.sale
        if given is None or sale is None:
            return
        reason, method = given
        requests = self.requests(self.chosen)
        with_approval(
            self.app, Permission.RETUR,
            lambda approval: self.retur(sale.receipt_no, requests, reason, method, approval),
            self.fail,
        )  # fmt: skip

    @work(thread=True, group="correction", exclusive=True)
    def retur(
        self,
        receipt_no: str,
        requests: list[ReturnRequest],
        reason: str,
        method: str,
        approval: Approval | None,
    ) -> None:
        """Make the retur off the UI thread, print its slip, then show the sale again."""
        app = self.app
        try:
            done = self.till.retur(receipt_no, requests, reason, method, approval)
        except GeraiError as error:
            app.call_from_thread(self.fail, error)
            return
        amount, method = format_rupiah(done.refund_total), t(METHOD[done.refund_method])
        if done.rounding:
            rounding = ("+" if done.rounding > 0 else "") + format_rupiah(done.rounding)
            message = t(
                "ui.corrections.returned_rounded", number=done.number, amount=amount,
                method=method, rounding=rounding, approver=done.approved_by,
            )  # fmt: skip
        else:
            message = t(
                "ui.corrections.returned", number=done.number, amount=amount, method=method,
                approver=done.approved_by,
            )  # fmt: skip
        printing = t("ui.corrections.slip_printing") if app.printer.target.enabled else ""
        app.call_from_thread(app.send_waiting)  # the slip was queued with the retur
        app.call_from_thread(self.corrected, done.receipt_no, f"{message} {printing}".strip())

    def action_back(self) -> None:
        """Esc: back to the till."""
        self.dismiss(None)


def refund_words(refunds: tuple[tuple[PaymentMethod, int], ...]) -> str:
    """What to hand back, per method: cash from the drawer, QRIS or a transfer the way it came
    ("QRIS Rp50.000 dikembalikan lewat QRIS; Tunai Rp34.000 dari laci"); never one sum as cash."""
    parts = []
    for method, amount in refunds:
        name, money = t(METHOD[method]), format_rupiah(amount)
        if method == PaymentMethod.CASH:
            parts.append(t("ui.corrections.refund_from_drawer", method=name, amount=money))
        else:
            parts.append(t("ui.corrections.refund_same_way", method=name, amount=money))
    return "; ".join(parts)


def void_message(done: VoidResult) -> str:
    """What the kasir reads after a void: the receipt, who approved, the kasbon struck off, and
    the refund per method (nothing to hand back when it was all kasbon or a zero sale)."""
    refunds = refund_words(done.refunds) or t("ui.corrections.refund_nothing")
    if done.kasbon:
        return t(
            "ui.corrections.voided_kasbon_per_method",
            number=done.receipt_no,
            approver=done.approved_by,
            kasbon=format_rupiah(done.kasbon),
            refunds=refunds,
        )
    return t(
        "ui.corrections.voided_per_method",
        number=done.receipt_no,
        approver=done.approved_by,
        refunds=refunds,
    )
