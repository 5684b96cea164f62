"""The measurements, one function `(Context) -> list[Row]` each, in the order of the report.
Adding one = one function in a module here + one entry in `MEASUREMENTS`."""

from __future__ import annotations

from collections.abc import Callable

from bench.measures.audit import measure_audit_verify
from bench.measures.commit import measure_commit
from bench.measures.context import Context
from bench.measures.demo import measure_demo
from bench.measures.imports import measure_import
from bench.measures.lookup import measure_barcode, measure_search
from bench.measures.pdf import measure_daily_pdf
from bench.measures.products_screen import measure_products_screen
from bench.measures.receipt import measure_receipt
from bench.measures.scan_screen import measure_scan_screen
from bench.measures.startup import measure_memory, measure_startup
from bench.measures.summary import measure_daily_summary
from bench.report import Row

Measurement = Callable[[Context], list[Row]]


MEASUREMENTS: list[tuple[str, Measurement]] = [
    ("startup", measure_startup),
    ("barcode", measure_barcode),
    ("search", measure_search),
    ("commit", measure_commit),
    ("summary", measure_daily_summary),
    ("pdf", measure_daily_pdf),
    ("receipt", measure_receipt),
    ("products", measure_products_screen),
    ("scan_screen", measure_scan_screen),
    ("memory", measure_memory),
    ("audit", measure_audit_verify),
    ("import", measure_import),
    ("demo", measure_demo),
]
