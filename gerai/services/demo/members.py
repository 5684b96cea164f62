"""The demo shop's members at the counter: each generated day, a few savings deposits (pokok
from members who have not paid it, wajib for one to three months, sukarela in and now and
then out) and kasbon repayments from members who owe, all through the real services. It
draws from its own random sequence, so the demo's sales stay as they were."""

from __future__ import annotations

import random
from datetime import date, datetime, time

from sqlmodel import Session

from gerai.core.words import MemberPaymentKind, PaymentMethod
from gerai.services.members.kasbon import kasbon_list, repay
from gerai.services.members.lookup import MemberInfo
from gerai.services.members.savings import savings_balance, take_savings
from gerai.services.shop.auth import Actor
from gerai.services.shop.profile import ShopProfile

REPAY_CHANCE = 0.3  # a member who owes repays on a given day


def member_day(
    session: Session,
    members: list[MemberInfo],
    shop: ShopProfile,
    till: str,
    actor: Actor,
    day: date,
    seed: int,
) -> int:
    """Take the day's member payments on `till` (its shift open); returns how many."""
    rng = random.Random(seed * 1_000_003 + day.toordinal())
    made = 0

    def moment() -> datetime:
        return datetime.combine(day, time(rng.randint(7, 20), rng.randrange(60)), tzinfo=shop.zone)

    def take(member: MemberInfo, kind: str, amount: int | None = None, months: int = 0) -> None:
        nonlocal made
        cash, qris, transfer = PaymentMethod.CASH, PaymentMethod.QRIS, PaymentMethod.TRANSFER
        method = rng.choice((cash, cash, cash, qris, transfer))
        take_savings(
            session, actor, member.id, kind, till=till, now=moment(), shop=shop,
            method=cash if kind == MemberPaymentKind.SUKARELA_OUT else method, amount=amount,
            months=months,
        )  # fmt: skip
        made += 1

    for member in rng.sample(members, min(len(members), 6)):
        balance = savings_balance(session, member.id)
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
    for row in kasbon_list(session, day):
        if row.outstanding > 0 and rng.random() < REPAY_CHANCE:
            amount = row.outstanding if rng.random() < 0.6 else max(row.outstanding // 2, 1)
            repay(session, actor, row.member.id, amount, till=till, now=moment(), shop=shop)
            made += 1
    return made
