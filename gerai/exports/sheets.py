"""Workbooks of plain sheets: a bold, frozen header row, integers shown with thousands
separators, columns wide enough for their content."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

MAX_WIDTH = 60


@dataclass(frozen=True)
class Sheet:
    """A named table: a header row and rows of values (int, str or None)."""

    name: str
    header: list[str]
    rows: list[list[Any]]


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """One XLSX workbook holding `sheets`, in order."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for sheet in sheets:
        worksheet = book.create_sheet(sheet.name[:31])
        for number, width in enumerate(_widths(sheet), start=1):
            worksheet.column_dimensions[get_column_letter(number)].width = width
        worksheet.freeze_panes = "A2"
        header = []
        for title in sheet.header:
            cell = WriteOnlyCell(worksheet, value=title)
            cell.font = bold
            header.append(cell)
        worksheet.append(header)
        for row in sheet.rows:
            cells = []
            for value in row:
                cell = WriteOnlyCell(worksheet, value=value)
                if isinstance(value, int) and not isinstance(value, bool):
                    cell.number_format = "#,##0"
                cells.append(cell)
            worksheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _widths(sheet: Sheet) -> list[float]:
    widths = [len(str(title)) for title in sheet.header]
    for row in sheet.rows:
        for number, value in enumerate(row):
            text = f"{value:,}" if isinstance(value, int) else str(value or "")
            widths[number] = max(widths[number], len(text))
    return [min(width + 2, MAX_WIDTH) for width in widths]
