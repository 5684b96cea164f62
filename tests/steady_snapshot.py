"""Snapshots that come out the same however loaded the machine. pytest-textual-snapshot takes
its picture a fixed few pauses after `run_before`; on a busy machine that can be before a
worker has shown its rows or a focus has been drawn, and more than half a second after an
entry got the focus, when the blinking cursor has just gone dark (one cell's style differs).
`snap_compare` here (it takes the plugin's place for every test, through tests/conftest.py)
stops the cursors blinking and takes the picture only once the screen is `ready` and no
longer changes: no worker running, no animation left, the same picture twice in a row."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, TextArea

Ready = Callable[[Screen[Any]], object]
RunBefore = Callable[[Pilot[Any]], Awaitable[None] | None]

LOOKS = 200  # the most looks at the screen before giving up (each waits for the app to idle)


def still_cursors(app: App[Any]) -> None:
    """Every entry's cursor stays lit while it has the focus: none blinks."""
    for screen in app.screen_stack:
        for entry in screen.query("Input, TextArea"):
            assert isinstance(entry, Input | TextArea)
            entry.cursor_blink = False


def busy(app: App[Any]) -> bool:
    """A worker is still running."""
    return any(not worker.is_finished for worker in app.workers)


async def settle(pilot: Pilot[Any], ready: Ready | None = None, looks: int = LOOKS) -> None:
    """Wait until the screen is `ready` (any screen when None), no worker runs, no animation
    is left, and two looks in a row see the same picture; AssertionError after `looks`."""
    app = pilot.app
    last: str | None = None
    for _ in range(looks):
        await pilot.wait_for_scheduled_animations()
        await app.workers.wait_for_complete()
        still_cursors(app)
        await pilot.pause()
        if busy(app) or (ready is not None and not ready(app.screen)):
            last = None
            continue
        picture = app.export_screenshot(simplify=True)
        if picture == last:
            return
        last = picture
    raise AssertionError(f"the screen did not settle: {app.screen}, focus on {app.focused}")


@pytest.fixture
def snap_compare(snap_compare: Callable[..., bool]) -> Callable[..., bool]:
    """pytest-textual-snapshot's `snap_compare`, whose picture is taken once the screen has
    settled (see `settle`); `ready` says what the screen must show first."""

    def compare(
        app: App[Any],
        press: Iterable[str] = (),
        terminal_size: tuple[int, int] = (80, 24),
        run_before: RunBefore | None = None,
        ready: Ready | None = None,
    ) -> bool:
        async def steady(pilot: Pilot[Any]) -> None:
            if run_before is not None:
                result = run_before(pilot)
                if result is not None:
                    await result
            await pilot.press(*press)
            await settle(pilot, ready)

        return snap_compare(app, terminal_size=terminal_size, run_before=steady)

    return compare
