"""The two lookups at the till: a scanned barcode becoming a cart line, and the product name
search run on every key typed."""

from __future__ import annotations

import os
import random
import statistics
import time

from bench.build import SEED
from bench.measures.context import Context
from bench.measures.timing import ms, spread
from bench.report import Row
from bench.sales import LINES_PER_SALE


def measure_barcode(ctx: Context) -> list[Row]:
    """Barcode → line: the till's scan (its own read session), add to the cart, recompute
    totals."""
    with ctx.raw() as raw:
        codes = [
            row[0]
            for row in raw.execute(
                "SELECT b.code FROM barcode b JOIN product p ON p.id = b.product_id "
                "WHERE p.active AND p.stock >= 1000"
            )
        ]
    rng = random.Random(SEED + 1)
    sample = [rng.choice(codes) for _ in range(520)]
    till = ctx.till()
    cart = till.cart
    whole: list[float] = []
    lookup: list[float] = []
    for n, code in enumerate(sample):
        if len(cart.lines) >= LINES_PER_SALE:
            cart.clear()
        started = time.perf_counter()
        product, _, _ = till.scan(code, explicit_qty=False)
        found = time.perf_counter()
        assert product is not None, code
        cart.add(product)
        cart.totals()
        done = time.perf_counter()
        if n >= 20:  # the first 20 warm the statement cache
            whole.append(ms(done - started))
            lookup.append(ms(found - started))
    stats, scan = spread(whole), spread(lookup)
    return [
        Row(
            "barcode → line (lookup + add + totals)",
            stats["median_ms"],
            "ms",
            f"{stats['median_ms']:.2f} ms median, p95 {stats['p95_ms']:.2f} "
            f"(the scan's one query: p95 {scan['p95_ms']:.2f}){machine_load()}",
            "≤ 5 ms",
            5,
            {
                **stats,
                "lookup_only": scan,
                "load_average": os.getloadavg(),
                "note": "Till.scan: one read session per scan, as the kasir screen's worker; "
                "code or barcode in one query",
            },
        )
    ]


def machine_load() -> str:
    """The machine's load (1-minute average) over its cores, as the figures are read beside
    it: ", load 3.1 on 2 cores"."""
    return f", load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def typed_prefixes(name: str, limit: int = 24) -> list[str]:
    """What the search field holds after each key: "b", "be", ..., "beras m", ..."""
    text = name.lower()[:limit].rstrip()
    return [text[:i] for i in range(1, len(text) + 1)]


def measure_search(ctx: Context) -> list[Row]:
    """Name search for every prefix typed of 25 product names (p95 is the figure, on the
    machine as loaded as it is: the load is printed beside it)."""
    with ctx.raw() as raw:
        names = [row[0] for row in raw.execute("SELECT name FROM product WHERE active")]
    rng = random.Random(SEED + 2)
    picked = rng.sample(names, min(25, len(names)))
    till = ctx.till()
    for warm in ("beras", "indomie", "sabun"):
        till.search_products(warm)
    timings: list[tuple[float, str, int]] = []
    cpu: list[float] = []
    for name in picked:
        for prefix in typed_prefixes(name):
            started, cpu_started = time.perf_counter(), time.thread_time()
            found = till.search_products(prefix)
            cpu.append(ms(time.thread_time() - cpu_started))
            timings.append((ms(time.perf_counter() - started), prefix, len(found)))
    values = [t[0] for t in timings]
    stats, own = spread(values), spread(cpu)
    slowest = sorted(timings, reverse=True)[:8]
    by_length: dict[int, list[float]] = {}
    for value, prefix, _ in timings:
        by_length.setdefault(min(len(prefix), 6), []).append(value)
    return [
        Row(
            "product name search as you type",
            stats["p95_ms"],
            "ms",
            f"{stats['median_ms']:.1f} ms median, p95 {stats['p95_ms']:.1f}, "
            f"max {stats['max_ms']:.1f} (its own CPU: p95 {own['p95_ms']:.1f}){machine_load()}",
            "p95 ≤ 20 ms",
            20,
            {
                **stats,
                "load_average": os.getloadavg(),
                "cpu": own,
                "names": picked,
                "median_ms_by_prefix_length": {
                    (f"{k}+" if k == 6 else str(k)): round(statistics.median(v), 2)
                    for k, v in sorted(by_length.items())
                },
                "slowest": [{"ms": round(v, 2), "typed": p, "results": c} for v, p, c in slowest],
            },
        )
    ]
