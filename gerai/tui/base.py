"""The base classes of every screen and dialog: the app typed as `GeraiApp`, the `till` it
works, and key bindings translated when the screen is made. A dialog shows a refusal in its
`.dialog-error` line and stays; Esc closes it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual import getters
from textual.screen import ModalScreen, Screen
from textual.widgets import Label

from gerai.core.errors import GeraiError
from gerai.tui.bindings import localize_bindings
from gerai.tui.typeahead import keys_in

if TYPE_CHECKING:
    from gerai.till import Till
    from gerai.tui.app import GeraiApp

Result = TypeVar("Result")


async def caught_up(screen: Screen[Any]) -> None:
    """`GeraiScreen.caught_up` of any screen or dialog."""
    for pump in (screen.focused, screen):
        if pump is not None:
            await keys_in(pump)


class GeraiScreen(Screen[Result]):
    """A full screen of gerai."""

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)

    if TYPE_CHECKING:  # the app, typed (at run time: Textual's own property)
        app = getters.app(GeraiApp)

    @property
    def till(self) -> Till:
        """The till this screen works."""
        return self.app.till

    async def caught_up(self) -> None:
        """Wait until the focused field and this screen have handled the keys (and what they
        posted) queued before the priority key being run, e.g. a scan typed right before F12.
        The app reads no other key meanwhile."""
        await caught_up(self)

    async def open_dialog(
        self, dialog: Screen[Any], callback: Callable[[Any], Any] | None = None
    ) -> None:
        """Open `dialog` from a priority binding's action, type-ahead safe: the app reads no
        other key until the dialog is mounted with its first field focused (`set_focus` in
        its on_mount), so the keys typed right after the one that opened it go there."""
        await self.app.push_screen(dialog, callback)


class GeraiDialog(ModalScreen[Result]):
    """A dialog of gerai."""

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)

    if TYPE_CHECKING:  # the app, typed (at run time: Textual's own property)
        app = getters.app(GeraiApp)

    @property
    def till(self) -> Till:
        """The till this dialog works."""
        return self.app.till

    def fail(self, error: GeraiError | str) -> None:
        """Show why the action was refused."""
        text = error.message() if isinstance(error, GeraiError) else error
        label = self.query_one(".dialog-error", Label)
        label.update(text)
        label.call_after_refresh(label.scroll_visible, animate=False)  # below a scrolled form
        self.app.bell()

    def action_cancel(self) -> None:
        """Esc: close, nothing done."""
        self.dismiss(None)
