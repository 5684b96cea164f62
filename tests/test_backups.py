"""Backups that happen by themselves (issue 13): the day's and the month's copy at a shift
close and at the first start of a day, the oldest pruned, a second folder used when it is
there; `gerai backup list`; a restore that checks the file, keeps the replaced one and refuses
while a till has the database open."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from shop_day import at, fill, sell

from gerai.backups import DAILY_KEPT, MONTHLY_KEPT, auto_backup, holding, list_backups, restore
from gerai.cli import main
from gerai.core.errors import GeraiError
from gerai.db import Database
from gerai.settings import Settings
from tests.conftest import NOW, copy_database, raw, tamper

DAY = date(2025, 11, 30)


@pytest.fixture
def shop_db(catalogue_file: Path, tmp_path: Path) -> Database:
    """A SQLite shop (backups need a file), a shift open on K1."""
    from shop_day import open_till

    path = tmp_path / "toko" / "toko.db"
    path.parent.mkdir()
    copy_database(catalogue_file, path)
    database = Database(f"sqlite:///{path}")
    open_till(database, "K1", 100_000, at(7))
    return database


def settings_for(database: Database, **values: str) -> Settings:
    return Settings(db_url=database.url, **values)  # type: ignore[arg-type]


def test_the_days_and_the_months_copies_and_the_oldest_pruned(shop_db: Database) -> None:
    settings = settings_for(shop_db)
    report = auto_backup(shop_db, settings, DAY)
    folder = shop_db.path.parent / "backups"  # type: ignore[union-attr]
    assert report.written == [folder / "daily" / "toko-2025-11-30.db",
                              folder / "monthly" / "toko-2025-11.db"]  # fmt: skip
    assert report.warnings == []
    assert auto_backup(shop_db, settings, DAY, first_of_day=True).written == []  # done today
    closes = [DAY + timedelta(days=n) for n in range(1, 400, 7)]  # a year of weekly closes
    for day in closes:
        auto_backup(shop_db, settings, day)
    daily = sorted((folder / "daily").iterdir())
    monthly = sorted((folder / "monthly").iterdir())
    assert len(daily) == DAILY_KEPT and len(monthly) == MONTHLY_KEPT
    assert daily[-1].name == f"toko-{closes[-1]:%Y-%m-%d}.db"  # the newest kept
    assert daily[0].name == f"toko-{closes[-DAILY_KEPT]:%Y-%m-%d}.db"
    with closing(sqlite3.connect(daily[-1])) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert oct(daily[-1].stat().st_mode)[-3:] == "600"


def test_a_second_folder_gets_the_copies_when_it_is_there(
    shop_db: Database, tmp_path: Path
) -> None:
    stick = tmp_path / "usb"
    settings = settings_for(shop_db, backup_mirror=str(stick))
    absent = auto_backup(shop_db, settings, DAY)
    assert [w.key for w in absent.warnings] == ["backups.mirror_absent"]
    assert len(absent.written) == 2  # the main folder still has its copies
    stick.mkdir()
    there = auto_backup(shop_db, settings, DAY)
    assert there.warnings == [] and (stick / "daily" / "toko-2025-11-30.db").is_file()
    assert {b.path.parent.parent for b in list_backups(shop_db, settings)} == {
        shop_db.path.parent / "backups",  # type: ignore[union-attr]
        stick,
    }


def test_a_backups_folder_that_cannot_be_made_is_an_error(
    shop_db: Database, tmp_path: Path
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    with pytest.raises(GeraiError) as refused:
        auto_backup(shop_db, settings_for(shop_db, backup_dir=str(blocked / "x")), DAY)
    assert refused.value.key == "io.cannot_write"


def test_a_restore_round_trip(shop_db: Database) -> None:
    sell(shop_db, "K1", fill(shop_db, [("MYK-1L", Decimal(1))]), at(9))
    [daily, _] = auto_backup(shop_db, settings_for(shop_db), DAY).written
    later = sell(shop_db, "K1", fill(shop_db, [("GLA-KG", Decimal(1))]), at(10))
    replaced = restore(shop_db, daily, "20251130-1100")
    assert replaced.name == "toko-replaced-20251130-1100.db"
    assert later.receipt_no not in {r for (r,) in raw(shop_db, "SELECT receipt_no FROM sale")}
    assert raw(shop_db, "SELECT count(*) FROM sale") == [(1,)]
    with closing(sqlite3.connect(replaced)) as kept:  # the sale after the backup is kept there
        assert kept.execute("SELECT count(*) FROM sale").fetchone() == (2,)
    verified = CliRunner().invoke(main, ["--db", shop_db.url, "audit", "verify"])
    assert verified.exit_code == 0, verified.output


def test_a_restore_refuses_a_bad_file_and_a_database_in_use(
    shop_db: Database, tmp_path: Path
) -> None:
    sell(shop_db, "K1", fill(shop_db, [("MYK-1L", Decimal(1))]), at(9))
    [daily, _] = auto_backup(shop_db, settings_for(shop_db), DAY).written
    before = raw(shop_db, "SELECT count(*) FROM sale")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as db, db:
        db.execute("CREATE TABLE catatan (isi TEXT)")
    forged = tmp_path / "forged.db"
    copy_database(daily, forged)
    tamper(Database(f"sqlite:///{forged}"), "UPDATE sale SET total = 1")
    for bad, key in (
        (tmp_path / "none.db", "backups.not_found"),
        (junk, "backups.damaged"),
        (other, "backups.not_gerai"),
        (forged, "backups.audit_broken"),
    ):
        with pytest.raises(GeraiError) as refused:
            restore(shop_db, bad, "x")
        assert refused.value.key == key, bad
    with holding(shop_db), pytest.raises(GeraiError) as busy:
        restore(shop_db, daily, "x")
    assert busy.value.key == "backups.in_use"
    assert raw(shop_db, "SELECT count(*) FROM sale") == before
    assert not list(shop_db.path.parent.glob("*replaced*"))  # type: ignore[union-attr]


def test_the_backup_commands(shop_db: Database) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["--db", shop_db.url, "backup", "list"]).output == "0 cadangan.\n"
    auto_backup(shop_db, settings_for(shop_db), DAY)
    listed = runner.invoke(main, ["--db", shop_db.url, "backup", "list"])
    assert listed.exit_code == 0 and "2 cadangan." in listed.output
    assert "harian" in listed.output and "toko-2025-11-30.db" in listed.output
    daily = shop_db.path.parent / "backups" / "daily" / "toko-2025-11-30.db"  # type: ignore[union-attr]
    done = runner.invoke(main, ["--db", shop_db.url, "backup", "restore", str(daily)])
    assert done.exit_code == 0 and "Dipulihkan dari" in done.output
    bad = runner.invoke(main, ["--db", shop_db.url, "backup", "restore", "/tidak/ada.db"])
    assert bad.exit_code == 1 and "tidak ada" in bad.output and "Traceback" not in bad.output
    one = runner.invoke(main, ["--db", shop_db.url, "backup", "--output", "-"])
    assert one.exit_code == 0 and one.stdout_bytes.startswith(b"SQLite format 3")


async def test_the_first_start_of_a_day_backs_up(shop_db: Database) -> None:
    from gerai.tui.app import GeraiApp
    from tests.conftest import CASHIER

    app = GeraiApp(settings_for(shop_db), shop_db, clock=lambda: NOW, actor=CASHIER)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert (shop_db.path.parent / "backups" / "daily" / "toko-2025-11-30.db").is_file()  # type: ignore[union-attr]


async def test_no_automatic_copy_when_the_setting_says_so(
    shop_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gerai.settings import load_settings
    from gerai.tui.app import GeraiApp
    from tests.conftest import CASHIER

    monkeypatch.setenv("GERAI_AUTO_BACKUP", "false")
    settings = load_settings(db=shop_db.url, config=None)
    assert settings.auto_backup is False
    app = GeraiApp(settings, shop_db, clock=lambda: NOW, actor=CASHIER)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert not (shop_db.path.parent / "backups").exists()  # type: ignore[union-attr]
    monkeypatch.setenv("GERAI_AUTO_BACKUP", "sometimes")
    with pytest.raises(GeraiError) as refused:
        load_settings(db=shop_db.url, config=None)
    assert refused.value.key == "config.bad_value"
