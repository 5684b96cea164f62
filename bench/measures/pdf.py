"""The A4 PDF of the daily summary of one day in the middle of the year, as `gerai report
daily` makes it: the summary from the database, then the PDF."""

from __future__ import annotations

import statistics
import sys
import time
from datetime import UTC, datetime

from bench.measures.context import Context
from bench.measures.timing import ms, spread
from bench.report import Row

RUNS = 3


def measure_daily_pdf(ctx: Context) -> list[Row]:
    """Median of 3 (summary + PDF), after one warm-up run; the warm-up (which imports
    reportlab when nothing has yet) is reported as "first use"."""
    from gerai.exports.daily_pdf import daily_pdf

    till = ctx.till()
    shop = till.shop
    day = ctx.middle_day()
    printed_at = datetime.now(UTC)
    cold = "reportlab" not in sys.modules
    timings: list[float] = []
    renders: list[float] = []
    size = 0
    for _ in range(RUNS + 1):
        started = time.perf_counter()
        summary = till.daily_summary(day)
        summarised = time.perf_counter()
        size = len(daily_pdf(summary, shop, printed_at))
        timings.append(time.perf_counter() - started)
        renders.append(ms(time.perf_counter() - summarised))
    first, rest = timings[0], timings[1:]
    median = statistics.median(rest)
    imports = "imports reportlab" if cold else "reportlab was already imported"
    return [
        Row(
            f"PDF of the daily summary ({day})",
            median,
            "s",
            f"{median:.2f} s median of {RUNS} (first use {first:.2f} s, {imports})",
            "≤ 1 s",
            1.0,
            {
                **spread([ms(t) for t in rest]),
                "first_ms": round(ms(first), 3),
                "first_use_imports_reportlab": cold,
                "pdf_only": spread(renders[1:]),
                "bytes": size,
                "sales": summary.sales_count,
                "note": "daily_summary + daily_pdf, as `gerai report daily --format pdf`",
            },
        )
    ]
