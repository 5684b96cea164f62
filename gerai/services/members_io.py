"""The member register in and out (CSV, XLSX, JSON), with the same all-or-nothing import
as the catalogue."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from gerai.errors import GeraiError
from gerai.models import Member
from gerai.services.importing import (
    ImportRefused,
    ImportReport,
    RowProblem,
    cell_flag,
    cell_money,
    cell_text,
)
from gerai.tabular import Table

MEMBER_COLUMNS = [
    "number",
    "name",
    "nik",
    "phone",
    "address",
    "join_date",
    "active",
    "credit_limit",
]
REQUIRED_COLUMNS = ("number", "name")


def check_nik(nik: str) -> None:
    """A NIK is exactly 16 digits."""
    if len(nik) != 16 or not nik.isdigit() or not nik.isascii():
        raise GeraiError("member.bad_nik", nik=nik, length=len(nik))


def _member_values(
    row: dict[str, Any], today: date
) -> tuple[dict[str, Any], list[tuple[str, GeraiError]]]:
    problems: list[tuple[str, GeraiError]] = []
    values: dict[str, Any] = {}
    number = cell_text(row.get("number")).upper()
    name = cell_text(row.get("name"))
    if not number:
        problems.append(("number", GeraiError("import.required", column="number")))
    if not name:
        problems.append(("name", GeraiError("import.required", column="name")))
    values.update(number=number, name=name, address=cell_text(row.get("address")))
    nik = cell_text(row.get("nik")) or None
    if nik is not None:
        try:
            check_nik(nik)
        except GeraiError as exc:
            problems.append(("nik", exc))
    values["nik"] = nik
    values["phone"] = cell_text(row.get("phone")) or None
    raw_date = cell_text(row.get("join_date"))[:10]
    try:
        values["join_date"] = date.fromisoformat(raw_date) if raw_date else today
    except ValueError:
        problems.append(("join_date", GeraiError("import.bad_date", value=raw_date)))
    for column, parse in (
        ("active", lambda v: cell_flag(v, True)),
        ("credit_limit", lambda v: cell_money(v, "credit_limit", False) or 0),
    ):
        try:
            values[column] = parse(row.get(column))
        except GeraiError as exc:
            problems.append((column, exc))
    return values, problems


def import_members(
    session: Session, table: Table, today: date, skip_bad: bool = False
) -> ImportReport:
    """Create or update members by number; all rows checked first."""
    missing = [c for c in REQUIRED_COLUMNS if c not in table.header]
    if missing:
        raise GeraiError(
            "import.missing_columns", columns=", ".join(missing), expected=", ".join(MEMBER_COLUMNS)
        )
    problems: list[RowProblem] = []
    good: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for number, row in zip(table.numbers, table.rows, strict=True):
        values, row_problems = _member_values(row, today)
        if values["number"] in seen:
            row_problems.append(
                (
                    "number",
                    GeraiError(
                        "import.duplicate_in_file",
                        value=values["number"],
                        row=seen[values["number"]],
                    ),
                )
            )
        seen.setdefault(values["number"], number)
        if row_problems:
            problems.extend(RowProblem(number, c, e) for c, e in row_problems)
        else:
            good.append(values)
    if problems and not skip_bad:
        raise ImportRefused(problems)
    report = ImportReport(skipped=problems)
    existing = {m.number: m for m in session.exec(select(Member))}
    for values in good:
        member = existing.get(values["number"])
        if member is None:
            session.add(Member(**values))
            report.created += 1
        else:
            for key, value in values.items():
                setattr(member, key, value)
            session.add(member)
            report.updated += 1
    session.flush()
    return report


def export_members(session: Session) -> list[dict[str, Any]]:
    """Every member as a row of MEMBER_COLUMNS."""
    return [
        {
            "number": m.number,
            "name": m.name,
            "nik": m.nik,
            "phone": m.phone,
            "address": m.address,
            "join_date": m.join_date.isoformat(),
            "active": m.active,
            "credit_limit": m.credit_limit,
        }
        for m in session.exec(select(Member).order_by(col(Member.number)))
    ]
