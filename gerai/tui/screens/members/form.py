"""Adding or editing a member: every field on one form; Enter moves to the next field at once
(type-ahead safe), Ctrl+S saves (a kasir is asked for a supervisor's PIN first). A refusal
(a number already taken, a NIK that is not 16 digits, ...) is shown in the dialog with its
field, and nothing is saved."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import Checkbox, Input, Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.words import Permission
from gerai.services.members.register import MemberForm, MemberRefused
from gerai.services.shop.auth import Approval
from gerai.tui.base import GeraiDialog
from gerai.tui.permits import with_approval
from gerai.tui.screens.members.common import DIALOG_CSS
from gerai.tui.typeahead import ENTER_FIELD, TAB_FIELDS, TypeAhead, save_typed
from gerai.tui.widgets.field import TextField

FIELD = {
    "number": "ui.members.field.number",
    "name": "ui.members.field.name",
    "nik": "ui.members.field.nik",
    "phone": "ui.members.field.phone",
    "address": "ui.members.field.address",
    "join_date": "ui.members.field.join_date",
    "credit_limit": "ui.members.field.credit_limit",
    "active": "ui.members.field.active",
}


class MemberDialog(TypeAhead, GeraiDialog[int | None]):
    """The form of a new member (`member_id` None) or of an existing one; dismissed with the
    member's id once saved."""

    CSS_PATH: ClassVar[Any] = DIALOG_CSS
    # below 110 columns the fields go one under the other (members.tcss): two side by side
    # left a name 6 characters of room at 80 columns
    HORIZONTAL_BREAKPOINTS = [
        (0, "-narrow"),
        (110, "-wide"),
    ]
    BINDINGS = [
        ENTER_FIELD,
        *TAB_FIELDS,
        save_typed(),
        Binding("escape", "cancel", "ui.key.cancel"),
    ]

    def __init__(self, member_id: int | None = None) -> None:
        super().__init__()
        self.member_id = member_id

    def compose(self) -> ComposeResult:
        form = self.till.member_form(self.member_id)
        title = "ui.members.new_title" if self.member_id is None else "ui.members.edit_title"
        with Vertical(classes="dialog", id="member-form"):
            yield Label(t(title, number=form.number), classes="dialog-title")
            with Grid(id="member-fields"):
                for field in fields(MemberForm):
                    value = getattr(form, field.name)
                    yield Label(t(FIELD[field.name]))
                    if field.name == "active":
                        yield Checkbox("", bool(value), id="f-active")
                    else:
                        yield TextField(str(value), id=f"f-{field.name}")
            yield Label("", classes="dialog-error")
            yield Label(t("ui.members.form_hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        first = "#f-number" if self.member_id is None else "#f-name"
        self.set_focus(self.query_one(first, Input))

    def form(self) -> MemberForm:
        """The form as typed."""
        values: dict[str, Any] = {
            f.name: self.query_one(f"#f-{f.name}", Input).value
            for f in fields(MemberForm)
            if f.name != "active"
        }
        return MemberForm(**values, active=self.query_one("#f-active", Checkbox).value)

    def action_save(self) -> None:
        """Ctrl+S: save (after a supervisor's PIN for a kasir), or show every problem."""
        with_approval(self.app, Permission.MEMBERS, self.save, self.fail)

    def save(self, approval: Approval | None) -> None:
        """Write the member."""
        try:
            saved = self.till.save_member(self.form(), self.member_id, approval)
        except MemberRefused as refused:
            self.fail(
                "\n".join(
                    f"{t(FIELD[field])}: {error.message()}" for field, error in refused.problems
                )
            )
            return
        except GeraiError as error:
            self.fail(error)
            return
        self.dismiss(saved)
