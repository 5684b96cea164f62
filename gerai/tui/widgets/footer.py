"""Textual's footer, composed again once for a burst of binding changes: Textual's own schedules
one recompose of all its keys for each change, and a screen being opened changes its bindings
three times (stack, focus, app focus)."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    """The key bar, drawn as Textual's; at most one recompose waits at a time."""

    _recompose_waiting = False

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Recompose after the next refresh, unless a recompose already waits for it."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._recompose_waiting:
            self._recompose_waiting = True
            self.call_after_refresh(self._recompose_once)

    async def _recompose_once(self) -> None:
        self._recompose_waiting = False
        await self.recompose()
