"""The first-run wizard and Pengaturan toko, driven by real key presses: the pilot (an empty
database file -> the wizard -> the login -> a sale whose receipt, read back from the fake TCP
printer, carries the shop's name and a WIT time), refusals that write nothing, going back
keeping what was typed, and the settings screen from F11."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from textual import events
from textual.widgets import Input, Label, OptionList

from gerai.cli import main
from gerai.core.errors import GeraiError
from gerai.db import Database
from gerai.printing import PrintQueue
from gerai.services.shop.auth import SYSTEM
from gerai.services.shop.profile import load_shop
from gerai.settings import Settings, load_settings, write_settings_file
from gerai.till import Till
from gerai.tui.app import GeraiApp
from gerai.tui.screens.admin.menu import AdminMenu
from gerai.tui.screens.admin.shop_settings import ShopSettingsScreen
from gerai.tui.screens.cash.shift import OpenShiftScreen
from gerai.tui.screens.login import LoginScreen
from gerai.tui.screens.sale.kasir import KasirScreen
from gerai.tui.screens.setup.wizard import SetupWizard
from receipts.usb_printers import UsbPrinter
from tests.conftest import NOW, OWNER, audit_events, raw, tamper
from tests.escpos_decode import decode
from tests.fake_printer import FakePrinter
from tests.test_printing import payload_of

SIZE = (80, 24)
NAME = "Gerai KDMP Sentani"
GOOD_NPWP = "01.234.567.8-901.000"


def new_shop(tmp_path: Path) -> tuple[Database, Path]:
    """An empty database file made as a new user does (`gerai --db toko.db db upgrade`), and
    the catalogue template filled (its example row: Minyakita, 144 in stock)."""
    path = tmp_path / "toko.db"
    runner = CliRunner()
    done = runner.invoke(main, ["--db", str(path), "db", "upgrade"])
    assert done.exit_code == 0, done.output
    katalog = tmp_path / "katalog.xlsx"
    done = runner.invoke(
        main, ["--db", str(path), "products", "template", "--output", str(katalog)]
    )
    assert done.exit_code == 0, done.output
    return Database(f"sqlite:///{path}"), katalog


def wizard_app(database: Database, tmp_path: Path, **settings: Any) -> GeraiApp:
    config = tmp_path / "gerai.toml"
    return GeraiApp(
        Settings(db_url=database.url, config=str(config), auto_backup=False, **settings),
        database,
        clock=lambda: NOW,
    )


def burst(app: GeraiApp, typed: str) -> None:
    """Keys as fast as they come (`\\r` is Enter): all posted before any is handled."""
    for char in typed:
        key = "enter" if char == "\r" else char
        app.post_message(events.Key(key, "\r" if char == "\r" else char))


async def settle(app: GeraiApp, pilot: Any) -> None:
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def step_title(app: GeraiApp) -> str:
    return str(app.screen.query_one("#setup-header", Label).render())


def error_text(app: GeraiApp) -> str:
    return str(app.screen.query_one("#setup-error", Label).render())


def typed(app: GeraiApp, key: str) -> str:
    return app.screen.query_one(f"#f-{key}", Input).value


async def retype(pilot: Any, text: str) -> None:
    """Clear the focused field and type `text` (no Enter)."""
    await pilot.press("end", "ctrl+u", *text)


def saved_printer(tmp_path: Path) -> str:
    """The printer URL the wizard saved in the settings file."""
    saved = tomllib.loads((tmp_path / "gerai.toml").read_text(encoding="utf-8"))
    return str(saved["printer"])


def written(database: Database) -> tuple[int, int]:
    """Shop settings and users stored."""
    [(settings,)] = raw(database, "SELECT count(*) FROM shopsetting")
    [(users,)] = raw(database, "SELECT count(*) FROM useraccount")
    return settings, users


async def test_pilot_from_an_empty_file_through_the_wizard_to_a_printed_sale(
    tmp_path: Path,
) -> None:
    database, katalog = new_shop(tmp_path)
    with FakePrinter() as printer:
        app = wizard_app(database, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, SetupWizard)
            assert "1/8" in step_title(app) and typed(app, "name") == ""
            # an empty name: told, and the step stays
            await pilot.press("enter", *"Koperasi Desa Merah Putih Sentani", "enter")
            await settle(app, pilot)
            assert "1/8" in step_title(app)
            assert "Nama toko tidak boleh kosong" in error_text(app)
            assert app.focused is not None and app.focused.id == "f-name"
            assert written(database) == (0, 0)
            # the name, then the address typed in one burst (type-ahead)
            await pilot.press(*NAME, "enter", "enter")
            await pilot.pause()
            assert "2/8" in step_title(app) and error_text(app) == ""
            burst(app, "Jl. Raya Sentani 7\rHinekombe\rSentani\rJayapura\rPapua\r0811-4800-123\r")
            burst(app, "AHU-0001.AH.01.29\r1234567890123\r")  # on into the next step
            await settle(app, pilot)
            assert "3/8" in step_title(app)
            assert typed(app, "provinsi") == "Papua" and typed(app, "phone") == "0811-4800-123"
            assert (typed(app, "badan_hukum"), typed(app, "nib")) == (
                "AHU-0001.AH.01.29", "1234567890123",
            )  # fmt: skip
            # a bad NPWP: told, back on the NPWP, nothing written
            await pilot.press(*"12345", "enter", *"ya", "enter", *"11", "enter")
            await settle(app, pilot)
            assert "3/8" in step_title(app)
            assert "NPWP '12345' tidak sah" in error_text(app)
            assert app.focused is not None and app.focused.id == "f-npwp"
            assert written(database) == (0, 0)
            await retype(pilot, GOOD_NPWP)
            await pilot.press("enter", "enter", "enter")
            await settle(app, pilot)
            # the time zone proposed from Papua: WIT
            assert "4/8" in step_title(app) and typed(app, "timezone") == "WIT"
            await pilot.press("enter", *"Melayani anggota dan umum", "enter", "enter")
            await pilot.press("enter", "enter", "enter")
            await retype(pilot, "K2")
            await pilot.press("enter")
            await settle(app, pilot)
            assert "6/8" in step_title(app)
            await pilot.press(*"pengurus", "enter", *"246810", "enter", *"246810", "enter")
            await settle(app, pilot)
            assert "7/8" in step_title(app)
            await pilot.press(*printer.url, "enter", "enter", "enter")
            await settle(app, pilot)
            assert "8/8" in step_title(app)
            assert written(database) == (0, 0)  # nothing until the last step confirms
            await pilot.press(*str(katalog), "enter", "enter")
            await settle(app, pilot)
            assert isinstance(app.screen, LoginScreen)
            # the login of the new admin, a shift opened, a sale
            await pilot.press(*"pengurus", "enter", *"246810", "enter")
            await settle(app, pilot)
            assert isinstance(app.screen, OpenShiftScreen)  # the opening cash first
            await pilot.press(*"200000", "enter")
            await settle(app, pilot)
            assert isinstance(app.screen, KasirScreen)
            await pilot.press(*"MYK-1L", "enter", "f12", "enter")
            await settle(app, pilot)
            [received] = printer.wait_for_jobs(1, timeout=5)
    job = decode(payload_of(received))
    assert job.lines[0].strip() == NAME.upper()
    assert [line.strip() for line in job.lines[1:4]] == [
        "Melayani anggota dan umum",  # the header, then the street and the place
        "Jl. Raya Sentani 7, Hinekombe,",
        "Sentani, Jayapura, Papua",
    ]
    assert "30-11-2025 15.32 WIT" in job.text  # 06.32 UTC in Papua
    assert "Minyakita" in job.text
    assert job.qr_payloads == ["K2-20251130-0001"]
    with database.read() as session:
        shop = load_shop(session)
        records = audit_events(session)
        kinds = [row.kind for row in records]
    assert (shop.name, shop.provinsi, shop.timezone) == (NAME, "Papua", "Asia/Jayapura")
    assert (shop.koperasi, shop.kecamatan, shop.nib) == (
        "Koperasi Desa Merah Putih Sentani", "Sentani", "1234567890123",
    )  # fmt: skip
    assert shop.pkp and shop.npwp == GOOD_NPWP and shop.ppn_rate_bp == 1100
    assert {"settings_changed", "user_created"} <= set(kinds)
    assert [r.data() for r in records if r.ref == "till K2"] == [
        {"till": ["K1", "K2"], "printer": ["none", saved_printer(tmp_path)]}
    ]
    saved = tomllib.loads((tmp_path / "gerai.toml").read_text(encoding="utf-8"))
    assert saved["till"] == "K2" and saved["printer"].startswith(printer.url)
    assert "width=32" in saved["printer"]
    database.dispose()


async def test_going_back_keeps_what_was_typed_and_bad_answers_are_told(tmp_path: Path) -> None:
    database, _ = new_shop(tmp_path)
    app = wizard_app(database, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*NAME, "enter", *"KDMP Sentani", "enter")
        await settle(app, pilot)
        await pilot.press(*"Jl. Raya 1", "enter", *"Hinekombe", "enter")
        await pilot.press("escape")  # back: step 1, as typed
        await pilot.pause()
        assert "1/8" in step_title(app) and app.focused is not None
        assert (typed(app, "name"), typed(app, "koperasi")) == (NAME, "KDMP Sentani")
        await pilot.press("pagedown")  # forward again: step 2 as it was left
        await settle(app, pilot)
        assert "2/8" in step_title(app)
        assert (typed(app, "address"), typed(app, "desa")) == ("Jl. Raya 1", "Hinekombe")
        for step, bad, told in (
            (2, "Atlantis", "Provinsi 'Atlantis' tidak dikenal"),
            (3, "123", "NIB '123' tidak sah"),
        ):
            key = "provinsi" if step == 2 else "nib"
            app.screen.query_one(f"#f-{key}", Input).value = bad
            await pilot.press("pagedown")
            await settle(app, pilot)
            assert f"{step}/8" in step_title(app) and told in error_text(app)
            assert app.focused is not None and app.focused.id == f"f-{key}"
            app.screen.query_one(f"#f-{key}", Input).value = ""
            await pilot.press("pagedown")
            await settle(app, pilot)
        # PKP without an NPWP, an unknown time zone, a bad till id
        app.screen.query_one("#f-pkp", Input).value = "ya"
        await pilot.press("pagedown")
        await settle(app, pilot)
        assert "3/8" in step_title(app) and "wajib punya NPWP" in error_text(app)
        app.screen.query_one("#f-pkp", Input).value = "tidak"
        await pilot.press("pagedown")
        await settle(app, pilot)
        app.screen.query_one("#f-timezone", Input).value = "GMT"
        await pilot.press("pagedown")
        await settle(app, pilot)
        assert "4/8" in step_title(app) and "'GMT' tidak sah" in error_text(app)
        app.screen.query_one("#f-timezone", Input).value = "wita"
        await pilot.press("pagedown")
        await settle(app, pilot)
        app.screen.query_one("#f-till", Input).value = "K-1"
        await pilot.press("pagedown")
        await settle(app, pilot)
        assert "5/8" in step_title(app) and "Kode kasir 'K-1' tidak sah" in error_text(app)
        app.screen.query_one("#f-till", Input).value = "K1"
        await pilot.press("pagedown")
        await settle(app, pilot)
        # a PIN too short, then two that differ
        await pilot.press(*"pengurus", "enter", *"12", "enter", *"12", "enter")
        await settle(app, pilot)
        assert "6/8" in step_title(app) and "PIN harus 4–8 angka" in error_text(app)
        await retype(pilot, "1234")
        await pilot.press("enter", "end", "ctrl+u", *"4321", "enter")
        await settle(app, pilot)
        assert "Kedua PIN tidak sama" in error_text(app)
        await retype(pilot, "1234")
        await pilot.press("enter")
        await settle(app, pilot)
        # a printer URL gerai does not know, a paper width that is not 58 or 80
        await pilot.press(*"lpt1", "enter", "enter", "enter")
        await settle(app, pilot)
        assert "7/8" in step_title(app) and "lpt1" in error_text(app)
        await retype(pilot, "tcp://127.0.0.1:9")
        await pilot.press("enter")
        await retype(pilot, "57")
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert "Kertas '57' tidak dikenal: pilih 58, 80 (mm)" in error_text(app)
        # a catalogue file that is not there: told, nothing written
        await retype(pilot, "80")
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        await pilot.press(*str(tmp_path / "tidak-ada.xlsx"), "enter", "enter")
        await settle(app, pilot)
        assert "8/8" in step_title(app) and "tidak-ada.xlsx" in error_text(app)
        assert isinstance(app.screen, SetupWizard)
    assert written(database) == (0, 0)
    assert not (tmp_path / "gerai.toml").exists()
    database.dispose()


async def test_a_bad_template_row_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    database, _ = new_shop(tmp_path)
    bad = tmp_path / "katalog.csv"
    bad.write_text(
        "Kode,Nama barang,Kategori,Satuan,Harga\n"
        "MYK-1L,Minyakita 1 L,Minyak Goreng,pcs,15700\n"
        "BRS-5,Beras 5 kg,Beras,pcs,lima ribu\n",
        encoding="utf-8",
    )
    app = wizard_app(database, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#f-name", Input).value = NAME
        for _ in range(5):
            await pilot.press("pagedown")
            await settle(app, pilot)
        await pilot.press(*"pengurus", "enter", *"1234", "enter", *"1234", "enter")
        await pilot.press("pagedown")
        await settle(app, pilot)
        assert "8/8" in step_title(app)
        await pilot.press(*str(bad), "enter", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, SetupWizard) and "8/8" in step_title(app)
        assert "1 masalah di file; belum ada yang disimpan" in error_text(app)
        assert "baris 3, Harga: 'lima ribu' bukan jumlah Rupiah" in error_text(app)
    assert written(database) == (0, 0)
    database.dispose()


async def test_f11_pengaturan_toko_edits_the_settings_audited(db: Database) -> None:
    app = GeraiApp(Settings(db_url=db.url), db, clock=lambda: NOW, actor=OWNER)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f11")
        await pilot.pause()
        assert isinstance(app.screen, AdminMenu)
        await pilot.press("down", "down", "enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ShopSettingsScreen)
        assert screen.query_one("#f-name", Input).value == "Gerai Koperasi Desa Merah Putih Bontoa"
        assert screen.query_one("#f-timezone", Input).value == "WITA"
        await retype(pilot, "Gerai KDMP Uji")
        for _ in range(6):  # to the provinsi
            await pilot.press("enter")
        await retype(pilot, "Papua")
        await pilot.press("enter")  # the time zone follows: WIT
        await settle(app, pilot)
        assert screen.query_one("#f-timezone", Input).value == "WIT"
        screen.query_one("#f-npwp", Input).value = "12345"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "NPWP '12345' tidak sah" in str(screen.query_one("#settings-error", Label).render())
        assert app.focused is not None and app.focused.id == "f-npwp"
        with db.read() as session:
            assert load_shop(session).name == "Gerai Koperasi Desa Merah Putih Bontoa"
        await retype(pilot, "")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert str(screen.query_one("#settings-error", Label).render()) == ""
        assert app.shop.name == "Gerai KDMP Uji" and app.shop.zone_label == "WIT"
    with db.read() as session:
        shop = load_shop(session)
        [record] = [r for r in audit_events(session) if r.kind == "settings_changed"]
    assert (shop.name, shop.provinsi, shop.timezone) == ("Gerai KDMP Uji", "Papua", "Asia/Jayapura")
    assert record.actor == "admin"
    assert record.data()["name"] == ["Gerai Koperasi Desa Merah Putih Bontoa", "Gerai KDMP Uji"]
    assert record.data()["timezone"] == ["Asia/Makassar", "Asia/Jayapura"]


async def test_a_named_shop_without_an_admin_gets_the_wizard_with_its_settings(
    catalogue_db: Database, tmp_path: Path
) -> None:
    tamper(catalogue_db, "DELETE FROM useraccount")
    app = wizard_app(catalogue_db, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupWizard)
        assert typed(app, "name") == "Gerai Koperasi Desa Merah Putih Bontoa"
        assert typed(app, "timezone") == "WITA"
        for _ in range(5):
            await pilot.press("pagedown")
            await settle(app, pilot)
        assert "6/8" in step_title(app) and error_text(app) == ""


def test_the_settings_file_keeps_its_other_keys_and_can_be_put_back(tmp_path: Path) -> None:
    path = tmp_path / "gerai.toml"
    before = 'lang = "en"\nprinter = "none"\nkick_drawer = true\n'
    path.write_text(before, encoding="utf-8")
    undo = write_settings_file(path, {"till": "K2", "printer": "tcp://10.0.0.9:9100?width=32"})
    saved = load_settings(db=str(tmp_path / "x.db"), config=str(path))
    assert (saved.lang, saved.till, saved.kick_drawer) == ("en", "K2", True)
    assert saved.printer == "tcp://10.0.0.9:9100?width=32"
    undo()
    assert path.read_text(encoding="utf-8") == before


def test_a_refused_setup_writes_neither_the_database_nor_the_settings_file(
    empty_db: Database, tmp_path: Path
) -> None:
    config = tmp_path / "gerai.toml"
    settings = Settings(db_url=empty_db.url, config=str(config))
    till = Till(
        settings, empty_db, PrintQueue(empty_db, settings, lambda: NOW), lambda: NOW, SYSTEM
    )
    with pytest.raises(GeraiError) as refused:
        till.set_up_shop(
            {"name": NAME, "provinsi": "Papua"}, "pengurus", "12", "12",
            till_settings={"till": "K2", "printer": "none"},
        )  # fmt: skip
    assert refused.value.key == "auth.pin_format"
    assert written(empty_db) == (0, 0) and not config.exists()
    shop = till.set_up_shop(
        {"name": NAME, "provinsi": "Papua"}, "pengurus", "1234", "1234",
        till_settings={"till": "K2", "printer": "none"},
    )  # fmt: skip
    assert shop.zone_label == "WIT" and written(empty_db)[1] == 1
    assert tomllib.loads(config.read_text(encoding="utf-8")) == {"till": "K2", "printer": "none"}


async def test_f5_prints_a_test_page_of_the_paper_chosen(tmp_path: Path) -> None:
    database, _ = new_shop(tmp_path)
    with FakePrinter() as printer:
        app = wizard_app(database, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            app.screen.query_one("#f-name", Input).value = NAME
            await pilot.press("f5")  # not on this step: nothing printed
            for _ in range(5):
                await pilot.press("pagedown")
                await settle(app, pilot)
            await pilot.press(*"pengurus", "enter", *"1234", "enter", *"1234", "enter")
            await settle(app, pilot)
            await pilot.press(*printer.url, "enter", *"80")
            await pilot.press("f5")
            await settle(app, pilot)
            [received] = printer.wait_for_jobs(1, timeout=5)
            assert isinstance(app.screen, SetupWizard) and "7/8" in step_title(app)
    lines = decode(payload_of(received)).lines
    assert "1234567890" * 4 + "12345678" in lines  # the ruler of 48 columns (80 mm)
    assert written(database) == (0, 0)
    database.dispose()


async def test_usb_printers_are_offered_and_one_not_permitted_gets_the_udev_command(
    tmp_path: Path,
) -> None:
    database, _ = new_shop(tmp_path)
    app = wizard_app(database, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        wizard = app.screen
        assert isinstance(wizard, SetupWizard)
        wizard.show_step(6)
        await settle(app, pilot)
        wizard.show_printers([UsbPrinter(0x0416, 0x5011, "", "", permitted=False)])
        await pilot.pause()
        note = str(wizard.query_one("#setup-usb-note", Label).render())
        assert 'ATTRS{idVendor}=="0416"' in note and "sudo udevadm trigger" in note
        assert app.focused is wizard.query_one("#setup-usb", OptionList)
        await pilot.press("down", "enter")  # the printer picked: its URL, then the paper
        await pilot.pause()
        assert typed(app, "printer") == "usb://0416:5011"
        assert app.focused is not None and app.focused.id == "f-paper"
    database.dispose()


def test_the_new_settings_on_the_command_line(db: Database) -> None:
    runner = CliRunner()
    refused = runner.invoke(main, ["--db", db.url, "shop", "set", "nib=123"])
    assert refused.exit_code == 1 and "NIB '123' tidak sah: harus 13 angka" in refused.output
    done = runner.invoke(
        main, ["--db", db.url, "shop", "set", "koperasi=KDMP Bontoa", "nib=9120001234567"]
    )
    assert done.exit_code == 0, done.output
    shown = runner.invoke(main, ["--db", db.url, "shop", "show"]).output
    assert "koperasi=KDMP Bontoa" in shown and "nib=9120001234567" in shown
