"""What the members screens share: their style sheets."""

from __future__ import annotations

from gerai.tui.screens.stock_common import STOCK_CSS

MEMBERS_CSS = "../styles/members.tcss"
SCREEN_CSS = [STOCK_CSS, MEMBERS_CSS]
DIALOG_CSS = ["../styles/dialogs.tcss", STOCK_CSS, MEMBERS_CSS]
