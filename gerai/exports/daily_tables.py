"""The daily summary as tables: the same figures as its JSON, section by section.

XLSX: one sheet per section. `summary` holds the day's own figures as `field,value` rows;
every other sheet has a header row of field names and one row per record. CSV: one table of
`section,row,field,value` rows (`row` counts the records of a section from 1; `summary` has
one). Field names, money (int Rupiah), quantities and times are exactly the JSON's."""

from __future__ import annotations

import io
from dataclasses import fields
from typing import Any

from gerai.exports.sheets import Sheet, xlsx_bytes
from gerai.services.reports.daily import (
    BuyerGroup,
    CashMove,
    CategorySales,
    Correction,
    DailySummary,
    HourSales,
    ItemSales,
    LowStock,
    NonCashPayment,
    ShiftReport,
)
from gerai.tabular import write_table

CSV_HEADER = ["section", "row", "field", "value"]
BUYERS = ("member", "non_member")
LISTS = ("categories", "top_items", "by_hour", "voids", "returns", "low_stock", "noncash")


def _names(cls: type) -> list[str]:
    return [f.name for f in fields(cls)]


COLUMNS: dict[str, list[str]] = {
    "payments": ["method", "amount"],
    "buyers": ["group", *_names(BuyerGroup)],
    "shifts": [name for name in _names(ShiftReport) if name != "movements"],
    "cash_movements": ["shift_id", "till", *_names(CashMove)],
    "categories": _names(CategorySales),
    "top_items": _names(ItemSales),
    "by_hour": _names(HourSales),
    "voids": _names(Correction),
    "returns": _names(Correction),
    "low_stock": _names(LowStock),
    "noncash": _names(NonCashPayment),
}


def daily_records(summary: DailySummary) -> dict[str, list[dict[str, Any]]]:
    """The summary's JSON cut into flat sections of records: `summary` (the day's own figures,
    one record) and the sections of `COLUMNS`, in that order."""
    data = summary.as_dict()
    shifts = data["shifts"]
    return {
        "summary": [{k: v for k, v in data.items() if not isinstance(v, dict | list)}],
        "payments": [{"method": m, "amount": a} for m, a in data["payments"].items()],
        "buyers": [{"group": group, **data[group]} for group in BUYERS],
        "shifts": [{k: v for k, v in s.items() if k != "movements"} for s in shifts],
        "cash_movements": [
            {"shift_id": s["id"], "till": s["till"], **move}
            for s in shifts
            for move in s["movements"]
        ],
        **{name: data[name] for name in LISTS},
    }


def daily_csv(summary: DailySummary) -> bytes:
    """The summary as `section,row,field,value` CSV (UTF-8)."""
    rows = [
        {"section": section, "row": number, "field": field, "value": value}
        for section, records in daily_records(summary).items()
        for number, record in enumerate(records, start=1)
        for field, value in record.items()
    ]
    out = io.BytesIO()
    write_table(out, "csv", CSV_HEADER, rows)
    return out.getvalue()


def daily_xlsx(summary: DailySummary) -> bytes:
    """The summary as an XLSX workbook, one sheet per section."""
    records = daily_records(summary)
    day = records.pop("summary")[0]
    sheets = [Sheet("summary", ["field", "value"], [[k, v] for k, v in day.items()])]
    sheets.extend(
        Sheet(name, COLUMNS[name], [[record[c] for c in COLUMNS[name]] for record in rows])
        for name, rows in records.items()
    )
    return xlsx_bytes(sheets)
