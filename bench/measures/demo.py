"""`gerai demo`: the whole command, as a shop owner runs it (a new process, the database file
created, the catalogue loaded, the days of business made through the till), into a
temporary folder; the benchmark's database is not touched."""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.measures.context import Context
from bench.report import Row

FULL, QUICK = 30, 3  # days
BUDGET = 10.0  # seconds, for the full 30 days


def _children_cpu() -> float:
    """The CPU seconds (user and system) of the finished child processes: on a loaded
    machine the demo's own work, apart from its wait for a core."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure_demo(ctx: Context) -> list[Row]:
    """One `gerai demo --days 30` (3 with `--quick`, without a budget), timed whole, with
    the CPU time it took."""
    days = QUICK if ctx.quick else FULL
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.db"
        command = [sys.executable, "-m", "gerai", "--db", str(path), "demo", "--days", str(days)]
        started, before = time.perf_counter(), _children_cpu()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        took, cpu = time.perf_counter() - started, _children_cpu() - before
    if done.returncode != 0:
        raise RuntimeError(f"gerai demo failed: {done.stderr.strip()}")
    return [
        Row(
            f"gerai demo ({days} days)",
            took,
            "s",
            f"{took:.1f} s ({took / days:.2f} s a day, {cpu:.1f} s of CPU)",
            f"≤ {BUDGET:.0f} s (for {FULL} days)",
            BUDGET if days == FULL else None,
            {"days": days, "cpu_s": round(cpu, 3), "output": done.stdout.strip()},
        )
    ]
