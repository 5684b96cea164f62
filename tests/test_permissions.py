"""Permissions are enforced by the services themselves: the role matrix (every permission ×
every role, called straight through the service that needs it), supervisor approval, and the
audit record each service writes in its own transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.core.words import CashDirection, Permission, Role
from gerai.db import Database
from gerai.services.audit import trail as audit
from gerai.services.audit.log import AuditFilter, audit_page
from gerai.services.cash.shifts import close_shift, current_shift, move_cash, open_shift
from gerai.services.cash.till_actions import open_drawer, record_reprint
from gerai.services.sale.cart import Cart
from gerai.services.sale.checkout import Tender, checkout
from gerai.services.sale.held import hold_cart, recall_cart
from gerai.services.shop.auth import (
    PERMISSIONS,
    ROLES,
    Actor,
    Approval,
    authorize,
    find_user,
)
from gerai.services.shop.profile import ShopProfile, load_shop, save_shop_settings
from gerai.services.shop.users import add_user
from gerai.services.stock.catalog import find_by_code
from gerai.services.stock.count import confirm_count, write_off
from gerai.services.stock.products import product_form, save_product
from gerai.services.stock.receiving import ReceiveLine, receive_goods
from gerai.services.stock.repack import repack
from tests.conftest import (
    CASHIER,
    NOW,
    OWNER,
    OWNER_PIN,
    TREASURER,
    TREASURER_PIN,
    audit_events,
    tamper,
)
from tests.stock_helpers import snapshot, supplier

ACTORS = {Role.KASIR: CASHIER, Role.BENDAHARA: TREASURER, Role.ADMIN: OWNER}


def one_cart(session: Session, code: str = "MYK-1L") -> Cart:
    product = find_by_code(session, code)
    assert product is not None
    cart = Cart()
    cart.add(product, Decimal(1))
    return cart


def sell(session: Session, actor: Actor) -> None:
    checkout(
        session, one_cart(session), [Tender("tunai")], till="K1", actor=actor, now=NOW,
    )  # fmt: skip


def edit_sphp(session: Session, actor: Actor, approval: Approval | None = None) -> None:
    sphp = find_by_code(session, "BRS-SPHP5")
    assert sphp is not None
    form = replace(product_form(session, sphp.id), price="62000")
    save_product(session, form, actor=actor, at=NOW, product_id=sphp.id, approval=approval)


def close_k1(session: Session, actor: Actor) -> None:
    shift = current_shift(session, "K1")
    assert shift is not None and shift.id is not None
    close_shift(session, shift.id, {100_000: 5}, "", actor, NOW)


# one call per permission that a service of this issue enforces; the others (savings,
# kasbon repayments, price override, manual discount, void, retur, members, reports) belong to
# the services of their own issues and are checked there
SERVICES: dict[Permission, Callable[[Session, Actor], Any]] = {
    Permission.SELL: sell,
    Permission.HOLD: lambda s, a: hold_cart(s, one_cart(s), "K1", a, NOW),
    Permission.REPRINT: lambda s, a: (
        sell(s, OWNER),
        record_reprint(s, a, "K1-20251130-0001", now=NOW),
    ),
    Permission.OPEN_SHIFT: lambda s, a: open_shift(s, "K3", a, 100_000, NOW, load_shop(s)),
    Permission.CASH_MOVE: lambda s, a: move_cash(
        s, "K1", CashDirection.IN, 10_000, "uang kecil", a, NOW
    ),
    Permission.OPEN_DRAWER: lambda s, a: open_drawer(s, a, "K1", now=NOW),
    Permission.CLOSE_SHIFT: close_k1,
    Permission.PRODUCTS: edit_sphp,
    Permission.STOCK: lambda s, a: write_off(
        s, "MYK-1L", 1, "bocor", actor=a, at=NOW, shop=load_shop(s)
    ),
    Permission.SETTINGS: lambda s, a: save_shop_settings(s, a, now=NOW, footer="Terima kasih"),
    Permission.USERS: lambda s, a: add_user(
        s, a, "budi", "Budi", Role.KASIR, "4321", "4321", now=NOW
    ),
    Permission.AUDIT: lambda s, a: audit_page(s, a, AuditFilter(), load_shop(s), now=NOW, limit=10),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("permission", sorted(SERVICES))
def test_the_role_matrix_through_the_services(
    db: Database, permission: Permission, role: str
) -> None:
    actor = ACTORS[role]
    allowed = role in PERMISSIONS[permission]
    before = snapshot(db)
    if allowed:
        with db.write() as session:
            SERVICES[permission](session, actor)
        return
    with pytest.raises(GeraiError) as refused, db.write() as session:
        SERVICES[permission](session, actor)
    assert refused.value.key in {"auth.not_allowed", "auth.admin_only"}
    after = snapshot(db)
    # nothing of the action was written; only the refusal's audit record
    assert after["products"] == before["products"]
    changed = {k for k, n in after["counts"].items() if n != before["counts"][k]}
    assert changed == {"auditrecord"}
    with db.read() as session:
        last = list(audit.rows(session))[-1]
    assert (last.kind, last.actor) == ("permission_refused", actor.name)
    assert last.data()["permission"] == permission


def test_every_permission_has_a_role_and_the_kasir_lacks_every_supervisor_one() -> None:
    supervisor_only = {p for p, roles in PERMISSIONS.items() if Role.KASIR not in roles}
    assert {
        Permission.VOID, Permission.RETUR, Permission.PRICE_OVERRIDE,
        Permission.MANUAL_DISCOUNT, Permission.CLOSE_SHIFT,
    } <= supervisor_only  # fmt: skip
    assert {Permission.PRODUCTS, Permission.USERS, Permission.SETTINGS} == {
        p for p, roles in PERMISSIONS.items() if roles == {Role.ADMIN}
    }
    assert all(roles for roles in PERMISSIONS.values())


@pytest.mark.parametrize(
    "permission", ["void", "retur", "price_override", "manual_discount", "reports", "members"]
)
def test_the_other_supervisor_actions_need_a_pin_too(db: Database, permission: str) -> None:
    with pytest.raises(GeraiError) as refused, db.write() as session:
        authorize(session, CASHIER, permission, now=NOW)
    assert refused.value.key == "auth.not_allowed"
    with db.write() as session:
        assert authorize(session, CASHIER, permission, now=NOW, approval=TREASURER_PIN) == (
            "bendahara"
        )


def test_a_kasir_with_an_admins_pin_may_change_a_price_but_not_with_a_bendaharas(
    db: Database,
) -> None:
    with pytest.raises(GeraiError) as refused, db.write() as session:
        edit_sphp(session, CASHIER, TREASURER_PIN)
    assert refused.value.key == "auth.admin_only"
    with db.write() as session:
        edit_sphp(session, CASHIER, OWNER_PIN)
    with db.read() as session:
        records = [(r.kind, r.actor) for r in audit_events(session)][-3:]
        changed = [r for r in audit.rows(session) if r.kind == "product_changed"][-1]
    assert records == [
        ("permission_refused", "kasir"),
        ("price_changed", "kasir"),
        ("product_changed", "kasir"),
    ]
    assert changed.data()["approved_by"] == "admin" and changed.ref == "BRS-SPHP5"


def test_a_kasir_with_a_bendaharas_pin_may_count_stock(db: Database, shop: ShopProfile) -> None:
    with db.write() as session:
        result = confirm_count(
            session, [("MYK-1L", 100)], "hitung ulang", "rak depan", actor=CASHIER, at=NOW,
            shop=shop, approval=TREASURER_PIN,
        )  # fmt: skip
    with db.read() as session:
        last = audit_events(session)[-1]
    assert (last.kind, last.actor, last.ref) == ("stock_counted", "kasir", result.number)
    assert last.data()["approved_by"] == "bendahara"


def test_a_wrong_supervisor_pin_counts_towards_their_lockout(db: Database) -> None:
    with pytest.raises(GeraiError) as refused, db.write() as session:
        write_off(session, "MYK-1L", 1, "bocor", actor=CASHIER, at=NOW, shop=load_shop(session),
                  approval=Approval("bendahara", "0000"))  # fmt: skip
    assert refused.value.key == "auth.wrong_pin"
    with db.read() as session:
        user = find_user(session, "bendahara")
        last = list(audit.rows(session))[-1]
    assert user is not None and user.failed_pins == 1
    assert (last.kind, last.actor) == ("approval_refused", "bendahara")


# --- what each service records ---------------------------------------------------------------


def records_after(db: Database, action: Callable[[Session], Any]) -> list[audit.AuditRow]:
    with db.read() as session:
        known = len(audit_events(session))
    with db.write() as session:
        action(session)
    with db.read() as session:
        return audit_events(session)[known:]


def test_a_sale_is_recorded_in_its_own_transaction_with_its_digest(db: Database) -> None:
    [record] = records_after(db, lambda s: sell(s, CASHIER))
    assert (record.kind, record.actor, record.ref) == ("sale", "kasir", "K1-20251130-0001")
    detail = record.data()
    assert detail["receipt"] == "K1-20251130-0001" and detail["total"] == 15_700
    assert len(detail["digest"]) == 64


def test_a_sale_refused_halfway_leaves_no_record(db: Database) -> None:
    with db.read() as session:
        cart = one_cart(session, "LPG-12KG")
    tamper(db, "UPDATE product SET stock = 0 WHERE code = 'LPG-12KG'")  # another till sold them
    before = snapshot(db)
    with pytest.raises(GeraiError) as refused, db.write() as session:
        checkout(session, cart, [Tender("tunai")], till="K1", actor=CASHIER, now=NOW)  # fmt: skip
    assert refused.value.key == "cart.out_of_stock"  # after the sale row was written
    assert snapshot(db) == before


def test_shift_cash_hold_reprint_drawer_and_stock_documents_are_recorded(
    db: Database, shop: ShopProfile
) -> None:
    supplier_id = supplier(db)

    def day(session: Session) -> None:
        open_shift(session, "K3", CASHIER, 200_000, NOW, shop)
        move_cash(session, "K3", CashDirection.IN, 50_000, "tambah uang kecil", CASHIER, NOW)
        held = hold_cart(session, one_cart(session), "K3", CASHIER, NOW)
        recall_cart(session, held.id, Cart(), CASHIER, NOW)
        sell(session, CASHIER)
        record_reprint(session, CASHIER, "k1-20251130-0001", now=NOW)
        open_drawer(session, CASHIER, "K3", now=NOW)
        receive_goods(session, supplier_id, "SJ-9", [ReceiveLine("MYK-1L", 12, 14_000)],
                      actor=TREASURER, at=NOW)  # fmt: skip
        repack(session, "BRS-MED10", 1, "BRS-MED-KG", 10, 10, actor=TREASURER, at=NOW, shop=shop)
        write_off(session, "MYK-1L", 1, "bocor", actor=TREASURER, at=NOW, shop=shop)
        save_shop_settings(session, OWNER, now=NOW, footer="Terima kasih", het_zone=1)

    records = records_after(db, day)
    assert [(r.kind, r.actor) for r in records] == [
        ("shift_opened", "kasir"),
        ("cash_in", "kasir"),
        ("cart_held", "kasir"),
        ("cart_recalled", "kasir"),
        ("sale", "kasir"),
        ("reprint", "kasir"),
        ("drawer_opened", "kasir"),
        ("goods_received", "bendahara"),
        ("repacked", "bendahara"),
        ("written_off", "bendahara"),
        ("settings_changed", "admin"),
    ]
    by_kind = {r.kind: r for r in records}
    assert by_kind["cash_in"].data() == {"amount": 50_000, "reason": "tambah uang kecil"}
    assert by_kind["reprint"].ref == "K1-20251130-0001"
    assert by_kind["written_off"].data()["qty"] == "1"
    assert by_kind["settings_changed"].data() == {  # het_zone was 1 already: not listed
        "footer": [shop.footer, "Terima kasih"]
    }
    assert by_kind["shift_opened"].data() == {"opening_cash": 200_000}


def test_unchanged_settings_leave_no_record(db: Database) -> None:
    with db.read() as session:
        zone = load_shop(session).het_zone
    assert records_after(db, lambda s: save_shop_settings(s, OWNER, now=NOW, het_zone=zone)) == []


def test_the_audit_page_filters_and_pages_newest_first(db: Database, shop: ShopProfile) -> None:
    with db.write() as session:
        for _ in range(3):
            sell(session, CASHIER)
        open_drawer(session, TREASURER, "K1", now=NOW)
    with db.read() as session:
        page = audit_page(session, TREASURER, AuditFilter(kind="sale"), shop, now=NOW, limit=2)
        older = audit_page(session, TREASURER, AuditFilter(kind="sale"), shop, now=NOW, limit=2,
                           older_than=page[-1].seq)  # fmt: skip
        newer = audit_page(session, TREASURER, AuditFilter(kind="sale"), shop, now=NOW, limit=2,
                           newer_than=older[0].seq)  # fmt: skip
        mine = audit_page(session, TREASURER, AuditFilter(actor="bendahara"), shop, now=NOW,
                          limit=10)  # fmt: skip
        yesterday = audit_page(session, OWNER, AuditFilter(day=NOW.date().replace(day=29)), shop,
                               now=NOW, limit=10)  # fmt: skip
    assert [r.ref for r in page] == ["K1-20251130-0003", "K1-20251130-0002"]
    assert [r.ref for r in older] == ["K1-20251130-0001"]
    assert [r.ref for r in newer] == ["K1-20251130-0003", "K1-20251130-0002"]
    assert [r.kind for r in mine] == ["drawer_opened"]
    assert yesterday == []
