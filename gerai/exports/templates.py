"""The spreadsheets a new shop fills in: the catalogue (`gerai products template`) and the
members (`gerai members template`). Each has Indonesian headings (the imports read them), a
filled example row, drop-down lists where a column takes one of a few values (the shop's
categories, the tax category, ya/tidak), Rupiah and date formats, and a sheet of
instructions."""

from __future__ import annotations

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
from gerai.tabular import Kind, Sheet, xlsx_bytes

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
    fields = list(template.headings.values())
    kinds = [
        Kind.MONEY if name in MONEY else Kind.DATE if name == "join_date" else Kind.TEXT
        for name in fields
    ]
    choices = {
        number: template.choices[name]
        for number, name in enumerate(fields)
        if name in template.choices
    }
    form = Sheet(
        template.sheet, list(template.headings),
        [[template.example.get(name) for name in fields]], kinds,
        choices=choices, choice_error=t("template.choose"), fill_to=1000,
    )  # fmt: skip
    help_rows = [
        [heading, t("template.required") if name in template.required else "", t(FIELD_HELP[name])]
        for heading, name in template.headings.items()
    ]
    help_header = [t("template.col.heading"), t("template.col.required"),
                   t("template.col.meaning")]  # fmt: skip
    return xlsx_bytes([form, Sheet("Petunjuk", help_header, help_rows)])
