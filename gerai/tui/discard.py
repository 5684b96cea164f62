"""Esc on a form holding work not yet saved asks before throwing it away."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from textual.screen import Screen

from gerai.core.i18n import t


class AskBeforeDiscard:
    """Mix into a screen holding work not yet saved (a receiving document, a count, the
    shop's settings), Esc bound to `cancel`: the first Esc on it asks (`warn_discard`, which
    the screen shows where it shows its errors), the second throws it away; typing in between
    asks again."""

    discard_warned = False
    warn_discard: Callable[[str], None]  # the screen's own way of showing the question

    def is_filled(self) -> bool:
        """Something typed or counted would be lost."""
        raise NotImplementedError

    def action_cancel(self) -> None:
        """Esc: leave without saving; with work on the form, only the second time."""
        if self.is_filled() and not self.discard_warned:
            self.discard_warned = True
            self.warn_discard(t("ui.stock.discard_ask"))
            return
        cast(Screen[Any], self).dismiss(None)

    def on_input_changed(self) -> None:
        self.discard_warned = False
