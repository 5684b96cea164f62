"""A name and a PIN typed on one screen (the login, a supervisor's approval), safe for fast
typing. The app routes each key to the focused field before that field has handled the keys
before it, so Enter is a priority binding the app runs in order: on the name it moves the focus
to the PIN at once (the PIN's digits go there), and on the PIN it sends `Entered` through the
PIN field's own queue, so it is acted on after every digit typed before it."""

from __future__ import annotations

from typing import Any, cast

from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input

ENTER = Binding("enter,ctrl+j", "enter", show=False, priority=True)


class NameAndPin:
    """Mix into a screen holding the Inputs `name_id` and `pin_id`."""

    name_id = ""
    pin_id = ""

    class Entered(Message):
        """Enter on the PIN, delivered behind the digits typed before it."""

    def submit_credentials(self, name: str, pin: str) -> None:
        """Both were typed: act on them."""
        raise NotImplementedError

    def fields(self) -> tuple[Input, Input]:
        """The name and the PIN field."""
        screen = cast(Screen[Any], self)
        return (
            screen.query_one(f"#{self.name_id}", Input),
            screen.query_one(f"#{self.pin_id}", Input),
        )

    def action_enter(self) -> None:
        """Enter: from the name on to the PIN; on the PIN, submit once its digits are in."""
        screen = cast(Screen[Any], self)
        pin = self.fields()[1]
        if screen.focused is pin:
            pin.post_message(self.Entered())
        else:
            screen.set_focus(pin)

    def on_name_and_pin_entered(self, message: Entered) -> None:
        """Submit both, or go back to the one still empty."""
        message.stop()
        screen = cast(Screen[Any], self)
        name, pin = self.fields()
        if not name.value.strip():
            screen.set_focus(name)
        elif pin.value:
            self.submit_credentials(name.value.strip(), pin.value)
