"""What expires soon (Ctrl+E on the products screen, issue 17): `gerai stock expiring` on
screen, the batches of dated products that expire within the days shown (or have expired),
earliest first, with their value at cost (HPP). `+`/`-` widen or narrow the window; Enter on
an expired batch writes it off (the batch picked, reason `kedaluwarsa`), with a supervisor's
approval when the user needs one."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.money import format_number, format_rupiah
from gerai.core.quantity import format_quantity
from gerai.core.timefmt import format_date
from gerai.core.words import Permission
from gerai.services.shop.auth import Approval
from gerai.services.stock.batches import BatchInfo
from gerai.tui.permits import with_approval
from gerai.tui.screens.stock.common import StockDialog, fit_column

_COLUMNS = (
    ("expiry", "ui.expiring.expiry", 10, False),
    ("code", "ui.expiring.code", 10, False),
    ("name", "ui.expiring.name", 12, False),
    ("batch", "ui.expiring.batch", 8, False),
    ("qty", "ui.expiring.qty", 9, True),
    ("value", "ui.expiring.value", 10, True),
)
STEPS = (0, 3, 7, 14, 30, 60, 90)  # the windows `+` and `-` go through


class ExpiringScreen(StockDialog[str | None]):
    """The batches expiring within `days` days, earliest first, and their value."""

    BINDINGS = [
        Binding("escape,ctrl+e", "cancel", "ui.key.close"),
        Binding("plus,equals_sign", "days(1)", "ui.key.more_days"),
        Binding("minus", "days(-1)", "ui.key.fewer_days"),
    ]

    def __init__(self, days: int = 7) -> None:
        super().__init__()
        self.days = days
        self.found: list[BatchInfo] = []
        self.written: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="expiring"):
            yield Label(t("ui.expiring.title"), classes="dialog-title")
            yield Label("", id="expiring-basis")
            yield DataTable(id="expiring-table", cursor_type="row", zebra_stripes=True)
            yield Label("", classes="dialog-error")
            yield Label(t("ui.expiring.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        table = self.query_one("#expiring-table", DataTable)
        for key, title_key, width, numeric in _COLUMNS:
            title = t(title_key)
            table.add_column(
                Text(title, justify="right") if numeric else title, width=width, key=key
            )
        self.refresh_list()
        table.focus()
        self.call_after_refresh(fit_column, table, "name")

    def on_resize(self) -> None:
        self.call_after_refresh(fit_column, self.query_one("#expiring-table", DataTable), "name")

    def refresh_list(self) -> None:
        """Read the batches again and show them."""
        try:
            self.found = self.till.expiring(self.days)
        except GeraiError as error:
            self.fail(error)
            return
        today = self.till.today()
        table = self.query_one("#expiring-table", DataTable)
        table.clear()
        for b in self.found:
            assert b.expiry is not None
            style = "bold red" if b.expiry < today else ""
            table.add_row(
                Text(format_date(b.expiry), style=style), b.code, b.name, b.batch or "–",
                Text(format_quantity(b.qty, b.unit), justify="right"),
                Text(format_number(b.value), justify="right"),
            )  # fmt: skip
        self.query_one("#expiring-basis", Label).update(
            t(
                "ui.expiring.basis",
                days=self.days,
                count=len(self.found),
                value=format_rupiah(sum(b.value for b in self.found)),
            )
        )

    def action_days(self, step: int) -> None:
        """+/-: the next wider or narrower window."""
        position = min(range(len(STEPS)), key=lambda i: abs(STEPS[i] - self.days))
        self.days = STEPS[max(0, min(len(STEPS) - 1, position + step))]
        self.refresh_list()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_write_off()

    def action_write_off(self) -> None:
        """Enter: write off the selected batch, if it has expired."""
        table = self.query_one("#expiring-table", DataTable)
        if not self.found:
            return
        batch = self.found[table.cursor_row]
        if batch.expiry is None or batch.expiry >= self.till.today():
            self.fail(t("ui.expiring.not_expired"))
            return
        with_approval(self.app, Permission.STOCK, lambda ok: self.write_off(batch, ok), self.fail)

    @work(thread=True)
    def write_off(self, batch: BatchInfo, approval: Approval | None) -> None:
        """The write-off, off the UI thread; the list is read again."""
        app = self.app
        try:
            result = self.till.write_off(
                batch.code, batch.qty, t("ui.expiring.reason"), approval, batch_id=batch.id
            )
        except GeraiError as error:
            app.call_from_thread(self.fail, error)
            return
        self.written.append(result.number)
        app.call_from_thread(self.refresh_list)
        app.call_from_thread(
            self.fail, t("ui.expiring.written", number=result.number,
                         value=format_rupiah(result.value))
        )  # fmt: skip

    def action_cancel(self) -> None:
        self.dismiss(", ".join(self.written) or None)
