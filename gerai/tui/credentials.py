"""A name and a PIN typed on one screen (the login, a supervisor's approval), safe for fast
typing. The app routes each key to the focused field before that field has handled the keys
before it, so Enter is a priority binding the app runs in order: on the name it moves the focus
to the PIN at once (the PIN's digits go there); on the PIN it waits until the PIN field has
every digit typed before it, acts, and reads no other key until the screen that comes next (the
kasir screen and its modal awal, the form a supervisor approved) is there to take them."""

from __future__ import annotations

from typing import Any, cast

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from gerai.tui.typeahead import keys_in, screen_ready

ENTER = Binding("enter,ctrl+j", "enter", show=False, priority=True)


class NameAndPin:
    """Mix into a screen holding the Inputs `name_id` and `pin_id`."""

    name_id = ""
    pin_id = ""

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

    async def action_enter(self) -> None:
        """Enter: from the name on to the PIN; on the PIN, once its digits are in, submit
        both (or go back to the name still empty)."""
        screen = cast(Screen[Any], self)
        name, pin = self.fields()
        if screen.focused is not pin:
            screen.set_focus(pin)
            return
        await keys_in(pin)
        if not name.value.strip():
            screen.set_focus(name)
        elif pin.value:
            self.submit_credentials(name.value.strip(), pin.value)
            await screen_ready(screen.app)
