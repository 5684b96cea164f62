"""F1: every key of the kasir screen and its dialogs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from gerai.core.i18n import t
from gerai.tui.base import GeraiDialog
from gerai.tui.styles import sheet

HELP_ROWS = (
    ("ui.help.scan_key", "ui.help.scan"),
    ("ui.help.qty_key", "ui.help.qty"),
    ("ui.help.weight_key", "ui.help.weight"),
    ("ui.help.weigh_key", "ui.help.weigh"),
    ("ui.help.text_key", "ui.help.text"),
    ("ui.help.arrows_key", "ui.help.arrows"),
    ("+ / -", "ui.key.more_less"),
    ("ui.help.set_qty_key", "ui.help.set_qty"),
    ("Del", "ui.key.remove"),
    ("Ctrl+X", "ui.help.clear_cart"),
    ("Ctrl+O", "ui.help.price_override"),
    ("Ctrl+T", "ui.help.line_discount"),
    ("Ctrl+G", "ui.help.sale_discount"),
    ("F2", "ui.help.member"),
    ("F8", "ui.help.hold"),
    ("F3", "ui.help.products"),
    ("F4", "ui.help.report"),
    ("F5", "ui.help.members"),
    ("F6", "ui.help.cash"),
    ("F7", "ui.help.corrections"),
    ("F9", "ui.help.reprint"),
    ("F10", "ui.help.close_shift"),
    ("F12", "ui.help.pay"),
    ("F11", "ui.help.admin"),
    ("Ctrl+D", "ui.help.drawer"),
    ("Ctrl+L", "ui.help.logout"),
    ("Tab", "ui.help.tab"),
    ("Esc", "ui.help.esc"),
    ("F1", "ui.key.help"),
)


class HelpScreen(GeraiDialog[None]):
    """The list of keys."""

    CSS_PATH = sheet("dialogs")
    BINDINGS = [Binding("escape,f1,enter", "cancel", "ui.key.close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help"):
            yield Label(t("ui.help.title"), classes="dialog-title")
            table: DataTable[str] = DataTable(show_cursor=False, id="help-keys")
            table.add_columns(t("ui.help.key"), t("ui.help.does"))
            for key, text in HELP_ROWS:
                table.add_row(t(key) if key.startswith("ui.") else key, t(text))
            yield table
            yield Label(t("ui.help.close"), classes="dialog-hint")
