"""The Textual application: holds the translator of the till's language and the till it
works (`Till`: database, clock, shop profile, cart, acting user, print queue); opens on the
login screen, then the kasir screen, and sends the waiting print jobs off the UI thread.
Started by `gerai`, it shows the login field first and opens the database and the till behind
it: the path to that field imports no model, service or printing code."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.screen import Screen

from gerai.core.errors import GeraiError
from gerai.core.i18n import t, translator, use
from gerai.settings import Settings
from gerai.tui import parsed_css
from gerai.tui.screens.login import LoginScreen
from gerai.tui.styles import sheet

if TYPE_CHECKING:
    from gerai.db import Database
    from gerai.printing import FlushReport, PrintQueue
    from gerai.services.sale.cart import Cart
    from gerai.services.shop.auth import Actor
    from gerai.services.shop.profile import ShopProfile
    from gerai.till import Till

RETRY_SECONDS = 15


class GeraiApp(App[None]):
    """gerai in the terminal."""

    CSS_PATH = sheet("app")
    TITLE = "gerai"
    ENABLE_COMMAND_PALETTE = False

    printer: PrintQueue
    till: Till

    def __init__(
        self,
        settings: Settings,
        database: Database | Callable[[], Database],
        clock: Callable[[], datetime] | None = None,
        actor: Actor | None = None,
    ) -> None:
        """`database`: the shop's, or how to open it (`gerai`: the login field shows first,
        and the database opens behind it; a `GeraiError` doing so ends the app with it in
        `failure`). `clock`: the current moment (UTC) when not now. `actor`: who works the
        till when already known (tests); None opens on the login screen."""
        parsed_css.install()
        super().__init__()
        self.translator = translator(settings.lang)
        use(self.translator)  # the screens' `t` speaks the till's language
        self.settings = settings
        self.clock = clock
        self.failure: GeraiError | None = None
        self.printer_failing = False
        self.uncertain_told = False  # the kasir was told of jobs that may have printed
        self.opener: Callable[[], Database] | None = None
        self._till_ready = asyncio.Event()
        if callable(database):
            self.opener = database
        else:
            self._work(database, actor)
            self._till_ready.set()

    def _work(self, database: Database, actor: Actor | None = None) -> None:
        """Work the till on `database` (its print queue and the shop's settings read), by
        `actor` when known."""
        from gerai.models import utcnow
        from gerai.printing import PrintQueue
        from gerai.till import Till

        clock = self.clock or utcnow
        self.printer = PrintQueue(database, self.settings, clock)
        self.till = Till(self.settings, database, self.printer, clock, actor)

    @property
    def till_ready(self) -> bool:
        """True once the database is open and the till works it."""
        return self._till_ready.is_set()

    async def wait_till(self) -> None:
        """Wait until the till works its database (at once when it does)."""
        await self._till_ready.wait()

    @property
    def actor(self) -> Actor:
        """The user logged in at this till."""
        return self.till.actor

    @property
    def shop(self) -> ShopProfile:
        """The shop's settings as the till holds them."""
        return self.till.shop

    @property
    def cart(self) -> Cart:
        """The cart at the counter."""
        return self.till.cart

    async def on_mount(self) -> None:
        if self.opener is None:
            self.push_screen(self._first_screen(self.till.setup_needed()))
            self._started()
        else:  # the login field first; the database opens once it shows
            await self.push_screen(LoginScreen())
            self.call_after_refresh(self._open, self.opener)

    def _first_screen(self, setup_needed: bool) -> Screen[None]:
        """The kasir screen of a known actor, the first-run wizard of a new shop, or the
        login."""
        if self.till.logged_in:
            return kasir_screen()
        if setup_needed:
            from gerai.tui.screens.setup.wizard import SetupWizard

            return SetupWizard()
        return LoginScreen()

    def _started(self) -> None:
        """The till works: the day's first backup and the waiting receipts; once drawn, the
        heap loaded by then frozen (`settle_heap`)."""
        self.backup(first_of_day=True)
        self.start_printing()
        self.call_after_refresh(settle_heap)

    @work(thread=True, group="open")
    def _open(self, opener: Callable[[], Database]) -> None:
        """Open the database and the till, off the UI thread; a refusal ends the app."""
        try:
            self._work(opener())
            setup_needed = self.till.setup_needed()
        except GeraiError as error:
            self.call_from_thread(self._refused, error)
            return
        self.call_from_thread(self._opened, setup_needed)

    def _opened(self, setup_needed: bool) -> None:
        """The till works its database: a new shop's wizard replaces the login (which else
        shows the shop's name), and the typed login goes on."""
        self._till_ready.set()
        if setup_needed:
            self.switch_screen(self._first_screen(setup_needed))
        elif isinstance(self.screen, LoginScreen):
            self.screen.till_opened()
        self._started()

    def _refused(self, error: GeraiError) -> None:
        """The database cannot be worked: end, with the reason in `failure`."""
        self.failure = error
        self.exit(return_code=1)

    def start_printing(self) -> None:
        """Retry the waiting receipts on a timer while a printer is set."""
        if self.printer.target.enabled:
            self.set_interval(RETRY_SECONDS, self.retry_printing)
            self.retry_printing()

    def set_up(self, settings: Settings) -> None:
        """The first-run wizard set the shop up (and this till's id and printer, now in
        `settings`): the till works with them, and the login opens."""
        self.settings = settings
        self._work(self.till.database)
        self.start_printing()
        self.switch_screen(LoginScreen())

    def logged_in(self) -> None:
        """The login screen gave way to the kasir screen of the till's actor."""
        self.switch_screen(kasir_screen())

    def log_out(self) -> None:
        """Record the logout and show the login screen (the cart must be empty; a member
        attached to it goes too)."""
        self.till.logout()
        self.switch_screen(LoginScreen())

    def send_waiting(self) -> None:
        """Send the waiting print jobs (a sale's receipt, queued with the sale), off the UI
        thread."""
        self._send(lambda: True, True)

    def reprint_receipt(self, receipt_no: str) -> None:
        """Queue the reprint of a receipt in the actor's name and send what waits."""
        self._send(lambda: self.till.reprint(receipt_no), True)

    def print_shift_report(self, shift_id: int) -> None:
        """Queue the Z report of a closed shift and send what waits."""
        self._send(lambda: self.printer.submit_shift_report(shift_id), True)

    def print_member_slip(self, number: str, reprint: bool = False) -> None:
        """Queue the slip of a member payment (savings, kasbon repayment) and send what waits."""
        self._send(lambda: self.printer.submit_member_slip(number, reprint), True)

    @work(thread=True, group="backup", exclusive=True)
    def backup(self, first_of_day: bool = False) -> None:
        """The automatic backup, off the UI thread: at the first start of a day, and after
        each shift close (said when done); a failure or a missing second folder is told."""
        from gerai.backups import auto_backup

        if not self.settings.auto_backup:
            return
        try:
            report = auto_backup(
                self.till.database, self.settings, self.till.today(), first_of_day=first_of_day
            )
        except GeraiError as error:
            message = t("backups.failed_auto", error=error.message())
            self.call_from_thread(self.notify, message, severity="error", timeout=10)
            return
        for warning in report.warnings:
            self.call_from_thread(self.notify, warning.message(), severity="warning", timeout=10)
        if report.written and not first_of_day:
            message = t("backups.done_auto", path=str(report.written[0]))
            self.call_from_thread(self.notify, message)

    def retry_printing(self) -> None:
        """Try the waiting receipts again (on a timer while the printer fails)."""
        if not any(w.group == "printer" and not w.is_finished for w in self.workers):
            self._send(lambda: True, False)

    @work(thread=True, group="printer")
    def _send(self, store: Callable[[], bool], new_job: bool) -> None:
        """Store a job (when `store` has one) and send every waiting job."""
        from gerai.printing import FlushReport

        try:
            if not store():
                return
            report = self.printer.flush()
        except GeraiError as error:
            report = FlushReport(error=error, waiting=1)
        self.call_from_thread(self._printed, report, new_job)

    def _printed(self, report: FlushReport, new_job: bool) -> None:
        """Tell the kasir when printing starts failing, and when it works again."""
        if report.error is not None:
            if not self.printer_failing or new_job:
                message = t("printer.waiting", error=report.error.message(), count=report.waiting)
                self.notify(message, severity="error", timeout=10)
            self.printer_failing = True
        elif self.printer_failing and report.printed:
            self.printer_failing = False
            self.notify(t("printer.recovered", count=len(report.printed)))
        if report.uncertain and not self.uncertain_told:
            self.uncertain_told = True
            self.notify(t("ui.print_jobs.notice", count=report.uncertain), severity="warning")
        if report.warning is not None:
            self.notify(report.warning.message(), severity="warning")
        refresh = getattr(self.screen, "refresh_header", None)
        if callable(refresh):
            refresh()


def settle_heap() -> None:
    """Collect, then freeze what is loaded (modules, database, till, screens): the collector's
    later passes leave it alone. Unfrozen, a full pass went over the whole start-up heap at
    whatever moment it fell on (tens of ms within a scan or a screen opening); frozen, the
    passes look at the objects made since. Once a process: not again for a later app in the
    same process (asking the collector how much is frozen walks every frozen object)."""
    global _settled
    if not _settled:
        gc.collect()
        gc.freeze()
        _settled = True


_settled = False  # `settle_heap` has run in this process


def kasir_screen() -> Screen[None]:
    """A new kasir screen (imported once someone logs in: off the path to the login field)."""
    from gerai.tui.screens.sale.kasir import KasirScreen

    return KasirScreen()
