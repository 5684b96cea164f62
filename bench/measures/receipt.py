"""The ESC/POS bytes of a stored 10-line sale's receipt, as the till renders them, beside a
hand-written encoder of the same bytes."""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from bench.build import SEED
from bench.measures.context import Context
from bench.measures.timing import ms, spread
from bench.report import Row
from bench.sales import LINES_PER_SALE

if TYPE_CHECKING:
    from receipts.layout import Line

# only parsed: rendering never connects. TM-T20II has hardware QR (the figure); POS-5890, the
# default, has none: its QR is an image (reported beside, with the old budget).
NATIVE_QR_PRINTER = "tcp://127.0.0.1:9100?profile=TM-T20II"
IMAGE_QR_PRINTER = "tcp://127.0.0.1:9100"
MEDIAN_BUDGET_MS, P95_BUDGET_MS, IMAGE_P95_BUDGET_MS = 5.0, 10.0, 20.0

BOLD = (b"\x1bE\x00", b"\x1bE\x01")
CENTER, LEFT = b"\x1ba\x01", b"\x1ba\x00"
KICK = b"\x1bp\x0022"  # pin 2, 50 ms on, 50 ms off
FEED_AND_CUT = b"\x1bd\x06\x1dV\x00"  # feed 6 lines, full cut


def _qr_part(fn: int, data: bytes) -> bytes:
    size = len(data) + 2
    return b"\x1d(k" + bytes((size & 0xFF, size >> 8, 0x31, fn)) + data


def hand_encoded(lines: list[Line], qr: str, kick: bool) -> bytes:
    """The reference: the receipt's job for a TM-T20II encoded by hand from its laid-out
    lines (init, bold runs, the native QR centred, the drawer kick, feed and cut)."""
    out = [b"\x1b@"]
    bold = False
    for line in lines:
        if line.bold != bold:
            bold = line.bold
            out.append(BOLD[bold])
        out.append(line.text.encode("ascii") + b"\n")
    if bold:
        out.append(BOLD[False])
    out += [b"\n", CENTER, _qr_part(0x41, b"2\x00"), _qr_part(0x43, b"\x04")]
    out += [_qr_part(0x45, b"0"), _qr_part(0x50, b"0" + qr.encode()), _qr_part(0x51, b"0")]
    out += [LEFT, b"\n", KICK if kick else b"", FEED_AND_CUT]
    return b"".join(out)


def _sales(ctx: Context) -> tuple[list[str], set[str]]:
    """~200 receipt numbers of 10-line sales picked at random, and those paid (partly) in
    cash (their receipt kicks the drawer)."""
    with ctx.raw() as raw:
        receipts = [
            row[0]
            for row in raw.execute(
                "SELECT s.receipt_no FROM sale s "
                "WHERE (SELECT count(*) FROM saleline l WHERE l.sale_id = s.id) = ?",
                (LINES_PER_SALE,),
            )
        ]
        cash = {
            row[0]
            for row in raw.execute(
                "SELECT s.receipt_no FROM sale s JOIN payment p ON p.sale_id = s.id "
                "WHERE p.method = 'tunai'"
            )
        }
    rng = random.Random(SEED + 4)
    return rng.sample(receipts, min((50 if ctx.quick else 200) + 1, len(receipts))), cash


def _queue(ctx: Context, printer: str) -> Any:
    from gerai.printing import PrintQueue
    from gerai.settings import Settings

    settings = Settings(db_url=ctx.url, printer=printer, kick_drawer=True)
    return PrintQueue(ctx.database(), settings, lambda: datetime.now(UTC))


def measure_receipt(ctx: Context) -> list[Row]:
    """`PrintQueue.render` of ~200 different 10-line sales on a printer with hardware QR
    (median and p95 are the figures), each beside the hand-written encoder of the same bytes
    from its layout (timed interleaved; the bytes must be equal), then on one without (the
    QR an image). Creating the queue (its printer URL check loads escpos.capabilities) and
    the first, warm-up render (which loads the rest of python-escpos) are timed apart and
    reported as "first use"."""
    picked, cash = _sales(ctx)
    cold = "escpos" not in sys.modules
    started = time.perf_counter()
    queue = _queue(ctx, NATIVE_QR_PRINTER)
    created = time.perf_counter()
    queue.render(picked[0])
    create_ms, first_ms = ms(created - started), ms(time.perf_counter() - created)
    timings: list[float] = []
    reference: list[float] = []
    sizes: list[int] = []
    for number in picked[1:]:
        started = time.perf_counter()
        payload = queue.render(number)
        timings.append(ms(time.perf_counter() - started))
        lines = queue.receipt_lines(number)
        started = time.perf_counter()
        expected = hand_encoded(lines, number, number in cash)
        reference.append(ms(time.perf_counter() - started))
        if payload != expected:
            raise AssertionError(f"receipt {number}: the render and the reference differ")
        sizes.append(len(payload))
    layout: list[float] = []  # a second pass: its pages are cached
    for number in picked[1:]:
        started = time.perf_counter()
        queue.receipt_lines(number)
        layout.append(ms(time.perf_counter() - started))
    image_queue = _queue(ctx, IMAGE_QR_PRINTER)
    image_queue.render(picked[0])
    image: list[float] = []
    for number in picked[1:]:
        started = time.perf_counter()
        image_queue.render(number)
        image.append(ms(time.perf_counter() - started))
    stats, ref, drawn = spread(timings), spread(reference), spread(image)
    ratio = stats["median_ms"] / ref["median_ms"]
    imports = "imports python-escpos" if cold else "python-escpos was already imported"
    details = {
        **stats,
        "hand_written_encoder": ref,
        "ratio_to_hand_written": round(ratio, 1),
        "create_print_queue_ms": round(create_ms, 3),
        "first_render_ms": round(first_ms, 3),
        "first_use_imports_escpos": cold,
        "database_and_layout_only": spread(layout),
        "bytes_median": statistics.median(sizes),
        "profile": queue.target.profile,
        "width": queue.target.width,
        "note": "PrintQueue.render: stored sale → layout → python-escpos Dummy job; the "
        "reference encodes the same layout's lines by hand (equal bytes checked)",
    }
    measured = (
        f"{stats['median_ms']:.2f} ms median, p95 {stats['p95_ms']:.2f}; "
        f"{ratio:.0f}× a hand-written encoder ({ref['median_ms']:.3f} ms)"
    )
    return [
        Row(
            "receipt bytes, 10 lines, native QR: median",
            stats["median_ms"],
            "ms",
            f"{measured}; first use {create_ms + first_ms:.0f} ms ({imports})",
            f"≤ {MEDIAN_BUDGET_MS:.0f} ms",
            MEDIAN_BUDGET_MS,
            details,
        ),
        Row(
            "receipt bytes, 10 lines, native QR: p95",
            stats["p95_ms"],
            "ms",
            f"p95 {stats['p95_ms']:.2f} ms ({queue.target.profile})",
            f"≤ {P95_BUDGET_MS:.0f} ms",
            P95_BUDGET_MS,
            {},
        ),
        Row(
            "receipt bytes, 10 lines, QR as an image",
            drawn["p95_ms"],
            "ms",
            f"{drawn['median_ms']:.2f} ms median, p95 {drawn['p95_ms']:.2f} "
            f"({image_queue.target.profile}: no hardware QR)",
            f"≤ {IMAGE_P95_BUDGET_MS:.0f} ms",
            IMAGE_P95_BUDGET_MS,
            {**drawn, "profile": image_queue.target.profile, "width": image_queue.target.width},
        ),
    ]
