"""What the members screens share: their style sheets."""

from __future__ import annotations

from gerai.tui.screens.stock.common import STOCK_CSS
from gerai.tui.styles import sheet

MEMBERS_CSS = sheet("members")
SCREEN_CSS = [STOCK_CSS, MEMBERS_CSS]
DIALOG_CSS = [sheet("dialogs"), STOCK_CSS, MEMBERS_CSS]
