"""Migration 0016 (supplier debts) upgrades a shop's 0015 database in place: two new tables,
nothing rebuilt, its goods receipts and kas kept, every seal intact; the upgraded shop can put
an old receipt in its supplier's book and pay it from the kas."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from gerai.cli import main
from gerai.core.words import PaymentMethod, ReceiptTermsKind
from gerai.db import Database
from gerai.demo.generate import create_demo_users, load_catalogue
from gerai.paths import data_dir
from gerai.services.cash.shifts import close_shift, open_shift
from gerai.services.shop.profile import load_shop
from gerai.services.stock.receiving import ReceiveLine, receive_goods
from gerai.services.stock.supplier_debts import pay_supplier, set_terms, supplier_balance
from gerai.services.stock.suppliers import add_supplier
from tests.conftest import NOW, OWNER, TREASURER, raw
from tests.test_migration_0004 import assert_not_rebuilt, tables


def test_a_0015_database_is_upgraded_without_loss(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'toko.db'}")
    database.upgrade("0015")
    with database.write() as session:
        load_catalogue(session, data_dir(), NOW)
        create_demo_users(session, NOW)
        shop = load_shop(session)
        supplier = add_supplier(session, "Bulog Sub Divre Bone").id
        receipt = receive_goods(
            session, supplier, "SJ-1", [ReceiveLine("MYK-1L", "12", "14000")], actor=OWNER,
            at=NOW,
        ).number  # fmt: skip
        shift = open_shift(session, "K1", TREASURER, 250_000, NOW, shop)
        assert shift.id is not None
        close_shift(session, shift.id, {50_000: 5}, "", TREASURER, NOW, setoran=200_000)
    assert database.path is not None
    before = tables(database.path)
    receipts = raw(database, "SELECT number, supplier_id, total FROM goodsreceipt")
    kas = raw(database, "SELECT kind, amount FROM kasentry")

    result = CliRunner().invoke(main, ["--db", database.url, "db", "upgrade"])
    assert result.exit_code == 0, result.output

    database.check_ready()
    after = tables(database.path)
    assert {"receiptterms", "supplierpayment"} <= set(after) - set(before)
    assert_not_rebuilt(before, after)
    assert raw(database, "SELECT number, supplier_id, total FROM goodsreceipt") == receipts
    assert raw(database, "SELECT kind, amount FROM kasentry") == kas
    verified = CliRunner().invoke(main, ["--db", database.url, "audit", "verify"])
    assert verified.exit_code == 0, verified.output
    with database.write() as session:
        shop = load_shop(session)
        set_terms(session, receipt, ReceiptTermsKind.CREDIT, actor=OWNER, at=NOW, shop=shop)
        pay_supplier(
            session, supplier, 100_000, PaymentMethod.CASH, actor=TREASURER, at=NOW, shop=shop
        )
        assert supplier_balance(session, supplier) == 68_000
    verified = CliRunner().invoke(main, ["--db", database.url, "audit", "verify"])
    assert verified.exit_code == 0, verified.output
