"""`gerai audit verify` on the whole database: the audit chain recomputed and every sale
checked against the digest in its record (no budget in SPEC §7; reported)."""

from __future__ import annotations

import time

from bench.measures.context import Context
from bench.report import Row


def measure_audit_verify(ctx: Context) -> list[Row]:
    """One full verification, as the command runs it."""
    till = ctx.till()
    started = time.perf_counter()
    result = till.verify_audit()
    seconds = time.perf_counter() - started
    problem = result.problem()
    return [
        Row(
            f"audit verify: chain + {ctx.built.sales:,} sales",
            seconds,
            "s",
            f"{seconds:.1f} s, {result.records:,} records, "
            + ("intact" if problem is None else f"BROKEN: {problem.message()}"),
            "— (reported)",
            None,
            {"records": result.records, "intact": problem is None},
        )
    ]
