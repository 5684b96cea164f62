"""The till's cash verbs: open and close the shift, cash in and out, the drawer opened
without a sale, and the day's report."""

from __future__ import annotations

from datetime import date

from gerai.models import KasEntry, Shift
from gerai.services.cash.kas import (
    Carried,
    KasBook,
    carried_cash,
    deposit_to_bank,
    kas_book,
    record_expense,
)
from gerai.services.cash.shifts import (
    CashPosition,
    ShiftClose,
    cash_position,
    close_shift,
    current_shift,
    move_cash,
    open_shift,
    require_open_shift,
)
from gerai.services.reports.cashbook import CashBookDay, cashbook_day
from gerai.services.reports.daily import DailySummary, daily_summary
from gerai.services.sale.receipts import SaleSummary, sales_of_day
from gerai.services.shop.auth import Approval
from gerai.services.stock.decrees import apply_due_prices
from gerai.till.base import TillBase


class CashVerbs(TillBase):
    """The drawer and the shift of this till."""

    def current_shift(self) -> Shift | None:
        """This till's open shift, if any."""
        with self.database.read() as session:
            return current_shift(session, self.till_id)

    def open_shift(self, opening_cash: int) -> Shift:
        """Open a shift with `opening_cash` in the drawer; the price decrees whose day has
        come are applied first (the start of the business day)."""
        with self.database.write() as session:
            now = self.clock()
            apply_due_prices(session, self.today(), actor=self.actor.name, at=now)
            return open_shift(session, self.till_id, self.actor, opening_cash, now, self.shop)

    def move_cash(self, kind: str, amount: int, reason: str) -> None:
        """Put cash into (`in`) or take it out of (`out`) the drawer, with a reason."""
        with self.database.write() as session:
            move_cash(session, self.till_id, kind, amount, reason, self.actor, self.clock())

    def cash_position(self) -> tuple[Shift, CashPosition]:
        """The open shift and the cash the drawer should hold."""
        with self.database.read() as session:
            shift = require_open_shift(session, self.till_id)
            return shift, cash_position(session, shift)

    def close_shift(
        self,
        shift_id: int,
        counts: dict[int, int],
        reason: str,
        approval: Approval | None,
        setoran: int | None = None,
    ) -> ShiftClose:
        """Close the shift with the counted cash (a bendahara confirms unless the actor is
        one), taking `setoran` from the drawer into the kas bendahara."""
        with self.database.write() as session:
            return close_shift(
                session, shift_id, counts, reason, self.actor, self.clock(),
                approval=approval, setoran=setoran,
            )  # fmt: skip

    def carried_cash(self) -> Carried | None:
        """What stayed in this till's drawer at its last close (the next opening cash)."""
        with self.database.read() as session:
            return carried_cash(session, self.till_id)

    def kas_book(self, first: date, last: date) -> KasBook:
        """The kas bendahara's lines of `first`..`last` with the balance before and after."""
        with self.database.read() as session:
            return kas_book(session, first, last)

    def deposit_to_bank(self, amount: int, note: str, approval: Approval | None = None) -> KasEntry:
        """Cash from the kas bendahara deposited at the bank."""
        with self.database.write() as session:
            return deposit_to_bank(
                session, amount, note, self.actor, self.clock(), self.shop, approval
            )

    def record_expense(
        self, amount: int, category: str, note: str, approval: Approval | None = None
    ) -> KasEntry:
        """An expense of the gerai paid from the kas bendahara."""
        with self.database.write() as session:
            return record_expense(
                session, amount, category, note, self.actor, self.clock(), self.shop, approval
            )

    def open_drawer(self) -> bool:
        """Open the drawer without a sale (always recorded); False when there is none to
        kick."""
        return self.printer.open_drawer(self.actor)

    def daily_summary(self, day: date) -> DailySummary:
        """The report of a business day."""
        with self.database.read() as session:
            return daily_summary(session, day, self.shop)

    def cashbook_day(self, day: date) -> CashBookDay:
        """The buku kas figures of a business day (each cash box's balance carried)."""
        with self.database.read() as session:
            return cashbook_day(session, day, self.shop)

    def day_report(self, day: date) -> tuple[DailySummary, list[SaleSummary]]:
        """The report of a business day and its sales."""
        with self.database.read() as session:
            return daily_summary(session, day, self.shop), sales_of_day(session, day)
