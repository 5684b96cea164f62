"""The supervisor approval dialog: a bendahara or admin types their name and PIN at the moment
of an action beyond the kasir's role (void, retur, price override, manual discount...). With a
`check` (see `gerai.tui.permits`), the name and PIN are checked at once: a wrong PIN (or a
locked user) is told in the dialog, which stays for the PIN to be typed again; any other
refusal closes it and goes to `refused`. Without a check, the dialog only collects them. What
was approved goes on (`approved`) as the dialog closes, before the next key is read, so the
keys typed after the PIN land in the form it opens, not in the screen under the dialog."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.services.shop.auth import PIN_MAX, Approval
from gerai.tui.base import GeraiDialog
from gerai.tui.credentials import ENTER, NameAndPin
from gerai.tui.styles import sheet
from gerai.tui.widgets.field import TextField

RETYPE = ("auth.wrong_pin", "auth.locked")  # refusals the supervisor answers in the dialog


class ApprovalScreen(NameAndPin, GeraiDialog[object]):
    """Name + PIN of a supervisor for `action` (a message key naming it; `admin_only` when
    only an admin's PIN will do); dismissed with what `check` gives (the approval itself
    without a check), or None on Esc or a refusal; `approved` is called with what `check`
    gives as the dialog closes (rather than a callback of `push_screen`, which runs after
    the keys typed meanwhile)."""

    CSS_PATH = sheet("dialogs")
    DEFAULT_CSS = "#approval-error { width: 100%; }"
    BINDINGS = [Binding("escape", "cancel", "ui.key.cancel"), ENTER]
    name_id, pin_id = "approver", "approver-pin"

    def __init__(
        self,
        action: str,
        admin_only: bool = False,
        check: Callable[[Approval], object] | None = None,
        refused: Callable[[GeraiError], object] | None = None,
        approved: Callable[[object], object] | None = None,
    ) -> None:
        super().__init__()
        self.action = action
        self.admin_only = admin_only
        self.check = check
        self.refused = refused
        self.approved = approved

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="approval"):
            yield Label(t("ui.approval.title"), classes="dialog-title")
            action = t(self.action)
            help_key = "ui.approval.help_admin" if self.admin_only else "ui.approval.help"
            yield Label(t(help_key, action=action[:1].upper() + action[1:]))
            yield TextField(placeholder=t("ui.approval.name"), id="approver")
            yield TextField(
                placeholder=t("ui.approval.pin"), id="approver-pin", password=True,
                max_length=PIN_MAX, restrict=r"[0-9]*",
            )  # fmt: skip
            yield Label("", classes="dialog-error", id="approval-error", markup=False)
            yield Label(t("ui.approval.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#approver", Input))  # now: the keys typed ahead go there

    def submit_credentials(self, name: str, pin: str) -> None:
        """Check the name and PIN when there is a check, then hand over the result."""
        approval = Approval(name, pin)
        if self.check is None:
            self.dismiss(approval)
            return
        try:
            granted = self.check(approval)
        except GeraiError as error:
            if error.key not in RETYPE:
                self.dismiss(None)
                if self.refused is not None:
                    self.refused(error)
                return
            self.fail(error)
            field = self.query_one("#approver-pin", Input)
            field.value = ""
            field.focus()
            return
        self.dismiss(granted)
        if self.approved is not None and granted is not None:
            self.approved(granted)
