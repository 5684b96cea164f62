"""The benchmark's output: one `Row` per figure, printed as a table and written as JSON."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.build import Built


@dataclass
class Row:
    """One line of the report. `value` is in `unit`; `limit` the budget in the same unit."""

    what: str
    value: float | None
    unit: str
    measured: str
    budget: str
    limit: float | None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool | None:
        """Within budget; None when there is no figure or no budget."""
        if self.value is None or self.limit is None:
            return None
        return self.value <= self.limit


def table(rows: Iterable[Row]) -> str:
    """The rows as a plain-text table: what, measured, budget, ok?"""
    cells = [("what", "measured", "budget", "ok?")]
    for row in rows:
        verdict = {True: "yes", False: "NO", None: "—"}[row.ok]
        cells.append((row.what, row.measured, row.budget, verdict))
    widths = [max(len(r[i]) for r in cells) for i in range(4)]
    lines = [" | ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)) for r in cells]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def write_json(
    target: Path, rows: Sequence[Row], built: Built, path: Path, size_mb: float, reused: bool
) -> None:
    """Write the figures with the database they were measured on and the machine."""
    payload = {
        "database": {
            **asdict(built),
            "path": str(path),
            "size_mb": round(size_mb, 1),
            "reused": reused,
        },
        "machine": {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "sqlite": sqlite3.sqlite_version,
        },
        "results": [{**asdict(r), "ok": r.ok} for r in rows],
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
