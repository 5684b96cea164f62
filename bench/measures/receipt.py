"""The ESC/POS bytes of a stored 10-line sale's receipt, as the till renders them."""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import UTC, datetime

from bench.build import SEED
from bench.measures.context import Context
from bench.measures.timing import ms, spread
from bench.report import Row
from bench.sales import LINES_PER_SALE

PRINTER = "tcp://127.0.0.1:9100"  # only parsed: rendering never connects


def measure_receipt(ctx: Context) -> list[Row]:
    """`PrintQueue.render` of ~200 different 10-line sales (p95 is the figure). Creating the
    queue (its printer URL check loads escpos.capabilities) and the first, warm-up render (which
    loads the rest of python-escpos) are timed apart and reported as "first use"."""
    from gerai.printing import PrintQueue
    from gerai.settings import Settings

    with ctx.raw() as raw:
        receipts = [
            row[0]
            for row in raw.execute(
                "SELECT s.receipt_no FROM sale s "
                "WHERE (SELECT count(*) FROM saleline l WHERE l.sale_id = s.id) = ?",
                (LINES_PER_SALE,),
            )
        ]
    rng = random.Random(SEED + 4)
    picked = rng.sample(receipts, min((50 if ctx.quick else 200) + 1, len(receipts)))
    database = ctx.database()
    cold = "escpos" not in sys.modules
    started = time.perf_counter()
    queue = PrintQueue(
        database, Settings(db_url=ctx.url, printer=PRINTER), lambda: datetime.now(UTC)
    )
    created = time.perf_counter()
    queue.render(picked[0])
    create_ms, first_ms = ms(created - started), ms(time.perf_counter() - created)
    timings: list[float] = []
    sizes: list[int] = []
    for number in picked[1:]:
        started = time.perf_counter()
        payload = queue.render(number)
        timings.append(ms(time.perf_counter() - started))
        sizes.append(len(payload))
    layout: list[float] = []  # a second pass: its pages are cached
    for number in picked[1:]:
        started = time.perf_counter()
        queue.receipt_lines(number)
        layout.append(ms(time.perf_counter() - started))
    stats = spread(timings)
    imports = "imports python-escpos" if cold else "python-escpos was already imported"
    return [
        Row(
            "receipt bytes for a 10-line sale",
            stats["p95_ms"],
            "ms",
            f"{stats['median_ms']:.2f} ms median, p95 {stats['p95_ms']:.2f}; "
            f"first use {create_ms + first_ms:.0f} ms ({imports})",
            "≤ 20 ms",
            20,
            {
                **stats,
                "create_print_queue_ms": round(create_ms, 3),
                "first_render_ms": round(first_ms, 3),
                "first_use_imports_escpos": cold,
                "database_and_layout_only": spread(layout),
                "bytes_median": statistics.median(sizes),
                "profile": queue.target.profile,
                "width": queue.target.width,
                "note": "PrintQueue.render: stored sale → layout → python-escpos Dummy job",
            },
        )
    ]
