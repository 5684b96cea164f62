"""The supervisor approval dialog: a bendahara or admin types their name and PIN at the moment
of an action beyond the kasir's role (void, retur, price override, manual discount...). The
dialog only collects them; the service that performs the action checks them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from gerai.i18n import t
from gerai.services.auth import PIN_MAX, Approval
from gerai.tui.bindings import localize_bindings


class ApprovalScreen(ModalScreen[Approval | None]):
    """Name + PIN of a supervisor for `action` (a message key naming it); Esc cancels."""

    CSS_PATH = "../styles/dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "ui.key.cancel")]

    def __init__(self, action: str) -> None:
        super().__init__()
        self.action = action
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="approval"):
            yield Label(t("ui.approval.title"), classes="dialog-title")
            yield Label(t("ui.approval.help", action=t(self.action)))
            yield Input(placeholder=t("ui.approval.name"), id="approver")
            yield Input(
                placeholder=t("ui.approval.pin"), id="approver-pin", password=True,
                max_length=PIN_MAX, restrict=r"[0-9]*",
            )  # fmt: skip
            yield Label(t("ui.approval.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#approver", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = self.query_one("#approver", Input).value.strip()
        pin = self.query_one("#approver-pin", Input).value
        if event.input.id == "approver" or not pin:
            self.query_one("#approver-pin", Input).focus()
        elif not name:
            self.query_one("#approver", Input).focus()
        else:
            self.approved(Approval(name, pin))

    def approved(self, approval: Approval) -> None:
        """Name and PIN given: hand them back."""
        self.dismiss(approval)

    def action_cancel(self) -> None:
        """Give up the action."""
        self.dismiss(None)
