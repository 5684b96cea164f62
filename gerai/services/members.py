"""Finding members at the counter: by member number (or the barcode on a member card),
phone, or name."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, func, or_, select

from gerai.models import Member

SEARCH_LIMIT = 20


@dataclass(frozen=True)
class MemberInfo:
    """What the till needs of a member."""

    id: int
    number: str
    name: str
    phone: str | None
    active: bool
    credit_limit: int


def _info(member: Member) -> MemberInfo:
    assert member.id is not None
    return MemberInfo(
        id=member.id,
        number=member.number,
        name=member.name,
        phone=member.phone,
        active=member.active,
        credit_limit=member.credit_limit,
    )


def find_member(session: Session, key: str) -> MemberInfo | None:
    """The member whose number (any case) or phone is exactly `key`."""
    key = key.strip()
    if not key:
        return None
    member = session.exec(select(Member).where(col(Member.number) == key.upper())).first()
    if member is None:
        member = session.exec(select(Member).where(col(Member.phone) == key)).first()
    return None if member is None else _info(member)


def get_member(session: Session, member_id: int) -> MemberInfo | None:
    """A member by id."""
    member = session.get(Member, member_id)
    return None if member is None else _info(member)


def search_members(session: Session, query: str, limit: int = SEARCH_LIMIT) -> list[MemberInfo]:
    """Members whose number, phone or name contains `query`, exact matches first."""
    query = query.strip()
    if not query:
        return []
    exact = find_member(session, query)
    pattern = f"%{query.lower()}%"
    rows = session.exec(
        select(Member)
        .where(
            or_(
                func.lower(Member.name).like(pattern),
                func.lower(Member.number).like(pattern),
                col(Member.phone).like(pattern),
            )
        )
        .order_by(col(Member.active).desc(), col(Member.name))
        .limit(limit)
    ).all()
    found = [exact] if exact else []
    found.extend(_info(m) for m in rows if exact is None or m.id != exact.id)
    return found[:limit]
