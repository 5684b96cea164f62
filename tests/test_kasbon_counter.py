"""Kasbon at the counter (issue 14): the payment dialog shows the member's limit, what they owe
and what is left before Kasbon is chosen; the kasbon receipt prints the member's debt and a
signature line, and no "Kembalian 0" on a sale that took no cash."""

from __future__ import annotations

from typing import Any

from sqlmodel import select
from textual.widgets import Label

from gerai.core.i18n import set_language, translator
from gerai.db import Database
from gerai.models import Sale
from gerai.services.sale.receipts import build_receipt
from gerai.services.shop.profile import ShopProfile
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.sale.payment import PaymentScreen
from receipts.layout import receipt_text
from tests.conftest import CASHIER, NOW

MEMBER = "KKMP-0001"  # credit limit Rp300.000 in the demo register
NO_CREDIT = "KKMP-0002"  # credit limit 0


def make_app(db: Database) -> GeraiApp:
    set_language("id")
    return GeraiApp(Settings(db_url=db.url, lang="id"), db, clock=lambda: NOW, actor=CASHIER)


async def to_payment(pilot: Any, member: str | None, items: str = "2*MYK-1L") -> PaymentScreen:
    await pilot.press(*items, "enter")
    if member:
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press(*member, "enter")
        await pilot.pause()
    await pilot.press("f12")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PaymentScreen)
    return screen


def kasbon_line(screen: PaymentScreen) -> Label:
    return screen.query_one("#kasbon-room", Label)


async def test_the_limit_owed_and_what_is_left_show_before_kasbon_is_chosen(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await to_payment(pilot, MEMBER)
        line = kasbon_line(screen)
        assert str(line.render()) == (
            "Kasbon KKMP-0001: batas Rp300.000 · terpakai Rp0 · sisa Rp300.000"
        )
        assert line.display and line.region.bottom <= 24
        await pilot.press("tab", "tab", "tab", "enter")  # Kasbon, the whole total
        await app.workers.wait_for_complete()
        await pilot.pause()
        total = db_total(db)
        shown = str(app.screen.query_one("#saving-line", Label).render())
        assert shown == f"Kasbon {rupiah(total)} · sisa batas {rupiah(300_000 - total)}"
        screen = await to_payment(pilot, MEMBER, items="MYK-1L")
        assert str(kasbon_line(screen).render()) == (
            f"Kasbon KKMP-0001: batas Rp300.000 · terpakai {rupiah(total)} · "
            f"sisa {rupiah(300_000 - total)}"
        )


async def test_a_member_without_credit_and_a_buyer_without_a_member(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await to_payment(pilot, NO_CREDIT)
        assert "tidak bisa" in str(kasbon_line(screen).render())
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f2")  # the member off again
        await pilot.pause()
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, PaymentScreen)
        assert not kasbon_line(app.screen).display


def rupiah(amount: int) -> str:
    return "Rp" + f"{amount:,}".replace(",", ".")


def db_total(db: Database) -> int:
    with db.read() as session:
        return sum(sale.total for sale in session.exec(select(Sale)).all())


async def test_the_kasbon_receipt_prints_the_debt_and_a_signature_not_a_change_of_0(
    db: Database, shop: ShopProfile
) -> None:
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_payment(pilot, MEMBER)
        await pilot.press("tab", "tab", "tab", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await to_payment(pilot, None, items="MYK-1L")
        await pilot.press(*"20000", "enter")  # a cash sale keeps its change line
        await app.workers.wait_for_complete()
        await pilot.pause()
    with db.read() as session:
        kasbon_sale, cash_sale = session.exec(select(Sale).order_by(Sale.id)).all()  # type: ignore[arg-type]
        kasbon_text = receipt_text(
            build_receipt(session, kasbon_sale.receipt_no, shop), 32, translator("id")
        )
        cash_text = receipt_text(
            build_receipt(session, cash_sale.receipt_no, shop), 32, translator("id")
        )
    assert "Kembalian" not in kasbon_text
    owed_line = next(line for line in kasbon_text.splitlines() if "Total kasbon" in line)
    assert owed_line.endswith(rupiah(kasbon_sale.total))
    assert "Tanda tangan anggota" in kasbon_text
    assert "Kembalian" in cash_text and "Total kasbon" not in cash_text
    assert "Tanda tangan" not in cash_text
