"""Audit checkpoints (issue 18): an intact verify and every shift close leave a checkpoint, and
`gerai audit verify` then checks only what came since (the whole trail with `--full`, or when
the last full check is over a week old). A record edited after the checkpoint is caught since
it; one edited before it by the full verify; a checkpoint moved forward is caught as forged."""

from __future__ import annotations

import os
from datetime import datetime, timedelta

import pytest
from click.testing import CliRunner

from gerai.cli import main
from gerai.db import Database
from gerai.services.audit import checkpoint
from gerai.services.audit.trail import DocumentBreak
from gerai.services.audit.verify import (
    Verification,
    mark_checked,
    verify,
    verify_since_last_check,
)
from gerai.services.cash.shifts import close_shift, open_shift
from gerai.services.shop.profile import load_shop
from tests.conftest import CASHIER, NOW, TREASURER, raw, tamper
from tests.test_audit_verify import sale_record_seq, sell

LATER = NOW + timedelta(hours=2)


def checked(db: Database, *, full: bool = False, when: datetime = NOW) -> Verification:
    """A verify as `gerai audit verify` runs it (since the last check unless `full`), leaving a
    checkpoint when intact."""
    with db.read() as session:
        result = verify(session) if full else verify_since_last_check(session, now=when)
    if result.intact:
        with db.write() as session:
            mark_checked(session, result, actor="system", at=when)
    return result


@pytest.fixture
def checkpointed(db: Database) -> Database:
    """Two sales, a full verify (its checkpoint), then one more sale."""
    sell(db, [("MYK-1L", "2")])
    sell(db, [("IDM-GRG", "5")])
    assert checked(db, full=True).intact
    sell(db, [("AQA-600", "3")])
    return db


def test_the_second_verify_checks_only_what_came_since(checkpointed: Database) -> None:
    result = checked(checkpointed)
    assert result.intact and not result.full
    first = raw(checkpointed, "SELECT seq, from_start FROM auditcheckpoint ORDER BY id")[0]
    assert result.since == first[0] and first[1]
    # the third sale's record, its seals, and the checkpoint's own record
    assert 0 < result.records < checked(checkpointed, full=True).records


def test_a_sale_edited_after_the_checkpoint_is_caught_since_it(checkpointed: Database) -> None:
    tamper(
        checkpointed, "UPDATE sale SET total = total - 1000 WHERE receipt_no = 'K1-20251130-0003'"
    )
    result = checked(checkpointed)
    assert not result.full
    assert result.broken == DocumentBreak(
        "audit.sale_changed", "K1-20251130-0003", sale_record_seq(checkpointed, "K1-20251130-0003")
    )


def test_a_row_sealed_after_the_checkpoint_and_edited_is_caught_since_it(
    checkpointed: Database,
) -> None:
    with checkpointed.write() as session:  # a shift opened (and sealed) after the checkpoint
        open_shift(session, "K3", CASHIER, 100_000, NOW, load_shop(session))
    tamper(checkpointed, "UPDATE shift SET opening_cash = 1 WHERE till = 'K3'")
    result = checked(checkpointed)
    assert not result.full and isinstance(result.broken, DocumentBreak)
    assert result.broken.reason == "audit.row_changed"
    assert result.broken.ref.startswith("shift#")


def test_a_record_forged_or_deleted_before_the_checkpoint_is_caught_by_the_full_verify(
    checkpointed: Database,
) -> None:
    copy = checkpointed
    tamper(copy, "UPDATE sale SET total = total - 1000 WHERE receipt_no = 'K1-20251130-0001'")
    assert checked(copy).intact  # before the checkpoint: the check since it does not look
    result = checked(copy, full=True)
    assert result.broken == DocumentBreak(
        "audit.sale_changed", "K1-20251130-0001", sale_record_seq(copy, "K1-20251130-0001")
    )
    seq = sale_record_seq(copy, "K1-20251130-0002")
    tamper(copy, f"DELETE FROM auditrecord WHERE seq = {seq}")
    gone = checked(copy, full=True).problem()
    assert gone is not None and gone.key == "audit.break_missing"


def test_a_checkpoint_moved_forward_is_caught_as_forged(checkpointed: Database) -> None:
    assert checked(checkpointed, when=LATER).intact  # a second checkpoint, since the first
    sell(checkpointed, [("GLA-KG", "1")])
    seq = sale_record_seq(checkpointed, "K1-20251130-0004")
    tamper(
        checkpointed,
        "UPDATE sale SET total = total - 1000 WHERE receipt_no = 'K1-20251130-0004'",
        f"UPDATE auditcheckpoint SET seq = {seq}, "
        f"hash = (SELECT hash FROM auditrecord WHERE seq = {seq}) WHERE NOT from_start",
    )
    problem = checked(checkpointed, when=LATER).problem()
    assert problem is not None and problem.key == "audit.checkpoint_forged"


def test_the_full_verify_names_a_forged_checkpoint(checkpointed: Database) -> None:
    tamper(checkpointed, "UPDATE auditcheckpoint SET last_sale_id = 99")
    problem = checked(checkpointed, full=True).problem()
    assert problem is not None and problem.key == "audit.checkpoint_forged"


def test_a_week_after_the_last_full_check_the_full_one_runs(checkpointed: Database) -> None:
    assert not checked(checkpointed, when=NOW + timedelta(days=6)).full
    assert checked(checkpointed, when=NOW + timedelta(days=7, minutes=1)).full


def test_a_shift_close_checks_since_the_last_checkpoint_and_leaves_one(
    checkpointed: Database,
) -> None:
    shift = raw(checkpointed, "SELECT id FROM shift WHERE till = 'K1'")[0][0]
    with checkpointed.write() as session:
        close_shift(session, shift, {50_000: 10}, "lebih", TREASURER, LATER)
    last = raw(checkpointed, "SELECT from_start, created_by FROM auditcheckpoint ORDER BY id DESC")
    assert len(last) == 2 and last[0] == (0, TREASURER.name)
    kinds = raw(checkpointed, "SELECT kind FROM auditrecord ORDER BY seq DESC LIMIT 1")
    assert kinds == [("audit_checked",)]


def test_a_shift_close_over_a_break_leaves_no_checkpoint(checkpointed: Database) -> None:
    tamper(checkpointed, "UPDATE sale SET total = 1 WHERE receipt_no = 'K1-20251130-0003'")
    shift = raw(checkpointed, "SELECT id FROM shift WHERE till = 'K1'")[0][0]
    with checkpointed.write() as session:
        close_shift(session, shift, {50_000: 10}, "lebih", TREASURER, LATER)
    assert raw(checkpointed, "SELECT count(*) FROM auditcheckpoint") == [(1,)]
    assert checked(checkpointed).problem() is not None


def test_a_shift_close_before_any_verify_checks_nothing(db: Database) -> None:
    shift = raw(db, "SELECT id FROM shift WHERE till = 'K1'")[0][0]
    with db.write() as session:
        close_shift(session, shift, {50_000: 10}, "lebih", TREASURER, LATER)
    assert raw(db, "SELECT count(*) FROM auditcheckpoint") == [(0,)]


def test_progress_is_told_until_done(checkpointed: Database) -> None:
    seen: list[tuple[int, int]] = []
    with checkpointed.read() as session:
        assert verify(session, progress=lambda done, total: seen.append((done, total))).intact
    assert seen and seen[-1][0] == seen[-1][1] > 0
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_the_checkpoint_stored_is_the_one_its_record_describes(checkpointed: Database) -> None:
    with checkpointed.read() as session:
        stored = checkpoint.latest(session)
        assert stored is not None and stored.full
        assert checkpoint.forged(session, stored) is None


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner(env={k: None for k in os.environ if k.startswith("GERAI_")})


def test_the_command_checks_since_the_last_check_and_all_with_full(
    db: Database, cli: CliRunner
) -> None:
    def command(*args: str) -> tuple[int, str]:
        result = cli.invoke(main, ["--db", db.url, "--lang", "en", "audit", "verify", *args])
        return result.exit_code, result.output

    sell(db, [("MYK-1L", "2")])
    code, output = command()
    assert code == 0 and "since" not in output, output  # no checkpoint yet: the whole trail
    sell(db, [("IDM-GRG", "5")])
    code, output = command()
    assert code == 0 and "since the last check" in output, output
    code, output = command("--full")
    assert code == 0 and output.startswith("OK") and "since" not in output, output
    tamper(db, "UPDATE sale SET total = 5 WHERE receipt_no = 'K1-20251130-0001'")
    assert command()[0] == 0  # recorded before the checkpoints: the full verify's to find
    code, output = command("--full")
    assert code == 1 and "K1-20251130-0001" in output, output
