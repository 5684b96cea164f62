"""Issue 13, `gerai setup` asks the rest: this till's id, the printer (a USB printer plugged in
or a URL, its paper and escpos profile, a test page) and the catalogue and member templates;
a bad answer is said and asked again. The database part is one transaction; this till's
settings file is written after it (whole or not at all), and when it cannot be written the
command says so and what to write by hand: the database part stands."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from gerai.cli import main
from gerai.db import Database
from gerai.services.shop.profile import load_shop
from gerai.settings import load_settings
from receipts import usb_printers
from receipts.usb_printers import UsbPrinter
from tests.conftest import raw
from tests.fake_printer import FakePrinter

SHOP = ["Koperasi Desa Merah Putih Bontoa", "Jl. Poros Maros 12", "Papua", "", "", "0", "2", ""]
PRODUCTS = (
    "Kode,Barcode,Nama barang,Kategori,Satuan,Harga,HPP,Stok awal\n"
    "BRS-5,,Beras 5 kg,Sembako,karung,68000,62000,20\n"
    "GLA-1,,Gula 1 kg,Sembako,kg,18000,16500,\n"
)
BAD_PRODUCTS = "Kode,Nama barang,Kategori,Satuan,Harga\nX-1,Barang,Uji,pcs,murah\n"
MEMBERS = "Nomor anggota,Nama,Telepon\nA-001,Siti Aminah,081234567890\n"


def setup(runner: CliRunner, database: Database, *answers: str) -> Result:
    return runner.invoke(main, ["--db", database.url, "setup"], input="\n".join(answers) + "\n")


@pytest.fixture
def no_usb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(usb_printers, "list_usb_printers", list)


def config_file(tmp_path: Path) -> Path:
    """The settings file the `runner` fixture's till reads (its XDG config folder)."""
    return tmp_path / "xdg-config" / "gerai" / "gerai.toml"


def test_setup_asks_the_till_the_printer_and_the_templates_again_until_good(
    empty_db: Database, runner: CliRunner, tmp_path: Path, no_usb: None
) -> None:
    catalogue, bad, members = tmp_path / "katalog.csv", tmp_path / "salah.csv", tmp_path / "a.csv"
    catalogue.write_text(PRODUCTS, encoding="utf-8")
    bad.write_text(BAD_PRODUCTS, encoding="utf-8")
    members.write_text(MEMBERS, encoding="utf-8")
    with FakePrinter() as printer:
        done = setup(
            runner, empty_db, *SHOP,
            "K 2", "k2",  # a till id with a space, then a good one
            "pengurus", "1234", "1234",
            "tcp://", printer.url,  # a URL without its host, then the fake printer
            "70", "80",  # no such paper, then 80 mm
            "NOPE", "",  # an unknown escpos profile, then the default
            "y",  # the test page
            str(catalogue / "cadangan"), str(tmp_path / "cadangan"),  # under a file, then good
            str(tmp_path / "hilang.csv"), str(bad), str(catalogue),
            str(members),
        )  # fmt: skip
        jobs = printer.wait_for_jobs(1)
    assert done.exit_code == 0, done.output
    assert "Traceback" not in done.output
    for said in (
        "Kode kasir 'K 2' tidak sah",
        "tcp://HOST:9100",
        "Kertas '70' tidak dikenal: pilih 58, 80",
        f"{catalogue / 'cadangan'} tidak bisa ditulis",
        "NOPE",
        "hilang.csv",
        "baris 2, Harga",
    ):
        assert said in done.output, said
    assert b"TES PRINTER GERAI" in jobs[0]
    url = f"{printer.url}?width=48&profile=POS-5890"
    settings = load_settings(db=empty_db.url, config=str(config_file(tmp_path)))
    assert (settings.till, settings.printer) == ("K2", url)
    assert settings.backup_dir == str(tmp_path / "cadangan")
    assert f"till K2, printer {url}, folder cadangan {tmp_path / 'cadangan'}" in done.output
    with empty_db.read() as session:
        shop = load_shop(session)
    assert (shop.name, shop.timezone) == ("Koperasi Desa Merah Putih Bontoa", "Asia/Jayapura")
    assert raw(empty_db, "SELECT code, stock FROM product ORDER BY code") == [
        ("BRS-5", 20_000),
        ("GLA-1", 0),
    ]
    [(number, count)] = raw(empty_db, "SELECT number, products FROM openingstock")
    assert number.startswith("SA-") and count == 1
    assert raw(empty_db, "SELECT number, name FROM member") == [("A-001", "Siti Aminah")]
    assert raw(empty_db, "SELECT name, role FROM useraccount") == [("pengurus", "admin")]
    for command in (["audit", "verify"], ["stock", "check"]):
        checked = runner.invoke(main, ["--db", empty_db.url, *command])
        assert checked.exit_code == 0, checked.output


def test_a_usb_printer_not_permitted_or_not_plugged_in_is_said_and_asked_again(
    empty_db: Database, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = UsbPrinter(0x0416, 0x5011, "", "", permitted=False)
    monkeypatch.setattr(usb_printers, "list_usb_printers", lambda: [locked])
    done = setup(
        runner, empty_db, *SHOP, "", "pengurus", "1234", "1234",
        "1",  # the printer listed, not permitted
        "3",  # no such number
        "usb://0416:5012",  # not plugged in
        "none", "", "", "",
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert "1. 0416:5011" in done.output
    assert "belum diizinkan. Jalankan: " in done.output and "udevadm" in done.output
    assert "Tidak ada printer nomor 3 di daftar (ada 1)" in done.output
    assert "Printer usb://0416:5012 tidak terpasang" in done.output
    settings = load_settings(db=empty_db.url, config=str(config_file(tmp_path)))
    assert (settings.till, settings.printer) == ("K1", "none")
    assert "till K1, printer none, folder cadangan backups di samping database." in done.output


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """`folder` made read-only: its mode (and, for root, whom modes do not stop, the
    immutable attribute); the test is skipped where neither holds."""
    folder.chmod(0o555)
    immutable = os.geteuid() == 0 and shutil.which("chattr") is not None
    if immutable:
        immutable = subprocess.run(["chattr", "+i", str(folder)], check=False).returncode == 0
    try:
        probe = folder / "probe"
        try:
            probe.touch()
        except OSError:
            pass
        else:
            probe.unlink()
            pytest.skip("this folder cannot be made read-only here")
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o755)


def test_a_settings_file_that_cannot_be_written_is_said_and_the_database_part_stands(
    empty_db: Database, runner: CliRunner, tmp_path: Path, no_usb: None
) -> None:
    path = config_file(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text('lang = "id"\nkick_drawer = true\n', encoding="utf-8")
    before = path.read_bytes()
    with read_only(path.parent):
        done = setup(runner, empty_db, *SHOP, "K3", "pengurus", "1234", "1234", "none", "", "", "")
    assert done.exit_code == 1
    assert "Traceback" not in done.output
    assert f"file pengaturan till {path} tidak bisa ditulis" in done.output
    assert 'till = "K3", printer = "none", backup_dir = ""' in done.output
    assert path.read_bytes() == before  # untouched, and no temporary file left beside it
    assert sorted(p.name for p in path.parent.iterdir()) == ["gerai.toml"]
    with empty_db.read() as session:  # the database part stands
        assert load_shop(session).name == "Koperasi Desa Merah Putih Bontoa"
    assert raw(empty_db, "SELECT name FROM useraccount") == [("pengurus",)]


def test_the_settings_file_is_replaced_whole_keeping_its_other_settings(tmp_path: Path) -> None:
    from gerai.settings import write_settings_file

    path = tmp_path / "gerai.toml"
    path.write_text('lang = "en"\ntill = "K1"\n', encoding="utf-8")
    inode = path.stat().st_ino
    write_settings_file(path, {"till": "K9", "printer": 'tcp://10.0.0.5:9100?status=0&x="'})
    settings = load_settings(db=str(tmp_path / "x.db"), config=str(path))
    assert (settings.lang, settings.till) == ("en", "K9")
    assert settings.printer == 'tcp://10.0.0.5:9100?status=0&x="'
    assert path.stat().st_ino != inode  # a new file renamed over the old, not rewritten in place
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gerai.toml"]


def test_a_test_page_that_does_not_print_lets_the_printer_be_chosen_again(
    empty_db: Database, runner: CliRunner, tmp_path: Path, no_usb: None
) -> None:
    with FakePrinter(mode="refuse") as printer:
        done = setup(
            runner, empty_db, *SHOP, "", "pengurus", "1234", "1234",
            printer.url, "58", "", "y",  # the test page: nothing listens
            "y", "none",  # choose again: none
            "", "", "",
        )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert "Halaman uji tidak tercetak. Pilih printer lagi?" in done.output
    settings = load_settings(db=empty_db.url, config=str(config_file(tmp_path)))
    assert settings.printer == "none"
