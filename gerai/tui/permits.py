"""The one approval path of every screen: going on with an action beyond the acting user's
role. A supervisor types their name and PIN (ApprovalScreen), which the till checks at once (a
wrong PIN counts, is audited and is typed again in the dialog), then the action goes on. The
service called afterwards checks the permission again itself."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from gerai.core.errors import GeraiError
from gerai.core.phrases import PERMISSION
from gerai.core.words import Permission, Role
from gerai.services.shop.auth import PERMISSIONS, Actor, Approval, allows
from gerai.tui.screens.approval import ApprovalScreen

if TYPE_CHECKING:
    from gerai.tui.app import GeraiApp

Fail = Callable[[GeraiError], None]


def _approved(
    app: GeraiApp,
    permission: Permission,
    check: Callable[[Approval], object],
    proceed: Callable[[Any], object],
    fail: Fail,
) -> Awaitable[object]:
    admin_only = PERMISSIONS[permission] == {Role.ADMIN}
    return app.push_screen(
        ApprovalScreen(PERMISSION[permission], admin_only, check, fail, approved=proceed)
    )


def with_approval(
    app: GeraiApp, permission: Permission, proceed: Callable[[Approval | None], object], fail: Fail
) -> None:
    """`proceed(None)` when the actor may do `permission`, else `proceed(approval)` once a
    supervisor's approval was given and checked (the service then records both names)."""
    if allows(app.till.actor.role, permission):
        proceed(None)
        return
    _approved(app, permission, lambda a: app.till.approve(permission, a), proceed, fail)


async def open_with_approval(
    app: GeraiApp,
    permission: Permission,
    open_screen: Callable[[Approval | None], Awaitable[object]],
    fail: Fail,
) -> None:
    """`with_approval` for a key that opens a screen (`open_screen` pushes it), run from a
    priority binding: the app reads no other key until that screen, or the approval dialog
    asked first, is mounted, so the keys typed right after land in it."""
    if allows(app.till.actor.role, permission):
        await open_screen(None)
        return
    await _approved(app, permission, lambda a: app.till.approve(permission, a), open_screen, fail)


def as_supervisor(
    app: GeraiApp, permission: Permission, proceed: Callable[[Actor], object], fail: Fail
) -> None:
    """`proceed(actor)` with whoever works a supervisor's screen: the actor when allowed, else
    the supervisor who gave their PIN (see `auth.elevate`)."""
    actor = app.till.actor
    if allows(actor.role, permission):
        proceed(actor)
        return
    _approved(app, permission, lambda a: app.till.elevate(permission, a), proceed, fail)
