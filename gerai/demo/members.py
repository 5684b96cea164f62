"""The demo shop's members at the counter: each generated day, a few savings deposits (pokok
from members who have not paid it, wajib for one to three months, sukarela in and now and
then out) and kasbon repayments from members who owe, all through the demo kasir's `Till`.
It draws from its own random sequence, so the demo's sales stay as they were."""

from __future__ import annotations

import random
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from gerai.core.words import MemberPaymentKind, PaymentMethod
from gerai.services.members.lookup import MemberInfo

if TYPE_CHECKING:
    from gerai.demo.generate import DemoClock
    from gerai.till import Till

REPAY_CHANCE = 0.3  # a member who owes repays on a given day


def member_day(
    till: Till, clock: DemoClock, members: list[MemberInfo], day: date, seed: int
) -> int:
    """Take the day's member payments on `till` (its shift open); returns how many."""
    rng = random.Random(seed * 1_000_003 + day.toordinal())
    made = 0
    zone = till.shop.zone
    opened = clock.now

    def moment() -> datetime:
        return datetime.combine(day, time(rng.randint(7, 20), rng.randrange(60)), tzinfo=zone)

    def take(member: MemberInfo, kind: str, amount: int | None = None, months: int = 0) -> None:
        nonlocal made
        cash, qris, transfer = PaymentMethod.CASH, PaymentMethod.QRIS, PaymentMethod.TRANSFER
        method = rng.choice((cash, cash, cash, qris, transfer))
        method = cash if kind == MemberPaymentKind.SUKARELA_OUT else method
        clock.now = moment()
        till.take_savings(member.id, kind, amount, months, method, None)
        made += 1

    for member in rng.sample(members, min(len(members), 6)):
        balance = till.savings_balance(member.id)
        if not balance.pokok:
            take(member, MemberPaymentKind.POKOK)
        elif rng.random() < 0.5:
            take(member, MemberPaymentKind.WAJIB, months=rng.choice((1, 1, 2, 3)))
        elif balance.sukarela >= 50_000 and rng.random() < 0.3:
            take(member, MemberPaymentKind.SUKARELA_OUT, amount=rng.choice((20_000, 50_000)))
        else:
            take(
                member,
                MemberPaymentKind.SUKARELA,
                amount=rng.choice((10_000, 20_000, 25_000, 50_000, 100_000)),
            )
    for row in till.kasbon_list():
        if row.outstanding > 0 and rng.random() < REPAY_CHANCE:
            amount = row.outstanding if rng.random() < 0.6 else max(row.outstanding // 2, 1)
            clock.now = moment()
            till.repay_kasbon(row.member.id, amount, PaymentMethod.CASH, None)
            made += 1
    clock.now = opened
    return made
