"""Void (batal): cancel a whole completed sale of the shift still open on its till, with a reason
and the `void` permission (a kasir needs a bendahara's or admin's PIN). The sale keeps its
receipt number and is marked void, so it still appears, marked, wherever receipts are listed,
and drops out of the sales figures and of the expected cash; a `SaleVoid` row says why and who
approved; every line's stock comes back as a `void` movement; an audit record (kind `void`)
is written in the same transaction. A sale of a closed shift, or one with returns already
made, is corrected by a retur instead."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlmodel import Session, col

from gerai.core.errors import GeraiError
from gerai.core.quantity import format_quantity
from gerai.core.timefmt import format_moment
from gerai.core.words import AuditKind, MovementKind, PaymentMethod, Permission, SaleStatus
from gerai.models import SALE_VOID, Member, Payment, Sale, SaleLine, SaleReturn, SaleVoid
from gerai.services.audit import trail as audit
from gerai.services.audit.seals import seal
from gerai.services.cash.shifts import current_shift
from gerai.services.sale.corrections import sale_for_correction
from gerai.services.sale.receipts import find_sale
from gerai.services.shop.auth import Actor, Approval, authorize
from gerai.services.shop.profile import ShopProfile
from gerai.services.stock.inventory import reason as required_reason
from gerai.services.stock.ledger import Movement, move_stock
from receipts.void_slip import VoidSlip, VoidSlipItem


@dataclass(frozen=True)
class VoidResult:
    """A sale voided."""

    receipt_no: str
    total: int
    approved_by: str
    kasbon: int = 0  # of the total, what was member credit: the debt goes, no money back
    # the money to hand back, per method in the order it was paid: (method, amount); cash comes
    # from the drawer, QRIS or a transfer goes back the way it came (never all as cash)
    refunds: tuple[tuple[PaymentMethod, int], ...] = ()


def check_void(session: Session, receipt_no: str, till: str) -> Sale:
    """The sale `receipt_no` if it may be voided on `till`; otherwise why not: unknown, already
    void, made on another till (its cash went into that drawer), of a shift that is closed,
    or with returns already made."""
    sale = sale_for_correction(session, receipt_no)
    number = sale.receipt_no
    if sale.status == SaleStatus.VOID:
        raise GeraiError("void.already", number=number)
    if sale.till != till:
        raise GeraiError("void.other_till", number=number, till=sale.till)
    shift = current_shift(session, sale.till)
    if shift is None or sale.shift_id != shift.id:
        raise GeraiError("void.shift_closed", number=number)
    returns = session.execute(
        select(col(SaleReturn.number)).where(col(SaleReturn.sale_id) == sale.id)
    ).scalars()
    made = sorted(returns)
    if made:
        raise GeraiError("void.has_returns", number=number, returns=", ".join(made))
    return sale


def void_sale(
    session: Session,
    actor: Actor,
    receipt_no: str,
    reason: str,
    *,
    approval: Approval | None,
    now: datetime,
    till: str,
) -> VoidResult:
    """Void the sale `receipt_no` in the caller's transaction (see the module's rules). Nothing
    is written when anything is refused; a refused permission or a wrong PIN is audited."""
    sale = check_void(session, receipt_no, till)
    why = required_reason(reason, "void.reason_required")
    approved_by = authorize(session, actor, Permission.VOID, now=now, approval=approval)
    assert sale.id is not None and sale.shift_id is not None
    session.execute(update(Sale).where(col(Sale.id) == sale.id).values(status=SaleStatus.VOID))
    void = SaleVoid(
        sale_id=sale.id,
        shift_id=sale.shift_id,
        created_at=now,
        created_by=actor.name,
        approved_by=approved_by,
        reason=why,
    )
    session.add(void)
    session.flush()
    seal(session, SALE_VOID, [void.id], actor=actor.name, at=now)
    lines = session.execute(
        select(col(SaleLine.product_id), col(SaleLine.qty))
        .where(col(SaleLine.sale_id) == sale.id)
        .order_by(col(SaleLine.line_no))
    ).all()
    move_stock(
        session,
        [
            Movement(
                product_id, qty, MovementKind.VOID, ref=sale.receipt_no, note=why, sale_id=sale.id
            )
            for product_id, qty in lines
        ],
        at=now,
    )
    audit.record(
        session,
        kind=AuditKind.VOID,
        actor=actor.name,
        at=now,
        ref=sale.receipt_no,
        detail={"reason": why, "approved_by": approved_by, "total": sale.total, "till": sale.till},
    )
    kasbon, refunds = paid_back(session, sale.id)
    return VoidResult(sale.receipt_no, sale.total, approved_by, kasbon, refunds)


def paid_back(session: Session, sale_id: int) -> tuple[int, tuple[tuple[PaymentMethod, int], ...]]:
    """What voiding sale `sale_id` gives back: the kasbon struck off, and the money per method
    in the order it was paid (cash from the drawer, QRIS or a transfer the way it came)."""
    paid = session.execute(
        select(col(Payment.method), col(Payment.amount))
        .where(col(Payment.sale_id) == sale_id)
        .order_by(col(Payment.id))
    ).all()
    by_method: dict[PaymentMethod, int] = {}
    for method, amount in paid:
        by_method[PaymentMethod(method)] = by_method.get(PaymentMethod(method), 0) + amount
    kasbon = by_method.pop(PaymentMethod.KASBON, 0)
    return kasbon, tuple((method, amount) for method, amount in by_method.items() if amount)


def build_void_slip(
    session: Session, receipt_no: str, shop: ShopProfile, reprint: bool = False
) -> VoidSlip:
    """Everything the void slip of the voided sale `receipt_no` says."""
    sale = find_sale(session, receipt_no)
    void = session.execute(select(SaleVoid).where(col(SaleVoid.sale_id) == sale.id)).scalar()
    if void is None:
        raise GeraiError("voidslip.not_void", number=sale.receipt_no)
    assert sale.id is not None
    member = session.get(Member, sale.member_id) if sale.member_id else None
    lines = session.execute(
        select(SaleLine).where(col(SaleLine.sale_id) == sale.id).order_by(col(SaleLine.line_no))
    ).scalars()
    kasbon, refunds = paid_back(session, sale.id)
    return VoidSlip(
        shop_name=shop.name,
        shop_address=shop.printed_address,
        shop_phone=shop.phone,
        receipt_no=sale.receipt_no,
        moment=format_moment(void.created_at, shop),
        sale_moment=format_moment(sale.created_at, shop),
        voided_by=void.created_by,
        approved_by=void.approved_by,
        items=tuple(
            VoidSlipItem(
                line.name,
                format_quantity(line.qty, line.unit),
                line.line_total - line.discount_share,
            )
            for line in lines
        ),
        rounding=sale.rounding,
        total=sale.total,
        refunds=refunds,
        kasbon=kasbon,
        reason=void.reason,
        member=f"{member.number} {member.name}" if member else None,
        reprint=reprint,
    )
