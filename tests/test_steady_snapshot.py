"""The snapshot harness (tests/steady_snapshot.py): a focused entry's cursor does not blink,
the picture waits for a worker's result, and a screen that never gets ready is an error."""

from __future__ import annotations

import time

import pytest
from textual import work
from textual.app import App, ComposeResult
from textual.widgets import Input, Label

from tests.steady_snapshot import settle


class Entry(App[None]):
    """An entry, and a label a worker fills a little later."""

    def compose(self) -> ComposeResult:
        yield Input(id="entry")
        yield Label("", id="late")

    def on_mount(self) -> None:
        self.fill()

    @work(thread=True)
    def fill(self) -> None:
        time.sleep(0.3)
        self.call_from_thread(self.query_one("#late", Label).update, "filled")


async def test_the_focused_cursor_stays_lit_through_the_blinks() -> None:
    app = Entry()
    async with app.run_test() as pilot:
        await settle(pilot, lambda screen: screen.focused is not None)
        first = app.export_screenshot()
        for _ in range(6):  # 1.2 s: a blinking cursor would go dark from 0.5 s to 1 s
            await pilot.pause(0.2)
            assert app.export_screenshot() == first


async def test_the_picture_waits_for_the_worker() -> None:
    app = Entry()
    async with app.run_test() as pilot:
        await settle(pilot)
        assert str(app.query_one("#late", Label).render()) == "filled"


async def test_a_screen_never_ready_is_an_error() -> None:
    app = Entry()
    async with app.run_test() as pilot:
        with pytest.raises(AssertionError, match="did not settle"):
            await settle(pilot, lambda screen: screen.focused is None, looks=3)
        assert isinstance(app.focused, Input)
