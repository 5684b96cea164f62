"""A screen's one-line status bar: messages, and refusals in red with a beep."""

from __future__ import annotations

from typing import Any, cast

from textual.screen import Screen
from textual.widgets import Label

from gerai.core.errors import GeraiError


class StatusLine:
    """Mix into a screen whose status Label matches `status_selector`."""

    status_selector = "#status"

    def say(self, text: str, error: bool = False) -> None:
        """One line on the status bar; errors in red with a beep."""
        screen = cast(Screen[Any], self)
        status = screen.query_one(self.status_selector, Label)
        status.update(text)
        status.set_class(error, "error")
        if error:
            screen.app.bell()

    def fail(self, error: GeraiError) -> None:
        """Show a refusal."""
        self.say(error.message(), error=True)
