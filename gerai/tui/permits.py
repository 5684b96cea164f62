"""Going on with an action beyond the acting user's role: a supervisor types their name and PIN
(ApprovalScreen), which is checked at once (a wrong PIN counts and is audited), then the
action goes on. The service called afterwards checks the permission again itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.core.words import Role
from gerai.services.shop.auth import (
    PERMISSIONS,
    Actor,
    Approval,
    allows,
    authorize,
    elevate,
)
from gerai.tui.screens.approval import ApprovalScreen

if TYPE_CHECKING:
    from gerai.tui.app import GeraiApp

Granted = TypeVar("Granted")
Fail = Callable[[GeraiError], None]


def _approved(
    app: GeraiApp,
    permission: str,
    check: Callable[[Session, Approval], Granted],
    proceed: Callable[[Granted], object],
    fail: Fail,
) -> None:
    def given(approval: Approval | None) -> None:
        if approval is None:
            return
        try:
            with app.database.write() as session:
                granted = check(session, approval)
        except GeraiError as error:
            fail(error)
            return
        proceed(granted)

    admin_only = PERMISSIONS[permission] == {Role.ADMIN}
    app.push_screen(ApprovalScreen(f"perm.{permission}", admin_only), given)


def with_approval(
    app: GeraiApp, permission: str, proceed: Callable[[Approval | None], object], fail: Fail
) -> None:
    """`proceed(None)` when the actor may do `permission`, else `proceed(approval)` once a
    supervisor's approval was given and checked (the service then records both names)."""
    actor = app.actor
    if allows(actor.role, permission):
        proceed(None)
        return

    def check(session: Session, approval: Approval) -> Approval:
        authorize(session, actor, permission, now=app.clock(), approval=approval)
        return approval

    _approved(app, permission, check, proceed, fail)


def as_supervisor(
    app: GeraiApp, permission: str, proceed: Callable[[Actor], object], fail: Fail
) -> None:
    """`proceed(actor)` with whoever works a supervisor's screen: the actor when allowed, else
    the supervisor who gave their PIN (see `auth.elevate`)."""
    actor = app.actor
    if allows(actor.role, permission):
        proceed(actor)
        return

    def check(session: Session, approval: Approval) -> Actor:
        return elevate(session, actor, permission, now=app.clock(), approval=approval)

    _approved(app, permission, check, proceed, fail)
