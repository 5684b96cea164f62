"""Paying for a cart: the tender rules, the gapless receipt number, and the one transaction
that writes the sale, its lines, its payments, its stock movements and its audit record."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.core.money import MAX_RUPIAH, format_rupiah
from gerai.core.phrases import METHOD, Phrase
from gerai.core.quantity import to_milli
from gerai.core.text import check_text
from gerai.core.words import MovementKind, PaymentMethod, Permission, ReferenceRule, SaleStatus
from gerai.models import PAYMENT, SALE, SALE_LINE
from gerai.services.audit.sale_digest import line_key, record_sale
from gerai.services.cash.numbering import next_receipt_number
from gerai.services.cash.shifts import open_shift_id
from gerai.services.members.kasbon import available_credit, check_credit
from gerai.services.sale.cart import Cart
from gerai.services.sale.quotas import check_quotas
from gerai.services.shop.auth import Actor, Approval, authorize
from gerai.services.shop.profile import ShopProfile
from gerai.services.stock.batches import expired_take, sell_expired_permit
from gerai.services.stock.ledger import Movement, move_stock


@dataclass(frozen=True)
class Tender:
    """One payment offered: a method and the amount handed over (None = exactly what is due)."""

    method: str
    amount: int | None = None
    reference: str | None = None  # a QRIS or transfer payment's reference (issue 17)


@dataclass(frozen=True)
class Settlement:
    """How a total is paid: the amount each tender covers, what was handed over, the change."""

    payments: tuple[tuple[str, int, int], ...]
    paid: int
    change: int
    # each payment's reference as typed (issue 17); not part of what a settlement equals
    references: tuple[str | None, ...] = field(default=(), compare=False)


def settle(total: int, tenders: list[Tender], is_member: bool) -> Settlement:
    """Apply `tenders` in order to `total`. Only cash may exceed what is due (the excess is
    the change); a tender below the total is refused; kasbon is for members only."""
    if not tenders:
        raise GeraiError("pay.no_tender")
    remaining = total
    payments: list[tuple[str, int, int]] = []
    references: list[str | None] = []
    change = 0
    for tender in tenders:
        if tender.method not in tuple(PaymentMethod):
            raise GeraiError("pay.bad_method", method=tender.method)
        if tender.method == PaymentMethod.KASBON and not is_member:
            raise GeraiError("pay.kasbon_member_only")
        handed = remaining if tender.amount is None else tender.amount
        if handed < 0:
            raise GeraiError("pay.negative")
        if handed > MAX_RUPIAH:
            raise GeraiError("pay.too_large", amount=format_rupiah(handed))
        applied = min(handed, remaining)
        if handed > remaining:
            if tender.method != PaymentMethod.CASH:
                raise GeraiError(
                    "pay.noncash_over", method=tender.method, due=format_rupiah(remaining)
                )
            change += handed - remaining
        if handed:
            payments.append((tender.method, applied, handed))
            references.append(tender.reference)
        remaining -= applied
    if remaining > 0:
        raise GeraiError(
            "pay.too_little", total=format_rupiah(total), short=format_rupiah(remaining)
        )
    return Settlement(
        tuple(payments), paid=sum(p[2] for p in payments), change=change,
        references=tuple(references),
    )  # fmt: skip


@dataclass(frozen=True)
class SaleResult:
    """A committed sale."""

    sale_id: int
    receipt_no: str
    total: int
    paid: int
    change: int
    member_discount: int
    kasbon: int = 0  # the part of the total taken on kasbon
    kasbon_left: int = 0  # what is left of the member's kasbon limit after this sale


def checkout(
    session: Session,
    cart: Cart,
    tenders: list[Tender],
    *,
    till: str,
    actor: Actor,
    shop: ShopProfile,
    now: datetime,
    batches: Mapping[int, int] | None = None,
    approval: Approval | None = None,
    expired_ok: bool = False,
) -> SaleResult:
    """Write the sale in the caller's transaction: sale, lines, payments, stock movements and
    the audit record. Whether stock may go negative is the shop's setting as stored now.
    Nothing is written when any rule refuses (the caller's transaction rolls back). A dated
    product is taken first-expiry-first, or from the batch scanned (`batches`: product id →
    batch id); taking expired goods is refused unless `expired_ok`, and then needs permission
    `sell_expired` (a supervisor's `approval` for a kasir)."""
    authorize(session, actor, Permission.SELL, now=now)
    if not cart.lines:
        raise GeraiError("pay.empty_cart")
    shift_id = open_shift_id(session, till)
    views = cart.view()
    for line in cart.lines:
        cart.check_quantity(line.product, line.qty)
    totals = cart.totals()
    settlement = settle(totals.total, tenders, cart.member is not None)
    references = check_references(settlement, shop.payment_reference)
    check_credit(session, cart.member, settlement.payments)
    business_date = shop.business_date(now)
    picked = check_batches(
        session, [(v.product.id, v.product.name, v.qty) for v in views], batches or {},
        business_date, actor=actor, now=now, approval=approval, expired_ok=expired_ok,
    )  # fmt: skip
    buyers = check_quotas(
        session,
        [(v.product.id, v.product.name, v.qty) for v in views],
        cart.buyer,
        business_date,
        member_nik=cart.member.nik if cart.member else None,
    )
    receipt_no = next_receipt_number(session, till, business_date)
    connection = session.connection()
    sale_id: int = connection.execute(
        SALE.insert().returning(SALE.c.id),
        sale := {
            "receipt_no": receipt_no,
            "shift_id": shift_id,
            "till": till,
            "business_date": business_date,
            "created_at": now,
            "member_id": cart.member.id if cart.member else None,
            "cashier": actor.name,
            "gross": totals.gross,
            "member_discount": totals.member_discount,
            "manual_discount": 0,
            "total": totals.total,
            "paid": settlement.paid,
            "change": settlement.change,
            "status": SaleStatus.COMPLETED,
        },
    ).scalar_one()
    connection.execute(
        SALE_LINE.insert(),
        [
            {
                "sale_id": sale_id,
                "line_no": number,
                "product_id": v.product.id,
                "code": v.product.code,
                "name": v.product.name,
                "category": v.product.category,
                "unit": v.product.unit,
                "qty": v.qty,
                "regular_price": v.regular_price,
                "unit_price": v.unit_price,
                "line_gross": v.gross,
                "line_total": v.amount,
                "cost": v.product.cost,
                "tax_category": v.product.tax_category,
                "buyer_nik": buyers[v.product.id].nik if v.product.id in buyers else None,
                "buyer_kk": buyers[v.product.id].kk if v.product.id in buyers else None,
                "buyer_category": (
                    buyers[v.product.id].category if v.product.id in buyers else None
                ),
            }
            for number, v in enumerate(views, start=1)
        ],
    )
    if settlement.payments:  # a sale of total 0 with nothing handed over has no payment rows
        connection.execute(
            PAYMENT.insert(),
            [
                {
                    "sale_id": sale_id,
                    "method": method,
                    "amount": amount,
                    "tendered": handed,
                    "reference": reference,
                }
                for (method, amount, handed), reference in zip(
                    settlement.payments, references, strict=True
                )
            ],
        )
    move_stock(
        session,
        [
            Movement(
                v.product.id,
                -v.qty,
                MovementKind.SALE,
                ref=receipt_no,
                sale_id=sale_id,
                fresh_from=business_date,
                batch_id=picked.get(v.product.id),
            )
            for v in views
        ],
        at=now,
        allow_negative=shop.allow_negative_stock,
    )
    record_sale(
        session,
        sale,
        [
            line_key(
                (v.product.id, to_milli(v.qty), v.unit_price, v.amount)
                + (
                    (
                        buyers[v.product.id].nik,
                        buyers[v.product.id].kk,
                        buyers[v.product.id].category,
                    )
                    if v.product.id in buyers
                    else (None, None, None)
                )
            )
            for v in views
        ],
        settlement.payments,
        [(v.product.cost, v.product.name) for v in views],
        references=references,
    )
    kasbon = sum(
        amount for method, amount, _ in settlement.payments if method == PaymentMethod.KASBON
    )
    return SaleResult(
        sale_id=sale_id,
        receipt_no=receipt_no,
        total=totals.total,
        paid=settlement.paid,
        change=settlement.change,
        member_discount=totals.member_discount,
        kasbon=kasbon,
        kasbon_left=available_credit(session, cart.member) if kasbon and cart.member else 0,
    )


def check_batches(
    session: Session,
    lines: list[tuple[int, str, Decimal]],
    batches: Mapping[int, int],
    today: date,
    *,
    actor: Actor,
    now: datetime,
    approval: Approval | None,
    expired_ok: bool,
) -> dict[int, int]:
    """The batch scanned for each dated line (product id → batch id), after the expiry rule:
    a sale that would take expired goods (`today` past their date) is refused (GeraiError
    `sale.expired` naming the first product) unless `expired_ok`, and then needs permission
    `sell_expired` (the actor's role, or a supervisor's `approval`)."""
    picked = {pid: batches[pid] for pid, _, _ in lines if pid in batches}
    expired = [
        name
        for pid, name, qty in lines
        if expired_take(session, pid, qty, today, picked.get(pid)) > 0
    ]
    if expired:
        if not expired_ok:
            raise GeraiError("sale.expired", name=expired[0])
        sell_expired_permit(session, actor, now=now, approval=approval)
    return picked


REFERENCE_MAX = 40
REFERENCED = (PaymentMethod.QRIS, PaymentMethod.TRANSFER)


def payment_reference(method: str, value: str | None, rule: str) -> str | None:
    """A QRIS or transfer payment's reference as stored (issue 17): trimmed, None when empty
    or when the shop does not ask it (`rule` off) or the method has none; refused with spaces
    inside, longer than 40 characters, or missing when the shop requires it."""
    if method not in REFERENCED or rule == ReferenceRule.OFF:
        return None
    text = check_text((value or "").strip())
    if not text:
        if rule == ReferenceRule.REQUIRED:
            raise GeraiError("pay.reference_required", method=Phrase(METHOD[method]))
        return None
    if any(ch.isspace() for ch in text):
        raise GeraiError("pay.reference_spaces", reference=text)
    if len(text) > REFERENCE_MAX:
        raise GeraiError("pay.reference_too_long", limit=REFERENCE_MAX)
    return text


def check_references(settlement: Settlement, rule: str) -> list[str | None]:
    """Each payment's reference as stored, in payment order (see `payment_reference`)."""
    given = settlement.references or (None,) * len(settlement.payments)
    return [
        payment_reference(method, reference, rule)
        for (method, _, _), reference in zip(settlement.payments, given, strict=True)
    ]
