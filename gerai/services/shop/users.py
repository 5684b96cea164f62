"""The admin's work on users: list them, add one (PIN typed twice), set a new PIN (which also
unlocks a locked user), change a role, deactivate or reactivate. Every change needs the
`users` permission and is audited. The shop never loses its last active admin, and nobody
deactivates themselves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from gerai.core.errors import GeraiError
from gerai.core.words import AuditKind, Permission, Role
from gerai.models import USER, User
from gerai.services.audit import trail as audit
from gerai.services.audit.seals import seal
from gerai.services.shop.auth import (
    ROLES,
    Actor,
    authorize,
    check_pin_format,
    create_user,
    find_user,
    hash_pin,
)


@dataclass(frozen=True)
class UserInfo:
    """A user as the users screen lists them (never the PIN hash)."""

    name: str
    full_name: str
    role: str
    active: bool
    locked_until: datetime | None


def list_users(session: Session) -> list[UserInfo]:
    """Every user, active ones first, by name."""
    users = session.exec(select(User).order_by(col(User.active).desc(), col(User.name)))
    return [UserInfo(u.name, u.full_name, u.role, u.active, u.locked_until) for u in users]


def full_names(session: Session, names: list[str]) -> list[str]:
    """The people behind login names, in the same order: their full name, else the login
    name (a name gerai does not know, e.g. `gerai`, stays as it is)."""
    known = dict(
        session.exec(select(User.name, User.full_name).where(col(User.name).in_(names))).all()
    )
    return [known.get(name) or name for name in names]


def has_users(session: Session) -> bool:
    """True when at least one user can log in (a new shop has none until the owner adds one)."""
    return session.exec(select(func.count()).where(col(User.active))).one() > 0


def check_new_pin(pin: str, again: str) -> None:
    """Refuse a new PIN of the wrong form, or typed twice differently."""
    check_pin_format(pin)
    if pin != again:
        raise GeraiError("users.pin_mismatch")


def has_admin(session: Session) -> bool:
    """True when an active admin can log in (a new shop has none until its setup)."""
    return _active_admins(session) > 0


def _user(session: Session, name: str) -> User:
    user = find_user(session, name)
    if user is None:
        raise GeraiError("users.unknown", name=name.strip())
    return user


def _active_admins(session: Session) -> int:
    return session.exec(
        select(func.count()).where(col(User.role) == Role.ADMIN, col(User.active))
    ).one()


def add_user(
    session: Session,
    actor: Actor,
    name: str,
    full_name: str,
    role: str,
    pin: str,
    pin_again: str,
    *,
    now: datetime,
) -> UserInfo:
    """Register a user; the PIN is typed twice and must match."""
    authorize(session, actor, Permission.USERS, now=now)
    check_new_pin(pin, pin_again)
    user = create_user(session, actor, name, role, pin, now=now, full_name=full_name)
    return UserInfo(user.name, user.full_name, user.role, user.active, None)


def change_pin(
    session: Session, actor: Actor, name: str, pin: str, pin_again: str, *, now: datetime
) -> None:
    """Give a user a new PIN (typed twice); a locked user is unlocked."""
    authorize(session, actor, Permission.USERS, now=now)
    user = _user(session, name)
    check_new_pin(pin, pin_again)
    user.pin_hash = hash_pin(pin)
    user.failed_pins, user.locked_until = 0, None
    session.add(user)
    seal(session, USER, [user.id], actor=actor.name, at=now)
    audit.record(session, kind=AuditKind.USER_PIN_CHANGED, actor=actor.name, at=now, ref=user.name)


def change_role(session: Session, actor: Actor, name: str, role: str, *, now: datetime) -> None:
    """Give a user another role; the last active admin stays an admin."""
    authorize(session, actor, Permission.USERS, now=now)
    user = _user(session, name)
    if role not in ROLES:
        raise GeraiError("auth.bad_role", role=role, roles=", ".join(ROLES))
    if role == user.role:
        return
    if user.role == Role.ADMIN and user.active and _active_admins(session) == 1:
        raise GeraiError("users.last_admin", name=user.name)
    audit.record(
        session, kind=AuditKind.USER_ROLE_CHANGED, actor=actor.name, at=now, ref=user.name,
        detail={"before": user.role, "after": role},
    )  # fmt: skip
    user.role = role
    session.add(user)
    seal(session, USER, [user.id], actor=actor.name, at=now)


def set_active(session: Session, actor: Actor, name: str, active: bool, *, now: datetime) -> None:
    """Deactivate a user (they can no longer log in or approve) or reactivate one. Nobody
    deactivates themselves, and the last active admin stays."""
    authorize(session, actor, Permission.USERS, now=now)
    user = _user(session, name)
    if user.active == active:
        return
    if not active:
        if user.name == actor.name:
            raise GeraiError("users.not_yourself")
        if user.role == Role.ADMIN and _active_admins(session) == 1:
            raise GeraiError("users.last_admin", name=user.name)
    user.active = active
    session.add(user)
    seal(session, USER, [user.id], actor=actor.name, at=now)
    kind = AuditKind.USER_REACTIVATED if active else AuditKind.USER_DEACTIVATED
    audit.record(session, kind=kind, actor=actor.name, at=now, ref=user.name)
