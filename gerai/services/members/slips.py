"""A stored member payment as a `MemberSlip` to lay out and print, with the balance right
after it: the savings of that kind, or for a kasbon repayment what is still owed."""

from __future__ import annotations

from sqlmodel import Session, col, select

from gerai.core.errors import GeraiError
from gerai.core.timefmt import format_moment
from gerai.core.words import MemberPaymentKind
from gerai.models import Member, MemberPayment
from gerai.services.members.kasbon import statement
from gerai.services.members.lookup import member_info
from gerai.services.members.savings import savings_balance
from gerai.services.shop.profile import ShopProfile
from receipts.member_slip import MemberSlip


def find_member_payment(session: Session, number: str) -> MemberPayment:
    """The member payment with this slip number; GeraiError when there is none."""
    payment = session.exec(
        select(MemberPayment).where(col(MemberPayment.number) == number.strip().upper())
    ).first()
    if payment is None:
        raise GeraiError("slip.not_found", number=number)
    return payment


def build_member_slip(
    session: Session, number: str, shop: ShopProfile, reprint: bool = False
) -> MemberSlip:
    """Everything the slip of payment `number` says."""
    payment = find_member_payment(session, number)
    member = session.get(Member, payment.member_id)
    assert member is not None and payment.id is not None
    if payment.kind == MemberPaymentKind.REPAYMENT:
        lines = statement(session, member_info(member), payment.business_date).lines
        balance = next(line.balance for line in lines if line.ref == payment.number)
    else:
        balance = savings_balance(session, payment.member_id, upto_id=payment.id).of(payment.kind)
    return MemberSlip(
        shop_name=shop.name,
        shop_address=shop.printed_address,
        shop_phone=shop.phone,
        number=payment.number,
        moment=format_moment(payment.created_at, shop),
        cashier=payment.created_by,
        member=f"{member.number} {member.name}",
        kind=payment.kind,
        amount=payment.amount,
        method=payment.method,
        balance=balance,
        months=payment.months,
        monthly=payment.amount // payment.months
        if payment.kind == MemberPaymentKind.WAJIB and payment.months
        else 0,
        note=payment.note,
        reprint=reprint,
    )


def recent_payments(session: Session, member_id: int, limit: int = 50) -> list[MemberPayment]:
    """The member's latest payments at the counter (savings in and out, repayments), newest
    first."""
    return list(
        session.exec(
            select(MemberPayment)
            .where(col(MemberPayment.member_id) == member_id)
            .order_by(col(MemberPayment.created_at).desc(), col(MemberPayment.id).desc())
            .limit(limit)
        )
    )
