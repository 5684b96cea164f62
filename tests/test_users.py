"""Users: the admin's service (add with the PIN twice, new PIN that unlocks, role, deactivate),
the rules that keep the shop with an admin, the `gerai users` commands, and the demo users."""

from __future__ import annotations

import os
import sqlite3
import stat
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlmodel import select

from gerai.cli import main
from gerai.core.errors import GeraiError
from gerai.core.words import AuditKind, Permission, Role
from gerai.db import Database
from gerai.models import Sale, Shift
from gerai.services.audit import trail as audit
from gerai.services.shop.auth import (
    MAX_WRONG_PINS,
    Actor,
    Approval,
    authorize,
    find_user,
    login,
)
from gerai.services.shop.users import add_user, change_pin, change_role, list_users, set_active
from tests.conftest import CASHIER, NOW, OWNER, TREASURER, audit_events


def refused(db: Database, action) -> GeraiError:  # type: ignore[no-untyped-def]
    with pytest.raises(GeraiError) as caught, db.write() as session:
        action(session)
    return caught.value


# --- the service ------------------------------------------------------------------------------


def test_the_demo_users_are_there_with_their_roles(catalogue_db: Database) -> None:
    with catalogue_db.read() as session:
        users = [(u.name, u.role, u.active) for u in list_users(session)]
    assert users == [
        ("admin", Role.ADMIN, True),
        ("bendahara", Role.BENDAHARA, True),
        ("kasir", Role.KASIR, True),
    ]
    with catalogue_db.write() as session:
        assert [login(session, n, p, now=NOW).role for n, p in [("kasir", "1111"),
                ("bendahara", "2222"), ("admin", "9999")]] == list(Role)  # fmt: skip


@pytest.mark.parametrize(
    ("name", "role", "pin", "again", "key"),
    [
        ("rahma", Role.KASIR, "4321", "1234", "users.pin_mismatch"),
        ("rahma", Role.KASIR, "432", "432", "auth.pin_format"),
        ("rahma", Role.KASIR, "12345678901", "12345678901", "auth.pin_format"),
        ("rahma sari", Role.KASIR, "4321", "4321", "auth.bad_name"),
        ("rahma", "ketua", "4321", "4321", "auth.bad_role"),
        ("Kasir", Role.KASIR, "4321", "4321", "auth.duplicate_name"),
    ],
)
def test_a_bad_new_user_is_refused_and_nothing_written(
    catalogue_db: Database, name: str, role: str, pin: str, again: str, key: str
) -> None:
    error = refused(catalogue_db, lambda s: add_user(s, OWNER, name, "", role, pin, again, now=NOW))
    assert error.key == key
    with catalogue_db.read() as session:
        assert len(list_users(session)) == 3


def test_a_new_pin_unlocks_a_locked_user(catalogue_db: Database) -> None:
    for _ in range(MAX_WRONG_PINS):
        refused(catalogue_db, lambda s: login(s, "kasir", "0000", now=NOW))
    assert refused(catalogue_db, lambda s: login(s, "kasir", "1111", now=NOW)).key == "auth.locked"
    with catalogue_db.write() as session:
        change_pin(session, OWNER, "kasir", "7777", "7777", now=NOW)
    with catalogue_db.write() as session:
        assert login(session, "kasir", "7777", now=NOW + timedelta(seconds=1)) == CASHIER
    assert refused(catalogue_db, lambda s: login(s, "kasir", "1111", now=NOW)).key == (
        "auth.wrong_pin"
    )


def test_the_last_active_admin_stays_an_active_admin(catalogue_db: Database) -> None:
    demote = refused(catalogue_db, lambda s: change_role(s, OWNER, "admin", Role.KASIR, now=NOW))
    assert demote.key == "users.last_admin"
    second = Actor("ani", Role.ADMIN)
    with catalogue_db.write() as session:
        add_user(session, OWNER, "ani", "Ani", Role.ADMIN, "8888", "8888", now=NOW)
        set_active(session, second, "admin", False, now=NOW)  # another admin remains
    alone = refused(catalogue_db, lambda s: change_role(s, second, "ani", Role.BENDAHARA, now=NOW))
    assert alone.key == "users.last_admin"
    assert refused(catalogue_db, lambda s: set_active(s, second, "ani", False, now=NOW)).key == (
        "users.not_yourself"
    )
    with catalogue_db.write() as session:
        set_active(session, second, "admin", True, now=NOW)
        change_role(session, OWNER, "ani", Role.BENDAHARA, now=NOW)
    with catalogue_db.read() as session:
        roles = {u.name: (u.role, u.active) for u in list_users(session)}
    assert roles["admin"] == (Role.ADMIN, True) and roles["ani"] == (Role.BENDAHARA, True)


def test_a_deactivated_user_can_neither_log_in_nor_approve(catalogue_db: Database) -> None:
    with catalogue_db.write() as session:
        set_active(session, OWNER, "bendahara", False, now=NOW)
    assert refused(catalogue_db, lambda s: login(s, "bendahara", "2222", now=NOW)).key == (
        "auth.wrong_pin"
    )
    approval = Approval("bendahara", "2222")
    assert (
        refused(
            catalogue_db,
            lambda s: authorize(s, CASHIER, Permission.CLOSE_SHIFT, now=NOW, approval=approval),
        ).key
        == "auth.wrong_pin"
    )


def test_only_an_admin_manages_users_and_every_change_is_recorded(catalogue_db: Database) -> None:
    for actor in (CASHIER, TREASURER):
        error = refused(
            catalogue_db, lambda s, a=actor: change_role(s, a, "kasir", Role.ADMIN, now=NOW)
        )
        assert error.key == "auth.admin_only"
    unknown = refused(
        catalogue_db, lambda s: change_pin(s, OWNER, "siapa", "1234", "1234", now=NOW)
    )
    assert unknown.key == "users.unknown"
    with catalogue_db.write() as session:
        add_user(session, OWNER, "rahma", "Rahma Sari", Role.KASIR, "4321", "4321", now=NOW)
        change_role(session, OWNER, "rahma", Role.BENDAHARA, now=NOW)
        change_pin(session, OWNER, "rahma", "5678", "5678", now=NOW)
        set_active(session, OWNER, "rahma", False, now=NOW)
        set_active(session, OWNER, "rahma", True, now=NOW)
        user = find_user(session, "rahma")
    with catalogue_db.read() as session:
        records = [(r.kind, r.actor, r.ref, r.data()) for r in audit_events(session)][-5:]
    assert records == [
        ("user_created", "admin", "rahma", {"role": Role.KASIR}),
        ("user_role_changed", "admin", "rahma", {"before": Role.KASIR, "after": Role.BENDAHARA}),
        ("user_pin_changed", "admin", "rahma", {}),
        ("user_deactivated", "admin", "rahma", {}),
        ("user_reactivated", "admin", "rahma", {}),
    ]
    assert user is not None and "5678" not in user.pin_hash and user.full_name == "Rahma Sari"


# --- the commands -----------------------------------------------------------------------------


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner(env={k: None for k in os.environ if k.startswith("GERAI_")})


def test_the_first_admin_of_a_new_shop_is_added_on_the_command_line(
    empty_db: Database, cli: CliRunner
) -> None:
    added = cli.invoke(
        main, ["--db", empty_db.url, "users", "add", "Budi", "--role", "admin",
               "--full-name", "Budi Santoso"], input="2468\n2468\n",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "Pengguna budi (Admin) ditambahkan." in added.stdout
    assert "2468" not in added.output  # the PIN is never echoed
    listed = cli.invoke(main, ["--db", empty_db.url, "users", "list"])
    assert listed.stdout.splitlines() == ["budi\tAdmin\tBudi Santoso"]
    with empty_db.read() as session:
        [sealed, record] = list(audit.rows(session))
    assert (sealed.kind, sealed.ref) == (AuditKind.ROWS_SEALED, "useraccount")
    assert (record.kind, record.actor, record.ref) == ("user_created", "system", "budi")


def test_a_pin_typed_differently_twice_is_refused_on_the_command_line(
    empty_db: Database, cli: CliRunner
) -> None:
    result = cli.invoke(
        main, ["--db", empty_db.url, "users", "add", "budi", "--role", "kasir"],
        input="2468\n2469\n",
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.strip() == "Galat: Kedua PIN tidak sama: ketik PIN yang sama dua kali."
    assert cli.invoke(main, ["--db", empty_db.url, "users", "list"]).stdout == ""


def test_users_pin_unlocks_and_list_shows_who_is_locked(
    catalogue_db: Database, cli: CliRunner
) -> None:
    for _ in range(MAX_WRONG_PINS):
        refused(
            catalogue_db, lambda s: login(s, "bendahara", "0000", now=NOW + timedelta(days=9999))
        )
    listed = cli.invoke(main, ["--db", catalogue_db.url, "users", "list"])
    assert "bendahara\tBendahara\t\tterkunci" in listed.stdout.splitlines()
    changed = cli.invoke(
        main, ["--db", catalogue_db.url, "users", "pin", "bendahara"], input="1357\n1357\n"
    )
    assert changed.exit_code == 0, changed.output
    with catalogue_db.write() as session:
        assert login(session, "bendahara", "1357", now=NOW).role == Role.BENDAHARA


def test_users_add_with_an_unknown_role_is_a_usage_error(
    empty_db: Database, cli: CliRunner
) -> None:
    result = cli.invoke(main, ["--db", empty_db.url, "users", "add", "x", "--role", "ketua"])
    assert result.exit_code == 2


# --- the demo ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo-users") / "demo.db"
    runner = CliRunner(env={k: None for k in os.environ if k.startswith("GERAI_")})
    result = runner.invoke(main, ["--db", str(path), "demo", "--days", "1"])
    assert result.exit_code == 0, result.output
    return path


def test_the_demo_sells_as_the_kasir_and_the_bendahara_closes_the_shift(demo: Path) -> None:
    database = Database(f"sqlite:///{demo}")
    try:
        with database.read() as session:
            cashiers = set(session.exec(select(Sale.cashier)))
            shifts = [
                (s.opened_by, s.closed_by, s.confirmed_by) for s in session.exec(select(Shift))
            ]
            users = [u.name for u in list_users(session)]
    finally:
        database.dispose()
    assert cashiers == {"kasir"}
    assert shifts == [("kasir", "bendahara", "bendahara")]  # at their own login, no PIN
    assert users == ["admin", "bendahara", "kasir"]


def test_the_demo_verifies(demo: Path, cli: CliRunner) -> None:
    result = cli.invoke(main, ["--db", str(demo), "audit", "verify"])
    assert result.exit_code == 0, result.output
    with closing(sqlite3.connect(demo)) as raw:
        sales = raw.execute("SELECT count(*) FROM sale").fetchone()[0]
        records = raw.execute(  # all but the checkpoint the command added after its check
            "SELECT count(*) FROM auditrecord WHERE kind != 'audit_checked'"
        ).fetchone()[0]
    assert result.stdout.strip() == f"OK, {records} catatan"
    assert records >= sales + 3 + 2  # every sale, the three users, the shift's open and close


def test_the_demo_database_and_its_journal_files_are_private(demo: Path) -> None:
    files = [p for p in demo.parent.iterdir() if p.name.startswith("demo.db")]
    assert demo in files
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, (path, oct(path.stat().st_mode))
