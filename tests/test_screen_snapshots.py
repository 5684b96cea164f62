"""How the login, members and bendahara screens and a filled product form looked at 80x24 and
120x40 when they were checked by eye (issue 14; the kasir, payment, close-shift and refused
product form are in tests/test_counter_layout.py). Snapshots in tests/__snapshots__/."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from gerai.db import Database
from gerai.services.shop.auth import Actor
from gerai.tui.screens.cash.bendahara import BendaharaScreen
from gerai.tui.screens.members.register import MembersScreen
from gerai.tui.screens.stock.product_form import ProductDialog
from tests.conftest import OWNER, TREASURER
from tests.test_bendahara_screen import sell
from tests.test_counter_layout import size_id
from tests.test_type_ahead import make_app

pytestmark = pytest.mark.sqlite_only("the screens look the same on every engine")

SIZES = [(80, 24), (120, 40)]


async def settled(pilot: Pilot[Any], done: Any) -> None:
    for _ in range(30):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        if done(pilot.app.screen):
            return
    raise AssertionError(f"not ready: {pilot.app.screen}")


async def login(pilot: Pilot[Any]) -> None:
    await pilot.pause()


async def members(pilot: Pilot[Any]) -> None:
    await pilot.press("f5")
    await settled(pilot, lambda screen: isinstance(screen, MembersScreen) and screen.rows)


async def bendahara(pilot: Pilot[Any]) -> None:
    await pilot.press("f4")
    await settled(
        pilot,
        lambda screen: (
            isinstance(screen, BendaharaScreen)
            and screen.query_one("#sales-table", DataTable).row_count
        ),
    )


async def product_form(pilot: Pilot[Any]) -> None:
    await pilot.press("f3")
    await pilot.pause()
    await pilot.press(*"MYK-1L")
    await pilot.pause()
    await pilot.press("enter")  # edit the product found
    await settled(pilot, lambda screen: isinstance(screen, ProductDialog))


@pytest.mark.parametrize("size", SIZES, ids=size_id)
@pytest.mark.parametrize(
    ("actor", "run_before"),
    [
        pytest.param(None, login, id="login"),
        pytest.param(OWNER, members, id="members"),
        pytest.param(TREASURER, bendahara, id="bendahara"),
        pytest.param(OWNER, product_form, id="product_form_edit"),
    ],
)
def test_snapshot(
    db: Database, snap_compare: Any, actor: Actor | None, run_before: Any, size: tuple[int, int]
) -> None:
    sell(db, ["MYK-1L", "GLA-KG"])
    sell(db, ["BRS-SPHP5"])
    assert snap_compare(make_app(db, actor), terminal_size=size, run_before=run_before)
