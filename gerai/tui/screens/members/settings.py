"""The member settings (F7 on the members screen): the global member discount, each
category's own discount (empty = the global one), the simpanan pokok and the monthly simpanan
wajib. Ctrl+S saves everything at once (an admin's PIN is asked when the acting user is not
an admin); the till's cart uses the new global discount at once."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.widgets import Input, Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.money import parse_rupiah
from gerai.core.words import Permission
from gerai.services.members.settings import (
    CategoryDiscount,
    format_percent,
    parse_percent,
)
from gerai.services.shop.auth import Approval
from gerai.tui.base import GeraiDialog
from gerai.tui.permits import with_approval
from gerai.tui.screens.members.common import DIALOG_CSS
from gerai.tui.typeahead import ENTER_FIELD, TAB_FIELDS, TypeAhead, save_typed
from gerai.tui.widgets.field import TextField


def _rupiah(text: str, field: str) -> int:
    try:
        return parse_rupiah(text)
    except ValueError as exc:
        raise GeraiError("members.bad_setting", field=t(field), value=text.strip()) from exc


class MemberSettingsDialog(TypeAhead, GeraiDialog[str | None]):
    """Member discounts and savings amounts; dismissed with a message once saved."""

    CSS_PATH: ClassVar[Any] = DIALOG_CSS
    BINDINGS = [
        ENTER_FIELD,
        *TAB_FIELDS,
        save_typed(),
        Binding("escape", "cancel", "ui.key.cancel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.categories: list[CategoryDiscount] = []

    def compose(self) -> ComposeResult:
        shop, self.categories = self.till.member_settings()
        with Vertical(classes="dialog", id="member-settings"):
            yield Label(t("ui.msettings.title"), classes="dialog-title")
            with Grid(id="msettings-shop"):
                yield Label(t("ui.msettings.global"))
                yield TextField(format_percent(shop.member_discount_bp), id="s-global")
                yield Label(t("ui.msettings.pokok"))
                yield TextField(str(shop.savings_pokok), id="s-pokok")
                yield Label(t("ui.msettings.wajib"))
                yield TextField(str(shop.savings_wajib), id="s-wajib")
            yield Label(t("ui.msettings.categories"), classes="msettings-subtitle")
            with VerticalScroll(id="msettings-categories"), Grid(id="msettings-grid"):
                for category in self.categories:
                    yield Label(category.name)
                    yield TextField(
                        format_percent(category.discount_bp),
                        placeholder=t("ui.msettings.follow_global"),
                        id=f"c-{category.id}",
                    )
                    yield Label(
                        t("ui.msettings.member_prices", count=category.member_prices)
                        if category.member_prices
                        else "",
                        classes="msettings-note",
                    )
            yield Label("", classes="dialog-error")
            yield Label(t("ui.msettings.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#s-global", Input))

    def action_save(self) -> None:
        """Ctrl+S: save (after an admin's PIN when needed)."""
        with_approval(self.app, Permission.SETTINGS, self.save, self.fail)

    def save(self, approval: Approval | None) -> None:
        """Write every setting in one transaction (the till prices with them at once)."""

        def value(selector: str) -> str:
            return self.query_one(selector, Input).value

        try:
            global_bp = parse_percent(value("#s-global"), optional=False)
            assert global_bp is not None
            pokok = _rupiah(value("#s-pokok"), "ui.msettings.pokok")
            wajib = _rupiah(value("#s-wajib"), "ui.msettings.wajib")
            wanted = {
                c.id: parse_percent(value(f"#c-{c.id}"), optional=True) for c in self.categories
            }
            changed = {c.id: wanted[c.id] for c in self.categories if wanted[c.id] != c.discount_bp}
            self.till.save_member_settings(global_bp, pokok, wajib, changed, approval)
        except GeraiError as error:
            self.fail(error)
            return
        self.dismiss(t("ui.msettings.saved"))
