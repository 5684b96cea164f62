"""F11 on the kasir screen: the admin menu, Pengguna (users, for the admin), Jejak audit
(the audit trail, for a bendahara or admin) and Pengaturan toko (the shop's settings, for the
admin). A user whose role does not allow the screen gets it with a supervisor's PIN, and the
supervisor then works it in their own name."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from gerai.core.i18n import t
from gerai.core.words import Permission
from gerai.services.shop.auth import Actor, Approval
from gerai.tui.base import GeraiDialog
from gerai.tui.permits import Fail, as_supervisor, with_approval
from gerai.tui.styles import sheet

if TYPE_CHECKING:
    from gerai.tui.app import GeraiApp

# each admin screen, keyed by the permission it needs
ENTRIES = {
    Permission.USERS: "ui.admin.users",
    Permission.AUDIT: "ui.admin.audit",
    Permission.SETTINGS: "ui.admin.shop",
    Permission.KAS: "ui.admin.supplier_debts",
}


class AdminMenu(GeraiDialog[str | None]):
    """Pick an admin screen; Esc goes back."""

    CSS_PATH: ClassVar[Any] = [sheet("dialogs"), sheet("admin")]
    BINDINGS = [Binding("escape", "cancel", "ui.key.cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="admin-menu"):
            yield Label(t("ui.admin.title"), classes="dialog-title")
            yield OptionList(
                *[Option(t(title), id=name) for name, title in ENTRIES.items()], id="admin-choices"
            )
            yield Label(t("ui.admin.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


def open_admin_screen(app: GeraiApp, name: str, fail: Fail) -> None:
    """Open the users or the audit screen for whoever may work it (asking a supervisor's PIN
    when the actor may not); the supplier debts with a bendahara's approval when needed."""
    if name == Permission.KAS:
        from gerai.tui.screens.stock.supplier_debts import SupplierDebtsScreen

        def debts(approval: Approval | None) -> None:
            app.push_screen(SupplierDebtsScreen(approval))

        with_approval(app, Permission.KAS, debts, fail)
        return

    def show(acting: Actor) -> None:
        if name == Permission.USERS:
            from gerai.tui.screens.admin.users import UsersScreen

            app.push_screen(UsersScreen(acting))
        elif name == Permission.SETTINGS:
            from gerai.tui.screens.admin.shop_settings import ShopSettingsScreen

            app.push_screen(ShopSettingsScreen(acting))
        else:
            from gerai.tui.screens.admin.audit_trail import AuditScreen

            app.push_screen(AuditScreen(acting))

    as_supervisor(app, Permission(name), show, fail)
