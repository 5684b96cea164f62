"""Type-ahead safety for forms whose Enter goes from field to field. The app routes each key to
the field focused when the app reads the key, before that field has handled the keys before it;
an Enter handled by the field (Input.Submitted) moves the focus too late, and what is typed after
it lands in the old field (`31201121` in the Rp100.000 row). So Enter is a priority binding the
app runs in the order of the keys: it moves the focus at once (`leave_field`, with
`Screen.set_focus`: `Widget.focus()` would wait), and the field's own work (`field_entered`)
runs as a callback in that field's queue, after every key typed in it before the Enter and
before anything else can change it. A form whose Enter on its last field saves it mixes in
`SavedOnLastField`. The login and the approval dialog do the same for a name and a PIN
(`gerai/tui/credentials.py`). A dialog focuses its first field with `set_focus` in its
on_mount, so that keys typed while it opens land there."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any, cast

from textual.actions import SkipAction
from textual.app import App
from textual.binding import Binding
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widgets import Input

WAIT_SECONDS = 2.0  # never hang the till on a stuck widget


async def keys_in(field: MessagePump) -> None:
    """Wait until `field` (or a screen) has handled the keys and messages queued to it (from a
    priority key's action: the app reads no other key meanwhile)."""
    done = asyncio.Event()
    field.call_later(done.set)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(done.wait(), WAIT_SECONDS)


async def screen_ready(app: App[Any]) -> None:
    """Wait until the screen on top is mounted, and any screen it opened as it mounted (the
    kasir screen's modal awal), so that the keys read next go to its focused field."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT_SECONDS
    while loop.time() < deadline:
        top = app.screen
        if top.is_mounted and app.screen is top:
            return
        await asyncio.sleep(0.005)


ENTER_FIELD = Binding("enter,ctrl+j", "enter_field", show=False, priority=True)
# Tab and Shift+Tab move the focus in the order of the keys too (a form without its own Tab)
TAB_FIELDS = (
    Binding("tab", "tab_field(1)", show=False, priority=True),
    Binding("shift+tab", "tab_field(-1)", show=False, priority=True),
)


def save_typed(description: str = "ui.key.save") -> Binding:
    """Ctrl+S of a form, run in the order of the keys (see `TypeAhead.action_save_typed`)."""
    return Binding("ctrl+s", "save_typed", description, priority=True)


class TypeAhead:
    """Mix into a screen or dialog (before its base class) whose Inputs take Enter; put
    ENTER_FIELD in its BINDINGS (with TAB_FIELDS, and `save_typed()` for a Ctrl+S that
    saves). Enter on anything but an Input (a Select, a Checkbox) is left to that widget."""

    action_save: Callable[[], None]  # the form's own save, where it has one

    def leave_field(self, field: Input) -> Any:
        """Enter was read on `field`: move the focus now, where the next keys must go (by
        default the next field). What it returns travels to `field_entered`."""
        cast(Screen[Any], self).focus_next()

    def field_entered(self, field: Input, context: Any) -> None:
        """Enter on `field`, once its keys are in: check or act on it."""

    async def action_save_typed(self) -> None:
        """Ctrl+S: save (`action_save`) once every field has handled the keys typed into it
        before (the last digits of the field left by Enter may still wait in its queue); the
        next keys are read once what the save opened (a supervisor's approval) is there."""
        screen = cast(Screen[Any], self)
        for field in screen.query(Input):
            await keys_in(field)
        self.action_save()
        await screen_ready(screen.app)

    def action_tab_field(self, step: int) -> None:
        """Tab (1) or Shift+Tab (-1): the next or the previous field, at once."""
        screen = cast(Screen[Any], self)
        if step > 0:
            screen.focus_next()
        else:
            screen.focus_previous()

    def action_enter_field(self) -> None:
        field = cast(Screen[Any], self).focused
        if not isinstance(field, Input):
            raise SkipAction
        context = self.leave_field(field)
        field.call_later(self.field_entered, field, context)


class SavedOnLastField(TypeAhead):
    """A form whose Enter goes to the next field and, on its last Input, saves the form
    (`action_save`) once that field's keys are in."""

    def is_last(self, field: Input) -> bool:
        """`field` is the form's last Input."""
        return field is cast(Screen[Any], self).query(Input).last()

    def leave_field(self, field: Input) -> None:
        if not self.is_last(field):
            cast(Screen[Any], self).focus_next()

    def field_entered(self, field: Input, context: Any) -> None:
        if self.is_last(field):
            self.action_save()
