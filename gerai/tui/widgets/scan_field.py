"""The scan field. A barcode scanner types a code and Enter in a burst, faster than any
handler runs; so the field ends a scan inside its own key handler (on `enter` and on
`ctrl+j`, which is what keys typed before the app is ready arrive as), takes the value and
clears it in one step, and posts a message. Nothing is lost, merged or duplicated. `+` and `-`
on the empty field step the selected line; `-` followed by a digit is a negative quantity
typed (`-1*CODE`) when the entry after it starts with a quantity: the step is taken back and
the entry goes in whole, to be refused; a code scanned after `-` is a scan."""

from __future__ import annotations

import re
from typing import Any

from textual import events
from textual.binding import Binding, BindingsMap
from textual.message import Message

from gerai.tui.bindings import localize_bindings
from gerai.tui.widgets.field import TextField

SCAN_END_KEYS = frozenset({"enter", "ctrl+j", "ctrl+m"})
LINE_STEPS = {"plus": 1, "minus": -1}
QTY_FIRST = re.compile(r"\d[\d.,]*\*\S")  # a quantity and a code: `1*CODE`, `1,5*CODE`


class ScanField(TextField):
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

    class StepTakenBack(Message):
        """The `-` typed on the empty field began a negative quantity (`-1*CODE`), not "one
        less" and a scan: the step it made is to be taken back (the entry comes with its `-`,
        to be refused whole)."""

    def __init__(self, value: str = "", *, clear_on_scan: bool = True, **kwargs: Any) -> None:
        super().__init__(value, **kwargs)
        localize_bindings(self)
        # no cut (Ctrl+X) in a scan field: the kasir screen's Ctrl+X empties the cart, shown
        # in the footer where the screen lists it, not early where Input's cut was
        keys = self._bindings.key_to_bindings
        self._bindings = BindingsMap.from_keys({k: v for k, v in keys.items() if k != "ctrl+x"})
        self.clear_on_scan = clear_on_scan
        self.after_minus = False  # the entry was begun right after `-` on the empty field

    def on_mount(self) -> None:
        self.cursor_position = len(self.value)

    def take(self) -> tuple[str, bool]:
        """The entry (the field cleared, when it clears on scan), and whether it is a quantity
        typed right after `-` on the empty field: then it comes with its `-` (`-1*CODE`, a
        negative quantity, not "one less" and a scan of `1*CODE`)."""
        value, negative = self.value, self.after_minus and QTY_FIRST.match(self.value) is not None
        self.after_minus = False
        if self.clear_on_scan:
            self.value = ""
        return ("-" + value if negative else value), negative

    def _take(self) -> None:
        value, negative = self.take()
        if negative:
            self.post_message(self.StepTakenBack())
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
            self.after_minus = event.key == "minus"
            return
        await super()._on_key(event)

    def _on_blur(self, event: events.Blur) -> None:
        self.after_minus = False
        super()._on_blur(event)

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
