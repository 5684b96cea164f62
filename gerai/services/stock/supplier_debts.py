"""Hutang dagang (issue 17): what the gerai owes its suppliers. After a goods receipt the shop
says how it is paid (`set_terms`): in full now (lunas: cash from the kas bendahara, or a
transfer with its reference) or later by a due date (tempo). A receipt with terms is in its
supplier's book; payments (`pay_supplier`), partial or whole, against one receipt or the
supplier's balance, never more than is owed. A cash payment is also a kas bendahara line
(kind `bayar_pemasok`) in the same transaction, so the kas balance stays true. A supplier's
balance is the total of its receipts in the book less its payments; a payment not made
against a receipt pays the receipts that fall due first (for the aging and the due list)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from gerai.core.errors import GeraiError
from gerai.core.money import format_rupiah
from gerai.core.text import check_text
from gerai.core.words import (
    AuditKind,
    DocumentSeries,
    KasKind,
    PaymentMethod,
    Permission,
    ReceiptTermsKind,
)
from gerai.models import (
    RECEIPT_TERMS,
    SUPPLIER_PAYMENT,
    GoodsReceipt,
    ReceiptTerms,
    Supplier,
    SupplierPayment,
)
from gerai.services.audit import trail as audit
from gerai.services.audit.seals import seal
from gerai.services.cash.kas import check_amount, lock_kas, spend
from gerai.services.shop.auth import Actor, Approval, authorize
from gerai.services.shop.profile import ShopProfile
from gerai.services.stock.batches import expiry_date
from gerai.services.stock.inventory import next_number
from gerai.services.stock.suppliers import get_supplier

DEFAULT_TERMS_DAYS = 30  # a receipt paid later falls due this many days after it came
METHODS = (PaymentMethod.CASH, PaymentMethod.TRANSFER)
REFERENCE_MAX = 60
NOTE_MAX = 200
AGING_LIMITS = (30, 60, 90)  # the buckets 0-30, 31-60, 61-90 and >90 days since received
WEEK = 7


@dataclass(frozen=True)
class OpenReceipt:
    """A receipt in a supplier's book with what is still owed on it."""

    receipt_id: int
    number: str
    received: date
    due: date
    total: int
    owed: int

    def age(self, today: date) -> int:
        """Days since the goods came."""
        return (today - self.received).days


@dataclass(frozen=True)
class SupplierDebt:
    """What the gerai owes one supplier on `today`: the balance, its receipts still open
    (earliest due first), the aging by days since received, what is overdue and what falls
    due in the coming week (today and the six days after)."""

    supplier_id: int
    supplier: str
    today: date
    receipts: tuple[OpenReceipt, ...]

    @property
    def owed(self) -> int:
        """The balance: receipts in the book less payments."""
        return sum(r.owed for r in self.receipts)

    @property
    def aging(self) -> tuple[int, int, int, int]:
        """What is owed on receipts 0-30, 31-60, 61-90 and more than 90 days old."""
        buckets = [0, 0, 0, 0]
        for receipt in self.receipts:
            age = receipt.age(self.today)
            bucket = next((i for i, top in enumerate(AGING_LIMITS) if age <= top), 3)
            buckets[bucket] += receipt.owed
        return buckets[0], buckets[1], buckets[2], buckets[3]

    @property
    def overdue(self) -> int:
        """What is owed on receipts whose due date has passed."""
        return sum(r.owed for r in self.receipts if r.due < self.today)

    @property
    def due_this_week(self) -> int:
        """What falls due from today to six days on."""
        end = self.today + timedelta(days=WEEK)
        return sum(r.owed for r in self.receipts if self.today <= r.due < end)

    @property
    def next_due(self) -> date | None:
        """The earliest due date of what is still owed."""
        return min((r.due for r in self.receipts), default=None)

    def row(self) -> dict[str, Any]:
        """The supplier's line of `gerai supplier owed` (JSON keys, Rupiah amounts)."""
        aging = self.aging
        return {
            "supplier": self.supplier,
            "owed": self.owed,
            "aging_0_30": aging[0],
            "aging_31_60": aging[1],
            "aging_61_90": aging[2],
            "aging_over_90": aging[3],
            "overdue": self.overdue,
            "due_this_week": self.due_this_week,
            "next_due": self.next_due.isoformat() if self.next_due else "",
            "receipts": " ".join(r.number for r in self.receipts),
        }

    def as_json(self) -> dict[str, Any]:
        """The supplier in `gerai supplier owed --format json`: the row, with each open
        receipt in place of their numbers."""
        receipts = [
            {"number": r.number, "received": r.received.isoformat(), "due": r.due.isoformat(),
             "total": r.total, "owed": r.owed}
            for r in self.receipts
        ]  # fmt: skip
        return {**self.row(), "receipts": receipts}


OWED_COLUMNS = [
    "supplier",
    "owed",
    "aging_0_30",
    "aging_31_60",
    "aging_61_90",
    "aging_over_90",
    "overdue",
    "due_this_week",
    "next_due",
    "receipts",
]


@dataclass(frozen=True)
class PaymentResult:
    """A payment written (with its kas line's id when it was paid in cash)."""

    id: int
    number: str
    supplier: str
    receipt: str
    amount: int
    method: str
    reference: str
    owed_after: int
    kas_entry_id: int | None


@dataclass(frozen=True)
class TermsResult:
    """A receipt's terms written, and its payment when it was paid at once."""

    receipt: str
    kind: str
    due: date
    payment: PaymentResult | None


# --- reading the book ------------------------------------------------------------------------


def _booked(upto: date | None) -> Any:
    query = (
        select(
            col(GoodsReceipt.id),
            col(GoodsReceipt.number),
            col(GoodsReceipt.supplier_id),
            col(GoodsReceipt.business_date),
            col(ReceiptTerms.due_date),
            col(GoodsReceipt.total),
        )
        .join(ReceiptTerms, col(ReceiptTerms.receipt_id) == col(GoodsReceipt.id))
        .order_by(col(ReceiptTerms.due_date), col(GoodsReceipt.id))
    )
    return query if upto is None else query.where(col(GoodsReceipt.business_date) <= upto)


def open_receipts(
    session: Session, supplier_id: int | None = None, upto: date | None = None
) -> dict[int, list[OpenReceipt]]:
    """Each supplier's receipts in the book (of business days up to `upto` when given) with
    what is still owed on each, earliest due first: a receipt's own payments first, then the
    payments made against the balance pay the receipts that fall due first. Receipts paid
    off are left out."""
    receipts = _booked(upto)
    payments = select(
        col(SupplierPayment.supplier_id),
        col(SupplierPayment.receipt_id),
        func.sum(col(SupplierPayment.amount)),
    ).group_by(col(SupplierPayment.supplier_id), col(SupplierPayment.receipt_id))
    if supplier_id is not None:
        receipts = receipts.where(col(GoodsReceipt.supplier_id) == supplier_id)
        payments = payments.where(col(SupplierPayment.supplier_id) == supplier_id)
    if upto is not None:
        payments = payments.where(col(SupplierPayment.business_date) <= upto)
    direct: dict[int, int] = {}
    loose: dict[int, int] = defaultdict(int)
    for supplier, receipt, paid in session.execute(payments).all():
        if receipt is None:
            loose[supplier] += int(paid)
        else:
            direct[receipt] = int(paid)
    book: dict[int, list[OpenReceipt]] = defaultdict(list)
    for receipt_id, number, supplier, received, due, total in session.execute(receipts).all():
        owed = int(total) - direct.get(receipt_id, 0)
        taken = min(owed, loose[supplier])
        loose[supplier] -= taken
        if owed - taken > 0:
            book[supplier].append(
                OpenReceipt(receipt_id, number, received, due, int(total), owed - taken)
            )
    return dict(book)


def supplier_balance(session: Session, supplier_id: int) -> int:
    """What the gerai owes the supplier: its receipts in the book less its payments."""
    booked = session.execute(
        select(func.coalesce(func.sum(col(GoodsReceipt.total)), 0))
        .join(ReceiptTerms, col(ReceiptTerms.receipt_id) == col(GoodsReceipt.id))
        .where(col(GoodsReceipt.supplier_id) == supplier_id)
    ).scalar_one()
    paid = session.execute(
        select(func.coalesce(func.sum(col(SupplierPayment.amount)), 0)).where(
            col(SupplierPayment.supplier_id) == supplier_id
        )
    ).scalar_one()
    return int(booked) - int(paid)


def debt_at(session: Session, day: date) -> int:
    """What the gerai owed all its suppliers at the end of business day `day`."""
    booked = session.execute(
        select(func.coalesce(func.sum(col(GoodsReceipt.total)), 0))
        .join(ReceiptTerms, col(ReceiptTerms.receipt_id) == col(GoodsReceipt.id))
        .where(col(GoodsReceipt.business_date) <= day)
    ).scalar_one()
    paid = session.execute(
        select(func.coalesce(func.sum(col(SupplierPayment.amount)), 0)).where(
            col(SupplierPayment.business_date) <= day
        )
    ).scalar_one()
    return int(booked) - int(paid)


def supplier_debts(session: Session, today: date) -> list[SupplierDebt]:
    """Every supplier the gerai owes money on `today`, by name."""
    book = open_receipts(session)
    if not book:
        return []
    names = dict(
        session.execute(
            select(col(Supplier.id), col(Supplier.name)).where(col(Supplier.id).in_(book))
        ).all()
    )
    debts = [
        SupplierDebt(supplier, names[supplier], today, tuple(receipts))
        for supplier, receipts in book.items()
    ]
    return sorted(debts, key=lambda debt: debt.supplier.lower())


def paid_by_day(session: Session, first: date, last: date) -> dict[date, dict[str, int]]:
    """What was paid to suppliers on each business day of `first`..`last`, by method."""
    rows = session.execute(
        select(
            col(SupplierPayment.business_date),
            col(SupplierPayment.method),
            func.sum(col(SupplierPayment.amount)),
        )
        .where(col(SupplierPayment.business_date).between(first, last))
        .group_by(col(SupplierPayment.business_date), col(SupplierPayment.method))
    ).all()
    paid: dict[date, dict[str, int]] = defaultdict(dict)
    for day, method, amount in rows:
        paid[day][method] = int(amount)
    return dict(paid)


def find_supplier(session: Session, name: str) -> int:
    """The id of the active supplier named `name` (any case), or the only one whose name
    starts with it; refused when none or several match."""
    wanted = " ".join(name.split()).lower()
    rows = session.execute(
        select(col(Supplier.id), col(Supplier.name)).where(
            col(Supplier.active), func.lower(col(Supplier.name)).startswith(wanted)
        )
    ).all()
    exact = [supplier_id for supplier_id, found in rows if found.lower() == wanted]
    if exact:
        return int(exact[0])
    if not wanted or not rows:
        raise GeraiError("supplierdebt.no_supplier", name=name.strip())
    if len(rows) > 1:
        raise GeraiError(
            "supplierdebt.which_supplier", name=name.strip(), found=", ".join(n for _, n in rows)
        )
    return int(rows[0][0])


# --- writing ---------------------------------------------------------------------------------


def _receipt(session: Session, number: str) -> GoodsReceipt:
    wanted = number.strip().upper()
    found = session.execute(
        select(GoodsReceipt).where(func.upper(col(GoodsReceipt.number)) == wanted)
    ).scalar_one_or_none()
    if found is None:
        raise GeraiError("supplierdebt.no_receipt", number=number.strip())
    return found


def _reference(method: str, reference: str) -> str:
    text = " ".join(check_text(reference).split())
    if len(text) > REFERENCE_MAX:
        raise GeraiError("supplierdebt.reference_too_long", limit=REFERENCE_MAX)
    if method == PaymentMethod.TRANSFER and not text:
        raise GeraiError("supplierdebt.reference_required")
    return text


def _method(method: str) -> PaymentMethod:
    if method not in METHODS:
        raise GeraiError("supplierdebt.bad_method", value=method)
    return PaymentMethod(method)


def due_date(value: date | str) -> date:
    """A due date as typed: `2026-12-31`, `31-12-2026`, `31/12/2026` or `31.12.2026`."""
    try:
        return expiry_date(value)
    except GeraiError as error:
        raise GeraiError("supplierdebt.bad_due", value=str(value).strip()) from error


def set_terms(
    session: Session, receipt_number: str, kind: str, *, actor: Actor, at: datetime,
    shop: ShopProfile, due: date | str | None = None, method: str = PaymentMethod.CASH,
    reference: str = "", approval: Approval | None = None,
) -> TermsResult:  # fmt: skip
    """Say how a goods receipt is paid, once: `tempo` by `due` (a date or as typed, see
    `due_date`; default: DEFAULT_TERMS_DAYS after it came; never before), or `lunas` now by
    `method` (its whole total is paid at once: see `pay_supplier`). Refused, with nothing
    written, when the receipt already has its terms or the payment is refused."""
    answerable = authorize(session, actor, Permission.STOCK, now=at, approval=approval)
    receipt = _receipt(session, receipt_number)
    assert receipt.id is not None
    if session.get(ReceiptTerms, receipt.id) is not None:
        raise GeraiError("supplierdebt.terms_set", number=receipt.number)
    if kind not in tuple(ReceiptTermsKind):
        raise GeraiError("supplierdebt.bad_terms", value=kind)
    if kind == ReceiptTermsKind.PAID:
        due = receipt.business_date
    elif due is None or not str(due).strip():
        due = receipt.business_date + timedelta(days=DEFAULT_TERMS_DAYS)
    else:
        due = due_date(due)
    if due < receipt.business_date:
        raise GeraiError(
            "supplierdebt.due_before",
            due=due.isoformat(),
            received=receipt.business_date.isoformat(),
        )
    terms = ReceiptTerms(
        receipt_id=receipt.id, kind=kind, due_date=due, created_at=at, created_by=answerable
    )
    session.add(terms)
    session.flush()
    seal(session, RECEIPT_TERMS, [receipt.id], actor=answerable, at=at)
    audit.record(
        session, kind=AuditKind.SUPPLIER_TERMS, actor=answerable, at=at, ref=receipt.number,
        detail={"terms": kind, "due": due.isoformat(), "total": receipt.total},
    )  # fmt: skip
    payment = None
    if kind == ReceiptTermsKind.PAID and receipt.total > 0:
        payment = pay_supplier(
            session, receipt.supplier_id, receipt.total, method, actor=actor, at=at, shop=shop,
            reference=reference, receipt_number=receipt.number, approval=approval,
        )  # fmt: skip
    return TermsResult(receipt.number, kind, due, payment)


def pay_supplier(
    session: Session, supplier_id: int, amount: int, method: str, *, actor: Actor,
    at: datetime, shop: ShopProfile, reference: str = "", receipt_number: str | None = None,
    note: str = "", approval: Approval | None = None,
) -> PaymentResult:  # fmt: skip
    """Pay a supplier (a bendahara or admin, or with their `approval`): against one receipt
    in its book or against its balance, never more than is owed there; in cash from the kas
    bendahara (a kas line in the same transaction, never more than the kas holds) or by
    transfer (its reference required). Sealed and audited; nothing is written when refused."""
    answerable = authorize(session, actor, Permission.KAS, now=at, approval=approval)
    paid_by = _method(method)
    check_amount(amount)
    supplier = get_supplier(session, supplier_id)
    reference = _reference(paid_by, reference)
    text = check_text(note, lines=True).strip()[:NOTE_MAX]
    lock_kas(session)  # one payment at a time: two cannot both pay the same debt
    receipt = None if receipt_number is None else _receipt(session, receipt_number)
    open_now = open_receipts(session, supplier.id).get(supplier.id, [])
    owed = sum(r.owed for r in open_now)
    if receipt is not None:
        if receipt.supplier_id != supplier.id:
            raise GeraiError(
                "supplierdebt.other_supplier", number=receipt.number, supplier=supplier.name
            )
        if session.get(ReceiptTerms, receipt.id) is None:
            raise GeraiError("supplierdebt.not_in_book", number=receipt.number)
        owed = sum(r.owed for r in open_now if r.receipt_id == receipt.id)
    if owed == 0:
        raise GeraiError("supplierdebt.nothing_owed", supplier=supplier.name)
    if amount > owed:
        raise GeraiError(
            "supplierdebt.above_owed", amount=format_rupiah(amount), owed=format_rupiah(owed),
            supplier=supplier.name,
        )  # fmt: skip
    day = shop.business_date(at)
    number = next_number(session, SupplierPayment, DocumentSeries.SUPPLIER_PAYMENT, day)
    receipt_no = receipt.number if receipt is not None else ""
    kas_entry_id = None
    if paid_by == PaymentMethod.CASH:
        kas_note = " ".join(part for part in (number, supplier.name, receipt_no, text) if part)
        entry = spend(session, KasKind.SUPPLIER, amount, "", kas_note, answerable, at, shop)
        kas_entry_id = entry.id
    payment = SupplierPayment(
        number=number, supplier_id=supplier.id, receipt_id=None if receipt is None else receipt.id,
        amount=amount, method=paid_by, reference=reference, note=text, kas_entry_id=kas_entry_id,
        business_date=day, created_at=at, created_by=answerable,
    )  # fmt: skip
    session.add(payment)
    session.flush()
    assert payment.id is not None
    seal(session, SUPPLIER_PAYMENT, [payment.id], actor=answerable, at=at)
    audit.record(
        session, kind=AuditKind.SUPPLIER_PAID, actor=answerable, at=at, ref=number,
        detail={"supplier": supplier.name, "receipt": receipt_no, "amount": amount,
                "method": paid_by, "reference": reference},
    )  # fmt: skip
    return PaymentResult(
        payment.id, number, supplier.name, receipt_no, amount, paid_by, reference,
        supplier_balance(session, supplier.id), kas_entry_id,
    )  # fmt: skip
