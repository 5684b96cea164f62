"""Money a member brings to (or takes from) the counter: a savings payment (pokok, wajib for
some months, sukarela, a sukarela withdrawal) and a kasbon repayment. `Tab` cycles the kind
(savings) or the method (repayment), `F2` the method (savings); Enter takes the payment and
the dialog closes with its slip number, which the caller prints. A refusal keeps the dialog
open with the reason."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.money import format_rupiah, parse_rupiah
from gerai.core.phrases import METHOD
from gerai.core.words import MemberPaymentKind, PaymentMethod, Permission
from gerai.services.members.lookup import MemberInfo
from gerai.services.members.payments import (
    IN_METHODS,
    OUT_METHODS,
    SAVINGS_KINDS,
)
from gerai.services.members.savings import savings_amount
from gerai.services.shop.auth import Approval
from gerai.tui.base import GeraiDialog
from gerai.tui.permits import with_approval
from gerai.tui.screens.members.common import DIALOG_CSS
from gerai.tui.widgets.field import TextField

SAVINGS_CHOICES = (*SAVINGS_KINDS, MemberPaymentKind.SUKARELA_OUT)
SAVINGS_KIND: dict[str, str] = {
    "pokok": "ui.savings.kind.pokok",
    "wajib": "ui.savings.kind.wajib",
    MemberPaymentKind.SUKARELA: "ui.savings.kind.sukarela",
    MemberPaymentKind.SUKARELA_OUT: "ui.savings.kind.sukarela_out",
}


def parse_amount(text: str) -> int | None:
    """A Rupiah amount as typed (`50000`, `50.000`, `Rp50.000`); None when empty."""
    raw = text.strip()
    if not raw:
        return None
    if raw.startswith("-"):
        raise GeraiError("members.amount_positive", amount=raw)
    try:
        return parse_rupiah(raw)
    except ValueError as exc:
        raise GeraiError("members.not_amount", text=raw) from exc


def parse_months(text: str) -> int:
    """Months of simpanan wajib as typed; empty is one month."""
    raw = text.strip()
    if not raw:
        return 1
    if not (raw.isascii() and raw.lstrip("-").isdigit()):
        raise GeraiError("members.not_months", text=raw)
    return int(raw)


def choices(options: tuple[str, ...], chosen: str, keys: dict[str, str]) -> str:
    """The options on one line (their message `keys`), the chosen one highlighted."""
    return "  ".join(
        f"[reverse] {t(keys[o])} [/]" if o == chosen else f" {t(keys[o])} " for o in options
    )


class MoneyDialog(GeraiDialog[str | None]):
    """What both dialogs share: the member, the methods, the amount field and committing."""

    CSS_PATH: ClassVar[Any] = DIALOG_CSS
    permission: ClassVar[Permission]

    def __init__(self, member: MemberInfo) -> None:
        super().__init__()
        self.member = member
        self.method: str = PaymentMethod.CASH

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#amount", Input))  # now: the keys typed ahead go there
        self.redraw()

    def redraw(self) -> None:
        """Show the current choices and the preview."""
        raise NotImplementedError

    def methods(self) -> tuple[str, ...]:
        """The methods this payment may use."""
        return IN_METHODS

    def cycle_method(self) -> None:
        """The next method."""
        options = self.methods()
        index = options.index(self.method) if self.method in options else -1
        self.method = options[(index + 1) % len(options)]
        self.redraw()

    def on_input_changed(self, _event: Input.Changed) -> None:
        self.query_one(".dialog-error", Label).update("")
        self.redraw()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: take the payment."""
        event.stop()
        with_approval(self.app, self.permission, self.commit, self.fail)

    def commit(self, approval: Approval | None) -> None:
        """Write the payment; close with its slip number."""
        try:
            number = self.write(approval)
        except GeraiError as error:
            self.fail(error)
            return
        self.dismiss(number)

    def write(self, approval: Approval | None) -> str:
        """Take the payment; its slip number."""
        raise NotImplementedError


class SavingsDialog(MoneyDialog):
    """A savings payment or withdrawal for `member`."""

    BINDINGS = [
        Binding("tab", "cycle_kind", "ui.key.savings_kind", priority=True),
        Binding("f2", "cycle_method", "ui.key.method"),
        Binding("escape", "cancel", "ui.key.cancel"),
    ]
    permission = Permission.SAVINGS

    def __init__(self, member: MemberInfo, kind: str = MemberPaymentKind.POKOK) -> None:
        super().__init__(member)
        self.kind = kind

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="savings"):
            yield Label(
                t("ui.savings.title", number=self.member.number, name=self.member.name),
                classes="dialog-title",
            )
            yield Label("", id="kinds")
            yield Label("", id="methods")
            yield Label("", id="amount-label")
            yield TextField(id="amount")
            yield Label("", id="preview")
            yield Label("", classes="dialog-error")
            yield Label(t("ui.savings.hint"), classes="dialog-hint")

    def methods(self) -> tuple[str, ...]:
        return OUT_METHODS if self.kind == MemberPaymentKind.SUKARELA_OUT else IN_METHODS

    def action_cycle_kind(self) -> None:
        """Tab: the next kind of savings payment."""
        self.kind = SAVINGS_CHOICES[(SAVINGS_CHOICES.index(self.kind) + 1) % len(SAVINGS_CHOICES)]
        if self.method not in self.methods():
            self.method = self.methods()[0]
        self.query_one("#amount", Input).value = ""
        self.redraw()

    def action_cycle_method(self) -> None:
        """F2: the next method."""
        self.cycle_method()

    def redraw(self) -> None:
        self.query_one("#kinds", Label).update(choices(SAVINGS_CHOICES, self.kind, SAVINGS_KIND))
        self.query_one("#methods", Label).update(choices(self.methods(), self.method, METHOD))
        labels: dict[str, str] = {
            MemberPaymentKind.POKOK: "ui.savings.pokok",
            MemberPaymentKind.WAJIB: "ui.savings.months",
        }
        label = labels.get(self.kind, "ui.savings.amount")
        self.query_one("#amount-label", Label).update(t(label))
        self.query_one("#preview", Label).update(self.preview())

    def preview(self) -> str:
        """What will be taken, or the balance a withdrawal may take."""
        shop = self.till.shop
        text = self.query_one("#amount", Input).value
        try:
            balance = self.till.savings_balance(self.member.id)
            if self.kind == MemberPaymentKind.SUKARELA_OUT:
                return t("ui.savings.available", balance=format_rupiah(balance.sukarela))
            if self.kind == MemberPaymentKind.WAJIB:
                months = parse_months(text)
                return t(
                    "ui.savings.wajib_preview", count=months,
                    monthly=format_rupiah(shop.savings_wajib),
                    amount=format_rupiah(savings_amount(self.kind, shop, None, months)),
                )  # fmt: skip
            if self.kind == MemberPaymentKind.POKOK:
                if balance.pokok:
                    return t("ui.savings.pokok_paid", amount=format_rupiah(balance.pokok))
                return t("ui.savings.pokok_preview", amount=format_rupiah(shop.savings_pokok))
            typed = parse_amount(text)
            return "" if typed is None else format_rupiah(typed)
        except GeraiError:
            return ""

    def write(self, approval: Approval | None) -> str:
        text = self.query_one("#amount", Input).value
        months = parse_months(text) if self.kind == MemberPaymentKind.WAJIB else 0
        amount = None if self.kind == MemberPaymentKind.WAJIB else parse_amount(text)
        return self.till.take_savings(
            self.member.id, self.kind, amount, months, self.method, approval
        )


class RepaymentDialog(MoneyDialog):
    """A kasbon repayment by `member`: empty = the whole debt."""

    BINDINGS = [
        Binding("tab", "cycle_method", "ui.key.method", priority=True),
        Binding("escape", "cancel", "ui.key.cancel"),
    ]
    permission = Permission.REPAYMENT

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="repayment"):
            yield Label(
                t("ui.repay.title", number=self.member.number, name=self.member.name),
                classes="dialog-title",
            )
            yield Label("", id="owed")
            yield Label("", id="methods")
            yield TextField(placeholder=t("ui.repay.placeholder"), id="amount")
            yield Label("", id="preview")
            yield Label("", classes="dialog-error")
            yield Label(t("ui.repay.hint"), classes="dialog-hint")

    def owed(self) -> int:
        """What the member owes now."""
        return self.till.kasbon_outstanding(self.member.id)

    def action_cycle_method(self) -> None:
        """Tab: the next method."""
        self.cycle_method()

    def redraw(self) -> None:
        try:
            owed = self.owed()
        except GeraiError as error:
            self.fail(error)
            return
        self.query_one("#owed", Label).update(t("ui.repay.owed", owed=format_rupiah(owed)))
        self.query_one("#methods", Label).update(choices(self.methods(), self.method, METHOD))
        try:
            amount = parse_amount(self.query_one("#amount", Input).value)
        except GeraiError:
            amount = -1
        left = owed - (owed if amount is None else amount)
        preview = t("ui.repay.left", left=format_rupiah(left)) if 0 <= left <= owed else ""
        self.query_one("#preview", Label).update(preview)

    def write(self, approval: Approval | None) -> str:
        amount = parse_amount(self.query_one("#amount", Input).value)
        return self.till.repay_kasbon(self.member.id, amount, self.method, approval)
