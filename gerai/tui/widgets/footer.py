"""Textual's footer, with its keys composed again only when the keys it would show change.
Textual's own composes all its keys again (some twenty widgets, 15 to 35 ms) for every change
of the screen's bindings: three as a screen opens (stack, focus, app focus), one as it closes,
one more for the screen below each time a dialog over it closes, whether or not a key
changed. Here a burst of binding changes composes them again once, after the next refresh,
only on a screen still open and only if what they would show (keys, their order, enabled or
not) differs from what they show."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


class Footer(TextualFooter):
    """The key bar, drawn as Textual's; at most one recompose waits at a time, and none when
    the keys shown stay the same."""

    _recompose_waiting = False
    _shown: tuple[Any, ...] | None = None  # what the keys composed show

    def keys(self) -> tuple[Any, ...]:
        """What Textual's compose reads: the screen's bindings shown, whether each is
        enabled, its tooltip and how its key is displayed, and the command palette's key."""
        app = self.app
        shown = tuple(
            (binding, enabled, tooltip, app.get_key_display(binding))
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )
        return (*shown, self.show_command_palette and app.ENABLE_COMMAND_PALETTE)

    def compose(self) -> ComposeResult:
        """Textual's keys, each made with the footer's compact style already: Textual's are
        made compact, then bound to the footer's style, each change of their CSS class
        styling them again (two thirds of the footer's compose, on a screen not compact)."""
        self._shown = self.keys() if self._bindings_ready else None
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Look again after the next refresh, unless a look already waits for it."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._recompose_waiting:
            self._recompose_waiting = True
            self.call_after_refresh(self._recompose_once)

    async def _recompose_once(self) -> None:
        self._recompose_waiting = False
        if (
            self.is_attached
            and self.screen in self.app.screen_stack  # not a screen just closed
            and self.keys() != self._shown
        ):
            await self.recompose()
