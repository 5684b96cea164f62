"""The spreadsheets a new shop fills in: the catalogue (`gerai products template`) and the
members (`gerai members template`). Each has Indonesian headings (the imports read them), a
filled example row, drop-down lists where a column takes one of a few values (the shop's
categories, the tax category, ya/tidak), Rupiah and date formats, and a sheet of
instructions."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from gerai.core.i18n import t
from gerai.core.words import TaxCategory
from gerai.services.members.import_export import MEMBER_HEADINGS
from gerai.services.members.import_export import REQUIRED_COLUMNS as MEMBER_REQUIRED
from gerai.services.stock.import_export import PRODUCT_HEADINGS
from gerai.services.stock.import_export import REQUIRED_COLUMNS as PRODUCT_REQUIRED

YES_NO = ("ya", "tidak")
FIELD_HELP = {
    "code": "template.field.code", "barcodes": "template.field.barcodes",
    "name": "template.field.name", "category": "template.field.category",
    "unit": "template.field.unit", "sold_by_weight": "template.field.sold_by_weight",
    "price": "template.field.price", "member_price": "template.field.member_price",
    "cost": "template.field.cost", "het": "template.field.het",
    "max_per_sale": "template.field.max_per_sale", "tax_category": "template.field.tax_category",
    "reorder_level": "template.field.reorder_level", "stock": "template.field.stock",
    "active": "template.field.active", "number": "template.field.number",
    "nik": "template.field.nik", "phone": "template.field.phone",
    "address": "template.field.address", "join_date": "template.field.join_date",
    "credit_limit": "template.field.credit_limit",
}  # fmt: skip
MONEY = ("price", "member_price", "cost", "het", "credit_limit")
WIDE = ("name", "address", "barcodes")


@dataclass(frozen=True)
class Template:
    """One sheet to fill: its headings (field names), the example row, the drop-downs."""

    sheet: str
    headings: dict[str, str]  # heading shown -> field name
    required: Sequence[str]
    example: dict[str, Any]
    choices: Mapping[str, Sequence[str]]


def product_template(categories: Sequence[str]) -> bytes:
    """The catalogue template; `categories` are the shop's (the drop-down of `Kategori`)."""
    example = {
        "code": "MYK-1L", "barcodes": "8996114000246", "name": "Minyakita 1 L Pouch",
        "category": categories[0] if categories else "Minyak Goreng", "unit": "pcs",
        "sold_by_weight": "tidak", "price": 15_700, "member_price": 15_500, "cost": 14_500,
        "het": 15_700, "max_per_sale": None, "tax_category": TaxCategory.PPN, "reorder_level": 36,
        "stock": 144, "active": "ya",
    }  # fmt: skip
    choices = {
        "category": list(categories), "sold_by_weight": YES_NO, "active": YES_NO,
        "tax_category": tuple(TaxCategory),
    }  # fmt: skip
    return _workbook(Template("Katalog", PRODUCT_HEADINGS, PRODUCT_REQUIRED, example, choices))


def member_template(today: date) -> bytes:
    """The members template."""
    example = {
        "number": "KKMP-0001", "name": "Hj. Sitti Rahmawati", "nik": "7309064502640026",
        "phone": "081249643411", "address": "Dusun Pattene RT 02/RW 02", "join_date": today,
        "active": "ya", "credit_limit": 300_000,
    }  # fmt: skip
    choices = {"active": YES_NO}
    return _workbook(Template("Anggota", MEMBER_HEADINGS, MEMBER_REQUIRED, example, choices))


def _workbook(template: Template) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = template.sheet
    lists = book.create_sheet("Daftar")
    fields = list(template.headings.values())
    sheet.append(list(template.headings))
    sheet.append([template.example.get(name) for name in fields])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for number, name in enumerate(fields, start=1):
        letter = get_column_letter(number)
        sheet.column_dimensions[letter].width = 32 if name in WIDE else 16
        column = f"{letter}2:{letter}1000"
        if name in MONEY:
            for row in sheet[column]:
                row[0].number_format = "#,##0"
        if name == "join_date":
            for row in sheet[column]:
                row[0].number_format = "DD-MM-YYYY"
        if name in template.choices:
            values = template.choices[name]
            for row, value in enumerate(values, start=1):
                lists.cell(row=row, column=number, value=value)
            source = f"{quote_sheetname('Daftar')}!${letter}$1:${letter}${max(len(values), 1)}"
            check = DataValidation(type="list", formula1=source, allow_blank=True)
            check.error = t("template.choose")
            sheet.add_data_validation(check)
            check.add(column)
    lists.sheet_state = "hidden"
    help_sheet = book.create_sheet("Petunjuk")
    help_sheet.append([t("template.col.heading"), t("template.col.required"),
                       t("template.col.meaning")])  # fmt: skip
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for heading, name in template.headings.items():
        required = t("template.required") if name in template.required else ""
        help_sheet.append([heading, required, t(FIELD_HELP[name])])
    help_sheet.column_dimensions["A"].width = 22
    help_sheet.column_dimensions["C"].width = 90
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
