"""Manual prices, discounts and cash rounding at the counter, by real key presses (issue 14):
Ctrl+T / Ctrl+G / Ctrl+O, a supervisor's PIN for a kasir, below cost confirmed by a second
Enter, the payment dialog's rounded cash, and what lands in the database."""

from __future__ import annotations

from textual.widgets import Label

from gerai.core.i18n import set_language
from gerai.db import Database
from gerai.services.shop.profile import store_shop_settings
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.approval import ApprovalScreen
from gerai.tui.screens.sale.help import HelpScreen
from gerai.tui.screens.sale.kasir import KasirScreen
from gerai.tui.screens.sale.manual import ManualDialog
from gerai.tui.screens.sale.payment import PaymentScreen
from tests.conftest import CASHIER, NOW, TREASURER, raw

OIL = "MYK-1L"  # 15.700, cost 14.500
FLOUR = "TPG-BRS500"  # 8.500, cost 7.600


def make_app(db: Database, actor: object = CASHIER) -> GeraiApp:
    set_language("id")
    return GeraiApp(Settings(db_url=db.url, lang="id"), db, clock=lambda: NOW, actor=actor)  # type: ignore[arg-type]


async def enter(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*text, "enter")
    await pilot.pause()


async def approve(pilot, app: GeraiApp) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    assert isinstance(app.screen, ApprovalScreen)
    await pilot.press(*"bendahara", "tab", *"2222", "enter")
    await pilot.pause()


async def test_a_kasir_discounts_a_line_and_the_sale_with_a_pin(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await enter(pilot, f"2*{OIL}")
        await enter(pilot, FLOUR)
        await pilot.press("up")  # the oil's line
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, ManualDialog)
        await enter(pilot, "5%")
        await approve(pilot, app)
        assert isinstance(app.screen, KasirScreen)
        assert app.till.cart.view()[0].line_discount == 1_570
        await pilot.press("ctrl+g")
        await pilot.pause()
        await enter(pilot, "1.000")
        await approve(pilot, app)
        assert app.till.cart.totals().total == 29_830 + 8_500 - 1_000
        saving = app.screen.query_one("#saving-line", Label)
        assert "2.570" in str(saving.render())
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, PaymentScreen)
        await enter(pilot, "50000")
        for _ in range(20):
            await pilot.pause()
            if raw(db, "SELECT count(*) FROM sale") == [(1,)]:
                break
    assert raw(db, "SELECT total, manual_discount, approved_by FROM sale") == [
        (37_330, 1_000, "bendahara")
    ]
    assert raw(db, "SELECT manual_discount FROM saleline ORDER BY line_no") == [(1_570,), (0,)]
    assert raw(db, "SELECT count(*) FROM auditrecord WHERE kind = 'manual_approved'") == [(2,)]


async def test_an_override_above_the_het_stays_in_the_dialog(db: Database) -> None:
    app = make_app(db, TREASURER)
    async with app.run_test(size=(80, 24)) as pilot:
        await enter(pilot, OIL)
        await pilot.press("ctrl+o")
        await pilot.pause()
        await enter(pilot, "16000")
        assert isinstance(app.screen, ManualDialog)
        error = app.screen.query_one(".dialog-error", Label)
        assert "HET" in str(error.render())
        await pilot.press(*["backspace"] * 5)
        await enter(pilot, "15000")
        assert isinstance(app.screen, KasirScreen)  # a bendahara needs nobody's PIN
        assert app.till.cart.view()[0].unit_price == 15_000


async def test_below_cost_asks_a_second_enter(db: Database) -> None:
    app = make_app(db, TREASURER)
    async with app.run_test(size=(100, 30)) as pilot:
        await enter(pilot, OIL)
        await pilot.press("ctrl+o")
        await pilot.pause()
        await enter(pilot, "14000")
        assert isinstance(app.screen, ManualDialog)
        assert "HPP" in str(app.screen.query_one(".dialog-error", Label).render())
        assert app.till.cart.lines[0].override is None
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, KasirScreen)
        assert app.till.cart.lines[0].override is not None
        assert app.till.cart.lines[0].override.below_cost_ok
        await pilot.press("ctrl+o")  # an empty entry takes the price away
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.till.cart.lines[0].override is None


async def test_the_payment_shows_the_rounded_cash_and_sells_it(db: Database) -> None:
    with db.write() as session:
        store_shop_settings(session, cash_rounding=500)
    app = make_app(db, TREASURER)
    async with app.run_test(size=(120, 40)) as pilot:
        await enter(pilot, OIL)
        await enter(pilot, FLOUR)  # 24.200
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, PaymentScreen)
        rounded = str(app.screen.query_one("#rounded", Label).render())
        assert "Rp24.000" in rounded and "-Rp200" in rounded
        await enter(pilot, "25000")
        for _ in range(20):
            await pilot.pause()
            if raw(db, "SELECT count(*) FROM sale") == [(1,)]:
                break
    assert raw(db, "SELECT total, rounding, change FROM sale") == [(24_000, -200, 1_000)]


async def test_help_lists_the_manual_keys(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-keys")
        keys = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]  # type: ignore[attr-defined]
        assert {"Ctrl+O", "Ctrl+T", "Ctrl+G"} <= set(keys)
