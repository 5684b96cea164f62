"""Issue 19, the kill test: till processes killed at random while selling and printing (at
least 100 trials here, more in bench/kill_tills.py): every committed sale has its print job,
and after the restart no receipt printed twice."""

from __future__ import annotations

import sys

import pytest

from gerai.db import Database
from gerai.services.shop.profile import save_shop_settings
from tests.conftest import NOW, OWNER
from tests.fake_printer import FakePrinter
from tests.kill_tills import inspect, run_kills

TRIALS = 100


@pytest.mark.sqlite_only("forks till processes on one SQLite file; bench/ has longer runs")
@pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL")
def test_tills_killed_at_random_lose_no_receipt_and_print_none_twice(db: Database) -> None:
    with db.write() as session:  # hundreds of sales: the shelves may go below zero
        save_shop_settings(session, OWNER, now=NOW, allow_negative_stock=True)
    with FakePrinter() as printer:
        report = run_kills(db, printer.url, NOW, TRIALS)
        received = b"".join(printer.jobs)
    report = inspect(db, received, report)
    assert report.sales >= TRIALS  # every till sold at least once before it was killed
    assert report.without_job == []
    assert report.printed_twice == []
    assert report.printed_but_not_marked == 0
    assert report.statuses.get("printed", 0) >= report.sales - TRIALS
    assert report.audit_intact
