"""The supervisor approval dialog: a bendahara or admin types their name and PIN at the moment
of an action beyond the kasir's role (void, retur, price override, manual discount...). The
dialog only collects them; the service that performs the action checks them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from gerai.core.i18n import t
from gerai.services.shop.auth import PIN_MAX, Approval
from gerai.tui.bindings import localize_bindings
from gerai.tui.credentials import ENTER, NameAndPin
from gerai.tui.styles import sheet


class ApprovalScreen(NameAndPin, ModalScreen[Approval | None]):
    """Name + PIN of a supervisor for `action` (a message key naming it; `admin_only` when
    only an admin's PIN will do); Esc cancels."""

    CSS_PATH = sheet("dialogs")
    BINDINGS = [Binding("escape", "cancel", "ui.key.cancel"), ENTER]
    name_id, pin_id = "approver", "approver-pin"

    def __init__(self, action: str, admin_only: bool = False) -> None:
        super().__init__()
        self.action = action
        self.admin_only = admin_only
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="approval"):
            yield Label(t("ui.approval.title"), classes="dialog-title")
            action = t(self.action)
            help_key = "ui.approval.help_admin" if self.admin_only else "ui.approval.help"
            yield Label(t(help_key, action=action[:1].upper() + action[1:]))
            yield Input(placeholder=t("ui.approval.name"), id="approver")
            yield Input(
                placeholder=t("ui.approval.pin"), id="approver-pin", password=True,
                max_length=PIN_MAX, restrict=r"[0-9]*",
            )  # fmt: skip
            yield Label(t("ui.approval.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#approver", Input).focus()

    def submit_credentials(self, name: str, pin: str) -> None:
        """Hand the name and PIN to the action that asked for them."""
        self.dismiss(Approval(name, pin))

    def action_cancel(self) -> None:
        """Give up the action."""
        self.dismiss(None)
