"""The day in the buku kas layout the bendahara keeps by hand: No, Tanggal, Uraian, Bukti,
Debet, Kredit, Saldo, Keterangan. Per shift, in order: the opening cash (debit), the cash
sales (debit), each cash in (debit) and cash out (credit) with its reason, cash refunds
(credit), members' cash deposits and repayments (debit) and sukarela withdrawals (credit),
the variance found at the close (over: debit, short: credit) and a line for the
counted cash. Saldo is the running balance (Saldo = previous Saldo + Debet − Kredit), so after
each closed shift it has grown by exactly that shift's counted cash; a last `Jumlah` row
holds the total debit, total credit and the final Saldo."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import date

from gerai.core.i18n import t
from gerai.core.timefmt import format_date, format_time
from gerai.core.words import CashDirection
from gerai.exports.people import banner
from gerai.services.reports.daily import DailySummary, ShiftReport
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


def cashbook_entries(summary: DailySummary, shop: ShopProfile) -> list[Entry]:
    """The day's cash book lines, numbered and with their running Saldo, `Jumlah` last."""
    entries: list[Entry] = []
    balance = 0
    lines = [line for shift in summary.shifts for line in _shift_lines(summary.date, shift, shop)]
    for number, line in enumerate(lines, start=1):
        balance += (line.debit or 0) - (line.credit or 0)
        entries.append(replace(line, no=number, balance=balance))
    debits = sum(e.debit or 0 for e in entries)
    credits = sum(e.credit or 0 for e in entries)
    entries.append(Entry(None, t("cashbook.total"), "", debits, credits, balance=balance))
    return entries


def _shift_lines(day: date, shift: ShiftReport, shop: ShopProfile) -> list[Entry]:
    till, voucher = shift.till, t("cashbook.shift", id=shift.id)
    opened = t("report.at_by", time=format_time(shift.opened_at, shop), by=shift.opened_by)
    still_open = "" if shift.counted_cash is not None else t("cashbook.still_open")
    lines = [
        Entry(day, t("cashbook.opening", till=till), voucher, shift.opening_cash, None, opened),
        Entry(
            day, t("cashbook.cash_sales", till=till), voucher, shift.cash_sales, None, still_open
        ),
    ]
    for move in shift.movements:
        at_by = t("report.at_by", time=format_time(move.time, shop), by=move.by)
        cash_in = move.kind == CashDirection.IN
        description = t("cashbook.cash_in" if cash_in else "cashbook.cash_out", reason=move.reason)
        debit, credit = (move.amount, None) if cash_in else (None, move.amount)
        lines.append(Entry(move.time.date(), description, voucher, debit, credit, at_by))
    if shift.refunds:
        lines.append(Entry(day, t("cashbook.refunds", till=till), voucher, None, shift.refunds))
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


def cashbook_csv(summary: DailySummary, shop: ShopProfile) -> bytes:
    """The cash book as CSV (UTF-8): a header row, then the lines, `Jumlah` last."""
    header = _header()
    rows = [
        dict(zip(header, _row(entry), strict=True)) for entry in cashbook_entries(summary, shop)
    ]
    out = io.BytesIO()
    write_table(out, "csv", header, rows)
    return out.getvalue()


def cashbook_xlsx(summary: DailySummary, shop: ShopProfile) -> bytes:
    """The cash book as an XLSX workbook of one sheet."""
    rows = [[e.no, e.day, *_row(e)[2:]] for e in cashbook_entries(summary, shop)]
    lines = banner(shop, t("cashbook.title"), format_date(summary.date))
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
