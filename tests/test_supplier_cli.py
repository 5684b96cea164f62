"""`gerai supplier owed|pay|terms` (issue 17): what the gerai owes its suppliers in text, JSON,
CSV and XLSX; a receipt's terms and payments from the command line; bad input a one-line
message and exit code 1, nothing written."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook

from gerai.cli import main
from gerai.db import Database
from tests.conftest import raw
from tests.stock_helpers import supplier
from tests.test_supplier_debts import fill_kas, receive
from tests.xlsx_tables import records


def cli(runner: CliRunner, db: Database, *args: str) -> Result:
    return runner.invoke(main, ["--db", db.url, "supplier", *args])


def ok(result: Result) -> str:
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def owing(db: Database, runner: CliRunner) -> tuple[str, str]:
    """Bulog delivered twice on credit (Rp140.000 and Rp150.000); the kas holds Rp400.000."""
    fill_kas(db, 400_000)
    bulog = supplier(db)
    first, second = receive(db, bulog, 14_000, "SJ-1"), receive(db, bulog, 15_000, "SJ-2")
    ok(cli(runner, db, "terms", first, "--later"))
    ok(cli(runner, db, "terms", second, "--later", "--due", "2025-12-05"))
    return first, second


def test_terms_and_payments_from_the_command_line(
    db: Database, runner: CliRunner, owing: tuple[str, str]
) -> None:
    first, second = owing
    paid = ok(cli(runner, db, "pay", "bulog", "50.000", "--method", "cash", "--receipt", second))
    assert "Rp50.000" in paid and "Rp240.000" in paid
    paid = ok(
        cli(runner, db, "pay", "Bulog Sub Divre Bone", "40000", "--method", "transfer",
            "--reference", "BRI 0042")
    )  # fmt: skip
    assert "Rp200.000" in paid
    assert raw(db, "SELECT amount, method, reference FROM supplierpayment ORDER BY id") == [
        (50_000, "tunai", ""), (40_000, "transfer", "BRI 0042")
    ]  # fmt: skip
    third = receive(db, supplier(db, "UD Sumber Rejeki"), 10_000, "SJ-3")
    late = cli(runner, db, "terms", third, "--later", "--due", "besok")
    assert late.exit_code == 1 and "'besok' bukan tanggal" in late.output
    done = ok(cli(runner, db, "terms", third, "--now", "--method", "cash"))
    assert "Rp100.000" in done
    assert raw(db, "SELECT amount FROM kasentry WHERE kind = 'bayar_pemasok' ORDER BY id") == [
        (50_000,), (100_000,)
    ]  # fmt: skip
    text = ok(cli(runner, db, "owed"))
    assert "Bulog Sub Divre Bone" in text and "Rp200.000" in text
    assert first in text and second in text and "Sumber" not in text.split("\n")[0]


def test_owed_in_every_format(
    db: Database, runner: CliRunner, owing: tuple[str, str], tmp_path: Path
) -> None:
    first, second = owing
    document = json.loads(ok(cli(runner, db, "owed", "--format", "json")))
    assert document["total_owed"] == 290_000
    (bulog,) = document["suppliers"]
    assert bulog["owed"] == 290_000
    assert sum(bulog[k] for k in ("aging_0_30", "aging_31_60", "aging_61_90", "aging_over_90")) == (
        290_000
    )
    assert [r["number"] for r in bulog["receipts"]] == [second, first]
    assert bulog["receipts"][0] == {
        "number": second, "received": "2025-11-30", "due": "2025-12-05", "total": 150_000,
        "owed": 150_000,
    }  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(ok(cli(runner, db, "owed", "--format", "csv")))))
    assert rows[0]["supplier"] == "Bulog Sub Divre Bone" and rows[0]["owed"] == "290000"
    assert rows[0]["receipts"] == f"{second} {first}"
    target = tmp_path / "hutang.xlsx"
    ok(cli(runner, db, "owed", "--format", "xlsx", "--output", str(target)))
    (row,) = records(load_workbook(target).active)
    assert row["Pemasok"] == "Bulog Sub Divre Bone" and row["Hutang"] == 290_000


BAD = [
    (("pay", "Toko Hantu", "1000", "--method", "cash"), "Toko Hantu"),
    (("pay", "bulog", "lima ribu", "--method", "cash"), "lima ribu"),
    (("pay", "bulog", "-5000", "--method", "cash"), "negatif"),
    (("pay", "bulog", "290.001", "--method", "cash"), "Rp290.000"),
    (("pay", "bulog", "1000", "--method", "transfer"), "referensi"),
    (("pay", "bulog", "1000", "--method", "cash", "--receipt", "BM-X"), "BM-X"),
    (("terms", "BM-20251130-001"), "--now"),
    (("terms", "BM-20251130-001", "--later"), "sudah"),
]


@pytest.mark.parametrize(("args", "said"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_is_one_clear_line(
    db: Database, runner: CliRunner, owing: tuple[str, str], args: tuple[str, ...], said: str
) -> None:
    before = raw(db, "SELECT count(*) FROM supplierpayment UNION ALL SELECT count(*) FROM kasentry")
    result = cli(runner, db, *args)
    assert result.exit_code == 1, result.output
    assert said in result.output and "Traceback" not in result.output
    after = raw(db, "SELECT count(*) FROM supplierpayment UNION ALL SELECT count(*) FROM kasentry")
    assert after == before
