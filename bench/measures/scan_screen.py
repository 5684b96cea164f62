"""A scan on screen: from a barcode's Enter on the kasir screen (the action Enter is bound to,
the code already typed and shown in the scan field) until the screen has been drawn again with
the new cart line and totals, on the big catalogue (headless Textual at 120 × 40); beside a
bare Textual app whose DataTable of the cart's five columns adds one row, moves its cursor
there and is drawn again. The two apps run side by side and take turns, scan by scan; the
figure is the median of the ratios of each scan to the bare row add just before it. Both start
from a screen just drawn (the scan field showing the code; the bare table drawn again), so
both wait alike for Textual's next frame (at most 60 a second: one to two frame intervals
after the frame just drawn): the times are what a kasir sees, that wait included on both
sides; the work itself is the difference between them."""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from typing import Any

from bench.build import SEED
from bench.measures.context import Context
from bench.measures.products_screen import painted
from bench.measures.timing import ms, percentile, spread
from bench.report import Row
from bench.sales import LINES_PER_SALE

RATIO_BUDGET = 1.3  # × the bare table's row add and redraw
SCANS = 200


def _codes(ctx: Context, count: int) -> list[str]:
    """Barcodes of `count` products sold by the piece with plenty of stock, a cart's worth
    (LINES_PER_SALE) of different ones after another."""
    with ctx.raw() as raw:
        codes = [
            row[0]
            for row in raw.execute(
                "SELECT min(b.code) FROM barcode b JOIN product p ON p.id = b.product_id "
                "WHERE p.active AND NOT p.sold_by_weight AND p.stock >= 1000 "
                "GROUP BY p.id"
            )
        ]
    rng = random.Random(SEED + 3)
    carts = range(count // LINES_PER_SALE + 1)
    return [code for _ in carts for code in rng.sample(codes, LINES_PER_SALE)][:count]


def _bare_app() -> Any:
    """A Textual app with one DataTable of the cart's columns, and a way to add a row."""
    from rich.text import Text
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    class BareTable(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable()

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.cursor_type, table.zebra_stripes = "row", True
            for label, width in (("#", 3), ("Item", 40), ("Qty", 9), ("Harga", 9), ("Jumlah", 10)):
                table.add_column(label, width=width)

        def add(self, number: int) -> None:
            """One row like a cart line, the cursor on it; the table emptied at a cart's end."""
            table = self.query_one(DataTable)
            if table.row_count >= LINES_PER_SALE:
                table.clear()
            table.add_row(
                str(number),
                f"Produk nomor {number}",
                Text("1", justify="right"),
                Text("12.500", justify="right"),
                Text("12.500", justify="right"),
            )
            table.move_cursor(row=table.row_count - 1, animate=False)

    return BareTable()


async def _bare_turns(turns: asyncio.Queue[int | None], timings: asyncio.Queue[float]) -> None:
    """The bare app, in a task of its own (a Textual app finds itself in its task's context):
    for each number from `turns`, a row added and drawn, its milliseconds put in `timings`."""
    bare = _bare_app()
    async with bare.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = bare.query_one("DataTable")
        while (number := await turns.get()) is not None:
            # from a screen just drawn, as the kasir screen's (its scan field drawn with the
            # code): Textual draws at most one frame a 1/60 s, so a change made right after a
            # frame waits for the next; a bare add from a screen long idle did not
            table.refresh()
            await painted(bare.screen)
            started = time.perf_counter()
            bare.add(number)
            await painted(bare.screen)
            timings.put_nowait(ms(time.perf_counter() - started))


async def _turns(ctx: Context, codes: list[str]) -> tuple[list[float], list[float]]:
    """Each scan's milliseconds on gerai's kasir screen and each bare row add's, in turns."""
    from gerai.core.words import Role
    from gerai.services.shop.auth import Actor
    from gerai.settings import Settings
    from gerai.tui.app import GeraiApp
    from gerai.tui.screens.sale.kasir import KasirScreen
    from gerai.tui.widgets.scan_field import ScanField

    turns: asyncio.Queue[int | None] = asyncio.Queue()
    timings: asyncio.Queue[float] = asyncio.Queue()
    bare = asyncio.create_task(_bare_turns(turns, timings))
    settings = Settings(db_url=ctx.url, auto_backup=False, printer="none")
    app = GeraiApp(settings, ctx.database(), actor=Actor("kasir", Role.KASIR))
    scans: list[float] = []
    adds: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, KasirScreen), screen
        field = screen.query_one("#scan", ScanField)
        for number, code in enumerate(codes, start=1):
            turns.put_nowait(number)
            adds.append(await timings.get())
            if len(screen.cart.lines) >= LINES_PER_SALE:
                screen.cart.clear()
                screen.refresh_cart()
                await painted(screen)
            field.value = code  # as the scanner typed it, drawn before its Enter
            await painted(screen)
            started = time.perf_counter()
            await screen.action_scan_entered()
            await painted(screen)
            scans.append(ms(time.perf_counter() - started))
            assert not field.value and screen.cart.lines, code
        screen.cart.clear()
    turns.put_nowait(None)
    await bare
    return scans, adds


def measure_scan_screen(ctx: Context) -> list[Row]:
    """A barcode's Enter until its cart line is drawn, beside a bare DataTable's row add."""
    codes = _codes(ctx, SCANS // 4 if ctx.quick else SCANS)
    scans, adds = asyncio.run(_turns(ctx, codes))
    warm = LINES_PER_SALE  # the first cart warms the caches
    scans, adds = scans[warm:], adds[warm:]
    ratios = [s / a for s, a in zip(scans, adds, strict=True)]
    ratio = statistics.median(ratios)
    mine, theirs = spread(scans), spread(adds)
    return [
        Row(
            "barcode → line in the cart, on screen ÷ a bare table's row add",
            ratio,
            "×",
            f"{ratio:.2f}× (median of {len(ratios)}; scan {mine['median_ms']:.1f} ms, "
            f"bare row add {theirs['median_ms']:.1f} ms)",
            f"≤ {RATIO_BUDGET}× bare table",
            RATIO_BUDGET,
            {
                "scan": mine,
                "bare_row_add": theirs,
                "ratio_p95": round(percentile(ratios, 0.95), 2),
                "note": "Enter's action with the code in the scan field → the kasir screen "
                "drawn again; bare: DataTable.add_row + move_cursor → drawn again; in turns, "
                "each from a screen just drawn (both wait for Textual's next frame)",
            },
        )
    ]
