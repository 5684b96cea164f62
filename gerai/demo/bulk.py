"""The demo kasir's sales of one generated day, written in bulk: the rows `checkout` writes
(sale, lines, payments, stock movements, audit record, receipt number), from the same pure
rules (the cart's prices, `settle`, the payment references) and the same services for the
receipt number, the stock and the audit record, but with the shop, the kasir's permission,
the open shift and the products read once a day instead of once a sale, and the lines and
payments of many sales sent as one statement. tests/test_demo_bulk.py proves a day made so
equal, row for row and digest for digest, to the same day sold through `Till.sell`.

For generated days only, inside the day's one transaction (`Till.batch`): nothing here is
a person's sale. The day's catalogue holds no regulated and no dated product (the demo's
has none; `DaySales` refuses them), and no manual price or discount is made."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from gerai.core.words import MovementKind, PaymentMethod, Permission
from gerai.models import PAYMENT, SALE, SALE_LINE
from gerai.services.audit.sale_digest import LineDetail, LineKey, record_sale
from gerai.services.cash.numbering import next_receipt_number
from gerai.services.cash.shifts import open_shift_id
from gerai.services.members.kasbon import available_credit, check_credit
from gerai.services.members.lookup import MemberInfo
from gerai.services.prepared import Prepared
from gerai.services.sale.cart import Cart, LineView
from gerai.services.sale.checkout import (
    Tender,
    check_references,
    payment_rows,
    sale_row,
    settle,
    written_lines,
)
from gerai.services.sale.quotas import regulations
from gerai.services.shop.auth import Actor, authorize
from gerai.services.shop.profile import load_shop
from gerai.services.stock.batches import dated_ids
from gerai.services.stock.catalog import get_products
from gerai.services.stock.ledger import Movement, move_stock

_INSERT_SALE = Prepared(SALE.insert().returning(SALE.c.id))
_INSERT_LINES = Prepared(SALE_LINE.insert())
_INSERT_PAYMENTS = Prepared(PAYMENT.insert())


@dataclass
class _Pending:
    """One sale paid, not yet written: its row, its lines and its payments."""

    sale: dict[str, Any]
    views: list[LineView]
    payments: tuple[tuple[str, int, int], ...]
    references: list[str | None]


class DaySales:
    """The day's sales of one till and kasir, held until `flush` writes them, in the order
    they were paid, in the caller's transaction. Flush before any other verb that writes an
    audit record or reads what the sales change (stock, kasbon), so the records keep their
    order."""

    def __init__(
        self, session: Session, till: str, actor: Actor, now: datetime, product_ids: list[int]
    ) -> None:
        """Read the shop, the kasir's permission to sell, the till's open shift and the
        products (`products`: as stored, what the day's carts hold; none of them regulated
        or dated, else ValueError)."""
        self.session = session
        self.till = till
        self.actor = actor
        self.shop = load_shop(session)
        authorize(session, actor, Permission.SELL, now=now)
        self.shift_id = open_shift_id(session, till)
        self.products = get_products(session, product_ids)
        if regulations(session, product_ids) or dated_ids(session, product_ids):
            raise ValueError("the demo's bulk sales take no regulated or dated product")
        self.pending: list[_Pending] = []

    def available_credit(self, member: MemberInfo) -> int:
        """What `member` may still take on kasbon, the held sales written first."""
        self.flush()
        return available_credit(self.session, member)

    def sell(self, cart: Cart, tenders: list[Tender], now: datetime) -> str:
        """Pay `cart` at `now` as `checkout` would (a kasbon part checked against the
        member's limit, the held sales written first) and empty it; its receipt number."""
        views = cart.view()
        for line in cart.lines:
            cart.check_quantity(line.product, line.qty)
        cart.check_manual(views)
        totals = cart.totals(views)
        shop = self.shop
        settlement = settle(totals.total, tenders, cart.member is not None, shop.cash_rounding)
        references = check_references(settlement, shop.payment_reference)
        if any(method == PaymentMethod.KASBON for method, _, _ in settlement.payments):
            self.flush()
            check_credit(self.session, cart.member, settlement.payments)
        business_date = shop.business_date(now)
        receipt_no = next_receipt_number(self.session, self.till, business_date)
        sale = sale_row(
            cart, totals, settlement, receipt_no=receipt_no, shift_id=self.shift_id,
            till=self.till, business_date=business_date, now=now, cashier=self.actor.name,
        )  # fmt: skip
        self.pending.append(_Pending(sale, views, settlement.payments, references))
        cart.clear()
        return receipt_no

    def flush(self) -> None:
        """Write the held sales: each sale's row, then every line and payment at once, then
        each sale's stock movements and audit record, in the order they were paid."""
        pending, self.pending = self.pending, []
        if not pending:
            return
        session = self.session
        ids = [_INSERT_SALE.scalar(session, sold.sale) for sold in pending]
        written = [
            written_lines(sale_id, sold.views, {})
            for sale_id, sold in zip(ids, pending, strict=True)
        ]
        _INSERT_LINES.many(session, [row for rows, _, _ in written for row in rows])
        payments = [
            row
            for sale_id, sold in zip(ids, pending, strict=True)
            for row in payment_rows(sale_id, sold.payments, sold.references)
        ]
        if payments:
            _INSERT_PAYMENTS.many(session, payments)
        for sale_id, sold, (_, keys, details) in zip(ids, pending, written, strict=True):
            _stock_and_record(session, sale_id, sold, keys, details, self.shop.allow_negative_stock)


def _stock_and_record(
    session: Session,
    sale_id: int,
    sold: _Pending,
    keys: list[LineKey],
    details: list[LineDetail],
    negative: bool,
) -> None:
    """A written sale's stock movements (the ledger's) and audit record (the trail's)."""
    sale = sold.sale
    move_stock(
        session,
        [Movement(v.product.id, -v.qty, MovementKind.SALE, ref=sale["receipt_no"],
                  sale_id=sale_id, fresh_from=sale["business_date"])
         for v in sold.views],
        at=sale["created_at"], allow_negative=negative, dated=(),
    )  # fmt: skip
    record_sale(session, sale, keys, sold.payments, details, references=sold.references)
