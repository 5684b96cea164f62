"""The kasir screen: scan field, cart, member, totals; F-keys for member, hold, pay, help;
Ctrl+X empties the cart (asked first), Ctrl+D opens the drawer without a sale, F11 the admin
menu, Ctrl+L logs out."""

from __future__ import annotations

from decimal import Decimal

from textual import work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.money import format_rupiah
from gerai.core.phrases import ROLE
from gerai.core.quantity import format_quantity, parse_quantity
from gerai.core.timefmt import format_moment
from gerai.core.words import Permission
from gerai.services.cash.shifts import ShiftClose
from gerai.services.members.lookup import MemberInfo
from gerai.services.sale.buyers import Buyer
from gerai.services.sale.cart import Cart, ScanRequest, parse_scan
from gerai.services.sale.checkout import SaleResult
from gerai.services.stock.catalog import ProductInfo
from gerai.tui.base import GeraiScreen
from gerai.tui.permits import with_approval
from gerai.tui.screens.cash.bendahara import BendaharaScreen
from gerai.tui.screens.cash.shift import CashScreen, CloseShiftScreen, OpenShiftScreen
from gerai.tui.screens.sale.confirm import ConfirmDialog
from gerai.tui.screens.sale.held import HeldScreen
from gerai.tui.screens.sale.help import HelpScreen
from gerai.tui.screens.sale.manual import ask_manual
from gerai.tui.screens.sale.member import MemberScreen
from gerai.tui.screens.sale.payment import PaymentScreen
from gerai.tui.screens.sale.reprint import ReprintScreen
from gerai.tui.screens.sale.search import SearchScreen
from gerai.tui.screens.sale.void_retur import EntryDialog
from gerai.tui.status_line import StatusLine
from gerai.tui.styles import sheet
from gerai.tui.widgets.cart_table import CartTable
from gerai.tui.widgets.footer import Footer
from gerai.tui.widgets.scan_field import ScanField
from gerai.tui.widgets.totals import TotalsPanel

CASH_MOVED = {"in": "ui.status.cash_in", "out": "ui.status.cash_out"}


class KasirScreen(StatusLine, GeraiScreen[None]):
    """Selling at the counter."""

    CSS_PATH = sheet("kasir")
    # Below 110 columns the totals panel moves under the cart (the `-narrow` class), so that
    # at 80 columns the product name keeps at least 24 characters; below 30 rows it is compact.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    # The footer shows them in this order, the most used first; F1 lists every key, also the
    # few the footer has no room for at 120 columns.
    BINDINGS = [
        # Priority: the app runs them in the order of the keys, before the scan field sees
        # them, so what is typed right after the key goes into the dialog it opens
        # (`open_dialog`), not the scan field; and the scan typed before it counts first.
        Binding("f12", "pay", "ui.key.pay", priority=True),
        Binding("f2", "member", "ui.key.member", priority=True),
        Binding("ctrl+k", "buyer", "ui.key.buyer", priority=True),  # over Input's
        Binding("f1", "help", "ui.key.help", priority=True),
        Binding("f3", "products", "ui.key.products", priority=True),
        Binding("f8", "hold", "ui.key.hold", priority=True),
        Binding("ctrl+x", "clear_cart", "ui.key.clear_cart", priority=True),
        Binding("f9", "reprint", "ui.key.reprint", priority=True),
        Binding("f7", "corrections", "ui.key.corrections", priority=True),
        Binding("f5", "members", "ui.key.members", priority=True),
        Binding("f6", "cash", "ui.key.cash", priority=True),
        Binding("f10", "close_shift", "ui.key.close_shift", priority=True),
        Binding("f4", "report", "ui.key.report", priority=True),
        Binding("f11", "admin", "ui.key.admin", priority=True),
        Binding("ctrl+l", "logout", "ui.key.logout"),
        Binding("ctrl+d", "drawer", "ui.key.drawer", priority=True, show=False),  # over Input's
        Binding("ctrl+u", "print_jobs", "ui.key.print_jobs", priority=True, show=False),
        # manual prices and discounts (issue 14), over Input's keys
        Binding("ctrl+o", "manual_price", "ui.key.price_override", priority=True),
        Binding("ctrl+t", "manual_line", "ui.key.line_discount", priority=True),
        Binding("ctrl+g", "manual_sale", "ui.key.sale_discount", priority=True),
        # Enter ends the scan here, after the keys typed before it: a weighed product's weight
        # dialog is open before the next key is read (the weight typed at once lands there)
        Binding("enter,ctrl+j", "scan_entered", show=False, priority=True),
        Binding("plus", "step(1)", "ui.key.more", key_display="+", show=False),
        Binding("minus", "step(-1)", "ui.key.less", key_display="-", show=False),
        Binding("up", "move(-1)", "ui.key.up", show=False),
        Binding("down", "move(1)", "ui.key.down", show=False),
        Binding("escape", "clear_entry", "ui.key.clear", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.selected = 0
        self.stepped: tuple[int, Decimal] | None = None  # the line `-` stepped, its qty before

    @property
    def cart(self) -> Cart:
        """The cart being sold."""
        return self.till.cart

    def compose(self) -> ComposeResult:
        yield Label("", id="header")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield ScanField(placeholder=t("ui.scan.placeholder"), id="scan")
                yield CartTable(id="cart")
            yield TotalsPanel(id="totals")
        yield Label(t("ui.status.ready"), id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#scan", ScanField))  # now: keys typed at once go there
        self.refresh_header()
        self.set_interval(20, self.refresh_header)
        self.refresh_cart()
        self.ensure_shift()

    # --- the shift ----------------------------------------------------------------------------

    def ensure_shift(self) -> None:
        """No selling until a shift is open on this till: ask for the opening cash."""
        try:
            shift = self.till.current_shift()
        except GeraiError as error:
            self.fail(error)
            return
        if shift is None:
            self.app.push_screen(OpenShiftScreen(), self.opened)

    def opened(self, opening: object) -> None:
        """The shift is open."""
        if isinstance(opening, int):
            self.say(t("ui.status.opened", amount=format_rupiah(opening)))

    async def action_cash(self) -> None:
        """F6: cash in or out."""
        await self.caught_up()
        await self.open_dialog(CashScreen(), self.cash_moved)

    def cash_moved(self, moved: object) -> None:
        """Cash went in or out."""
        if isinstance(moved, tuple):
            kind, amount = moved
            self.say(t(CASH_MOVED[kind], amount=format_rupiah(amount)))

    async def action_close_shift(self) -> None:
        """F10: count the cash and close the shift (the cart must be empty)."""
        await self.caught_up()
        if self.cart.lines:
            self.fail(GeraiError("shift.cart_not_empty"))
            return
        await self.open_dialog(CloseShiftScreen(), self.closed)

    def closed(self, result: object) -> None:
        """The shift is closed: print the Z report, back the database up, then wait for the
        next shift."""
        if not isinstance(result, ShiftClose):
            return
        self.say(t("ui.status.closed", variance=format_rupiah(result.variance)))
        self.app.print_shift_report(result.shift_id)
        self.app.backup()
        self.ensure_shift()

    def refresh_header(self) -> None:
        """How many print jobs wait (Ctrl+U, first: it must show on a narrow screen); shop,
        till, kasir, date and time; how many products are low on stock."""
        till = self.till
        try:
            low = till.low_stock_count()
            pending, unsure = self.app.printer.waiting_jobs()
        except GeraiError:
            low, pending, unsure = 0, [], []
        waiting = len(pending) + len(unsure)
        actor = till.actor
        self.query_one("#header", Label).update(
            (t("ui.kasir.print_waiting", count=waiting) if waiting else "")
            + t("ui.header", shop=till.shop.name, till=till.till_id,
              cashier=t("ui.kasir.actor", name=actor.name, role=t(ROLE[actor.role])),
              now=format_moment(till.clock(), till.shop))
            + (t("ui.kasir.low_stock", count=low) if low else "")
        )  # fmt: skip

    def refresh_cart(self) -> None:
        """Redraw the cart table and the totals from the cart."""
        views = self.cart.view()
        self.selected = min(self.selected, max(len(views) - 1, 0))
        self.query_one(CartTable).show(views, self.selected)
        self.query_one(TotalsPanel).show_cart(self.cart.totals(views), self.cart.member)
        self.stepped = None

    # --- scanning ---------------------------------------------------------------------------

    async def action_scan_entered(self) -> None:
        """Enter in the scan field: the entry once every key typed before it is in."""
        field = self.query_one("#scan", ScanField)
        if self.focused is not field:
            raise SkipAction
        await self.caught_up()
        value, negative = field.take()
        if negative:
            self.take_back_step()
        if value.strip():
            await self.enter(value)

    async def on_scan_field_scanned(self, message: ScanField.Scanned) -> None:
        """A code (with an optional `qty*`) and Enter, pasted."""
        if message.value.strip():
            await self.enter(message.value)

    def on_scan_field_remove_line(self, _message: ScanField.RemoveLine) -> None:
        self.action_remove()

    def on_scan_field_step_line(self, message: ScanField.StepLine) -> None:
        self.action_step(message.step)

    def on_scan_field_step_taken_back(self, _message: ScanField.StepTakenBack) -> None:
        self.take_back_step()

    def take_back_step(self) -> None:
        """The `-` began a negative quantity: the line gets back what it had."""
        if self.stepped is not None:
            index, qty = self.stepped
            self.cart.set_quantity(index, qty)
            self.refresh_cart()

    async def enter(self, raw: str) -> None:
        """Add the product the entry names (a weighed one scanned without a quantity asks
        its weight), attach a scanned member card, or search; `N*` alone sets the quantity
        of the selected line."""
        entry = raw.strip()
        if entry.endswith("*") and entry.count("*") == 1 and len(entry) > 1:
            self.set_quantity(entry[:-1])
            return
        try:
            request = parse_scan(raw)
            product, member, matches = self.till.scan(request.code, request.explicit_qty)
        except GeraiError as error:
            self.fail(error)
            return
        if product is not None:
            await self.take(product, request)
        elif member is not None:
            self.attach(member)
        elif matches:

            async def picked(product: ProductInfo | None) -> None:
                if product is not None:
                    await self.take(product, request)

            await self.open_dialog(SearchScreen(request.code, matches), picked)
        else:
            self.fail(GeraiError("scan.unknown", code=request.code))

    async def take(self, product: ProductInfo, request: ScanRequest) -> None:
        """Add `product` as requested; a weighed one without a quantity asks its weight."""
        if request.explicit_qty or not product.sold_by_weight:
            self.add(product, request)
            return
        dialog = EntryDialog(
            t("ui.weight.title", name=product.name),
            [t("ui.weight.info", price=format_rupiah(self.cart.price_of(product)),
               unit=product.unit)],
            t("ui.weight.placeholder", unit=product.unit),
            t("ui.weight.hint"),
            lambda text: self.weighed(product, text),
        )  # fmt: skip
        await self.open_dialog(dialog, lambda line: None if line is None else self.added(product))

    def weighed(self, product: ProductInfo, text: str) -> int:
        """Add the weight typed in the weight dialog (the cart's rules apply); its line."""
        try:
            qty = parse_quantity(text)
        except ValueError as exc:
            raise GeraiError("scan.bad_qty", qty=text.strip()) from exc
        if qty <= 0:
            raise GeraiError("cart.qty_positive", qty=text.strip())
        self.selected = self.cart.add(product, qty)
        return self.selected

    def add(self, product: ProductInfo, request: ScanRequest) -> None:
        """Add the requested quantity of `product` and select its line."""
        try:
            self.selected = self.cart.add(product, request.qty)
        except GeraiError as error:
            self.fail(error)
            return
        self.added(product)

    def added(self, product: ProductInfo) -> None:
        """`product` is in the cart, its line selected."""
        self.refresh_cart()
        self.say(t("ui.status.added", name=product.name))

    # --- lines ------------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        """Select the line above or below."""
        if self.cart.lines:
            self.selected = max(0, min(len(self.cart.lines) - 1, self.selected + step))
            self.query_one(CartTable).move_cursor(row=self.selected, animate=False)

    def action_step(self, step: int) -> None:
        """One more or one less of the selected line."""
        before = self.cart.lines[self.selected].qty if self.cart.lines else None
        try:
            self.cart.step_quantity(self.selected, step)
        except GeraiError as error:
            self.fail(error)
            return
        self.refresh_cart()
        if step < 0 and before is not None:
            self.stepped = (self.selected, before)

    def set_quantity(self, text: str) -> None:
        """`N*` Enter: the selected line's quantity becomes N (the shop's rules apply)."""
        try:
            if not self.cart.lines:
                raise GeraiError("pay.empty_cart")
            try:
                qty = parse_quantity(text)
            except ValueError as exc:
                raise GeraiError("scan.bad_qty", qty=text.strip()) from exc
            self.cart.set_quantity(self.selected, qty)
        except GeraiError as error:
            self.fail(error)
            return
        self.refresh_cart()
        view = self.cart.view()[self.selected]
        self.say(
            t(
                "ui.status.qty_set",
                name=view.product.name,
                qty=format_quantity(view.qty, view.product.unit),
            )
        )

    def action_remove(self) -> None:
        """Remove the selected line."""
        try:
            line = self.cart.remove(self.selected)
        except GeraiError as error:
            self.fail(error)
            return
        self.refresh_cart()
        self.say(t("ui.status.removed", name=line.product.name))

    async def action_clear_cart(self) -> None:
        """Ctrl+X: empty the cart, once the kasir said yes."""
        await self.caught_up()
        if not self.cart.lines:
            self.fail(GeraiError("pay.empty_cart"))
            return
        totals = self.cart.totals()
        question = t(
            "ui.clear_cart.question", count=len(self.cart.lines), total=format_rupiah(totals.total)
        )
        await self.open_dialog(ConfirmDialog(t("ui.clear_cart.title"), question), self.clear_cart)

    def clear_cart(self, yes: bool | None) -> None:
        """Empty the cart (recorded) when the kasir said yes."""
        if not yes:
            return
        try:
            lines = self.till.clear_cart()
        except GeraiError as error:
            self.fail(error)
            return
        self.selected = 0
        self.refresh_cart()
        self.say(t("ui.status.cart_cleared", count=lines))

    def action_clear_entry(self) -> None:
        """Esc: empty the scan field."""
        self.query_one("#scan", ScanField).value = ""

    # --- member -----------------------------------------------------------------------------

    async def action_member(self) -> None:
        """F2: attach a member, or remove the one attached."""
        await self.caught_up()
        if self.cart.member is not None:
            self.cart.detach_member()
            self.refresh_cart()
            self.say(t("ui.status.member_removed"))
            return
        await self.open_dialog(MemberScreen(), self.attach_if_any)

    def attach_if_any(self, member: MemberInfo | None) -> None:
        """Attach the member picked in the dialog, if one was."""
        if member is not None:
            self.attach(member)

    def attach(self, member: MemberInfo) -> None:
        """Member prices apply to the whole cart at once."""
        try:
            self.cart.attach_member(member)
        except GeraiError as error:
            self.fail(error)
            return
        self.refresh_cart()
        self.say(t("ui.status.member_attached", number=member.number, name=member.name))

    async def action_buyer(self) -> None:
        """Ctrl+K: the buyer's KTP (NIK) for regulated goods."""
        from gerai.tui.screens.sale.buyer import BuyerDialog

        await self.caught_up()
        await self.open_dialog(BuyerDialog(), self.buyer_set)

    def buyer_set(self, buyer: Buyer | None) -> None:
        """Say whose NIK the sale's regulated goods are sold to (masked to a kasir)."""
        if buyer is not None:
            self.say(t("ui.status.buyer_set", nik=self.till.shown_nik(buyer.nik)))

    # --- hold and recall --------------------------------------------------------------------

    async def action_hold(self) -> None:
        """F8: hold this cart, or (with an empty cart) recall a held one."""
        await self.caught_up()
        try:
            if self.cart.lines:
                held = self.till.hold()
                self.refresh_cart()
                self.say(t("ui.status.held", label=held.label))
                return
            carts = self.till.held_carts()
        except GeraiError as error:
            self.fail(error)
            return
        if not carts:
            self.fail(GeraiError("held.none"))
            return
        await self.open_dialog(HeldScreen(carts, self.till.shop), self.recall)

    def recall(self, held_id: int | None) -> None:
        """Bring a held cart back."""
        if held_id is None:
            return
        try:
            self.till.recall(held_id)
        except GeraiError as error:
            self.fail(error)
            return
        self.selected = 0
        self.refresh_cart()
        self.say(t("ui.status.recalled"))

    # --- manual prices and discounts ---------------------------------------------------------

    async def action_manual_price(self) -> None:
        """Ctrl+O: the selected line's price set by hand."""
        await self.caught_up()
        await ask_manual(self, self.selected, price=True)

    async def action_manual_line(self) -> None:
        """Ctrl+T: a discount on the selected line."""
        await self.caught_up()
        await ask_manual(self, self.selected, price=False)

    async def action_manual_sale(self) -> None:
        """Ctrl+G: a discount on the whole sale."""
        await self.caught_up()
        await ask_manual(self, None, price=False)

    # --- pay --------------------------------------------------------------------------------

    async def action_pay(self) -> None:
        """F12: the payment dialog (for the cart with the scans typed before the key)."""
        await self.caught_up()
        if not self.cart.lines:
            self.fail(GeraiError("pay.empty_cart"))
            return
        await self.open_dialog(PaymentScreen(), self.paid)

    def paid(self, result: SaleResult | None) -> None:
        """The sale is committed (the till emptied the cart and queued the receipt): show the
        change and send the receipt. Without a sale, the cart shows the prices it was last
        priced at."""
        if result is None:
            self.refresh_cart()
            return
        self.selected = 0
        self.refresh_cart()
        self.query_one(TotalsPanel).show_change(result)
        self.say(t("ui.status.sold", receipt=result.receipt_no))
        self.app.send_waiting()

    # --- reprint ----------------------------------------------------------------------------

    async def action_reprint(self) -> None:
        """F9: print a past receipt again."""
        await self.caught_up()
        try:
            sales = self.till.recent_sales()
        except GeraiError as error:
            self.fail(error)
            return
        await self.open_dialog(ReprintScreen(sales, self.till.shop), self.reprint)

    def reprint(self, receipt_no: str | None) -> None:
        """Queue the reprint of `receipt_no`."""
        if receipt_no is not None:
            self.app.reprint_receipt(receipt_no)
            self.say(t("ui.status.reprinting", receipt=receipt_no))

    def action_print_jobs(self) -> None:
        """Ctrl+U: the print jobs waiting (or maybe printed already): print again or drop."""
        from gerai.tui.screens.sale.print_jobs import PrintJobsDialog

        self.app.push_screen(PrintJobsDialog(), lambda _: self.refresh_header())

    # --- void and retur ----------------------------------------------------------------------

    async def action_corrections(self) -> None:
        """F7: Batal / Retur."""
        from gerai.tui.screens.sale.void_retur import CorrectionsScreen  # off the start-up path

        await self.caught_up()
        await self.open_dialog(CorrectionsScreen(), lambda _: self.refresh_header())

    # --- report -----------------------------------------------------------------------------

    async def action_report(self) -> None:
        """F4: the bendahara's daily report (a kasir needs a supervisor's PIN)."""
        await self.caught_up()
        with_approval(
            self.app,
            Permission.REPORTS,
            lambda _: self.app.push_screen(BendaharaScreen()),
            self.fail,
        )

    # --- products and stock -----------------------------------------------------------------

    async def action_products(self) -> None:
        """F3: the products screen (Esc comes back here)."""
        from gerai.tui.screens.stock.products import ProductsScreen  # off the start-up path

        await self.caught_up()
        await self.open_dialog(ProductsScreen(), lambda _: self.refresh_header())

    # --- members ----------------------------------------------------------------------------

    async def action_members(self) -> None:
        """F5: the members screen (Esc comes back here; member settings apply to the cart)."""
        from gerai.tui.screens.members.register import MembersScreen  # off the start-up path

        await self.caught_up()
        await self.open_dialog(MembersScreen(), lambda _: self.refresh_cart())

    # --- the drawer, the admin menu, logging out -------------------------------------------

    def action_drawer(self) -> None:
        """Ctrl+D: open the cash drawer without a sale (always recorded)."""
        self.open_drawer()

    @work(thread=True, group="drawer", exclusive=True)
    def open_drawer(self) -> None:
        """Record the opening and kick the drawer, off the UI thread (the printer may stall)."""
        app = self.app
        try:
            kicked = self.till.open_drawer()
        except GeraiError as error:
            app.call_from_thread(self.fail, error)
            return
        app.call_from_thread(self.say, t("ui.status.drawer" if kicked else "ui.status.no_drawer"))

    async def action_admin(self) -> None:
        """F11: the admin menu (users, audit trail)."""
        from gerai.tui.screens.admin.menu import AdminMenu  # off the start-up path

        await self.caught_up()
        await self.open_dialog(AdminMenu(), self.admin_chosen)

    def admin_chosen(self, screen: str | None) -> None:
        """Open the chosen admin screen, with a supervisor's PIN when the actor needs one."""
        from gerai.tui.screens.admin.menu import open_admin_screen

        if screen is not None:
            open_admin_screen(self.app, screen, self.fail)

    def action_logout(self) -> None:
        """Ctrl+L: log out (or hand the till to another user); the cart must be empty."""
        if self.cart.lines:
            self.fail(GeraiError("auth.cart_not_empty"))
            return
        try:
            self.app.log_out()
        except GeraiError as error:
            self.fail(error)

    # --- help -------------------------------------------------------------------------------

    async def action_help(self) -> None:
        """F1: every key."""
        await self.open_dialog(HelpScreen())
