"""The `gerai` command line end to end: through click's CliRunner on `gerai.cli.main` and
through the real console script in a subprocess. Errors are one line on stderr with exit code
1 and never a traceback; usage errors exit 2."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import gerai.db
from gerai.cli import main
from gerai.core.words import AuditKind, SaleStatus
from gerai.db import Database
from gerai.services.reports.daily import daily_summary
from gerai.services.shop.profile import load_shop

GERAI = Path(sys.executable).with_name("gerai")


def clean_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a till with no gerai settings, config or data dirs of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GERAI_")}
    env.update(XDG_CONFIG_HOME=str(tmp_path / "xdg-config"), XDG_DATA_HOME=str(tmp_path / "xdg"))
    return env


def run(tmp_path: Path, *args: str, module: bool = False) -> subprocess.CompletedProcess[str]:
    """The real console script (or `python -m gerai`) in a subprocess."""
    command = [sys.executable, "-m", "gerai"] if module else [str(GERAI)]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        env=clean_env(tmp_path),
        cwd=tmp_path,
        timeout=120,
    )


def invoke(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(main, list(args))


def one_line_error(
    result: Result | subprocess.CompletedProcess[str], prefix: str = "Galat: "
) -> str:
    """Assert a clean user error (exit 1, one line on stderr, no traceback); return the line."""
    if isinstance(result, Result):
        assert isinstance(result.exception, SystemExit), result.exception  # not a crash
        code, err, out = result.exit_code, result.stderr, result.stdout
    else:
        code, err, out = result.returncode, result.stderr, result.stdout
    assert code == 1, (out, err)
    assert "Traceback" not in err and "Traceback" not in out
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(prefix), lines[0]
    return lines[0]


def sales_by_day(path: Path, *, completed: bool = False) -> dict[str, int]:
    """Each day's sales (`completed`: not counting the voided ones)."""
    where = "WHERE status = ?" if completed else ""
    with closing(sqlite3.connect(path)) as raw:
        return dict(
            raw.execute(
                f"SELECT business_date, count(*) FROM sale {where} GROUP BY 1",
                (SaleStatus.COMPLETED,) if completed else (),
            ).fetchall()
        )


def count(path: Path, table: str) -> int:
    with closing(sqlite3.connect(path)) as raw:
        return int(raw.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


# --- demo ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`gerai --db F demo --days 2`, run once through the real console script."""
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.db"
    done = run(folder, "--db", str(path), "demo", "--days", "2")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Database demo siap di {path}: 113 barang, 45 anggota, ")
    assert done.stdout.rstrip().endswith("penjualan dalam 2 hari.")
    assert "Traceback" not in done.stderr
    return path


@pytest.fixture
def demo_db(demo_file: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database, for tests that change it."""
    path = tmp_path / "demo.db"
    with closing(sqlite3.connect(demo_file)) as source, closing(sqlite3.connect(path)) as copy:
        source.backup(copy)
    return path


def test_demo_creates_a_database_with_two_days_of_sales(demo_file: Path) -> None:
    days = sales_by_day(demo_file)
    assert len(days) == 2
    first, second = sorted(date.fromisoformat(d) for d in days)
    assert (second - first).days == 1
    assert all(200 <= n <= 400 for n in days.values()), days
    assert count(demo_file, "product") == 113
    assert count(demo_file, "member") == 45
    assert count(demo_file, "saleline") > sum(days.values())
    with closing(sqlite3.connect(demo_file)) as raw:
        receipts = [r for (r,) in raw.execute("SELECT receipt_no FROM sale")]
        methods = {m for (m,) in raw.execute("SELECT DISTINCT method FROM payment")}
        members = raw.execute("SELECT count(*) FROM sale WHERE member_id IS NOT NULL").fetchone()
    assert len(receipts) == len(set(receipts)) == sum(days.values())
    assert methods == {"tunai", "qris", "transfer", "kasbon"}
    assert members[0] > 0


def test_the_demo_works_its_days_through_the_till(demo_file: Path, tmp_path: Path) -> None:
    """The goods of each morning are received (a document each), a sale is voided, and the
    audit chain and every row seal hold over what the till wrote."""
    with closing(sqlite3.connect(demo_file)) as raw:
        kinds = dict(raw.execute("SELECT kind, count(*) FROM auditrecord GROUP BY 1").fetchall())
        voided = raw.execute("SELECT count(*) FROM salevoid").fetchone()[0]
    assert count(demo_file, "goodsreceipt") == kinds[AuditKind.GOODS_RECEIVED] == 2
    assert voided == kinds[AuditKind.VOID] >= 1
    assert kinds[AuditKind.SHIFT_CLOSED] == 2
    done = run(tmp_path, "--db", str(demo_file), "audit", "verify")
    assert done.returncode == 0, done.stdout + done.stderr


def test_commands_that_print_nothing_work_whatever_the_printer_setting(
    demo_db: Path, runner: CliRunner
) -> None:
    """Their till has no printer: a broken printer URL never stops a user or a setting."""
    bad = ("--db", str(demo_db), "--printer", "bogus://nowhere")
    printing = invoke(runner, *bad, "receipt", "show", "X")  # a printing command needs it
    assert printing.exit_code == 1 and "bogus://nowhere" in printing.output
    changed = invoke(runner, *bad, "shop", "set", "name=Gerai Tanpa Printer")
    assert changed.exit_code == 0, changed.output
    listed = invoke(runner, *bad, "users", "list")
    assert listed.exit_code == 0, listed.output
    assert "kasir" in listed.stdout
    shown = invoke(runner, "--db", str(demo_db), "shop", "show")
    assert "name=Gerai Tanpa Printer" in shown.stdout.splitlines()


def test_the_demo_opening_stock_is_one_sa_document(demo_file: Path, tmp_path: Path) -> None:
    """The demo's stok awal goes through the catalogue import: one sealed `SA` document whose
    `opening` movements come first on each product's ledger; the audit and the stock check
    hold over it."""
    with closing(sqlite3.connect(demo_file)) as raw:
        [(number, products, value, by)] = raw.execute(
            "SELECT number, products, value, created_by FROM openingstock"
        ).fetchall()
        opening = raw.execute(
            "SELECT product_id, kind, ref FROM stockmovement m WHERE id ="
            " (SELECT min(id) FROM stockmovement WHERE product_id = m.product_id)"
        ).fetchall()
        stocked = raw.execute(
            "SELECT count(*) FROM stockmovement WHERE ref = ?", (number,)
        ).fetchone()[0]
        sealed = raw.execute(
            "SELECT count(*) FROM auditrecord WHERE kind = 'rows_sealed' AND ref = 'openingstock'"
        ).fetchone()[0]
    assert re.fullmatch(r"SA-\d{8}-001", number) and by == "system" and value > 0
    assert stocked == products == len(opening) > 100
    assert {(kind, ref) for _, kind, ref in opening} == {("opening", number)}
    assert sealed == 1
    for command in (("audit", "verify"), ("stock", "check")):
        done = run(tmp_path, "--db", str(demo_file), *command)
        assert done.returncode == 0, done.stdout + done.stderr


def test_demo_database_passes_the_stock_check(demo_file: Path, tmp_path: Path) -> None:
    done = run(tmp_path, "--db", str(demo_file), "stock", "check")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Stok 113 barang sama dengan jumlah mutasinya."


def test_demo_again_rebuilds_a_demo_database(demo_db: Path, runner: CliRunner) -> None:
    assert sum(sales_by_day(demo_db).values()) > 0
    result = invoke(runner, "--db", str(demo_db), "demo", "--days", "0")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        f"Database demo siap di {demo_db}: 113 barang, 45 anggota, 0 penjualan dalam 0 hari."
    )
    assert sales_by_day(demo_db) == {}
    assert count(demo_db, "product") == 113  # rebuilt, not loaded twice
    assert count(demo_db, "member") == 45


def test_demo_refuses_a_database_with_real_data(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "toko.db"
    assert invoke(runner, "--db", str(path), "db", "upgrade").exit_code == 0
    products = tmp_path / "produk.csv"
    products.write_text(
        "code,name,category,unit,price,stock\nTOKO-1,Beras Toko,Beras,kg,13000,50\n", "utf-8"
    )
    imported = invoke(runner, "--db", str(path), "products", "import", str(products))
    assert imported.exit_code == 0, imported.output
    before = path.read_bytes()
    line = one_line_error(invoke(runner, "--db", str(path), "demo", "--days", "0"))
    assert str(path) in line and "bukan demo" in line
    assert path.read_bytes() == before
    assert count(path, "product") == 1


def test_demo_never_deletes_another_programs_sqlite_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "lain.db"
    with closing(sqlite3.connect(path)) as raw:
        raw.execute("CREATE TABLE catatan (isi TEXT)")
        raw.execute("INSERT INTO catatan VALUES ('jangan dihapus')")
        raw.commit()
    before = path.read_bytes()
    line = one_line_error(invoke(runner, "--db", str(path), "demo", "--days", "0"))
    assert "bukan database gerai" in line
    assert path.read_bytes() == before


def test_demo_never_deletes_a_file_that_is_not_a_database(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "acak.db"
    path.write_bytes(os.urandom(4096))
    before = path.read_bytes()
    one_line_error(invoke(runner, "--db", str(path), "demo", "--days", "0"))
    assert path.read_bytes() == before


def test_demo_on_a_blank_file_builds_the_demo(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "kosong.db"
    path.touch()
    result = invoke(runner, "--db", str(path), "demo", "--days", "0")
    assert result.exit_code == 0, result.output
    assert count(path, "product") == 113


# --- report daily --------------------------------------------------------------------------


def service_summary(path: Path, day: date) -> dict[str, object]:
    database = Database(f"sqlite:///{path}")
    try:
        with database.read() as session:
            return daily_summary(session, day, load_shop(session)).as_dict()
    finally:
        database.dispose()


def test_report_daily_json_equals_the_service(demo_file: Path, tmp_path: Path) -> None:
    days = sorted(sales_by_day(demo_file))
    done = run(
        tmp_path, "--db", str(demo_file), "report", "daily", "--date", days[0], "--format", "json"
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report == service_summary(demo_file, date.fromisoformat(days[0]))
    assert report["date"] == days[0]
    assert report["timezone"] == "Asia/Makassar"


@pytest.mark.parametrize("which", [0, 1])
def test_report_daily_numbers_are_consistent(
    demo_file: Path, runner: CliRunner, which: int
) -> None:
    day = sorted(sales_by_day(demo_file))[which]
    result = invoke(
        runner, "--db", str(demo_file), "report", "daily", "--date", day, "--format", "json"
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report == service_summary(demo_file, date.fromisoformat(day))
    assert report["sales_count"] == sales_by_day(demo_file, completed=True)[day] > 0
    assert report["net"] == (
        report["gross"] - report["member_discount"] - report["manual_discount"] + report["rounding"]
    )
    assert sum(report["payments"].values()) == report["net"]
    assert set(report["payments"]) == {"tunai", "qris", "transfer", "kasbon"}
    assert report["member"]["net"] + report["non_member"]["net"] == report["net"]
    assert report["member"]["count"] + report["non_member"]["count"] == report["sales_count"]
    assert report["member_discount"] > 0 and report["member"]["count"] > 0
    assert report["average_basket"] == report["net"] // report["sales_count"]
    with closing(sqlite3.connect(demo_file)) as raw:  # the same figures straight from the file
        gross, discount, net = raw.execute(
            "SELECT sum(gross), sum(member_discount), sum(total) FROM sale "
            "WHERE business_date = ? AND status = ?",  # a voided sale leaves the figures
            (day, SaleStatus.COMPLETED),
        ).fetchone()
        lines_total = raw.execute(
            "SELECT sum(l.line_total) FROM saleline l JOIN sale s ON s.id = l.sale_id "
            "WHERE s.business_date = ? AND s.status = ?",
            (day, SaleStatus.COMPLETED),
        ).fetchone()[0]
        kasbon_by_non_member = raw.execute(
            "SELECT count(*) FROM payment p JOIN sale s ON s.id = p.sale_id "
            "WHERE p.method = 'kasbon' AND s.member_id IS NULL"
        ).fetchone()[0]
    assert (gross, discount, net) == (
        report["gross"],
        report["member_discount"],
        report["net"],
    )
    assert lines_total == net
    assert kasbon_by_non_member == 0


def test_report_daily_csv_holds_the_same_numbers(demo_file: Path, runner: CliRunner) -> None:
    day = sorted(sales_by_day(demo_file))[1]
    as_json = invoke(
        runner, "--db", str(demo_file), "report", "daily", "--date", day, "--format", "json"
    )
    as_csv = invoke(
        runner, "--db", str(demo_file), "report", "daily", "--date", day, "--format", "csv"
    )
    assert as_json.exit_code == as_csv.exit_code == 0
    report = json.loads(as_json.stdout)
    rows = {
        (r["section"], r["row"], r["field"]): r["value"]
        for r in csv.DictReader(io.StringIO(as_csv.stdout))
    }
    assert rows["summary", "1", "net"] == str(report["net"])
    assert rows["payments", "1", "method"] == "tunai"
    assert rows["payments", "1", "amount"] == str(report["payments"]["tunai"])
    assert rows["buyers", "1", "net"] == str(report["member"]["net"])
    assert rows["summary", "1", "date"] == day


def test_report_daily_to_a_file(demo_file: Path, runner: CliRunner, tmp_path: Path) -> None:
    day = sorted(sales_by_day(demo_file))[0]
    target = tmp_path / "laporan.json"
    result = invoke(
        runner, "--db", str(demo_file), "report", "daily", "--date", day, "--output", str(target)
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.strip() == str(target)
    assert json.loads(target.read_text("utf-8")) == service_summary(
        demo_file, date.fromisoformat(day)
    )
    assert not list(tmp_path.glob(".gerai-*"))  # no temporary file left behind


def test_report_daily_for_today_without_sales(demo_file: Path, runner: CliRunner) -> None:
    result = invoke(runner, "--db", str(demo_file), "report", "daily", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["sales_count"] == 0 and report["net"] == 0 and report["average_basket"] == 0
    assert report["date"] not in sales_by_day(demo_file)


@pytest.mark.parametrize("value", ["2025-13-01", "kemarin", "30-11-2025", "2025-02-30", ""])
def test_report_daily_refuses_a_bad_date(demo_file: Path, runner: CliRunner, value: str) -> None:
    result = invoke(runner, "--db", str(demo_file), "report", "daily", "--date", value)
    line = one_line_error(result)
    assert f"'{value}' tidak sah" in line and "YYYY-MM-DD" in line
    assert result.stdout == ""


def test_report_daily_refuses_a_future_date(demo_file: Path, tmp_path: Path) -> None:
    done = run(tmp_path, "--db", str(demo_file), "report", "daily", "--date", "2999-01-01")
    assert one_line_error(done) == "Galat: Tanggal 2999-01-01 belum terjadi."
    assert done.stdout == ""


def test_report_daily_bad_date_in_english(demo_file: Path, tmp_path: Path) -> None:
    done = run(tmp_path, "--lang", "en", "--db", str(demo_file), "report", "daily", "--date", "x")
    line = one_line_error(done, prefix="Error: ")
    assert line == "Error: Date 'x' is not valid; use YYYY-MM-DD, e.g. 2025-11-30."


# --- stock check ---------------------------------------------------------------------------


def test_stock_check_names_a_tampered_product(demo_db: Path, runner: CliRunner) -> None:
    good = invoke(runner, "--db", str(demo_db), "stock", "check")
    assert good.exit_code == 0
    assert good.stdout.strip() == "Stok 113 barang sama dengan jumlah mutasinya."
    with closing(sqlite3.connect(demo_db)) as raw:
        raw.execute("UPDATE product SET stock = stock + 1500 WHERE code = 'GLA-KG'")
        raw.commit()
    bad = invoke(runner, "--db", str(demo_db), "stock", "check")
    assert bad.exit_code == 1
    assert isinstance(bad.exception, SystemExit)
    [line] = bad.stderr.strip().splitlines()
    assert line.startswith("GLA-KG Gula Pasir Curah") or line.startswith("GLA-KG ")
    assert "stok" in line and "jumlah mutasi" in line
    assert bad.stdout == ""


def test_stock_check_exit_code_through_the_real_script(demo_db: Path, tmp_path: Path) -> None:
    with closing(sqlite3.connect(demo_db)) as raw:
        raw.execute("UPDATE product SET stock = 0 WHERE code = 'BRS-SPHP5'")
        raw.commit()
    done = run(tmp_path, "--db", str(demo_db), "stock", "check")
    assert done.returncode == 1
    assert "BRS-SPHP5" in done.stderr and "Traceback" not in done.stderr


# --- export to stdout and to files ---------------------------------------------------------


def test_products_export_to_stdout(demo_file: Path, tmp_path: Path) -> None:
    done = run(tmp_path, "--db", str(demo_file), "products", "export", "--output", "-")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == 113
    assert done.stdout.splitlines()[0].startswith("code,barcodes,name,category,unit,")
    assert {r["code"] for r in rows} >= {"BRS-SPHP5", "LPG-3KG"}


def test_members_export_json_to_stdout(demo_file: Path, runner: CliRunner) -> None:
    result = invoke(
        runner, "--db", str(demo_file), "members", "export", "--format", "json", "--output", "-"
    )
    assert result.exit_code == 0, result.output
    members = json.loads(result.stdout)
    assert len(members) == 45 and members[0]["number"] == "KKMP-0001"


def test_export_into_a_missing_folder_is_refused(
    demo_file: Path, runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "tidak" / "ada" / "produk.csv"
    result = invoke(runner, "--db", str(demo_file), "products", "export", "--output", str(target))
    line = one_line_error(result)
    assert str(target) in line and "tidak bisa ditulis" in line
    assert not target.parent.exists()


def test_export_default_file_name(
    demo_file: Path, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "--db", str(demo_file), "products", "export", "--format", "xlsx")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == "produk.xlsx"
    assert (tmp_path / "produk.xlsx").stat().st_size > 1000


# --- databases that cannot be used ---------------------------------------------------------


def test_missing_database(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "tidak-ada.db"
    line = one_line_error(invoke(runner, "--db", str(path), "stock", "check"))
    assert line == (
        f"Galat: Database {path} tidak ada. Buat dengan 'gerai demo' atau 'gerai db upgrade'."
    )
    assert not path.exists()  # looking did not create it


def test_missing_database_in_english(tmp_path: Path) -> None:
    path = tmp_path / "none.db"
    done = run(tmp_path, "--lang", "en", "--db", str(path), "products", "export")
    line = one_line_error(done, prefix="Error: ")
    assert line == (
        f"Error: Database {path} does not exist. Create it with 'gerai demo' or 'gerai db upgrade'."
    )


def test_language_from_the_environment(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "none.db"
    result = runner.invoke(main, ["--db", str(path), "stock", "check"], env={"GERAI_LANG": "en"})
    assert one_line_error(result, prefix="Error: ").endswith("'gerai db upgrade'.")


def test_sqlite_file_of_another_program(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "lain.db"
    with closing(sqlite3.connect(path)) as raw:
        raw.execute("CREATE TABLE t (x)")
        raw.commit()
    for args in (["stock", "check"], ["report", "daily"], ["products", "export", "--output", "-"]):
        line = one_line_error(invoke(runner, "--db", str(path), *args))
        assert line == f"Galat: {path} bukan database gerai."


def test_file_that_is_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "acak.db"
    path.write_bytes(os.urandom(8192))
    done = run(tmp_path, "--db", str(path), "stock", "check")
    assert one_line_error(done) == f"Galat: {path} bukan database gerai."
    done = run(tmp_path, "--lang", "en", "--db", str(path), "report", "daily", module=True)
    assert one_line_error(done, prefix="Error: ") == f"Error: {path} is not a gerai database."


def test_read_only_database(demo_db: Path, runner: CliRunner, tmp_path: Path) -> None:
    """Opened read-only (SQLite URI `mode=ro`, which refuses writes even to root): reading
    works, writing is refused with a clear message and changes nothing."""
    url = f"sqlite:///file:{demo_db}?mode=ro&uri=true"
    checked = invoke(runner, "--db", url, "stock", "check")
    assert checked.exit_code == 0, checked.output
    products = tmp_path / "produk.csv"
    products.write_text("code,name,category,unit,price\nRO-1,Baru,Beras,kg,1000\n", "utf-8")
    before = count(demo_db, "product")
    line = one_line_error(invoke(runner, "--db", url, "products", "import", str(products)))
    assert line == f"Galat: Database {demo_db} hanya-baca; tidak bisa menyimpan. Periksa izin file."
    assert count(demo_db, "product") == before


def test_locked_database(
    demo_db: Path, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another till holds the write lock for longer than the busy timeout."""
    monkeypatch.setattr(gerai.db, "BUSY_TIMEOUT_MS", 200)
    products = tmp_path / "produk.csv"
    products.write_text("code,name,category,unit,price\nLK-1,Baru,Beras,kg,1000\n", "utf-8")
    before = count(demo_db, "product")
    holder = sqlite3.connect(demo_db, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        result = invoke(runner, "--db", str(demo_db), "products", "import", str(products))
        elapsed = time.monotonic() - started
        line = one_line_error(result)
        assert line == (
            f"Galat: Database {demo_db} sedang dipakai kasir lain terlalu lama; coba lagi. "
            "Tidak ada yang hilang."
        )
        assert elapsed < 5
        # reading is not blocked by a writer (WAL)
        assert invoke(runner, "--db", str(demo_db), "stock", "check").exit_code == 0
    finally:
        holder.rollback()
        holder.close()
    assert count(demo_db, "product") == before
    again = invoke(runner, "--db", str(demo_db), "products", "import", str(products))
    assert again.exit_code == 0, again.output
    assert count(demo_db, "product") == before + 1


def test_outdated_database(demo_db: Path, runner: CliRunner) -> None:
    with closing(sqlite3.connect(demo_db)) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0000'")
        raw.commit()
    line = one_line_error(invoke(runner, "--db", str(demo_db), "stock", "check"))
    assert "0000" in line and "gerai db upgrade" in line


def test_db_upgrade_creates_a_database_in_a_new_folder(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "baru" / "toko.db"
    result = invoke(runner, "--db", str(path), "db", "upgrade")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        f"Database {path} sudah versi terbaru ({gerai.db.SCHEMA_REVISION})."
    )
    again = invoke(runner, "--db", str(path), "db", "upgrade")
    assert again.exit_code == 0
    assert invoke(runner, "--db", str(path), "stock", "check").stdout.strip() == (
        "Stok 0 barang sama dengan jumlah mutasinya."
    )


def test_db_upgrade_where_nothing_can_be_created(runner: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")
    line = one_line_error(invoke(runner, "--db", str(blocker / "toko.db"), "db", "upgrade"))
    assert "tidak bisa dibuat" in line


def test_database_from_the_environment(demo_file: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["stock", "check"], env={"GERAI_DB": str(demo_file)})
    assert result.exit_code == 0, result.output


# --- settings file -------------------------------------------------------------------------


def test_settings_file_gives_the_database_and_language(
    demo_file: Path, runner: CliRunner, tmp_path: Path
) -> None:
    config = tmp_path / "gerai.toml"
    config.write_text(f'db = "{demo_file}"\nlang = "en"\n', "utf-8")
    result = invoke(runner, "--config", str(config), "stock", "check")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        "The stock of all 113 products equals the sum of their movements."
    )


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("db = [1, 2", "tidak bisa dibaca"),
        ('lang = "fr"', "Bahasa 'fr' tidak dikenal"),
        ("db = 5", "harus berupa teks"),
        ('till = "KASIR SATU"', "Kode kasir"),
    ],
)
def test_bad_settings_file(runner: CliRunner, tmp_path: Path, content: str, needle: str) -> None:
    config = tmp_path / "gerai.toml"
    config.write_text(content, "utf-8")
    line = one_line_error(invoke(runner, "--config", str(config), "stock", "check"))
    assert needle in line


def test_missing_settings_file(runner: CliRunner, tmp_path: Path) -> None:
    line = one_line_error(invoke(runner, "--config", str(tmp_path / "x.toml"), "stock", "check"))
    assert "tidak ada" in line


# --- usage errors and help -----------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["tidak-ada"],
        ["products", "export", "--format", "pdf"],
        ["demo", "--days", "-1"],
        ["demo", "--days", "abc"],
        ["--lang", "fr", "stock", "check"],
        ["products", "import"],
        ["report", "daily", "--bogus"],
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, tmp_path: Path, args: list[str]) -> None:
    result = invoke(runner, "--db", str(tmp_path / "x.db"), *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.db").exists()


def test_usage_error_through_the_real_script(tmp_path: Path) -> None:
    done = run(tmp_path, "products", "export", "--format", "pdf")
    assert done.returncode == 2
    assert "pdf" in done.stderr and "Traceback" not in done.stderr


def test_help_and_version(tmp_path: Path) -> None:
    done = run(tmp_path, "--help", module=True)
    assert done.returncode == 0
    for command in ("demo", "products", "members", "report", "stock", "db", "run"):
        assert command in done.stdout
    version = run(tmp_path, "--version")
    assert version.returncode == 0 and "0.1.0" in version.stdout


def test_console_script_is_installed() -> None:
    assert GERAI.exists() or shutil.which("gerai")
