"""What the stock screens and dialogs share: the typed app, translated bindings, a status or
error line that shows a refusal in place, and the category picker."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label
from textual.widgets.data_table import ColumnKey

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.services.stock.catalog import categories
from gerai.tui.bindings import localize_bindings
from gerai.tui.screens.picker import PickerScreen
from gerai.tui.status_line import StatusLine
from gerai.tui.styles import sheet

if TYPE_CHECKING:
    from gerai.tui.app import GeraiApp

Result = TypeVar("Result")
STOCK_CSS = sheet("stock")


class StockScreen(StatusLine, Screen[Result]):
    """A full screen of the stock area with a `.stock-status` line."""

    CSS_PATH: ClassVar[Any] = STOCK_CSS
    status_selector = ".stock-status"

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)

    @property
    def gerai(self) -> GeraiApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]


class StockDialog(ModalScreen[Result]):
    """A dialog of the stock area: a refusal shows in its `.dialog-error` line, and it stays."""

    CSS_PATH: ClassVar[Any] = [sheet("dialogs"), STOCK_CSS]

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)

    @property
    def gerai(self) -> GeraiApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def fail(self, error: GeraiError | str) -> None:
        """Show why the action was refused."""
        text = error.message() if isinstance(error, GeraiError) else error
        self.query_one(".dialog-error", Label).update(text)
        self.app.bell()

    def action_cancel(self) -> None:
        """Esc: close, nothing done."""
        self.dismiss(None)


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
        database = self.app.database  # type: ignore[attr-defined]
        with database.read() as session:
            rows = categories(session)
        found: list[tuple[int | None, str]] = [
            (key, name) for key, name in rows if text.strip().lower() in name.lower()
        ]
        if self.everything and not text.strip():
            found.insert(0, (None, t("ui.stock.all_categories")))
        return found

    def label(self, item: tuple[int | None, str]) -> str:
        return item[1]
