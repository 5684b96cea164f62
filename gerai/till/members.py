"""The till's member verbs: the register (pages, form, save, deactivate), a member's savings,
kasbon and payments, member money at the counter (savings, kasbon repayment) and the member
settings (discounts, savings amounts)."""

from __future__ import annotations

from dataclasses import dataclass

from gerai.core.errors import GeraiError
from gerai.models import MemberPayment
from gerai.services.importing import ImportReport
from gerai.services.members.import_export import StagedMembers, apply_members, stage_members
from gerai.services.members.kasbon import (
    KasbonRow,
    KasbonStatement,
    available_credit,
    kasbon_list,
    outstanding,
    repay,
    statement,
)
from gerai.services.members.lookup import MemberInfo, get_member, member_page
from gerai.services.members.register import (
    MemberForm,
    member_form,
    save_member,
    set_member_active,
)
from gerai.services.members.savings import SavingsBalance, savings_balance, take_savings
from gerai.services.members.settings import (
    CategoryDiscount,
    category_discounts,
    set_category_discount,
    set_global_discount,
    set_savings_amounts,
)
from gerai.services.members.slips import recent_payments
from gerai.services.shop.auth import Approval
from gerai.services.shop.profile import ShopProfile, load_shop
from gerai.tabular import Table
from gerai.till.base import TillBase


@dataclass(frozen=True)
class MemberOverview:
    """A member with their savings, kasbon statement and latest payments."""

    member: MemberInfo
    balance: SavingsBalance
    kasbon: KasbonStatement
    payments: list[MemberPayment]


class MemberVerbs(TillBase):
    """The members' register and their money."""

    def member_page(
        self,
        query: str,
        *,
        inactive: bool,
        after: tuple[str, int] | None,
        before: tuple[str, int] | None,
        limit: int,
    ) -> list[MemberInfo]:
        """A page of the register."""
        with self.database.read() as session:
            return member_page(
                session, query, inactive=inactive, after=after, before=before, limit=limit
            )

    def stage_members(self, table: Table, *, skip_bad: bool) -> StagedMembers:
        """Check a members file, reading only (the tills keep selling meanwhile)."""
        with self.database.read() as session:
            today = load_shop(session).business_date(self.clock())
            return stage_members(session, table, today, skip_bad)

    def import_members(self, staged: StagedMembers) -> ImportReport:
        """Create or update the checked members in one short transaction, audited."""
        with self.database.write() as session:
            return apply_members(session, staged, actor=self.actor, now=self.clock())

    def member_form(self, member_id: int | None) -> MemberForm:
        """The form of a member (a blank one for a new member)."""
        if member_id is None:
            return MemberForm()
        with self.database.read() as session:
            return member_form(session, member_id)

    def save_member(
        self, form: MemberForm, member_id: int | None, approval: Approval | None
    ) -> int:
        """Save a new or changed member; their id."""
        with self.database.write() as session:
            now = self.clock()
            return save_member(
                session, self.actor, form, now=now, today=self.shop.business_date(now),
                member_id=member_id, approval=approval,
            )  # fmt: skip

    def set_member_active(self, member_id: int, active: bool, approval: Approval | None) -> None:
        """Deactivate or reactivate a member."""
        with self.database.write() as session:
            set_member_active(
                session, self.actor, member_id, active, now=self.clock(), approval=approval
            )

    def member_overview(self, member_id: int, payments: int) -> MemberOverview:
        """A member, their savings, kasbon and their latest `payments` payments."""
        with self.database.read() as session:
            member = get_member(session, member_id)
            if member is None:
                raise GeraiError("members.missing", id=member_id)
            return MemberOverview(
                member,
                savings_balance(session, member.id),
                statement(session, member, self.today()),
                recent_payments(session, member.id, payments),
            )

    def savings_balance(self, member_id: int) -> SavingsBalance:
        """A member's savings."""
        with self.database.read() as session:
            return savings_balance(session, member_id)

    def kasbon_outstanding(self, member_id: int) -> int:
        """What a member owes."""
        with self.database.read() as session:
            return outstanding(session, member_id)

    def available_credit(self, member: MemberInfo) -> int:
        """What `member` may still take on kasbon now."""
        with self.database.read() as session:
            return available_credit(session, member)

    def kasbon_list(self) -> list[KasbonRow]:
        """Every member who owes, with the aging of their debt."""
        with self.database.read() as session:
            return kasbon_list(session, self.today())

    def take_savings(
        self,
        member_id: int,
        kind: str,
        amount: int | None,
        months: int,
        method: str,
        approval: Approval | None,
    ) -> str:
        """A savings payment or withdrawal at this till; its slip number (its slip job commits
        with it)."""
        with self.database.write() as session:
            number = take_savings(
                session, self.actor, member_id, kind, till=self.till_id, now=self.clock(),
                shop=self.shop, amount=amount, months=months, method=method, approval=approval,
            ).number  # fmt: skip
            self.printer.queue_member_slip(session, number)
            return number

    def repay_kasbon(
        self, member_id: int, amount: int | None, method: str, approval: Approval | None
    ) -> str:
        """A kasbon repayment at this till (None: the whole debt); its slip number."""
        with self.database.write() as session:
            if amount is None:
                amount = outstanding(session, member_id)
            number = repay(
                session, self.actor, member_id, amount, till=self.till_id, now=self.clock(),
                shop=self.shop, method=method, approval=approval,
            ).number  # fmt: skip
            self.printer.queue_member_slip(session, number)
            return number

    def member_settings(self) -> tuple[ShopProfile, list[CategoryDiscount]]:
        """The shop's member settings and each category's member discount."""
        with self.database.read() as session:
            return load_shop(session), category_discounts(session)

    def save_member_settings(
        self,
        global_bp: int,
        pokok: int,
        wajib: int,
        categories: dict[int, int | None],
        approval: Approval | None,
    ) -> ShopProfile:
        """Change the member discount, the savings amounts and the category discounts given;
        this till prices with them at once."""
        with self.database.write() as session:
            now = self.clock()
            set_global_discount(session, self.actor, global_bp, now=now, approval=approval)
            set_savings_amounts(session, self.actor, pokok, wajib, now=now, approval=approval)
            for category_id, bp in categories.items():
                set_category_discount(
                    session, self.actor, category_id, bp, now=now, approval=approval
                )
            shop = load_shop(session)
        self.adopt_shop(shop)
        return shop
