"""The member settings: the shop's global member discount and each category's own (none = the
global one applies), and the savings amounts (simpanan pokok, monthly simpanan wajib). A
product's member price (harga anggota) is kept with the product. Which price wins is
`pricing.member_unit_price`'s rule (SPEC §5). Each change needs the `settings` permission and
goes on the audit trail with the old and new values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, select

from gerai.core.errors import GeraiError
from gerai.core.money import parse_basis_points
from gerai.core.words import AuditKind, Permission
from gerai.models import CATEGORY, Category, Product
from gerai.services.audit import trail as audit
from gerai.services.audit.seals import seal
from gerai.services.members.savings import check_amount
from gerai.services.shop.auth import Actor, Approval, authorize
from gerai.services.shop.profile import ShopProfile, load_shop, store_shop_settings

MAX_BP = 10_000


@dataclass(frozen=True)
class CategoryDiscount:
    """A category, its own member discount (None: the global one applies) and how many of
    its products carry their own member price."""

    id: int
    name: str
    discount_bp: int | None
    member_prices: int


def format_percent(bp: int | None) -> str:
    """`250` -> `2,5`; None -> empty."""
    if bp is None:
        return ""
    whole, rest = divmod(bp, 100)
    return f"{whole}" if not rest else f"{whole},{rest:02d}".rstrip("0")


def parse_percent(text: str, optional: bool) -> int | None:
    """What a person types as a member discount (`2`, `2,5`, `2.5%`) in basis points; empty
    is None when `optional`. GeraiError for anything else."""
    if not text.strip():
        if optional:
            return None
        raise GeraiError("members.percent_required")
    try:
        return parse_basis_points(text)
    except ValueError as exc:
        raise GeraiError("members.bad_percent", value=text.strip()) from exc


def _check_bp(bp: int | None) -> None:
    if bp is not None and not 0 <= bp <= MAX_BP:
        raise GeraiError("members.bad_percent", value=format_percent(bp))


def category_discounts(session: Session) -> list[CategoryDiscount]:
    """Every category with its member discount, by name."""
    member_prices = dict(
        session.exec(
            select(Product.category_id, func.count())
            .where(col(Product.member_price).is_not(None))
            .group_by(col(Product.category_id))
        ).all()
    )
    return [
        CategoryDiscount(c.id, c.name, c.member_discount_bp, int(member_prices.get(c.id, 0)))
        for c in session.exec(select(Category).order_by(col(Category.name)))
        if c.id is not None
    ]


def set_global_discount(
    session: Session,
    actor: Actor,
    bp: int,
    *,
    now: datetime,
    approval: Approval | None = None,
) -> ShopProfile:
    """Set the shop's global member discount (basis points); returns the new profile."""
    by = authorize(session, actor, Permission.SETTINGS, now=now, approval=approval)
    _check_bp(bp)
    old = load_shop(session).member_discount_bp
    shop = store_shop_settings(session, by=by, at=now, member_discount_bp=bp)
    if old != bp:
        audit.record(
            session, kind=AuditKind.MEMBER_DISCOUNT_CHANGED, actor=by, at=now, ref="global",
            detail={"old_bp": old, "new_bp": bp},
        )  # fmt: skip
    return shop


def set_category_discount(
    session: Session,
    actor: Actor,
    category_id: int,
    bp: int | None,
    *,
    now: datetime,
    approval: Approval | None = None,
) -> None:
    """Set a category's member discount (basis points), or None to follow the global one."""
    by = authorize(session, actor, Permission.SETTINGS, now=now, approval=approval)
    _check_bp(bp)
    category = session.get(Category, category_id)
    if category is None:
        raise GeraiError("members.no_category", id=category_id)
    old = category.member_discount_bp
    if old == bp:
        return
    category.member_discount_bp = bp
    session.add(category)
    session.flush()
    seal(session, CATEGORY, [category_id], actor=by, at=now)
    audit.record(
        session, kind=AuditKind.MEMBER_DISCOUNT_CHANGED, actor=by, at=now, ref=category.name,
        detail={"old_bp": old, "new_bp": bp},
    )  # fmt: skip


def set_savings_amounts(
    session: Session,
    actor: Actor,
    pokok: int,
    wajib: int,
    *,
    now: datetime,
    approval: Approval | None = None,
) -> ShopProfile:
    """Set the simpanan pokok and the monthly simpanan wajib (whole Rupiah, more than 0)."""
    by = authorize(session, actor, Permission.SETTINGS, now=now, approval=approval)
    for amount in (pokok, wajib):
        check_amount(amount)
    old = load_shop(session)
    shop = store_shop_settings(session, by=by, at=now, savings_pokok=pokok, savings_wajib=wajib)
    if (old.savings_pokok, old.savings_wajib) != (pokok, wajib):
        audit.record(
            session, kind=AuditKind.SAVINGS_AMOUNTS_CHANGED, actor=by, at=now, ref="shop",
            detail={"pokok": [old.savings_pokok, pokok], "wajib": [old.savings_wajib, wajib]},
        )  # fmt: skip
    return shop
