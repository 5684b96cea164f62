"""The Textual application: holds the settings, the translator of the till's language, the
database, the shop profile, the cart and the acting user; opens on the login screen, then the
kasir screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import work
from textual.app import App
from textual.screen import Screen

from gerai.core.errors import GeraiError
from gerai.core.i18n import t, translator, use
from gerai.db import Database
from gerai.models import utcnow
from gerai.printing import FlushReport, PrintQueue
from gerai.services.sale.cart import Cart
from gerai.services.shop.auth import Actor, logout
from gerai.services.shop.profile import ShopProfile, load_shop
from gerai.settings import Settings
from gerai.tui.screens.login import LoginScreen
from gerai.tui.styles import sheet

RETRY_SECONDS = 15


class GeraiApp(App[None]):
    """gerai in the terminal."""

    CSS_PATH = sheet("app")
    TITLE = "gerai"
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        settings: Settings,
        database: Database,
        clock: Callable[[], datetime] = utcnow,
        actor: Actor | None = None,
    ) -> None:
        """`actor`: who works the till when already known (tests); None opens on the login
        screen."""
        super().__init__()
        self.settings = settings
        self.translator = translator(settings.lang)
        use(self.translator)  # the screens' `t` speaks the till's language
        self.database = database
        self.clock = clock
        self._actor = actor
        with database.read() as session:
            self.shop: ShopProfile = load_shop(session)
        self.cart = Cart(
            global_discount_bp=self.shop.member_discount_bp,
            allow_negative_stock=self.shop.allow_negative_stock,
        )

        self.printer = PrintQueue(database, settings, clock)
        self.printer_failing = False

    @property
    def actor(self) -> Actor:
        """The user logged in at this till."""
        if self._actor is None:
            raise RuntimeError("nobody is logged in")
        return self._actor

    def on_mount(self) -> None:
        self.push_screen(kasir_screen() if self._actor is not None else LoginScreen())
        if self.printer.target.enabled:
            self.set_interval(RETRY_SECONDS, self.retry_printing)
            self.retry_printing()

    def logged_in(self, actor: Actor) -> None:
        """The login screen gave way to the kasir screen of `actor`."""
        self._actor = actor
        self.switch_screen(kasir_screen())

    def log_out(self) -> None:
        """Record the logout and show the login screen (the cart must be empty; a member
        attached to it goes too)."""
        with self.database.write() as session:
            logout(session, self.actor, now=self.clock())
        self.cart.clear()
        self._actor = None
        self.switch_screen(LoginScreen())

    def print_receipt(self, receipt_no: str, reprint: bool = False) -> None:
        """Queue a receipt (a reprint in the actor's name) and send what waits, off the UI
        thread."""
        reprint_by = self.actor if reprint else None
        self._send(lambda: self.printer.submit(receipt_no, reprint_by), True)

    def print_shift_report(self, shift_id: int) -> None:
        """Queue the Z report of a closed shift and send what waits."""
        self._send(lambda: self.printer.submit_shift_report(shift_id), True)

    def print_member_slip(self, number: str, reprint: bool = False) -> None:
        """Queue the slip of a member payment (savings, kasbon repayment) and send what waits."""
        self._send(lambda: self.printer.submit_member_slip(number, reprint), True)

    def print_return(self, number: str) -> None:
        """Queue the slip of a retur and send what waits."""
        self._send(lambda: self.printer.submit_return(number), True)

    def retry_printing(self) -> None:
        """Try the waiting receipts again (on a timer while the printer fails)."""
        if not any(w.group == "printer" and not w.is_finished for w in self.workers):
            self._send(lambda: True, False)

    @work(thread=True, group="printer")
    def _send(self, store: Callable[[], bool], new_job: bool) -> None:
        """Store a job (when `store` has one) and send every waiting job."""
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


def kasir_screen() -> Screen[None]:
    """A new kasir screen (imported once someone logs in: off the path to the login field)."""
    from gerai.tui.screens.sale.kasir import KasirScreen

    return KasirScreen()
