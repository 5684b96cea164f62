"""Paying for a cart: the tender rules, the gapless receipt number, and the one transaction
that writes the sale, its lines, its payments, its stock movements and its audit record."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import uuid4

from sqlalchemy import bindparam, func, select
from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.core.money import MAX_RUPIAH, format_rupiah, round_cash
from gerai.core.phrases import METHOD, Phrase
from gerai.core.quantity import to_milli
from gerai.core.text import check_text
from gerai.core.words import MovementKind, PaymentMethod, Permission, ReferenceRule, SaleStatus
from gerai.models import PAYMENT, SALE, SALE_LINE
from gerai.services.audit.sale_digest import LineDetail, LineKey, line_key, record_sale
from gerai.services.cash.numbering import next_receipt_number
from gerai.services.cash.shifts import open_shift_id
from gerai.services.members.kasbon import available_credit, check_credit
from gerai.services.prepared import Prepared
from gerai.services.sale.buyers import Buyer
from gerai.services.sale.cart import Cart, CartTotals, LineView
from gerai.services.sale.manual import check_approvals, spend_approvals
from gerai.services.sale.quotas import check_quotas, stored_for_sale
from gerai.services.sale.reprice import take_stored_rules
from gerai.services.shop.auth import Actor, Approval, authorize
from gerai.services.shop.profile import ShopProfile, load_shop
from gerai.services.stock.batches import (
    expired_take,
    record_expired_sale,
    sell_expired_permit,
)
from gerai.services.stock.ledger import Movement, move_stock

_METHODS = frozenset(PaymentMethod)


@dataclass(frozen=True)
class Tender:
    """One payment offered: a method and the amount handed over (None = exactly what is due)."""

    method: str
    amount: int | None = None
    reference: str | None = None  # a QRIS or transfer payment's reference (issue 17)


@dataclass(frozen=True)
class Settlement:
    """How a total is paid: the amount each tender covers, what was handed over, the change,
    and the cash rounding (signed) added to the total (payments = total + rounding)."""

    payments: tuple[tuple[str, int, int], ...]
    paid: int
    change: int
    rounding: int = 0
    # each payment's reference as typed (issue 17); not part of what a settlement equals
    references: tuple[str | None, ...] = field(default=(), compare=False)


def settle(
    total: int, tenders: list[Tender], is_member: bool, rounding_unit: int = 0
) -> Settlement:
    """Apply `tenders` in order to `total`. Only cash may exceed what is due (the excess is
    the change); a tender below the total is refused; kasbon is for members only. With a
    `rounding_unit` (the shop's pembulatan, Rp100 or Rp500), the cash tender that pays the
    rest pays it rounded (`round_cash`): the rest is due in cash, rounded, when the cash
    handed over (or uang pas, no amount) reaches the rest or its rounding; the difference
    is the settlement's `rounding`. A cash part that leaves a rest to another method is
    not rounded."""
    if not tenders:
        raise GeraiError("pay.no_tender")
    remaining = total
    payments: list[tuple[str, int, int]] = []
    references: list[str | None] = []
    change = rounding = 0
    rounded = not rounding_unit
    for tender in tenders:
        if tender.method not in _METHODS:
            raise GeraiError("pay.bad_method", method=tender.method)
        if tender.method == PaymentMethod.KASBON and not is_member:
            raise GeraiError("pay.kasbon_member_only")
        if tender.method == PaymentMethod.CASH and remaining and not rounded:
            due = round_cash(remaining, rounding_unit)
            if tender.amount is None or tender.amount >= min(due, remaining):
                rounding, remaining, rounded = due - remaining, due, True
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
            "pay.too_little", total=format_rupiah(total + rounding), short=format_rupiah(remaining)
        )
    return Settlement(
        tuple(payments), paid=sum(p[2] for p in payments), change=change, rounding=rounding,
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
    manual_discount: int = 0  # the lines' and the sale's manual discounts
    rounding: int = 0  # the cash rounding in `total`
    replayed: bool = False  # the cart's token named a sale already stored (a lost COMMIT)
    # the shop's settings as the commit read them (None for a replayed sale), for the till
    shop: ShopProfile | None = field(default=None, compare=False, repr=False)


# compiled once, run on the driver: the sale commit runs them on its hot path
_BY_TOKEN = Prepared(select(
    SALE.c.id, SALE.c.receipt_no, SALE.c.total, SALE.c.paid, SALE.c.change,
    SALE.c.member_discount, SALE.c.manual_discount, SALE.c.rounding,
).where(SALE.c.token == bindparam("token")))  # fmt: skip
_KASBON_OF = Prepared(
    select(func.coalesce(func.sum(PAYMENT.c.amount), 0)).where(
        PAYMENT.c.sale_id == bindparam("sale"), PAYMENT.c.method == PaymentMethod.KASBON
    )
)
_INSERT_SALE = Prepared(SALE.insert().returning(SALE.c.id))
_INSERT_LINES = Prepared(SALE_LINE.insert())
_INSERT_PAYMENTS = Prepared(PAYMENT.insert())


def stored_sale(session: Session, token: str) -> SaleResult | None:
    """The sale already stored under a cart's token (its COMMIT went through though the till
    never heard so), as the result the till would have had; None when there is none."""
    row = _BY_TOKEN.first(session, {"token": token})
    if row is None:
        return None
    sale_id, receipt_no, total, paid, change, member_discount, manual_discount, rounding = row
    return SaleResult(
        sale_id=sale_id,
        receipt_no=receipt_no,
        total=total,
        paid=paid,
        change=change,
        member_discount=member_discount,
        kasbon=int(_KASBON_OF.scalar(session, {"sale": sale_id})),
        replayed=True,
        manual_discount=manual_discount,
        rounding=rounding,
    )


def checkout(
    session: Session,
    cart: Cart,
    tenders: list[Tender],
    *,
    till: str,
    actor: Actor,
    now: datetime,
    batches: Mapping[int, int] | None = None,
    approval: Approval | None = None,
    expired_ok: bool = False,
) -> SaleResult:
    """Write the sale in the caller's transaction: sale, lines, payments, stock movements and
    the audit record. A cart whose token names a stored sale is that sale (`replayed`):
    nothing is written again. The rules are read here, whatever the cart's objects say: every
    line's price, member price, category discount, limit, HET and stock, and the shop's member
    discount, stock policy and day; a price changed since the cart was scanned is refused
    (`cart.price_changed`: the kasir confirms and the cart is re-priced). Nothing is written
    when any rule refuses (the caller's transaction rolls back). A dated product is taken
    first-expiry-first, or from the batch scanned (`batches`: product id -> batch id); taking
    expired goods is refused unless `expired_ok`, and then needs permission `sell_expired` (a
    supervisor's `approval` for a kasir), whose name is recorded with the sale."""
    authorize(session, actor, Permission.SELL, now=now)
    replayed = stored_sale(session, cart.token)
    if replayed is not None:
        if cart.lines and replayed.total - replayed.rounding != cart.totals().total:
            cart.token = str(uuid4())  # the cart changed since: paid again, it is a new sale
            raise GeraiError(
                "pay.stored_before",
                receipt=replayed.receipt_no,
                total=format_rupiah(replayed.total),
            )
        if replayed.kasbon and cart.member is not None:
            return replace(replayed, kasbon_left=available_credit(session, cart.member))
        return replayed
    if not cart.lines:
        raise GeraiError("pay.empty_cart")
    shop = load_shop(session)
    stored, dated, regulated = stored_for_sale(session, [line.product.id for line in cart.lines])
    take_stored_rules(cart, shop, stored)
    shift_id = open_shift_id(session, till)
    views = cart.view()
    for line in cart.lines:
        cart.check_quantity(line.product, line.qty)
    approvals = check_approvals(session, cart, actor, till)
    cart.check_manual(views)
    totals = cart.totals(views)
    settlement = settle(totals.total, tenders, cart.member is not None, shop.cash_rounding)
    total = totals.total + settlement.rounding
    references = check_references(settlement, shop.payment_reference)
    check_credit(session, cart.member, settlement.payments)
    business_date = shop.business_date(now)
    held = [(v.product.id, v.product.name, v.qty) for v in views]
    picked, expired = check_batches(
        session, held, batches or {}, business_date, dated, actor=actor, now=now,
        approval=approval, expired_ok=expired_ok,
    )  # fmt: skip
    buyers = check_quotas(
        session,
        held,
        cart.buyer,
        business_date,
        member_nik=cart.member.nik if cart.member else None,
        regulated=regulated,
    )
    receipt_no = next_receipt_number(session, till, business_date)
    sale = sale_row(
        cart, totals, settlement, receipt_no=receipt_no, shift_id=shift_id, till=till,
        business_date=business_date, now=now, cashier=actor.name,
    )  # fmt: skip
    sale_id: int = _INSERT_SALE.scalar(session, sale)
    lines, keys, details = written_lines(sale_id, views, buyers)
    _INSERT_LINES.many(session, lines)
    if settlement.payments:  # a sale of total 0 with nothing handed over has no payment rows
        _INSERT_PAYMENTS.many(session, payment_rows(sale_id, settlement.payments, references))
    if expired is not None:
        record_expired_sale(
            session, expired.approver, expired.taken, receipt=receipt_no, till=till,
            kasir=actor.name, at=now,
        )  # fmt: skip
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
        dated=dated,
    )
    record_sale(
        session,
        sale,
        keys,
        settlement.payments,
        details,
        references=references,
        expired_by=expired.approver if expired is not None else None,
    )
    spend_approvals(session, approvals, actor, receipt_no=receipt_no, now=now)
    kasbon = sum(
        amount for method, amount, _ in settlement.payments if method == PaymentMethod.KASBON
    )
    return SaleResult(
        sale_id=sale_id,
        receipt_no=receipt_no,
        total=total,
        paid=settlement.paid,
        change=settlement.change,
        member_discount=totals.member_discount,
        manual_discount=totals.manual_discount,
        rounding=settlement.rounding,
        kasbon=kasbon,
        kasbon_left=available_credit(session, cart.member) if kasbon and cart.member else 0,
        shop=shop,
    )


_NO_BUYER = (None, None, None)


def sale_row(
    cart: Cart,
    totals: CartTotals,
    settlement: Settlement,
    *,
    receipt_no: str,
    shift_id: int,
    till: str,
    business_date: date,
    now: datetime,
    cashier: str,
) -> dict[str, Any]:
    """The sale's row as written, for `cart` paid as `settlement` at `now`."""
    return {
        "receipt_no": receipt_no,
        "shift_id": shift_id,
        "till": till,
        "business_date": business_date,
        "created_at": now,
        "member_id": cart.member.id if cart.member else None,
        "cashier": cashier,
        "gross": totals.gross,
        "member_discount": totals.member_discount,
        "manual_discount": totals.sale_discount,
        "total": totals.total + settlement.rounding,
        "paid": settlement.paid,
        "change": settlement.change,
        "status": SaleStatus.COMPLETED,
        "token": cart.token,
        SALE.c.rounding.key: settlement.rounding,
        "approved_by": cart.sale_discount.approved.by if cart.sale_discount else "",
    }


def payment_rows(
    sale_id: int, payments: Sequence[tuple[str, int, int]], references: Sequence[str | None]
) -> list[dict[str, Any]]:
    """The sale's payment rows as written: each (method, amount, handed) with its reference."""
    return [
        {"sale_id": sale_id, "method": method, "amount": amount, "tendered": handed,
         "reference": reference}
        for (method, amount, handed), reference in zip(payments, references, strict=True)
    ]  # fmt: skip


def written_lines(
    sale_id: int, views: list[LineView], buyers: Mapping[int, Buyer]
) -> tuple[list[dict[str, Any]], list[LineKey], list[LineDetail]]:
    """The sale's line rows as written, and each line's key and details for the sale's
    digest (`buyers`: the buyer of each regulated line's product)."""
    rows: list[dict[str, Any]] = []
    keys: list[LineKey] = []
    details: list[LineDetail] = []
    for number, v in enumerate(views, start=1):
        product = v.product
        buyer = buyers.get(product.id)
        nik, kk, category = (buyer.nik, buyer.kk, buyer.category) if buyer else _NO_BUYER
        manual = v.manual
        rows.append({
            "sale_id": sale_id, "line_no": number, "product_id": product.id,
            "code": product.code, "name": product.name, "category": product.category,
            "unit": product.unit, "qty": v.qty, "regular_price": v.regular_price,
            "unit_price": v.unit_price, "line_gross": v.gross, "line_total": v.amount,
            "cost": product.cost, "tax_category": product.tax_category, "buyer_nik": nik,
            "buyer_kk": kk, "buyer_category": category, "manual_discount": manual,
            "discount_share": v.share, "price_overridden": v.overridden,
            "approved_by": v.approved_by,
        })  # fmt: skip
        keys.append(
            line_key((product.id, to_milli(v.qty), v.unit_price, v.amount, nik, kk, category))
        )
        details.append((product.cost, product.name, manual, v.share, v.overridden, v.approved_by))
    return rows, keys, details


def check_batches(
    session: Session,
    lines: list[tuple[int, str, Decimal]],
    batches: Mapping[int, int],
    today: date,
    dated: Collection[int],
    *,
    actor: Actor,
    now: datetime,
    approval: Approval | None,
    expired_ok: bool,
) -> tuple[dict[int, int], ExpiredSale | None]:
    """The batch scanned for each dated line (product id → batch id), after the expiry rule:
    a sale that would take expired goods (`today` past their date) is refused (GeraiError
    `sale.expired` naming the first product) unless `expired_ok`, and then needs permission
    `sell_expired` (the actor's role, or a supervisor's `approval`): who allowed it and what
    it takes from expired batches, or None when it takes none (`dated`: which of the lines'
    products are dated)."""
    picked = {pid: batches[pid] for pid, _, _ in lines if pid in batches}
    taken = [
        (name, qty)
        for pid, name, wanted in lines
        if pid in dated and (qty := expired_take(session, pid, wanted, today, picked.get(pid))) > 0
    ]
    if not taken:
        return picked, None
    if not expired_ok:
        raise GeraiError("sale.expired", name=taken[0][0])
    approver = sell_expired_permit(session, actor, now=now, approval=approval)
    return picked, ExpiredSale(approver, taken)


@dataclass(frozen=True)
class ExpiredSale:
    """A sale that takes expired goods: who allowed it, and each product's name and the
    quantity taken from expired batches."""

    approver: str
    taken: list[tuple[str, Decimal]]


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
