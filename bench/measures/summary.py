"""The daily summary (report) of one day in the middle of the year."""

from __future__ import annotations

import statistics
import time

from bench.measures.context import Context
from bench.measures.timing import ms, spread
from bench.report import Row


def measure_daily_summary(ctx: Context) -> list[Row]:
    """Median of 20 summaries of the same day, after a first (reported) one."""
    day = ctx.middle_day()
    till = ctx.till()
    timings: list[float] = []
    summary = None
    for _ in range(21):
        started = time.perf_counter()
        summary = till.daily_summary(day)
        timings.append(ms(time.perf_counter() - started))
    assert summary is not None
    first_ms, rest = timings[0], timings[1:]
    median = statistics.median(rest)
    return [
        Row(
            f"daily summary of one day ({day})",
            median,
            "ms",
            f"{median:.1f} ms median (first {first_ms:.1f})",
            "≤ 100 ms",
            100,
            {
                **spread(rest),
                "first_ms": round(first_ms, 3),
                "sales": summary.sales_count,
                "net": summary.net,
            },
        )
    ]
