"""Issue 19 part B: the money and permission rows (users, shifts, cash movements, member
payments, members) are sealed by their writers; a straight edit or delete of one is caught by
`gerai audit verify`, naming the table; a shop upgrading from 0005 has its rows sealed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gerai.cli import main
from gerai.core.words import CashDirection, MemberPaymentKind, QuotaPeriod, QuotaScope
from gerai.db import SCHEMA_REVISION, Database
from gerai.services.audit.seals import COVERED, UNSEALED
from gerai.services.audit.trail import DocumentBreak
from gerai.services.audit.verify import verify
from gerai.services.cash.shifts import close_shift, move_cash, open_shift_id
from gerai.services.members.savings import take_savings
from gerai.services.sale.quotas import set_quota, set_regulated
from gerai.services.shop.profile import load_shop
from gerai.services.shop.users import change_role
from tests.conftest import CASHIER, NOW, OWNER, TREASURER, copy_database, raw, tamper


def broken_ref(database: Database) -> str | None:
    with database.read() as session:
        result = verify(session)
    if result.broken is None:
        return None
    assert isinstance(result.broken, DocumentBreak), result.broken
    return result.broken.ref


def workflow(database: Database) -> None:
    """Cash in and out, a savings deposit, a role change, a closed shift, a regulated product
    and its quota."""
    with database.write() as session:
        shop = load_shop(session)
        lpg = int(raw(database, "SELECT id FROM product WHERE code = 'LPG-3KG'")[0][0])
        set_regulated(session, lpg, quota_group="LPG", actor=OWNER.name, at=NOW)
        set_quota(
            session, "LPG", QuotaScope.BUYER, QuotaPeriod.MONTH, Decimal(4), actor=OWNER.name,
            at=NOW,
        )  # fmt: skip
        move_cash(session, "K1", CashDirection.IN, 100_000, "modal tambahan", CASHIER, NOW)
        move_cash(session, "K1", CashDirection.OUT, 20_000, "beli plastik", CASHIER, NOW)
        member_id = int(raw(database, "SELECT min(id) FROM member")[0][0])
        take_savings(
            session, TREASURER, member_id, MemberPaymentKind.SUKARELA, till="K1", now=NOW,
            shop=shop, amount=50_000,
        )  # fmt: skip
        change_role(session, OWNER, "kasir", "bendahara", now=NOW)
        change_role(session, OWNER, "kasir", "kasir", now=NOW)
        shift = open_shift_id(session, "K2")
        close_shift(session, shift, {100_000: 5}, "", TREASURER, NOW)


def test_the_money_and_permission_tables_are_covered() -> None:
    covered = {entry.name for entry in COVERED}
    part_b = {"useraccount", "shift", "cashmovement", "memberpayment", "member"}
    assert part_b <= covered
    assert not part_b & set(UNSEALED)


def test_the_workflow_verifies_intact(db: Database) -> None:
    workflow(db)
    assert broken_ref(db) is None
    result = CliRunner().invoke(main, ["--db", db.url, "audit", "verify"])
    assert result.exit_code == 0, result.output


# The edits the issue lists as missed (the ones these tables cover), each as SQL and the table.
EDITS = [
    ("UPDATE member SET credit_limit = 99000000 WHERE id = (SELECT min(id) FROM member)", "member"),
    ("UPDATE member SET active = 0 WHERE id = (SELECT min(id) FROM member)", "member"),
    ("UPDATE memberpayment SET amount = 1 WHERE id = (SELECT min(id) FROM memberpayment)",
     "memberpayment"),
    ("DELETE FROM memberpayment WHERE id = (SELECT min(id) FROM memberpayment)", "memberpayment"),
    ("UPDATE useraccount SET role = 'admin' WHERE name = 'kasir'", "useraccount"),
    ("UPDATE useraccount SET pin_hash = 'x' WHERE name = 'kasir'", "useraccount"),
    ("UPDATE useraccount SET locked_until = NULL, failed_pins = 0 WHERE name = 'kasir'",
     "useraccount"),
    ("UPDATE useraccount SET failed_pins = 2 WHERE name = 'kasir'", "useraccount"),
    ("UPDATE shift SET counted_cash = 1 WHERE status = 'closed'", "shift"),
    ("UPDATE shift SET variance = 12345 WHERE status = 'closed'", "shift"),
    ("UPDATE shift SET opening_cash = 1 WHERE till = 'K1'", "shift"),
    ("UPDATE cashmovement SET amount = 1 WHERE kind = 'out'", "cashmovement"),
    ("DELETE FROM cashmovement WHERE kind = 'in'", "cashmovement"),
    ("INSERT INTO useraccount (name, full_name, role, pin_hash, failed_pins, active, created_at)"
     " VALUES ('ghost', '', 'admin', 'x', 0, 1, '2025-11-30 06:32:00')", "useraccount"),
]  # fmt: skip


@pytest.fixture(scope="module")
def worked(tmp_path_factory: pytest.TempPathFactory, catalogue_file: Path) -> Path:
    path = tmp_path_factory.mktemp("worked") / "gerai.db"
    copy_database(catalogue_file, path)
    database = Database(f"sqlite:///{path}")
    from gerai.services.cash.shifts import open_shift

    with database.write() as session:
        shop = load_shop(session)
        for till in ("K1", "K2"):
            open_shift(session, till, CASHIER, 500_000, NOW, shop)
    workflow(database)
    # a locked user: three wrong PINs
    from gerai.services.shop.auth import login

    for _ in range(5):
        try:
            with database.write() as session:
                login(session, "kasir", "0000", now=NOW)
        except Exception:
            pass
    database.dispose()
    return path


@pytest.mark.parametrize(("sql", "table"), EDITS)
def test_each_listed_edit_is_caught(
    worked: Path, tmp_path: Path, sql: str, table: str, engine: str
) -> None:
    if engine != "sqlite":
        pytest.skip("the SQLite file edited straight")
    path = tmp_path / "copy.db"
    copy_database(worked, path)
    database = Database(f"sqlite:///{path}")
    assert broken_ref(database) is None
    tamper(database, sql)
    ref = broken_ref(database)
    assert ref is not None and ref.startswith(f"{table}#"), ref
    result = CliRunner().invoke(main, ["--db", database.url, "audit", "verify"])
    assert result.exit_code == 1 and table in result.output
    database.dispose()


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    entry=st.sampled_from([e.name for e in COVERED]),
    pick=st.integers(min_value=0, max_value=10_000),
    delete=st.booleans(),
)
def test_any_single_row_edit_of_a_covered_table_is_named(
    worked: Path, tmp_path_factory: pytest.TempPathFactory, entry: str, pick: int, delete: bool
) -> None:
    path = tmp_path_factory.mktemp("edit") / "copy.db"
    copy_database(worked, path)
    database = Database(f"sqlite:///{path}")
    try:
        covered = next(e for e in COVERED if e.name == entry)
        (key,) = covered.table.primary_key.columns  # each covered table has a one-column key
        ids = [row[0] for row in raw(database, f"SELECT {key.name} FROM {entry} ORDER BY 1")]
        if not ids:
            return
        row = ids[pick % len(ids)]
        if delete:
            tamper(
                database,
                "PRAGMA foreign_keys = OFF",
                f"DELETE FROM {entry} WHERE {key.name} = {row}",
            )
        else:  # a changed key is a deletion and an unsealed row, which the deletes cover
            columns = [c for c in covered.columns if c != key.name]
            column = f'"{columns[pick % len(columns)]}"'  # quoted: quotarule has a `limit`
            tamper(
                database,
                f"UPDATE {entry} SET {column} = CASE WHEN {column} IS NULL THEN 7 "
                f"WHEN typeof({column}) = 'integer' AND {column} IN (0, 1) THEN 1 - {column} "
                f"WHEN typeof({column}) = 'integer' THEN {column} + 1 "
                f"WHEN {column} GLOB '[0-9][0-9][0-9][0-9]-*' THEN '1' || substr({column}, 2) "
                f"ELSE {column} || 'x' END WHERE {key.name} = {row}",
            )
        assert broken_ref(database) == f"{entry}#{row}"
    finally:
        database.dispose()


def test_a_shop_at_0005_has_its_rows_sealed_by_the_upgrade(tmp_path: Path) -> None:
    import sqlite3
    from contextlib import closing

    database = Database(f"sqlite:///{tmp_path / 'old.db'}")
    database.upgrade("0005")
    assert database.path is not None
    with closing(sqlite3.connect(database.path)) as connection, connection:
        # rows as 0005 wrote them: no seals
        connection.execute(
            "INSERT INTO useraccount (name, full_name, role, pin_hash, failed_pins, active,"
            " created_at) VALUES ('admin', '', 'admin', 'h', 0, 1, '2025-11-30 06:32:00')"
        )
        connection.execute(
            "INSERT INTO member (number, name, address, join_date, active, credit_limit)"
            " VALUES ('A-1', 'Ibu Sari', '', '2025-01-02', 1, 300000)"
        )
        connection.execute(
            "INSERT INTO shift (till, business_date, opened_at, opened_by, opening_cash, status,"
            " variance_reason, cash_count) VALUES ('K1', '2025-11-30', '2025-11-30 06:32:00',"
            " 'admin', 500000, 'open', '', '')"
        )
        connection.execute(
            "INSERT INTO cashmovement (shift_id, kind, amount, reason, created_at, created_by)"
            " VALUES (1, 'out', 20000, 'plastik', '2025-11-30 06:40:00', 'admin')"
        )
    result = CliRunner().invoke(main, ["--db", database.url, "db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert database.revision() == SCHEMA_REVISION
    assert raw(database, "SELECT count(*) FROM auditrecord WHERE actor = 'gerai'")[0][0] == 4
    assert broken_ref(database) is None
    tamper(database, "UPDATE cashmovement SET amount = 1")
    assert broken_ref(database) == "cashmovement#1"
    database.dispose()
