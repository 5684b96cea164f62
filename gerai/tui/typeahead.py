"""Type-ahead safety for forms whose Enter goes from field to field. The app routes each key to
the field focused when the app reads the key, before that field has handled the keys before it;
an Enter handled by the field (Input.Submitted) moves the focus too late, and what is typed after
it lands in the old field (`31201121` in the Rp100.000 row). So Enter is a priority binding the
app runs in the order of the keys: it moves the focus at once (`leave_field`, with
`Screen.set_focus`: `Widget.focus()` would wait), and the field's own work (`field_entered`)
runs as a callback in that field's queue, after every key typed in it before the Enter and
before anything else can change it. The login and the approval dialog do the same for a name
and a PIN (`gerai/tui/credentials.py`)."""

from __future__ import annotations

from typing import Any, cast

from textual.actions import SkipAction
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

ENTER_FIELD = Binding("enter,ctrl+j", "enter_field", show=False, priority=True)


class TypeAhead:
    """Mix into a screen or dialog (before its base class) whose Inputs take Enter; put
    ENTER_FIELD in its BINDINGS. Enter on anything but an Input (a Select, a Checkbox) is left
    to that widget."""

    def leave_field(self, field: Input) -> Any:
        """Enter was read on `field`: move the focus now, where the next keys must go (by
        default the next field). What it returns travels to `field_entered`."""
        cast(Screen[Any], self).focus_next()

    def field_entered(self, field: Input, context: Any) -> None:
        """Enter on `field`, once its keys are in: check or act on it."""

    def action_enter_field(self) -> None:
        field = cast(Screen[Any], self).focused
        if not isinstance(field, Input):
            raise SkipAction
        context = self.leave_field(field)
        field.call_later(self.field_entered, field, context)
