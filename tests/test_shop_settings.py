"""Issue 13, the shop's settings later: `gerai shop show` and `gerai shop set KEY=VALUE ...`
(validated together, audited with the old and new values), the time zone from the provinsi,
and a receipt printed after a change carrying the new name and time zone."""

from __future__ import annotations

import pytest
from click.testing import CliRunner, Result
from sqlmodel import select

from gerai.cli import main
from gerai.core.words import AuditKind
from gerai.db import Database
from gerai.models import AuditRecord
from gerai.services.sale.cart import Cart
from gerai.services.sale.checkout import Tender, checkout
from gerai.services.shop.profile import load_shop
from gerai.services.shop.provinces import PROVINCE_ZONES
from gerai.services.stock.catalog import find_by_code
from tests.conftest import CASHIER, NOW, raw


def gerai(runner: CliRunner, database: Database, *args: str) -> Result:
    return runner.invoke(main, ["--db", database.url, *args])


def settings_rows(database: Database) -> list[tuple[object, ...]]:
    return sorted(raw(database, "SELECT key, value FROM shopsetting"))


def test_set_name_and_zone_then_show_and_a_receipt_carries_them(
    db: Database, runner: CliRunner
) -> None:
    done = gerai(runner, db, "shop", "set", "name=Gerai KDMP Uji", "timezone=Asia/Jayapura")
    assert done.exit_code == 0, done.output
    shown = gerai(runner, db, "shop", "show")
    assert shown.exit_code == 0, shown.output
    assert "name=Gerai KDMP Uji" in shown.output.splitlines()
    assert "timezone=Asia/Jayapura" in shown.output.splitlines()
    assert "WIT" in shown.output
    with db.write() as session:
        shop = load_shop(session)
        cart = Cart(global_discount_bp=shop.member_discount_bp)
        product = find_by_code(session, "MYK-1L")
        assert product is not None
        cart.add(product)
        number = checkout(
            session, cart, [Tender("tunai")], till="K1", actor=CASHIER, now=NOW
        ).receipt_no
    receipt = gerai(runner, db, "receipt", "show", number)
    assert receipt.exit_code == 0, receipt.output
    assert "GERAI KDMP UJI" in receipt.output
    assert "15.32 WIT" in receipt.output or "15:32 WIT" in receipt.output, receipt.output


def test_a_change_is_audited_with_old_and_new_values(db: Database, runner: CliRunner) -> None:
    with db.read() as session:
        before = load_shop(session).name
    assert gerai(runner, db, "shop", "set", "name=Gerai Baru").exit_code == 0
    with db.read() as session:
        records = session.exec(
            select(AuditRecord).where(AuditRecord.kind == AuditKind.SETTINGS_CHANGED)
        ).all()
    assert records, "no audit record of the change"
    assert '"name"' in str(records[-1].detail)
    assert before in str(records[-1].detail) and "Gerai Baru" in str(records[-1].detail)
    assert gerai(runner, db, "audit", "verify").exit_code == 0


@pytest.mark.parametrize(
    ("province", "zone", "label"),
    [
        ("Sulawesi Selatan", "Asia/Makassar", "WITA"),
        ("papua", "Asia/Jayapura", "WIT"),
        ("Jawa Tengah", "Asia/Jakarta", "WIB"),
        ("Kalimantan Barat", "Asia/Pontianak", "WIB"),
    ],
)
def test_the_provinsi_brings_its_time_zone(
    empty_db: Database, runner: CliRunner, province: str, zone: str, label: str
) -> None:
    done = gerai(runner, empty_db, "shop", "set", f"provinsi={province}")
    assert done.exit_code == 0, done.output
    assert label in done.output
    with empty_db.read() as session:
        shop = load_shop(session)
    assert shop.timezone == zone
    assert shop.provinsi.casefold() == province.casefold()


def test_a_time_zone_given_with_the_provinsi_overrides_it(
    empty_db: Database, runner: CliRunner
) -> None:
    done = gerai(runner, empty_db, "shop", "set", "provinsi=Bali", "timezone=Asia/Jakarta")
    assert done.exit_code == 0, done.output
    with empty_db.read() as session:
        assert load_shop(session).timezone == "Asia/Jakarta"


def test_a_zone_by_its_label(empty_db: Database, runner: CliRunner) -> None:
    done = gerai(runner, empty_db, "shop", "set", "timezone=wita")
    assert done.exit_code == 0, done.output
    with empty_db.read() as session:
        assert load_shop(session).timezone == "Asia/Makassar"


def test_every_province_has_an_indonesian_zone() -> None:
    assert len(PROVINCE_ZONES) == 38
    assert set(PROVINCE_ZONES.values()) == {
        "Asia/Jakarta",
        "Asia/Pontianak",
        "Asia/Makassar",
        "Asia/Jayapura",
    }


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        (["npwp=12345"], "NPWP '12345' tidak sah"),
        (["npwp=01.234.567.8-901.00X"], "tidak sah"),
        (["pkp=1"], "Toko PKP wajib punya NPWP"),
        (["pkp=1", "npwp="], "Toko PKP wajib punya NPWP"),
        (["timezone=Mars/Olympus"], "tidak sah untuk pengaturan toko 'timezone'"),
        (["timezone=Europe/London"], "tidak sah untuk pengaturan toko 'timezone'"),
        (["provinsi=Atlantis"], "Provinsi 'Atlantis' tidak dikenal"),
        (["name="], "Nama toko tidak boleh kosong"),
        (["name=  "], "Nama toko tidak boleh kosong"),
        (["colour=red"], "colour"),
        (["het_zone=dua"], "het_zone"),
        (["name"], "bukan KUNCI=NILAI"),
        (["name=Baru", "npwp=1"], "NPWP '1' tidak sah"),
    ],
)
def test_bad_settings_say_why_and_change_nothing(
    db: Database, runner: CliRunner, pairs: list[str], message: str
) -> None:
    before = settings_rows(db)
    audits = raw(db, "SELECT count(*) FROM auditrecord")
    done = gerai(runner, db, "shop", "set", *pairs)
    assert done.exit_code == 1
    assert message in done.output
    assert "Traceback" not in done.output
    assert settings_rows(db) == before
    assert raw(db, "SELECT count(*) FROM auditrecord") == audits


def test_a_pkp_shop_with_a_good_npwp(empty_db: Database, runner: CliRunner) -> None:
    done = gerai(runner, empty_db, "shop", "set", "npwp=01.234.567.8-901.000", "pkp=1")
    assert done.exit_code == 0, done.output
    with empty_db.read() as session:
        shop = load_shop(session)
    assert shop.pkp and shop.npwp == "01.234.567.8-901.000"


# --- gerai setup: the wizard by prompts ------------------------------------------------------


def setup_answers(*, npwp: str = "", pkp: str = "0", pin: str = "1234") -> str:
    return "\n".join(
        [
            "Koperasi Desa Merah Putih Bontoa",
            "Jl. Poros Maros No. 12",
            "Papua",
            "0967-555",
            npwp,
            pkp,
            "2",
            "",
            "",  # this till's id: K1
            "pengurus",
            pin,
            pin,
            "none",  # the printer
            "",  # the backups beside the database
            "",  # no catalogue
            "",  # no members
            "",
        ]
    )


def test_setup_writes_the_shop_and_its_first_admin(empty_db: Database, runner: CliRunner) -> None:
    done = runner.invoke(main, ["--db", empty_db.url, "setup"], input=setup_answers())
    assert done.exit_code == 0, done.output
    assert "WIT" in done.output
    with empty_db.read() as session:
        shop = load_shop(session)
    assert shop.name == "Koperasi Desa Merah Putih Bontoa"
    assert shop.timezone == "Asia/Jayapura" and shop.het_zone == 2
    assert raw(empty_db, "SELECT name, role FROM useraccount") == [("pengurus", "admin")]
    assert gerai(runner, empty_db, "audit", "verify").exit_code == 0


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (setup_answers(pin="12"), "PIN"),
        (setup_answers(pkp="1"), "Toko PKP wajib punya NPWP"),
        (setup_answers(npwp="123"), "NPWP '123' tidak sah"),
    ],
)
def test_setup_with_a_bad_answer_writes_nothing(
    empty_db: Database, runner: CliRunner, answers: str, message: str
) -> None:
    done = runner.invoke(main, ["--db", empty_db.url, "setup"], input=answers)
    assert done.exit_code == 1
    assert message in done.output
    assert raw(empty_db, "SELECT count(*) FROM shopsetting") == [(0,)]
    assert raw(empty_db, "SELECT count(*) FROM useraccount") == [(0,)]
