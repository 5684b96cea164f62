"""Pengaturan toko (F11 → Pengaturan toko): the shop's settings as the first-run wizard asks
them, one scrolling form; Enter moves field to field (type-ahead safe), Ctrl+S or Enter on
the last field saves through the till (the same validation, audited with the old and new
values, in the name of the admin working the screen); a refusal shows at its field. Esc with
edits not saved asks first (`AskBeforeDiscard`)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Input, Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.services.shop.auth import Actor
from gerai.tui.base import GeraiScreen
from gerai.tui.discard import AskBeforeDiscard
from gerai.tui.screens.setup.form import (
    SHOP_GROUPS,
    all_fields,
    error_field,
    field_row,
    form_values,
    proposed_zone,
    shop_values,
)
from gerai.tui.styles import sheet
from gerai.tui.typeahead import ENTER_FIELD, TypeAhead


class ShopSettingsScreen(TypeAhead, AskBeforeDiscard, GeraiScreen[None]):
    """The shop's settings, edited by an admin."""

    CSS_PATH: ClassVar[Any] = [sheet("dialogs"), sheet("setup")]
    BINDINGS = [
        ENTER_FIELD,
        Binding("ctrl+s", "save_typed", "ui.key.save", priority=True),
        Binding("escape", "cancel", "ui.key.cancel"),
    ]

    def __init__(self, acting: Actor) -> None:
        super().__init__()
        self.acting = acting
        self.keys = [field.key for field in all_fields(SHOP_GROUPS)]

    def compose(self) -> ComposeResult:
        shown = form_values(self.app.shop)
        yield Label(t("ui.shop_settings.title", name=self.app.shop.name), classes="settings-header")
        with VerticalScroll(id="settings-body"):
            for title, group in SHOP_GROUPS:
                yield Label(t(title), classes="form-group")
                for field in group:
                    yield from field_row(field, shown[field.key])
        yield Label("", id="settings-error", classes="dialog-error")
        yield Label(t("ui.shop_settings.hint"), classes="dialog-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.set_focus(self.query_one(f"#f-{self.keys[0]}", Input))

    def leave_field(self, field: Input) -> Any:
        """Enter: the next field; on the last one, save (once its keys are in)."""
        key = (field.id or "").removeprefix("f-")
        if key != self.keys[-1]:
            self.set_focus(self.query_one(f"#f-{self.keys[self.keys.index(key) + 1]}", Input))
        return key

    def field_entered(self, field: Input, context: Any) -> None:
        zone = proposed_zone(field.value) if context == "provinsi" else None
        if zone is not None and field.value != form_values(self.app.shop)["provinsi"]:
            self.query_one("#f-timezone", Input).value = zone
        if context == self.keys[-1]:
            self.action_save()

    def typed_changes(self) -> dict[str, str]:
        """The fields whose typed text differs from the shop's settings as stored."""
        before = form_values(self.app.shop)
        typed = {key: self.query_one(f"#f-{key}", Input).value for key in self.keys}
        return {key: text for key, text in typed.items() if text != before[key]}

    def is_filled(self) -> bool:
        return bool(self.typed_changes())

    def warn_discard(self, text: str) -> None:
        self.query_one("#settings-error", Label).update(text)
        self.app.bell()

    def action_save(self) -> None:
        """Save what is typed (Ctrl+S: once the keys typed before it are in); a refusal shows
        and focuses its field."""
        changed = self.typed_changes()
        error = self.query_one("#settings-error", Label)
        try:
            self.till.save_shop(shop_values(changed), acting=self.acting)
        except GeraiError as refusal:
            error.update(refusal.message())
            key = error_field(refusal)
            if key in self.keys:
                self.set_focus(self.query_one(f"#f-{key}", Input))
            self.app.bell()
            return
        error.update("")
        self.query_one(".settings-header", Label).update(
            t("ui.shop_settings.title", name=self.app.shop.name)
        )
        self.app.notify(t("ui.shop_settings.saved", count=len(changed)))
