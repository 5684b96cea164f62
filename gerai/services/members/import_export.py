"""The member register in and out (CSV, XLSX, JSON), with the same all-or-nothing import
as the catalogue. The checks of one member's fields live here and are shared by the members
screen's form (`member_admin`), so a row and a form are held to the same rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, func, select

from gerai.core.errors import GeraiError
from gerai.core.words import AuditKind, Permission
from gerai.models import MEMBER, Member
from gerai.services.audit import trail as audit
from gerai.services.audit.seals import seal
from gerai.services.importing import (
    ImportRefused,
    ImportReport,
    RowProblem,
    cell_flag,
    cell_money,
    cell_text,
    missing_cell,
    missing_columns,
)
from gerai.services.shop.auth import Actor, authorize
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
MEMBER_HEADINGS = {  # the template's Indonesian heading of each column
    "Nomor anggota": "number", "Nama": "name", "NIK": "nik", "Telepon": "phone",
    "Alamat": "address", "Tanggal masuk": "join_date", "Aktif": "active",
    "Batas kasbon": "credit_limit",
}  # fmt: skip
NUMBER_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./")
LIMITS = {"number": 30, "name": 120, "address": 200}
PHONE_DIGITS = (4, 15)


def check_nik(nik: str) -> None:
    """A NIK is exactly 16 digits."""
    if len(nik) != 16 or not nik.isdigit() or not nik.isascii():
        raise GeraiError("member.bad_nik", nik=nik, length=len(nik))


def parse_phone(raw: str) -> str | None:
    """A phone number as digits (a leading `+` kept; spaces and dashes dropped); None when
    empty. GeraiError for anything else."""
    phone = raw.strip().replace(" ", "").replace("-", "")
    if not phone:
        return None
    digits = phone.removeprefix("+")
    low, high = PHONE_DIGITS
    if not (digits.isascii() and digits.isdigit() and low <= len(digits) <= high):
        raise GeraiError("members.bad_phone", phone=raw.strip(), low=low, high=high)
    return phone


def parse_number(raw: str) -> str:
    """A member number in capitals; GeraiError when empty or holding other characters."""
    number = raw.strip().upper()
    if not number:
        raise missing_cell("number")
    if not set(number) <= NUMBER_CHARS:
        raise GeraiError("members.bad_number", number=raw.strip())
    return number


def parse_member_row(
    row: dict[str, Any], today: date, latest: date | None = None
) -> tuple[dict[str, Any], list[tuple[str, GeraiError]]]:
    """A member's fields from a file row or a form: the values to store, and every problem
    with the column it is in. A member joins `today` unless the row says when, and not after
    `latest` (default: today)."""
    problems: list[tuple[str, GeraiError]] = []
    values: dict[str, Any] = {}

    def take(column: str, parse: Any) -> None:
        try:
            values[column] = parse(row.get(column))
        except GeraiError as exc:
            problems.append((column, exc))

    def text(column: str, required: bool) -> Any:
        def parse(value: Any) -> str:
            cell = cell_text(value, lines=column == "address")
            if required and not cell:
                raise missing_cell(column)
            if len(cell) > LIMITS[column]:
                raise GeraiError("import.too_long", limit=LIMITS[column])
            return cell

        return parse

    take("number", lambda v: text("number", True)(parse_number(cell_text(v))))
    take("name", text("name", True))
    take("address", text("address", False))

    def nik(value: Any) -> str | None:
        cell = cell_text(value)
        if cell:
            check_nik(cell)
        return cell or None

    def joined(value: Any) -> date:
        raw = value.date() if isinstance(value, datetime) else value
        if isinstance(raw, date):
            day = raw
        else:
            cell = cell_text(raw)[:10]
            try:
                day = date.fromisoformat(cell) if cell else today
            except ValueError as exc:
                raise GeraiError("import.bad_date", value=cell) from exc
        if day > (latest or today):  # nobody has joined on a day still to come
            raise GeraiError("import.future_date", value=day.isoformat())
        return day

    take("nik", nik)
    take("phone", lambda v: parse_phone(cell_text(v)))
    take("join_date", joined)
    take("active", lambda v: cell_flag(v, True))
    take("credit_limit", lambda v: cell_money(v, "credit_limit", False) or 0)
    return values, problems


def nik_owner(session: Session, nik: str, *, not_number: str = "", not_id: int = 0) -> str | None:
    """The number of the member registered with this NIK, other than the one with number
    `not_number` or id `not_id`."""
    return session.exec(
        select(Member.number).where(
            col(Member.nik) == nik,
            func.upper(Member.number) != not_number.upper(),
            col(Member.id) != not_id,
        )
    ).first()


def import_members(
    session: Session,
    table: Table,
    today: date,
    skip_bad: bool = False,
    *,
    actor: Actor | None = None,
    now: datetime | None = None,
    latest: date | None = None,
) -> ImportReport:
    """Check and import `table` in the caller's write transaction (see `apply_members`)."""
    staged = stage_members(session, table, today, skip_bad, latest=latest)
    return apply_members(session, staged, actor=actor, now=now)


@dataclass(frozen=True)
class StagedMembers:
    """A member file checked against the database: the good rows' values, and the problems
    (only when told to skip the bad rows)."""

    good: list[tuple[int, dict[str, Any]]]
    problems: list[RowProblem]
    skip_bad: bool


def stage_members(
    session: Session,
    table: Table,
    today: date,
    skip_bad: bool = False,
    *,
    latest: date | None = None,
) -> StagedMembers:
    """Check every row of `table`, reading only (run it in a read transaction, so the tills
    keep selling meanwhile); nobody joins after `latest` (default: `today`). ImportRefused
    when a row is bad, unless `skip_bad`. The template's Indonesian headings are read as the
    field names."""
    table = table.renamed(MEMBER_HEADINGS)
    missing = [c for c in REQUIRED_COLUMNS if c not in table.header]
    if missing:
        raise missing_columns(missing, MEMBER_COLUMNS)
    problems: list[RowProblem] = []
    good: list[tuple[int, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    seen_nik: dict[str, tuple[int, str]] = {}
    for number, row in zip(table.numbers, table.rows, strict=True):
        values, row_problems = parse_member_row(row, today, latest)
        key = values.get("number")
        if key in seen:
            duplicate = GeraiError("import.duplicate_in_file", value=key, row=seen[key])
            row_problems.append(("number", duplicate))
        if key:
            seen.setdefault(key, number)
        nik = values.get("nik")
        if nik and key:
            first = seen_nik.setdefault(nik, (number, key))
            owner = nik_owner(session, nik, not_number=key)
            if first[1] != key:
                row_problems.append(
                    ("nik", GeraiError("import.duplicate_in_file", value=nik, row=first[0]))
                )
            elif owner is not None:
                row_problems.append(("nik", GeraiError("members.nik_taken", nik=nik, owner=owner)))
        if row_problems:
            problems.extend(RowProblem(number, c, e) for c, e in row_problems)
        else:
            good.append((number, values))
    if problems and not skip_bad:
        raise ImportRefused(problems)
    return StagedMembers(good, problems, skip_bad)


def apply_members(
    session: Session,
    staged: StagedMembers,
    *,
    actor: Actor | None = None,
    now: datetime | None = None,
) -> ImportReport:
    """Create or update the staged members by number in the caller's write transaction. A NIK
    registered to another member since the check refuses the import (or skips the row with
    `skip_bad`). With an `actor` (and `now`), the import needs the `members` permission and
    goes on the audit trail."""
    if actor is not None:
        assert now is not None
        authorize(session, actor, Permission.MEMBERS, now=now)
    owners = {
        nik: owner
        for nik, owner in session.exec(
            select(Member.nik, Member.number).where(col(Member.nik).is_not(None))
        )
    }
    late = [
        RowProblem(number, "nik", GeraiError("members.nik_taken", nik=nik, owner=owner))
        for number, values in staged.good
        if (nik := values.get("nik"))
        and (owner := owners.get(nik, values["number"])).upper() != values["number"]
    ]
    if late and not staged.skip_bad:
        raise ImportRefused([*staged.problems, *late])
    late_rows = {problem.row for problem in late}
    problems = [*staged.problems, *late]
    report = ImportReport(skipped=problems)
    existing = {m.number.upper(): m for m in session.exec(select(Member))}
    written: list[Member] = []
    for values in (v for number, v in staged.good if number not in late_rows):
        member = existing.get(values["number"])
        if member is None:
            written.append(Member(**values))
            session.add(written[-1])
            report.created += 1
        else:
            for key, value in values.items():
                setattr(member, key, value)
            session.add(member)
            written.append(member)
            report.updated += 1
    session.flush()
    if actor is not None and now is not None:
        seal(session, MEMBER, [member.id for member in written], actor=actor.name, at=now)
    if actor is not None and now is not None:
        audit.record(
            session, kind=AuditKind.MEMBERS_IMPORTED, actor=actor.name, at=now,
            detail={"created": report.created, "updated": report.updated,
                    "skipped_rows": len({p.row for p in problems})},
        )  # fmt: skip
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
