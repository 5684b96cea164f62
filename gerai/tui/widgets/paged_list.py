"""A list drawn one line per row from a page of records the screen fetched from the database
(no DataTable: it measures every cell), and the keyset paging that goes with it: arrows move
the cursor and slide the page by one row at either end, PageUp/PageDown fetch the page before
or after. Focus stays in the screen's search field."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

Row = TypeVar("Row")
Key = tuple[str, int]
GAP = 2
FLEXIBLE_MIN = 24  # the flexible column (a name) keeps this much of itself, even at 80 columns


def fit_columns(
    widths: Sequence[int], flexible: int, give_way: Sequence[int], room: int
) -> tuple[list[int], int]:
    """The columns shown (their indices) and the width of the `flexible` one: the columns in
    `give_way` are left out, in that order, until the flexible one gets FLEXIBLE_MIN of the
    `room` (each column is preceded by a GAP)."""
    shown = list(range(len(widths)))
    for dropped in (None, *give_way):
        if dropped is not None:
            shown.remove(dropped)
        others = sum(widths[i] + GAP for i in shown if i != flexible)
        if room - others - GAP >= FLEXIBLE_MIN:
            break
    return shown, max(FLEXIBLE_MIN, room - others - GAP)


PAGING_BINDINGS = [
    Binding("up", "move(-1)", "ui.key.up", show=False),
    Binding("down", "move(1)", "ui.key.down", show=False),
    Binding("pageup", "page(-1)", "ui.key.page_up", show=False),
    Binding("pagedown", "page(1)", "ui.key.page_down", show=False),
]
"""The keys of a screen that pages through a list: a row up or down, a page back or on."""


class PagedList(Widget, Generic[Row]):
    """Rows drawn as `columns` (title, width, right-aligned); the column of width 0 takes
    the room the others leave, and the columns `give_way` (indices) are left out, in that
    order, when it would get less than FLEXIBLE_MIN. `cells` turns a row into its texts."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "paged-list--header",
        "paged-list--cursor",
        "paged-list--even",
        "paged-list--muted",
    }
    DEFAULT_CSS = """
    PagedList { height: 1fr; }
    PagedList > .paged-list--header { text-style: bold; color: $text-accent; }
    PagedList > .paged-list--cursor { background: $block-cursor-background;
        color: $block-cursor-foreground; text-style: bold; }
    PagedList > .paged-list--even { background: $surface-lighten-1; }
    PagedList > .paged-list--muted { color: $text-muted; }
    """

    class Fits(Message):
        """The list was laid out: it shows `rows` rows."""

        def __init__(self, rows: int) -> None:
            super().__init__()
            self.rows = rows

    def __init__(
        self,
        columns: Sequence[tuple[str, int, bool]],
        cells: Callable[[Row], list[str]],
        muted: Callable[[Row], bool] = lambda _: False,
        give_way: Sequence[int] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.columns = list(columns)
        self.give_way = give_way
        self.shown = list(range(len(self.columns)))
        self.cells = cells
        self.muted = muted
        self.widths = [width for _, width, _ in self.columns]
        self.rows: list[Row] = []
        self.cursor = 0

    def on_resize(self) -> None:
        flexible = next(i for i, (_, width, _) in enumerate(self.columns) if width == 0)
        self.shown, self.widths[flexible] = fit_columns(
            self.widths, flexible, self.give_way, self.size.width
        )
        self.post_message(self.Fits(self.size.height - 1))  # the header takes a line

    def show(self, rows: list[Row], cursor: int) -> None:
        """Draw these rows with the cursor on row `cursor`."""
        self.rows, self.cursor = rows, cursor
        self.refresh()

    def _line(self, texts: list[str], style: Style) -> Strip:
        segments = []
        for index in self.shown:
            right, width, text = self.columns[index][2], self.widths[index], texts[index]
            shown = text[-width:].rjust(width) if right else set_cell_size(text, width)
            segments += [Segment(" " * GAP, style), Segment(shown, style)]
        return Strip(segments).adjust_cell_length(self.size.width, style)

    def render_line(self, y: int) -> Strip:
        if y == 0:
            header = self.get_component_rich_style("paged-list--header")
            return self._line([title for title, _, _ in self.columns], header)
        index = y - 1
        style = self.rich_style
        if index >= len(self.rows):
            return Strip.blank(self.size.width, style)
        row = self.rows[index]
        if index == self.cursor:
            style = self.get_component_rich_style("paged-list--cursor")
        else:
            if index % 2:
                style += self.get_component_rich_style("paged-list--even")
            if self.muted(row):
                style += self.get_component_rich_style("paged-list--muted")
        return self._line(self.cells(row), style)


class KeysetPaging(Generic[Row]):
    """The paging of a screen that shows a `PagedList`: subclasses fetch a page after or
    before a key and say each row's key; `rows`, `cursor` and `page_size` live here."""

    rows: list[Row]
    cursor: int
    page_size: int

    def fetch(self, *, after: Key | None = None, before: Key | None = None) -> list[Row]:
        """A page of rows after (or ending before) a key; the first page without either."""
        raise NotImplementedError

    def key_of(self, row: Row) -> Key:
        """The row's place in the order."""
        raise NotImplementedError

    def paged_list(self) -> PagedList[Row]:
        """The list widget."""
        raise NotImplementedError

    def show_rows(self, rows: list[Row], cursor: int) -> None:
        """Show `rows` with the cursor on row `cursor` (kept inside the page)."""
        self.rows = rows
        self.cursor = max(0, min(cursor, len(rows) - 1))
        self.paged_list().show(rows, self.cursor)

    def first_page(self, start: Row | None = None) -> None:
        """The page that starts at `start` (default: the first page)."""
        if start is None:
            self.show_rows(self.fetch(), 0)
            return
        name, number = self.key_of(start)
        self.show_rows(self.fetch(after=(name, number - 1)), self.cursor)

    def move(self, step: int) -> None:
        """Move the cursor; past either end the page slides by one row."""
        target = self.cursor + step
        if 0 <= target < len(self.rows):
            self.cursor = target
            self.paged_list().show(self.rows, target)
            return
        if not self.rows:
            return
        if step > 0:
            more = self.fetch(after=self.key_of(self.rows[-1]))[:1]
            rows = self.rows[1:] + more if more else self.rows
        else:
            more = self.fetch(before=self.key_of(self.rows[0]))[-1:]
            rows = more + self.rows[:-1] if more else self.rows
        self.show_rows(rows, self.cursor)

    def page(self, step: int) -> None:
        """The next or previous page (the cursor stays on its row)."""
        if not self.rows:
            return
        if step > 0:
            more = self.fetch(after=self.key_of(self.rows[-1]))
            rows = (self.rows + more)[-self.page_size :]
        else:
            more = self.fetch(before=self.key_of(self.rows[0]))
            rows = (more + self.rows)[: self.page_size]
        edge = len(rows) - 1 if step > 0 else 0
        self.show_rows(rows, self.cursor if more else edge)
