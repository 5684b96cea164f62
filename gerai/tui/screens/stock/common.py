"""What the stock screens and dialogs share: their style sheet, the status line of a screen,
and the category picker."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from gerai.core.i18n import t
from gerai.tui.base import GeraiDialog, GeraiScreen
from gerai.tui.screens.picker import PickerScreen
from gerai.tui.status_line import StatusLine
from gerai.tui.styles import sheet

Result = TypeVar("Result")
STOCK_CSS = sheet("stock")


class StockScreen(StatusLine, GeraiScreen[Result]):
    """A full screen of the stock area with a `.stock-status` line."""

    CSS_PATH: ClassVar[Any] = STOCK_CSS
    status_selector = ".stock-status"

    def warn_discard(self, text: str) -> None:
        """Ask before throwing away what is not saved (`AskBeforeDiscard`), on the status line."""
        self.say(text, error=True)


class StockDialog(GeraiDialog[Result]):
    """A dialog of the stock area."""

    CSS_PATH: ClassVar[Any] = [sheet("dialogs"), STOCK_CSS]


def fit_column(table: DataTable[Any], key: str, minimum: int = 12) -> None:
    """Give column `key` the width the other columns leave."""
    fixed = sum(c.width for k, c in table.columns.items() if k.value != key)
    padding = 2 * table.cell_padding * len(table.columns)
    column = table.columns[ColumnKey(key)]
    column.width = max(minimum, table.size.width - fixed - padding - 2)
    column.auto_width = False
    table.refresh()


class CategoryPicker(PickerScreen[tuple[int | None, str]]):
    """Pick a category (or every category) as you type its name."""

    title_key = "ui.stock.category_title"
    placeholder_key = "ui.stock.category_placeholder"

    def __init__(self, everything: bool = True) -> None:
        super().__init__()
        self.everything = everything

    def search(self, text: str) -> list[tuple[int | None, str]]:
        rows = self.till.categories()
        found: list[tuple[int | None, str]] = [
            (key, name) for key, name in rows if text.strip().lower() in name.lower()
        ]
        if self.everything and not text.strip():
            found.insert(0, (None, t("ui.stock.all_categories")))
        return found

    def label(self, item: tuple[int | None, str]) -> str:
        return item[1]
