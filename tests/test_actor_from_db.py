"""Issue 19, the acting user read from the database: a user who does not exist, is no longer
active, or no longer holds the role the caller claims cannot void, change a price or make a
kasir an admin; and the lockout runs on the service's own clock, not a caller's `now`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.core.words import Role
from gerai.db import Database
from gerai.services.sale.checkout import Tender, checkout
from gerai.services.sale.voids import void_sale
from gerai.services.shop import auth
from gerai.services.shop.auth import LOCKOUT, MAX_WRONG_PINS, SYSTEM, Actor, login
from gerai.services.shop.users import change_role, set_active
from gerai.services.stock.catalog import find_by_code
from gerai.services.stock.products import product_form, save_product
from tests.conftest import CASHIER, NOW, OWNER, audit_events
from tests.shop_day import fill

GHOST = Actor("ghost", Role.ADMIN)
OIL = "MYK-1L"


def refused(db: Database, work: Callable[[Session], object]) -> GeraiError:
    with pytest.raises(GeraiError) as caught, db.write() as session:
        work(session)
    return caught.value


def a_sale(db: Database) -> str:
    with db.write() as session:
        cart = fill(db, [(OIL, Decimal(1))])
        return checkout(
            session, cart, [Tender("tunai")], till="K1", actor=CASHIER, now=NOW
        ).receipt_no


def the_three(db: Database, actor: Actor) -> list[str]:
    """Void, a price change and a kasir made admin, each tried by `actor`: the refusals."""
    receipt_no = a_sale(db)
    with db.read() as session:
        oil = find_by_code(session, OIL)
        assert oil is not None
        form = product_form(session, oil.id)
    cheap = replace(form, price="1000", member_price="")
    keys = [
        refused(db, lambda s: void_sale(
            s, actor, receipt_no, "salah", approval=None, now=NOW, till="K1")).key,
        refused(db, lambda s: save_product(s, cheap, actor=actor, at=NOW, product_id=oil.id)).key,
        refused(db, lambda s: change_role(s, actor, "kasir", Role.ADMIN, now=NOW)).key,
    ]  # fmt: skip
    with db.read() as session:
        assert find_by_code(session, OIL).price == oil.price  # type: ignore[union-attr]
        assert auth.find_user(session, "kasir").role == Role.KASIR  # type: ignore[union-attr]
    return keys


def test_a_ghost_admin_is_refused_void_price_and_role_and_it_is_audited(db: Database) -> None:
    assert the_three(db, GHOST) == ["auth.unknown_actor"] * 3
    with db.read() as session:
        traces = [e for e in audit_events(session) if e.actor == "ghost"]
    assert [e.kind for e in traces] == ["permission_refused"] * 3


def test_a_deactivated_admin_is_refused(db: Database) -> None:
    with db.write() as session:
        auth.create_user(session, OWNER, "ani", Role.ADMIN, "4444", now=NOW)
        set_active(session, OWNER, "ani", False, now=NOW)
    assert the_three(db, Actor("ani", Role.ADMIN)) == ["auth.unknown_actor"] * 3


def test_an_actor_claiming_a_role_the_user_no_longer_holds_is_refused(db: Database) -> None:
    with db.write() as session:
        auth.create_user(session, OWNER, "ani", Role.ADMIN, "4444", now=NOW)
        change_role(session, OWNER, "ani", Role.KASIR, now=NOW)
    assert the_three(db, Actor("ani", Role.ADMIN)) == ["auth.role_changed"] * 3


def test_the_command_lines_operator_is_that_object_not_a_look_alike(db: Database) -> None:
    with db.write() as session:
        change_role(session, SYSTEM, "kasir", Role.BENDAHARA, now=NOW)
    look_alike = Actor(SYSTEM.name, SYSTEM.role)
    assert look_alike == SYSTEM and look_alike is not SYSTEM
    key = refused(db, lambda s: change_role(s, look_alike, "kasir", Role.ADMIN, now=NOW)).key
    assert key == "auth.unknown_actor"


def test_a_locked_user_stays_locked_whatever_now_the_caller_gives(db: Database) -> None:
    for _ in range(MAX_WRONG_PINS):
        assert refused(db, lambda s: login(s, "kasir", "0000", now=NOW)).key == "auth.wrong_pin"
    later = NOW + LOCKOUT + timedelta(minutes=1)
    assert refused(db, lambda s: login(s, "kasir", "1111", now=later)).key == "auth.locked"
    far = NOW + timedelta(days=3650)
    assert refused(db, lambda s: login(s, "kasir", "1111", now=far)).key == "auth.locked"


def test_the_lockout_ends_on_the_services_own_clock(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(MAX_WRONG_PINS):
        refused(db, lambda s: login(s, "kasir", "0000", now=NOW))
    real = auth.security_now()
    monkeypatch.setattr(auth, "security_now", lambda: real + LOCKOUT + timedelta(seconds=5))
    with db.write() as session:
        assert login(session, "kasir", "1111", now=NOW) == CASHIER  # the till's clock is stale
