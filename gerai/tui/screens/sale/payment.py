"""F12: the payment dialog. Shows the total, takes the amount handed over (empty = uang pas),
Tab cycles the method; a non-cash amount below what is due is a split payment and the rest
is asked for. Enter commits the sale in a worker thread; a refusal keeps the dialog open."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Digits, Input, Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.money import format_number, format_rupiah, parse_rupiah, quick_tenders, round_cash
from gerai.core.phrases import METHOD
from gerai.core.words import PaymentMethod, Permission, ReferenceRule
from gerai.services.sale.checkout import REFERENCED, SaleResult, Tender, payment_reference
from gerai.services.shop.auth import Approval
from gerai.tui.base import GeraiDialog
from gerai.tui.permits import with_approval
from gerai.tui.styles import sheet
from gerai.tui.typeahead import ENTER_FIELD, TypeAhead
from gerai.tui.widgets.field import TextField


def parse_tender(text: str) -> int | None:
    """What the kasir typed as the amount handed over: None for empty (uang pas)."""
    raw = text.strip()
    if not raw:
        return None
    if raw.startswith("-"):
        raise GeraiError("pay.negative")
    try:
        return parse_rupiah(raw)
    except ValueError as exc:
        raise GeraiError("pay.not_number", text=raw) from exc


class PaymentScreen(TypeAhead, GeraiDialog[SaleResult | None]):
    """Take payment for the till's cart and commit the sale."""

    CSS_PATH = sheet("dialogs")
    BINDINGS = [
        ENTER_FIELD,
        Binding("tab", "cycle_method", "ui.key.method", priority=True),
        Binding("escape", "cancel", "ui.key.cancel"),
        Binding("f2", "quick(0)", "ui.key.quick_tender", show=False, priority=True),
        Binding("f3", "quick(1)", "ui.key.quick_tender", show=False, priority=True),
        Binding("f4", "quick(2)", "ui.key.quick_tender", show=False, priority=True),
        Binding("f5", "quick(3)", "ui.key.quick_tender", show=False, priority=True),
    ]
    QUICK_KEYS = ("F2", "F3", "F4", "F5")

    def __init__(self) -> None:
        super().__init__()
        self.total = 0
        self.method = PaymentMethod.CASH
        self.tenders: list[Tender] = []
        self.busy = False
        self.warned = False  # Esc once with a non-cash part taken: the next Esc drops it
        self.confirmed: int | None = None  # a very large tender, Entered once: the next Enter pays
        self.price_changed = False  # a price changed since the scan: the next Enter re-prices
        self.pending: tuple[PaymentMethod, int | None] | None = None  # waiting for its reference

    @property
    def due(self) -> int:
        """What remains to be paid after the split payments so far."""
        return self.total - sum(tender.amount or 0 for tender in self.tenders)

    @property
    def cash_due(self) -> int:
        """What remains, when paid in cash: rounded by the shop's pembulatan."""
        return round_cash(self.due, self.till.shop.cash_rounding)

    def compose(self) -> ComposeResult:
        self.total = self.till.cart.totals().total
        with Vertical(classes="dialog", id="payment"):
            yield Label(t("ui.pay.title"), classes="dialog-title")
            yield Label(t("ui.total"), id="due-title")
            yield Digits(format_number(self.total), id="due")
            yield Label("", id="methods")
            yield Label("", id="kasbon-room")
            yield Label("", id="split")
            yield Label("", id="rounded")
            yield TextField(placeholder=t("ui.pay.placeholder"), id="tendered")
            yield TextField(id="reference")
            yield Label("", id="quick")
            yield Label("", id="preview")
            yield Label("", id="pay-error", classes="dialog-error")
            yield Label(t("ui.pay.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#tendered", Input))  # now: keys typed ahead go there
        # shown while the shop asks references, focused only when one is asked (issue 17)
        self.query_one("#reference", Input).display = (
            self.till.shop.payment_reference != ReferenceRule.OFF
        )
        self.show_kasbon_room()
        self.redraw()

    def show_kasbon_room(self) -> None:
        """With a member on the sale: their kasbon limit, what they owe and what is left,
        before anyone chooses Kasbon."""
        member = self.till.cart.member
        label = self.query_one("#kasbon-room", Label)
        if member is None:
            label.display = False
            return
        if not member.active or member.credit_limit <= 0:
            label.update(t("ui.pay.kasbon_off", number=member.number))
            return
        try:
            owed = self.till.kasbon_outstanding(member.id)
        except GeraiError as error:
            label.update(error.message())
            return
        label.update(
            t(
                "ui.pay.kasbon_room",
                number=member.number,
                limit=format_rupiah(member.credit_limit),
                owed=format_rupiah(owed),
                available=format_rupiah(max(member.credit_limit - owed, 0)),
            )
        )

    def redraw(self) -> None:
        """Methods line, split payments, due amount and the change preview."""
        self.query_one("#methods", Label).update(
            "  ".join(
                f"[reverse] {t(METHOD[m])} [/]" if m == self.method else f" {t(METHOD[m])} "
                for m in PaymentMethod
            )
        )
        self.query_one("#split", Label).update(
            "  ".join(
                f"{t(METHOD[tender.method])} {format_rupiah(tender.amount or 0)}"
                for tender in self.tenders
            )
        )
        self.query_one("#due-title", Label).update(
            t("ui.pay.due") if self.tenders else t("ui.total")
        )
        self.query_one("#due", Digits).update(format_number(self.due))
        self.query_one("#quick", Label).update(
            "  ".join(
                t("ui.pay.quick", key=key, amount=format_rupiah(amount))
                for key, amount in zip(self.QUICK_KEYS, quick_tenders(self.cash_due), strict=False)
            )
        )
        rounding, label = self.cash_due - self.due, self.query_one("#rounded", Label)
        label.display = bool(rounding) and self.method == PaymentMethod.CASH  # else no row
        label.update(
            t(
                "ui.pay.rounded",
                amount=format_rupiah(self.cash_due),
                rounding=("+" if rounding > 0 else "") + format_rupiah(rounding),
            )
        )
        self.preview(self.query_one("#tendered", Input).value)

    def preview(self, text: str) -> None:
        """Change or shortage for what is typed so far."""
        label = self.query_one("#preview", Label)
        try:
            amount = parse_tender(text)
        except GeraiError:
            label.update("")
            return
        due = self.cash_due if self.method == PaymentMethod.CASH else self.due
        if amount is None:
            label.update(t("ui.pay.exact"))
        elif amount >= due:
            label.update(t("ui.pay.change_preview", amount=format_rupiah(amount - due)))
        else:
            label.update(t("ui.pay.short_preview", amount=format_rupiah(due - amount)))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "reference":  # its refusal stays until the next Enter (issue 17)
            return
        self.warned = False
        self.query_one("#pay-error", Label).update("")
        self.preview(event.value)

    def action_cycle_method(self) -> None:
        """Tab: the next payment method."""
        index = tuple(PaymentMethod).index(self.method)
        self.method = tuple(PaymentMethod)[(index + 1) % len(PaymentMethod)]
        self.redraw()

    def action_cancel(self) -> None:
        """Esc: back to the cart, nothing paid. With a non-cash part already taken (QRIS, a
        transfer) the first Esc asks: that money must go back to the buyer; a second Esc drops
        it."""
        if self.busy:
            return
        if self.pending is not None:  # Esc in the reference: back to the amount
            self.drop_reference()
            return
        taken = [tender for tender in self.tenders if tender.method != PaymentMethod.CASH]
        if taken and not self.warned:
            self.warned = True
            parts = ", ".join(
                f"{t(METHOD[tender.method])} {format_rupiah(tender.amount or 0)}"
                for tender in taken
            )
            self.query_one("#pay-error", Label).update(t("ui.pay.cancel_split", parts=parts))
            self.app.bell()
            return
        self.dismiss(None)

    def fail(self, error: GeraiError | str) -> None:
        """Show why the payment was refused; the dialog stays. A price changed since the
        scan is shown with its new price: the kasir's next Enter re-prices the cart."""
        self.busy = False
        message = error.message() if isinstance(error, GeraiError) else error
        if isinstance(error, GeraiError) and error.key == "cart.price_changed":
            self.price_changed = True
            message = f"{message} {t('ui.pay.reprice_hint')}"
        self.query_one("#pay-error", Label).update(message)
        self.app.bell()

    def take_new_prices(self) -> None:
        """The kasir confirmed the new prices: the cart is re-priced and the total shown
        again; nothing is paid until the next Enter."""
        self.price_changed = False
        try:
            self.till.reprice()
        except GeraiError as error:
            self.fail(error)
            return
        self.total = self.till.cart.totals().total
        self.redraw()
        self.query_one("#pay-error", Label).update(
            t("ui.pay.repriced", total=format_rupiah(self.total))
        )

    def leave_field(self, field: Input) -> PaymentMethod | None:
        """Enter, read in the order of the keys: the method chosen (Tab) before it goes with
        this amount; a non-cash part leaves cash chosen for the rest, so a Tab typed after this
        Enter starts from cash. A QRIS or transfer amount goes on to its reference first,
        when the shop asks it (issue 17)."""
        if field.id == "reference":
            self.leave_reference()
            return None
        if self.asks_reference(self.method):
            return self.ask_reference()
        method = self.method
        if method != PaymentMethod.CASH:
            self.method = PaymentMethod.CASH
            self.redraw()
        return method

    def field_entered(self, field: Input, context: object) -> None:
        """Enter, once the amount's digits are in: take this tender; commit when the total is
        covered. A split part empties the field at once (the next amount may be typed
        already); a refusal puts the method back."""
        if field.id == "reference":
            self.reference_entered(field)
            return
        method = context if isinstance(context, PaymentMethod) else self.method
        if self.busy:
            return
        if self.price_changed:
            self.method = method
            self.take_new_prices()
            return
        try:
            amount = parse_tender(field.value)
        except GeraiError as error:
            self.drop_reference()
            self.method = method
            self.redraw()
            self.fail(error)
            return
        large = amount is not None and (amount > self.due * 20 or amount > 10_000_000)
        if large and amount != self.confirmed:  # a slip of the finger, or a barcode typed in?
            self.confirmed = amount
            self.method = method
            self.redraw()
            self.drop_reference()
            self.fail(t("ui.pay.confirm_large", amount=format_rupiah(amount or 0)))
            return
        if self.asks_reference(method):
            self.pending = (method, amount)  # the reference field has the focus already
            return
        if self.is_part(method, amount):
            field.value = ""
        self.take(Tender(method, amount))

    def is_part(self, method: str, amount: int | None) -> bool:
        """A non-cash amount below what is due: a split part, the rest is asked for."""
        return amount is not None and amount < self.due and method != PaymentMethod.CASH

    def action_quick(self, index: int) -> None:
        """F2..F5: the buyer hands over the next round amount in cash (shown beside each key)."""
        choices = quick_tenders(self.cash_due)
        if self.busy or index >= len(choices):
            return
        self.take(Tender(PaymentMethod.CASH, choices[index]))

    def take(self, tender: Tender) -> None:
        """One tender: a non-cash part below what is due waits for the rest; else sell."""
        if self.is_part(tender.method, tender.amount):
            self.tenders.append(tender)
            self.redraw()
            return
        self.busy = True
        self.commit([*self.tenders, tender])

    @work(thread=True)
    def commit(
        self, tenders: list[Tender], approval: Approval | None = None, expired_ok: bool = False
    ) -> None:
        """Sell (off the UI thread: a busy database must not freeze the till)."""
        app = self.app
        try:
            result = self.till.sell(tenders, approval, expired_ok)
        except GeraiError as error:
            if error.key == "sale.expired":
                app.call_from_thread(self.ask_expired, tenders, error)
                return
            app.call_from_thread(self.fail, error)
            return
        app.call_from_thread(self.dismiss, result)

    # --- the reference of a QRIS or transfer payment (issue 17) --------------------------

    def asks_reference(self, method: str) -> bool:
        """Whether this method's payment is asked its reference (the shop's setting)."""
        return method in REFERENCED and self.till.shop.payment_reference != ReferenceRule.OFF

    def ask_reference(self) -> PaymentMethod:
        """Enter on the amount of a QRIS or transfer payment: the reference field shows and
        takes the keys that follow."""
        method = self.method
        field = self.query_one("#reference", Input)
        field.placeholder = t(
            "ui.pay.reference_required"
            if self.till.shop.payment_reference == ReferenceRule.REQUIRED
            else "ui.pay.reference_placeholder",
            method=t(METHOD[method]),
        )
        self.set_focus(field)
        return method

    def leave_reference(self) -> None:
        """Enter on the reference: the focus goes back to the amount; cash is chosen again."""
        self.set_focus(self.query_one("#tendered", Input))

    def drop_reference(self) -> None:
        """No reference is asked any more (Esc, or the amount was refused)."""
        self.pending = None
        field = self.query_one("#reference", Input)
        field.value = ""
        field.placeholder = ""
        self.set_focus(self.query_one("#tendered", Input))

    def reference_entered(self, field: Input) -> None:
        """The reference is in: checked here first (spaces, length, required), then the
        payment goes on as any other."""
        if self.pending is None or self.busy:
            return
        method, amount = self.pending
        try:
            reference = payment_reference(method, field.value, self.till.shop.payment_reference)
        except GeraiError as error:
            self.set_focus(field)
            self.fail(error)
            return
        self.drop_reference()
        if method != PaymentMethod.CASH:
            self.method = PaymentMethod.CASH
            self.redraw()
        tendered = self.query_one("#tendered", Input)
        if self.is_part(method, amount):
            tendered.value = ""
        self.take(Tender(method, amount, reference))

    def ask_expired(self, tenders: list[Tender], error: GeraiError) -> None:
        """The sale would take expired goods (issue 17): said, then a supervisor may allow it
        (the one approval path); without it the dialog stays, nothing sold."""
        self.fail(error)

        def allowed(approval: Approval | None) -> None:
            self.busy = True
            self.commit(tenders, approval, True)

        with_approval(self.app, Permission.SELL_EXPIRED, allowed, self.fail)
