"""HET decrees (issue 16): a decree file scheduled for a business day changes nothing before
it and every listed price from it (the first shift opened that day applies it); a price is
never left above its HET; bad files are refused whole with each row's problem; the scheduled
rows are sealed by the audit."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gerai.cli import main
from gerai.core.errors import GeraiError
from gerai.db import Database
from gerai.printing import PrintQueue
from gerai.services.audit.verify import verify
from gerai.services.importing import ImportRefused
from gerai.services.shop.auth import Actor
from gerai.services.stock.inventory import product_for
from gerai.services.stock.products import price_history
from gerai.settings import Settings
from gerai.tabular import read_table
from gerai.till import Till
from tests.conftest import CASHIER, NOW, OWNER, copy_database, raw, tamper

TOMORROW = NOW + timedelta(days=1)
HEADER = "code,het,price,member_price,zone"


def till_at(db: Database, when: datetime, actor: Actor = OWNER, till: str = "K1") -> Till:
    config = Settings(db_url=db.url, printer="", till=till)
    return Till(config, db, PrintQueue(db, config, lambda: when), clock=lambda: when, actor=actor)


def decree_file(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "het.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def prices(db: Database, code: str) -> tuple[int | None, int, int | None]:
    """(HET, price, member price) of a product as stored."""
    with db.read() as session:
        product = product_for(session, code)
    return product.het, product.price, product.member_price


def intact(db: Database) -> bool:
    with db.read() as session:
        return verify(session).broken is None


def test_a_decree_for_tomorrow_changes_nothing_today_and_every_listed_price_tomorrow(
    catalogue_db: Database, tmp_path: Path
) -> None:
    before = {code: prices(catalogue_db, code) for code in ("MYK-1L", "MYK-1L-DUS", "GLA-KG")}
    path = decree_file(
        tmp_path,
        "MYK-1L,16500,,,1",
        "MYK-1L,17000,,,2",  # another zone's HET: not this shop's
        "8996114000314,190000,189000,187000,",  # the dus by its barcode, a new price too
        "GLA-KG,18000,,,",
    )
    admin = till_at(catalogue_db, NOW)
    kept, applied = admin.schedule_decree(
        admin.check_decree(read_table(path), False), TOMORROW.date(), path.name
    )
    assert (kept, applied) == (3, [])
    till_at(catalogue_db, NOW, CASHIER).open_shift(500_000)  # today's shift: not the day yet
    assert {code: prices(catalogue_db, code) for code in before} == before
    assert [p.code for p in admin.pending_prices()] == ["GLA-KG", "MYK-1L", "MYK-1L-DUS"]

    till_at(catalogue_db, TOMORROW, CASHIER, till="K2").open_shift(500_000)
    assert prices(catalogue_db, "MYK-1L") == (16_500, 15_700, 15_500)
    assert prices(catalogue_db, "MYK-1L-DUS") == (190_000, 189_000, 187_000)
    assert prices(catalogue_db, "GLA-KG") == (18_000, 17_500, 17_200)
    assert admin.pending_prices() == []
    with catalogue_db.read() as session:
        [change] = price_history(session, product_for(session, "MYK-1L-DUS").id)
    assert (change.old_price, change.new_price, change.changed_by) == (188_400, 189_000, "kasir")
    assert till_at(catalogue_db, TOMORROW).apply_due_prices() == []  # applied once only
    assert intact(catalogue_db)


def test_a_decree_whose_day_has_come_applies_at_once(
    catalogue_db: Database, tmp_path: Path
) -> None:
    admin = till_at(catalogue_db, NOW)
    lines = admin.check_decree(read_table(decree_file(tmp_path, "MYK-1L,16000,,,")), False)
    kept, applied = admin.schedule_decree(lines, NOW.date() - timedelta(days=3), "SK-12")
    assert kept == 1 and [(a.code, a.het, a.lowered) for a in applied] == [
        ("MYK-1L", (15_700, 16_000), False)
    ]
    assert prices(catalogue_db, "MYK-1L")[0] == 16_000


def test_a_price_left_above_the_new_het_is_refused_unless_lowered(
    catalogue_db: Database, tmp_path: Path
) -> None:
    admin = till_at(catalogue_db, NOW)
    table = read_table(decree_file(tmp_path, "GLA-KG,17000,,,"))  # price 17.500, member 17.200
    with pytest.raises(ImportRefused) as refused:
        admin.check_decree(table, False)
    assert [(p.row, p.column, p.error.key) for p in refused.value.problems] == [
        (2, "price", "decree.above_het"),
        (2, "member_price", "decree.above_het"),
    ]
    _, applied = admin.schedule_decree(admin.check_decree(table, True), NOW.date(), "SK-13")
    assert [a.lowered for a in applied] == [True]
    assert prices(catalogue_db, "GLA-KG") == (17_000, 17_000, 17_000)


def test_a_decree_price_above_its_own_het_is_refused_even_when_lowering(
    catalogue_db: Database, tmp_path: Path
) -> None:
    table = read_table(decree_file(tmp_path, "MYK-1L,16000,16500,,"))
    with pytest.raises(ImportRefused) as refused:
        till_at(catalogue_db, NOW).check_decree(table, True)
    assert [(p.column, p.error.key) for p in refused.value.problems] == [
        ("price", "decree.above_het")
    ]


def test_bad_rows_are_each_named_and_nothing_is_kept(
    catalogue_db: Database, tmp_path: Path
) -> None:
    path = decree_file(
        tmp_path,
        "NGAWUR,100,,,",
        "MYK-1L,-5,,,",
        "GLA-KG,0,,,",
        "TLR-KG,abc,,,",
        "MYK-1L-DUS,190000,,,satu",
        "AQA-600,4500,,,",
        "AQA-600,4600,,,",
    )
    with pytest.raises(ImportRefused) as refused:
        till_at(catalogue_db, NOW).check_decree(read_table(path), False)
    assert [(p.row, p.column, p.error.key) for p in refused.value.problems] == [
        (2, "code", "stockadm.unknown_code"),
        (3, "het", "import.negative"),
        (4, "het", "decree.het_zero"),
        (5, "het", "import.bad_money"),
        (6, "zone", "decree.bad_zone"),
        (8, "code", "decree.twice"),
    ]
    assert raw(catalogue_db, "SELECT count(*) FROM scheduledprice") == [(0,)]


def test_a_file_for_other_zones_only_and_a_kasir_are_refused(
    catalogue_db: Database, tmp_path: Path
) -> None:
    admin = till_at(catalogue_db, NOW)
    with pytest.raises(GeraiError) as empty:
        admin.check_decree(read_table(decree_file(tmp_path, "MYK-1L,17000,,,3")), False)
    assert empty.value.key == "decree.empty"
    lines = admin.check_decree(read_table(decree_file(tmp_path, "MYK-1L,17000,,,")), False)
    with pytest.raises(GeraiError) as refused:
        till_at(catalogue_db, NOW, CASHIER).schedule_decree(lines, TOMORROW.date(), "SK")
    assert refused.value.key.startswith("auth.")
    assert raw(catalogue_db, "SELECT count(*) FROM scheduledprice") == [(0,)]


def test_an_edited_scheduled_price_is_caught_by_the_audit(
    catalogue_db: Database, tmp_path: Path
) -> None:
    admin = till_at(catalogue_db, NOW)
    lines = admin.check_decree(read_table(decree_file(tmp_path, "MYK-1L,17000,,,")), False)
    admin.schedule_decree(lines, TOMORROW.date(), "SK-14")
    assert intact(catalogue_db)
    tamper(catalogue_db, "UPDATE scheduledprice SET het = 99000")
    with catalogue_db.read() as session:
        broken = verify(session).broken
    assert broken is not None and "scheduledprice" in str(broken)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    het=st.integers(min_value=1, max_value=400_000),
    price=st.one_of(st.none(), st.integers(min_value=0, max_value=400_000)),
    member=st.one_of(st.none(), st.integers(min_value=0, max_value=400_000)),
)
def test_no_decree_ever_leaves_a_price_above_its_het(
    catalogue_file: Path, tmp_path_factory: pytest.TempPathFactory, het: int, price: int | None,
    member: int | None,
) -> None:  # fmt: skip
    folder = tmp_path_factory.mktemp("decree")
    copy_database(catalogue_file, folder / "gerai.db")
    database = Database(f"sqlite:///{folder / 'gerai.db'}")
    row = f"GLA-KG,{het},{'' if price is None else price},{'' if member is None else member},"
    admin = till_at(database, NOW)
    try:
        lines = admin.check_decree(read_table(decree_file(folder, row)), True)
    except ImportRefused:
        assert (price or 0) > het or (member or 0) > het  # the file's own price above its HET
        return
    finally:
        database.dispose()
    admin.schedule_decree(lines, NOW.date(), "SK")
    now_het, now_price, now_member = prices(database, "GLA-KG")
    database.dispose()
    assert now_het == het and now_price <= het and (now_member or 0) <= het
    assert now_price == min(17_500 if price is None else price, het)


def test_the_prices_commands(catalogue_db: Database, tmp_path: Path) -> None:
    runner = CliRunner()

    def gerai(*args: str) -> tuple[int, str]:
        result = runner.invoke(main, ["--db", catalogue_db.url, "prices", *args])
        return result.exit_code, result.output

    good = decree_file(tmp_path, "MYK-1L,17000,,,")
    assert gerai("import", str(good), "--effective", "2025-13-01") == (
        1,
        "Galat: Tanggal '2025-13-01' tidak sah; pakai YYYY-MM-DD, mis. 2025-11-30.\n",
    )
    code, said = gerai("import", str(good), "--effective", "2099-01-01")
    assert code == 0 and "1 perubahan HET dijadwalkan mulai 01-01-2099" in said
    code, said = gerai("scheduled")
    assert code == 0 and "01-01-2099  MYK-1L  Minyakita 1 L Pouch  HET Rp17.000" in said
    assert "1 perubahan harga menunggu" in said
    assert gerai("apply") == (0, "0 perubahan harga berlaku.\n")
    bad = decree_file(tmp_path, "NGAWUR,100,,,", "GLA-KG,17000,,,")
    code, said = gerai("import", str(bad), "--effective", "2099-01-01")
    assert code == 1 and "Traceback" not in said
    assert "baris 2, Kode: Kode 'NGAWUR' tidak dikenal" in said
    assert "baris 3, Harga: harga Gula Pasir Curah Rp17.500 akan melebihi HET Rp17.000" in said
    assert "3 masalah di berkas; tidak ada yang dijadwalkan" in said  # price and member price
    assert raw(catalogue_db, "SELECT count(*) FROM scheduledprice") == [(1,)]
