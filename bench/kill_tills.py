"""The kill test at length (issue 19): a till process selling, voiding, taking back and taking
savings, printing, killed with SIGKILL at a random moment and restarted, TRIALS times (default
1,000; the suite's tests/test_kill_tills.py runs 100), on a new SQLite file or, with --pg-url,
a new PostgreSQL database. Prints what was left: the documents, print jobs by status,
documents without a job, half-written voids and receipts printed twice (all must be 0), and
whether `stock check` and `audit verify` hold.

    python bench/kill_tills.py --trials 1000
    python bench/kill_tills.py --trials 300 --pg-url postgresql://postgres@127.0.0.1:5432/postgres
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

if not __package__:  # run as a script: import from the repository, not bench/ itself
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from sqlalchemy import create_engine, text

from bench.fake_printer import FakePrinter
from bench.kill import inspect, prepare, run_kills
from gerai.core.i18n import set_strict
from gerai.db import Database

NOW = datetime(2025, 11, 30, 6, 32, tzinfo=UTC)


def new_database(pg_url: str | None) -> tuple[Database, str]:
    """A new empty database: a SQLite file in a new folder, or a new PostgreSQL database on
    the server of `pg_url`; and where it is."""
    if not pg_url:
        folder = Path(tempfile.mkdtemp(prefix="gerai-kill-"))
        return Database(f"sqlite:///{folder / 'gerai.db'}"), str(folder)
    name = f"gerai_kill_{uuid.uuid4().hex[:8]}"
    server = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    server.dispose()
    url = pg_url.rsplit("/", 1)[0] + f"/{name}"
    return Database(url), url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument(
        "--pg-url", default=os.environ.get("GERAI_BENCH_PG_URL"),
        help="a PostgreSQL server (a user who may create databases) [GERAI_BENCH_PG_URL]",
    )  # fmt: skip
    args = parser.parse_args(argv)
    set_strict(True)
    database, where = new_database(args.pg_url)
    prepare(database, NOW)
    started = time.monotonic()
    with FakePrinter() as printer:
        report = run_kills(database, printer.url, NOW, args.trials, args.seed)
        received = b"".join(printer.jobs)
    report = inspect(database, received, report)
    database.dispose()
    print(f"{report.trials} kills in {time.monotonic() - started:.0f} s, database {where}")
    print(f"documents {report.documents}, print jobs {report.statuses}")
    print(f"documents without a print job: {len(report.without_job)}")
    print(f"voids half written: {len(report.half_voids)}")
    print(f"receipts printed twice: {len(report.printed_twice)}")
    print(f"printed but still pending: {report.printed_but_not_marked}")
    print(f"stock check: {'OK' if report.stock_intact else 'BROKEN'}")
    print(f"audit verify: {'intact' if report.audit_intact else 'BROKEN'}")
    return 0 if report.whole else 1


if __name__ == "__main__":
    sys.exit(main())
