"""The audit screen (F11 → Jejak audit): the state of the chain at the top (checked in the
background, as `gerai audit verify` does), then the records a page at a time from the
database, newest first, filtered by user, kind and business day."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Input, Label, Select

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.phrases import AUDIT_KIND
from gerai.core.timefmt import format_moment
from gerai.services.audit.log import AuditFilter, parse_day
from gerai.services.audit.trail import AuditRow
from gerai.services.shop.auth import Actor
from gerai.tui.base import GeraiScreen
from gerai.tui.status_line import StatusLine
from gerai.tui.styles import sheet
from gerai.tui.widgets.field import TextField

PAGE = 50
COLUMNS = {
    "seq": "ui.audit.seq",
    "time": "ui.audit.time",
    "actor": "ui.audit.actor",
    "kind": "ui.audit.kind",
    "ref": "ui.audit.ref",
    "detail": "ui.audit.detail",
}


def kind_label(kind: str) -> str:
    """A kind of record in words (the kind itself when the catalog does not name it)."""
    return t(AUDIT_KIND[kind]) if kind in AUDIT_KIND else kind


def describe(row: AuditRow) -> str:
    """A record's detail as `name=value` pairs; a sale's digest last, cut short."""
    data = row.data()
    digest = data.pop("digest", None)
    pairs = [f"{key}={value}" for key, value in data.items()]
    if digest is not None:
        pairs.append(f"digest={str(digest)[:12]}…")
    return ", ".join(pairs)


class AuditScreen(StatusLine, GeraiScreen[None]):
    """The audit trail, read by a bendahara or admin."""

    CSS_PATH: ClassVar[Any] = [sheet("dialogs"), sheet("admin")]
    status_selector = ".admin-status"
    BINDINGS = [
        Binding("escape", "back", "ui.key.back"),
        Binding("pagedown", "page(1)", "ui.key.page_down", priority=True),  # not the table's
        Binding("pageup", "page(-1)", "ui.key.page_up", priority=True),
        Binding("f5", "verify", "ui.key.verify"),
    ]

    def __init__(self, acting: Actor) -> None:
        super().__init__()
        self.acting = acting
        self.filters = AuditFilter()
        self.rows: list[AuditRow] = []

    def compose(self) -> ComposeResult:
        yield Label(t("ui.audit.checking"), id="chain", classes="admin-header")
        with Horizontal(id="audit-filters"):
            yield Select[str]([], prompt=t("ui.audit.all_users"), id="filter-actor")
            yield Select[str]([], prompt=t("ui.audit.all_kinds"), id="filter-kind")
            yield TextField(placeholder=t("ui.audit.day"), id="filter-day")
        yield DataTable(id="records", cursor_type="row", zebra_stripes=True)
        yield Label(t("ui.audit.ready"), classes="admin-status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#records", DataTable)
        for key, title in COLUMNS.items():
            table.add_column(t(title), key=key)
        try:
            actors, kinds = self.till.audit_choices()
        except GeraiError as error:
            self.fail(error)
            return
        self.query_one("#filter-actor", Select).set_options((a, a) for a in actors)
        self.query_one("#filter-kind", Select).set_options((kind_label(k), k) for k in kinds)
        self.load()
        self.action_verify()
        table.focus()

    # --- the chain ------------------------------------------------------------------------

    def action_verify(self) -> None:
        """F5: check the chain and the documents again."""
        self.query_one("#chain", Label).update(t("ui.audit.checking"))
        self.check_chain()

    @work(thread=True, exclusive=True, group="verify")
    def check_chain(self) -> None:
        """Recompute the chain off the UI thread (it reads every record and every sale)."""
        app = self.app
        try:
            result = self.till.verify_audit()
        except GeraiError as error:
            app.call_from_thread(self.show_chain, error.message(), False)
            return
        problem = result.problem()
        if problem is None:
            app.call_from_thread(self.show_chain, t("ui.audit.intact", count=result.records), True)
        else:
            app.call_from_thread(self.show_chain, problem.message(), False)

    def show_chain(self, text: str, intact: bool) -> None:
        """The verdict at the top: green when intact, red naming the first break."""
        chain = self.query_one("#chain", Label)
        chain.update(text)
        chain.set_class(intact, "intact")
        chain.set_class(not intact, "broken")

    # --- the records ----------------------------------------------------------------------

    def load(self, **where: int) -> bool:
        """Show the page the filter and `where` (older_than / newer_than) give; False when
        there is no such page (the current one stays)."""
        till = self.till
        try:
            rows = till.audit_page(self.acting, self.filters, limit=PAGE, **where)
        except GeraiError as error:
            self.fail(error)
            return False
        if where and not rows:
            return False
        self.rows = rows
        table = self.query_one("#records", DataTable)
        table.clear()
        for row in rows:
            table.add_row(
                str(row.seq), format_moment(row.created_at, till.shop), row.actor,
                kind_label(row.kind), row.ref, describe(row),
            )  # fmt: skip
        self.say(t("ui.audit.page", count=len(rows)) if rows else t("ui.audit.none"))
        return True

    def action_page(self, step: int) -> None:
        """PgDn: older records; PgUp: newer ones."""
        if not self.rows:
            return
        if step > 0:
            self.load(older_than=self.rows[-1].seq)
        else:
            self.load(newer_than=self.rows[0].seq)

    def on_select_changed(self, event: Select.Changed) -> None:
        value = event.value if isinstance(event.value, str) else ""
        if event.select.id == "filter-actor":
            self.filters = AuditFilter(value, self.filters.kind, self.filters.day)
        else:
            self.filters = AuditFilter(self.filters.actor, value, self.filters.day)
        self.load()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the day field: show that business day (empty: every day)."""
        event.stop()
        try:
            day = parse_day(event.value)
        except GeraiError as error:
            self.fail(error)
            return
        self.filters = AuditFilter(self.filters.actor, self.filters.kind, day)
        self.load()

    def action_back(self) -> None:
        """Esc: back to the till."""
        self.dismiss(None)
