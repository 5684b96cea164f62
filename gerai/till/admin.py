"""The till's verbs about people and the house: login and logout, approvals, users, the shop's
settings (and a new shop's setup) and the audit trail."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from gerai.core.words import Permission, Role
from gerai.services.audit.log import AuditFilter, audit_choices, audit_page
from gerai.services.audit.trail import AuditRow
from gerai.services.audit.verify import (
    Progress,
    Verification,
    mark_checked,
    verify,
    verify_since_last_check,
)
from gerai.services.audit.witness import Witness, current_witness
from gerai.services.members.import_export import StagedMembers, apply_members
from gerai.services.shop.auth import Actor, Approval, authorize, elevate, login, logout
from gerai.services.shop.profile import (
    ShopProfile,
    audit_till_settings,
    check_shop_settings,
    save_shop_settings,
    shop_is_named,
)
from gerai.services.shop.users import (
    UserInfo,
    add_user,
    change_pin,
    change_role,
    has_admin,
    has_users,
    list_users,
    set_active,
)
from gerai.services.stock.import_export import StagedProducts, apply_staged
from gerai.settings import write_settings_file
from gerai.till.base import TillBase


class AdminVerbs(TillBase):
    """Who works the till, and what they may see and change."""

    def has_users(self) -> bool:
        """True when anyone can log in."""
        with self.database.read() as session:
            return has_users(session)

    def login(self, name: str, pin: str) -> Actor:
        """Log `name` in with their PIN (a wrong PIN counts and is audited)."""
        with self.database.write() as session:
            self._actor = login(session, name, pin, now=self.clock())
        return self._actor

    def logout(self) -> None:
        """Record the logout; the cart (and its member) is emptied."""
        with self.database.write() as session:
            logout(session, self.actor, now=self.clock())
        self.cart.clear()
        self._actor = None

    def approve(self, permission: Permission, approval: Approval) -> Approval:
        """Check a supervisor's approval of `permission` for the actor (a wrong PIN counts and
        is audited); the approval, for the verb that then needs it."""
        with self.database.write() as session:
            authorize(session, self.actor, permission, now=self.clock(), approval=approval)
        return approval

    def elevate(self, permission: Permission, approval: Approval) -> Actor:
        """The supervisor who gave their PIN for `permission`, to work a supervisor's screen."""
        with self.database.write() as session:
            return elevate(session, self.actor, permission, now=self.clock(), approval=approval)

    def users(self) -> list[UserInfo]:
        """Every user."""
        with self.database.read() as session:
            return list_users(session)

    def add_user(
        self, acting: Actor, name: str, full_name: str, role: str, pin: str, pin_again: str
    ) -> UserInfo:
        """A new user (by `acting`, an admin)."""
        with self.database.write() as session:
            return add_user(
                session, acting, name, full_name, role, pin, pin_again, now=self.clock()
            )

    def change_pin(self, acting: Actor, name: str, pin: str, pin_again: str) -> None:
        """A new PIN for `name` (unlocks them too)."""
        with self.database.write() as session:
            change_pin(session, acting, name, pin, pin_again, now=self.clock())

    def change_role(self, acting: Actor, name: str, role: str) -> None:
        """Another role for `name`."""
        with self.database.write() as session:
            change_role(session, acting, name, role, now=self.clock())

    def set_user_active(self, acting: Actor, name: str, active: bool) -> None:
        """Deactivate or reactivate `name`."""
        with self.database.write() as session:
            set_active(session, acting, name, active, now=self.clock())

    def save_shop(self, values: dict[str, object], acting: Actor | None = None) -> ShopProfile:
        """Change some of the shop's settings (validated together, audited with the old and new
        values) by `acting` (an admin working a screen; by default the actor); this till works
        with them at once."""
        with self.database.write() as session:
            shop = save_shop_settings(session, acting or self.actor, now=self.clock(), **values)
        self.adopt_shop(shop)
        return shop

    def setup_needed(self) -> bool:
        """True for a new shop: its name is not stored yet, or no admin can log in."""
        with self.database.read() as session:
            return not (shop_is_named(session) and has_admin(session))

    def shop_named(self) -> bool:
        """True once the shop's name is stored."""
        with self.database.read() as session:
            return shop_is_named(session)

    def has_admin(self) -> bool:
        """True when an active admin can log in."""
        with self.database.read() as session:
            return has_admin(session)

    def check_shop(self, values: dict[str, object]) -> ShopProfile:
        """The shop's settings as `values` would make them, checked as saving them checks
        them; nothing is written (a form's step)."""
        return check_shop_settings(self.shop, values)

    def set_up_shop(
        self,
        values: dict[str, object],
        admin: str | None,
        pin: str = "",
        pin_again: str = "",
        *,
        till_settings: dict[str, str] | None = None,
        products: StagedProducts | None = None,
        members: StagedMembers | None = None,
    ) -> ShopProfile:
        """A new shop: its settings, its first admin (None: it has one already), the
        catalogue (its stok awal one `SA` document) and members checked from the templates,
        in one transaction (nothing is written when any of it is refused), and this till's
        own settings (`till`,
        `printer`) in its settings file, audited with their old and new values, written last
        inside the transaction and put back when the commit fails. Bootstrap: no user exists
        yet to log in, so the till that sets up is worked by the command line's operator
        (`auth.SYSTEM`, role admin, the name every record is audited under), as `gerai setup`
        and the first-run wizard open it."""
        undo: Callable[[], None] | None = None
        try:
            with self.database.write() as session:
                now = self.clock()
                shop = save_shop_settings(session, self.actor, now=now, **values)
                if admin is not None:
                    add_user(session, self.actor, admin, "", Role.ADMIN, pin, pin_again, now=now)
                if products is not None:
                    apply_staged(session, products, now, actor=self.actor)
                if members is not None:
                    apply_members(session, members, actor=self.actor, now=now)
                if till_settings:
                    before = {key: str(getattr(self.settings, key)) for key in till_settings}
                    changed = {
                        key: [before[key], value]
                        for key, value in till_settings.items()
                        if before[key] != value
                    }
                    till = till_settings.get("till", self.till_id)
                    audit_till_settings(session, self.actor, now=now, till=till, changed=changed)
                    undo = write_settings_file(self.settings.config_path, till_settings)
        except BaseException:
            if undo is not None:
                undo()
            raise
        self.adopt_shop(shop)
        return shop

    def audit_choices(self) -> tuple[list[str], list[str]]:
        """The actors and kinds the audit trail holds, for its filters."""
        with self.database.read() as session:
            return audit_choices(session)

    def verify_audit(
        self,
        witnesses: Sequence[Witness] = (),
        *,
        full: bool = False,
        progress: Progress | None = None,
        mark: bool = False,
    ) -> Verification:
        """Check the audit trail's chain and documents since the last checkpoint (the whole
        trail when `full`, or when no full check was made this week), and that the file
        still holds each witnessed record (from a signed Z report or daily PDF). With
        `mark` (`gerai audit verify`), an intact trail leaves a checkpoint where this check
        ended."""
        with self.database.read() as session:
            if full:
                result = verify(session, witnesses, progress=progress)
            else:
                result = verify_since_last_check(
                    session, witnesses, now=self.clock(), progress=progress
                )
        if mark and result.intact:
            with self.database.write() as session:
                mark_checked(session, result, actor=self.actor.name, at=self.clock())
        return result

    def audit_witness(self) -> Witness:
        """The audit chain's head now, as the papers print it."""
        with self.database.read() as session:
            return current_witness(session)

    def audit_page(
        self,
        acting: Actor,
        filters: AuditFilter,
        limit: int,
        older_than: int | None = None,
        newer_than: int | None = None,
    ) -> list[AuditRow]:
        """A page of the audit trail, as `acting` may see it."""
        with self.database.read() as session:
            return audit_page(
                session, acting, filters, self.shop, now=self.clock(), limit=limit,
                older_than=older_than, newer_than=newer_than,
            )  # fmt: skip
