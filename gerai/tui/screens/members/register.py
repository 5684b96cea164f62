"""The members screen (F5 on the kasir screen): the register read from the database one page
at a time (keyset on name and id). Typing searches numbers, names, phones and NIKs; Enter
opens a member (savings, kasbon, payments at the counter); F2 adds a member, F4 edits the
selected one, F6 shows the inactive members, F7 the member settings (discounts, savings
amounts), F8 everyone's kasbon. Esc returns to the kasir."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Input, Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.money import format_number
from gerai.core.timefmt import format_date
from gerai.services.members.lookup import MemberInfo
from gerai.tui.base import GeraiScreen
from gerai.tui.screens.members.common import SCREEN_CSS
from gerai.tui.screens.members.detail import MemberDetailScreen
from gerai.tui.screens.members.form import MemberDialog
from gerai.tui.screens.members.kasbon_list import KasbonListScreen
from gerai.tui.screens.members.settings import MemberSettingsDialog
from gerai.tui.status_line import StatusLine
from gerai.tui.widgets.field import TextField
from gerai.tui.widgets.paged_list import PAGING_BINDINGS, Key, KeysetPaging, PagedList

MEMBER_COLUMN = {
    "number": "ui.members.column.number",
    "name": "ui.members.column.name",
    "phone": "ui.members.column.phone",
    "nik": "ui.members.column.nik",
    "joined": "ui.members.column.joined",
    "limit": "ui.members.column.limit",
}


GIVE_WAY = (3, 4)  # the NIK, then the join date, make room for the name on a narrow terminal


def _cells(member: MemberInfo) -> list[str]:
    return [
        member.number,
        member.name + ("" if member.active else f" ({t('ui.member.inactive')})"),
        member.phone or "",
        member.nik or "",
        format_date(member.join_date) if member.join_date else "",
        format_number(member.credit_limit) if member.credit_limit else "–",
    ]


class MembersScreen(KeysetPaging[MemberInfo], StatusLine, GeraiScreen[None]):
    """The member register, a page at a time."""

    CSS_PATH: ClassVar[Any] = SCREEN_CSS
    status_selector = ".stock-status"
    BINDINGS = [
        Binding("escape", "back", "ui.key.back"),
        # the keys that open a form wait until it is mounted: the keys typed right after
        # them go into the form (type-ahead, issue 14)
        Binding("f2", "new", "ui.key.new_member", priority=True),
        Binding("f4", "edit", "ui.key.edit_member", priority=True),
        Binding("f6", "inactive", "ui.key.inactive"),
        Binding("f7", "settings", "ui.key.member_settings", priority=True),
        Binding("f8", "kasbon_list", "ui.key.kasbon_list"),
        *PAGING_BINDINGS,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.query_text = ""
        self.inactive = False
        self.rows: list[MemberInfo] = []
        self.cursor = 0
        self.page_size = 0  # rows in a page, known once the list is laid out

    def compose(self) -> ComposeResult:
        columns = [
            (t(MEMBER_COLUMN[key]), width, right)
            for key, width, right in (
                ("number", 12, False), ("name", 0, False), ("phone", 14, False),
                ("nik", 16, False), ("joined", 10, False), ("limit", 12, True),
            )
        ]  # fmt: skip
        yield Label("", id="members-header", classes="stock-header")
        yield TextField(placeholder=t("ui.members.search"), id="search", classes="stock-search")
        yield Label("", id="filters", classes="stock-filters")
        yield PagedList[MemberInfo](
            columns, _cells, muted=lambda m: not m.active, give_way=GIVE_WAY, id="members",
            classes="stock-table",
        )  # fmt: skip
        yield Label(t("ui.members.ready"), classes="stock-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#search", Input).focus()  # the first page comes once the list fits
        self.query_one("#members-header", Label).update(
            t("ui.members.header", shop=self.app.shop.name)
        )

    @property
    def selected(self) -> MemberInfo | None:
        """The member under the cursor."""
        return self.rows[self.cursor] if self.rows else None

    # --- paging -----------------------------------------------------------------------------

    def fetch(self, *, after: Key | None = None, before: Key | None = None) -> list[MemberInfo]:
        return self.till.member_page(
            self.query_text, inactive=self.inactive, after=after, before=before,
            limit=max(self.page_size, 1),
        )  # fmt: skip

    def key_of(self, row: MemberInfo) -> Key:
        return (row.name, row.id)

    def paged_list(self) -> PagedList[MemberInfo]:
        return self.query_one("#members", PagedList)

    def reload(self, keep: bool = False) -> None:
        """Fetch the first page (or, with `keep`, the page shown) and say what is filtered."""
        try:
            self.first_page(self.rows[0] if keep and self.rows else None)
        except GeraiError as error:
            self.fail(error)
            return
        which = "ui.members.only_inactive" if self.inactive else "ui.members.only_active"
        self.query_one("#filters", Label).update(t(which))
        if not self.rows:
            self.say(t("ui.members.none"))

    def on_paged_list_fits(self, message: PagedList.Fits) -> None:
        """A page is as many rows as the list shows: (re)load it when that changes."""
        rows = max(1, message.rows)
        if rows != self.page_size:
            self.page_size = rows
            self.reload(keep=True)

    def action_move(self, step: int) -> None:
        """Arrows."""
        try:
            self.move(step)
        except GeraiError as error:
            self.fail(error)

    def action_page(self, step: int) -> None:
        """PageUp / PageDown."""
        try:
            self.page(step)
        except GeraiError as error:
            self.fail(error)

    # --- search and filter ------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        """Search as you type."""
        if event.input.id == "search":
            self.query_text = event.value
            self.reload()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: open the selected member."""
        event.stop()
        if self.selected is not None:
            self.app.push_screen(MemberDetailScreen(self.selected.id), self.back_from_member)

    def action_inactive(self) -> None:
        """F6: the inactive members instead of the active ones, and back."""
        self.inactive = not self.inactive
        self.reload()

    # --- actions ----------------------------------------------------------------------------

    def action_back(self) -> None:
        """Esc: back to the kasir screen."""
        self.dismiss(None)

    async def action_new(self) -> None:
        """F2: a new member."""
        await self.open_dialog(MemberDialog(), self.saved)

    async def action_edit(self) -> None:
        """F4: edit the selected member."""
        if self.selected is not None:
            await self.open_dialog(MemberDialog(self.selected.id), self.saved)

    def saved(self, member_id: int | None) -> None:
        """A member was saved: show the page again with it fresh."""
        if member_id is not None:
            self.reload(keep=True)
            self.say(t("ui.members.saved"))

    def back_from_member(self, message: str | None) -> None:
        """Back from a member: what was done there, and the page fresh."""
        self.reload(keep=True)
        if message:
            self.say(message)

    async def action_settings(self) -> None:
        """F7: member discounts and savings amounts."""
        await self.open_dialog(MemberSettingsDialog(), self.back_from_member)

    def action_kasbon_list(self) -> None:
        """F8: every member's kasbon and its age."""
        self.app.push_screen(KasbonListScreen(), self.back_from_member)
