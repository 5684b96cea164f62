"""A yes/no question before something is thrown away (Ctrl+X on the cart): `Y` says yes, `N`
or Esc no. Enter answers nothing, so a scan's Enter typed by mistake never says yes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label

from gerai.core.i18n import t
from gerai.tui.base import GeraiDialog
from gerai.tui.styles import sheet


class ConfirmDialog(GeraiDialog[bool]):
    """Dismissed with True (yes), or None (no)."""

    CSS_PATH = sheet("dialogs")
    BINDINGS = [
        Binding("y", "yes", "ui.key.yes"),
        Binding("n,escape", "cancel", "ui.key.no"),
    ]

    def __init__(self, title: str, question: str) -> None:
        super().__init__()
        self.title_text, self.question = title, question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Label(self.question, markup=False)
            yield Label(t("ui.confirm.hint"), classes="dialog-hint")

    def action_yes(self) -> None:
        """Y: yes."""
        self.dismiss(True)
