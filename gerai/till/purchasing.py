"""The till's purchasing verbs (issue 17): purchase orders made by hand or from the reorder
suggestions, listed, shown, cancelled, and goods received against one."""

from __future__ import annotations

from collections.abc import Sequence

from gerai.core.words import OrderStatus
from gerai.services.shop.auth import Approval
from gerai.services.stock.purchase_orders import (
    OrderInfo,
    OrderLine,
    OrderSummary,
    cancel_order,
    create_order,
    list_orders,
    order_info,
    orders_from_suggestions,
    receivable_order,
    receive_against,
)
from gerai.services.stock.receiving import ReceiptResult, ReceiveLine, receive_goods
from gerai.services.stock.reorder import reorder_suggestions
from gerai.till.base import TillBase


class PurchasingVerbs(TillBase):
    """Purchase orders and receiving against them."""

    def create_order(
        self,
        supplier_id: int,
        lines: Sequence[OrderLine],
        note: str = "",
        approval: Approval | None = None,
    ) -> str:
        """A purchase order to a supplier; its number."""
        with self.database.write() as session:
            return create_order(
                session, supplier_id, lines, note=note, actor=self.actor, at=self.clock(),
                till=self.till_id, business_date=self.today(), approval=approval,
            )  # fmt: skip

    def orders_from_reorder(
        self,
        window_days: int,
        lead_days: int,
        safety_days: int,
        approval: Approval | None = None,
    ) -> list[str]:
        """One purchase order per supplier of what to order now (`gerai stock reorder`),
        suggested and written in one transaction; their numbers."""
        with self.database.write() as session:
            now = self.clock()
            found = reorder_suggestions(
                session, until=now, window_days=window_days, lead_days=lead_days,
                safety_days=safety_days,
            )  # fmt: skip
            return orders_from_suggestions(
                session, found, actor=self.actor, at=now, till=self.till_id,
                business_date=self.today(), approval=approval,
            )  # fmt: skip

    def orders(self, statuses: Sequence[OrderStatus] = ()) -> list[OrderSummary]:
        """The purchase orders, newest first."""
        with self.database.read() as session:
            return list_orders(session, statuses)

    def order(self, number: str) -> OrderInfo:
        """One purchase order with its lines and what was received of them."""
        with self.database.read() as session:
            return order_info(session, number)

    def receivable_order(self, number: str) -> OrderInfo:
        """An open or partly received purchase order, to receive goods against."""
        with self.database.read() as session:
            return receivable_order(session, number)

    def cancel_order(self, number: str, reason: str = "", approval: Approval | None = None) -> str:
        """Cancel an open or partly received purchase order."""
        with self.database.write() as session:
            return cancel_order(
                session, number, actor=self.actor, at=self.clock(), reason=reason,
                approval=approval,
            )  # fmt: skip

    def receive_order(
        self,
        number: str,
        reference: str,
        lines: list[ReceiveLine],
        approval: Approval | None,
        over_reason: str = "",
        past_expiry_ok: bool = False,
    ) -> tuple[ReceiptResult, OrderStatus]:
        """Receive goods against a purchase order, in one transaction: the goods receipt (of
        the order's supplier), linked to the order, whose status follows. More than ordered
        is refused without `over_reason`."""
        with self.database.write() as session:
            at = self.clock()
            supplier_id = receivable_order(session, number, lock=True).supplier_id
            result = receive_goods(
                session, supplier_id, reference, lines, actor=self.actor, at=at,
                approval=approval, past_expiry_ok=past_expiry_ok,
            )  # fmt: skip
            status = receive_against(
                session, number, result.id, over_reason=over_reason, actor=self.actor, at=at
            )
            return result, status
