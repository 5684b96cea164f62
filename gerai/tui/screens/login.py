"""The login screen `gerai` opens on: user name and PIN (hidden). A wrong PIN says so and
counts; five in a row lock the user for some minutes (the message says how many). A shop
without users is told how to add its first admin. It shows before the till has opened the
database (`gerai`): the shop's name and that check come once it has, and what is typed
meanwhile waits for it in order."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.widgets import Input, Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.pins import PIN_MAX
from gerai.tui.base import GeraiScreen
from gerai.tui.credentials import ENTER, NameAndPin
from gerai.tui.styles import sheet
from gerai.tui.widgets.field import TextField


class LoginScreen(NameAndPin, GeraiScreen[None]):
    """Who is at the till."""

    CSS_PATH: ClassVar[Any] = [sheet("dialogs"), sheet("login")]
    BINDINGS = [ENTER]  # Ctrl+Q quits: the app's own key
    name_id, pin_id = "login-name", "login-pin"

    def compose(self) -> ComposeResult:
        app = self.app
        with Center(id="login-box"), Vertical(id="login"):
            yield Label(app.shop.name if app.till_ready else "", id="login-shop")
            yield Label(t("ui.login.title", till=app.settings.till), classes="dialog-title")
            yield TextField(placeholder=t("ui.login.name"), id="login-name", max_length=60)
            yield TextField(
                placeholder=t("ui.login.pin"), id="login-pin", password=True, max_length=PIN_MAX,
                restrict=r"[0-9]*",
            )  # fmt: skip
            yield Label("", id="login-error", classes="dialog-error")
            yield Label(t("ui.login.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#login-name", Input).focus()
        if self.app.till_ready:
            self.call_after_refresh(self.check_users)

    def till_opened(self) -> None:
        """The till has opened the database: show the shop's name, and check its users."""
        self.query_one("#login-shop", Label).update(self.app.shop.name)
        self.check_users()

    async def action_enter(self) -> None:
        """Enter, once the till works its database (the keys after it wait meanwhile)."""
        await self.app.wait_till()
        if self.is_current:
            await super().action_enter()

    def check_users(self) -> None:
        """A new shop has nobody to log in yet: say how to add the first admin."""
        try:
            ready = self.till.has_users()
        except GeraiError as error:
            self.fail(error)
            return
        if not ready:
            self.fail(GeraiError("auth.no_users"))

    def fail(self, error: GeraiError) -> None:
        """Show why the login was refused."""
        self.query_one("#login-error", Label).update(error.message())
        self.app.bell()

    def submit_credentials(self, name: str, pin: str) -> None:
        """Log in; a refusal clears the PIN and says why."""
        try:
            self.till.login(name, pin)
        except GeraiError as error:
            self.query_one("#login-pin", Input).value = ""
            self.fail(error)
            return
        self.app.logged_in()
