"""Keeping the member register: adding a member, editing one, deactivating and reactivating.
Every field is checked as an import row is (`members_io.parse_member_row`); the member number
is unique whatever its case and a NIK belongs to one member only. Each change needs the
`members` permission (a kasir needs a supervisor's PIN) and goes on the audit trail with
what changed."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, func, select

from gerai.core.errors import FormRefused, GeraiError
from gerai.core.money import format_number
from gerai.core.words import AuditKind, Permission
from gerai.models import MEMBER, Member
from gerai.services.audit import trail as audit
from gerai.services.audit.seals import seal
from gerai.services.members.import_export import nik_owner, parse_member_row
from gerai.services.shop.auth import Actor, Approval, authorize


@dataclass(frozen=True)
class MemberForm:
    """A member's fields as typed on the form."""

    number: str = ""
    name: str = ""
    nik: str = ""
    phone: str = ""
    address: str = ""
    join_date: str = ""
    credit_limit: str = "0"
    active: bool = True


class MemberRefused(FormRefused):
    """The form has problems, each with its field; nothing was saved."""

    KEY = "members.not_saved"


def member_form(session: Session, member_id: int) -> MemberForm:
    """The form of an existing member, filled with what is stored."""
    member = _member(session, member_id)
    return MemberForm(
        number=member.number,
        name=member.name,
        nik=member.nik or "",
        phone=member.phone or "",
        address=member.address,
        join_date=member.join_date.isoformat(),
        credit_limit=format_number(member.credit_limit).replace(".", ""),
        active=member.active,
    )


def _member(session: Session, member_id: int) -> Member:
    member = session.get(Member, member_id)
    if member is None:
        raise GeraiError("members.missing", id=member_id)
    return member


def number_owner(session: Session, number: str, member_id: int | None) -> str | None:
    """The name of another member whose number is `number` in any case."""
    return session.exec(
        select(Member.name).where(
            func.upper(Member.number) == number.upper(), col(Member.id) != (member_id or 0)
        )
    ).first()


def _stored(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def save_member(
    session: Session,
    actor: Actor,
    form: MemberForm,
    *,
    now: datetime,
    today: date,
    member_id: int | None = None,
    approval: Approval | None = None,
) -> int:
    """Add a member (`member_id` None) or change one; returns its id. Refused with every
    problem of the form (MemberRefused), nothing written. A new member joins `today` unless
    the form says otherwise."""
    by = authorize(session, actor, Permission.MEMBERS, now=now, approval=approval)
    member = None if member_id is None else _member(session, member_id)
    values, problems = parse_member_row(asdict(form), today)
    number = values.get("number")
    if number and (other := number_owner(session, number, member_id)) is not None:
        problems.append(("number", GeraiError("members.number_taken", number=number, name=other)))
    nik = values.get("nik")
    if nik and (owner := nik_owner(session, nik, not_id=member_id or 0)) is not None:
        problems.append(("nik", GeraiError("members.nik_taken", nik=nik, owner=owner)))
    if problems:
        raise MemberRefused(problems)
    if member is None:
        member = Member(**values)
        session.add(member)
        session.flush()
        seal(session, MEMBER, [member.id], actor=by, at=now)
        audit.record(
            session, kind=AuditKind.MEMBER_ADDED, actor=by, at=now, ref=member.number,
            detail={key: _stored(value) for key, value in values.items()},
        )  # fmt: skip
    else:
        changes = {
            key: [_stored(getattr(member, key)), _stored(value)]
            for key, value in values.items()
            if getattr(member, key) != value
        }
        if changes:
            for key, value in values.items():
                setattr(member, key, value)
            session.add(member)
            session.flush()
            seal(session, MEMBER, [member.id], actor=by, at=now)
            audit.record(
                session, kind=AuditKind.MEMBER_CHANGED, actor=by, at=now, ref=member.number,
                detail=changes,
            )  # fmt: skip
    assert member.id is not None
    return member.id


def set_member_active(
    session: Session,
    actor: Actor,
    member_id: int,
    active: bool,
    *,
    now: datetime,
    approval: Approval | None = None,
) -> None:
    """Deactivate a member (no member prices, no kasbon, no deposits; their history and
    savings stay) or reactivate one."""
    by = authorize(session, actor, Permission.MEMBERS, now=now, approval=approval)
    member = _member(session, member_id)
    if member.active == active:
        return
    member.active = active
    session.add(member)
    session.flush()
    seal(session, MEMBER, [member.id], actor=by, at=now)
    kind = AuditKind.MEMBER_REACTIVATED if active else AuditKind.MEMBER_DEACTIVATED
    audit.record(session, kind=kind, actor=by, at=now, ref=member.number)
