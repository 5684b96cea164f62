"""The scan field. A barcode scanner types a code and Enter in a burst, faster than any
handler runs; so the field ends a scan inside its own key handler (on `enter` and on
`ctrl+j`, which is what keys typed before the app is ready arrive as), takes the value and
clears it in one step, and posts a message. Nothing is lost, merged or duplicated."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

from gerai.tui.bindings import localize_bindings

SCAN_END_KEYS = frozenset({"enter", "ctrl+j", "ctrl+m"})
LINE_STEPS = {"plus": 1, "minus": -1}


class ScanField(Input):
    """An Input that reports each completed entry as a `Scanned` message, in order."""

    BINDINGS = [Binding("delete", "delete_right", "ui.key.remove", key_display="Del")]

    class Scanned(Message):
        """One code (or search text) and Enter."""

        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    class RemoveLine(Message):
        """Delete pressed on an empty field: remove the selected cart line."""

    class StepLine(Message):
        """`+` or `-` typed on an empty field: one more or one less of the selected line."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    def __init__(self, value: str = "", *, clear_on_scan: bool = True, **kwargs: Any) -> None:
        super().__init__(value, **kwargs)
        localize_bindings(self)
        self.clear_on_scan = clear_on_scan

    def on_mount(self) -> None:
        self.cursor_position = len(self.value)

    def _take(self) -> None:
        value = self.value
        if self.clear_on_scan:
            self.value = ""
        self.post_message(self.Scanned(value))

    async def _on_key(self, event: events.Key) -> None:
        if event.key in SCAN_END_KEYS:
            event.stop()
            event.prevent_default()
            self._take()
            return
        if event.key in LINE_STEPS and not self.value:
            event.stop()
            event.prevent_default()
            self.post_message(self.StepLine(LINE_STEPS[event.key]))
            return
        await super()._on_key(event)

    def _on_paste(self, event: events.Paste) -> None:
        """A paste holding whole lines is a series of scans; a trailing part stays typed."""
        *complete, rest = event.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        event.stop()
        if complete:
            self.insert_text_at_cursor(complete[0])
            self._take()
            for line in complete[1:]:
                self.post_message(self.Scanned(line))
        if rest:
            self.insert_text_at_cursor(rest)

    def action_delete_right(self) -> None:
        """Delete a character, or on an empty field ask to remove the selected line."""
        if self.value:
            super().action_delete_right()
        else:
            self.post_message(self.RemoveLine())
