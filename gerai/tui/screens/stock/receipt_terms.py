"""How a goods receipt just saved is paid (issue 17), asked by the receiving screen: later by a
due date (tempo, the default), or now in cash from the kas bendahara or by transfer with its
reference (Tab cycles the three). Enter goes field to field and records on the last; Esc
leaves the terms for later (`gerai supplier terms`). Paying now needs the kas permission: a
kasir is asked a bendahara's PIN. Dismissed with what to say (or None)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.money import format_rupiah
from gerai.core.timefmt import format_date
from gerai.core.words import PaymentMethod, Permission, ReceiptTermsKind
from gerai.services.shop.auth import Approval
from gerai.tui.permits import with_approval
from gerai.tui.screens.stock.common import StockDialog
from gerai.tui.screens.stock.supplier_debts import CSS
from gerai.tui.typeahead import ENTER_FIELD, TypeAhead
from gerai.tui.widgets.field import TextField

# the choices Tab goes through: (terms, method, what the dialog says)
CHOICES = (
    (ReceiptTermsKind.CREDIT, PaymentMethod.CASH, "ui.terms.later"),
    (ReceiptTermsKind.PAID, PaymentMethod.CASH, "ui.terms.cash"),
    (ReceiptTermsKind.PAID, PaymentMethod.TRANSFER, "ui.terms.transfer"),
)


class ReceiptTermsDialog(TypeAhead, StockDialog[str | None]):
    """Paid later (with a due date) or now (cash or transfer) for one goods receipt."""

    CSS_PATH: ClassVar[Any] = CSS
    BINDINGS = [
        ENTER_FIELD,
        Binding("tab", "next_choice", "ui.key.terms_choice", priority=True),
        Binding("escape", "cancel", "ui.key.cancel"),
    ]

    def __init__(self, number: str, total: int, approval: Approval | None = None) -> None:
        super().__init__()
        self.number = number
        self.total = total
        self.approval = approval
        self.choice = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="receipt-terms"):
            yield Label(
                t("ui.terms.title", number=self.number, total=format_rupiah(self.total)),
                classes="dialog-title",
            )
            yield Label("", id="terms-choice")
            yield TextField(placeholder=t("ui.terms.due"), id="terms-due")
            yield TextField(placeholder=t("ui.terms.reference"), id="terms-reference")
            yield Label("", classes="dialog-error")
            yield Label(t("ui.terms.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.show_choice()
        self.query_one("#terms-due", Input).focus()

    def show_choice(self) -> None:
        """What was chosen."""
        choice = t(CHOICES[self.choice][2])
        self.query_one("#terms-choice", Label).update(t("ui.terms.choice", choice=choice))

    def action_next_choice(self) -> None:
        """Tab: later, cash now, transfer now."""
        self.choice = (self.choice + 1) % len(CHOICES)
        self.show_choice()

    def leave_field(self, field: Input) -> Any:
        if field.id != "terms-reference":
            self.focus_next()

    def field_entered(self, field: Input, context: Any) -> None:
        if field.id != "terms-reference":
            return
        kind, _, _ = CHOICES[self.choice]
        if kind == ReceiptTermsKind.PAID and self.approval is None:
            with_approval(self.app, Permission.KAS, self.record, self.fail)
        else:
            self.record(self.approval)

    def record(self, approval: Approval | None) -> None:
        """Write the terms (and the payment, when paid now); a refusal stays in the dialog."""
        kind, method, _ = CHOICES[self.choice]
        try:
            done = self.till.set_receipt_terms(
                self.number, kind, due=self.query_one("#terms-due", Input).value, method=method,
                reference=self.query_one("#terms-reference", Input).value, approval=approval,
            )  # fmt: skip
        except GeraiError as error:
            self.fail(error)
            return
        if done.payment is None:
            self.dismiss(t("ui.terms.later_saved", due=format_date(done.due)))
        else:
            amount = format_rupiah(done.payment.amount)
            self.dismiss(t("ui.terms.paid_saved", number=done.payment.number, amount=amount))

    def action_cancel(self) -> None:
        self.dismiss(t("ui.terms.not_set"))
