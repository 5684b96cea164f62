"""Start-up to a usable screen (`gerai` opens on the login screen: until its name field has
focus) and the memory of the running TUI, both from the same start-ups of `startup_child.py`
in fresh interpreters; the start-up beside a bare Textual app with one Input
(`startup_bare.py`), started the same way, the two taken in turns."""

from __future__ import annotations

import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.measures.context import Context
from bench.report import Row

CHILD = Path(__file__).with_name("startup_child.py")
BARE = Path(__file__).with_name("startup_bare.py")
RATIO_BUDGET = 1.6  # × the bare app
MEMORY_BUDGET_MB = 150  # SPEC §7: memory of the running TUI


@dataclass(frozen=True)
class Startup:
    """One start-up: wall seconds from spawn to a focused login field, the child's CPU seconds
    by then, and its peak and current resident memory in kB once logged in at the kasir
    screen."""

    seconds: float
    cpu_seconds: float
    hwm_kb: int
    rss_kb: int


def _child_env(ctx: Context) -> dict[str, str]:
    """The child's environment: no GERAI_* overrides, and compiled bytecode kept in
    bench/out/pycache (an installed wheel has .pyc files; this sandbox sets
    PYTHONDONTWRITEBYTECODE, which would make every start compile gerai from source)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GERAI_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(ctx.path.resolve().parent / "pycache")
    return env


def _startup_once(ctx: Context, code: str) -> Startup | str:
    """One start-up of `code` in a fresh interpreter, or the reason it failed."""
    with tempfile.TemporaryFile("w+") as errors:
        started = time.time()
        child = subprocess.Popen(
            [sys.executable, "-c", code, str(ctx.path.resolve())],  # its cwd is elsewhere
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=_child_env(ctx),
            cwd=tempfile.gettempdir(),
        )
        result: Startup | str = "no READY line"
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("READY"):
                _, stamp, hwm, rss, cpu = line.split()
                result = Startup(float(stamp) - started, float(cpu), int(hwm), int(rss))
                break
            if line.startswith("TIMEOUT"):
                result = "login or scan field never focused within 30 s"
                break
        try:
            child.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
        if isinstance(result, str) and child.returncode:
            errors.seek(0)
            lines = [x for x in errors.read().strip().splitlines() if x.strip()]
            result = f"child exited {child.returncode}: {lines[-1] if lines else '?'}"
        return result


@dataclass(frozen=True)
class Runs:
    """The timed start-ups of gerai and of the bare app, taken in turns."""

    gerai: list[Startup]
    bare: list[Startup]


def _startup_runs(ctx: Context) -> Runs | str:
    """Five timed start-ups of gerai and five of the bare app, in turns, after one untimed
    one of each (which fills the bytecode cache), shared by the start-up and memory rows."""
    if "startup" in ctx.cache:
        cached: list[Startup] | str = ctx.cache["startup"]
        return cached
    try:
        present = importlib.util.find_spec("gerai.tui.app") is not None
    except ModuleNotFoundError:
        present = False
    outcome: Runs | str
    if not present:
        outcome = "n/a (TUI missing)"
    else:
        runs = Runs([], [])
        outcome = runs
        for n in range(6):
            for script, timed in ((BARE, runs.bare), (CHILD, runs.gerai)):
                once = _startup_once(ctx, script.read_text(encoding="utf-8"))
                if isinstance(once, str):
                    outcome = f"error ({script.name}): {once}"
                    break
                if n:
                    timed.append(once)
            if isinstance(outcome, str):
                break
    ctx.cache["startup"] = outcome
    return outcome


def measure_startup(ctx: Context) -> list[Row]:
    """Median wall time from spawning `gerai` to the login screen's focused name field, and
    the median of its ratios to the bare app's start-up taken just before it."""
    what, budget = "start-up to a usable screen (the login field)", "≤ 1.0 s"
    versus = "start-up to the login field ÷ a bare Textual app"
    ratio_budget = f"≤ {RATIO_BUDGET}× bare app"
    runs = _startup_runs(ctx)
    if isinstance(runs, str):
        return [
            Row(what, None, "s", runs, budget, 1.0),
            Row(versus, None, "×", runs, ratio_budget, RATIO_BUDGET),
        ]
    seconds = [r.seconds for r in runs.gerai]
    bare = [r.seconds for r in runs.bare]
    median = statistics.median(seconds)
    ratios = [g / b for g, b in zip(seconds, bare, strict=True)]
    ratio = statistics.median(ratios)
    return [
        Row(
            what,
            median,
            "s",
            f"{median:.2f} s (median of {len(seconds)}, min {min(seconds):.2f})",
            budget,
            1.0,
            {
                "runs_s": [round(s, 3) for s in seconds],
                "cpu_s": [round(r.cpu_seconds, 3) for r in runs.gerai],
                "note": "spawn → app.focused is #login-name, headless run_test, bytecode cached",
            },
        ),
        Row(
            versus,
            ratio,
            "×",
            f"{ratio:.2f}× (median of {len(ratios)}; bare app {statistics.median(bare):.2f} s)",
            ratio_budget,
            RATIO_BUDGET,
            {
                "ratios": [round(r, 2) for r in ratios],
                "bare_runs_s": [round(s, 3) for s in bare],
                "bare_cpu_s": [round(r.cpu_seconds, 3) for r in runs.bare],
                "note": "each gerai start-up over the bare app's just before it, same way started",
            },
        ),
    ]


def measure_memory(ctx: Context) -> list[Row]:
    """Peak resident memory of the TUI once logged in, at the kasir screen's scan field."""
    what, budget = "memory of the running TUI", f"≤ {MEMORY_BUDGET_MB} MB"
    runs = _startup_runs(ctx)
    if isinstance(runs, str):
        return [Row(what, None, "MB", runs, budget, MEMORY_BUDGET_MB)]
    peak = max(r.hwm_kb for r in runs.gerai) / 1024
    rss = statistics.median(r.rss_kb for r in runs.gerai) / 1024
    return [
        Row(
            what,
            peak,
            "MB",
            f"{peak:.0f} MB peak RSS ({rss:.0f} MB now)",
            budget,
            MEMORY_BUDGET_MB,
            {
                "vm_hwm_mb": [round(r.hwm_kb / 1024, 1) for r in runs.gerai],
                "vm_rss_mb": [round(r.rss_kb / 1024, 1) for r in runs.gerai],
            },
        )
    ]
