"""`gerai demo`: the whole command, as a shop owner runs it (a new process, the database file
created, the catalogue loaded, the days of business made through the till), into a
temporary folder; the benchmark's database is not touched."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.measures.context import Context
from bench.report import Row

FULL, QUICK = 30, 3  # days
BUDGET = 10.0  # seconds, for the full 30 days


def measure_demo(ctx: Context) -> list[Row]:
    """One `gerai demo --days 30` (3 with `--quick`, without a budget), timed whole."""
    days = QUICK if ctx.quick else FULL
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.db"
        command = [sys.executable, "-m", "gerai", "--db", str(path), "demo", "--days", str(days)]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        took = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"gerai demo failed: {done.stderr.strip()}")
    return [
        Row(
            f"gerai demo ({days} days)",
            took,
            "s",
            f"{took:.1f} s ({took / days:.2f} s a day)",
            f"≤ {BUDGET:.0f} s (for {FULL} days)",
            BUDGET if days == FULL else None,
            {"days": days, "output": done.stdout.strip()},
        )
    ]
