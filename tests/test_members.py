"""The member register: adding, editing, deactivating (permission `members`, audited), the
checks of every field, search by number, name, phone and NIK, the register a page at a time,
the member price settings, and the register's import and export."""

from __future__ import annotations

import dataclasses
import io
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import NOW
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from member_money import ADMIN_ACTOR, BENDAHARA_ACTOR, KASIR_ACTOR, audit_kinds
from openpyxl import Workbook
from sqlalchemy import update
from sqlmodel import col, func, select

from gerai.cli import main
from gerai.core.errors import GeraiError
from gerai.core.money import percent_of
from gerai.db import Database
from gerai.models import AuditRecord, Category, Member, Product, utcnow
from gerai.services.importing import ImportRefused
from gerai.services.members.import_export import MEMBER_COLUMNS, export_members, import_members
from gerai.services.members.lookup import find_member, member_page, search_members
from gerai.services.members.register import (
    MemberForm,
    MemberRefused,
    member_form,
    save_member,
    set_member_active,
)
from gerai.services.members.settings import (
    category_discounts,
    format_percent,
    parse_percent,
    set_category_discount,
    set_global_discount,
)
from gerai.services.sale.cart import Cart
from gerai.services.shop.auth import Approval
from gerai.services.shop.profile import load_shop
from gerai.services.stock.catalog import find_by_code
from gerai.tabular import read_table

TODAY = date(2025, 11, 30)
NEW = MemberForm(
    number="kkmp-0100", name="Wa Ode Sitti", nik="7309064502640100",
    phone="0812-3456 7890", address="Dusun Pattene", credit_limit="250.000",
)  # fmt: skip


def count_members(db: Database) -> int:
    with db.read() as session:
        return session.exec(select(func.count()).select_from(Member)).one()


def count_audit(db: Database) -> int:
    with db.read() as session:
        return session.exec(select(func.count()).select_from(AuditRecord)).one()


def add(db: Database, form: MemberForm, actor=BENDAHARA_ACTOR, approval=None) -> int:  # type: ignore[no-untyped-def]
    with db.write() as session:
        return save_member(session, actor, form, now=NOW, today=TODAY, approval=approval)


# --- adding and editing ------------------------------------------------------------------------


def test_a_bendahara_adds_a_member_and_it_is_audited(catalogue_db: Database) -> None:
    member_id = add(catalogue_db, NEW)
    with catalogue_db.read() as session:
        member = session.get(Member, member_id)
        assert member is not None
        assert (member.number, member.phone, member.credit_limit) == (
            "KKMP-0100", "081234567890", 250_000,
        )  # fmt: skip
        assert member.join_date == TODAY and member.active
        assert find_member(session, "kkmp-0100") is not None
    assert audit_kinds(catalogue_db)[-1] == ("member_added", "bendahara", "KKMP-0100")


@pytest.mark.parametrize(
    ("change", "field", "key", "words"),
    [
        ({"number": "kkmp-0001"}, "number", "members.number_taken", ["KKMP-0001", "Sitti"]),
        ({"nik": "730906450264010"}, "nik", "member.bad_nik", ["15 digit", "16 digit"]),
        ({"nik": "7309064502640026"}, "nik", "members.nik_taken", ["KKMP-0001"]),
        ({"phone": "08a1"}, "phone", "members.bad_phone", ["08a1"]),
        ({"name": "  "}, "name", "import.required", ["kolom Nama wajib"]),
        ({"number": "KKMP 01"}, "number", "members.bad_number", ["KKMP 01"]),
        ({"credit_limit": "-5"}, "credit_limit", "import.negative", ["-5"]),
        ({"join_date": "30-11-2025"}, "join_date", "import.bad_date", ["30-11-2025"]),
    ],
)  # fmt: skip
def test_a_bad_member_is_refused_and_nothing_is_written(
    catalogue_db: Database, change: dict[str, str], field: str, key: str, words: list[str]
) -> None:
    members, records = count_members(catalogue_db), count_audit(catalogue_db)
    with pytest.raises(MemberRefused) as refused:
        add(catalogue_db, dataclasses.replace(NEW, **change))
    assert [(f, e.key) for f, e in refused.value.problems] == [(field, key)]
    for word in words:
        assert word in refused.value.message()
    assert (count_members(catalogue_db), count_audit(catalogue_db)) == (members, records)


def test_every_problem_of_the_form_is_reported_at_once(catalogue_db: Database) -> None:
    with pytest.raises(MemberRefused) as refused:
        add(catalogue_db, MemberForm(number="", name="", nik="123", phone="x"))
    assert {f for f, _ in refused.value.problems} == {"number", "name", "nik", "phone"}


def test_a_kasir_needs_a_supervisor_pin_to_change_the_register(catalogue_db: Database) -> None:
    members = count_members(catalogue_db)
    with pytest.raises(GeraiError) as refused:
        add(catalogue_db, NEW, actor=KASIR_ACTOR)
    assert refused.value.key == "auth.not_allowed"
    assert count_members(catalogue_db) == members
    assert audit_kinds(catalogue_db)[-1] == ("permission_refused", "kasir", "")
    with pytest.raises(GeraiError) as wrong:
        add(catalogue_db, NEW, actor=KASIR_ACTOR, approval=Approval("bendahara", "9999"))
    assert wrong.value.key == "auth.wrong_pin"
    add(catalogue_db, NEW, actor=KASIR_ACTOR, approval=Approval("bendahara", "2222"))
    assert count_members(catalogue_db) == members + 1
    assert audit_kinds(catalogue_db)[-1] == ("member_added", "bendahara", "KKMP-0100")


def test_an_edit_records_what_changed(catalogue_db: Database) -> None:
    member_id = add(catalogue_db, NEW)
    with catalogue_db.read() as session:
        form = member_form(session, member_id)
    assert form.credit_limit == "250000" and form.join_date == "2025-11-30"
    records = count_audit(catalogue_db)
    with catalogue_db.write() as session:  # nothing changed: nothing recorded
        save_member(session, ADMIN_ACTOR, form, now=NOW, today=TODAY, member_id=member_id)
    assert count_audit(catalogue_db) == records
    changed = dataclasses.replace(form, phone="+6281299990000", credit_limit="300000")
    with catalogue_db.write() as session:
        save_member(session, ADMIN_ACTOR, changed, now=NOW, today=TODAY, member_id=member_id)
    with catalogue_db.read() as session:
        record = session.exec(select(AuditRecord).order_by(col(AuditRecord.seq).desc())).first()
    assert record is not None and record.kind == "member_changed"
    assert json.loads(record.detail) == {
        "phone": ["081234567890", "+6281299990000"],
        "credit_limit": [250000, 300000],
    }


def test_a_member_keeps_their_own_number_and_nik_on_edit(catalogue_db: Database) -> None:
    with catalogue_db.read() as session:
        member = find_member(session, "KKMP-0001")
        assert member is not None
        form = member_form(session, member.id)
    renamed = dataclasses.replace(form, number="kkmp-0001", name="Hj. Sitti R.")
    with catalogue_db.write() as session:
        save_member(session, BENDAHARA_ACTOR, renamed, now=NOW, today=TODAY, member_id=member.id)
    with catalogue_db.read() as session:
        assert find_member(session, "KKMP-0001").name == "Hj. Sitti R."  # type: ignore[union-attr]


def test_deactivate_and_reactivate_are_audited(catalogue_db: Database) -> None:
    with catalogue_db.read() as session:
        member = find_member(session, "KKMP-0002")
    assert member is not None
    with catalogue_db.write() as session:
        set_member_active(session, BENDAHARA_ACTOR, member.id, False, now=NOW)
    with catalogue_db.read() as session:
        inactive = find_member(session, "KKMP-0002")
    assert inactive is not None and not inactive.active
    with pytest.raises(GeraiError) as refused:
        Cart().attach_member(inactive)
    assert refused.value.key == "member.inactive"
    with catalogue_db.write() as session:
        set_member_active(session, BENDAHARA_ACTOR, member.id, True, now=NOW)
    assert [k for k, _, ref in audit_kinds(catalogue_db) if ref == "KKMP-0002"] == [
        "member_deactivated", "member_reactivated",
    ]  # fmt: skip


# --- finding members ----------------------------------------------------------------------------


def test_search_by_number_name_phone_and_nik(catalogue_db: Database) -> None:
    with catalogue_db.read() as session:
        assert [m.number for m in search_members(session, "7309064502640026")] == ["KKMP-0001"]
        assert find_member(session, "7309064502640026").number == "KKMP-0001"  # type: ignore[union-attr]
        assert search_members(session, "081249643411")[0].number == "KKMP-0001"
        assert search_members(session, "kkmp-000")[0].number.startswith("KKMP-000")
        assert all("daeng" in m.name.lower() for m in search_members(session, "daeng"))
        assert search_members(session, "   ") == []


def test_the_register_pages_cover_every_member_once_in_both_directions(
    catalogue_db: Database,
) -> None:
    with catalogue_db.read() as session:
        active = session.exec(select(Member).where(col(Member.active))).all()
        expected = [m.number for m in sorted(active, key=lambda m: (m.name, m.id))]
        pages, after = [], None
        while page := member_page(session, limit=7, after=after):
            pages.append(page)
            after = (page[-1].name, page[-1].id)
        assert [m.number for p in pages for m in p] == expected
        back = member_page(session, limit=7, before=(pages[-1][0].name, pages[-1][0].id))
        assert back == pages[-2]
        inactive = member_page(session, inactive=True)
        assert inactive and not any(m.active for m in inactive)
        assert [m.number for m in member_page(session, "daeng ngalle")] == ["KKMP-0002"]


# --- member price settings ----------------------------------------------------------------------


def test_percent_text() -> None:
    assert [format_percent(bp) for bp in (None, 0, 100, 250, 5, 1000)] == [
        "", "0", "1", "2,5", "0,05", "10",
    ]  # fmt: skip
    assert parse_percent("2,5", optional=False) == 250
    assert parse_percent("", optional=True) is None
    for bad in ("-1", "101", "abc", "2,555"):
        with pytest.raises(GeraiError) as refused:
            parse_percent(bad, optional=False)
        assert refused.value.key == "members.bad_percent"


def test_discount_settings_need_an_admin_and_are_audited(catalogue_db: Database) -> None:
    with pytest.raises(GeraiError) as refused, catalogue_db.write() as session:
        set_global_discount(session, BENDAHARA_ACTOR, 200, now=NOW)
    assert refused.value.key == "auth.admin_only"
    with catalogue_db.write() as session:
        shop = set_global_discount(
            session, BENDAHARA_ACTOR, 200, now=NOW, approval=Approval("admin", "9999")
        )
    assert shop.member_discount_bp == 200
    with catalogue_db.read() as session:
        minuman = next(c for c in category_discounts(session) if c.name == "Minuman")
    assert minuman.discount_bp is None
    with catalogue_db.write() as session:
        set_category_discount(session, ADMIN_ACTOR, minuman.id, 350, now=NOW)
    with catalogue_db.write() as session:
        set_category_discount(session, ADMIN_ACTOR, minuman.id, None, now=NOW)
    with pytest.raises(GeraiError) as bad, catalogue_db.write() as session:
        set_category_discount(session, ADMIN_ACTOR, minuman.id, 10_001, now=NOW)
    assert bad.value.key == "members.bad_percent"
    changes = [(k, a, r) for k, a, r in audit_kinds(catalogue_db) if k == "member_discount_changed"]
    assert changes == [
        ("member_discount_changed", "admin", "global"),
        ("member_discount_changed", "admin", "Minuman"),
        ("member_discount_changed", "admin", "Minuman"),
    ]


@given(
    global_bp=st.integers(min_value=0, max_value=10_000),
    category_bp=st.none() | st.integers(min_value=0, max_value=10_000),
    member_price=st.none() | st.integers(min_value=0, max_value=4_500),
)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_the_stored_settings_price_a_member_cart_by_the_spec_precedence(
    catalogue_db: Database, global_bp: int, category_bp: int | None, member_price: int | None
) -> None:
    """Whatever is stored, the till charges a member the product's member price if it has one,
    else its category's percentage if set, else the global percentage (SPEC §5)."""
    with catalogue_db.write() as session:
        set_global_discount(session, ADMIN_ACTOR, global_bp, now=NOW)
        product = find_by_code(session, "AQA-600")  # Minuman, Rp4.000
        assert product is not None
        category_id = session.exec(select(Category.id).where(Category.name == "Minuman")).one()
        set_category_discount(session, ADMIN_ACTOR, category_id, category_bp, now=NOW)
        session.execute(
            update(Product).where(col(Product.code) == "AQA-600").values(member_price=member_price)
        )
    with catalogue_db.read() as session:
        shop = load_shop(session)
        product = find_by_code(session, "AQA-600")
        member = find_member(session, "KKMP-0001")
    assert product is not None and member is not None
    cart = Cart(global_discount_bp=shop.member_discount_bp)
    cart.add(product)
    cart.attach_member(member)
    if member_price is not None:
        expected = min(member_price, 4_000)  # a member never pays above the regular price
    else:
        expected = 4_000 - percent_of(4_000, category_bp if category_bp is not None else global_bp)
    assert cart.totals().total == expected
    assert cart.totals().member_discount == 4_000 - expected


# --- import and export --------------------------------------------------------------------------


def write_rows(path: Path, *lines: str) -> Path:
    path.write_text("\n".join([",".join(MEMBER_COLUMNS), *lines]) + "\n", encoding="utf-8")
    return path


def test_json_and_xlsx_exports_import_back_unchanged(
    catalogue_db: Database, tmp_path: Path
) -> None:
    runner = CliRunner()
    before = None
    with catalogue_db.read() as session:
        before = export_members(session)
    for fmt in ("json", "xlsx", "csv"):
        path = tmp_path / f"anggota.{fmt}"
        result = runner.invoke(
            main,
            ["--db", catalogue_db.url, "members", "export", "--format", fmt, "--output", str(path)],
        )
        assert result.exit_code == 0, result.output
        imported = runner.invoke(main, ["--db", catalogue_db.url, "members", "import", str(path)])
        assert imported.exit_code == 0, imported.output
        assert imported.stdout.strip() == "0 baru, 45 diperbarui, 0 baris dilewati."
        with catalogue_db.read() as session:
            assert export_members(session) == before
    data = json.loads((tmp_path / "anggota.json").read_text("utf-8"))
    assert data[0] == {
        "number": "KKMP-0001", "name": "Hj. Sitti Rahmawati", "nik": "7309064502640026",
        "phone": "081249643411", "address": "Dusun Pattene RT 02/RW 02",
        "join_date": "2025-07-12", "active": True, "credit_limit": 300000,
    }  # fmt: skip
    imports = [r for r in audit_kinds(catalogue_db) if r[0] == "members_imported"]
    assert imports == [("members_imported", "system", "")] * 3


def test_an_xlsx_import_reads_dates_and_numbers_as_a_spreadsheet_holds_them(
    catalogue_db: Database, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(MEMBER_COLUMNS)
    sheet.append(
        [
            "KKMP-0200",
            "Baru Excel",
            7309064502640200,
            81299990000,
            "Dusun",
            date(2025, 1, 2),
            1,
            150000,
        ]
    )
    out = io.BytesIO()
    book.save(out)
    path = tmp_path / "anggota.xlsx"
    path.write_bytes(out.getvalue())
    with catalogue_db.write() as session:
        report = import_members(session, read_table(path), TODAY)
    assert report.created == 1
    with catalogue_db.read() as session:
        member = find_member(session, "KKMP-0200")
    assert member is not None
    assert (member.nik, member.phone, member.join_date, member.credit_limit) == (
        "7309064502640200", "81299990000", date(2025, 1, 2), 150000,
    )  # fmt: skip


def test_an_import_refuses_a_nik_used_twice_with_both_rows(
    catalogue_db: Database, tmp_path: Path
) -> None:
    path = write_rows(
        tmp_path / "anggota.csv",
        "KKMP-0301,Satu,7309064502640301,,,,1,0",
        "KKMP-0302,Dua,7309064502640301,,,,1,0",
        "KKMP-0303,Tiga,7309064502640026,,,,1,0",
    )
    members = count_members(catalogue_db)
    with pytest.raises(ImportRefused) as refused, catalogue_db.write() as session:
        import_members(session, read_table(path), TODAY)
    assert [(p.row, p.column, p.error.key) for p in refused.value.problems] == [
        (3, "nik", "import.duplicate_in_file"),
        (4, "nik", "members.nik_taken"),
    ]
    assert count_members(catalogue_db) == members


def test_the_import_command_needs_nothing_but_a_file(
    catalogue_db: Database, tmp_path: Path
) -> None:
    path = write_rows(tmp_path / "anggota.csv", "kkmp-0400,Baru CLI,,0812 1111 2222,,,1,0")
    result = CliRunner().invoke(main, ["--db", catalogue_db.url, "members", "import", str(path)])
    assert result.exit_code == 0, result.output
    with catalogue_db.read() as session:
        member = find_member(session, "KKMP-0400")
        shop = load_shop(session)
    assert member is not None and member.phone == "081211112222"
    assert member.join_date == shop.business_date(utcnow())
