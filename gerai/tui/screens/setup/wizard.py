"""The first-run wizard `gerai` opens on a database with no shop profile or no admin: the
shop's settings in steps (shop, address, legal numbers and tax, time zone and receipt lines,
shop rules and this till's id), the first admin and PIN, the printer (USB printers listed, or
a URL; paper and profile; F5 prints a test page), then the templates to import or nothing.
Enter moves field to field and, on a step's last field, to the next step (type-ahead safe);
Esc or PageUp goes back, PageDown forward; each step is checked by the till's own rules when
left. Nothing is written until Enter on the last step: then one till call writes it all in
one audited transaction, and the login opens."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Input, Label, OptionList
from textual.widgets.option_list import Option

from gerai.core.errors import GeraiError
from gerai.core.i18n import shown, t
from gerai.core.pins import PIN_MAX
from gerai.services.importing import ImportRefused
from gerai.services.members.import_export import StagedMembers
from gerai.services.shop.auth import SYSTEM, check_login_name
from gerai.services.shop.users import check_new_pin
from gerai.services.stock.import_export import StagedProducts
from gerai.settings import check_till_id
from gerai.till import Till
from gerai.tui.base import GeraiScreen
from gerai.tui.screens.setup.form import (
    SHOP_GROUPS,
    Field,
    all_fields,
    error_field,
    field_row,
    form_values,
    proposed_zone,
    shop_values,
)
from gerai.tui.styles import sheet
from gerai.tui.typeahead import ENTER_FIELD, TypeAhead
from receipts.printer_url import DEFAULT_PROFILE, parse_printer_url, setup_printer_url
from receipts.usb_printers import UsbPrinter, udev_install_command, udev_rule

SHOP_STEPS = ("shop", "address", "legal", "receipt", "rules")  # the steps of SHOP_GROUPS
SHOP_KEYS = frozenset(item.key for item in all_fields(SHOP_GROUPS))
TILL_FIELD = Field("till", "ui.setup.till", max_length=6)
ADMIN_FIELDS = (
    Field("admin", "ui.setup.admin", max_length=60),
    Field("pin", "ui.setup.pin", restrict=r"[0-9]*", max_length=PIN_MAX, password=True),
    Field("pin_again", "ui.setup.pin_again", restrict=r"[0-9]*", max_length=PIN_MAX, password=True),
)
PRINTER_FIELDS = (
    Field("printer", "ui.setup.printer_url", max_length=200),
    Field("paper", "ui.setup.paper", restrict=r"[0-9]*", max_length=2),
    Field("profile", "ui.setup.profile", max_length=40),
)
TEMPLATE_FIELDS = (
    Field("products_file", "ui.setup.products_file", max_length=300),
    Field("members_file", "ui.setup.members_file", max_length=300),
)


@dataclass(frozen=True)
class Step:
    """One step of the wizard: its name, title and fields."""

    name: str
    title: str
    fields: tuple[Field, ...]


def _steps() -> list[Step]:
    groups = zip(SHOP_STEPS, SHOP_GROUPS, strict=True)
    shop = [Step(name, title, fields) for name, (title, fields) in groups]
    shop[-1] = replace(shop[-1], fields=(*shop[-1].fields, TILL_FIELD))
    return [
        *shop,
        Step("admin", "ui.setup.step_admin", ADMIN_FIELDS),
        Step("printer", "ui.setup.step_printer", PRINTER_FIELDS),
        Step("templates", "ui.setup.step_templates", TEMPLATE_FIELDS),
    ]


@dataclass
class Checked:
    """What the steps checked, kept for the final write."""

    shop: dict[str, object] = field(default_factory=dict)
    products: StagedProducts | None = None
    members: StagedMembers | None = None


class SetupWizard(TypeAhead, GeraiScreen[None]):
    """A new shop's setup, step by step."""

    CSS_PATH: ClassVar[Any] = [sheet("dialogs"), sheet("setup")]
    BINDINGS = [
        ENTER_FIELD,
        Binding("escape,pageup", "back", "ui.key.back"),
        Binding("pagedown", "forward", "ui.key.next"),
        Binding("f5", "test_page", "ui.setup.key_test"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.has_admin = self.till.has_admin()
        self.steps = [s for s in _steps() if not (s.name == "admin" and self.has_admin)]
        self.current = 0
        self.checked = Checked()
        self.zone_for = ""  # the provinsi the time zone was last proposed for
        self.printers: list[UsbPrinter] = []

    def compose(self) -> ComposeResult:
        shown = {
            **form_values(self.app.shop),
            **({} if self.till.shop_named() else {"name": ""}),  # a new shop names itself
            "till": self.app.settings.till,
            "printer": "" if self.app.settings.printer == "none" else self.app.settings.printer,
            "paper": "58",
            "profile": DEFAULT_PROFILE,
        }
        yield Label("", id="setup-header")
        with VerticalScroll(id="setup-body"):
            for step in self.steps:
                with Vertical(id=f"step-{step.name}", classes="setup-step"):
                    if step.name == "printer":
                        yield OptionList(id="setup-usb")
                        yield Label("", id="setup-usb-note", classes="setup-note")
                    for item in step.fields:
                        yield from field_row(item, shown.get(item.key, ""))
                    if step.name == "templates":
                        yield Label("", id="setup-summary", classes="setup-note")
        yield Label("", id="setup-error", classes="dialog-error")
        yield Label(t("ui.setup.hint"), classes="dialog-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.zone_for = self.typed("provinsi")
        self.show_step(0)

    # --- the steps ---------------------------------------------------------------------------

    def typed(self, key: str) -> str:
        """What is typed in a field."""
        return self.query_one(f"#f-{key}", Input).value

    def show_step(self, index: int, focus: str | None = None) -> None:
        """Show step `index` alone, its field `focus` (else its first) focused."""
        self.current = index
        step = self.steps[index]
        for other in self.steps:
            self.query_one(f"#step-{other.name}").display = other is step
        self.query_one("#setup-header", Label).update(
            t("ui.setup.title", step=index + 1, steps=len(self.steps), title=t(step.title))
        )
        wanted = focus if focus in {f.key for f in step.fields} else step.fields[0].key
        self.set_focus(self.query_one(f"#f-{wanted}", Input))
        self.refresh_bindings()  # F5 belongs to the printer's step
        if step.name == "printer" and not self.printers:
            self.find_printers()
        if step.name == "templates":
            self.query_one("#setup-summary", Label).update(self.summary())

    def leave_field(self, field: Input) -> Any:
        """Enter: the next field of the step, or (its last field) the next step at once; the
        step left is checked in `field_entered`."""
        step = self.steps[self.current]
        keys = [f.key for f in step.fields]
        key = (field.id or "").removeprefix("f-")
        if key in keys and key != keys[-1]:
            self.set_focus(self.query_one(f"#f-{keys[keys.index(key) + 1]}", Input))
            return None
        left = self.current
        if left + 1 < len(self.steps):
            self.show_step(left + 1)
        return left

    def field_entered(self, field: Input, context: Any) -> None:
        if field.id == "f-provinsi":
            self.propose_zone()
        if isinstance(context, int):
            self.step_done(context)

    def step_done(self, index: int) -> None:
        """Check the step left; back to it on a refusal; after the last one, write it all."""
        try:
            self.check_step(index)
        except GeraiError as error:
            self.refuse(error, index)
            return
        self.query_one("#setup-error", Label).update("")
        if index == len(self.steps) - 1:
            self.finish()

    def refuse(self, error: GeraiError, index: int) -> None:
        """Show why step `index` (or the step its field is on) is refused, there."""
        key = error_field(error)
        owner = next(
            (i for i, s in enumerate(self.steps) if key in {f.key for f in s.fields}), index
        )
        self.show_step(min(owner, index), key)
        if isinstance(error, ImportRefused):  # every bad row named
            lines = [t("ui.setup.import_refused", count=len(error.problems))]
            lines += [shown().phrase(problem.phrase()) for problem in error.problems]
        else:
            lines = [error.message()]
        self.query_one("#setup-error", Label).update("\n".join(lines))
        self.app.bell()

    def propose_zone(self) -> None:
        """The time zone follows a new provinsi (typed over, it stays the person's)."""
        provinsi = self.typed("provinsi")
        zone = proposed_zone(provinsi)
        if zone is not None and provinsi != self.zone_for:
            self.query_one("#f-timezone", Input).value = zone
            self.zone_for = provinsi

    def check_step(self, index: int) -> None:
        """Check step `index` by the rules the till saves with (nothing is written)."""
        step = self.steps[index]
        if step.name in SHOP_STEPS:  # the shop's settings so far, checked together
            so_far = [f.key for s in self.steps[: index + 1] for f in s.fields]
            values = shop_values({key: self.typed(key) for key in so_far if key in SHOP_KEYS})
            self.till.check_shop(values)
            self.checked.shop = values
        if step.name == "rules":
            check_till_id(self.typed("till"))
        elif step.name == "admin":
            check_login_name(self.typed("admin"))
            check_new_pin(self.typed("pin"), self.typed("pin_again"))
        elif step.name == "printer":
            setup_printer_url(self.typed("printer"), self.typed("paper"), self.typed("profile"))
        elif step.name == "templates":
            self.stage_templates()

    def stage_templates(self) -> None:
        """Check the catalogue and members files named (read only; imported with the rest)."""
        from gerai.tabular import read_table

        self.checked.products = self.checked.members = None
        products, members = self.typed("products_file").strip(), self.typed("members_file").strip()
        if products:
            table = read_table(Path(products).expanduser())
            self.checked.products = self.till.stage_products(table, skip_bad=False)
        if members:
            table = read_table(Path(members).expanduser())
            self.checked.members = self.till.stage_members(table, skip_bad=False)

    def summary(self) -> str:
        """What the last step will write."""
        return t(
            "ui.setup.summary",
            name=self.typed("name").strip(),
            zone=self.typed("timezone").strip().upper(),
            till=self.typed("till").strip().upper(),
            admin=self.typed("admin").strip().lower() if not self.has_admin else "-",
            printer=self.typed("printer").strip() or "none",
        )

    # --- keys -------------------------------------------------------------------------------

    def action_back(self) -> None:
        """Esc/PageUp: the step before (what is typed stays)."""
        if self.current > 0:
            self.query_one("#setup-error", Label).update("")
            self.show_step(self.current - 1)

    def action_forward(self) -> None:
        """PageDown: check this step and go on (the last step: write it all)."""
        index = self.current
        if index + 1 < len(self.steps):
            self.show_step(index + 1)
        self.step_done(index)

    # --- the printer ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "test_page":
            return self.steps[self.current].name == "printer"
        return True

    @work(thread=True, group="usb", exclusive=True)
    def find_printers(self) -> None:
        """List the USB printers plugged in, off the UI thread."""
        from receipts.usb_printers import list_usb_printers

        found = list_usb_printers()
        self.app.call_from_thread(self.show_printers, found)

    def show_printers(self, found: list[UsbPrinter]) -> None:
        """Offer the USB printers found; one not permitted says how to permit it."""
        self.printers = found
        choices = self.query_one("#setup-usb", OptionList)
        choices.clear_options()
        choices.add_options(
            [Option(f"{p.ids}  {p.maker} {p.name}".strip(), id=p.ids) for p in found]
        )
        choices.display = bool(found)
        if found and self.steps[self.current].name == "printer" and not self.typed("printer"):
            self.set_focus(choices)  # pick one with ↑↓ Enter
        note = self.query_one("#setup-usb-note", Label)
        refused = [p for p in found if not p.permitted]
        if not found:
            note.update(t("ui.setup.usb_none"))
        elif refused:
            rule = udev_rule(refused[0].vendor, refused[0].product)
            note.update(t("printer.usb_not_permitted", command=udev_install_command(rule)))
        else:
            note.update(t("ui.setup.usb_pick"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#f-printer", Input).value = f"usb://{event.option.id}"
        self.set_focus(self.query_one("#f-paper", Input))

    def action_test_page(self) -> None:
        """F5: a test page on the printer as typed (in a worker)."""
        try:
            url = setup_printer_url(
                self.typed("printer"), self.typed("paper"), self.typed("profile")
            )
        except GeraiError as error:
            self.query_one("#setup-error", Label).update(error.message())
            return
        if url == "none":
            self.query_one("#setup-error", Label).update(t("printer.none"))
            return
        self.print_test_page(url)

    @work(thread=True, group="printer-test", exclusive=True)
    def print_test_page(self, url: str) -> None:
        """Send the test page, and tell how it went."""
        from gerai.printing import print_test_page

        target = parse_printer_url(url)
        try:
            print_test_page(target, self.app.translator)
        except GeraiError as error:
            self.app.call_from_thread(self.app.notify, error.message(), severity="error")
            return
        done = t("printer.test_done", url=target.url, width=target.width)
        self.app.call_from_thread(self.app.notify, done)

    # --- the end ----------------------------------------------------------------------------

    def finish(self) -> None:
        """Write everything in one transaction (every step checked again first); then the
        login opens."""
        for index in range(len(self.steps) - 1):
            try:
                self.check_step(index)
            except GeraiError as error:
                self.refuse(error, index)
                return
        app = self.app
        till_id = check_till_id(self.typed("till"))
        url = setup_printer_url(self.typed("printer"), self.typed("paper"), self.typed("profile"))
        settings = replace(app.settings, till=till_id, printer=url)
        bootstrap = Till(app.settings, self.till.database, app.printer, self.till.clock, SYSTEM)
        try:
            shop = bootstrap.set_up_shop(
                self.checked.shop,
                None if self.has_admin else self.typed("admin"),
                self.typed("pin"),
                self.typed("pin_again"),
                till_settings={"till": till_id, "printer": url},
                products=self.checked.products,
                members=self.checked.members,
            )
        except GeraiError as error:
            self.refuse(error, len(self.steps) - 1)
            return
        app.set_up(settings)
        app.notify(t("ui.setup.done", name=shop.name, zone=shop.zone_label))
