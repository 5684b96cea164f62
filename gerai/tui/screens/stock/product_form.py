"""Adding or editing a product: every field on one form; Enter moves to the next field at
once (type-ahead safe), Ctrl+S saves. A refusal (a price above the HET, a barcode that is
invalid or someone else's, ...) is shown in the dialog with its field, and nothing is saved."""

from __future__ import annotations

from dataclasses import fields

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import Checkbox, Input, Label, Select

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.words import TaxCategory
from gerai.services.shop.auth import Approval
from gerai.services.stock.products import ProductForm, ProductRefused
from gerai.tui.screens.stock.common import StockDialog
from gerai.tui.typeahead import ENTER_FIELD, TAB_FIELDS, TypeAhead, save_typed
from gerai.tui.widgets.field import TextField

CHECKBOXES = ("sold_by_weight", "active")
CHOICES = ("category", "tax_category")


FIELD = {
    "code": "ui.product.field.code",
    "barcodes": "ui.product.field.barcodes",
    "name": "ui.product.field.name",
    "category": "ui.product.field.category",
    "unit": "ui.product.field.unit",
    "sold_by_weight": "ui.product.field.sold_by_weight",
    "price": "ui.product.field.price",
    "member_price": "ui.product.field.member_price",
    "cost": "ui.product.field.cost",
    "het": "ui.product.field.het",
    "max_per_sale": "ui.product.field.max_per_sale",
    "tax_category": "ui.product.field.tax_category",
    "reorder_level": "ui.product.field.reorder_level",
    "active": "ui.product.field.active",
    "packs": "ui.product.field.packs",
}
TAX: dict[str, str] = {
    TaxCategory.EXEMPT: "ui.product.tax.exempt",
    TaxCategory.PPN: "ui.product.tax.ppn",
}


class ProductDialog(TypeAhead, StockDialog[int | None]):
    """The form of a new product (`product_id` None) or of an existing one; dismissed with the
    product's id once saved."""

    # below 100 columns the fields go one under the other (stock.tcss): two side by side left
    # a product's name 16 characters of room at 80 columns
    HORIZONTAL_BREAKPOINTS = [
        (0, "-narrow"),
        (100, "-wide"),
    ]
    BINDINGS = [
        ENTER_FIELD,
        *TAB_FIELDS,
        save_typed(),
        Binding("escape", "cancel", "ui.key.cancel"),
    ]

    def __init__(self, product_id: int | None = None, approval: Approval | None = None) -> None:
        super().__init__()
        self.product_id = product_id
        self.approval = approval  # an admin's, when the user logged in is not one

    def compose(self) -> ComposeResult:
        form, names = self.till.product_form(self.product_id)
        title = "ui.product.new_title" if self.product_id is None else "ui.product.edit_title"
        with Vertical(classes="dialog", id="product-form"):
            yield Label(t(title, code=form.code), classes="dialog-title")
            with Grid(id="product-fields"):
                for field in fields(ProductForm):
                    value = getattr(form, field.name)
                    yield Label(t(FIELD[field.name]))
                    if field.name in CHECKBOXES:
                        yield Checkbox("", bool(value), id=f"f-{field.name}", compact=True)
                    elif field.name == "category":
                        yield Select(
                            [(n, n) for n in names],
                            value=value if value in names else Select.NULL,
                            prompt=t("ui.product.choose_category"),
                            id="f-category",
                            compact=True,
                        )
                    elif field.name == "tax_category":
                        yield Select(
                            [(t(TAX[c]), c) for c in TaxCategory],
                            value=value,
                            allow_blank=False,
                            id="f-tax_category",
                            compact=True,
                        )
                    else:
                        yield TextField(str(value), id=f"f-{field.name}", compact=True)  # 24 rows
            yield Label("", classes="dialog-error")
            yield Label(t("ui.product.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        first = "#f-code" if self.product_id is None else "#f-name"
        self.set_focus(self.query_one(first, Input))

    def form(self) -> ProductForm:
        """The form as typed."""
        values: dict[str, object] = {}
        for field in fields(ProductForm):
            if field.name in CHECKBOXES:
                values[field.name] = self.query_one(f"#f-{field.name}", Checkbox).value
            elif field.name in CHOICES:
                chosen = self.query_one(f"#f-{field.name}", Select).value
                values[field.name] = "" if chosen is Select.NULL else str(chosen)
            else:
                values[field.name] = self.query_one(f"#f-{field.name}", Input).value
        return ProductForm(**values)  # type: ignore[arg-type]

    def action_save(self) -> None:
        """Ctrl+S: save, or show every problem and stay."""
        try:
            saved = self.till.save_product(self.form(), self.product_id, self.approval)
        except ProductRefused as refused:
            self.fail(
                "\n".join(
                    f"{t(FIELD[column])}: {error.message()}" for column, error in refused.problems
                )
            )
            return
        except GeraiError as error:
            self.fail(error)
            return
        self.dismiss(saved)
