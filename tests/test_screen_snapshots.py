"""How the login, members, bendahara and Batal/Retur screens and a filled product form looked
at 80x24 and 120x40 when they were checked by eye (issue 14; the kasir, payment, close-shift
and refused product form are in tests/test_counter_layout.py). Snapshots in
tests/__snapshots__/, each taken once its screen is `ready` and still (tests/steady_snapshot.py)."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable

from gerai.db import Database
from gerai.services.shop.auth import Actor
from gerai.tui.screens.cash.bendahara import BendaharaScreen
from gerai.tui.screens.login import LoginScreen
from gerai.tui.screens.members.register import MembersScreen
from gerai.tui.screens.sale.reprint import RecentReceiptsPicker
from gerai.tui.screens.sale.void_retur import CorrectionsScreen
from gerai.tui.screens.stock.product_form import ProductDialog
from tests.conftest import CASHIER, OWNER, TREASURER
from tests.steady_snapshot import settle
from tests.test_bendahara_screen import sell
from tests.test_counter_layout import LONG_NAMES, size_id
from tests.test_type_ahead import make_app

pytestmark = pytest.mark.sqlite_only("the screens look the same on every engine")

SIZES = [(80, 24), (120, 40)]


async def login(pilot: Pilot[Any]) -> None:
    await pilot.pause()


def login_shown(screen: Screen[Any]) -> bool:
    return isinstance(screen, LoginScreen) and screen.focused is not None


async def members(pilot: Pilot[Any]) -> None:
    await pilot.press("f5")


def members_listed(screen: Screen[Any]) -> bool:
    return isinstance(screen, MembersScreen) and bool(screen.rows)


async def bendahara(pilot: Pilot[Any]) -> None:
    await pilot.press("f4")


def sales_listed(screen: Screen[Any]) -> bool:
    return (
        isinstance(screen, BendaharaScreen)
        and screen.query_one("#sales-table", DataTable).row_count > 0
    )


async def product_form(pilot: Pilot[Any]) -> None:
    await pilot.press("f3")
    await pilot.pause()
    await pilot.press(*"MYK-1L")
    await pilot.pause()
    await pilot.press("enter")  # edit the product found


def product_shown(screen: Screen[Any]) -> bool:
    return isinstance(screen, ProductDialog) and screen.focused is not None


@pytest.mark.parametrize("size", SIZES, ids=size_id)
@pytest.mark.parametrize(
    ("actor", "run_before", "ready"),
    [
        pytest.param(None, login, login_shown, id="login"),
        pytest.param(OWNER, members, members_listed, id="members"),
        pytest.param(TREASURER, bendahara, sales_listed, id="bendahara"),
        pytest.param(OWNER, product_form, product_shown, id="product_form_edit"),
    ],
)
def test_snapshot(
    db: Database,
    snap_compare: Any,
    actor: Actor | None,
    run_before: Any,
    ready: Any,
    size: tuple[int, int],
) -> None:
    sell(db, ["MYK-1L", "GLA-KG"])
    sell(db, ["BRS-SPHP5"])
    app = make_app(db, actor)
    assert snap_compare(app, terminal_size=size, run_before=run_before, ready=ready)


async def pick_the_receipt(pilot: Pilot[Any]) -> None:
    await pilot.press("f7")  # this shift's receipts to pick from: the one sale
    await settle(pilot, lambda screen: isinstance(screen, RecentReceiptsPicker))
    await pilot.press("enter")


def sale_shown(screen: Screen[Any]) -> bool:
    return (
        isinstance(screen, CorrectionsScreen)
        and screen.sale is not None
        and screen.query_one("#return-lines", DataTable).row_count == len(screen.sale.lines)
        and screen.focused is screen.query_one("#receipt")
    )


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_snapshot_void_retur(db: Database, snap_compare: Any, size: tuple[int, int]) -> None:
    """Batal/Retur with a receipt picked from this shift's list: at 80 columns the long names
    keep 24 characters, the quantities are whole."""
    sell(db, [*LONG_NAMES, "GLA-KG"])
    app = make_app(db, CASHIER)
    assert snap_compare(app, terminal_size=size, run_before=pick_the_receipt, ready=sale_shown)
