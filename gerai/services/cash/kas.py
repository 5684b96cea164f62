"""The kas bendahara (issue 15): the bendahara's own cash box, beside the tills' drawers. At a
shift's close the bendahara takes a setoran from the drawer (never more than the counted cash)
and the rest stays as the next shift's opening cash; the kas then deposits cash at the bank
and pays the gerai's expenses (pengeluaran) by category, never more than it holds. Each line
is a sealed `KasEntry` with who and when, and an audit record."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import case, func, select, text
from sqlmodel import Session, col

from gerai.core.errors import GeraiError
from gerai.core.money import MAX_RUPIAH, format_rupiah
from gerai.core.text import check_text
from gerai.core.words import AuditKind, ExpenseCategory, KasKind, Permission, ShiftStatus
from gerai.models import KAS_ENTRY, GoodsReceipt, KasEntry, Shift, Supplier, SupplierPayment
from gerai.services.audit import trail as audit
from gerai.services.audit.seals import seal
from gerai.services.shop.auth import Actor, Approval, authorize
from gerai.services.shop.profile import ShopProfile

CATEGORIES = tuple(str(category) for category in ExpenseCategory)
OUTGOING = (KasKind.BANK, KasKind.EXPENSE, KasKind.SUPPLIER)
AUDITED_AS = {
    KasKind.BANK: AuditKind.KAS_BANK,
    KasKind.EXPENSE: AuditKind.KAS_EXPENSE,
    KasKind.SUPPLIER: AuditKind.KAS_SUPPLIER,
}
NOTE_MAX = 200


def sign(kind: str) -> int:
    """+1 for what comes into the kas (a setoran), -1 for what goes out."""
    return -1 if kind in OUTGOING else 1


def kas_balance(session: Session, before: date | None = None, upto: date | None = None) -> int:
    """What the kas bendahara holds: every setoran less every bank deposit and expense, of the
    business days before `before` (or up to and including `upto`) when given."""
    signed = case(
        (col(KasEntry.kind).in_(OUTGOING), -col(KasEntry.amount)), else_=col(KasEntry.amount)
    )
    query = select(func.coalesce(func.sum(signed), 0))
    if before is not None:
        query = query.where(col(KasEntry.business_date) < before)
    if upto is not None:
        query = query.where(col(KasEntry.business_date) <= upto)
    return int(session.execute(query).scalar_one())


def kas_entries(session: Session, first: date, last: date) -> list[KasEntry]:
    """The kas lines of the business days `first`..`last`, in order."""
    return list(
        session.execute(
            select(KasEntry)
            .where(col(KasEntry.business_date).between(first, last))
            .order_by(col(KasEntry.id))
        ).scalars()
    )


def expenses_by_category(session: Session, first: date, last: date) -> dict[str, int]:
    """The expenses of the business days `first`..`last` by category, every category listed
    (0 when none)."""
    return added_up(expenses_by_day(session, first, last).values())


def expenses_by_day(session: Session, first: date, last: date) -> dict[date, dict[str, int]]:
    """The expenses of each business day `first`..`last` that has any, by category (every
    category listed, 0 when none)."""
    days: dict[date, dict[str, int]] = {}
    for day, category, amount in session.execute(
        select(col(KasEntry.business_date), col(KasEntry.category), func.sum(col(KasEntry.amount)))
        .where(
            col(KasEntry.kind) == KasKind.EXPENSE,
            col(KasEntry.business_date).between(first, last),
        )
        .group_by(col(KasEntry.business_date), col(KasEntry.category))
    ).all():
        days.setdefault(day, dict.fromkeys(CATEGORIES, 0))[category] = int(amount)
    return days


def added_up(parts: Iterable[dict[str, int]]) -> dict[str, int]:
    """Expenses by category (as `expenses_by_day` has them) summed, every category listed."""
    total = dict.fromkeys(CATEGORIES, 0)
    for part in parts:
        for category, amount in part.items():
            total[category] += amount
    return total


def setoran_of(session: Session, shift_id: int) -> int | None:
    """The setoran taken from a shift's drawer at its close (None when none was recorded)."""
    return setoran_by_shift(session, [shift_id]).get(shift_id)


def setoran_by_shift(session: Session, shift_ids: list[int]) -> dict[int, int]:
    """The setoran taken at each of the shifts' closes, by shift id (those that recorded one)."""
    if not shift_ids:
        return {}
    rows = session.execute(
        select(col(KasEntry.shift_id), col(KasEntry.amount)).where(
            col(KasEntry.kind) == KasKind.SETORAN, col(KasEntry.shift_id).in_(shift_ids)
        )
    ).all()
    return {int(shift_id): int(amount) for shift_id, amount in rows}


@dataclass(frozen=True)
class Carried:
    """What stayed in a till's drawer at its last close: the counted cash less the setoran."""

    shift_id: int
    counted: int
    setoran: int

    @property
    def stayed(self) -> int:
        """The next shift's opening cash."""
        return self.counted - self.setoran


def carried_cash(session: Session, till: str) -> Carried | None:
    """What stayed in the till's drawer at its last close, when a setoran was recorded there
    (a shift closed before the kas bendahara, or without a setoran, carries nothing known)."""
    last = session.execute(
        select(Shift)
        .where(col(Shift.till) == till, col(Shift.status) == ShiftStatus.CLOSED)
        .order_by(col(Shift.id).desc())
        .limit(1)
    ).scalar_one_or_none()
    if last is None or last.id is None:
        return None
    setoran = setoran_of(session, last.id)
    if setoran is None:
        return None
    return Carried(last.id, last.counted_cash or 0, setoran)


KAS_LOCK = 0x4B4153  # "KAS": the PostgreSQL advisory lock of the kas bendahara's balance


def lock_kas(session: Session) -> None:
    """Hold the kas for the rest of the transaction, so two bendaharas at two tills cannot
    both spend the same balance: PostgreSQL's transaction advisory lock (SQLite's writes are
    one at a time already)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": KAS_LOCK})


def check_amount(amount: int) -> None:
    """A kas amount: more than 0, within what gerai counts."""
    if amount < 0:
        raise GeraiError("kas.negative", amount=format_rupiah(amount))
    if amount == 0:
        raise GeraiError("kas.zero")
    if amount > MAX_RUPIAH:
        raise GeraiError("pay.too_large", amount=format_rupiah(amount))


def check_setoran(setoran: int, counted: int) -> None:
    """A setoran: not negative, never more than the drawer holds (the counted cash)."""
    if setoran < 0:
        raise GeraiError("kas.negative", amount=format_rupiah(setoran))
    if setoran > counted:
        raise GeraiError(
            "kas.setoran_above_drawer",
            amount=format_rupiah(setoran),
            counted=format_rupiah(counted),
        )


def record_setoran(
    session: Session, shift: Shift, setoran: int, actor: str, now: datetime
) -> KasEntry:
    """The setoran of a closing shift into the kas (called by `close_shift`, in its
    transaction, once the count is known)."""
    check_setoran(setoran, shift.counted_cash or 0)
    entry = KasEntry(
        kind=KasKind.SETORAN, amount=setoran, shift_id=shift.id, till=shift.till,
        business_date=shift.business_date, created_at=now, created_by=actor,
    )  # fmt: skip
    return _write(session, entry, AuditKind.KAS_SETORAN, f"{shift.till}#{shift.id}")


def _outgoing(
    session: Session, kind: KasKind, amount: int, category: str, note: str, actor: Actor,
    now: datetime, shop: ShopProfile, approval: Approval | None,
) -> KasEntry:  # fmt: skip
    answerable = authorize(session, actor, Permission.KAS, now=now, approval=approval)
    return spend(session, kind, amount, category, note, answerable, now, shop)


def spend(
    session: Session, kind: KasKind, amount: int, category: str, note: str, by: str,
    now: datetime, shop: ShopProfile,
) -> KasEntry:  # fmt: skip
    """Cash out of the kas, never more than it holds, by `by` (whom the caller authorized for
    `Permission.KAS`): a line of `kind`, sealed and audited."""
    check_amount(amount)
    lock_kas(session)
    held = kas_balance(session)
    if amount > held:
        raise GeraiError(
            "kas.above_balance", amount=format_rupiah(amount), balance=format_rupiah(held)
        )
    text = check_text(note, lines=True).strip()[:NOTE_MAX]
    entry = KasEntry(
        kind=kind, amount=amount, category=category, note=text,
        business_date=shop.business_date(now), created_at=now, created_by=by,
    )  # fmt: skip
    return _write(session, entry, AUDITED_AS[kind], "kas")


def deposit_to_bank(
    session: Session, amount: int, note: str, actor: Actor, now: datetime, shop: ShopProfile,
    approval: Approval | None = None,
) -> KasEntry:  # fmt: skip
    """Cash from the kas deposited at the bank (the note: the bank, the slip's number), by a
    bendahara or admin (or with their `approval`), who is recorded."""
    return _outgoing(session, KasKind.BANK, amount, "", note, actor, now, shop, approval)


def record_expense(
    session: Session, amount: int, category: str, note: str, actor: Actor, now: datetime,
    shop: ShopProfile, approval: Approval | None = None,
) -> KasEntry:  # fmt: skip
    """An expense of the gerai paid from the kas, with its category and a note, by a
    bendahara or admin (or with their `approval`), who is recorded."""
    if not category.strip():
        raise GeraiError("kas.no_category", categories=", ".join(CATEGORIES))
    if category.strip() not in CATEGORIES:
        raise GeraiError("kas.bad_category", value=category, categories=", ".join(CATEGORIES))
    return _outgoing(
        session, KasKind.EXPENSE, amount, ExpenseCategory(category.strip()), note, actor, now,
        shop, approval,
    )  # fmt: skip


def _write(session: Session, entry: KasEntry, kind: AuditKind, ref: str) -> KasEntry:
    session.add(entry)
    session.flush()
    seal(session, KAS_ENTRY, [entry.id], actor=entry.created_by, at=entry.created_at)
    audit.record(
        session, kind=kind, actor=entry.created_by, at=entry.created_at, ref=ref,
        detail={"id": entry.id, "amount": entry.amount, "category": entry.category,
                "note": entry.note},
    )  # fmt: skip
    return entry


@dataclass(frozen=True)
class KasLine:
    """A kas line with the balance after it."""

    entry: KasEntry
    balance: int

    @property
    def signed(self) -> int:
        """The amount with its direction: + into the kas, − out of it."""
        return sign(self.entry.kind) * self.entry.amount


@dataclass(frozen=True)
class PaidTo:
    """The payment to a supplier behind a kas line (issue 17): its number, the supplier, the
    goods receipt paid ("" for the supplier's balance)."""

    number: str
    supplier: str
    receipt: str


@dataclass(frozen=True)
class KasBook:
    """The kas bendahara over some business days: the balance before the first, each line
    with its running balance, the balance after the last; the payments to suppliers behind
    its lines, by kas line id."""

    first: date
    last: date
    opening: int
    lines: tuple[KasLine, ...]
    suppliers: dict[int, PaidTo] = field(default_factory=dict)

    @property
    def closing(self) -> int:
        """The balance after the last line."""
        return self.lines[-1].balance if self.lines else self.opening

    def total(self, kind: KasKind) -> int:
        """The sum of one kind's amounts."""
        return sum(line.entry.amount for line in self.lines if line.entry.kind == kind)


def kas_book(session: Session, first: date, last: date) -> KasBook:
    """The kas bendahara of the business days `first`..`last`."""
    balance = opening = kas_balance(session, before=first)
    lines = []
    for entry in kas_entries(session, first, last):
        balance += sign(entry.kind) * entry.amount
        lines.append(KasLine(entry, balance))
    return KasBook(first, last, opening, tuple(lines), paid_to_suppliers(session, first, last))


def paid_to_suppliers(session: Session, first: date, last: date) -> dict[int, PaidTo]:
    """The payments to suppliers in cash of the business days `first`..`last`, by their kas
    line's id."""
    rows = session.execute(
        select(
            col(SupplierPayment.kas_entry_id),
            col(SupplierPayment.number),
            col(Supplier.name),
            col(GoodsReceipt.number),
        )
        .join(Supplier, col(Supplier.id) == col(SupplierPayment.supplier_id))
        .outerjoin(GoodsReceipt, col(GoodsReceipt.id) == col(SupplierPayment.receipt_id))
        .where(
            col(SupplierPayment.kas_entry_id).is_not(None),
            col(SupplierPayment.business_date).between(first, last),
        )
    ).all()
    return {int(kas): PaidTo(number, name, receipt or "") for kas, number, name, receipt in rows}
