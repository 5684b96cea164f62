"""A catalogue import of new products beside the tills: the whole import (read the CSV, check
it in a read transaction, write it) and the write transaction alone, which is how long a till
selling meanwhile may have to wait for the lock. The write is rolled back: the benchmark's
database is left as it was."""

from __future__ import annotations

import csv
import tempfile
import time
from pathlib import Path

from bench.measures.context import Context
from bench.products import ean13
from bench.report import Row

FULL, QUICK = 100_000, 5_000


class _Undone(Exception):
    """Raised inside the write transaction to roll it back once timed."""


def _catalogue(path: Path, count: int) -> None:
    from gerai.core.words import TaxCategory
    from gerai.services.stock.import_export import PRODUCT_COLUMNS

    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(PRODUCT_COLUMNS)
        for n in range(count):
            writer.writerow([
                f"IMPOR-{n:06d}", ean13(f"2990{n:08d}"), f"Barang impor {n}", "Impor", "pcs",
                "0", 1000 + n % 500 * 100, "", 800, "", "", TaxCategory.EXEMPT, "5",
                10 + n % 50, "1",
            ])  # fmt: skip


def measure_import(ctx: Context) -> list[Row]:
    """One import of new products, timed whole and under the write lock."""
    from gerai.services.shop.auth import SYSTEM
    from gerai.tabular import read_table

    count = QUICK if ctx.quick else FULL
    till = ctx.till(SYSTEM)  # as `gerai products import` works it
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "produk.csv"
        _catalogue(path, count)
        started = time.perf_counter()
        table = read_table(path)
        staged = till.stage_products(table, skip_bad=False)
        locked = time.perf_counter()
        try:
            with till.batch():  # the import's one write, then rolled back: the file is kept
                till.import_products(staged)
                ended = time.perf_counter()
                raise _Undone
        except _Undone:
            pass
    whole, lock = ended - started, ended - locked
    return [
        Row(
            f"import of {count:,} new products (CSV, checked, written)",
            whole,
            "s",
            f"{whole:.1f} s",
            "≤ 10 s (for 100,000)",
            10.0 if count == FULL else None,
            {"products": count},
        ),
        Row(
            "import: write lock held (a till waits at most this)",
            lock,
            "s",
            f"{lock:.2f} s (rolled back, commit not counted)",
            "≤ 2 s (for 100,000)",
            2.0 if count == FULL else None,
            {"products": count},
        ),
    ]
