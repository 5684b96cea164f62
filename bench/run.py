"""The performance benchmark of SPEC §7: builds (or reuses) a big shop database in `bench/out/`
and measures each budget on it.

    python bench/run.py                 # 100,000 products, 365 days x ~300 sales of 10 lines
    python bench/run.py --quick         # 5,000 products, 7 days: a smoke test for CI
    python bench/run.py --json out.json --only search,commit
    python bench/run.py --only commit --pg-url postgresql://postgres@127.0.0.1:5432/postgres

Budgets are reported, never asserted: the exit code is 0 unless the script itself fails.
The measurements are listed in `MEASUREMENTS` in `bench/measures/__init__.py`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

if not __package__:  # run as a script: import `bench` from the repository, not bench/ itself
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench.build import build, db_path_for, load_built
from bench.measures import MEASUREMENTS
from bench.measures.context import Context
from bench.report import Row, table, write_json
from bench.sales import LINES_PER_SALE

DEFAULT_OUT = Path(__file__).resolve().parent / "out"
FULL = {"products": 100_000, "days": 365, "sales_per_day": 300}
QUICK = {"products": 5_000, "days": 7, "sales_per_day": 300}


def main(argv: Sequence[str] | None = None) -> int:
    """Build or reuse the database, run the chosen measurements, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, help=f"default {FULL['products']:,}")
    parser.add_argument("--days", type=int, help=f"default {FULL['days']}")
    parser.add_argument("--sales-per-day", type=int, help=f"default {FULL['sales_per_day']}")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small database (5,000 products, 7 days) and fewer repetitions",
    )
    parser.add_argument("--rebuild", action="store_true", help="build even if one exists")
    parser.add_argument("--build-only", action="store_true", help="build, measure nothing")
    parser.add_argument("--only", help="comma-separated: " + ",".join(n for n, _ in MEASUREMENTS))
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where databases live")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("GERAI_BENCH_PG_URL"),
        help="a PostgreSQL server (postgresql://user@host:port/db, a user who may create "
        "databases): the sale commit is measured there too [GERAI_BENCH_PG_URL]",
    )
    args = parser.parse_args(argv)

    size = dict(QUICK if args.quick else FULL)
    for key in size:
        if getattr(args, key) is not None:
            size[key] = getattr(args, key)
    only = set(args.only.split(",")) if args.only else None
    if only and (unknown := only - {n for n, _ in MEASUREMENTS}):
        parser.error(f"unknown measurement(s): {', '.join(sorted(unknown))}")

    args.out.mkdir(parents=True, exist_ok=True)
    path = db_path_for(args.out, **size)
    built = None if args.rebuild else load_built(path, **size)
    if built is None:
        print(
            f"building {path} ({size['products']:,} products, {size['days']} days × "
            f"~{size['sales_per_day']} sales × {LINES_PER_SALE} lines)",
            flush=True,
        )
        built = build(path, **size)
        print(f"built in {built.build_seconds:.0f} s", flush=True)
        reused = False
    else:
        print(f"reusing {path} (built {built.built_at} in {built.build_seconds:.0f} s)")
        reused = True
    db_mb = path.stat().st_size / 2**20
    print(
        f"database: {db_mb:,.0f} MB, {built.products:,} products, {built.sales:,} sales, "
        f"{built.lines:,} lines, {built.first_day} … {built.last_day}\n",
        flush=True,
    )
    if args.build_only:
        return 0

    ctx = Context(path=path, built=built, quick=args.quick, pg_url=args.pg_url)
    rows: list[Row] = []
    try:
        ctx.open_till()
        for name, measure in MEASUREMENTS:
            if only and name not in only:
                continue
            print(f"measuring {name} …", flush=True)
            started = time.perf_counter()
            rows.extend(measure(ctx))
            print(f"  done in {time.perf_counter() - started:.1f} s", flush=True)
    finally:
        ctx.close()
    print()
    print(table(rows))

    if args.json:
        write_json(args.json, rows, built, path, db_mb, reused)
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
