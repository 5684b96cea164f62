"""The kasir's Ctrl+K: the buyer's KTP for regulated goods, by real key presses: a bad NIK is
refused in the dialog, a good one is shown masked to the kasir and kept with the sale line."""

from __future__ import annotations

from gerai.db import Database
from gerai.tui.screens.sale.buyer import BuyerDialog
from gerai.tui.screens.sale.kasir import KasirScreen
from gerai.tui.screens.sale.payment import PaymentScreen
from tests.conftest import raw
from tests.test_kasir_screen import make_app, status, type_entry
from tests.test_regulated import LPG, NIK_A, regulate


async def test_the_kasir_types_the_ktp_and_the_lpg_sale_keeps_it(db: Database) -> None:
    regulate(db)
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_entry(pilot, LPG)
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert isinstance(app.screen, BuyerDialog)
        await type_entry(pilot, "7371A10101900001")  # a letter: refused on Enter from KK
        await type_entry(pilot, "")
        assert isinstance(app.screen, BuyerDialog)
        error = str(app.screen.query_one(".dialog-error").render())
        assert "16" in error
        app.screen.query_one("#nik").value = ""  # type: ignore[attr-defined]
        app.screen.query_one("#nik").focus()
        await type_entry(pilot, NIK_A)
        await pilot.press("f2")  # usaha mikro
        await type_entry(pilot, "")
        assert isinstance(app.screen, KasirScreen)
        assert "7371********0001" in str(status(app).render())
        assert NIK_A not in str(status(app).render())
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, PaymentScreen)
        await type_entry(pilot, "20000")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert raw(db, "SELECT code, buyer_nik, buyer_category FROM saleline") == [
        (LPG, NIK_A, "usaha_mikro")
    ]
