"""The core of users and the audit chain: PIN hashing, login with lockout on a fake clock,
permissions with supervisor approval, refusals that leave a trace despite the rollback, and a
chain that catches an edited, deleted or reordered record."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest
from conftest import NOW, audit_events, tamper

from gerai.core.errors import GeraiError
from gerai.core.words import Permission, Role
from gerai.db import Database
from gerai.services.audit import trail as audit
from gerai.services.shop import auth
from gerai.services.shop.auth import (
    LOCKOUT,
    MAX_WRONG_PINS,
    SYSTEM,
    Actor,
    Approval,
    authorize,
    create_user,
    find_user,
    login,
    pin_matches,
)


@pytest.fixture
def staffed(empty_db: Database) -> Database:
    with empty_db.write() as session:
        create_user(session, SYSTEM, "kasir", Role.KASIR, "1111", now=NOW)
        create_user(session, SYSTEM, "bendahara", Role.BENDAHARA, "2222", now=NOW)
        create_user(session, SYSTEM, "admin", Role.ADMIN, "9999", now=NOW)
    return empty_db


def test_a_pin_is_stored_only_as_a_salted_slow_hash() -> None:
    # made as gerai makes them, not at the suite's own low cost (conftest)
    code = "from gerai.services.shop.auth import hash_pin as h; print(h('1234'), h('1234'))"
    made = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    first, second = made.stdout.split()
    assert first != second and "1234" not in first
    assert first.startswith("scrypt$16384$8$1$")
    assert pin_matches(first, "1234") and not pin_matches(first, "1235")
    assert not pin_matches("garbage", "1234")


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "", "１２３４"])
def test_a_pin_that_is_not_4_to_8_digits_is_refused(empty_db: Database, pin: str) -> None:
    with pytest.raises(GeraiError) as refused, empty_db.write() as session:
        create_user(session, SYSTEM, "ani", Role.KASIR, pin, now=NOW)
    assert refused.value.key == "auth.pin_format"
    with empty_db.read() as session:
        assert find_user(session, "ani") is None


def test_login_gives_the_actor_and_is_audited(staffed: Database) -> None:
    with staffed.write() as session:
        assert login(session, " Kasir ", "1111", now=NOW) == Actor("kasir", Role.KASIR)
    with staffed.read() as session:
        last = list(audit.rows(session))[-1]
    assert (last.kind, last.actor) == ("login", "kasir")


def test_five_wrong_pins_lock_the_user_until_the_lockout_ends(
    staffed: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [NOW]
    monkeypatch.setattr(auth, "security_now", lambda: clock[0])
    for attempt in range(MAX_WRONG_PINS):
        clock[0] = NOW + timedelta(seconds=attempt)
        with pytest.raises(GeraiError) as wrong, staffed.write() as session:
            login(session, "kasir", "0000", now=clock[0])
        assert wrong.value.key == "auth.wrong_pin"
    locked_at = NOW + timedelta(seconds=MAX_WRONG_PINS - 1)
    clock[0] = locked_at + LOCKOUT - timedelta(seconds=1)
    with pytest.raises(GeraiError) as locked, staffed.write() as session:
        login(session, "kasir", "1111", now=clock[0])
    assert locked.value.key == "auth.locked"
    clock[0] = locked_at + LOCKOUT
    with staffed.write() as session:
        assert login(session, "kasir", "1111", now=clock[0]).name == "kasir"
    with staffed.read() as session:
        user = find_user(session, "kasir")
        kinds = [row.kind for row in audit.rows(session)]
    assert user is not None and user.failed_pins == 0 and user.locked_until is None
    assert kinds.count("login_refused") == MAX_WRONG_PINS


def test_four_wrong_pins_then_the_right_one_resets_the_count(staffed: Database) -> None:
    for _ in range(MAX_WRONG_PINS - 1):
        with pytest.raises(GeraiError), staffed.write() as session:
            login(session, "kasir", "0000", now=NOW)
    with staffed.write() as session:
        login(session, "kasir", "1111", now=NOW)
    with pytest.raises(GeraiError) as wrong, staffed.write() as session:
        login(session, "kasir", "0000", now=NOW)
    assert wrong.value.key == "auth.wrong_pin"  # counting starts again, not locked


def test_a_kasir_needs_a_supervisor_pin_and_a_refusal_survives_the_rollback(
    staffed: Database,
) -> None:
    kasir = Actor("kasir", Role.KASIR)
    with staffed.write() as session:
        assert authorize(session, kasir, Permission.SELL, now=NOW) == "kasir"
        approval = Approval("bendahara", "2222")
        assert authorize(session, kasir, Permission.VOID, now=NOW, approval=approval) == "bendahara"
    for approval in (None, Approval("kasir", "1111"), Approval("bendahara", "0000")):
        with pytest.raises(GeraiError), staffed.write() as session:
            authorize(session, kasir, Permission.VOID, now=NOW, approval=approval)
            create_user(session, SYSTEM, "never", Role.KASIR, "4444", now=NOW)
    with staffed.read() as session:
        kinds = [row.kind for row in audit_events(session)]
        assert find_user(session, "never") is None
        assert find_user(session, "bendahara").failed_pins == 1  # type: ignore[union-attr]
    assert kinds[-3:] == ["permission_refused", "permission_refused", "approval_refused"]
    with pytest.raises(GeraiError) as refused, staffed.write() as session:
        create_user(
            session, Actor("bendahara", Role.BENDAHARA), "budi", Role.KASIR, "5555", now=NOW
        )
    assert refused.value.key == "auth.admin_only"  # users: admins only


@pytest.mark.parametrize(
    ("statement", "seq", "reason"),
    [
        ('UPDATE auditrecord SET detail = \'{"role":"admin"}\' WHERE seq = 1', 1, "hash"),
        ("DELETE FROM auditrecord WHERE seq = 2", 2, "missing"),
        ("DELETE FROM auditrecord WHERE seq = 3", 3, "missing"),
        ("UPDATE auditrecord SET seq = seq + 10 WHERE seq = 2", 2, "missing"),
        ("UPDATE auditrecord SET actor = 'budi' WHERE seq = 2", 2, "hash"),
    ],
)
def test_the_chain_names_the_first_tampered_record(
    staffed: Database, statement: str, seq: int, reason: str
) -> None:
    with staffed.read() as session:
        assert audit.verify_chain(session) == (6, None)  # 3 users: each created and sealed
    tamper(staffed, statement)
    with staffed.read() as session:
        _, broken = audit.verify_chain(session)
    assert broken == audit.ChainBreak(seq, f"audit.break_{reason}")


def test_swapping_two_records_contents_is_caught(staffed: Database) -> None:
    tamper(
        staffed,
        "UPDATE auditrecord SET seq = -1 WHERE seq = 1",
        "UPDATE auditrecord SET seq = 1 WHERE seq = 2",
        "UPDATE auditrecord SET seq = 2 WHERE seq = -1",
    )
    with staffed.read() as session, pytest.raises(GeraiError) as broken:
        audit.require_intact(session)
    assert broken.value.key in {"audit.break_link", "audit.break_missing", "audit.break_hash"}


async def test_the_approval_dialog_hands_back_name_and_pin() -> None:
    from textual.app import App

    from gerai.tui.screens.approval import ApprovalScreen

    results: list[Approval | None] = []

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(ApprovalScreen("ui.key.cancel"), results.append)

    async with Host().run_test() as pilot:
        await pilot.press(*"bendahara", "enter", *"22x22", "enter")
        await pilot.press("escape")
    assert results == [Approval("bendahara", "2222")]
