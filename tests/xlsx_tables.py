"""Reading back the workbooks gerai writes for people: a banner (the shop, the report and its
period) and a blank row above the table, or the table alone on the first row."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet


def banner_and_table(sheet: Worksheet) -> tuple[list[str], list[Any], list[list[Any]]]:
    """The banner lines, the header row and the rows of a sheet."""
    lines = [list(row) for row in sheet.iter_rows(values_only=True)]
    blank = next((n for n, row in enumerate(lines) if all(v is None for v in row)), None)
    if blank is None:
        return [], lines[0], lines[1:]
    banner = [str(row[0]) for row in lines[:blank]]
    return banner, lines[blank + 1], lines[blank + 2 :]


def records(sheet: Worksheet) -> list[dict[str, Any]]:
    """The rows of a sheet as records keyed by its headings."""
    _, header, rows = banner_and_table(sheet)
    return [dict(zip(header, row, strict=True)) for row in rows]


def same(cell: Any, like: Any) -> bool:
    """The cell holds the JSON's value `like`: a number for an int or a decimal string, a date
    or time for an ISO string, else the same text."""
    if like is None or like == "":
        return cell is None
    if isinstance(like, bool):
        return cell == int(like)
    if isinstance(like, int):
        return numeric(cell) and cell == like
    if isinstance(like, str) and numeric(cell):
        return Decimal(like) == Decimal(str(cell))
    if isinstance(cell, datetime):
        if len(like) == 10:
            return cell.date().isoformat() == like
        return datetime.fromisoformat(like).replace(tzinfo=None) == cell
    if isinstance(cell, time):
        return time.fromisoformat(like) == cell
    return bool(cell == like)


def numeric(value: Any) -> bool:
    """A number cell (not text that looks like one)."""
    return isinstance(value, int | float) and not isinstance(value, bool)
