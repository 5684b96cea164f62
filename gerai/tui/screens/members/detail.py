"""One member (Enter on the members screen): who they are, their savings by type, their kasbon
limit, what they owe and its age, and their latest payments at the counter. F2 takes a savings
payment or withdrawal, F3 a kasbon repayment (each prints its slip), F4 edits the member, F6
deactivates or reactivates them, F9 reprints the selected slip; Esc goes back."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Label

from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.money import format_number, format_rupiah
from gerai.core.phrases import MEMBER_PAYMENT_KIND, METHOD
from gerai.core.timefmt import format_date, format_moment
from gerai.core.words import MemberPaymentKind, Permission
from gerai.services.members.kasbon import KasbonStatement
from gerai.services.members.lookup import MemberInfo
from gerai.services.members.savings import SavingsBalance
from gerai.services.shop.auth import Approval
from gerai.tui.base import GeraiScreen
from gerai.tui.permits import with_approval
from gerai.tui.screens.members.common import SCREEN_CSS
from gerai.tui.screens.members.form import MemberDialog
from gerai.tui.screens.members.money import RepaymentDialog, SavingsDialog
from gerai.tui.screens.stock.common import fit_column
from gerai.tui.status_line import StatusLine

PAYMENTS_SHOWN = 50


COLUMN = {
    "time": "ui.member_detail.column.time",
    "number": "ui.member_detail.column.number",
    "kind": "ui.member_detail.column.kind",
    "method": "ui.member_detail.column.method",
}


class MemberDetailScreen(StatusLine, GeraiScreen[str | None]):
    """A member's savings, kasbon and payments; dismissed with what was done, if anything."""

    CSS_PATH: ClassVar[Any] = SCREEN_CSS
    status_selector = ".stock-status"
    BINDINGS = [
        Binding("escape", "back", "ui.key.back"),
        # the keys that open a dialog wait until it is mounted (type-ahead, issue 14)
        Binding("f2", "savings", "ui.key.savings", priority=True),
        Binding("f3", "repay", "ui.key.repay", priority=True),
        Binding("f4", "edit", "ui.key.edit_member", priority=True),
        Binding("f6", "toggle_active", "ui.key.toggle_active"),
        Binding("f9", "reprint", "ui.key.reprint"),
    ]

    def __init__(self, member_id: int) -> None:
        super().__init__()
        self.member_id = member_id
        self.member: MemberInfo | None = None
        self.numbers: list[str] = []
        self.done: str | None = None

    def compose(self) -> ComposeResult:
        yield Label("", id="member-header", classes="stock-header")
        yield Label("", id="member-info", classes="member-block")
        with Horizontal(id="member-panels"):
            yield Label("", id="member-savings", classes="member-panel")
            yield Label("", id="member-kasbon", classes="member-panel")
        yield Label(t("ui.member_detail.payments"), classes="stock-filters")
        yield DataTable(id="member-payments", cursor_type="row", zebra_stripes=True)
        yield Label(t("ui.member_detail.ready"), classes="stock-status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#member-payments", DataTable)
        for key, width in (("time", 22), ("number", 18), ("kind", 28), ("method", 10)):
            table.add_column(t(COLUMN[key]), width=width, key=key)
        table.add_column(
            Text(t("ui.member_detail.column.amount"), justify="right"), width=14, key="amount"
        )
        table.add_column("", key="note")
        self.refresh_member()
        table.focus()

    def on_resize(self) -> None:
        self.call_after_refresh(
            fit_column, self.query_one("#member-payments", DataTable), "note", 4
        )

    def refresh_member(self) -> None:
        """Read the member, their savings, kasbon and payments again and show them."""
        try:
            overview = self.till.member_overview(self.member_id, PAYMENTS_SHOWN)
        except GeraiError as error:
            self.fail(error)
            return
        member, balance, kasbon, payments = (
            overview.member,
            overview.balance,
            overview.kasbon,
            overview.payments,
        )
        self.member = member
        state = "" if member.active else f"  ({t('ui.member.inactive')})"
        self.query_one("#member-header", Label).update(
            t("ui.member_detail.header", number=member.number, name=member.name) + state
        )
        self.query_one("#member-info", Label).update(
            t(
                "ui.member_detail.info", phone=member.phone or "–", nik=member.nik or "–",
                address=member.address or "–",
                joined=format_date(member.join_date) if member.join_date else "–",
            )
        )  # fmt: skip
        self.query_one("#member-savings", Label).update(self.savings_text(balance))
        self.query_one("#member-kasbon", Label).update(self.kasbon_text(kasbon))
        table = self.query_one("#member-payments", DataTable)
        table.clear()
        self.numbers = []
        sign: dict[str, str] = {MemberPaymentKind.SUKARELA_OUT: "-"}
        for p in payments:
            table.add_row(
                format_moment(p.created_at, self.till.shop), p.number,
                t(MEMBER_PAYMENT_KIND[p.kind]), t(METHOD[p.method]),
                Text(sign.get(p.kind, "") + format_number(p.amount), justify="right"), p.note,
            )  # fmt: skip
            self.numbers.append(p.number)

    @staticmethod
    def savings_text(balance: SavingsBalance) -> str:
        """The savings panel."""
        return t(
            "ui.member_detail.savings", pokok=format_rupiah(balance.pokok),
            wajib=format_rupiah(balance.wajib), months=balance.wajib_months,
            sukarela=format_rupiah(balance.sukarela), total=format_rupiah(balance.total),
        )  # fmt: skip

    @staticmethod
    def kasbon_text(kasbon: KasbonStatement) -> str:
        """The kasbon panel."""
        if kasbon.limit <= 0 and not kasbon.outstanding:
            return t("ui.member_detail.kasbon_off")
        aging = kasbon.aging
        return t(
            "ui.member_detail.kasbon", limit=format_rupiah(kasbon.limit),
            owed=format_rupiah(kasbon.outstanding), available=format_rupiah(kasbon.available),
            d30=format_rupiah(aging.days_0_30), d60=format_rupiah(aging.days_31_60),
            over=format_rupiah(aging.over_60),
        )  # fmt: skip

    # --- actions ----------------------------------------------------------------------------

    def action_back(self) -> None:
        """Esc: back to the register."""
        self.dismiss(self.done)

    async def action_savings(self) -> None:
        """F2: a savings payment or withdrawal."""
        if self.member is not None:
            await self.open_dialog(SavingsDialog(self.member), self.paid)

    async def action_repay(self) -> None:
        """F3: a kasbon repayment."""
        if self.member is not None:
            await self.open_dialog(RepaymentDialog(self.member), self.paid)

    def paid(self, number: str | None) -> None:
        """A payment was taken (its slip queued with it): print and show the new balances."""
        if number is None:
            return
        self.app.send_waiting()
        self.done = t("ui.member_detail.paid", number=number)
        self.refresh_member()
        self.say(self.done)

    async def action_edit(self) -> None:
        """F4: edit the member."""
        await self.open_dialog(MemberDialog(self.member_id), self.edited)

    def edited(self, member_id: int | None) -> None:
        if member_id is not None:
            self.done = t("ui.members.saved")
            self.refresh_member()
            self.say(self.done)

    def action_toggle_active(self) -> None:
        """F6: deactivate the member, or reactivate them."""
        if self.member is not None:
            with_approval(self.app, Permission.MEMBERS, self.toggle_active, self.fail)

    def toggle_active(self, approval: Approval | None) -> None:
        assert self.member is not None
        active = not self.member.active
        try:
            self.till.set_member_active(self.member_id, active, approval)
        except GeraiError as error:
            self.fail(error)
            return
        self.done = t("ui.member_detail.reactivated" if active else "ui.member_detail.deactivated")
        self.refresh_member()
        self.say(self.done)

    def action_reprint(self) -> None:
        """F9: print the selected slip again (marked CETAK ULANG)."""
        table = self.query_one("#member-payments", DataTable)
        if not self.numbers:
            self.fail(GeraiError("members.no_payments"))
            return
        number = self.numbers[min(table.cursor_row, len(self.numbers) - 1)]
        self.app.print_member_slip(number, reprint=True)
        self.say(t("ui.status.reprinting", receipt=number))
