"""Opening the till (modal awal), cash in/out during the shift (F6), and closing the shift by
counting the cash (F10): expected vs counted, the variance and its reason; the user logged in
signs off, and a bendahara confirms with their name and PIN (not needed when a bendahara or
admin closes)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Input, Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.money import format_number, format_rupiah
from gerai.core.phrases import CASH_TERM
from gerai.core.pins import PIN_MAX
from gerai.core.words import CashDirection, Permission
from gerai.services.cash.shifts import (
    DENOMINATIONS,
    CashPosition,
    count_cash,
)
from gerai.services.shop.auth import Approval, allows
from gerai.tui.base import GeraiDialog
from gerai.tui.screens.sale.payment import parse_tender
from gerai.tui.styles import sheet
from gerai.tui.typeahead import ENTER_FIELD, SavedOnLastField, save_typed
from gerai.tui.widgets.field import TextField

CASH_KIND = {"in": "ui.cash.in", "out": "ui.cash.out"}


class ShiftDialog(GeraiDialog[object]):
    """What the shift dialogs share: the dialogs' style and reading an amount."""

    CSS_PATH = sheet("dialogs")

    def amount(self, selector: str) -> int:
        """The Rupiah amount typed in `selector`; empty counts as zero."""
        return parse_tender(self.query_one(selector, Input).value) or 0


class OpenShiftScreen(ShiftDialog):
    """The till is closed: type the opening cash and Enter to open it. What stayed in the
    drawer at the last close is offered as the field's placeholder, never as its text: digits
    typed at once replace it (never appended to it), and Enter on the untouched field takes it."""

    BINDINGS = [Binding("ctrl+q", "app.quit", "ui.key.quit")]

    def __init__(self) -> None:
        super().__init__()
        self.carried: int | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="open-shift"):
            yield Label(t("ui.shift.open_title", till=self.till.till_id), classes="dialog-title")
            yield Label(t("ui.shift.open_help"))
            yield TextField(placeholder=t("ui.shift.opening_cash"), id="opening", type="integer")
            yield Label("", id="carried")
            yield Label("", classes="dialog-error")
            yield Label(t("ui.shift.open_hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        opening = self.query_one("#opening", Input)
        self.set_focus(opening)  # now: the digits typed ahead go there
        carried = self.till.carried_cash()
        if carried is None:
            return
        self.carried = carried.stayed  # what stayed at the last close opens this shift
        opening.placeholder = t("ui.shift.opening_carried", stayed=format_rupiah(carried.stayed))
        self.query_one("#carried", Label).update(
            t(
                "ui.shift.carried",
                stayed=format_rupiah(carried.stayed),
                counted=format_rupiah(carried.counted),
                setoran=format_rupiah(carried.setoran),
            )
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            opening = parse_tender(event.value)
            if opening is None:
                opening = self.carried
            if opening is None:
                raise GeraiError("shift.opening_required")
            self.till.open_shift(opening)
        except GeraiError as error:
            self.fail(error)
            return
        self.dismiss(opening)


class CashScreen(SavedOnLastField, ShiftDialog):
    """F6: cash into or out of the drawer, with a reason; Enter on the reason records it."""

    BINDINGS = [
        ENTER_FIELD,
        Binding("tab", "toggle_kind", "ui.key.cash_kind", priority=True),
        Binding("escape", "cancel", "ui.key.cancel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.kind = CashDirection.OUT

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="cash"):
            yield Label(t("ui.cash.title"), classes="dialog-title")
            yield Label("", id="cash-kind")
            yield TextField(placeholder=t("ui.cash.amount"), id="cash-amount")
            yield TextField(placeholder=t("ui.cash.reason"), id="cash-reason")
            yield Label("", classes="dialog-error")
            yield Label(t("ui.cash.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.show_kind()
        self.set_focus(self.query_one("#cash-amount", Input))

    def show_kind(self) -> None:
        """Which way the cash goes."""
        self.query_one("#cash-kind", Label).update(t(CASH_KIND[self.kind]))

    def action_toggle_kind(self) -> None:
        """Tab: cash in ↔ cash out."""
        self.kind = CashDirection.IN if self.kind == CashDirection.OUT else CashDirection.OUT
        self.show_kind()

    def action_save(self) -> None:
        """Record the cash in or out."""
        try:
            amount = self.amount("#cash-amount")
            self.till.move_cash(self.kind, amount, self.query_one("#cash-reason", Input).value)
        except GeraiError as error:
            self.fail(error)
            return
        self.dismiss((self.kind, amount))


def cash_formula(position: CashPosition) -> str:
    """The expected-cash formula with all its terms, as a person checks it with a calculator:
    `Modal Rp300.000 + tunai Rp97.900 … − penarikan anggota Rp0 = seharusnya Rp577.900`."""
    parts = []
    for index, (name, sign, amount) in enumerate(position.terms()):
        minus = (sign < 0) != (amount < 0)
        shown = ("− " if minus else "+ ") if index else ("-" if minus else "")
        parts.append(f"{shown}{t(CASH_TERM[name])} {format_rupiah(abs(amount))}")
    drawer, members = " ".join(parts[:5]), " ".join(parts[5:])  # the members' cash: line 2
    return f"{drawer}\n{members} {t('cash.term.result', expected=format_rupiah(position.expected))}"


class CloseShiftScreen(SavedOnLastField, ShiftDialog):
    """F10: count the drawer by denomination and close the shift."""

    BINDINGS = [
        ENTER_FIELD,
        Binding("escape", "cancel", "ui.key.cancel"),
        save_typed("ui.key.close_shift"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.expected = 0
        self.shift_id = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="close-shift"):
            yield Label(t("ui.close.title", till=self.till.till_id), classes="dialog-title")
            yield Label("", id="position")
            with Grid(id="denominations"):
                for value in DENOMINATIONS:
                    yield Label(format_rupiah(value), classes="denomination")
                    yield TextField(
                        "0", id=f"d{value}", type="integer", classes="pieces", compact=True
                    )
            yield Label("", id="count-line")
            with Horizontal(id="close-row"):
                yield TextField(placeholder=t("ui.close.reason"), id="reason", compact=True)
                yield TextField(
                    placeholder=t("ui.close.setoran"), id="setoran-amount", restrict=r"[0-9.]*",
                    compact=True,
                )  # fmt: skip
                yield Label("", id="stays")
            actor = self.app.actor
            yield Label(t("ui.close.signed", name=actor.name), id="signed")
            if not allows(actor.role, Permission.CLOSE_SHIFT):
                with Horizontal(id="confirm"):
                    yield TextField(
                        placeholder=t("ui.close.bendahara"), id="bendahara", compact=True
                    )
                    yield TextField(
                        placeholder=t("ui.close.bendahara_pin"), id="bendahara-pin",
                        password=True, max_length=PIN_MAX, restrict=r"[0-9]*", compact=True,
                    )  # fmt: skip
            yield Label("", classes="dialog-error")
            yield Label(t("ui.close.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        try:
            shift, position = self.till.cash_position()
        except GeraiError as error:
            self.fail(error)
            return
        assert shift.id is not None
        self.shift_id, self.expected = shift.id, position.expected
        self.query_one("#position", Label).update(cash_formula(position))
        self.set_focus(self.query_one(f"#d{DENOMINATIONS[0]}", Input))
        self.recount()

    def counts(self) -> dict[int, int]:
        """Pieces of each denomination as typed (empty = 0)."""
        counts = {}
        for value in DENOMINATIONS:
            text = self.query_one(f"#d{value}", Input).value.strip() or "0"
            counts[value] = int(text) if text.lstrip("-").isdigit() else 0
        return counts

    def recount(self) -> None:
        """Counted total, the variance and what stays in the drawer after the setoran, live."""
        try:
            counted = count_cash(self.counts())
            setoran = self.setoran() or 0
        except GeraiError as error:
            self.query_one("#count-line", Label).update(error.message())
            return
        variance = counted - self.expected
        line = t(
            "ui.close.count_line",
            counted=format_rupiah(counted),
            expected=format_rupiah(self.expected),
            variance=format_number(variance),
        )
        self.query_one("#count-line", Label).update(line)
        stays = t("ui.close.stays", stays=format_rupiah(counted - setoran))
        self.query_one("#stays", Label).update(stays)

    def setoran(self) -> int | None:
        """The setoran typed (None when the field is empty: no setoran recorded)."""
        return parse_tender(self.query_one("#setoran-amount", Input).value)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.has_class("pieces") or event.input.id == "setoran-amount":
            self.recount()

    def approval(self) -> Approval | None:
        """The bendahara's name and PIN as typed (None when the dialog does not ask for them,
        or nothing was typed: the service then refuses the kasir)."""
        if not self.query("#bendahara"):
            return None
        name = self.query_one("#bendahara", Input).value.strip()
        pin = self.query_one("#bendahara-pin", Input).value
        return Approval(name, pin) if name or pin else None

    def action_save(self) -> None:
        """Close with the count, the reason, the sign-off and the confirmation."""
        try:
            result = self.till.close_shift(
                self.shift_id,
                self.counts(),
                self.query_one("#reason", Input).value,
                self.approval(),
                setoran=self.setoran(),
            )
        except GeraiError as error:
            if error.key.startswith("auth.") and self.query("#bendahara"):
                name, pin = (
                    self.query_one("#bendahara", Input),
                    self.query_one("#bendahara-pin", Input),
                )
                pin.value = ""
                (pin if name.value.strip() else name).focus()
            self.fail(error)
            return
        self.dismiss(result)
