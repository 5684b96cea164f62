"""The users screen (F11 → Pengguna): every user with their role and state; F2 adds one (PIN
twice), F5 sets a new PIN (and unlocks), F6 changes the role, F7 deactivates or reactivates.
It is worked by an admin, in their own name; every change is audited by the service."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Input, Label, Select

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.phrases import ROLE
from gerai.core.pins import PIN_MAX
from gerai.core.timefmt import format_moment
from gerai.services.shop.auth import ROLES, Actor, security_now
from gerai.services.shop.users import UserInfo
from gerai.tui.base import GeraiDialog, GeraiScreen
from gerai.tui.status_line import StatusLine
from gerai.tui.styles import sheet
from gerai.tui.typeahead import ENTER_FIELD, TAB_FIELDS, SavedOnLastField, save_typed
from gerai.tui.widgets.field import TextField

ADMIN_CSS = [sheet("dialogs"), sheet("admin")]


COLUMNS = {
    "name": "ui.users.name",
    "full_name": "ui.users.full_name",
    "role": "ui.users.role",
    "state": "ui.users.state",
}


def _pin_input(field_id: str, placeholder: str) -> Input:
    return TextField(
        placeholder=t(placeholder), id=field_id, password=True, max_length=PIN_MAX,
        restrict=r"[0-9]*",
    )  # fmt: skip


class UserDialog(SavedOnLastField, GeraiDialog[str | None]):
    """A form on one user: Enter moves on, Enter on the last field (or Ctrl+S) saves; a
    refusal shows in place and the dialog stays. Dismissed with what was done."""

    CSS_PATH: ClassVar[Any] = ADMIN_CSS
    BINDINGS = [
        ENTER_FIELD,
        *TAB_FIELDS,
        save_typed(),
        Binding("escape", "cancel", "ui.key.cancel"),
    ]

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title_text = title

    def fields(self) -> ComposeResult:
        """The form's inputs."""
        raise NotImplementedError

    def write(self) -> str:
        """Save the form; returns what to tell the admin."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog user-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield from self.fields()
            yield Label("", classes="dialog-error")
            yield Label(t("ui.users.form_hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.set_focus(self.query("Input, Select").first())

    def value(self, field_id: str) -> str:
        """What is typed in a field."""
        return self.query_one(f"#{field_id}", Input).value

    def action_save(self) -> None:
        """Save, or show why not and stay."""
        try:
            done = self.write()
        except GeraiError as error:
            self.fail(error)
            return
        self.dismiss(done)


class AddUserDialog(UserDialog):
    """F2: a new user: login name, full name, role, PIN twice."""

    def __init__(self, acting: Actor) -> None:
        super().__init__(t("ui.users.add_title"))
        self.acting = acting

    def fields(self) -> ComposeResult:
        yield TextField(placeholder=t("ui.users.name"), id="user-name", max_length=60)
        yield TextField(placeholder=t("ui.users.full_name"), id="user-full-name", max_length=120)
        yield Select(
            [(t(ROLE[role]), role) for role in ROLES], value=ROLES[0], allow_blank=False,
            id="user-role",
        )  # fmt: skip
        yield _pin_input("user-pin", "ui.users.pin")
        yield _pin_input("user-pin-again", "ui.users.pin_again")

    def write(self) -> str:
        role = str(self.query_one("#user-role", Select).value)
        user = self.till.add_user(
            self.acting, self.value("user-name"), self.value("user-full-name"), role,
            self.value("user-pin"), self.value("user-pin-again"),
        )  # fmt: skip
        return t("ui.users.added", name=user.name, role=t(ROLE[user.role]))


class PinDialog(UserDialog):
    """F5: a new PIN for the selected user, typed twice (unlocks them too)."""

    def __init__(self, acting: Actor, name: str) -> None:
        super().__init__(t("ui.users.pin_title", name=name))
        self.acting, self.name_of_user = acting, name

    def fields(self) -> ComposeResult:
        yield _pin_input("user-pin", "ui.users.pin")
        yield _pin_input("user-pin-again", "ui.users.pin_again")

    def write(self) -> str:
        self.till.change_pin(
            self.acting, self.name_of_user, self.value("user-pin"), self.value("user-pin-again")
        )
        return t("ui.users.pin_changed", name=self.name_of_user)


class RoleDialog(UserDialog):
    """F6: another role for the selected user."""

    def __init__(self, acting: Actor, user: UserInfo) -> None:
        super().__init__(t("ui.users.role_title", name=user.name))
        self.acting, self.user = acting, user

    def fields(self) -> ComposeResult:
        yield Select(
            [(t(ROLE[role]), role) for role in ROLES], value=self.user.role,
            allow_blank=False, id="user-role",
        )  # fmt: skip

    def write(self) -> str:
        role = str(self.query_one("#user-role", Select).value)
        self.till.change_role(self.acting, self.user.name, role)
        return t("ui.users.role_changed", name=self.user.name, role=t(ROLE[role]))


class UsersScreen(StatusLine, GeraiScreen[None]):
    """Every user; the admin's keys in the footer."""

    CSS_PATH: ClassVar[Any] = ADMIN_CSS
    status_selector = ".admin-status"
    BINDINGS = [
        Binding("escape", "back", "ui.key.back"),
        # the keys that open a form wait until it is mounted (type-ahead, issue 14)
        Binding("f2", "add", "ui.key.user_add", priority=True),
        Binding("f5", "pin", "ui.key.user_pin", priority=True),
        Binding("f6", "role", "ui.key.user_role", priority=True),
        Binding("f7", "toggle_active", "ui.key.user_active"),
    ]

    def __init__(self, acting: Actor) -> None:
        super().__init__()
        self.acting = acting
        self.users: list[UserInfo] = []

    def compose(self) -> ComposeResult:
        yield Label(
            t("ui.users.header", name=self.acting.name, role=t(ROLE[self.acting.role])),
            classes="admin-header",
        )
        yield DataTable(id="users", cursor_type="row", zebra_stripes=True)
        yield Label(t("ui.users.ready"), classes="admin-status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#users", DataTable)
        for key, title in COLUMNS.items():
            table.add_column(t(title), key=key)
        self.reload()
        table.focus()

    def reload(self, keep: str | None = None) -> None:
        """Read the users again; the cursor stays on `keep` when given."""
        try:
            self.users = self.till.users()
        except GeraiError as error:
            self.fail(error)
            return
        table = self.query_one("#users", DataTable)
        table.clear()
        now = security_now()  # the lockout's own clock
        for user in self.users:
            state = t("ui.users.active") if user.active else t("ui.users.inactive")
            if user.locked_until is not None and user.locked_until > now:
                state = t("ui.users.locked", until=format_moment(user.locked_until, self.till.shop))
            table.add_row(user.name, user.full_name, t(ROLE[user.role]), state)
        names = [user.name for user in self.users]
        if keep in names:
            table.move_cursor(row=names.index(keep), animate=False)

    @property
    def selected(self) -> UserInfo | None:
        """The user under the cursor."""
        row = self.query_one("#users", DataTable).cursor_row
        return self.users[row] if 0 <= row < len(self.users) else None

    def done(self, message: str | None) -> None:
        """A dialog saved: say so and show the users again."""
        if message:
            self.reload(self.selected.name if self.selected else None)
            self.say(message)

    def action_back(self) -> None:
        """Esc: back to the till."""
        self.dismiss(None)

    async def action_add(self) -> None:
        """F2: a new user."""
        await self.open_dialog(AddUserDialog(self.acting), self.done)

    async def action_pin(self) -> None:
        """F5: a new PIN for the selected user."""
        if self.selected is not None:
            await self.open_dialog(PinDialog(self.acting, self.selected.name), self.done)

    async def action_role(self) -> None:
        """F6: another role for the selected user."""
        if self.selected is not None:
            await self.open_dialog(RoleDialog(self.acting, self.selected), self.done)

    def action_toggle_active(self) -> None:
        """F7: deactivate the selected user, or reactivate them."""
        user = self.selected
        if user is None:
            return
        try:
            self.till.set_user_active(self.acting, user.name, not user.active)
        except GeraiError as error:
            self.fail(error)
            return
        self.done(t("ui.users.reactivated" if not user.active else "ui.users.deactivated",
                    name=user.name))  # fmt: skip
