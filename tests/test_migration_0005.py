"""Migration 0005 (members' money, users, audit chain, void and retur) upgrades a shop's 0004
database in place: new tables only, nothing rebuilt, every sale kept, the audit chain's head
row in place."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from click.testing import CliRunner

from gerai.cli import main
from gerai.db import Database
from gerai.demo.generate import load_catalogue
from gerai.paths import data_dir
from gerai.services.audit import trail as audit
from gerai.services.audit.seals import before_the_chain
from tests.conftest import NOW
from tests.test_migration_0004 import assert_not_rebuilt, tables

NEW_TABLES = {
    "documentcounter", "memberpayment", "useraccount", "audithead", "auditrecord", "salevoid",
    "salereturn", "salereturnline",
}  # fmt: skip


def test_a_0004_database_with_a_sale_is_upgraded_without_loss(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'toko.db'}")
    database.upgrade("0004")
    with database.write() as session:
        before_the_chain(session)  # no audit chain yet
        load_catalogue(session, data_dir(), NOW, sealed=False)
    assert database.path is not None
    with closing(sqlite3.connect(database.path)) as raw, raw:
        raw.execute(
            "INSERT INTO shift (till, business_date, opened_at, opened_by, opening_cash, status,"
            " variance_reason, cash_count) VALUES ('K1', '2025-11-30', '2025-11-30 00:00:00',"
            " 'kasir', 500000, 'open', '', '')"
        )
        raw.execute(
            "INSERT INTO sale (receipt_no, till, business_date, created_at, cashier, gross, "
            "member_discount, manual_discount, total, paid, change, status, shift_id) VALUES "
            "('K1-20251130-0001', 'K1', '2025-11-30', '2025-11-30 06:32:00', 'kasir', 31400, 0,"
            " 0, 31400, 50000, 18600, 'completed', 1)"
        )
        raw.execute(  # its number, from the till's counter
            "INSERT INTO receiptcounter (till, business_date, last_no)"
            " VALUES ('K1', '2025-11-30', 1)"
        )
    before = tables(database.path)

    result = CliRunner().invoke(main, ["--db", database.url, "db", "upgrade"])
    assert result.exit_code == 0, result.output

    database.check_ready()
    after = tables(database.path)
    assert set(after) - set(before) >= NEW_TABLES
    assert_not_rebuilt(before, after)
    with closing(sqlite3.connect(database.path)) as raw:
        assert raw.execute("SELECT receipt_no, total, status FROM sale").fetchall() == [
            ("K1-20251130-0001", 31400, "completed")
        ]
        # 0006 then seals the covered rows already there (kind rows_sealed, actor gerai)
        assert raw.execute(
            "SELECT kind, detail FROM auditrecord WHERE kind != 'rows_sealed'"
        ).fetchall() == [("audit_started", '{"last_sale_id":1,"sales":1,"total":31400}')]
        assert {
            actor
            for (actor,) in raw.execute("SELECT actor FROM auditrecord WHERE kind = 'rows_sealed'")
        } == {"gerai"}

    verified = CliRunner().invoke(main, ["--db", database.url, "audit", "verify"])
    assert verified.exit_code == 0, verified.output
    # the start, the two seals of 0006, and 0008's of products, categories, barcodes, settings
    assert verified.stdout.strip() == "OK, 7 catatan"
    with closing(sqlite3.connect(database.path)) as raw, raw:
        raw.execute("UPDATE sale SET total = 3140 WHERE id = 1")
    tampered = CliRunner().invoke(main, ["--db", database.url, "--lang", "en", "audit", "verify"])
    assert tampered.exit_code == 1
    assert tampered.stderr.startswith(
        "Error: Audit trail mismatch: the sales from before the audit trail (up to id 1)"
    )


def test_a_new_database_starts_its_trail_empty(empty_db: Database) -> None:
    with empty_db.read() as session:
        assert list(audit.rows(session)) == []
