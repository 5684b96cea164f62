"""The bendahara's screen (F4): a day's summary with sales by hour, the day's sales (open one
to see its receipt and reprint it), shifts and their variances, voids and returns, low
stock; `[` and `]` change the day, `E` exports the day's PDF."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Label, Static, TabbedContent, TabPane

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.money import format_number, format_rupiah
from gerai.core.phrases import METHOD, SALE_STATUS
from gerai.core.quantity import format_quantity
from gerai.core.timefmt import format_date, format_time
from gerai.files import write_atomically
from gerai.services.reports.daily import DailySummary
from gerai.services.sale.receipts import SaleSummary
from gerai.tui.base import GeraiDialog, GeraiScreen
from gerai.tui.styles import sheet

BAR_WIDTH = 40


TAB = {
    "sales": "ui.report.tab_sales",
    "shifts": "ui.report.tab_shifts",
    "corrections": "ui.report.tab_corrections",
    "stock": "ui.report.tab_stock",
}
CORRECTION = {"void": "ui.report.void", "return": "ui.report.return"}


def hour_chart(summary: DailySummary) -> Text:
    """Sales by hour as horizontal bars, one line an hour with sales."""
    hours = [h for h in summary.by_hour if h.count]
    peak = max((h.net for h in hours), default=0)
    chart = Text()
    for hour in hours:
        bar = "█" * max(1, round(BAR_WIDTH * hour.net / peak)) if peak else ""
        chart.append(f"{hour.hour:02d}.00 ", style="bold")
        chart.append(f"{bar:<{BAR_WIDTH}} ", style="green")
        chart.append(f"{format_number(hour.net):>12}  ({hour.count})\n")
    return chart or Text(t("ui.report.no_sales"))


Rows = list[list[str | Text]]
SUMMARY_TABLES = {
    "summary-table": ("ui.report.item", "ui.report.amount"),
    "payments-table": ("ui.report.method", "ui.report.amount"),
    "categories-table": ("ui.report.category", "ui.report.net", "ui.report.margin"),
}
LIST_TABS = {
    "sales": "sales-table",
    "shifts": "shifts-table",
    "corrections": "corrections-table",
    "stock": "stock-table",
}
LIST_TABLES = {
    "sales-table": (
        "ui.report.receipt",
        "ui.report.time",
        "ui.report.total",
        "ui.report.lines",
        "ui.report.member",
        "ui.report.status",
    ),
    "shifts-table": (
        "ui.report.till",
        "ui.report.opened",
        "ui.report.opening",
        "ui.report.cash_sales",
        "ui.report.cash_moves",
        "ui.report.refunds",
        "ui.report.member_cash",
        "ui.report.expected",
        "ui.report.counted",
        "ui.report.variance",
        "ui.report.reason",
        "ui.report.signed",
    ),
    "corrections-table": (
        "ui.report.kind",
        "ui.report.receipt",
        "ui.report.time",
        "ui.report.total",
        "ui.report.by_approved",
        "ui.report.reason",
    ),
    "stock-table": ("ui.report.code", "ui.report.product", "ui.report.stock", "ui.report.reorder"),
}


def table(table_id: str, columns: tuple[str, ...]) -> DataTable[str | Text]:
    """An empty read-only table with translated column headings."""
    widget: DataTable[str | Text] = DataTable(id=table_id, zebra_stripes=True, cursor_type="row")
    widget.add_columns(*(t(column) for column in columns))
    return widget


def right(amount: int) -> Text:
    """A right-aligned amount."""
    return Text(format_number(amount), justify="right")


class SaleDetailScreen(GeraiDialog[None]):
    """One sale's receipt as it prints; F9 prints it again."""

    CSS_PATH = sheet("dialogs")
    BINDINGS = [
        Binding("escape", "cancel", "ui.key.close"),
        Binding("f9", "reprint", "ui.key.reprint"),
    ]

    def __init__(self, receipt_no: str, text: str) -> None:
        super().__init__()
        self.receipt_no = receipt_no
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="sale-detail"):
            yield Label(self.receipt_no, classes="dialog-title")
            with VerticalScroll(id="receipt-view"):
                yield Static(self.text, id="receipt-text")
            yield Label(t("ui.report.detail_hint"), classes="dialog-hint")

    def action_reprint(self) -> None:
        """Print this receipt again (CETAK ULANG)."""
        self.app.reprint_receipt(self.receipt_no)
        self.notify(t("ui.status.reprinting", receipt=self.receipt_no))


class BendaharaScreen(GeraiScreen[None]):
    """A day's figures for the bendahara."""

    CSS_PATH = sheet("bendahara")
    BINDINGS = [
        Binding("escape", "back", "ui.key.back"),
        Binding("left_square_bracket", "day(-1)", "ui.key.prev_day", key_display="["),
        Binding("right_square_bracket", "day(1)", "ui.key.next_day", key_display="]"),
        Binding("e", "export", "ui.key.export_pdf", key_display="E"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.day = self.till.today()
        self.sales: list[SaleSummary] = []

    def compose(self) -> ComposeResult:
        yield Label("", id="report-header")
        with TabbedContent(id="report-tabs"):
            with TabPane(t("ui.report.tab_summary"), id="tab-summary"), Horizontal():
                with VerticalScroll(id="summary-left"):
                    for table_id, columns in SUMMARY_TABLES.items():
                        yield table(table_id, columns)
                yield VerticalScroll(Static(id="hour-chart"), id="summary-right")
            for tab, table_id in LIST_TABS.items():
                with TabPane(t(TAB[tab]), id=f"tab-{tab}"):
                    yield table(table_id, LIST_TABLES[table_id])
        yield Label("", id="report-status")
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self.load)

    def action_day(self, step: int) -> None:
        """The previous or next day (never past today)."""
        self.day = min(self.day + timedelta(days=step), self.till.today())
        self.load()

    def action_back(self) -> None:
        """Back to the kasir screen."""
        self.app.pop_screen()

    @work(thread=True, exclusive=True, group="report")
    def load(self) -> None:
        """Compute the day's summary off the UI thread, then show it."""
        app = self.app
        day = self.day
        try:
            summary, sales = self.till.day_report(day)
        except GeraiError as error:
            app.call_from_thread(self.say, error.message())
            return
        app.call_from_thread(self.show, summary, sales)

    def say(self, text: str) -> None:
        """One line at the bottom."""
        self.query_one("#report-status", Label).update(text)

    def show(self, summary: DailySummary, sales: list[SaleSummary]) -> None:
        """Fill every tab with the day's figures."""
        shop = self.app.shop
        self.sales = sales
        self.query_one("#report-header", Label).update(
            t(
                "ui.report.header",
                shop=shop.name,
                date=format_date(summary.date),
                zone=shop.zone_label,
                count=summary.sales_count,
                net=format_rupiah(summary.net),
            )
        )
        self.query_one("#hour-chart", Static).update(hour_chart(summary))
        self._summary_tables(summary)
        self.fill("sales-table", self._sales_rows(sales))
        self.fill("shifts-table", self._shift_rows(summary))
        self.fill("corrections-table", self._correction_rows(summary))
        self.fill("stock-table", self._stock_rows(summary))

    def fill(self, table_id: str, rows: Rows) -> None:
        """Replace a table's rows."""
        widget = self.query_one(f"#{table_id}", DataTable)
        widget.clear()
        widget.add_rows(rows)

    def _summary_tables(self, summary: DailySummary) -> None:
        figures: list[tuple[str, Text]] = [
            ("ui.report.sales_count", Text(str(summary.sales_count), justify="right")),
            ("ui.report.gross", right(summary.gross)),
            ("ui.report.member_discount", right(-summary.member_discount)),
            ("ui.report.manual_discount", right(-summary.manual_discount)),
            ("ui.report.net", right(summary.net)),
            ("ui.report.returns_total", right(-summary.returns_total)),
            ("ui.report.net_after_returns", right(summary.net_after_returns)),
            ("ui.report.average", right(summary.average_basket)),
            ("ui.report.members", right(summary.member.net)),
            ("ui.report.non_members", right(summary.non_member.net)),
            ("ui.report.cost", right(summary.cost)),
            ("ui.report.returns_cost", right(summary.returns_cost)),
            ("ui.report.margin", right(summary.margin)),
        ]
        self.fill("summary-table", [[t(key), value] for key, value in figures])
        self.fill(
            "payments-table",
            [[t(METHOD[m]), right(amount)] for m, amount in summary.payments.items()],
        )
        self.fill(
            "categories-table",
            [[c.name, right(c.net), right(c.margin)] for c in summary.categories],
        )

    def _sales_rows(self, sales: list[SaleSummary]) -> Rows:
        shop = self.app.shop
        rows: list[list[str | Text]] = [
            [
                s.receipt_no,
                format_time(s.created_at, shop),
                right(s.total),
                str(s.lines),
                t("ui.report.member_yes") if s.member else "",
                t(SALE_STATUS[s.status]),
            ]
            for s in sales
        ]
        return rows

    def _shift_rows(self, summary: DailySummary) -> Rows:
        shop = self.app.shop
        rows: list[list[str | Text]] = []
        for s in summary.shifts:
            variance = Text(
                "" if s.variance is None else format_number(s.variance),
                justify="right",
                style="bold red" if s.variance else "",
            )
            rows.append(
                [
                    s.till,
                    format_time(s.opened_at, shop),
                    right(s.opening_cash),
                    right(s.cash_sales),
                    right(s.cash_in - s.cash_out),
                    right(-s.refunds),
                    right(s.member_cash_in - s.member_cash_out),
                    right(s.expected_cash),
                    "" if s.counted_cash is None else right(s.counted_cash),
                    variance,
                    s.variance_reason,
                    f"{s.closed_by or ''} / {s.confirmed_by or ''}",
                ]
            )
        return rows

    def _correction_rows(self, summary: DailySummary) -> Rows:
        shop = self.app.shop
        rows: list[list[str | Text]] = [
            [
                t(CORRECTION[kind])
                + (f" ({t(METHOD[c.refund_method])})" if c.refund_method else ""),
                f"{c.receipt_no} {c.number}" if c.number else c.receipt_no,
                format_time(c.time, shop),
                right(c.total),
                f"{c.by} / {c.approved_by}",
                c.reason,
            ]
            for kind, group in (("void", summary.voids), ("return", summary.returns))
            for c in group
        ]
        return rows

    def _stock_rows(self, summary: DailySummary) -> Rows:
        rows: list[list[str | Text]] = [
            [
                item.code,
                item.name,
                format_quantity(item.stock, item.unit),
                format_quantity(item.reorder_level, item.unit),
            ]
            for item in summary.low_stock
        ]
        return rows

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a sale: its receipt."""
        if event.data_table.id != "sales-table":
            return
        receipt_no = self.sales[event.cursor_row].receipt_no
        try:
            text = "\n".join(
                line.text for line in self.app.printer.receipt_lines(receipt_no, width=48)
            )
        except GeraiError as error:
            self.say(error.message())
            return
        self.app.push_screen(SaleDetailScreen(receipt_no, text))

    def action_export(self) -> None:
        """E: write the day's PDF report next to the database."""
        self.say(t("ui.report.exporting"))
        self.export_pdf(self.day)

    @work(thread=True, group="export")
    def export_pdf(self, day: date) -> None:
        """Build the PDF off the UI thread."""
        from gerai.exports.daily_pdf import daily_pdf

        app, till = self.app, self.till
        folder = till.database.path.parent if till.database.path else Path.cwd()
        target = folder / f"laporan-harian-{day.isoformat()}.pdf"
        try:
            summary = till.daily_summary(day)
            write_atomically(target, daily_pdf(summary, till.shop, till.clock()))
        except GeraiError as error:
            app.call_from_thread(self.say, error.message())
            return
        app.call_from_thread(self.say, t("ui.report.exported", path=str(target)))
