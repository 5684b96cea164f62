"""Issue 19, a witness outside the file: the Z report and the daily PDF print the audit
chain's head (`SEQ:CODE`); `gerai audit verify --witness SEQ:CODE` proves the file still holds
it. Deleting the newest sale with its records and rewinding the head is caught against the
paper."""

from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import CliRunner

from gerai.cli import main
from gerai.core.i18n import translator
from gerai.db import Database
from gerai.services.audit.verify import verify
from gerai.services.audit.witness import Witness, current_witness, parse_witness
from gerai.services.cash.shifts import shift_report
from gerai.services.shop.profile import load_shop
from receipts.z_report import layout_shift_report
from tests.conftest import raw, tamper
from tests.shop_day import at, close, fill, sell

OIL = "MYK-1L"


def audit_verify(runner: CliRunner, db: Database, *witnesses: str) -> tuple[int, str]:
    args = ["--db", db.url, "audit", "verify"]
    for witness in witnesses:
        args += ["--witness", witness]
    result = runner.invoke(main, args)
    return result.exit_code, result.output


def witness(db: Database) -> Witness:
    with db.read() as session:
        return current_witness(session)


def test_a_witness_reads_as_printed_and_refuses_anything_else() -> None:
    assert parse_witness(" 1234:3fa9c2d1 ") == Witness(1234, "3FA9C2D1")
    assert str(Witness(7, "00AB12CD")) == "7:00AB12CD"
    for bad in ("1234", "abc:3FA9C2D1", "12:3FA9", "0:3FA9C2D1", "12:3FA9C2DZ"):
        with pytest.raises(Exception) as refused:
            parse_witness(bad)
        assert getattr(refused.value, "key", "") == "audit.witness_format"


@pytest.mark.sqlite_only("rewinds the file with the sqlite3 shell")
def test_deleting_the_newest_sale_and_rewinding_is_caught_by_the_papers_witness(
    db: Database, runner: CliRunner
) -> None:
    sell(db, "K1", fill(db, [(OIL, Decimal(1))]), at(9))
    before = witness(db)  # the chain before the sale that will be taken away
    stock = raw(db, "SELECT stock FROM product WHERE code = :c", c=OIL)[0][0]
    receipt = sell(db, "K1", fill(db, [(OIL, Decimal(2))]), at(10)).receipt_no
    paper = witness(db)  # printed on the Z report the bendahara signed
    assert paper.seq > before.seq
    assert audit_verify(runner, db, str(paper))[0] == 0
    sale_id = raw(db, "SELECT id FROM sale WHERE receipt_no = :r", r=receipt)[0][0]
    head = raw(db, "SELECT hash FROM auditrecord WHERE seq = :s", s=before.seq)[0][0]
    tamper(
        db,
        f"DELETE FROM stockmovement WHERE sale_id = {sale_id}",
        f"DELETE FROM payment WHERE sale_id = {sale_id}",
        f"DELETE FROM saleline WHERE sale_id = {sale_id}",
        f"DELETE FROM printjob WHERE receipt_no = '{receipt}'",
        f"DELETE FROM sale WHERE id = {sale_id}",
        f"UPDATE product SET stock = {stock} WHERE code = '{OIL}'",
        "UPDATE receiptcounter SET last_no = last_no - 1 WHERE till = 'K1'",
        f"DELETE FROM auditrecord WHERE seq > {before.seq}",
        f"DELETE FROM auditcheckpoint WHERE record_seq > {before.seq}",  # the verify's, above
        f"UPDATE audithead SET last_seq = {before.seq}, last_hash = '{head}'",
    )
    with db.read() as session:
        assert verify(session).intact  # whole in itself: the file alone cannot tell
    code, output = audit_verify(runner, db, str(before), str(paper))
    assert code == 1
    assert f"#{paper.seq}" in output and "tidak ada lagi" in output
    code, output = audit_verify(runner, db)  # (after: an intact verify adds its checkpoint)
    assert code == 0, output
    # a later sale takes the paper's number again, with another hash: still caught
    sell(db, "K1", fill(db, [(OIL, Decimal(1))]), at(11))
    sell(db, "K1", fill(db, [(OIL, Decimal(1))]), at(11, 5))
    assert witness(db).seq >= paper.seq
    code, output = audit_verify(runner, db, str(paper))
    assert code == 1 and "bukan" in output and paper.code in output


def test_the_z_report_and_the_daily_pdf_print_the_head(db: Database, runner: CliRunner) -> None:
    sell(db, "K1", fill(db, [(OIL, Decimal(1))]), at(9))
    shift_id = raw(db, "SELECT id FROM shift WHERE till = 'K1'")[0][0]
    close(db, shift_id, 500_000, "uji saksi", at(20))
    with db.read() as session:
        report = shift_report(session, shift_id, load_shop(session))
        head = current_witness(session)
    assert report.witness == str(head) and head.seq > 0 and len(head.code) == 8
    lines = layout_shift_report(report, 42, translator("id"))
    assert any("Saksi audit" in line.text and str(head) in line.text for line in lines)
    assert audit_verify(runner, db, report.witness)[0] == 0
    result = runner.invoke(
        main, ["--db", db.url, "report", "daily", "--date", "2025-11-30", "--output", "-"]
    )
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"%PDF")
