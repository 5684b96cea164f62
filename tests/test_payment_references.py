"""Payment references (issue 17): a QRIS or transfer payment may carry the reference the kasir
reads off the buyer's phone or the merchant app, asked in the payment dialog as the shop's
setting says (off, optional, required); stored on the payment, part of the sale's digest
(version 3; older records still verify), and listed in the daily report for matching."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from click.testing import CliRunner
from sqlmodel import col, select
from textual.widgets import Input, Label

from gerai.cli import main
from gerai.core.errors import GeraiError
from gerai.core.words import AuditKind
from gerai.db import Database
from gerai.exports.daily_tables import daily_csv
from gerai.models import Payment, Sale
from gerai.services.reports.daily import daily_summary
from gerai.services.sale.checkout import Tender
from gerai.services.shop.profile import load_shop, store_shop_settings
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.sale.payment import PaymentScreen
from tests.conftest import CASHIER, NOW, raw, record_sale_version_2, tamper
from tests.shop_day import fill, sell
from tests.stock_helpers import snapshot
from tests.test_audit_coverage import broken_ref

MILK = "MYK-1L"


def rule(db: Database, value: str) -> None:
    with db.write() as session:
        store_shop_settings(session, payment_reference=value)


def pay(db: Database, *tenders: Tender) -> str:
    return sell(db, "K1", fill(db, [(MILK, Decimal(2))]), NOW, list(tenders)).receipt_no


def stored(db: Database) -> list[tuple[str, int, str | None]]:
    return [tuple(r) for r in raw(db, "SELECT method, amount, reference FROM payment ORDER BY id")]


def test_the_setting_is_off_by_default_and_nothing_is_kept(db: Database) -> None:
    pay(db, Tender("qris", reference="RRN123456789"))
    assert stored(db)[0][2] is None


def test_references_are_kept_for_qris_and_transfer_only(db: Database) -> None:
    rule(db, "optional")
    total = fill(db, [(MILK, Decimal(2))]).totals().total
    pay(
        db,
        Tender("qris", 10_000, reference=" 0012345678 "),
        Tender("transfer", 10_000, reference="BCA-998877"),
        Tender("tunai", None, reference="ignored"),
    )
    pay(db, Tender("qris"))  # optional: none given
    assert stored(db) == [
        ("qris", 10_000, "0012345678"),
        ("transfer", 10_000, "BCA-998877"),
        ("tunai", total - 20_000, None),
        ("qris", total, None),
    ]
    assert broken_ref(db) is None


@pytest.mark.parametrize(
    ("setting", "reference", "problem"),
    [
        ("required", None, "pay.reference_required"),
        ("required", "   ", "pay.reference_required"),
        ("optional", "12 34", "pay.reference_spaces"),
        ("optional", "X" * 41, "pay.reference_too_long"),
        ("optional", "ab\x07", "text.control"),
    ],
)
def test_a_bad_reference_refuses_the_sale_and_writes_nothing(
    db: Database, setting: str, reference: str | None, problem: str
) -> None:
    rule(db, setting)
    before = snapshot(db)
    with pytest.raises(GeraiError) as refused:
        pay(db, Tender("transfer", reference=reference))
    assert refused.value.key == problem
    assert snapshot(db) == before


def test_a_bad_setting_is_refused(db: Database) -> None:
    with pytest.raises(GeraiError) as refused, db.write() as session:
        store_shop_settings(session, payment_reference="sometimes")
    assert refused.value.key == "shop.bad_setting"


def test_the_reference_is_in_the_sales_digest(db: Database, engine: str) -> None:
    rule(db, "optional")
    receipt = pay(db, Tender("qris", reference="RRN1"))
    detail = json.loads(
        raw(db, "SELECT detail FROM auditrecord WHERE kind = :k AND ref = :r",
            k=AuditKind.SALE, r=receipt)[0][0]
    )  # fmt: skip
    assert detail["v"] >= 3
    assert broken_ref(db) is None
    tamper(db, "UPDATE payment SET reference = 'RRN2'")
    assert broken_ref(db) == receipt


def test_a_sale_recorded_as_version_2_still_verifies(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A version 2 record (every sale before issue 17) is checked as it was written: its
    payments' references are not part of it."""
    monkeypatch.setattr("gerai.services.sale.checkout.record_sale", record_sale_version_2)
    old = pay(db, Tender("qris"))
    monkeypatch.undo()
    assert broken_ref(db) is None
    tamper(db, f"UPDATE payment SET reference = 'X' WHERE sale_id = "
               f"(SELECT id FROM sale WHERE receipt_no = '{old}')")  # fmt: skip
    assert broken_ref(db) is None  # version 2 never held a reference
    tamper(db, f"UPDATE payment SET amount = 1 WHERE sale_id = "
               f"(SELECT id FROM sale WHERE receipt_no = '{old}')")  # fmt: skip
    assert broken_ref(db) == old


def test_the_daily_report_lists_the_non_cash_payments_with_their_references(
    db: Database, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    rule(db, "optional")
    first = pay(db, Tender("qris", 5_000, reference="A1"), Tender("tunai"))
    second = pay(db, Tender("transfer", reference="TRF-77"))
    pay(db, Tender("tunai"))
    with db.read() as session:
        summary = daily_summary(session, load_shop(session).business_date(NOW), load_shop(session))
        payments = session.exec(
            select(Sale.receipt_no, Payment.method, Payment.amount, Payment.reference)
            .join(Sale, col(Sale.id) == col(Payment.sale_id))
            .where(col(Payment.method).in_(("qris", "transfer")))
            .order_by(col(Payment.id))
        ).all()
    listed = [(p.receipt_no, p.method, p.amount, p.reference) for p in summary.noncash]
    assert listed == [tuple(p) for p in payments]
    assert [(r, ref) for r, _, _, ref in listed] == [(first, "A1"), (second, "TRF-77")]
    data = summary.as_dict()["noncash"]
    assert [(n["receipt_no"], n["reference"]) for n in data] == [(first, "A1"), (second, "TRF-77")]
    rows = [
        r for r in csv.DictReader(io.StringIO(daily_csv(summary).decode()))
        if r["section"] == "noncash" and r["field"] == "reference"
    ]  # fmt: skip
    assert [r["value"] for r in rows] == ["A1", "TRF-77"]
    monkeypatch.setattr("gerai.models.utcnow", lambda: NOW)  # read at each call: no leak
    result = runner.invoke(main, ["--db", db.url, "report", "daily", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [n["reference"] for n in json.loads(result.output)["noncash"]] == ["A1", "TRF-77"]


def make_app(db: Database) -> GeraiApp:
    return GeraiApp(Settings(db_url=db.url, lang="id"), db, clock=lambda: NOW, actor=CASHIER)


async def test_the_payment_dialog_asks_the_reference_of_a_qris_payment(db: Database) -> None:
    rule(db, "required")
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*MILK, "enter")
        await pilot.pause()
        await pilot.press("f12", "tab")
        await pilot.pause()
        await pilot.press("enter")  # the whole amount by QRIS: its reference is asked
        await pilot.pause()
        assert isinstance(app.screen, PaymentScreen)
        assert app.focused is not None and app.focused.id == "reference"
        await pilot.press("enter")  # required: empty is refused, the dialog stays
        await pilot.pause()
        error = str(app.screen.query_one("#pay-error", Label).render())
        assert "referensi" in error.lower()
        assert raw(db, "SELECT count(*) FROM sale") == [(0,)]
        await pilot.press(*"12 3", "enter")  # spaces refused
        await pilot.pause()
        assert "spasi" in str(app.screen.query_one("#pay-error", Label).render())
        app.screen.query_one("#reference", Input).value = ""
        await pilot.press(*"RRN778899", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert stored(db) == [("qris", stored(db)[0][1], "RRN778899")]


async def test_esc_in_the_reference_goes_back_to_the_amount(db: Database) -> None:
    rule(db, "optional")
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*MILK, "enter")
        await pilot.pause()
        await pilot.press("f12", "tab", "tab", *"5000", "enter")  # a transfer part
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "reference"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PaymentScreen)
        assert app.focused is not None and app.focused.id == "tendered"
        # the amount and the method wait as they were; nothing was taken
        assert (app.screen.method, app.screen.tenders) == ("transfer", [])
        assert app.screen.query_one("#tendered", Input).value == "5000"
        app.screen.query_one("#tendered", Input).value = ""
        await pilot.press("tab", "tab", "enter")  # kasbon, then cash: exact
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert [m for m, _, _ in stored(db)] == ["tunai"]
