"""Tables for people and for machines. For people (every XLSX; a CSV asked for with `--lang`):
headings and sheet names from the catalog (`FIELD_KEYS`, `SHEET_KEYS`: Indonesian, English with
`--lang en`), money, counts and quantities as numbers, days and times as dates, a banner with
the shop and the period. For machines (the default CSV, JSON): today's English field names and
values exactly as the JSON has them."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from gerai.core.i18n import t
from gerai.core.words import CashTerm, ExpenseCategory, MemberPaymentKind
from gerai.services.shop.profile import ShopProfile
from gerai.tabular import Kind, Sheet, Typed, write_table, xlsx_bytes

FIELD_KEYS = {
    "ref": "field.ref",
    "note": "field.note",
    "batch": "field.batch",
    "in": "field.in",
    "out": "field.out",
    "balance": "field.balance",
    "field": "field.field",
    "value": "field.value",
    "section": "field.section",
    "row": "field.row",
    "label": "field.label",
    "date": "field.date",
    "timezone": "field.timezone",
    "sales_count": "field.sales_count",
    "gross": "field.gross",
    "member_discount": "field.member_discount",
    "manual_discount": "field.manual_discount",
    "sale_discount": "field.sale_discount",
    CashTerm.ROUNDING: "field.rounding",
    "net": "field.net",
    "returns_total": "field.returns_total",
    "returns_rounding": "field.returns_rounding",
    "net_after_returns": "field.net_after_returns",
    "average_basket": "field.average_basket",
    "cost": "field.cost",
    "margin": "field.margin",
    "margin_percent": "field.margin_percent",
    "returns_cost": "field.returns_cost",
    "method": "field.method",
    "amount": "field.amount",
    "group": "field.group",
    "count": "field.count",
    "id": "field.id",
    "till": "field.till",
    "status": "field.status",
    "opened_at": "field.opened_at",
    "opened_by": "field.opened_by",
    "opening_cash": "field.opening_cash",
    CashTerm.SALES: "field.cash_sales",
    CashTerm.IN: "field.cash_in",
    CashTerm.OUT: "field.cash_out",
    CashTerm.REFUNDS: "field.refunds",
    "member_cash_in": "field.member_cash_in",
    "member_cash_out": "field.member_cash_out",
    "expected_cash": "field.expected_cash",
    "counted_cash": "field.counted_cash",
    "variance": "field.variance",
    "variance_reason": "field.variance_reason",
    "closed_at": "field.closed_at",
    "closed_by": "field.closed_by",
    "later_sales": "field.later_sales",
    "confirmed_by": "field.confirmed_by",
    "shift_id": "field.shift_id",
    "time": "field.time",
    "kind": "field.kind",
    "reason": "field.reason",
    "by": "field.by",
    "name": "field.name",
    "code": "field.code",
    "unit": "field.unit",
    "qty": "field.qty",
    "hour": "field.hour",
    "receipt_no": "field.receipt_no",
    "number": "field.number",
    "cashier": "field.cashier",
    "approved_by": "field.approved_by",
    "total": "field.total",
    "refund_method": "field.refund_method",
    "stock": "field.stock",
    "reorder_level": "field.reorder_level",
    "member_sales": "field.member_sales",
    "non_member_sales": "field.non_member_sales",
    "returns": "field.returns",
    "supplier": "field.supplier",
    "sold": "field.sold",
    "daily_average": "field.daily_average",
    "on_order": "field.on_order",
    "need": "field.need",
    "pack": "field.pack",
    "pack_factor": "field.pack_factor",
    "packs": "field.packs",
    "suggested": "field.suggested",
    "receipt": "field.receipt",
    "nik": "field.nik",
    "category": "field.category",
    "price": "field.price",
    "active": "field.active",
    "sales": "field.sales",
    "purchases": "field.purchases",
    "share_percent": "field.share_percent",
    "savings": "field.savings",
    "shu_purchases": "field.shu_purchases",
    "shu_savings": "field.shu_savings",
    "shu_total": "field.shu_total",
    "year": "field.year",
    "pool_purchases": "field.pool_purchases",
    "pool_savings": "field.pool_savings",
    "total_purchases": "field.total_purchases",
    "total_savings": "field.total_savings",
    "first": "field.first",
    "last": "field.last",
    "write_offs": "field.write_offs",
    "count_differences": "field.count_differences",
    "unit_result": "field.unit_result",
    "pokok": "field.pokok",
    "wajib": "field.wajib",
    MemberPaymentKind.SUKARELA: "field.sukarela",
    MemberPaymentKind.SUKARELA_OUT: "field.sukarela_out",
    "kasbon_outstanding": "field.kasbon_outstanding",
    "aging_0_30": "field.aging_0_30",
    "aging_31_60": "field.aging_31_60",
    "aging_61_90": "field.aging_61_90",
    "aging_over_90": "field.aging_over_90",
    "stock_value_start": "field.stock_value_start",
    "stock_value_end": "field.stock_value_end",
    # issue 15: the gerai's expenses in the period report
    ExpenseCategory.LISTRIK: "field.expense_listrik",
    ExpenseCategory.GAJI: "field.expense_gaji",
    ExpenseCategory.TRANSPORT: "field.expense_transport",
    ExpenseCategory.SEWA: "field.expense_sewa",
    ExpenseCategory.OTHER: "field.expense_lain_lain",
    "expenses_total": "field.expenses_total",
    "reference": "field.reference",  # issue 17: a QRIS or transfer payment's reference
    # issue 17: what the gerai owes its suppliers
    "owed": "field.owed",
    "overdue": "field.overdue",
    "due_this_week": "field.due_this_week",
    "next_due": "field.next_due",
    "receipts": "field.receipts",
    "supplier_payments": "field.supplier_payments",
    "supplier_paid_cash": "field.supplier_paid_cash",
    "supplier_paid_transfer": "field.supplier_paid_transfer",
    "supplier_payments_total": "field.supplier_payments_total",
    "supplier_debt_end": "field.supplier_debt_end",
    "setoran": "field.setoran",  # issue 15: a shift's setoran and what stayed in its drawer
    "stayed": "field.stayed",
}  # fmt: skip

SHEET_KEYS = {
    "summary": "sheet.summary",
    "payments": "sheet.payments",
    "buyers": "sheet.buyers",
    "shifts": "sheet.shifts",
    "cash_movements": "sheet.cash_movements",
    "categories": "sheet.categories",
    "top_items": "sheet.top_items",
    "by_hour": "sheet.by_hour",
    "voids": "sheet.voids",
    "returns": "sheet.returns",
    "low_stock": "sheet.low_stock",
    "members": "sheet.members",
    "days": "sheet.days",
    "months": "sheet.months",
    "reorder": "sheet.reorder",
    "lpg": "sheet.lpg",
    "noncash": "sheet.noncash",  # issue 17
    "supplier_debts": "sheet.supplier_debts",
}  # fmt: skip

MONEY_FIELDS = frozenset({
    "gross", "member_discount", "manual_discount", "sale_discount", CashTerm.ROUNDING, "net",
    "returns_total", "returns_rounding", "net_after_returns",
    "average_basket", "cost", "margin", "amount", "opening_cash", CashTerm.SALES, CashTerm.IN,
    CashTerm.OUT, CashTerm.REFUNDS, "member_cash_in", "member_cash_out", "expected_cash",
    "counted_cash",
    "variance", "total", "price", "member_sales", "non_member_sales", "returns",
    "returns_cost", "sales", "purchases", "savings", "shu_purchases", "shu_savings", "shu_total",
    "pool_purchases", "pool_savings", "total_purchases", "total_savings", "write_offs",
    "count_differences", "unit_result", "kasbon_outstanding", "stock_value_start",
    "stock_value_end", "member_price", "het", "credit_limit", "aging_0_30", "aging_31_60",
    "aging_61_90", "aging_over_90", "pokok", "wajib", MemberPaymentKind.SUKARELA,
    MemberPaymentKind.SUKARELA_OUT,
    *ExpenseCategory, "expenses_total", "owed", "overdue", "due_this_week", "supplier_payments",
    "supplier_paid_cash", "supplier_paid_transfer", "supplier_payments_total", "supplier_debt_end",
    "setoran", "stayed",
})  # fmt: skip
QUANTITY_FIELDS = frozenset({
    "qty", "stock", "reorder_level", "in", "out", "balance", "sold", "daily_average", "on_order",
    "need", "packs",
    "suggested", "pack_factor", "max_per_sale",
})  # fmt: skip
PERCENT_FIELDS = frozenset({"margin_percent", "share_percent"})
DATE_FIELDS = frozenset({"date", "first", "last", "join_date", "next_due"})
MOMENT_FIELDS = frozenset({"opened_at", "closed_at", "time"})
COUNT_FIELDS = frozenset({"sales_count", "count", "hour", "row", "id", "shift_id", "later_sales"})


def kind_of(name: str) -> Kind:
    """How the field `name` is written in a workbook."""
    for fields, kind in (
        (MONEY_FIELDS, Kind.MONEY), (QUANTITY_FIELDS, Kind.QUANTITY),
        (PERCENT_FIELDS, Kind.PERCENT), (DATE_FIELDS, Kind.DATE), (MOMENT_FIELDS, Kind.MOMENT),
        (COUNT_FIELDS, Kind.COUNT),
    ):  # fmt: skip
        if name in fields:
            return kind
    return Kind.TEXT


def heading(name: str) -> str:
    """The heading a person reads over the field `name`."""
    return t(FIELD_KEYS[name])


def sheet_name(name: str) -> str:
    """The name a person reads on the tab of the sheet `name`."""
    return t(SHEET_KEYS[name])


def banner(shop: ShopProfile, title: str, period: str) -> list[str]:
    """The lines above a table: the shop (and its address), then the report and its period."""
    address = ", ".join(line.strip() for line in shop.address.splitlines() if line.strip())
    first = f"{shop.name} · {address}" if address else shop.name
    return [first, f"{title} · {period}"]


def people_sheet(
    name: str, fields: Sequence[str], records: Sequence[dict[str, Any]], lines: Sequence[str]
) -> Sheet:
    """A sheet of `records` (one row each) with the catalog's headings, typed columns and the
    banner `lines`."""
    return Sheet(
        sheet_name(name), [heading(f) for f in fields],
        [[record.get(f) for f in fields] for record in records],
        [kind_of(f) for f in fields], lines,
    )  # fmt: skip


def field_value_sheet(name: str, record: dict[str, Any], lines: Sequence[str]) -> Sheet:
    """A sheet of one record as rows of (heading, value), each value typed by its field."""
    rows = [[heading(f), Typed(v, kind_of(f))] for f, v in record.items()]
    return Sheet(sheet_name(name), [heading("field"), heading("value")], rows, (), lines)


def records_csv(fields: Sequence[str], records: Sequence[dict[str, Any]], people: bool) -> bytes:
    """`records` as CSV: headed by the field names (machines), or by the catalog's headings
    (`people`: asked for with `--lang`)."""
    header = [heading(f) for f in fields] if people else list(fields)
    rows = [dict(zip(header, (r.get(f) for f in fields), strict=True)) for r in records]
    out = io.BytesIO()
    write_table(out, "csv", header, rows)
    return out.getvalue()


def table_bytes(
    fmt: str, fields: Sequence[str], records: Sequence[dict[str, Any]], *, people: bool,
    sheet: str, lines: Sequence[str],
) -> bytes:  # fmt: skip
    """`records` as a whole file: JSON (values as given), CSV (`records_csv`) or an XLSX of
    one sheet for people (`people_sheet`)."""
    if fmt == "xlsx":
        return xlsx_bytes([people_sheet(sheet, fields, records, lines)])
    if fmt == "csv":
        return records_csv(fields, records, people)
    out = io.BytesIO()
    write_table(out, fmt, list(fields), list(records))
    return out.getvalue()
