"""The products screen on the whole catalogue: opening it (mount + the first page drawn), the
next page (PageDown), sliding by one product (Down past the last row), and a search typed
key by key, each from its start until the screen has been drawn again (headless Textual at
120 × 40), plus the page queries on their own."""

from __future__ import annotations

import asyncio
import statistics
import time
from typing import Any

from bench.measures.context import Context
from bench.measures.timing import ms, spread
from bench.report import Row

BUDGET = "≤ 100 ms (instant)"
LIMIT = 100.0
TYPED = "beras medium"


def _queries(ctx: Context) -> dict[str, Any]:
    """The page queries alone: first page, the page after it, one search, low stock."""
    from gerai.services.stock.catalog import PAGE_SIZE, ProductFilter

    till = ctx.till()
    cases: dict[str, tuple[ProductFilter, bool]] = {
        "first page": (ProductFilter(), False),
        "next page": (ProductFilter(), True),
        "search 'b' (half the catalogue)": (ProductFilter(query="b"), False),
        "search 'beras medium'": (ProductFilter(query="beras medium"), False),
        "low stock": (ProductFilter(low_stock=True), False),
    }
    figures: dict[str, Any] = {}
    for name, (filters, following) in cases.items():
        timings = []
        for _ in range(21):
            started = time.perf_counter()
            page = till.product_page(filters, limit=PAGE_SIZE)
            if following and page:
                after = (page[-1].name, page[-1].id)
                page = till.product_page(filters, limit=PAGE_SIZE, after=after)
            timings.append(ms(time.perf_counter() - started))
        figures[name] = spread(timings[1:])
    return figures


async def painted(screen: Any) -> None:
    """Until the messages now queued are handled and the screen has been drawn again."""
    done = asyncio.Event()
    screen.call_after_refresh(done.set)
    await done.wait()


async def _screen(ctx: Context) -> dict[str, list[float]]:
    """Each step from its start until the screen is drawn with the result. The keys call the
    actions they are bound to (a pilot's key press adds its own ~40 ms of idle-waiting)."""
    from textual.widgets import Input

    from gerai.core.words import Role
    from gerai.services.shop.auth import Actor
    from gerai.settings import Settings
    from gerai.tui.app import GeraiApp
    from gerai.tui.screens.stock.products import ProductsScreen

    timings: dict[str, list[float]] = {"open": [], "pagedown": [], "down": [], "key": []}
    settings = Settings(db_url=ctx.url, auto_backup=False)  # no copy of the big file meanwhile
    app = GeraiApp(settings, ctx.database(), actor=Actor("kasir", Role.KASIR))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(6):
            started = time.perf_counter()
            screen = ProductsScreen()
            await app.push_screen(screen)
            while not screen.rows:
                await painted(screen)  # until the page fits the table as laid out
            timings["open"].append(ms(time.perf_counter() - started))
            for _ in range(10):
                started = time.perf_counter()
                screen.action_page(1)
                await painted(screen)
                timings["pagedown"].append(ms(time.perf_counter() - started))
            for _ in range(screen.page_size + 10):
                started = time.perf_counter()
                screen.action_move(1)
                await painted(screen)
                timings["down"].append(ms(time.perf_counter() - started))
            search = screen.query_one("#search", Input)
            for end in range(1, len(TYPED) + 1):
                started = time.perf_counter()
                screen.on_input_changed(Input.Changed(search, TYPED[:end]))
                await painted(screen)
                timings["key"].append(ms(time.perf_counter() - started))
            app.pop_screen()
            await pilot.pause()
    return timings


def measure_products_screen(ctx: Context) -> list[Row]:
    """Open, PageDown, Down past the page and search keys on the products screen."""
    queries = _queries(ctx)
    timings = asyncio.run(_screen(ctx))
    rows = []
    for key, what in (
        ("open", "products screen: open + first page"),
        ("pagedown", "products screen: next page (PageDown)"),
        ("down", "products screen: Down, sliding past the page"),
        ("key", f"products screen: search key typed ({TYPED!r})"),
    ):
        values = timings[key][1:]  # the first warms the caches
        median = statistics.median(values)
        stats = spread(values)
        details: dict[str, Any] = {**stats}
        if key == "open":
            details["queries"] = queries
        rows.append(
            Row(
                what,
                stats["p95_ms"],
                "ms",
                f"{median:.1f} ms median, p95 {stats['p95_ms']:.1f}",
                BUDGET,
                LIMIT,
                details,
            )
        )
    return rows
