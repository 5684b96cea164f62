"""Hutang pemasok (issue 17), from the admin menu (F11): `gerai supplier owed` on screen, what
the gerai owes each supplier with its aging (days since received), what is overdue and what
falls due this week; Enter on a supplier opens the pay dialog (amount, Tab for cash from the
kas or a transfer, the transfer's reference, the goods receipt or none for the balance). A
kasir works it with a bendahara's approval, given once when the screen opens."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.money import format_number, format_rupiah
from gerai.core.timefmt import format_date
from gerai.core.words import PaymentMethod
from gerai.services.shop.auth import Approval
from gerai.services.stock.supplier_debts import METHODS, PaymentResult, SupplierDebt
from gerai.tui.screens.sale.payment import parse_tender
from gerai.tui.screens.stock.common import StockDialog, fit_column
from gerai.tui.styles import sheet
from gerai.tui.typeahead import ENTER_FIELD, TypeAhead
from gerai.tui.widgets.field import TextField

_COLUMNS = (
    ("supplier", "field.supplier", 12),
    ("owed", "field.owed", 11),
    ("a", "ui.owed.days_0_30", 10),
    ("b", "ui.owed.days_31_60", 10),
    ("c", "ui.owed.days_61_90", 10),
    ("d", "ui.owed.days_over_90", 10),
    ("week", "field.due_this_week", 11),
    ("late", "field.overdue", 11),
)
METHOD_WORD = {PaymentMethod.CASH: "ui.owed.cash", PaymentMethod.TRANSFER: "ui.owed.transfer"}
CSS: list[Any] = [sheet("dialogs"), sheet("stock"), sheet("supplier_debts")]


def _right(amount: int) -> Text:
    return Text(format_number(amount), justify="right")


class SupplierDebtsScreen(StockDialog[None]):
    """Every supplier the gerai owes, by name; Enter pays the one selected."""

    CSS_PATH: ClassVar[Any] = CSS
    BINDINGS = [Binding("escape", "cancel", "ui.key.close")]

    def __init__(self, approval: Approval | None = None) -> None:
        super().__init__()
        self.approval = approval
        self.debts: list[SupplierDebt] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="owed"):
            yield Label(t("ui.owed.title"), classes="dialog-title")
            yield Label("", id="owed-total")
            yield DataTable(id="owed-table", cursor_type="row", zebra_stripes=True)
            yield Label("", classes="dialog-error")
            yield Label(t("ui.owed.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        table = self.query_one("#owed-table", DataTable)
        for key, title_key, width in _COLUMNS:
            title = t(title_key)
            table.add_column(
                title if key == "supplier" else Text(title, justify="right"), width=width, key=key
            )
        self.refresh_list()
        table.focus()
        self.call_after_refresh(fit_column, table, "supplier")

    def on_resize(self) -> None:
        self.call_after_refresh(fit_column, self.query_one("#owed-table", DataTable), "supplier")

    def refresh_list(self) -> None:
        """Read what is owed again and show it."""
        try:
            self.debts = self.till.supplier_debts()
        except GeraiError as error:
            self.fail(error)
            return
        table = self.query_one("#owed-table", DataTable)
        table.clear()
        for debt in self.debts:
            late = _right(debt.overdue)
            if debt.overdue:
                late.stylize("bold red")
            table.add_row(
                debt.supplier, _right(debt.owed), *(_right(amount) for amount in debt.aging),
                _right(debt.due_this_week), late,
            )  # fmt: skip
        self.query_one("#owed-total", Label).update(
            t(
                "ui.owed.total",
                date=format_date(self.till.today()),
                owed=format_rupiah(sum(d.owed for d in self.debts)),
                week=format_rupiah(sum(d.due_this_week for d in self.debts)),
            )
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.debts:
            debt = self.debts[event.cursor_row]
            self.app.push_screen(PaySupplierScreen(debt, self.approval), self.paid)

    def paid(self, result: PaymentResult | None) -> None:
        """After the pay dialog: the list again, and what was paid."""
        if result is None:
            return
        self.refresh_list()
        self.fail(
            t(
                "cli.supplier_paid",
                number=result.number,
                supplier=result.supplier,
                amount=format_rupiah(result.amount),
                owed=format_rupiah(result.owed_after),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)


class PaySupplierScreen(TypeAhead, StockDialog[PaymentResult | None]):
    """Pay one supplier: the amount (empty: all that is owed, on the receipt when one is
    given), Tab for cash from the kas or a transfer, the reference, the receipt; Enter goes
    field to field and pays on the last."""

    CSS_PATH: ClassVar[Any] = CSS
    BINDINGS = [
        ENTER_FIELD,
        Binding("tab", "next_method", "ui.key.owed_method", priority=True),
        Binding("escape", "cancel", "ui.key.cancel"),
    ]

    def __init__(self, debt: SupplierDebt, approval: Approval | None = None) -> None:
        super().__init__()
        self.debt = debt
        self.approval = approval
        self.method = PaymentMethod.CASH

    def compose(self) -> ComposeResult:
        debt = self.debt
        with Vertical(classes="dialog", id="pay-supplier"):
            yield Label(t("ui.owed.pay_title", supplier=debt.supplier), classes="dialog-title")
            yield Label(t("ui.owed.owed", owed=format_rupiah(debt.owed)), id="pay-owed")
            for receipt in debt.receipts:
                yield Label(
                    t(
                        "ui.owed.receipt",
                        number=receipt.number,
                        due=format_date(receipt.due),
                        owed=format_rupiah(receipt.owed),
                    )
                )
            yield Label("", id="pay-method")
            yield TextField(placeholder=t("ui.owed.amount"), id="pay-amount")
            yield TextField(placeholder=t("ui.owed.reference"), id="pay-reference")
            yield TextField(placeholder=t("ui.owed.receipt_field"), id="pay-receipt")
            yield Label("", classes="dialog-error")
            yield Label(t("ui.owed.pay_hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.show_method()
        self.query_one("#pay-amount", Input).focus()

    def show_method(self) -> None:
        """How it is paid."""
        text = t(METHOD_WORD[self.method])
        self.query_one("#pay-method", Label).update(t("ui.owed.method", method=text))

    def action_next_method(self) -> None:
        """Tab: cash from the kas, or a transfer."""
        self.method = METHODS[(METHODS.index(self.method) + 1) % len(METHODS)]
        self.show_method()

    def leave_field(self, field: Input) -> Any:
        if field.id != "pay-receipt":
            self.focus_next()

    def field_entered(self, field: Input, context: Any) -> None:
        if field.id == "pay-receipt":
            self.pay()

    def pay(self) -> None:
        """Pay with what the form holds; a refusal stays in the dialog."""
        receipt = self.query_one("#pay-receipt", Input).value.strip() or None
        try:
            amount = parse_tender(self.query_one("#pay-amount", Input).value)
            if amount is None:
                on = [r for r in self.debt.receipts if r.number.lower() == (receipt or "").lower()]
                amount = on[0].owed if on else self.debt.owed
            result = self.till.pay_supplier(
                self.debt.supplier_id, amount, self.method,
                reference=self.query_one("#pay-reference", Input).value, receipt=receipt,
                approval=self.approval,
            )  # fmt: skip
        except GeraiError as error:
            self.fail(error)
            return
        self.dismiss(result)
