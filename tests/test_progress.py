"""The progress of long commands (issue 18): the shared helper (a bar on a terminal, plain
lines otherwise, nothing for short work) and the callbacks the demo, the copy and the backup
report through."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from gerai import db_copy
from gerai.cli import progress as progress_module
from gerai.cli.progress import PLAIN_AFTER, PLAIN_EVERY, PlainProgress, progress, set_quiet
from gerai.db import Database
from gerai.db_copy import backup_sqlite, copy_database
from gerai.demo.generate import (
    DEMO_BENDAHARA,
    DEMO_CASHIER,
    DemoClock,
    demo_till,
    generate_sales,
)
from gerai.settings import Settings
from tests.conftest import NOW


class FakeClock:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_short_work_writes_no_plain_line() -> None:
    stream, clock = io.StringIO(), FakeClock()
    report = PlainProgress("Kerja", stream, clock)
    for done in range(1, 11):
        clock.now += PLAIN_AFTER / 20
        report(done, 10)
    assert stream.getvalue() == ""


def test_long_work_writes_a_line_now_and_then_and_the_last_one() -> None:
    stream, clock = io.StringIO(), FakeClock()
    report = PlainProgress("Kerja", stream, clock)
    clock.now += PLAIN_AFTER
    report(1, 4)  # the first line, once the work has taken a second
    clock.now += PLAIN_EVERY / 2
    report(2, 4)  # too soon after it
    clock.now += PLAIN_EVERY / 2
    report(3, 4)
    report(4, 4)  # the end, always written once a line was
    assert stream.getvalue().splitlines() == [
        "Kerja: 1/4 (25%)",
        "Kerja: 3/4 (75%)",
        "Kerja: 4/4 (100%)",
    ]


@pytest.fixture
def shown() -> Iterator[None]:
    """Progress shown, as outside the tests."""
    set_quiet(False)
    yield
    set_quiet(True)


def test_the_tests_see_no_progress() -> None:
    stream = Terminal()
    with progress("Kerja", stream) as report:
        report(1, 1)
    assert stream.getvalue() == ""


@pytest.mark.usefixtures("shown")
def test_plain_lines_are_the_default_off_a_terminal() -> None:
    stream = io.StringIO()
    with progress("Kerja", stream) as report:
        assert isinstance(report, PlainProgress)
        report(3, 3)
    assert stream.getvalue() == ""


@pytest.mark.usefixtures("shown")
def test_a_terminal_gets_a_bar() -> None:
    stream = Terminal()
    with progress("Membuat hari demo", stream) as report:
        assert not isinstance(report, PlainProgress)
        report(3, 30)
        report(30, 30)
    shown = stream.getvalue()
    assert "Membuat hari demo" in shown and "30/30" in shown
    assert progress_module.sys.stderr is not stream  # the default stream is untouched


@pytest.mark.sqlite_only(reason="the demo's callback, not the engine")
def test_the_demo_tells_each_day_done(catalogue_db: Database) -> None:
    settings = Settings(db_url=catalogue_db.url, auto_backup=False)
    clock = DemoClock(NOW)
    kasir = demo_till(catalogue_db, settings, clock, DEMO_CASHIER)
    bendahara = demo_till(catalogue_db, settings, clock, DEMO_BENDAHARA)
    told: list[tuple[int, int]] = []
    today = kasir.shop.business_date(NOW) + timedelta(days=3)
    made = generate_sales(
        kasir, bendahara, clock, 2, today, sales_per_day=5,
        progress=lambda done, total: told.append((done, total)),
    )  # fmt: skip
    assert made > 0
    assert told == [(0, 2), (1, 2), (2, 2)]


def rows(path: Path, table: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as raw:
        return raw.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()


@pytest.mark.sqlite_only(reason="a SQLite file's backup")
def test_a_backup_in_steps_tells_its_pages_and_is_the_same_copy(
    catalogue_db: Database, tmp_path: Path
) -> None:
    told: list[tuple[int, int]] = []
    whole, stepped = tmp_path / "whole.db", tmp_path / "stepped.db"
    backup_sqlite(catalogue_db, whole)
    size = backup_sqlite(catalogue_db, stepped, progress=lambda d, t: told.append((d, t)))
    total = told[-1][1]
    assert size == stepped.stat().st_size == total * 4096
    assert told[-1] == (total, total)
    assert [d for d, _ in told] == sorted(d for d, _ in told)
    for table in ("product", "member", "auditrecord"):
        assert rows(stepped, table) == rows(whole, table) != []


def test_the_copy_tells_the_rows_copied(catalogue_db: Database, tmp_path: Path) -> None:
    told: list[tuple[int, int]] = []
    target = Database(f"sqlite:///{tmp_path / 'salinan.db'}")
    try:
        report = copy_database(catalogue_db, target, progress=lambda d, t: told.append((d, t)))
    finally:
        target.dispose()
    copied = sum(table.source for table in report.tables)
    assert told[-1] == (copied, copied)
    assert [d for d, _ in told] == sorted(d for d, _ in told)
    assert {t for _, t in told} == {copied}


@pytest.mark.sqlite_only(reason="a SQLite file's backup")
def test_a_backup_in_steps_is_one_snapshot_while_a_till_writes(
    catalogue_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write between two steps neither enters the copy nor starts it again."""
    monkeypatch.setattr(db_copy, "BACKUP_PAGES", 16)
    assert catalogue_db.path is not None
    members = rows(catalogue_db.path, "member")
    told: list[tuple[int, int]] = []

    def write_meanwhile(done: int, total: int) -> None:
        told.append((done, total))
        with closing(sqlite3.connect(catalogue_db.path)) as till, till:
            till.execute("UPDATE member SET phone = ? WHERE id = 1", (f"08{done:010d}",))

    copy = tmp_path / "salinan.db"
    backup_sqlite(catalogue_db, copy, progress=write_meanwhile)
    assert len(told) > 2 and [d for d, _ in told] == sorted({d for d, _ in told})
    assert rows(copy, "member") == members != rows(catalogue_db.path, "member")
