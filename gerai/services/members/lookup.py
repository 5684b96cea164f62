"""Finding members at the counter: by member number (or the barcode on a member card),
phone, NIK or name; and the register a page at a time for the members screen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, tuple_
from sqlmodel import Session, col, func, or_, select

from gerai.models import Member

SEARCH_LIMIT = 20
PAGE_SIZE = 30


@dataclass(frozen=True)
class MemberInfo:
    """What the till and the members screen need of a member."""

    id: int
    number: str
    name: str
    phone: str | None
    active: bool
    credit_limit: int
    nik: str | None = None
    address: str = ""
    join_date: date | None = None


def member_info(member: Member) -> MemberInfo:
    """The member row as the till and the screens see it."""
    assert member.id is not None
    return MemberInfo(
        id=member.id,
        number=member.number,
        name=member.name,
        phone=member.phone,
        active=member.active,
        credit_limit=member.credit_limit,
        nik=member.nik,
        address=member.address,
        join_date=member.join_date,
    )


def find_member(session: Session, key: str) -> MemberInfo | None:
    """The member whose number (any case), phone or NIK is exactly `key`."""
    key = key.strip()
    if not key:
        return None
    for column, value in ((Member.number, key.upper()), (Member.phone, key), (Member.nik, key)):
        member = session.exec(select(Member).where(col(column) == value)).first()
        if member is not None:
            return member_info(member)
    return None


def get_member(session: Session, member_id: int) -> MemberInfo | None:
    """A member by id."""
    member = session.get(Member, member_id)
    return None if member is None else member_info(member)


def _matching(query: str) -> ColumnElement[bool] | None:
    """Members whose number, name, phone or NIK contains `query` (any case)."""
    query = query.strip()
    if not query:
        return None
    pattern = f"%{query.lower()}%"
    return or_(
        func.lower(Member.name).like(pattern),
        func.lower(Member.number).like(pattern),
        col(Member.phone).like(pattern),
        col(Member.nik).like(pattern),
    )


def search_members(session: Session, query: str, limit: int = SEARCH_LIMIT) -> list[MemberInfo]:
    """Members whose number, phone, NIK or name contains `query`, exact matches first."""
    matching = _matching(query)
    if matching is None:
        return []
    exact = find_member(session, query)
    rows = session.exec(
        select(Member)
        .where(matching)
        .order_by(col(Member.active).desc(), col(Member.name))
        .limit(limit)
    ).all()
    found = [exact] if exact else []
    found.extend(member_info(m) for m in rows if exact is None or m.id != exact.id)
    return found[:limit]


def member_page(
    session: Session,
    query: str = "",
    *,
    inactive: bool = False,
    after: tuple[str, int] | None = None,
    before: tuple[str, int] | None = None,
    limit: int = PAGE_SIZE,
) -> list[MemberInfo]:
    """One page of the register in (name, id) order, active members (or, when asked, the
    inactive ones) matching `query`: the first page, the page after the (name, id) `after`,
    or the page that ends just before `before`. Keyset paging, so every page costs the same."""
    statement = select(Member).where(col(Member.active) == (not inactive))
    matching = _matching(query)
    if matching is not None:
        statement = statement.where(matching)
    key = tuple_(col(Member.name), col(Member.id))
    if before is not None:
        statement = statement.where(key < tuple_(*before)).order_by(
            col(Member.name).desc(), col(Member.id).desc()
        )
    else:
        if after is not None:
            statement = statement.where(key > tuple_(*after))
        statement = statement.order_by(col(Member.name), col(Member.id))
    rows = [member_info(m) for m in session.exec(statement.limit(limit))]
    return rows[::-1] if before is not None else rows
