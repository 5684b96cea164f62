"""The day in the buku kas layout the bendahara keeps by hand: No, Tanggal, Uraian, Bukti,
Debet, Kredit, Saldo, Keterangan, with one running balance per cash box (issue 15): each till's
drawer, then the kas bendahara. A box starts with its `Saldo awal` (what it held when the day
began: a drawer what stayed at its last close) and ends with its `Saldo akhir`. In a drawer,
per shift in order: the opening cash (debit when the till had no shift before; else only the
difference from what stayed, so an opening is never added on top of the cash already there),
the cash sales (debit), the cash rounding of its sales when there was any (pembulatan: up a
debit, down a credit), each cash in (debit) and cash out (credit) with its reason, cash
refunds (credit: what the goods were worth) and their cash rounding apart (paid out more: a
credit, less: a debit), members' cash deposits and repayments (debit) and sukarela withdrawals
(credit), the variance found at the close (over: debit, short: credit), a line for the
counted cash and the setoran to the bendahara (credit). In the kas bendahara: the setoran
received (debit), bank deposits, expenses and payments to suppliers in cash (credit; the
supplier named, the payment's number as the voucher, the goods receipt in the remarks).
Saldo = the box's previous Saldo + Debet − Kredit; the last `Jumlah` row holds the total
debit, total credit and the sum of the boxes' closing balances (the drawers plus the kas
bendahara)."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import date

from gerai.core.i18n import t
from gerai.core.money import format_rupiah
from gerai.core.phrases import EXPENSE_CATEGORY
from gerai.core.timefmt import format_date, format_time
from gerai.core.words import CashDirection, KasKind
from gerai.exports.people import banner
from gerai.services.cash.kas import KasBook, PaidTo
from gerai.services.reports.cashbook import CashBookDay
from gerai.services.reports.daily import ShiftReport
from gerai.services.shop.profile import ShopProfile
from gerai.tabular import Kind, Sheet, write_table, xlsx_bytes

COLUMNS = {
    "no": "cashbook.no",
    "date": "cashbook.date",
    "description": "cashbook.description",
    "voucher": "cashbook.voucher",
    "debit": "cashbook.debit",
    "credit": "cashbook.credit",
    "balance": "cashbook.balance",
    "remarks": "cashbook.remarks",
}


@dataclass(frozen=True)
class Entry:
    """One line of the cash book; `no` and `day` are None on the total line."""

    day: date | None
    description: str
    voucher: str
    debit: int | None
    credit: int | None
    remarks: str = ""
    no: int | None = None
    balance: int = 0
    closes_box: bool = False  # a box's Saldo akhir line


def cashbook_entries(book: CashBookDay, shop: ShopProfile) -> list[Entry]:
    """The day's cash book lines, numbered, each with its box's running Saldo, `Jumlah` last."""
    day = book.summary.date
    tills = sorted(set(book.drawers) | {s.till for s in book.summary.shifts})
    boxes: list[tuple[int, list[Entry]]] = []
    for till in tills:
        shifts = [s for s in book.summary.shifts if s.till == till]
        opening = book.drawers.get(till, 0)
        if not shifts and not opening:
            continue
        carried = book.drawers.get(till)
        lines = []
        for shift in shifts:
            lines += _shift_lines(day, shift, shop, carried, book.setoran.get(shift.id))
            if shift.counted_cash is not None:
                carried = shift.counted_cash - book.setoran.get(shift.id, 0)
            else:
                carried = None
        boxes.append((opening, _boxed(day, t("cashbook.drawer", till=till), opening, lines)))
    if book.kas.opening or book.kas.lines:
        kas_lines = _boxed(day, t("cashbook.kas"), book.kas.opening, _kas_lines(book.kas, shop))
        boxes.append((book.kas.opening, kas_lines))
    entries: list[Entry] = []
    for opening, lines in boxes:
        balance = opening
        for line in lines:
            balance += (line.debit or 0) - (line.credit or 0)
            entries.append(replace(line, no=len(entries) + 1, balance=balance))
    debits = sum(e.debit or 0 for e in entries)
    credits = sum(e.credit or 0 for e in entries)
    closing = sum(e.balance for e in entries if e.closes_box)
    entries.append(Entry(None, t("cashbook.total"), "", debits, credits, balance=closing))
    return entries


def _boxed(day: date, box: str, opening: int, lines: list[Entry]) -> list[Entry]:
    """A box's lines between its Saldo awal and its Saldo akhir."""
    first = Entry(day, t("cashbook.box_opening", box=box), "", None, None)
    last = Entry(day, t("cashbook.box_closing", box=box), "", None, None, closes_box=True)
    return [first, *lines, last]


def _kas_lines(kas: KasBook, shop: ShopProfile) -> list[Entry]:
    lines = []
    for line in kas.lines:
        entry = line.entry
        at_by = t("report.at_by", time=format_time(entry.created_at, shop), by=entry.created_by)
        note = f"{at_by}; {entry.note}" if entry.note else at_by
        if entry.kind == KasKind.SETORAN:
            description = t("cashbook.setoran_in", till=entry.till)
            voucher = t("cashbook.shift", id=entry.shift_id)
        elif entry.kind == KasKind.BANK:
            description, voucher = t("cashbook.bank"), t("cashbook.kas_voucher", id=entry.id)
        elif entry.kind == KasKind.SUPPLIER:
            paid = kas.suppliers.get(entry.id or 0, PaidTo("", "", ""))
            description = t("cashbook.supplier", supplier=paid.supplier)
            voucher = paid.number or t("cashbook.kas_voucher", id=entry.id)
            if paid.receipt:
                note = f"{t('cashbook.supplier_receipt', receipt=paid.receipt)}; {note}"
        else:
            category = t(EXPENSE_CATEGORY[entry.category])
            description = t("cashbook.expense", category=category)
            voucher = t("cashbook.kas_voucher", id=entry.id)
        debit, credit = (entry.amount, None) if line.signed >= 0 else (None, entry.amount)
        lines.append(Entry(entry.business_date, description, voucher, debit, credit, note))
    return lines


def _shift_lines(
    day: date, shift: ShiftReport, shop: ShopProfile, carried: int | None, setoran: int | None
) -> list[Entry]:
    till, voucher = shift.till, t("cashbook.shift", id=shift.id)
    opened = t("report.at_by", time=format_time(shift.opened_at, shop), by=shift.opened_by)
    still_open = "" if shift.counted_cash is not None else t("cashbook.still_open")
    opening = t("cashbook.opening", till=till)
    if carried is None:  # the till's first shift: its opening cash comes into the drawer
        lines = [Entry(day, opening, voucher, shift.opening_cash, None, opened)]
    else:
        amount = format_rupiah(shift.opening_cash)
        lines = [Entry(day, opening, voucher, None, None, t("cashbook.carried", amount=amount))]
        if shift.opening_cash != carried:
            more = shift.opening_cash - carried
            debit, credit = (more, None) if more > 0 else (None, -more)
            stayed = t("cashbook.stayed", amount=format_rupiah(carried))
            lines.append(
                Entry(day, t("cashbook.opening_differs", till=till), voucher, debit, credit, stayed)
            )
    lines.append(
        Entry(day, t("cashbook.cash_sales", till=till), voucher, shift.cash_sales, None, still_open)
    )
    if shift.rounding:
        up, down = max(shift.rounding, 0) or None, max(-shift.rounding, 0) or None
        lines.append(Entry(day, t("cashbook.rounding", till=till), voucher, up, down))
    for move in shift.movements:
        at_by = t("report.at_by", time=format_time(move.time, shop), by=move.by)
        cash_in = move.kind == CashDirection.IN
        description = t("cashbook.cash_in" if cash_in else "cashbook.cash_out", reason=move.reason)
        debit, credit = (move.amount, None) if cash_in else (None, move.amount)
        lines.append(Entry(move.time.date(), description, voucher, debit, credit, at_by))
    if shift.refunds:
        goods = shift.refunds - shift.returns_rounding
        lines.append(Entry(day, t("cashbook.refunds", till=till), voucher, None, goods))
    if shift.returns_rounding:  # paid out beyond the goods' worth: a credit; less: a debit
        paid_more = max(shift.returns_rounding, 0) or None
        paid_less = max(-shift.returns_rounding, 0) or None
        description = t("cashbook.returns_rounding", till=till)
        lines.append(Entry(day, description, voucher, paid_less, paid_more))
    if shift.member_cash_in:
        description = t("cashbook.member_in", till=till)
        lines.append(Entry(day, description, voucher, shift.member_cash_in, None))
    if shift.member_cash_out:
        description = t("cashbook.member_out", till=till)
        lines.append(Entry(day, description, voucher, None, shift.member_cash_out))
    if shift.variance is None or shift.closed_at is None:
        return lines
    closed_day = shift.closed_at.date()
    if shift.variance:
        description = t("cashbook.over" if shift.variance > 0 else "cashbook.short", till=till)
        over, short = max(shift.variance, 0) or None, max(-shift.variance, 0) or None
        lines.append(Entry(closed_day, description, voucher, over, short, shift.variance_reason))
    closed = t(
        "cashbook.closed_note",
        time=format_time(shift.closed_at, shop),
        by=shift.closed_by or "",
        confirmed=shift.confirmed_by or "",
    )
    lines.append(Entry(closed_day, t("cashbook.counted", till=till), voucher, None, None, closed))
    if setoran:
        description = t("cashbook.setoran_out", till=till)
        lines.append(Entry(closed_day, description, voucher, None, setoran))
    return lines


def _header() -> list[str]:
    return [t(title) for title in COLUMNS.values()]


def _row(entry: Entry) -> list[object]:
    return [
        entry.no,
        format_date(entry.day) if entry.day else "",
        entry.description,
        entry.voucher,
        entry.debit,
        entry.credit,
        entry.balance,
        entry.remarks,
    ]


def cashbook_csv(book: CashBookDay, shop: ShopProfile) -> bytes:
    """The cash book as CSV (UTF-8): a header row, then the lines, `Jumlah` last."""
    header = _header()
    rows = [dict(zip(header, _row(entry), strict=True)) for entry in cashbook_entries(book, shop)]
    out = io.BytesIO()
    write_table(out, "csv", header, rows)
    return out.getvalue()


def cashbook_xlsx(book: CashBookDay, shop: ShopProfile) -> bytes:
    """The cash book as an XLSX workbook of one sheet."""
    rows = [[e.no, e.day, *_row(e)[2:]] for e in cashbook_entries(book, shop)]
    lines = banner(shop, t("cashbook.title"), format_date(book.summary.date))
    return xlsx_bytes([Sheet(t("cashbook.title"), _header(), rows, XLSX_KINDS, lines)])


XLSX_KINDS = (
    Kind.COUNT,
    Kind.DATE,
    Kind.TEXT,
    Kind.TEXT,
    Kind.MONEY,
    Kind.MONEY,
    Kind.MONEY,
    Kind.TEXT,
)
