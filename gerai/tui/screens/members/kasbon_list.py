"""Everyone's kasbon (F8 on the members screen): each member who owes, their limit, what they
owe and its age (0–30, 31–60, over 60 days), the totals; Enter opens the member."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.money import format_number, format_rupiah
from gerai.services.members.kasbon import KasbonRow
from gerai.tui.base import GeraiDialog
from gerai.tui.screens.members.common import DIALOG_CSS
from gerai.tui.screens.members.detail import MemberDetailScreen
from gerai.tui.screens.stock.common import fit_column

MONEY = {
    "limit": "ui.kasbon_list.limit",
    "owed": "ui.kasbon_list.owed",
    "d30": "ui.kasbon_list.d30",
    "d60": "ui.kasbon_list.d60",
    "over": "ui.kasbon_list.over",
}


class KasbonListScreen(GeraiDialog[str | None]):
    """The kasbon of every member who owes, by member number."""

    CSS_PATH: ClassVar[Any] = DIALOG_CSS
    BINDINGS = [Binding("escape,f8", "cancel", "ui.key.close")]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[KasbonRow] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="kasbon-list"):
            yield Label(t("ui.kasbon_list.title"), classes="dialog-title")
            yield DataTable(id="kasbon-table", cursor_type="row", zebra_stripes=True)
            yield Label("", id="kasbon-total")
            yield Label("", classes="dialog-error")
            yield Label(t("ui.kasbon_list.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        table = self.query_one("#kasbon-table", DataTable)
        table.add_column(t("ui.members.column.number"), width=12, key="number")
        table.add_column(t("ui.members.column.name"), key="name")
        for key, title in MONEY.items():
            table.add_column(Text(t(title), justify="right"), width=11, key=key)
        self.load()
        table.focus()

    def on_resize(self) -> None:
        self.call_after_refresh(fit_column, self.query_one("#kasbon-table", DataTable), "name")

    def load(self) -> None:
        """Read the list and fill the table."""
        try:
            self.rows = self.till.kasbon_list()
        except GeraiError as error:
            self.fail(error)
            return
        table = self.query_one("#kasbon-table", DataTable)
        table.clear()
        for row in self.rows:
            figures = (row.limit, row.outstanding, row.aging.days_0_30, row.aging.days_31_60,
                       row.aging.over_60)  # fmt: skip
            table.add_row(
                row.member.number, row.member.name,
                *(Text(format_number(v), justify="right") for v in figures),
            )  # fmt: skip
        total = sum(r.outstanding for r in self.rows)
        over = sum(r.aging.over_60 for r in self.rows)
        self.query_one("#kasbon-total", Label).update(
            t("ui.kasbon_list.total", count=len(self.rows), owed=format_rupiah(total),
              over=format_rupiah(over))
            if self.rows
            else t("ui.kasbon_list.none")
        )  # fmt: skip

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter: open the member."""
        if self.rows:
            member = self.rows[event.cursor_row].member
            self.app.push_screen(MemberDetailScreen(member.id), lambda _: self.load())
