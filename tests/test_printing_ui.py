"""Printing from the kasir screen and the command line, to a fake printer on 127.0.0.1."""

from __future__ import annotations

import asyncio

from click.testing import CliRunner
from sqlmodel import select

from gerai.cli import main
from gerai.db import Database
from gerai.models import PrintJob, Sale
from gerai.settings import Settings
from gerai.tui.app import GeraiApp
from gerai.tui.screens.sale.kasir import KasirScreen
from tests.conftest import CASHIER, NOW
from tests.escpos_decode import decode
from tests.fake_printer import FakePrinter
from tests.test_printing import payload_of, sell

MINYAKITA = "MYK-1L"


def app_for(db: Database, printer: str) -> GeraiApp:
    return GeraiApp(Settings(db_url=db.url, printer=printer), db, clock=lambda: NOW, actor=CASHIER)


async def sell_by_keys(app: GeraiApp, pilot, code: str = MINYAKITA) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*code, "enter", "f12", "enter")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_sale_in_the_tui_prints_its_receipt(db: Database) -> None:
    with FakePrinter() as printer:
        app = app_for(db, printer.url)
        async with app.run_test(size=(120, 40)) as pilot:
            await sell_by_keys(app, pilot)
            [received] = printer.wait_for_jobs(1, timeout=5)
    job = decode(payload_of(received))
    assert job.starts_with_init
    assert job.qr_payloads == ["K1-20251130-0001"]
    assert any("Minyakita" in line for line in job.lines)


async def test_a_refusing_printer_keeps_every_sale_and_prints_each_once_when_back(
    db: Database,
) -> None:
    with FakePrinter() as printer:
        printer.mode = "refuse"
        app = app_for(db, printer.url + "?timeout=0.5")
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(3):
                await sell_by_keys(app, pilot)
                assert isinstance(app.screen, KasirScreen)
                assert app.cart.lines == []
            assert app.printer_failing
            with db.read() as session:
                assert len(session.exec(select(Sale)).all()) == 3
                assert {j.status for j in session.exec(select(PrintJob))} == {"pending"}
            printer.mode = "ok"
            app.retry_printing()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert not app.printer_failing
            jobs = printer.wait_for_jobs(3, timeout=5)
            app.retry_printing()
            await app.workers.wait_for_complete()
    numbers = [decode(payload_of(job)).qr_payloads[0] for job in jobs]
    assert numbers == [f"K1-20251130-000{n}" for n in (1, 2, 3)]
    assert len(printer.jobs) == 3


async def test_a_stalled_printer_never_blocks_the_till(db: Database) -> None:
    with FakePrinter() as printer:
        printer.mode = "stall"
        app = app_for(db, printer.url + "?timeout=2")
        async with app.run_test(size=(120, 40)) as pilot:
            await sell_by_keys(app, pilot)
            # The print worker is still waiting for the printer; the kasir keeps scanning.
            await pilot.press(*MINYAKITA, "enter")
            await pilot.pause()
            assert [line.product.code for line in app.cart.lines] == [MINYAKITA]
            await asyncio.sleep(0)
            await app.workers.wait_for_complete()


async def test_f9_reprints_a_past_receipt_marked_cetak_ulang(db: Database) -> None:
    with FakePrinter() as printer:
        app = app_for(db, printer.url)
        async with app.run_test(size=(120, 40)) as pilot:
            await sell_by_keys(app, pilot)
            printer.wait_for_jobs(1, timeout=5)
            await pilot.press("f9")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            await app.workers.wait_for_complete()
            jobs = printer.wait_for_jobs(2, timeout=5)
    assert "CETAK ULANG" not in decode(payload_of(jobs[0])).text
    assert "CETAK ULANG" in decode(payload_of(jobs[1])).text


def test_cli_receipt_show_and_print(db: Database, shop) -> None:  # type: ignore[no-untyped-def]
    number = sell(db, shop)
    runner = CliRunner()
    shown = runner.invoke(main, ["--db", db.url, "receipt", "show", number, "--width", "42"])
    assert shown.exit_code == 0, shown.output
    assert number in shown.output and max(map(len, shown.output.splitlines())) <= 42
    with FakePrinter() as printer:
        printed = runner.invoke(
            main, ["--db", db.url, "--printer", printer.url, "receipt", "print", number]
        )
        assert printed.exit_code == 0, printed.output
        [job] = printer.wait_for_jobs(1, timeout=5)
    assert "CETAK ULANG" in decode(payload_of(job)).text


def test_cli_reprint_with_the_printer_off_fails_cleanly_and_keeps_the_job(
    db: Database, shop
) -> None:  # type: ignore[no-untyped-def]
    number = sell(db, shop)
    with FakePrinter() as printer:
        printer.mode = "refuse"
        result = CliRunner().invoke(
            main,
            ["--db", db.url, "--printer", printer.url + "?timeout=0.5", "receipt", "print", number],
        )
    assert result.exit_code == 1
    assert "Traceback" not in result.output and number in result.output
    with db.read() as session:
        assert session.exec(select(PrintJob)).one().status == "pending"


def test_cli_unknown_receipt_is_a_clear_error(db: Database) -> None:
    result = CliRunner().invoke(main, ["--db", db.url, "receipt", "show", "K1-20991231-0001"])
    assert result.exit_code == 1
    assert "K1-20991231-0001" in result.output and "tidak ada" in result.output


def test_cli_printer_test_prints_a_ruler_of_the_width() -> None:
    with FakePrinter() as printer:
        url = printer.url + "?profile=TM-T20II"
        result = CliRunner().invoke(main, ["--printer", url, "printer", "test"])
        assert result.exit_code == 0, result.output
        [job] = printer.wait_for_jobs(1, timeout=5)
    lines = decode(payload_of(job)).lines
    ruler = "".join(str(i % 10) for i in range(1, 49))
    assert ruler in lines
    assert any("TM-T20II" in line for line in lines)


def test_cli_bad_printer_url_is_a_one_line_error() -> None:
    result = CliRunner().invoke(main, ["--printer", "lpt://1", "printer", "test"])
    assert result.exit_code == 1
    assert "lpt://1" in result.output and "tcp://" in result.output


def test_heavy_libraries_stay_off_the_start_up_path(db: Database) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from gerai.db import Database\n"
        "from gerai.settings import Settings\n"
        "from gerai.tui.app import GeraiApp\n"
        f"url = {db.url!r}\n"
        "printer = 'tcp://127.0.0.1:9?profile=TM-T20II'\n"
        "GeraiApp(Settings(db_url=url, printer=printer), Database(url))\n"
        "print(sorted(m for m in ('escpos', 'reportlab', 'openpyxl') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
