"""What the buku kas of a business day needs beyond the daily report (issue 15): each cash
box's balance before the day (a till's drawer: what stayed at its last close before the day,
the counted cash less the setoran; the kas bendahara: its balance), the setoran taken at each
of the day's closes, and the kas bendahara's lines of the day. The buku kas then carries one
running balance per box from one day to the next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session, col

from gerai.core.words import ShiftStatus
from gerai.models import Shift
from gerai.services.cash.kas import KasBook, kas_book, setoran_by_shift
from gerai.services.cash.shifts import cash_position
from gerai.services.reports.daily import DailySummary, daily_summary
from gerai.services.shop.profile import ShopProfile


@dataclass(frozen=True)
class CashBookDay:
    """A day's buku kas figures: `drawers` holds, for each till that had a shift before the
    day, the cash its drawer held when the day began; `setoran` the setoran of each of the
    day's shifts (by shift id) that recorded one; `kas` the kas bendahara's day."""

    summary: DailySummary
    drawers: dict[str, int]
    setoran: dict[int, int]
    kas: KasBook


def drawers_before(session: Session, day: date) -> dict[str, int]:
    """Each till's drawer as the day began: its last earlier shift's counted cash less the
    setoran taken at that close (an earlier shift still open: what it should hold now)."""
    last_ids = (
        select(func.max(col(Shift.id)))
        .where(col(Shift.business_date) < day)
        .group_by(col(Shift.till))
    )
    shifts = session.execute(select(Shift).where(col(Shift.id).in_(last_ids))).scalars().all()
    taken = setoran_by_shift(session, [s.id for s in shifts if s.id is not None])
    drawers = {}
    for shift in shifts:
        if shift.status == ShiftStatus.CLOSED:
            drawers[shift.till] = (shift.counted_cash or 0) - taken.get(shift.id or 0, 0)
        else:
            drawers[shift.till] = cash_position(session, shift).expected
    return drawers


def cashbook_day(session: Session, day: date, shop: ShopProfile) -> CashBookDay:
    """The buku kas figures of business day `day`."""
    summary = daily_summary(session, day, shop)
    return CashBookDay(
        summary=summary,
        drawers=drawers_before(session, day),
        setoran=setoran_by_shift(session, [s.id for s in summary.shifts]),
        kas=kas_book(session, day, day),
    )
