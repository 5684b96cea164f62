"""The kas bendahara on the bendahara's screen (issue 15): the day's lines of the bendahara's
own cash box with the running balance (setoran from the drawers, bank deposits, expenses), and
the dialog that records a bank deposit (`B`) or an expense (`P`, its category chosen with Tab)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.money import format_number, format_rupiah
from gerai.core.phrases import EXPENSE_CATEGORY, KAS_KIND
from gerai.core.timefmt import format_time
from gerai.core.words import ExpenseCategory, KasKind
from gerai.services.cash.kas import KasBook
from gerai.services.shop.auth import Approval
from gerai.services.shop.profile import ShopProfile
from gerai.tui.base import GeraiDialog
from gerai.tui.screens.sale.payment import parse_tender
from gerai.tui.styles import sheet
from gerai.tui.typeahead import ENTER_FIELD, SavedOnLastField
from gerai.tui.widgets.field import TextField

KAS_COLUMNS = (
    "ui.kas.time",
    "ui.kas.what",
    "ui.kas.in",
    "ui.kas.out",
    "ui.kas.balance",
    "ui.kas.by",
    "ui.kas.note",
)
CATEGORIES = tuple(ExpenseCategory)
NOTE = {KasKind.BANK: "ui.kas.note_bank", KasKind.EXPENSE: "ui.kas.note_expense"}
HINT = {KasKind.BANK: "ui.kas.hint_bank", KasKind.EXPENSE: "ui.kas.hint_expense"}


def kas_rows(book: KasBook, shop: ShopProfile) -> list[list[str | Text]]:
    """The kas table's rows: the balance before the day, each line, the balance after."""
    rows: list[list[str | Text]] = [["", t("ui.kas.opening"), "", "", _right(book.opening), "", ""]]
    for line in book.lines:
        entry = line.entry
        what = t(KAS_KIND[entry.kind])
        if entry.category:
            what += f": {t(EXPENSE_CATEGORY[entry.category])}"
        elif entry.till:
            what += f" {entry.till}"
        elif (paid := book.suppliers.get(entry.id or 0)) is not None:
            what += f": {paid.supplier}"
        amount = _right(entry.amount)
        rows.append(
            [
                format_time(entry.created_at, shop),
                what,
                amount if line.signed >= 0 else "",
                amount if line.signed < 0 else "",
                _right(line.balance),
                entry.created_by,
                entry.note,
            ]
        )
    rows.append(["", t("ui.kas.closing"), "", "", _right(book.closing), "", ""])
    return rows


def _right(amount: int) -> Text:
    return Text(format_number(amount), justify="right")


class KasEntryScreen(SavedOnLastField, GeraiDialog[object]):
    """A bank deposit or an expense out of the kas bendahara: the amount, for an expense its
    category (Tab cycles them), a note; Enter on the note records it."""

    CSS_PATH = sheet("dialogs")
    BINDINGS = [
        ENTER_FIELD,
        Binding("tab", "next_category", "ui.key.kas_category", priority=True),
        Binding("escape", "cancel", "ui.key.cancel"),
    ]

    def __init__(self, kind: KasKind, balance: int, approval: Approval | None = None) -> None:
        super().__init__()
        self.kind = kind
        self.balance = balance
        self.approval = approval
        self.category = ""  # none chosen yet: the service asks for one

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="kas-entry"):
            yield Label(t(KAS_KIND[self.kind]), classes="dialog-title")
            yield Label(t("ui.kas.held", balance=format_rupiah(self.balance)))
            if self.kind == KasKind.EXPENSE:
                yield Label("", id="kas-category")
            yield TextField(placeholder=t("ui.kas.amount"), id="kas-amount")
            yield TextField(placeholder=t(NOTE[self.kind]), id="kas-note")
            yield Label("", classes="dialog-error")
            yield Label(t(HINT[self.kind]), classes="dialog-hint")

    def on_mount(self) -> None:
        self.show_category()
        self.set_focus(self.query_one("#kas-amount", Input))

    def show_category(self) -> None:
        """The expense's category, or the request to choose one."""
        if self.kind != KasKind.EXPENSE:
            return
        text = t(EXPENSE_CATEGORY[self.category]) if self.category else t("ui.kas.no_category")
        self.query_one("#kas-category", Label).update(t("ui.kas.category", category=text))

    def action_next_category(self) -> None:
        """Tab: the next category (an expense only)."""
        if self.kind != KasKind.EXPENSE:
            self.focus_next()
            return
        index = CATEGORIES.index(ExpenseCategory(self.category)) + 1 if self.category else 0
        self.category = CATEGORIES[index % len(CATEGORIES)]
        self.show_category()

    def action_save(self) -> None:
        """Record the deposit or the expense."""
        note = self.query_one("#kas-note", Input).value
        try:
            amount = parse_tender(self.query_one("#kas-amount", Input).value) or 0
            if self.kind == KasKind.BANK:
                entry = self.till.deposit_to_bank(amount, note, self.approval)
            else:
                entry = self.till.record_expense(amount, self.category, note, self.approval)
        except GeraiError as error:
            self.fail(error)
            return
        self.dismiss(entry)
