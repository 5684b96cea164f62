"""The kill test at length (issue 19): a till process selling and printing on a SQLite file,
killed with SIGKILL at a random moment and restarted, TRIALS times (default 1,000; the suite's
tests/test_kill_tills.py runs 100). Prints what was left: sales, print jobs by status, sales
without a job and receipts printed twice (both must be 0), and whether `audit verify` holds.

    python bench/kill_tills.py --trials 1000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

if not __package__:  # run as a script: import from the repository, not bench/ itself
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from gerai.core.i18n import set_strict
from gerai.db import Database
from gerai.services.cash.shifts import open_shift
from gerai.services.shop.profile import load_shop, save_shop_settings
from tests.conftest import CASHIER, NOW, OWNER, load_demo_catalogue
from tests.fake_printer import FakePrinter
from tests.kill_tills import inspect, run_kills


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args(argv)
    set_strict(True)
    folder = Path(tempfile.mkdtemp(prefix="gerai-kill-"))
    database = Database(f"sqlite:///{folder / 'gerai.db'}")
    load_demo_catalogue(database)
    with database.write() as session:
        open_shift(session, "K1", CASHIER, 500_000, NOW, load_shop(session))
        save_shop_settings(session, OWNER, now=NOW, allow_negative_stock=True)
    started = time.monotonic()
    with FakePrinter() as printer:
        report = run_kills(database, printer.url, NOW, args.trials, args.seed)
        received = b"".join(printer.jobs)
    report = inspect(database, received, report)
    print(f"{report.trials} kills in {time.monotonic() - started:.0f} s, database {folder}")
    print(f"sales {report.sales}, print jobs {report.statuses}")
    print(f"sales without a print job: {len(report.without_job)}")
    print(f"receipts printed twice: {len(report.printed_twice)}")
    print(f"printed but still pending: {report.printed_but_not_marked}")
    print(f"audit verify: {'intact' if report.audit_intact else 'BROKEN'}")
    ok = not (report.without_job or report.printed_twice or report.printed_but_not_marked)
    return 0 if ok and report.audit_intact else 1


if __name__ == "__main__":
    sys.exit(main())
