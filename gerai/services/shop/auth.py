"""Users, PINs and permissions. A PIN is kept only as a salted scrypt hash; five wrong PINs in a
row lock the user for a while. Every service that changes money, prices or stock calls
`authorize` itself, so no caller (TUI, CLI, a test) can skip the check: an action beyond the
actor's role needs the PIN of a bendahara or admin given at that moment (`Approval`)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam
from sqlalchemy import select as sa_select
from sqlmodel import Session, select

from gerai.core.errors import GeraiError, Refused
from gerai.core.phrases import PERMISSION, Phrase
from gerai.core.pins import PIN_MAX, PIN_MIN
from gerai.core.text import check_text
from gerai.core.words import AuditKind, Permission, Role
from gerai.models import USER, User, utcnow
from gerai.services.audit import trail as audit
from gerai.services.audit.seals import seal
from gerai.services.prepared import Prepared

ROLES = tuple(Role)
SUPERVISORS = frozenset({Role.BENDAHARA, Role.ADMIN})
EVERYONE = frozenset(ROLES)

PERMISSIONS: dict[Permission, frozenset[Role]] = {
    Permission.SELL: EVERYONE,
    Permission.HOLD: EVERYONE,
    Permission.REPRINT: EVERYONE,
    Permission.SAVINGS: EVERYONE,
    Permission.REPAYMENT: EVERYONE,
    Permission.OPEN_SHIFT: EVERYONE,
    Permission.CASH_MOVE: EVERYONE,
    Permission.OPEN_DRAWER: EVERYONE,
    Permission.PRICE_OVERRIDE: SUPERVISORS,
    Permission.MANUAL_DISCOUNT: SUPERVISORS,
    Permission.VOID: SUPERVISORS,
    Permission.RETUR: SUPERVISORS,
    Permission.CLOSE_SHIFT: SUPERVISORS,
    Permission.REPORTS: SUPERVISORS,
    Permission.MEMBERS: SUPERVISORS,
    Permission.STOCK: SUPERVISORS,
    Permission.AUDIT: SUPERVISORS,
    Permission.PRODUCTS: frozenset({Role.ADMIN}),
    Permission.USERS: frozenset({Role.ADMIN}),
    Permission.SETTINGS: frozenset({Role.ADMIN}),
    Permission.KAS: SUPERVISORS,
    Permission.SELL_EXPIRED: SUPERVISORS,
}

MAX_WRONG_PINS = 5
LOCKOUT = timedelta(minutes=5)
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1


@dataclass(frozen=True)
class Actor:
    """Who is acting: the user logged in at the till (from `login`), or the command line's
    operator (`SYSTEM`)."""

    name: str
    role: str


@dataclass(frozen=True)
class Approval:
    """A supervisor's name and PIN typed at the moment of the action."""

    name: str
    pin: str


SYSTEM = Actor("system", Role.ADMIN)


def check_pin_format(pin: str) -> None:
    """Refuse a PIN that is not 4 to 8 digits."""
    if not (pin.isascii() and pin.isdigit() and PIN_MIN <= len(pin) <= PIN_MAX):
        raise GeraiError("auth.pin_format", low=PIN_MIN, high=PIN_MAX)


def check_login_name(name: str) -> str:
    """The login name for `name` (lower case); refused when empty, with a space or too long."""
    login_name = check_text(name.strip().lower())
    if not login_name or " " in login_name or len(login_name) > 60:
        raise GeraiError("auth.bad_name", name=name)
    return login_name


def hash_pin(pin: str) -> str:
    """A salted scrypt hash of `pin`, with its parameters, for storing."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P)
    parts = (_SCRYPT_N, _SCRYPT_R, _SCRYPT_P, base64.b64encode(salt).decode())
    return "$".join(["scrypt", *map(str, parts), base64.b64encode(digest).decode()])


def pin_matches(stored: str, pin: str) -> bool:
    """Whether `pin` is the PIN behind the stored hash (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p)
        )
    except ValueError:
        return False
    return scheme == "scrypt" and hmac.compare_digest(expected, actual)


def find_user(session: Session, name: str) -> User | None:
    """The user with this login name (any case)."""
    return session.exec(select(User).where(User.name == name.strip().lower())).first()


def create_user(
    session: Session,
    actor: Actor,
    name: str,
    role: str,
    pin: str,
    *,
    now: datetime,
    full_name: str = "",
) -> User:
    """Register a user (admins only). Login names are unique, lower case, without spaces."""
    authorize(session, actor, Permission.USERS, now=now)
    login_name = check_login_name(name)
    check_text(full_name)
    if role not in ROLES:
        raise GeraiError("auth.bad_role", role=role, roles=", ".join(ROLES))
    check_pin_format(pin)
    if find_user(session, login_name) is not None:
        raise GeraiError("auth.duplicate_name", name=login_name)
    user = User(
        name=login_name,
        full_name=full_name.strip(),
        role=role,
        pin_hash=hash_pin(pin),
        created_at=now,
    )
    session.add(user)
    session.flush()
    seal(session, USER, [user.id], actor=actor.name, at=now)
    audit.record(
        session, kind=AuditKind.USER_CREATED, actor=actor.name, at=now, ref=login_name,
        detail={"role": role},
    )  # fmt: skip
    return user


def _wrong_pin(name: str, now: datetime, kind: AuditKind, detail: dict[str, str]) -> Refused:
    """The refusal of a wrong PIN: the count (and lockout) and the audit record survive."""

    def aftermath(session: Session) -> None:
        user = find_user(session, name)
        if user is not None:
            user.failed_pins += 1
            if user.failed_pins >= MAX_WRONG_PINS:
                user.locked_until = security_now() + LOCKOUT
                user.failed_pins = 0
            session.add(user)
            seal(session, USER, [user.id], actor=name, at=now)
        audit.record(session, kind=kind, actor=name, at=now, detail=detail)

    return Refused("auth.wrong_pin", aftermath=aftermath)


def security_now() -> datetime:
    """The lockout's clock: the service's own (the machine's UTC time), never a caller's
    `now`, so a till with its clock moved on cannot let a locked user in."""
    return utcnow()


def _check_credentials(
    session: Session, name: str, pin: str, now: datetime, kind: AuditKind
) -> User:
    """The active, unlocked user whose PIN this is; otherwise a refusal that counts. The
    lockout runs on `security_now`; `now` only dates the audit records."""
    user = find_user(session, name)
    clock = security_now()
    if user is not None and user.locked_until is not None and user.locked_until > clock:
        minutes = max(1, int((user.locked_until - clock).total_seconds() + 59) // 60)
        raise GeraiError("auth.locked", name=user.name, count=minutes)
    if user is None or not user.active or not pin_matches(user.pin_hash, pin):
        raise _wrong_pin(name.strip().lower(), now, kind, {"reason": "wrong_pin"})
    if user.failed_pins or user.locked_until is not None:
        user.failed_pins = 0
        user.locked_until = None
        session.add(user)
        seal(session, USER, [user.id], actor=user.name, at=now)
    return user


def login(session: Session, name: str, pin: str, *, now: datetime) -> Actor:
    """The actor for a user name and PIN. Call it inside `Database.write()`: a wrong PIN is
    counted and audited even though the login fails."""
    user = _check_credentials(session, name, pin, now, AuditKind.LOGIN_REFUSED)
    audit.record(session, kind=AuditKind.LOGIN, actor=user.name, at=now, detail={"role": user.role})
    return Actor(user.name, user.role)


def logout(session: Session, actor: Actor, *, now: datetime) -> None:
    """Record that the user left the till (logged out or handed it to another user)."""
    audit.record(session, kind=AuditKind.LOGOUT, actor=actor.name, at=now)


def allows(role: str, permission: Permission) -> bool:
    """Whether `role` may do `permission` on its own (without a supervisor's PIN)."""
    return role in PERMISSIONS[permission]


def authorize(
    session: Session,
    actor: Actor,
    permission: Permission,
    *,
    now: datetime,
    approval: Approval | None = None,
) -> str:
    """Who answers for `permission`: the actor when their role allows it, else the supervisor
    whose PIN was given. Anything else is refused (and audited, even though the caller's
    transaction rolls back)."""
    return _answerable(session, actor, permission, now, approval).name


def elevate(
    session: Session,
    actor: Actor,
    permission: Permission,
    *,
    now: datetime,
    approval: Approval | None = None,
) -> Actor:
    """The actor who works a supervisor's screen (users, audit trail): the actor when their
    role allows `permission`, else the supervisor whose PIN was given, who then acts there in
    their own name (recorded as `supervisor_access`). Refused like `authorize`."""
    answerable = _answerable(session, actor, permission, now, approval)
    if answerable != actor:
        audit.record(
            session, kind=AuditKind.SUPERVISOR_ACCESS, actor=answerable.name, at=now,
            ref=permission, detail={"at_till_of": actor.name},
        )  # fmt: skip
    return answerable


def approved_by(actor: Actor, answerable: str) -> dict[str, str]:
    """The audit detail naming the supervisor who approved an actor's action, if one did."""
    return {} if answerable == actor.name else {"approved_by": answerable}


_ACTIVE_AND_ROLE = Prepared(
    sa_select(USER.c.active, USER.c.role).where(USER.c.name == bindparam("name"))
)


def stored_actor(session: Session, actor: Actor, *, now: datetime) -> Actor:
    """The acting user as the database holds them, read in the caller's transaction: the
    user must exist, be active and still hold the role the till knows them by (a role
    changed since the login: log in again). The command line's operator (`SYSTEM`, this very
    object, not a look-alike) has no user row. Anything else is refused and audited."""
    if actor is SYSTEM:
        return actor
    session.flush()  # a user changed in this session is read as changed
    user = _ACTIVE_AND_ROLE.first(session, {"name": actor.name.strip().lower()})
    if user is not None and user[0] and user[1] == actor.role:
        return actor

    def aftermath(session: Session) -> None:
        audit.record(
            session, kind=AuditKind.PERMISSION_REFUSED, actor=actor.name, at=now,
            detail={"role": actor.role, "reason": "unknown_actor"},
        )  # fmt: skip

    key = "auth.role_changed" if user is not None and user[0] else "auth.unknown_actor"
    raise Refused(key, aftermath=aftermath, name=actor.name)


def _answerable(
    session: Session, actor: Actor, permission: Permission, now: datetime, approval: Approval | None
) -> Actor:
    actor = stored_actor(session, actor, now=now)
    if allows(actor.role, permission):
        return actor
    if approval is None:
        raise _refusal(actor, permission, now, None)
    supervisor = _check_credentials(
        session, approval.name, approval.pin, now, AuditKind.APPROVAL_REFUSED
    )
    if not allows(supervisor.role, permission):
        raise _refusal(actor, permission, now, supervisor.name)
    return Actor(supervisor.name, supervisor.role)


def _refusal(actor: Actor, permission: Permission, now: datetime, approver: str | None) -> Refused:
    def aftermath(session: Session) -> None:
        audit.record(
            session, kind=AuditKind.PERMISSION_REFUSED, actor=actor.name, at=now,
            detail={"permission": permission, "role": actor.role, "approver": approver or ""},
        )  # fmt: skip

    key = "auth.admin_only" if PERMISSIONS[permission] == {Role.ADMIN} else "auth.not_allowed"
    return Refused(key, aftermath=aftermath, permission=Phrase(PERMISSION[permission]))
