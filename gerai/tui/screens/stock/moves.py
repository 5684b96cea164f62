"""Two dialogs on the selected product: write off damaged or expired goods with a reason
(F11), and repack it into another product, pecah karung (F10)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.money import format_rupiah
from gerai.core.quantity import format_quantity
from gerai.services.shop.auth import Approval
from gerai.services.stock.catalog import ProductInfo
from gerai.tui.screens.stock.common import StockDialog
from gerai.tui.typeahead import ENTER_FIELD, TAB_FIELDS, SavedOnLastField, save_typed
from gerai.tui.widgets.field import TextField


class MoveDialog(SavedOnLastField, StockDialog[str | None]):
    """A dialog of inputs on one product: Enter moves on, Enter on the last (or Ctrl+S) saves;
    dismissed with what was written."""

    BINDINGS = [
        ENTER_FIELD,
        *TAB_FIELDS,
        save_typed(),
        Binding("escape", "cancel", "ui.key.cancel"),
    ]
    title_key = ""
    hint_key = ""
    fields: tuple[tuple[str, str], ...] = ()  # (id, placeholder key)

    def __init__(self, product: ProductInfo, approval: Approval | None = None) -> None:
        super().__init__()
        self.product = product
        self.approval = approval  # a supervisor's, when the user logged in is a kasir

    def compose(self) -> ComposeResult:
        product = self.product
        with Vertical(classes="dialog"):
            yield Label(t(self.title_key, name=product.name), classes="dialog-title")
            yield Label(
                t("ui.move.product", code=product.code,
                  stock=format_quantity(product.stock, product.unit),
                  cost=format_rupiah(product.cost))
            )  # fmt: skip
            for field_id, placeholder in self.fields:
                yield TextField(placeholder=t(placeholder), id=field_id)
            yield Label("", classes="dialog-error")
            yield Label(t(self.hint_key), classes="dialog-hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one(f"#{self.fields[0][0]}", Input))

    def value(self, field_id: str) -> str:
        """What is typed in a field."""
        return self.query_one(f"#{field_id}", Input).value

    def write(self) -> str:
        """Write the document; returns what to tell the user."""
        raise NotImplementedError

    def action_save(self) -> None:
        """Save, or show the refusal and stay."""
        try:
            message = self.write()
        except GeraiError as error:
            self.fail(error)
            return
        self.dismiss(message)


class WriteOffDialog(MoveDialog):
    """F11: damaged or expired goods out of stock, with the reason."""

    title_key = "ui.writeoff.title"
    hint_key = "ui.writeoff.hint"
    fields = (("writeoff-qty", "ui.writeoff.qty"), ("writeoff-reason", "ui.writeoff.reason"))

    def write(self) -> str:
        result = self.till.write_off(
            self.product.code,
            self.value("writeoff-qty"),
            self.value("writeoff-reason"),
            self.approval,
        )
        return t(
            "ui.writeoff.saved",
            number=result.number,
            qty=format_quantity(result.qty, self.product.unit),
            value=format_rupiah(result.value),
        )


class RepackDialog(MoveDialog):
    """F10: repack some of this product into another (pecah karung)."""

    title_key = "ui.repack.title"
    hint_key = "ui.repack.hint"
    fields = (
        ("repack-qty", "ui.repack.qty"),
        ("repack-target", "ui.repack.target"),
        ("repack-contents", "ui.repack.contents"),
        ("repack-produced", "ui.repack.produced"),
        ("repack-note", "ui.repack.note"),
    )

    def write(self) -> str:
        result = self.till.repack(
            self.product.code,
            self.value("repack-qty"),
            self.value("repack-target"),
            self.value("repack-contents"),
            self.value("repack-produced"),
            self.value("repack-note"),
            self.approval,
        )
        return t(
            "ui.repack.saved",
            number=result.number,
            produced=format_quantity(result.produced),
            shrinkage=format_quantity(result.shrinkage),
        )
