"""Reading and writing tables as CSV, XLSX or JSON, so every import and export shares one
set of rules: UTF-8 text, a header row, rows numbered as a spreadsheet numbers them."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
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
    """Write rows as CSV (UTF-8), XLSX or JSON (a list of objects, values as given)."""
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
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        worksheet = book.create_sheet(sheet)
        worksheet.append(header)
        for row in rows:
            worksheet.append([_cell_xlsx(row.get(h)) for h in header])
        book.save(out)
    else:
        raise GeraiError("io.bad_format", format=fmt, accepted=", ".join(FORMATS))


def _cell_text(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    return "" if value is None else str(value)


def _cell_xlsx(value: Any) -> Any:
    if isinstance(value, bool | int) or value is None:
        return int(value) if isinstance(value, bool) else value
    return _cell_text(value)
