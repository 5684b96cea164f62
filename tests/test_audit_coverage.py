"""Issue 19 part B: every row of money, stock, a price or a permission (users, shifts, cash
movements, member payments, members, regulated goods, products, categories, barcodes, pack
units, price changes, shop settings, stock documents, voids and returns) is sealed by its
writers; a straight edit or delete of one is caught by `gerai audit verify`, naming the table;
the number counters are checked against the numbers issued, and a sale line's cost and name
are in the sale's digest; a shop upgrading from 0005 has its rows sealed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from gerai.cli import main
from gerai.core.words import AuditKind, CashDirection, MemberPaymentKind, QuotaPeriod, QuotaScope
from gerai.db import SCHEMA_REVISION, Database
from gerai.services.audit.seals import COVERED, UNSEALED, check_seals
from gerai.services.audit.trail import DocumentBreak
from gerai.services.audit.verify import verify
from gerai.services.cash.shifts import close_shift, move_cash, open_shift_id
from gerai.services.members.savings import take_savings
from gerai.services.members.settings import set_category_discount
from gerai.services.sale.quotas import set_quota, set_regulated
from gerai.services.shop.profile import load_shop, save_shop_settings
from gerai.services.shop.users import change_role
from gerai.services.stock.count import confirm_count, write_off
from gerai.services.stock.products import ProductForm, product_form, save_product
from gerai.services.stock.receiving import ReceiveLine, receive_goods
from gerai.services.stock.repack import repack
from gerai.services.stock.suppliers import add_supplier
from tests.conftest import CASHIER, NOW, OWNER, TREASURER, copy_database, raw, tamper
from tests.shop_day import fill, give_back, sell, void


def broken_ref(database: Database) -> str | None:
    with database.read() as session:
        result = verify(session)
    if result.broken is None:
        return None
    assert isinstance(result.broken, DocumentBreak), result.broken
    return result.broken.ref


def workflow(database: Database) -> None:
    """Cash in and out, a savings deposit, a role change, a closed shift, a regulated product
    and its quota."""
    with database.write() as session:
        shop = load_shop(session)
        lpg = int(raw(database, "SELECT id FROM product WHERE code = 'LPG-3KG'")[0][0])
        set_regulated(session, lpg, quota_group="LPG", actor=OWNER.name, at=NOW)
        set_quota(
            session, "LPG", QuotaScope.BUYER, QuotaPeriod.MONTH, Decimal(4), actor=OWNER.name,
            at=NOW,
        )  # fmt: skip
        move_cash(session, "K1", CashDirection.IN, 100_000, "modal tambahan", CASHIER, NOW)
        move_cash(session, "K1", CashDirection.OUT, 20_000, "beli plastik", CASHIER, NOW)
        member_id = int(raw(database, "SELECT min(id) FROM member")[0][0])
        take_savings(
            session, TREASURER, member_id, MemberPaymentKind.SUKARELA, till="K1", now=NOW,
            shop=shop, amount=50_000,
        )  # fmt: skip
        change_role(session, OWNER, "kasir", "bendahara", now=NOW)
        change_role(session, OWNER, "kasir", "kasir", now=NOW)
        shift = open_shift_id(session, "K2")
        close_shift(session, shift, {100_000: 5}, "", TREASURER, NOW)
    stock_and_corrections(database)


def stock_and_corrections(database: Database) -> None:
    """Price changes (with pack units and barcodes), a category discount, a shop setting,
    goods received, a count, a write-off, a repack, a sale voided and one partly returned."""
    with database.write() as session:
        shop = load_shop(session)
        oil = int(raw(database, "SELECT id FROM product WHERE code = 'MYK-1L'")[0][0])
        form = product_form(session, oil)
        changed = {"price": "15500", "member_price": "15300", "het": "15600"}
        changed |= {"packs": "dus=12", "barcodes": "8996114000246, 8996129000248"}
        save_product(
            session, ProductForm(**{**form.__dict__, **changed}), actor=OWNER, at=NOW,
            product_id=oil,
        )  # fmt: skip
        category = int(raw(database, "SELECT min(id) FROM category")[0][0])
        set_category_discount(session, OWNER, category, 250, now=NOW)
        save_shop_settings(session, OWNER, now=NOW, footer="Terima kasih, datang lagi")
        supplier = add_supplier(session, "Bulog Sub Divre Bone").id
        lines = [ReceiveLine("MYK-1L", "2", "174000", "dus"), ReceiveLine("MYK-500", "10", "7300")]
        receive_goods(session, supplier, "SJ-1", lines, actor=OWNER, at=NOW)
        confirm_count(
            session, [("MYK-500", 100), ("BRS-SPHP5", 60)], "opname", "Minyak", actor=OWNER,
            at=NOW, shop=shop,
        )  # fmt: skip
        write_off(session, "MYK-1L", "1", "bocor", actor=OWNER, at=NOW, shop=shop)
        repack(session, "BRS-MED10", "1", "BRS-MED-KG", "10", "9,8", actor=OWNER, at=NOW, shop=shop)
    voided = sell(database, "K1", fill(database, [("MYK-500", Decimal(1))]), NOW)
    void(database, voided.receipt_no)
    kept = sell(database, "K1", fill(database, [("MYK-500", Decimal(3))]), NOW)
    give_back(database, "K1", kept.receipt_no, [(1, Decimal(2), False)], NOW)


def test_the_money_and_permission_tables_are_covered() -> None:
    covered = {entry.name for entry in COVERED}
    part_b = {"useraccount", "shift", "cashmovement", "memberpayment", "member"}
    part_b |= {"product", "category", "barcode", "packunit", "pricechange", "shopsetting"}
    part_b |= {"goodsreceipt", "goodsreceiptline", "writeoff", "stockcount", "stockcountline"}
    part_b |= {"repack", "salevoid", "salereturn", "salereturnline"}
    assert part_b <= covered
    assert not part_b & set(UNSEALED)
    assert not [why for why in UNSEALED.values() if "pending" in why]
    product = next(entry for entry in COVERED if entry.name == "product")
    assert {"price", "member_price", "cost", "het", "max_per_sale", "active"} <= set(
        product.columns
    )
    assert not {"stock", "updated_at"} & set(product.columns)


def test_the_workflow_verifies_intact(db: Database) -> None:
    workflow(db)
    assert broken_ref(db) is None
    result = CliRunner().invoke(main, ["--db", db.url, "audit", "verify"])
    assert result.exit_code == 0, result.output


# The edits the issue lists as missed, each as SQL and the start of the reference named.
RECEIPT = "K1-20251130-"
EDITS = [
    ("UPDATE member SET credit_limit = 99000000 WHERE id = (SELECT min(id) FROM member)", "member"),
    ("UPDATE member SET active = 0 WHERE id = (SELECT min(id) FROM member)", "member"),
    ("UPDATE memberpayment SET amount = 1 WHERE id = (SELECT min(id) FROM memberpayment)",
     "memberpayment"),
    ("DELETE FROM memberpayment WHERE id = (SELECT min(id) FROM memberpayment)", "memberpayment"),
    ("UPDATE useraccount SET role = 'admin' WHERE name = 'kasir'", "useraccount"),
    ("UPDATE useraccount SET pin_hash = 'x' WHERE name = 'kasir'", "useraccount"),
    ("UPDATE useraccount SET locked_until = NULL, failed_pins = 0 WHERE name = 'kasir'",
     "useraccount"),
    ("UPDATE useraccount SET failed_pins = 2 WHERE name = 'kasir'", "useraccount"),
    ("UPDATE shift SET counted_cash = 1 WHERE status = 'closed'", "shift"),
    ("UPDATE shift SET variance = 12345 WHERE status = 'closed'", "shift"),
    ("UPDATE shift SET opening_cash = 1 WHERE till = 'K1'", "shift"),
    ("UPDATE cashmovement SET amount = 1 WHERE kind = 'out'", "cashmovement"),
    ("DELETE FROM cashmovement WHERE kind = 'in'", "cashmovement"),
    ("INSERT INTO useraccount (name, full_name, role, pin_hash, failed_pins, active, created_at)"
     " VALUES ('ghost', '', 'admin', 'x', 0, 1, '2025-11-30 06:32:00')", "useraccount"),
    ("UPDATE product SET price = 1 WHERE code = 'MYK-1L'", "product"),
    ("UPDATE product SET member_price = 1 WHERE code = 'BRS-SPHP5'", "product"),
    ("UPDATE product SET het = 999999 WHERE code = 'BRS-SPHP5'", "product"),
    ("UPDATE product SET het = NULL WHERE code = 'MYK-1L'", "product"),
    ("UPDATE product SET max_per_sale = NULL WHERE code = 'BRS-SPHP5'", "product"),
    ("UPDATE product SET cost = 1 WHERE code = 'MYK-500'", "product"),
    ("UPDATE category SET member_discount_bp = 5000", "category"),
    ("UPDATE barcode SET product_id = (SELECT id FROM product WHERE code = 'MYK-500')"
     " WHERE code = '8996114000246'", "barcode"),
    ("UPDATE packunit SET factor = 24000", "packunit"),
    ("UPDATE pricechange SET new_price = 1", "pricechange"),
    ("DELETE FROM pricechange", "pricechange"),
    ("UPDATE shopsetting SET value = '5000' WHERE key = 'member_discount_bp'", "shopsetting"),
    ("INSERT INTO shopsetting (key, value) VALUES ('allow_negative_stock', '1')", "shopsetting"),
    ("UPDATE goodsreceiptline SET unit_cost = 1", "goodsreceiptline"),
    ("UPDATE goodsreceipt SET total = 1", "goodsreceipt"),
    ("UPDATE stockcountline SET counted = counted + 5000", "stockcountline"),
    ("UPDATE writeoff SET qty = 5000", "writeoff"),
    ("UPDATE repack SET shrinkage = 0", "repack"),
    ("UPDATE salevoid SET approved_by = 'admin'", "salevoid"),
    ("UPDATE salereturnline SET qty = 3000", "salereturnline"),
    ("UPDATE salereturn SET reason = 'x'", "salereturn"),
    ("UPDATE receiptcounter SET last_no = last_no - 1", "receiptcounter"),
    ("DELETE FROM receiptcounter", "receiptcounter"),
    ("UPDATE documentcounter SET last_no = 0 WHERE series = 'R'", "documentcounter"),
    ("UPDATE documentcounter SET last_no = last_no + 1 WHERE series = 'S'", "documentcounter"),
    ("UPDATE saleline SET cost = 1 WHERE id = (SELECT max(id) FROM saleline)", RECEIPT),
    ("UPDATE saleline SET name = 'Minyak palsu' WHERE id = (SELECT max(id) FROM saleline)",
     RECEIPT),
]  # fmt: skip


@pytest.fixture(scope="module")
def worked(tmp_path_factory: pytest.TempPathFactory, catalogue_file: Path) -> Path:
    path = tmp_path_factory.mktemp("worked") / "gerai.db"
    copy_database(catalogue_file, path)
    database = Database(f"sqlite:///{path}")
    from gerai.services.cash.shifts import open_shift

    with database.write() as session:
        shop = load_shop(session)
        for till in ("K1", "K2"):
            open_shift(session, till, CASHIER, 500_000, NOW, shop)
    workflow(database)
    # a locked user: three wrong PINs
    from gerai.services.shop.auth import login

    for _ in range(5):
        try:
            with database.write() as session:
                login(session, "kasir", "0000", now=NOW)
        except Exception:
            pass
    database.dispose()
    return path


@pytest.mark.parametrize(("sql", "table"), EDITS)
def test_each_listed_edit_is_caught(
    worked: Path, tmp_path: Path, sql: str, table: str, engine: str
) -> None:
    if engine != "sqlite":
        pytest.skip("the SQLite file edited straight")
    path = tmp_path / "copy.db"
    copy_database(worked, path)
    database = Database(f"sqlite:///{path}")
    assert broken_ref(database) is None
    tamper(database, sql)
    ref = broken_ref(database)
    prefix = table if table == RECEIPT else f"{table}#"
    assert ref is not None and ref.startswith(prefix), ref
    result = CliRunner().invoke(main, ["--db", database.url, "audit", "verify"])
    assert result.exit_code == 1 and prefix in result.output
    database.dispose()


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    entry=st.sampled_from([e.name for e in COVERED]),
    pick=st.integers(min_value=0, max_value=10_000),
    delete=st.booleans(),
)
def test_any_single_row_edit_of_a_covered_table_is_named(
    worked: Path, tmp_path_factory: pytest.TempPathFactory, entry: str, pick: int, delete: bool
) -> None:
    path = tmp_path_factory.mktemp("edit") / "copy.db"
    copy_database(worked, path)
    database = Database(f"sqlite:///{path}")
    try:
        covered = next(e for e in COVERED if e.name == entry)
        (key,) = covered.table.primary_key.columns  # each covered table has a one-column key
        with database.read() as session:
            query = select(key).order_by(key)
            if covered.where is not None:
                query = query.where(covered.where)
            ids = list(session.connection().execute(query).scalars())
        if not ids:
            return
        row = ids[pick % len(ids)]
        named = f"{entry}#{row}"
        if isinstance(row, str):
            row = f"'{row}'"
        if delete:
            tamper(
                database,
                "PRAGMA foreign_keys = OFF",
                f"DELETE FROM {entry} WHERE {key.name} = {row}",
            )
        else:  # a changed key is a deletion and an unsealed row, which the deletes cover
            columns = [c for c in covered.columns if c != key.name]
            column = f'"{columns[pick % len(columns)]}"'  # quoted: quotarule has a `limit`
            tamper(
                database,
                f"UPDATE {entry} SET {column} = CASE WHEN {column} IS NULL THEN 7 "
                f"WHEN typeof({column}) = 'integer' AND {column} IN (0, 1) THEN 1 - {column} "
                f"WHEN typeof({column}) = 'integer' THEN {column} + 1 "
                f"WHEN {column} GLOB '[0-9][0-9][0-9][0-9]-*' THEN '1' || substr({column}, 2) "
                f"ELSE {column} || 'x' END WHERE {key.name} = {row}",
            )
        with database.read() as session:
            found = check_seals(session)
            assert found is not None and found.ref == named
            assert not verify(session).intact  # a retur's own check may name it first
    finally:
        database.dispose()


def test_a_shop_at_0005_has_its_rows_sealed_by_the_upgrade(tmp_path: Path) -> None:
    import sqlite3
    from contextlib import closing

    database = Database(f"sqlite:///{tmp_path / 'old.db'}")
    database.upgrade("0005")
    assert database.path is not None
    with closing(sqlite3.connect(database.path)) as connection, connection:
        # rows as 0005 wrote them: no seals
        connection.execute(
            "INSERT INTO useraccount (name, full_name, role, pin_hash, failed_pins, active,"
            " created_at) VALUES ('admin', '', 'admin', 'h', 0, 1, '2025-11-30 06:32:00')"
        )
        connection.execute(
            "INSERT INTO member (number, name, address, join_date, active, credit_limit)"
            " VALUES ('A-1', 'Ibu Sari', '', '2025-01-02', 1, 300000)"
        )
        connection.execute(
            "INSERT INTO shift (till, business_date, opened_at, opened_by, opening_cash, status,"
            " variance_reason, cash_count) VALUES ('K1', '2025-11-30', '2025-11-30 06:32:00',"
            " 'admin', 500000, 'open', '', '')"
        )
        connection.execute(
            "INSERT INTO cashmovement (shift_id, kind, amount, reason, created_at, created_by)"
            " VALUES (1, 'out', 20000, 'plastik', '2025-11-30 06:40:00', 'admin')"
        )
    result = CliRunner().invoke(main, ["--db", database.url, "db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert database.revision() == SCHEMA_REVISION
    assert raw(database, "SELECT count(*) FROM auditrecord WHERE actor = 'gerai'")[0][0] == 4
    assert broken_ref(database) is None
    tamper(database, "UPDATE cashmovement SET amount = 1")
    assert broken_ref(database) == "cashmovement#1"
    database.dispose()


def test_a_sale_recorded_before_version_2_still_verifies(
    db: Database, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    """A sale whose record has no `v` (as every sale before issue 19) is checked as version
    1: intact as it was written; its line's cost is not part of that digest, its price is."""
    from typing import Any

    from gerai.services.audit import sale_digest, trail

    def version_1(
        session: Any,
        sale: Any,
        lines: Any,
        payments: Any,
        details: Any,
        references: Any = None,
        expired_by: Any = None,
    ) -> int:
        digest = sale_digest.sale_digest(sale, lines, payments)
        return trail.record(
            session, kind=AuditKind.SALE, actor=sale["cashier"], at=sale["created_at"],
            ref=sale["receipt_no"],
            detail={"receipt": sale["receipt_no"], "total": sale["total"], "digest": digest},
        )  # fmt: skip

    monkeypatch.setattr("gerai.services.sale.checkout.record_sale", version_1)
    old = sell(db, "K1", fill(db, [("MYK-500", Decimal(2))]), NOW).receipt_no
    monkeypatch.undo()
    new = sell(db, "K1", fill(db, [("MYK-500", Decimal(1))]), NOW).receipt_no
    versions = dict(raw(db, "SELECT ref, detail FROM auditrecord WHERE kind = 'sale'"))
    assert '"v"' not in versions[old] and f'"v":{sale_digest.VERSION}' in versions[new]
    assert broken_ref(db) is None
    if engine != "sqlite":
        return
    line = f"(SELECT id FROM sale WHERE receipt_no = '{old}')"
    tamper(db, f"UPDATE saleline SET cost = 1 WHERE sale_id = {line}")
    assert broken_ref(db) is None  # version 1 never held the cost
    tamper(db, f"UPDATE saleline SET unit_price = 1 WHERE sale_id = {line}")
    assert broken_ref(db) == old
