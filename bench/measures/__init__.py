"""The measurements, one function `(Context) -> list[Row]` each, in the order of the report.
Adding one = one function in a module here + one entry in `MEASUREMENTS`."""

from __future__ import annotations

from collections.abc import Callable

from bench.measures.commit import measure_commit
from bench.measures.context import Context
from bench.measures.lookup import measure_barcode, measure_search
from bench.measures.receipt import measure_receipt
from bench.measures.startup import measure_memory, measure_startup
from bench.measures.summary import measure_daily_summary
from bench.report import Row

Measurement = Callable[[Context], list[Row]]


def not_built_yet(what: str, budget: str, unit: str, limit: float) -> Measurement:
    """A placeholder row for a feature that has not landed; replace with a real function."""

    def measure(_ctx: Context) -> list[Row]:
        return [Row(what, None, unit, "not built yet", budget, limit)]

    return measure


MEASUREMENTS: list[tuple[str, Measurement]] = [
    ("startup", measure_startup),
    ("barcode", measure_barcode),
    ("search", measure_search),
    ("commit", measure_commit),
    ("summary", measure_daily_summary),
    ("pdf", not_built_yet("PDF of the daily summary", "≤ 1.5 s", "s", 1.5)),
    ("receipt", measure_receipt),
    ("memory", measure_memory),
]
