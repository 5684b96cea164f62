"""What the goods on the shelves were worth at cost at a moment, from the stock ledger: each
product's quantity is the sum of its stock movements before the moment, valued at the HPP in
effect then (the moving-average cost after the last goods receipt before the moment; before
its first receipt, the cost that receipt started from; a product never received, its cost
now)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from sqlalchemy import BigInteger, func, select, type_coerce
from sqlmodel import Session

from gerai.core.money import round_rupiah
from gerai.core.quantity import SCALE
from gerai.models import GOODS_RECEIPT, GOODS_RECEIPT_LINE, PRODUCT, STOCK_MOVEMENT


def stock_value_at(session: Session, moment: datetime) -> int:
    """The stock at cost at `moment` (UTC), in Rupiah; each product's value rounded half up."""
    milli = type_coerce(STOCK_MOVEMENT.c.qty, BigInteger)  # integer thousandths, summed exactly
    held = {
        product_id: int(total)
        for product_id, total in session.execute(
            select(STOCK_MOVEMENT.c.product_id, func.sum(milli))
            .where(STOCK_MOVEMENT.c.created_at < moment)
            .group_by(STOCK_MOVEMENT.c.product_id)
        )
        if total
    }
    costs = costs_at(session, moment, held)
    return sum(round_rupiah(Decimal(qty) * costs[p] / SCALE) for p, qty in held.items())


def costs_at(session: Session, moment: datetime, product_ids: Iterable[int]) -> dict[int, int]:
    """The HPP of each product in effect at `moment` (see the module)."""
    wanted = set(product_ids)
    costs = {
        product_id: int(cost)
        for product_id, cost in session.execute(select(PRODUCT.c.id, PRODUCT.c.cost))
        if product_id in wanted
    }
    settled: set[int] = set()
    receipts = session.execute(
        select(
            GOODS_RECEIPT_LINE.c.product_id,
            GOODS_RECEIPT.c.created_at,
            GOODS_RECEIPT_LINE.c.cost_before,
            GOODS_RECEIPT_LINE.c.cost_after,
        )
        .join(GOODS_RECEIPT, GOODS_RECEIPT.c.id == GOODS_RECEIPT_LINE.c.receipt_id)
        .order_by(GOODS_RECEIPT.c.created_at.desc(), GOODS_RECEIPT_LINE.c.id.desc())
    ).all()
    for product_id, at, before, after in receipts:  # the newest first
        if product_id not in wanted or product_id in settled:
            continue
        if at < moment:  # the last receipt before the moment
            costs[product_id] = int(after)
            settled.add(product_id)
        else:  # a receipt after: the cost it started from (an earlier one may settle it)
            costs[product_id] = int(before)
    return costs
