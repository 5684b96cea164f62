"""`gerai po create|list|show|cancel` (issue 17): an order by hand and from the reorder
suggestions, the list, the order as text for WhatsApp, as JSON and as an A4 PDF read back;
bad input one clear line, exit 1, nothing written."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from gerai.cli import main
from gerai.db import Database
from gerai.models import utcnow
from gerai.services.shop.profile import ShopProfile
from tests.conftest import raw
from tests.stock_helpers import snapshot, supplier
from tests.test_reorder import BULOG, history


def po(runner: CliRunner, db: Database, *args: str) -> str:
    result = runner.invoke(main, ["--db", db.url, "po", *args])
    assert result.exit_code == 0, result.output
    return result.output


def refused(runner: CliRunner, db: Database, *args: str) -> str:
    result = runner.invoke(main, ["--db", db.url, "po", *args])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.output


def test_create_by_hand_list_show_and_cancel(
    db: Database, runner: CliRunner, tmp_path: Path
) -> None:
    supplier(db, BULOG)
    made = po(
        runner, db, "create", "--supplier", "bulog sub divre bone", "--note", "kirim Senin",
        "MYK-1L:2:karton=40:560000", "GLA-KG:12,5",
    )  # fmt: skip
    number = raw(db, "SELECT number FROM purchaseorder")[0][0]
    assert made == f"Pesanan {number} ke {BULOG}: 2 barang.\n"
    listed = po(runner, db, "list").splitlines()
    assert number in listed[0] and "terbuka" in listed[0] and "Rp1.120.000" in listed[0]
    assert listed[-1] == "1 pesanan."
    shown = po(runner, db, "show", number).splitlines()
    assert shown[0] == f"{number} · {BULOG} · terbuka"
    assert shown[1].startswith("1. MYK-1L ")
    assert "2 karton = 80 pcs; diterima 0 pcs, sisa 80 pcs" in shown[1]
    text = po(runner, db, "show", number, "--text")
    assert text.startswith(f"*PESANAN PEMBELIAN {number}*\n")
    assert f"Kepada: {BULOG}\n" in text
    assert "(MYK-1L): 2 karton (80 pcs) @ Rp560.000 = Rp1.120.000\n" in text
    assert "(GLA-KG): 12,5 kg\n" in text
    assert "*Total: Rp1.120.000*\n" in text and "Catatan: kirim Senin\n" in text
    data = json.loads(po(runner, db, "show", number, "--json"))
    assert data["number"] == number and data["status"] == "open" and data["total"] == 1_120_000
    assert [(x["code"], x["packs"], x["ordered"], x["open"]) for x in data["lines"]] == [
        ("MYK-1L", "2", "80", "80"),
        ("GLA-KG", "12.5", "12.5", "12.5"),
    ]
    pdf = tmp_path / "po.pdf"
    po(runner, db, "show", number, "--pdf", str(pdf))
    page = PdfReader(pdf).pages[0].extract_text()
    for expected in ("PESANAN PEMBELIAN", number, BULOG, "MYK-1L", "2 karton", "80 pcs",
                     "Rp560.000", "Rp1.120.000", "12,5 kg", "Catatan: kirim Senin"):  # fmt: skip
        assert expected in page, expected
    assert po(runner, db, "cancel", number, "--reason", "harga naik") == (
        f"Pesanan {number} dibatalkan.\n"
    )
    assert "dibatalkan" in po(runner, db, "list", "--status", "cancelled")
    assert po(runner, db, "list", "--status", "open").splitlines() == ["0 pesanan."]


def test_create_from_reorder(db: Database, shop: ShopProfile, runner: CliRunner) -> None:
    history(db, shop, utcnow() + timedelta(minutes=1))
    made = po(runner, db, "create", "--from-reorder", "--lead-days", "10", "--safety-days", "4")
    assert made.startswith("Pesanan ") and f"ke {BULOG}: 1 barang." in made
    assert raw(db, "SELECT qty, factor, unit_cost FROM purchaseorderline") == [
        (80_000, 40_000, 560_000)
    ]
    again = refused(
        runner, db, "create", "--from-reorder", "--lead-days", "10", "--safety-days", "4"
    )
    assert "Tidak ada barang dengan pemasok yang perlu dipesan" in again


def test_bad_input_one_line_nothing_written(db: Database, runner: CliRunner) -> None:
    supplier(db, BULOG)
    before = snapshot(db)
    cases = [
        (["create", "--supplier", "Toko Antah", "MYK-1L:1"], "Tidak ada pemasok aktif"),
        (["create", "--supplier", BULOG, "MTN-L:1"], "tidak aktif"),
        (["create", "--supplier", BULOG, "MYK-1L:0"], "lebih dari 0"),
        (["create", "--supplier", BULOG, "MYK-1L"], "KODE:JUMLAH"),
        (["create", "--supplier", BULOG], "belum punya baris"),
        (["create", "MYK-1L:1"], "--supplier"),
        (["create", "--from-reorder", "--supplier", BULOG], "--from-reorder"),
        (["show", "K1-20251130-PO404", "--text", "--json"], "--pdf, --text"),
        (["show", "K1-20251130-PO404"], "Tidak ada pesanan pembelian"),
        (["cancel", "K1-20251130-PO404"], "Tidak ada pesanan pembelian"),
    ]
    for args, words in cases:
        output = refused(runner, db, *args)
        assert words in output, (args, output)
        assert output.strip().count("\n") == 0, output
    assert snapshot(db) == before


def test_a_partly_received_order_shows_received_and_open(
    db: Database, runner: CliRunner, tmp_path: Path
) -> None:
    from gerai.printing import PrintQueue
    from gerai.services.stock.receiving import ReceiveLine
    from gerai.settings import Settings
    from gerai.till import Till
    from tests.conftest import NOW, OWNER

    supplier(db, BULOG)
    po(runner, db, "create", "--supplier", BULOG, "MYK-1L:2:karton=40:560000", "GLA-KG:10")
    number = raw(db, "SELECT number FROM purchaseorder")[0][0]
    settings = Settings(db_url=db.url, printer="none")
    till = Till(settings, db, PrintQueue(db, settings, lambda: NOW), lambda: NOW, OWNER)
    receipt, _ = till.receive_order(number, "SJ-5", [ReceiveLine("MYK-1L", "50", "14000")], None)
    shown = po(runner, db, "show", number).splitlines()
    assert shown[0].endswith("· diterima sebagian")
    assert shown[1].endswith("2 karton = 80 pcs; diterima 50 pcs, sisa 30 pcs")
    assert shown[2].endswith("10 kg = 10 kg; diterima 0 kg, sisa 10 kg")
    data = json.loads(po(runner, db, "show", number, "--json"))
    assert data["status"] == "partly_received" and data["receipts"] == [receipt.number]
    assert [(x["received"], x["open"]) for x in data["lines"]] == [("50", "30"), ("0", "10")]
    pdf = tmp_path / "po.pdf"
    po(runner, db, "show", number, "--pdf", str(pdf))
    page = PdfReader(pdf).pages[0].extract_text()
    for expected in ("Diterima", "Sisa", "50 pcs", "30 pcs", "diterima sebagian", receipt.number):
        assert expected in page, expected
