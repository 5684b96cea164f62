"""Ctrl+U on the till: the print jobs waiting on this till's printer, and those that may
already have printed (the till stopped while sending them: "mungkin sudah tercetak"). The
kasir prints them (again) or drops them; a drop is recorded in the audit trail."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.tui.base import GeraiDialog
from gerai.tui.styles import sheet


class PrintJobsDialog(GeraiDialog[None]):
    """The waiting and uncertain jobs; F2 prints them, F8 drops them, Esc closes."""

    CSS_PATH = sheet("dialogs")
    BINDINGS = [
        Binding("f2", "print_again", "ui.key.print_again"),
        Binding("f8", "drop", "ui.key.drop_jobs"),
        Binding("escape", "cancel", "ui.key.close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="print-jobs"):
            yield Label(t("ui.print_jobs.title"), classes="dialog-title")
            yield Label("", id="jobs")
            yield Label("", classes="dialog-error")
            yield Label(t("ui.print_jobs.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        """List the jobs, uncertain ones first (they may have printed)."""
        pending, unsure = self.app.printer.waiting_jobs()
        rows = [t("ui.print_jobs.unsure", number=number) for _, number, _ in unsure]
        rows += [t("ui.print_jobs.pending", number=number) for _, number, _ in pending]
        self.ids = [job_id for job_id, _, _ in unsure + pending]
        self.query_one("#jobs", Label).update("\n".join(rows[:12]) or t("ui.print_jobs.none"))

    def action_print_again(self) -> None:
        """F2: print every listed job (again), then close."""
        try:
            self.app.printer.settle(self.ids, again=True, actor=self.till.actor)
        except GeraiError as error:
            self.fail(error)
            return
        self.app.send_waiting()
        self.dismiss(None)

    def action_drop(self) -> None:
        """F8: drop every listed job (audited), then close."""
        try:
            self.app.printer.settle(self.ids, again=False, actor=self.till.actor)
        except GeraiError as error:
            self.fail(error)
            return
        self.dismiss(None)
