"""The daily summary as tables: the same figures as its JSON, section by section.

XLSX (for people): one sheet per section under a banner (the shop, the day). `Ringkasan`
holds the day's own figures as rows of heading and value; every other sheet has a header row
of headings and one row per record; headings and sheet names come from the catalog. CSV: one
table of `section,row,field,value` rows (`row` counts the records of a section from 1;
`summary` has one), field names, money (int Rupiah), quantities and times exactly the JSON's;
with `--lang` the headings, sections and fields are the catalog's words."""

from __future__ import annotations

import io
from dataclasses import fields
from typing import Any

from gerai.core.i18n import t
from gerai.core.phrases import METHOD
from gerai.core.timefmt import format_date
from gerai.core.words import CashDirection, CashTerm
from gerai.exports.people import banner, field_value_sheet, heading, people_sheet, sheet_name
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
from gerai.services.shop.profile import ShopProfile
from gerai.tabular import write_table, xlsx_bytes

CSV_HEADER = ["section", "row", "field", "value"]
BUYERS = ("member", "non_member")
BUYER_KEYS = ("report.member", "report.non_member")
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


def daily_csv(summary: DailySummary, people: bool = False) -> bytes:
    """The summary as `section,row,field,value` CSV (UTF-8); for `people` (asked for with
    `--lang`) the headings, sections and fields in the catalog's words."""
    name = heading if people else str
    section_name = sheet_name if people else str
    header = [name(h) for h in CSV_HEADER]
    rows = [
        dict(zip(header, (section_name(section), number, name(field), value), strict=True))
        for section, records in daily_records(summary).items()
        for number, record in enumerate(records, start=1)
        for field, value in record.items()
    ]
    out = io.BytesIO()
    write_table(out, "csv", header, rows)
    return out.getvalue()


def daily_xlsx(summary: DailySummary, shop: ShopProfile) -> bytes:
    """The summary as an XLSX workbook for people, one sheet per section, each under the
    banner of the shop and the day."""
    records = daily_records(summary)
    for payment in records["payments"]:  # people read the words, not the stored values
        payment["method"] = t(METHOD[payment["method"]])
    for buyers, key in zip(records["buyers"], BUYER_KEYS, strict=True):
        buyers["group"] = t(key)
    for move in records["cash_movements"]:  # `Kas masuk` / `Kas keluar`
        move["kind"] = heading(CashTerm.IN if move["kind"] == CashDirection.IN else CashTerm.OUT)
    for payment in records["noncash"]:  # issue 17
        payment["method"] = t(METHOD[payment["method"]])
    for correction in (*records["voids"], *records["returns"]):
        if correction["refund_method"]:
            correction["refund_method"] = t(METHOD[correction["refund_method"]])
    lines = banner(shop, t("export.daily_title"), format_date(summary.date))
    sheets = [field_value_sheet("summary", records.pop("summary")[0], lines)]
    sheets.extend(people_sheet(name, COLUMNS[name], rows, lines) for name, rows in records.items())
    return xlsx_bytes(sheets)
