"""Reading and writing tables as CSV, XLSX or JSON, so every import and export shares one
set of rules: UTF-8 text, a header row, rows numbered as a spreadsheet numbers them."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any, BinaryIO

from gerai.core.errors import GeraiError

FORMATS = ("csv", "xlsx", "json")


@dataclass(frozen=True)
class Table:
    """The header and the rows of a file; `numbers[i]` is row i's number in the file."""

    header: list[str]
    rows: list[dict[str, Any]]
    numbers: list[int]

    def renamed(self, headings: dict[str, str]) -> Table:
        """The same table with the headings a person reads (`Kode`, `Harga anggota`, any
        letter case) turned into the field names `headings` maps them to; other headings
        are kept."""
        wanted = {heading.strip().lower(): name for heading, name in headings.items()}
        names = {h: wanted.get(h.strip().lower(), h) for h in self.header}
        if all(name == heading for heading, name in names.items()):
            return self  # the field names already: the rows as they are
        return Table(
            [names[h] for h in self.header],
            [{names.get(k, k): v for k, v in row.items()} for row in self.rows],
            self.numbers,
        )


def format_of(path: Path, explicit: str | None = None) -> str:
    """The format named, else the one the file name ends with; CSV when it says nothing."""
    fmt = (explicit or path.suffix.lstrip(".") or "csv").lower()
    if fmt not in FORMATS:
        raise GeraiError("io.bad_format", format=fmt, accepted=", ".join(FORMATS))
    return fmt


def read_table(path: Path) -> Table:
    """Read a CSV (UTF-8), XLSX (first sheet) or JSON (a list of objects) file."""
    fmt = format_of(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GeraiError("io.cannot_read", path=str(path), reason=exc.strerror) from exc
    if fmt == "xlsx":
        return _read_xlsx(path, data)
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GeraiError("io.not_utf8", path=str(path), line=line) from exc
    if fmt == "json":
        return _read_json(path, content)
    # csv.reader, not DictReader: it yields blank records too, so counting records gives the
    # spreadsheet's row number even when a quoted cell holds a line break
    reader = csv.reader(io.StringIO(content, newline=""))
    rows, numbers = [], []
    number = 0  # the record read last: a failing read is record `number + 1`
    try:
        header = [h.strip() for h in next(reader, [])]
        number = 1
        for values in reader:
            number += 1
            if not any(v.strip() for v in values):
                continue
            row: dict[str, Any] = dict(zip(header, values, strict=False))
            row.update((h, None) for h in header[len(values) :])
            if len(values) > len(header):
                row[""] = values[len(header) :]
            rows.append(row)
            numbers.append(number)
    except csv.Error as exc:
        limit = csv.field_size_limit()
        if "field limit" in str(exc):
            raise GeraiError(
                "io.cell_too_large", path=str(path), row=number + 1, limit=limit
            ) from exc
        raise GeraiError("io.bad_csv", path=str(path), row=number + 1, reason=str(exc)) from exc
    return Table(header, rows, numbers)


def _read_json(path: Path, content: str) -> Table:
    try:
        items = json.loads(content)
    except json.JSONDecodeError as exc:
        raise GeraiError("io.bad_json", path=str(path), line=exc.lineno, reason=exc.msg) from exc
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise GeraiError("io.json_not_list", path=str(path))
    header: list[str] = []
    for item in items:
        header.extend(k for k in item if k not in header)
    return Table(header, items, list(range(1, len(items) + 1)))


def _read_xlsx(path: Path, data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise GeraiError("io.bad_xlsx", path=str(path)) from exc
    lines = sheet.iter_rows(values_only=True)
    first = next(lines, None) or ()
    header = [str(h).strip() if h is not None else "" for h in first]
    rows, numbers = [], []
    for number, values in enumerate(lines, start=2):
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        rows.append({h: ("" if v is None else v) for h, v in zip(header, values, strict=False)})
        numbers.append(number)
    return Table(header, rows, numbers)


def write_table(
    out: BinaryIO, fmt: str, header: list[str], rows: list[dict[str, Any]], sheet: str = "data"
) -> None:
    """Write rows as CSV (UTF-8), XLSX (through `xlsx_bytes`) or JSON (a list of objects,
    values as given)."""
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2).encode("utf-8") + b"\n")
    elif fmt == "csv":
        text = io.StringIO(newline="")
        writer = csv.DictWriter(text, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell_text(v) for k, v in row.items()})
        out.write(text.getvalue().encode("utf-8"))
    elif fmt == "xlsx":
        out.write(
            xlsx_bytes([Sheet(sheet, header, [[row.get(h) for h in header] for row in rows])])
        )
    else:
        raise GeraiError("io.bad_format", format=fmt, accepted=", ".join(FORMATS))


def _cell_text(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    return "" if value is None else str(value)


# --- the one XLSX writer -------------------------------------------------------------------


class Kind(StrEnum):
    """What a column holds, so its cells are written as numbers or dates in the right format."""

    TEXT = "text"
    COUNT = "count"  # an integer: 1.234
    MONEY = "money"  # int Rupiah: Rp 1.234
    QUANTITY = "quantity"  # an exact decimal: 1,5
    PERCENT = "percent"  # a decimal percent: 12,5
    DATE = "date"  # a day: 30-11-2025
    MOMENT = "moment"  # a local time of day, with its day when it has one


RUPIAH_FORMAT = '"Rp "#,##0;-"Rp "#,##0'
COUNT_FORMAT = "#,##0"
FRACTION_FORMAT = "#,##0.0##"
DATE_FORMAT = "DD-MM-YYYY"
MOMENT_FORMAT = "DD-MM-YYYY HH:MM"
TIME_FORMAT = "HH:MM"
MAX_WIDTH = 60


@dataclass(frozen=True)
class Typed:
    """A cell that says its own kind (a field,value sheet: each row's value its own kind)."""

    value: Any
    kind: Kind


@dataclass(frozen=True)
class Sheet:
    """A named table: its headings and rows. `kinds` (one per column; guessed from the values
    when empty) say how a cell is written; `banner` lines (the shop, the report and its
    period) stand above the table; `choices` are drop-down lists of a column (by index)."""

    name: str
    header: list[str]
    rows: list[list[Any]]
    kinds: Sequence[Kind] = ()
    banner: Sequence[str] = ()
    choices: Mapping[int, Sequence[str]] = field(default_factory=dict)
    choice_error: str = ""
    fill_to: int = 0  # a form to fill in: its empty cells get their column's format to here


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """One XLSX workbook holding `sheets` in order: every XLSX gerai
    writes comes from here. Money is a number shown as Rupiah, counts and quantities numbers,
    days and times Excel dates; a bold frozen header row under the banner; widths set."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.worksheets[0])
    bold = Font(bold=True)
    lists = book.create_sheet("Daftar") if any(s.choices for s in sheets) else None
    for sheet in sheets:
        worksheet = book.create_sheet(_sheet_title(sheet.name))
        for number, line in enumerate(sheet.banner, start=1):
            worksheet.cell(row=number, column=1, value=line).font = Font(bold=number == 1)
        top = len(sheet.banner) + (2 if sheet.banner else 1)  # a blank row under a banner
        kinds = list(sheet.kinds) or _guessed_kinds(sheet)
        for column, title in enumerate(sheet.header, start=1):
            worksheet.cell(row=top, column=column, value=title).font = bold
        for offset, row in enumerate(sheet.rows, start=1):
            for column, value in enumerate(row, start=1):
                kind = kinds[column - 1] if column <= len(kinds) else Kind.TEXT
                cell_value, number_format = xlsx_cell(value, kind)
                cell = worksheet.cell(row=top + offset, column=column, value=cell_value)
                if number_format:
                    cell.number_format = number_format
        for column, kind in enumerate(kinds, start=1):
            blank = {Kind.MONEY: RUPIAH_FORMAT, Kind.DATE: DATE_FORMAT}.get(kind)
            for number in range(top + len(sheet.rows) + 1, sheet.fill_to + 1) if blank else ():
                worksheet.cell(row=number, column=column).number_format = blank
        worksheet.freeze_panes = worksheet.cell(row=top + 1, column=1).coordinate
        for number, width in enumerate(_widths(sheet, kinds), start=1):
            worksheet.column_dimensions[get_column_letter(number)].width = width
        for column, values in sheet.choices.items():
            assert lists is not None
            letter = get_column_letter(column + 1)
            for number, value in enumerate(values, start=1):
                lists.cell(row=number, column=column + 1, value=value)
            source = f"{quote_sheetname('Daftar')}!${letter}$1:${letter}${max(len(values), 1)}"
            check = DataValidation(type="list", formula1=source, allow_blank=True)
            check.error = sheet.choice_error
            worksheet.add_data_validation(check)
            check.add(f"{letter}{top + 1}:{letter}{max(sheet.fill_to, top + 999)}")
    if lists is not None:
        book.move_sheet(lists, offset=len(book.worksheets))
        lists.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_title(name: str) -> str:
    """A title Excel accepts: at most 31 characters, none of its forbidden ones."""
    return "".join("-" if c in "[]:*?/\\" else c for c in name)[:31] or "-"


def xlsx_cell(value: Any, kind: Kind) -> tuple[Any, str | None]:
    """The value as an Excel cell (numbers as numbers, days and times as dates) and its
    number format; text as given. Values come as Python objects or as the JSON's strings."""
    if isinstance(value, Typed):
        value, kind = value.value, value.kind
    if value is None or value == "":
        return None, None
    if isinstance(value, bool):
        return int(value), None
    if isinstance(value, list):
        return "|".join(str(v) for v in value), None
    if kind in (Kind.MONEY, Kind.COUNT):
        number = _number(value)
        if isinstance(number, int):
            return number, RUPIAH_FORMAT if kind == Kind.MONEY else COUNT_FORMAT
    if kind in (Kind.QUANTITY, Kind.PERCENT) or isinstance(value, Decimal):
        number = _number(value)
        if number is not None:
            whole = number == int(number)
            return number, COUNT_FORMAT if whole else FRACTION_FORMAT
    if isinstance(value, int):
        return value, COUNT_FORMAT
    if kind in (Kind.DATE, Kind.MOMENT) or isinstance(value, date | time):
        return _moment(value)
    return value if isinstance(value, str) else str(value), None


def _number(value: Any) -> int | Decimal | None:
    if isinstance(value, int | Decimal):
        return value
    try:
        number = Decimal(str(value).strip())
    except ArithmeticError:
        return None
    if not number.is_finite():
        return None
    return int(number) if number == int(number) and "." not in str(value) else number


def _moment(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, str):
        try:
            if len(value) in (5, 8):  # `HH:MM`, `HH:MM:SS`
                value = time.fromisoformat(value)
            elif len(value) == 10:  # `YYYY-MM-DD`
                value = date.fromisoformat(value)
            else:
                value = datetime.fromisoformat(value)
        except ValueError:
            return value, None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None), MOMENT_FORMAT  # already the shop's local time
    if isinstance(value, date):
        return value, DATE_FORMAT
    if isinstance(value, time):
        return value.replace(tzinfo=None), TIME_FORMAT
    return str(value), None


def _guessed_kinds(sheet: Sheet) -> list[Kind]:
    kinds = []
    for column in range(len(sheet.header)):
        values = [row[column] for row in sheet.rows if column < len(row)]
        found = {type(v) for v in values if v is not None and v != ""}
        if found and all(k is int for k in found):
            kinds.append(Kind.COUNT)
        elif found and all(k is Decimal for k in found):
            kinds.append(Kind.QUANTITY)
        else:
            kinds.append(Kind.TEXT)
    return kinds


def _widths(sheet: Sheet, kinds: Sequence[Kind]) -> list[float]:
    widths = [len(str(title)) for title in sheet.header]
    shown = {Kind.MONEY: 5, Kind.DATE: 10, Kind.MOMENT: 16}  # `Rp ` and separators; dates
    for row in sheet.rows:
        for number, value in enumerate(row[: len(widths)]):
            kind = kinds[number] if number < len(kinds) else Kind.TEXT
            if isinstance(value, Typed):
                value, kind = value.value, value.kind
            if isinstance(value, int) and not isinstance(value, bool):
                text = f"{value:,}"
            else:
                text = "" if value is None else str(value)
            width = len(text) + (shown[kind] if kind == Kind.MONEY else 0)
            if kind in (Kind.DATE, Kind.MOMENT) and text:
                width = shown[kind]
            widths[number] = max(widths[number], width)
    return [min(width + 2, MAX_WIDTH) for width in widths]
