"""What the members screens share: their style sheet, and running an action that needs a
permission the acting user may lack (a supervisor's PIN is asked first; the service checks
it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from gerai.services.auth import PERMISSIONS, Approval
from gerai.tui.screens.approval import ApprovalScreen
from gerai.tui.screens.stock_common import STOCK_CSS

MEMBERS_CSS = "../styles/members.tcss"
SCREEN_CSS = [STOCK_CSS, MEMBERS_CSS]
DIALOG_CSS = ["../styles/dialogs.tcss", STOCK_CSS, MEMBERS_CSS]


def with_permission(
    screen: Screen[Any], permission: str, action: str, run: Callable[[Approval | None], None]
) -> None:
    """Run `run` at once when the acting user's role has `permission`; otherwise ask for a
    bendahara's or admin's name and PIN (`action` is the message key naming what is done)
    and run it with that approval. Cancelling the PIN dialog does nothing."""
    app = screen.app
    if app.actor.role in PERMISSIONS[permission]:  # type: ignore[attr-defined]
        run(None)
        return

    def approved(approval: Approval | None) -> None:
        if approval is not None:
            run(approval)

    app.push_screen(ApprovalScreen(action), approved)
