"""A dialog that picks one item from a list filtered as you type: arrows move, Enter picks,
Esc cancels. Product search, member search and held carts are all pickers."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.tui.base import GeraiDialog
from gerai.tui.styles import sheet
from gerai.tui.widgets.scan_field import ScanField

Item = TypeVar("Item")


class PickerScreen(GeraiDialog[Item | None], Generic[Item]):
    """Subclasses say how to search and how to show an item."""

    CSS_PATH = sheet("dialogs")
    BINDINGS = [
        Binding("escape", "cancel", "ui.key.cancel"),
        Binding("up", "move(-1)", "ui.key.up", show=False),
        Binding("down", "move(1)", "ui.key.down", show=False),
    ]
    title_key = ""
    placeholder_key = ""

    def __init__(self, query: str = "", items: list[Item] | None = None) -> None:
        super().__init__()
        self.query_text = query
        self.items: list[Item] = items if items is not None else []

    def search(self, text: str) -> list[Item]:
        """The items matching `text`."""
        raise NotImplementedError

    def label(self, item: Item) -> str:
        """One line describing an item."""
        raise NotImplementedError

    def exact(self, text: str) -> Item | None:
        """An item `text` names exactly (picked on Enter even if not highlighted)."""
        return None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(t(self.title_key), classes="dialog-title")
            yield ScanField(
                self.query_text,
                clear_on_scan=False,
                placeholder=t(self.placeholder_key),
                id="query",
            )
            yield OptionList(id="choices")
            yield Label("", id="picker-message", classes="dialog-error")
            yield Label(t("ui.picker.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#query", ScanField))  # now: keys typed ahead go there
        if self.items:
            self.show_items(self.items)
        else:
            self.refilter(self.query_text)

    def show_items(self, items: list[Item]) -> None:
        """Fill the list and highlight the first item."""
        self.items = items
        choices = self.query_one("#choices", OptionList)
        choices.clear_options()
        choices.add_options([Option(self.label(item)) for item in items])
        choices.highlighted = 0 if items else None
        message = (
            "" if items or not self.query_one("#query", ScanField).value else t("ui.picker.none")
        )
        self.query_one("#picker-message", Label).update(message)

    def refilter(self, text: str) -> None:
        """Search again for `text`."""
        try:
            self.show_items(self.search(text))
        except GeraiError as error:
            self.query_one("#picker-message", Label).update(error.message())

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refilter(event.value)

    def on_scan_field_scanned(self, message: ScanField.Scanned) -> None:
        message.stop()
        picked = self.exact(message.value)
        if picked is None:
            index = self.query_one("#choices", OptionList).highlighted
            picked = self.items[index] if index is not None and index < len(self.items) else None
        if picked is None:
            self.app.bell()
            return
        self.dismiss(picked)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.items[event.option_index])

    def action_move(self, step: int) -> None:
        """Move the highlight."""
        choices = self.query_one("#choices", OptionList)
        if self.items:
            current = choices.highlighted or 0
            choices.highlighted = max(0, min(len(self.items) - 1, current + step))
