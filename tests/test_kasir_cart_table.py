"""The kasir screen's cart table, updated in place (a scan adds its row or sets the changed
cells; only the rows that changed are drawn again): after every kind of change it holds
exactly the cart's lines and is drawn as the same table drawn afresh would be."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from textual.pilot import Pilot
from textual.strip import Strip
from textual.widgets import DataTable

from gerai.db import Database
from gerai.tui.screens.sale.kasir import KasirScreen
from gerai.tui.widgets.cart_table import CartTable, cells
from tests.test_kasir_screen import (
    MINYAKITA,
    SPHP,
    burst,
    make_app,
    scannable_barcodes,
    type_entry,
)

Line = list[tuple[str, object]]


def drawn(table: CartTable, render_line: Callable[[int], Strip]) -> list[Line]:
    """Each line of the table as `render_line` draws it: its segments' texts and styles."""
    table._pseudo_class_state = table.get_pseudo_class_state()
    table._blank = None
    return [[(s.text, s.style) for s in render_line(y)] for y in range(table.size.height)]


def drawn_afresh(table: CartTable) -> list[Line]:
    """The same table drawn by Textual's DataTable with every render cache dropped."""
    table._clear_caches()
    table._update_count += 1
    return drawn(table, lambda y: DataTable.render_line(table, y))


def check(screen: KasirScreen) -> None:
    """The table shows exactly the cart's lines, the selected one under the cursor, and is
    drawn as it would be from scratch."""
    table = screen.query_one(CartTable)
    views = screen.cart.view()
    assert [str(key.value) for key in table.rows] == [str(v.product.id) for v in views]
    for index, view in enumerate(views):
        assert table.get_row_at(index) == cells(index + 1, view)
    if views:
        assert table.cursor_row == screen.selected
    now = drawn(table, table.render_line)
    assert now == drawn_afresh(table)
    texts = ["".join(text for text, _ in line) for line in now]
    top = table.scroll_offset.y  # the first row shown, below the header
    for line, view in zip(texts[1:], views[top:], strict=False):
        assert view.product.name[:20] in line


@asynccontextmanager
async def kasir_at(
    db: Database, size: tuple[int, int]
) -> AsyncIterator[tuple[Pilot[None], KasirScreen]]:
    """The kasir screen of a till on `db`, at `size`, once started."""
    app = make_app(db)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, KasirScreen)
        yield pilot, screen


async def scanned(pilot: Pilot[None], screen: KasirScreen, entry: str) -> None:
    """`entry` and Enter as a scanner sends them (a dialog it opens closed with Esc), then
    check the table."""
    burst(pilot.app, entry)  # type: ignore[arg-type]
    await pilot.pause()
    if pilot.app.screen is not screen:
        await pilot.press("escape")
        await pilot.pause()
    check(screen)


async def pressed(pilot: Pilot[None], screen: KasirScreen, *keys: str) -> None:
    """Press `keys`, then check the table."""
    await pilot.press(*keys)
    await pilot.pause()
    check(screen)


async def test_the_cart_table_follows_every_change_of_the_cart(db: Database) -> None:
    codes = scannable_barcodes(db, 4)
    async with kasir_at(db, (120, 40)) as (pilot, screen):
        steps = [
            codes[0],  # the first line
            codes[1],  # a line added below
            codes[2],
            codes[0],  # one more on the first line: its quantity and amount in place
            "3*" + codes[1],  # three more on the second
            "5*",  # the selected line's quantity set
            SPHP,
            "zzzz-none",  # not a code: nothing changes
        ]
        for entry in steps:
            await scanned(pilot, screen, entry)
        for keys in (("up",), ("up", "plus"), ("minus",), ("down", "delete"), ("up", "delete")):
            await pressed(pilot, screen, *keys)
        await scanned(pilot, screen, MINYAKITA)  # added after removals
        await scanned(pilot, screen, codes[3])
        await pilot.press("f2")  # a member: every price changes at once
        await pilot.pause()
        await type_entry(pilot, "KKMP-0002")
        assert screen.cart.member is not None
        check(screen)
        await pressed(pilot, screen, "ctrl+x", "y")
        assert not screen.cart.lines
        await scanned(pilot, screen, codes[2])


async def test_a_cart_longer_than_the_table_scrolls_and_stays_exact(db: Database) -> None:
    codes = scannable_barcodes(db, 16)
    async with kasir_at(db, (80, 24)) as (pilot, screen):
        for code in codes + codes[:3]:
            await scanned(pilot, screen, code)
        table = screen.query_one(CartTable)
        assert table.row_count > table.size.height  # it scrolled
        for keys in (("up",) * 12, ("plus",), ("down",) * 3, ("delete",)):
            await pressed(pilot, screen, *keys)
