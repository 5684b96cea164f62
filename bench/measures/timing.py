"""Timing figures: milliseconds, percentiles and the usual spread of a series."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence


def ms(seconds: float) -> float:
    """Seconds as milliseconds."""
    return seconds * 1000.0


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (`fraction` 0.95 → p95)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def spread(values_ms: Sequence[float]) -> dict[str, float]:
    """Count, median, p95, max and min of a series of milliseconds."""
    return {
        "n": len(values_ms),
        "median_ms": round(statistics.median(values_ms), 3),
        "p95_ms": round(percentile(values_ms, 0.95), 3),
        "max_ms": round(max(values_ms), 3),
        "min_ms": round(min(values_ms), 3),
    }
