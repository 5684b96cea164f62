"""What to order (issue 17): `reorder_suggestions` and `gerai stock reorder` on a known sales
history, with the quantities computed by hand."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from gerai.cli import main
from gerai.core.errors import GeraiError
from gerai.core.words import MovementKind
from gerai.db import Database
from gerai.models import utcnow
from gerai.services.shop.profile import ShopProfile
from gerai.services.stock.ledger import Movement, move_stock
from gerai.services.stock.receiving import ReceiveLine, receive_goods
from gerai.services.stock.reorder import packs_for, reorder_suggestions
from tests.conftest import NOW, OWNER
from tests.stock_helpers import product, supplier

BULOG = "Bulog Sub Divre Bone"


def history(db: Database, shop: ShopProfile, now: datetime) -> None:
    """MYK-1L (144 pcs): 2 karton of 40 received 40 days ago (224), 20 sold 29 days ago (204,
    outside a 28-day window), 180 sold within the window (24), a retur of 12 (36), and 5 sold
    at `now` itself (31, outside the window [now - 28 days, now)).
    GLA-KG (100 kg, never received): 84 kg sold in the window (16).
    MYK-1L-DUS (10 dus): 1 sold in the window (9)."""
    supplier_id = supplier(db, BULOG)
    with db.write() as session:
        receive_goods(
            session,
            supplier_id,
            "SJ-1",
            [ReceiveLine("MYK-1L", "2", "560000", pack="karton=40")],
            actor=OWNER,
            at=now - timedelta(days=40),
        )
    ids = {code: product(db, code).id for code in ("MYK-1L", "GLA-KG", "MYK-1L-DUS")}

    def move(code: str, qty: int, kind: MovementKind, at: datetime) -> None:
        with db.write() as session:
            move_stock(session, [Movement(ids[code], Decimal(qty), kind)], at)

    move("MYK-1L", -20, MovementKind.SALE, now - timedelta(days=29))
    move("MYK-1L", -100, MovementKind.SALE, now - timedelta(days=28))  # the first instant: in
    move("MYK-1L", -80, MovementKind.SALE, now - timedelta(days=2))
    move("MYK-1L", 12, MovementKind.RETURN, now - timedelta(days=1))
    move("MYK-1L", -5, MovementKind.SALE, now)  # the window's end: out
    move("GLA-KG", -84, MovementKind.SALE, now - timedelta(days=10))
    move("MYK-1L-DUS", -1, MovementKind.SALE, now - timedelta(days=3))


def test_suggestion_on_a_known_history(db: Database, shop: ShopProfile) -> None:
    history(db, shop, NOW)
    assert product(db, "MYK-1L").stock == 31
    with db.read() as session:
        found = reorder_suggestions(session, until=NOW, lead_days=10, safety_days=4)
    by_code = {s.code: s for s in found}
    # MYK-1L: net sold 180 - 12 = 168 in 28 days = 6/day; 14 days = 84; 84 - 31 = 53;
    # 53 / 40 rounded up = 2 karton = 80
    oil = by_code["MYK-1L"]
    assert (oil.supplier, oil.sold, oil.daily_average) == (BULOG, 168, Decimal("6"))
    assert (oil.need, oil.pack, oil.pack_factor, oil.packs, oil.suggested) == (
        53,
        "karton",
        40,
        2,
        80,
    )
    # GLA-KG: 84 / 28 = 3 kg/day; 42 - 16 = 26 kg; never received: a pack of 1 kg
    sugar = by_code["GLA-KG"]
    assert (sugar.supplier, sugar.daily_average, sugar.suggested, sugar.pack) == (
        "",
        3,
        26,
        "",
    )
    # MYK-1L-DUS: 1/28 a day * 14 = 0.5 dus against 9 in stock: nothing to order
    assert "MYK-1L-DUS" not in by_code
    # grouped by supplier, the products of no supplier last
    assert [s.code for s in found] == ["MYK-1L", "GLA-KG"]


def test_lead_and_safety_days_and_window_change_the_quantity(
    db: Database, shop: ShopProfile
) -> None:
    history(db, shop, NOW)
    with db.read() as session:
        # 6/day * 5 days = 30 < 31 in stock: no oil; sugar 3 * 5 = 15 < 16: none
        assert reorder_suggestions(session, until=NOW, lead_days=3, safety_days=2) == []
        # a 2-day window: 80 - 12 = 68 sold, 34/day * 1 day = 34; 34 - 31 = 3 -> one karton
        short = reorder_suggestions(session, until=NOW, window_days=2, lead_days=1, safety_days=0)
    assert [(s.code, s.daily_average, s.suggested) for s in short] == [("MYK-1L", 34, 40)]


def test_on_order_is_what_open_orders_still_wait_for(db: Database, shop: ShopProfile) -> None:
    from gerai.printing import PrintQueue
    from gerai.services.stock.purchase_orders import OrderLine
    from gerai.settings import Settings
    from gerai.till import Till

    history(db, shop, NOW)
    settings = Settings(db_url=db.url, printer="none")
    till = Till(settings, db, PrintQueue(db, settings, lambda: NOW), lambda: NOW, OWNER)
    bulog = db_supplier(db, BULOG)
    grosir = supplier(db, "Toko Grosir Sinar")

    def suggested() -> dict[str, tuple[Decimal, Decimal, Decimal]]:
        found = till.reorder(28, 10, 4)
        return {s.code: (s.on_order, s.need, s.suggested) for s in found}

    # oil: 6/day * 14 = 84 - 31 in stock = 53 -> 2 karton; sugar: 42 - 16 = 26
    assert suggested() == {"MYK-1L": (0, 53, 80), "GLA-KG": (0, 26, 26)}
    oil_order = till.create_order(bulog, [OrderLine("MYK-1L", "1", "karton=40")])
    till.create_order(grosir, [OrderLine("GLA-KG", "20")])
    cancelled = till.create_order(bulog, [OrderLine("MYK-1L-DUS", "3")])
    till.cancel_order(cancelled)
    # oil: 84 - 31 - 40 on order = 13 -> 1 karton; sugar: 26 - 20 = 6
    assert suggested() == {"MYK-1L": (40, 13, 40), "GLA-KG": (20, 6, 6)}
    till.receive_order(oil_order, "SJ-9", [ReceiveLine("MYK-1L", "25", "14000")], None)
    # 25 of the 40 came (in pieces, now the last pack received): 56 in stock, 15 still on
    # order; 84 - 56 - 15 = 13 pieces
    assert suggested()["MYK-1L"] == (15, 13, 13)
    till.cancel_order(oil_order)  # the other 15 will not come: 84 - 56 = 28
    assert suggested()["MYK-1L"] == (0, 28, 28)
    till.create_order(grosir, [OrderLine("MYK-1L", "30")])  # 84 - 56 - 30 < 0: nothing
    assert "MYK-1L" not in suggested()


def db_supplier(db: Database, name: str) -> int:
    """The id of the supplier `name`."""
    from tests.conftest import raw

    return int(raw(db, "SELECT id FROM supplier WHERE name = :n", n=name)[0][0])


@pytest.mark.parametrize(
    ("window", "lead", "safety", "key"),
    [
        (0, 3, 2, "reorder.bad_window"),
        (400, 3, 2, "reorder.bad_window"),
        (28, -1, 2, "reorder.bad_days"),
    ],
)
def test_bad_settings_refused(
    catalogue_db: Database, window: int, lead: int, safety: int, key: str
) -> None:
    with catalogue_db.read() as session, pytest.raises(GeraiError) as caught:
        reorder_suggestions(
            session, until=NOW, window_days=window, lead_days=lead, safety_days=safety
        )
    assert caught.value.key == key


def test_cli_reorder_text_json_and_xlsx(
    db: Database, shop: ShopProfile, runner: CliRunner, tmp_path: Path
) -> None:
    history(db, shop, utcnow() + timedelta(minutes=1))  # the window holds all but `now`
    args = ["--db", db.url, "stock", "reorder", "--lead-days", "10", "--safety-days", "4"]
    text = runner.invoke(main, args)
    assert text.exit_code == 0, text.output
    lines = text.output.splitlines()
    assert lines[0] == BULOG
    assert "MYK-1L" in lines[1] and "80" in lines[1] and "2 karton" in lines[1]
    assert lines[2] == "(tanpa pemasok)"
    assert "GLA-KG" in lines[3] and "26" in lines[3]
    assert lines[-1] == "2 barang perlu dipesan."
    as_json = runner.invoke(main, [*args, "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    rows = json.loads(as_json.output)
    assert [(r["code"], r["suggested"]) for r in rows] == [("MYK-1L", "80"), ("GLA-KG", "26")]
    out = tmp_path / "pesan.xlsx"
    as_xlsx = runner.invoke(main, [*args, "--format", "xlsx", "--output", str(out)])
    assert as_xlsx.exit_code == 0, as_xlsx.output
    from openpyxl import load_workbook
    from xlsx_tables import banner_and_table

    sheet = load_workbook(out).active
    assert sheet is not None
    banner, header, values = banner_and_table(sheet)
    assert banner[1].startswith("Saran pesan barang · ")
    assert header[:3] == ["Pemasok", "Kode", "Nama"]
    assert values[0][:2] == [BULOG, "MYK-1L"]
    assert values[0][header.index("Saran pesan")] == 80  # a number, not text
    as_csv = runner.invoke(main, [*args, "--format", "csv"])
    assert as_csv.output.startswith("supplier,code,name,")  # machines: the JSON's keys
    people = runner.invoke(main, ["--lang", "id", *args, "--format", "csv"])
    assert people.output.startswith("Pemasok,Kode,Nama,")


def test_cli_reorder_bad_window_one_line(catalogue_db: Database, runner: CliRunner) -> None:
    result = runner.invoke(main, ["--db", catalogue_db.url, "stock", "reorder", "--window", "0"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output.strip().count("\n") == 0
    assert "366" in result.output


async def test_f3_on_the_products_screen_shows_what_to_order(
    db: Database, shop: ShopProfile
) -> None:
    from textual.widgets import DataTable

    from gerai.core.i18n import set_language
    from gerai.services.stock.count import write_off
    from gerai.settings import Settings
    from gerai.tui.app import GeraiApp
    from gerai.tui.screens.stock.products import ProductsScreen
    from gerai.tui.screens.stock.reorder import ReorderScreen

    history(db, shop, NOW)
    with db.write() as session:  # 31 -> 11: 6/day * 5 days = 30; 30 - 11 = 19 -> one karton
        write_off(session, "MYK-1L", 20, "rusak", actor=OWNER, at=NOW, shop=shop)
    set_language("id")
    app = GeraiApp(Settings(db_url=db.url), db, clock=lambda: NOW, actor=OWNER)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, ProductsScreen)
        await pilot.press("f3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReorderScreen)
        table = screen.query_one("#reorder-table", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows[0][:2] == ["", BULOG]
        assert rows[1][0] == "MYK-1L"
        assert rows[1][4:] == ["40 pcs", "1 karton"]
        assert len(rows) == 2  # sugar: 3 kg * 5 = 15 < 16 in stock
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProductsScreen)


@given(
    need=st.decimals(min_value=Decimal("0.001"), max_value=Decimal(100_000), places=3),
    factor=st.decimals(min_value=Decimal("0.001"), max_value=Decimal(1_000), places=3),
)
def test_the_packs_cover_the_need_and_one_less_would_not(need: Decimal, factor: Decimal) -> None:
    packs = packs_for(need, factor)
    assert packs == packs.to_integral_value() and packs >= 1
    assert packs * factor >= need
    assert (packs - 1) * factor < need
