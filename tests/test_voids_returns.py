"""Void and retur through the services: what they write (status, void and retur rows, stock
movements, audit records, cash), every refusal (nothing written, refusals of permission
audited), the corrections check catching edits made straight in the file, and how the daily
summary and `gerai receipt show` show them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import tamper
from shop_day import at, close, fill, open_till, sell
from sqlmodel import col, select

from gerai.cli import main
from gerai.core.errors import GeraiError
from gerai.core.i18n import translator
from gerai.core.money import format_number
from gerai.core.words import PaymentMethod, Role
from gerai.db import Database
from gerai.models import (
    AuditRecord,
    Product,
    Sale,
    SaleReturn,
    SaleReturnLine,
    SaleVoid,
    StockMovement,
)
from gerai.services.audit import trail as audit
from gerai.services.cash.shifts import cash_position, current_shift, shift_report
from gerai.services.reports.daily import daily_summary
from gerai.services.sale.checkout import SaleResult, Tender
from gerai.services.sale.corrections import check_corrections
from gerai.services.sale.returns import ReturnResult, return_items, sale_state
from gerai.services.sale.voids import VoidResult, void_sale
from gerai.services.shop.auth import (
    Actor,
    Approval,
    find_user,
)
from gerai.services.shop.profile import load_shop
from gerai.services.stock.ledger import stock_check
from receipts.z_report import layout_shift_report

ID = translator("id")  # the receipts' language in these tests

KASIR_ACTOR = Actor("kasir", Role.KASIR)
BENDAHARA_ACTOR = Actor("bendahara", Role.BENDAHARA)
GOOD_PIN = Approval("bendahara", "2222")
RICE, OIL = "BRS-MED-KG", "MYK-1L"  # sold by weight / by the piece


@pytest.fixture
def staffed(db: Database) -> Database:
    """Shifts open on K1 and K2, and a kasir, a bendahara and an admin."""
    return db


def stock(db: Database, code: str) -> Decimal:
    with db.read() as session:
        product = session.exec(select(Product).where(col(Product.code) == code)).one()
        return product.stock


def a_sale(
    db: Database, till: str = "K1", method: str = "tunai", member: bool = False
) -> SaleResult:
    """2,5 kg of rice and 3 bottles of oil, at 15.00 WITA."""
    cart = fill(db, [(RICE, Decimal("2.5")), (OIL, Decimal(3))], member=member)
    return sell(db, till, cart, at(15), [Tender(method)])


def do_void(
    db: Database,
    receipt_no: str,
    actor: Actor = KASIR_ACTOR,
    approval: Approval | None = GOOD_PIN,
    reason: str = "salah input",
    till: str = "K1",
) -> VoidResult:
    with db.write() as session:
        return void_sale(
            session, actor, receipt_no, reason, approval=approval, now=at(15, 5), till=till
        )


def do_return(
    db: Database,
    receipt_no: str,
    lines: list[Any],
    method: str = "tunai",
    actor: Actor = KASIR_ACTOR,
    approval: Approval | None = GOOD_PIN,
    reason: str = "kemasan bocor",
    till: str = "K1",
    minute: int = 10,
) -> ReturnResult:
    with db.write() as session:
        return return_items(
            session, actor, receipt_no, lines, reason, method, approval=approval,
            now=at(15, minute), till=till,
        )  # fmt: skip


def refused(call: Any, *args: Any, **kwargs: Any) -> GeraiError:
    with pytest.raises(GeraiError) as caught:
        call(*args, **kwargs)
    return caught.value


def audit_kinds(db: Database) -> list[str]:
    with db.read() as session:
        return [row.kind for row in audit.rows(session)]


def written(db: Database) -> tuple[int, int, int, int]:
    """How many voids, returns, return lines and stock movements there are."""
    with db.read() as session:
        return (
            len(session.exec(select(SaleVoid)).all()),
            len(session.exec(select(SaleReturn)).all()),
            len(session.exec(select(SaleReturnLine)).all()),
            len(session.exec(select(StockMovement)).all()),
        )


# --- void ------------------------------------------------------------------------------------


def test_a_void_of_a_kasbon_sale_says_the_debt_goes_and_no_money_comes_back(
    staffed: Database,
) -> None:
    cart = fill(staffed, [("MYK-1L", Decimal(2))], member=True)
    sale = sell(staffed, "K1", cart, at(14), [Tender("qris", 10_000), Tender("kasbon")])
    done = do_void(staffed, sale.receipt_no)
    assert (done.total, done.kasbon) == (sale.total, sale.total - 10_000)
    assert done.refunds == ((PaymentMethod.QRIS, 10_000),)


def test_a_void_of_a_split_sale_refunds_each_method_the_way_it_was_paid(
    staffed: Database,
) -> None:
    """QRIS 10.000 + the rest in cash (with change): the void gives back 10.000 by QRIS and only
    the cash part from the drawer, never the whole total as cash."""
    cart = fill(staffed, [(OIL, Decimal(3))])
    sale = sell(staffed, "K1", cart, at(14), [Tender("qris", 10_000), Tender("tunai", 100_000)])
    with staffed.read() as session:
        shift = current_shift(session, "K1")
        assert shift is not None
        drawer = cash_position(session, shift).expected
    done = do_void(staffed, sale.receipt_no)
    assert done.kasbon == 0
    assert done.refunds == (
        (PaymentMethod.QRIS, 10_000),
        (PaymentMethod.CASH, sale.total - 10_000),
    )
    assert sum(amount for _, amount in done.refunds) == sale.total
    with staffed.read() as session:
        shift = current_shift(session, "K1")
        assert shift is not None
        # the drawer expects exactly the cash part less: what the message tells the kasir to give
        assert cash_position(session, shift).expected == drawer - (sale.total - 10_000)


def test_a_void_cancels_the_sale_brings_the_stock_back_and_leaves_a_trace(
    staffed: Database,
) -> None:
    rice, oil = stock(staffed, RICE), stock(staffed, OIL)
    sale = a_sale(staffed)
    done = do_void(staffed, sale.receipt_no.lower() + " ")  # as typed, or from the QR
    assert done == VoidResult(
        sale.receipt_no, sale.total, "bendahara", refunds=((PaymentMethod.CASH, sale.total),)
    )
    assert (stock(staffed, RICE), stock(staffed, OIL)) == (rice, oil)
    with staffed.read() as session:
        row = session.exec(select(Sale).where(col(Sale.id) == sale.sale_id)).one()
        assert (row.receipt_no, row.status) == (sale.receipt_no, "void")
        record = session.exec(select(SaleVoid)).one()
        assert (record.sale_id, record.created_by, record.approved_by, record.reason) == (
            sale.sale_id, "kasir", "bendahara", "salah input",
        )  # fmt: skip
        moves = session.exec(select(StockMovement).where(col(StockMovement.kind) == "void")).all()
        assert sorted(m.qty for m in moves) == [Decimal("2.5"), Decimal(3)]
        assert {m.ref for m in moves} == {sale.receipt_no}
        last = list(audit.rows(session))[-1]
        assert (last.kind, last.actor, last.ref) == ("void", "kasir", sale.receipt_no)
        assert last.data() == {
            "reason": "salah input", "approved_by": "bendahara", "total": sale.total, "till": "K1",
        }  # fmt: skip
        shift = current_shift(session, "K1")
        assert shift is not None and cash_position(session, shift).cash_sales == 0
        assert stock_check(session) == [] and check_corrections(session) is None


def test_a_supervisor_voids_without_a_pin(staffed: Database) -> None:
    sale = a_sale(staffed)
    assert do_void(staffed, sale.receipt_no, BENDAHARA_ACTOR, None).approved_by == "bendahara"


@pytest.mark.parametrize(
    ("approval", "key", "trace"),
    [
        (None, "auth.not_allowed", "permission_refused"),
        (Approval("bendahara", "0000"), "auth.wrong_pin", "approval_refused"),
        (Approval("kasir", "1111"), "auth.not_allowed", "permission_refused"),
        (Approval("nobody", "2222"), "auth.wrong_pin", "approval_refused"),
    ],
)
def test_a_kasir_cannot_void_without_a_supervisor_pin(
    staffed: Database, approval: Approval | None, key: str, trace: str
) -> None:
    sale = a_sale(staffed)
    before, oil = written(staffed), stock(staffed, OIL)
    error = refused(do_void, staffed, sale.receipt_no, approval=approval)
    assert error.key == key
    assert written(staffed) == before and stock(staffed, OIL) == oil
    with staffed.read() as session:
        assert session.get(Sale, sale.sale_id).status == "completed"  # type: ignore[union-attr]
        assert check_corrections(session) is None
    assert audit_kinds(staffed)[-1] == trace
    if key == "auth.wrong_pin" and approval is not None and approval.name == "bendahara":
        with staffed.read() as session:
            assert find_user(session, "bendahara").failed_pins == 1  # type: ignore[union-attr]


def test_an_unknown_receipt_cannot_be_voided(staffed: Database) -> None:
    assert refused(do_void, staffed, "K1-20251130-9999").key == "receipt.not_found"


def test_a_void_needs_a_reason(staffed: Database) -> None:
    sale = a_sale(staffed)
    before = written(staffed)
    for reason in ("", "   "):
        assert refused(do_void, staffed, sale.receipt_no, reason=reason).key == (
            "void.reason_required"
        )
    assert written(staffed) == before


def test_a_sale_is_voided_once(staffed: Database) -> None:
    sale = a_sale(staffed)
    do_void(staffed, sale.receipt_no)
    oil = stock(staffed, OIL)
    assert refused(do_void, staffed, sale.receipt_no).key == "void.already"
    assert stock(staffed, OIL) == oil


def test_a_sale_of_a_closed_shift_is_refused_with_a_pointer_to_retur(staffed: Database) -> None:
    sale = a_sale(staffed)
    with staffed.read() as session:
        shift = current_shift(session, "K1")
        assert shift is not None
        expected = cash_position(session, shift).expected
    close(staffed, shift.id or 0, expected - expected % 100, "receh", at(16))
    open_till(staffed, "K1", 100_000, at(16, 30))
    error = refused(do_void, staffed, sale.receipt_no)
    assert error.key == "void.shift_closed" and "retur" in error.message()


def test_a_sale_is_voided_on_its_own_till(staffed: Database) -> None:
    sale = a_sale(staffed, till="K2")
    error = refused(do_void, staffed, sale.receipt_no, till="K1")
    assert error.key == "void.other_till" and "K2" in error.message()
    assert do_void(staffed, sale.receipt_no, till="K2").receipt_no == sale.receipt_no


def test_a_sale_with_returns_cannot_be_voided(staffed: Database) -> None:
    sale = a_sale(staffed)
    back = do_return(staffed, sale.receipt_no, [(2, 1, False)])
    error = refused(do_void, staffed, sale.receipt_no)
    assert error.key == "void.has_returns" and back.number in error.message()


# --- retur -----------------------------------------------------------------------------------


def test_a_partial_cash_retur_refunds_pro_rata_and_the_last_gets_the_rest(
    staffed: Database,
) -> None:
    rice_before = stock(staffed, RICE)
    sale = a_sale(staffed)
    with staffed.read() as session:
        line = sale_state(session, sale.receipt_no).lines[0]
        shift = current_shift(session, "K1")
        assert shift is not None
        cash_before = cash_position(session, shift)
    first = do_return(staffed, sale.receipt_no, [(1, "1", False)])
    # Rp33.750 for 2,5 kg: 1 kg is 13.500
    assert line.line_total == 33_750
    assert (first.number, first.refund_total, first.refund_method) == (
        "K1-20251130-R001", 13_500, "tunai",
    )  # fmt: skip
    second = do_return(staffed, sale.receipt_no, [(1, "0,001", False)], minute=20)
    third = do_return(staffed, sale.receipt_no, [(1, Decimal("1.499"), False)], minute=30)
    assert (second.number, second.refund_total) == ("K1-20251130-R002", 14)  # 13,5 rounds up
    assert third.refund_total == 33_750 - 13_500 - 14 == 20_236  # the rest (not 20.237)
    assert stock(staffed, RICE) == rice_before
    with staffed.read() as session:
        state = sale_state(session, sale.receipt_no)
        assert (state.lines[0].returned, state.lines[0].refunded) == (Decimal("2.5"), 33_750)
        assert [r.number for r in state.returns] == [first.number, second.number, third.number]
        position = cash_position(session, shift)
        assert position.refunds == 33_750
        assert position.expected == cash_before.expected - 33_750
        movements = session.exec(
            select(StockMovement).where(col(StockMovement.kind) == "return")
        ).all()
        assert [(m.ref, m.qty) for m in movements] == [
            (first.number, Decimal(1)), (second.number, Decimal("0.001")),
            (third.number, Decimal("1.499")),
        ]  # fmt: skip
        record = list(audit.rows(session))[-1]
        assert (record.kind, record.ref, record.actor) == ("retur", third.number, "kasir")
        assert record.data()["refund_total"] == third.refund_total
        assert record.data()["approved_by"] == "bendahara"
        assert stock_check(session) == [] and check_corrections(session) is None
    error = refused(do_return, staffed, sale.receipt_no, [(1, "0,1", False)])
    assert error.key == "retur.fully_returned"


def test_damaged_goods_come_back_and_are_written_off_at_once(staffed: Database) -> None:
    sale = a_sale(staffed)
    oil = stock(staffed, OIL)
    back = do_return(staffed, sale.receipt_no, [(2, 2, True)])
    assert back.refund_total == 2 * 15_700
    assert stock(staffed, OIL) == oil  # not back on the shelf
    with staffed.read() as session:
        moves = session.exec(
            select(StockMovement).where(col(StockMovement.ref) == back.number)
        ).all()
        assert sorted((m.kind, m.qty) for m in moves) == [
            ("adjust", Decimal(-2)), ("return", Decimal(2)),
        ]  # fmt: skip
        assert session.exec(select(SaleReturnLine)).one().damaged
        assert stock_check(session) == []


def test_refund_methods_follow_the_sale(staffed: Database) -> None:
    kasbon = a_sale(staffed, method="kasbon", member=True)
    qris = a_sale(staffed, method="qris")
    assert do_return(staffed, kasbon.receipt_no, [(2, 1, False)], "kasbon").refund_method == (
        "kasbon"
    )
    assert do_return(staffed, kasbon.receipt_no, [(2, 1, False)], "tunai").refund_method == (
        "tunai"
    )
    error = refused(do_return, staffed, qris.receipt_no, [(2, 1, False)], "transfer")
    assert error.key == "retur.bad_method" and "QRIS, Tunai" in error.message()
    with staffed.read() as session:
        shift = current_shift(session, "K1")
        assert shift is not None and cash_position(session, shift).refunds == 15_500  # member price
    cart = fill(staffed, [(OIL, Decimal(1))])
    split = sell(staffed, "K1", cart, at(15), [Tender("qris", 10_000), Tender("tunai")])
    with staffed.read() as session:
        assert sale_state(session, split.receipt_no).refund_methods == ("tunai",)
    assert refused(do_return, staffed, split.receipt_no, [(1, 1, False)], "qris").key == (
        "retur.bad_method"
    )


def test_a_sale_of_another_day_comes_back_on_todays_number(staffed: Database) -> None:
    sale = a_sale(staffed)
    with staffed.write() as session:
        session.execute(  # the sale was made three days ago, on a shift long closed
            Sale.__table__.update()  # type: ignore[attr-defined]
            .where(Sale.__table__.c.id == sale.sale_id)  # type: ignore[attr-defined]
            .values(business_date=at(15).date().replace(day=27))
        )
    back = do_return(staffed, sale.receipt_no, [(1, "2,5", False)])
    assert back.number == "K1-20251130-R001" and back.refund_total == 33_750


@pytest.mark.parametrize(
    ("lines", "key", "shown"),
    [
        ([(1, "3", False)], "retur.too_much", "2,5 kg"),  # more than sold
        ([(2, 0, False)], "retur.qty_positive", "0"),
        ([(2, "-1", False)], "retur.qty_positive", "-1"),
        ([(2, "dua", False)], "retur.bad_qty", "dua"),
        ([(1, "0,0001", False)], "retur.bad_qty", "0,0001"),
        ([(2, "1,5", False)], "cart.fraction_piece", "Minyakita"),  # a piece item
        ([(9, 1, False)], "retur.no_line", "1–2"),
        ([(2, 1, False), (2, 1, False)], "retur.duplicate_line", "2"),
        ([], "retur.nothing", ""),
    ],
)
def test_bad_return_lines_are_refused_and_nothing_is_written(
    staffed: Database, lines: list[Any], key: str, shown: str
) -> None:
    sale = a_sale(staffed)
    before = written(staffed)
    error = refused(do_return, staffed, sale.receipt_no, lines)
    assert error.key == key and shown in error.message()
    assert written(staffed) == before


def test_more_than_is_left_says_how_much_is_returnable(staffed: Database) -> None:
    sale = a_sale(staffed)
    do_return(staffed, sale.receipt_no, [(2, 2, False)])
    error = refused(do_return, staffed, sale.receipt_no, [(2, 2, False)])
    assert error.key == "retur.too_much"
    assert error.params["returnable"] == "1 pcs" and error.params["returned"] == "2 pcs"


def test_a_retur_needs_a_reason(staffed: Database) -> None:
    sale = a_sale(staffed)
    assert refused(do_return, staffed, sale.receipt_no, [(2, 1, False)], reason=" ").key == (
        "retur.reason_required"
    )


@pytest.mark.parametrize(
    ("approval", "key", "trace"),
    [
        (None, "auth.not_allowed", "permission_refused"),
        (Approval("bendahara", "1234"), "auth.wrong_pin", "approval_refused"),
    ],
)
def test_a_kasir_cannot_return_without_a_supervisor_pin(
    staffed: Database, approval: Approval | None, key: str, trace: str
) -> None:
    sale = a_sale(staffed)
    before, rice = written(staffed), stock(staffed, RICE)
    assert refused(do_return, staffed, sale.receipt_no, [(1, 1, False)], approval=approval).key == (
        key
    )
    assert written(staffed) == before and stock(staffed, RICE) == rice
    assert audit_kinds(staffed)[-1] == trace
    # the refused retur used no number: the next one is still R001
    assert do_return(staffed, sale.receipt_no, [(1, 1, False)]).number == "K1-20251130-R001"


def test_an_admin_returns_without_a_pin(staffed: Database) -> None:
    sale = a_sale(staffed)
    back = do_return(staffed, sale.receipt_no, [(2, 1, False)], actor=Actor("admin", Role.ADMIN),
                     approval=None)  # fmt: skip
    assert back.approved_by == "admin"


def test_unknown_void_and_tillless_returns_are_refused(staffed: Database) -> None:
    assert refused(do_return, staffed, "K9-20251130-0001", [(1, 1, False)]).key == (
        "receipt.not_found"
    )
    sale = a_sale(staffed)
    assert refused(do_return, staffed, sale.receipt_no, [(1, 1, False)], till="K3").key == (
        "shift.not_open"
    )
    do_void(staffed, sale.receipt_no)
    assert refused(do_return, staffed, sale.receipt_no, [(1, 1, False)]).key == "retur.sale_void"


def test_a_cash_refund_cannot_exceed_the_drawer(staffed: Database) -> None:
    sale = a_sale(staffed, method="qris")
    open_till(staffed, "K3", 10_000, at(14))
    error = refused(do_return, staffed, sale.receipt_no, [(2, 1, False)], till="K3")
    assert error.key == "retur.not_enough_cash" and "Rp10.000" in error.message()
    assert do_return(staffed, sale.receipt_no, [(2, 1, False)], "qris", till="K3").number == (
        "K3-20251130-R001"
    )


# --- the corrections check -------------------------------------------------------------------


@pytest.fixture
def corrected(staffed: Database) -> tuple[Database, SaleResult, SaleResult, ReturnResult]:
    """A voided sale, a sale with a retur, and a plain sale."""
    voided, returned = a_sale(staffed), a_sale(staffed)
    a_sale(staffed)
    do_void(staffed, voided.receipt_no)
    back = do_return(staffed, returned.receipt_no, [(1, "1,5", False), (2, 1, True)])
    with staffed.read() as session:
        assert check_corrections(session) is None
    return staffed, voided, returned, back


def problem(db: Database) -> GeraiError | None:
    with db.read() as session:
        return check_corrections(session)


@pytest.mark.parametrize(
    ("statement", "key", "who"),
    [
        ("UPDATE sale SET status = 'void' WHERE receipt_no = 'K1-20251130-0003'",
         "corrections.void_unrecorded", "K1-20251130-0003"),
        ("DELETE FROM salevoid", "corrections.void_unrecorded", "K1-20251130-0001"),
        ("UPDATE sale SET status = 'completed' WHERE receipt_no = 'K1-20251130-0001'",
         "corrections.void_undone", "K1-20251130-0001"),
        ("UPDATE salereturn SET refund_total = refund_total + 1000",
         "corrections.return_changed", "K1-20251130-R001"),
        ("UPDATE salereturnline SET amount = amount - 1 WHERE id = 1",
         "corrections.return_changed", "K1-20251130-R001"),
        ("UPDATE salereturn SET number = 'K1-20251130-R009'",
         "corrections.return_unaudited", "K1-20251130-R009"),
        ("DELETE FROM auditrecord WHERE kind = 'retur'",
         "corrections.return_unaudited", "K1-20251130-R001"),
    ],
)  # fmt: skip
def test_corrections_made_straight_in_the_file_are_caught(
    corrected: tuple[Database, SaleResult, SaleResult, ReturnResult],
    statement: str,
    key: str,
    who: str,
) -> None:
    db = corrected[0]
    tamper(db, statement)
    found = problem(db)
    assert found is not None and found.key == key and who in found.message()


def test_a_deleted_retur_is_caught(
    corrected: tuple[Database, SaleResult, SaleResult, ReturnResult],
) -> None:
    db, *_, back = corrected
    tamper(db, "DELETE FROM salereturnline")
    tamper(db, "DELETE FROM salereturn")
    found = problem(db)
    assert found is not None and found.key == "corrections.return_missing"
    assert back.number in found.message()


# --- how they show -----------------------------------------------------------------------------


def test_the_daily_summary_lists_voids_and_returs_and_nets_the_refunds(
    corrected: tuple[Database, SaleResult, SaleResult, ReturnResult],
) -> None:
    db, voided, returned, back = corrected
    with db.read() as session:
        summary = daily_summary(session, at(15).date(), load_shop(session))
        audited = session.exec(select(AuditRecord).where(col(AuditRecord.kind) == "retur")).one()
    assert summary.sales_count == 2 and summary.net == 2 * returned.total
    assert [(v.receipt_no, v.by, v.approved_by, v.reason, v.total) for v in summary.voids] == [
        (voided.receipt_no, "kasir", "bendahara", "salah input", voided.total)
    ]
    assert [
        (r.receipt_no, r.number, r.by, r.approved_by, r.total, r.refund_method, r.reason)
        for r in summary.returns
    ] == [
        (returned.receipt_no, back.number, "kasir", "bendahara", back.refund_total, "tunai",
         "kemasan bocor"),
    ]  # fmt: skip
    assert audited.ref == back.number
    assert summary.returns_total == back.refund_total
    assert summary.net_after_returns == summary.net - back.refund_total
    k1 = next(s for s in summary.shifts if s.till == "K1")
    assert k1.refunds == back.refund_total
    assert k1.expected_cash == k1.opening_cash + k1.cash_sales - back.refund_total


def test_receipt_show_marks_a_void_and_shows_a_retur_slip(
    corrected: tuple[Database, SaleResult, SaleResult, ReturnResult],
) -> None:
    db, voided, returned, back = corrected
    runner = CliRunner()
    shown = runner.invoke(main, ["--db", db.url, "receipt", "show", voided.receipt_no])
    assert shown.exit_code == 0 and "*** BATAL ***" in shown.output
    slip = runner.invoke(main, ["--db", db.url, "receipt", "show", back.number.lower()])
    assert slip.exit_code == 0, slip.output
    assert "RETUR BARANG" in slip.output and returned.receipt_no in slip.output
    assert "(rusak)" in slip.output and "Rp" in slip.output
    missing = runner.invoke(main, ["--db", db.url, "receipt", "show", "K1-20251130-R007"])
    assert missing.exit_code == 1 and "Retur K1-20251130-R007 tidak ada." in missing.output


def test_the_z_report_shows_the_cash_refunds(staffed: Database) -> None:
    sale = a_sale(staffed)
    back = do_return(staffed, sale.receipt_no, [(2, 1, False)])
    with staffed.read() as session:
        shift = current_shift(session, "K1")
        assert shift is not None
        expected = cash_position(session, shift).expected
    assert expected == 500_000 + sale.total - back.refund_total
    close(staffed, shift.id or 0, expected - expected % 100, "receh", at(16))
    with staffed.read() as session:
        report = shift_report(session, shift.id or 0, load_shop(session))
    assert (report.refunds, report.expected) == (back.refund_total, expected)
    text = "\n".join(line.text for line in layout_shift_report(report, 42, ID))
    assert f"-{format_number(back.refund_total)}" in text and "Refund retur tunai" in text
