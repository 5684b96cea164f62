"""The daily report's exports and their commands: the PDF read back as text (pypdf) holds every
figure of the JSON, as the PDF prints it, and no others; no text leaves its cell or the page;
CSV and XLSX hold the JSON's figures; the buku kas's running Saldo adds up; `gerai report daily`
and `gerai report cashbook` write whole files or fail with one clear line."""

from __future__ import annotations

import copy
import csv
import io
import itertools
import json
import re
import subprocess
import sys
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import copy_database
from openpyxl import load_workbook
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from shop_day import DAY, at, close, fill, give_back, move, open_till, sell, void
from sqlalchemy import update
from xlsx_tables import banner_and_table, numeric, same
from xlsx_tables import records as records_of

from gerai.cli import main
from gerai.core.i18n import set_language, t
from gerai.core.money import format_number, format_rupiah
from gerai.core.phrases import METHOD
from gerai.core.quantity import format_quantity
from gerai.core.timefmt import format_date
from gerai.core.words import Role
from gerai.db import Database
from gerai.exports.cashbook import cashbook_csv, cashbook_entries, cashbook_xlsx
from gerai.exports.daily_pdf import daily_pdf
from gerai.exports.daily_tables import COLUMNS, daily_csv, daily_xlsx
from gerai.exports.pdf_kit import MARGIN, PAGE_WIDTH
from gerai.exports.people import heading, sheet_name
from gerai.models import Product
from gerai.services.reports.cashbook import CashBookDay, cashbook_day
from gerai.services.reports.daily import DailySummary, daily_summary
from gerai.services.sale.checkout import Tender
from gerai.services.shop.auth import SYSTEM, create_user
from gerai.services.shop.profile import ShopProfile, load_shop
from gerai.tabular import RUPIAH_FORMAT

PRINTED = datetime(2025, 12, 1, 1, 5, tzinfo=at(0).tzinfo)
LONG_NAME = "Minyakita 1 L Pouch & <Isi Ulang> " + " ".join(["Kemasan Hemat Untuk Warung"] * 3)
EVE = date(2025, 11, 29)
LONG_REASON = "uang kembalian kurang karena " + " ".join(["pecahan receh habis di pasar"] * 3)
METHOD_LABELS = {"tunai": "Tunai", "qris": "QRIS", "transfer": "Transfer", "kasbon": "Kasbon"}


@pytest.fixture(scope="module")
def busy_file(catalogue_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A busy day on three tills: K1 closed short with a long reason, K2 closed exactly, K3
    still open; members and non-members, every payment method, cash in and out, a void, a
    kasbon retur and a cash retur of damaged goods, a product with a long name holding `&` and
    `<`, and sales on the days either side."""
    path = tmp_path_factory.mktemp("busy") / "gerai.db"
    copy_database(catalogue_file, path)
    db = Database(f"sqlite:///{path}")
    with db.write() as session:
        session.execute(update(Product).where(Product.code == "MYK-1L").values(name=LONG_NAME))  # type: ignore[arg-type]
        for name in ("rahma", "andi"):  # the kasirs of K2 and K3 (the acting user must exist)
            create_user(
                session, SYSTEM, name, Role.KASIR, "4321", now=at(6, day=date(2025, 11, 29))
            )
    eve = open_till(db, "K1", 100_000, at(20, day=date(2025, 11, 29)))
    sell(db, "K1", fill(db, [("IDM-GRG", Decimal(4))]), at(23, 59, day=date(2025, 11, 29)))
    close(db, eve, 100_000 + 14_000, "", at(23, 59, 30, day=date(2025, 11, 29)))
    k1 = open_till(db, "K1", 500_000, at(6, 45))
    k2 = open_till(db, "K2", 300_000, at(7), by="rahma")
    plan = [
        ("K1", [("BRS-SPHP5", "2"), ("MYK-1L", "3")], False, "tunai", 7, 5),
        ("K2", [("BRS-MED-KG", "2.5"), ("TLR-KG", "1.25")], True, "tunai", 7, 40),
        ("K1", [("IDM-GRG", "10")], True, "qris", 8, 10),
        ("K1", [("MYK-1L", "12")], True, "kasbon", 9, 0),
        ("K2", [("CBR-KG", "3.5"), ("AQA-600", "6")], False, "transfer", 10, 30),
        ("K1", [("GLA-1KG", "2"), ("TPG-SGB1", "1")], False, "tunai", 12, 15),
        ("K2", [("BRS-PRM5", "1")], True, "split", 16, 5),
        ("K1", [("MYK-2L", "2"), ("TLR-RAK", "1")], False, "tunai", 17, 20),
        ("K2", [("BRS-MED5", "1")], False, "tunai", 18, 45),
        ("K1", [("MYK-5L", "1")], True, "tunai", 19, 50),
    ]
    sold = []
    for till, items, member, method, hour, minute in plan:
        cart = fill(db, [(code, Decimal(qty)) for code, qty in items], member=member)
        total = cart.totals().total
        tenders = {
            "tunai": [Tender("tunai", -(-total // 50_000) * 50_000)],
            "split": [Tender("qris", total // 2), Tender("tunai", None)],
        }.get(method, [Tender(method)])
        sold.append(
            sell(
                db, till, cart, at(hour, minute), tenders,
                cashier="rahma" if till == "K2" else "kasir",
            )
        )  # fmt: skip
    give_back(db, "K1", sold[3].receipt_no, [(1, Decimal(2), False)], at(10, 5), "kasbon")
    give_back(db, "K1", sold[0].receipt_no, [(2, Decimal(1), True)], at(12, 40))
    void(db, sell(db, "K2", fill(db, [("AQA-600", Decimal(2))]), at(11, 11)).receipt_no)
    move(db, "K1", "in", 100_000, "tambah uang kecil dari bendahara", at(9, 30))
    move(db, "K1", "out", 25_000, "beli kantong plastik & lakban", at(13, 5))
    move(db, "K2", "out", 40_000, "bayar ongkos angkut Bulog", at(15, 0))
    with db.read() as session:
        shop = load_shop(session)
        shifts = {s.till: s for s in daily_summary(session, DAY, shop).shifts}
    expected_k1, expected_k2 = shifts["K1"].expected_cash, shifts["K2"].expected_cash
    close(db, k1, expected_k1 - expected_k1 % 100 - 1_500, LONG_REASON, at(21, 15))
    if expected_k2 % 100:  # the coins below Rp100 that K2 cannot count
        move(db, "K2", "in", 100 - expected_k2 % 100, "genapkan uang receh", at(21, 10))
    close(db, k2, expected_k2 - expected_k2 % 100 + 100 * bool(expected_k2 % 100), "", at(21, 20))
    k3 = open_till(db, "K3", 0, at(15, 30), by="andi")
    sell(db, "K3", fill(db, [("IDM-GRG", Decimal(2))]), at(16))
    sell(db, "K3", fill(db, [("IDM-GRG", Decimal(1))]), at(0, 30, day=date(2025, 12, 1)))
    assert k3
    db.dispose()
    return path


@pytest.fixture(scope="module")
def busy(busy_file: Path) -> tuple[DailySummary, ShopProfile]:
    database = Database(f"sqlite:///{busy_file}")
    try:
        with database.read() as session:
            shop = load_shop(session)
            return daily_summary(session, DAY, shop), shop
    finally:
        database.dispose()


@pytest.fixture(scope="module")
def busy_json(busy: tuple[DailySummary, ShopProfile]) -> dict[str, Any]:
    """The JSON twin, as a consumer reads it."""
    data: dict[str, Any] = json.loads(json.dumps(busy[0].as_dict()))
    return data


def test_the_busy_day_has_what_the_exports_must_show(busy_json: dict[str, Any]) -> None:
    report = busy_json
    assert report["sales_count"] == 11 and len(report["voids"]) == 1
    assert [r["refund_method"] for r in report["returns"]] == ["kasbon", "tunai"]
    assert report["shifts"][0]["refunds"] == report["returns"][1]["total"] > 0
    assert [(s["till"], s["status"]) for s in report["shifts"]] == [
        ("K1", "closed"),
        ("K2", "closed"),
        ("K3", "open"),
    ]
    assert report["shifts"][0]["variance"] < 0 and report["shifts"][1]["variance"] == 0
    assert all(report["payments"][m] > 0 for m in METHOD_LABELS)
    assert report["low_stock"] and len(report["top_items"]) == 10
    assert any(i["name"] == LONG_NAME for i in report["top_items"])


# --- the PDF -----------------------------------------------------------------------------------


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text with all white space as single spaces."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def local_time(stamp: str) -> str:
    return f"{datetime.fromisoformat(stamp):%H.%M} WITA"


def printed_phrases(report: dict[str, Any]) -> list[str]:
    """Every figure of the JSON as the Indonesian PDF prints it, with its label or row."""
    rp = format_rupiah
    percent = report["margin_percent"].replace(".", ",")
    phrases = [
        f"Jumlah transaksi {format_number(report['sales_count'])}",
        f"Penjualan kotor {rp(report['gross'])}",
        f"Diskon anggota {rp(report['member_discount'])}",
        f"Diskon manual {rp(report['manual_discount'])}",
        f"Penjualan bersih {rp(report['net'])}",
        f"Retur (refund) {rp(report['returns_total'])}",
        f"Penjualan bersih setelah retur {rp(report['net_after_returns'])}",
        f"Rata-rata per transaksi {rp(report['average_basket'])}",
        f"HPP (harga pokok penjualan) {rp(report['cost'])}",
        f"HPP barang diretur (kembali) {rp(report['returns_cost'])}",
        f"Laba kotor {rp(report['margin'])} ({percent} %)",
        f"Anggota {report['member']['count']} {rp(report['member']['net'])}",
        f"Bukan anggota {report['non_member']['count']} {rp(report['non_member']['net'])}",
    ]
    phrases += [f"{METHOD_LABELS[m]} {rp(a)}" for m, a in report["payments"].items()]
    phrases += [
        f"{h['hour']:02d}.00 {h['count']} {rp(h['net'])}" for h in report["by_hour"] if h["count"]
    ]
    figures = ("net", "sale_discount", "returns", "cost", "returns_cost", "margin")
    phrases += [" ".join([c["name"], *(rp(c[f]) for f in figures)]) for c in report["categories"]]
    phrases += [
        f"{rank} {i['code']} {' '.join(i['name'].split())} "
        f"{format_quantity(Decimal(i['qty']), i['unit'])} {rp(i['net'])}"
        for rank, i in enumerate(report["top_items"], start=1)
    ]
    shifts = report["shifts"]

    def row(label: str, values: list[str]) -> str:
        return " ".join([label, *values])

    money = [
        ("Modal awal", "opening_cash"),
        ("Penjualan tunai", "cash_sales"),
        ("Kas masuk", "cash_in"),
        ("Kas keluar", "cash_out"),
        ("Refund tunai", "refunds"),
        ("Kas seharusnya", "expected_cash"),
        ("Kas dihitung", "counted_cash"),
        ("Selisih", "variance"),
    ]
    phrases += [
        row(label, ["–" if s[key] is None else rp(s[key]) for s in shifts]) for label, key in money
    ]
    phrases.append(" ".join(f"Kasir {s['till']} · shift #{s['id']}" for s in shifts))
    phrases.append(
        row("Alasan selisih", [" ".join(s["variance_reason"].split()) or "–" for s in shifts])
    )
    phrases += [
        f"{local_time(m['time'])} {s['till']} {'Kas masuk' if m['kind'] == 'in' else 'Kas keluar'} "
        f"{rp(m['amount'])} {m['reason']} {m['by']}"
        for s in shifts
        for m in s["movements"]
    ]
    phrases += [
        f"Batal {v['receipt_no']} {local_time(v['time'])} {v['cashier']} "
        f"{v['by']} / {v['approved_by']} {rp(v['total'])} {v['reason']}"
        for v in report["voids"]
    ]
    phrases += [  # the receipt and retur numbers share a cell, on two lines
        f"{local_time(r['time'])} {r['cashier']} {r['by']} / {r['approved_by']} "
        f"{rp(r['total'])} {r['reason']}"
        for r in report["returns"]
    ]
    phrases += [r["number"] for r in report["returns"]]
    phrases += [
        f"{i['code']} {i['name']} {format_quantity(Decimal(i['stock']), i['unit'])} "
        f"{format_quantity(Decimal(i['reorder_level']), i['unit'])}"
        for i in report["low_stock"]
    ]
    phrases += [  # issue 17: the non-cash payments with their references
        f"{n['receipt_no']} {local_time(n['time'])} {METHOD_LABELS[n['method']]} "
        f"{rp(n['amount'])} {n['reference'] or '–'}"
        for n in report["noncash"]
    ]
    return phrases


def json_amounts(value: Any) -> set[str]:
    """Every whole number in the JSON, formatted as Rupiah."""
    if isinstance(value, dict):
        return set().union(*(json_amounts(v) for v in value.values()), set())
    if isinstance(value, list):
        return set().union(*(json_amounts(v) for v in value), set())
    if isinstance(value, int) and not isinstance(value, bool):
        return {format_rupiah(value)}
    return set()


def test_the_pdf_prints_every_figure_of_the_json(
    busy: tuple[DailySummary, ShopProfile], busy_json: dict[str, Any]
) -> None:
    summary, shop = busy
    data = daily_pdf(summary, shop, PRINTED)
    assert data.startswith(b"%PDF-")
    pages = pdf_pages(data)
    text = " ".join(pages)
    missing = [phrase for phrase in printed_phrases(busy_json) if phrase not in text]
    assert missing == []
    # and no Rupiah amount that the JSON does not hold
    printed = set(re.findall(r"-?Rp[\d.]+\d", text))
    assert printed - json_amounts(busy_json) == set()
    assert len(printed) > 60
    # the header, the page numbers and the signature lines
    assert pages[0].startswith(f"{shop.name} {shop.address}")
    assert "LAPORAN HARIAN 30-11-2025 Zona waktu WITA (Asia/Makassar)" in pages[0]
    assert "Dicetak 01-12-2025 01.05 WITA" in pages[0]
    for number, page in enumerate(pages, start=1):
        assert page.endswith(f"Halaman {number} dari {len(pages)}"), page[-80:]
    assert "Dibuat oleh, Kasir" in text and "Diperiksa oleh, Bendahara" in text
    assert "Mengetahui, Ketua" in text
    assert "Status Ditutup 21.15 WITA Ditutup 21.20 WITA Masih buka" in text
    assert (
        "Ditutup oleh kasir kasir –" in text and "Dikonfirmasi oleh bendahara bendahara –" in text
    )
    assert "Dibuka 06.45 WITA oleh kasir 07.00 WITA oleh rahma 15.30 WITA oleh andi" in text


def collect(
    lines: dict[float, list[tuple[float, float, str]]],
    text: str,
    cm: list[float],
    tm: list[float],
    font: Any,
    size: float,
) -> None:
    """pypdf's text visitor: each piece of text's start and end, by the height of its line."""
    shown = text.strip()
    if shown and font:
        left = cm[4] + tm[4]
        width = stringWidth(shown, str(font["/BaseFont"]).lstrip("/"), size)
        lines[round(cm[5] + tm[5], 1)].append((left, left + width, shown))


def test_no_text_leaves_its_cell_or_the_page(busy: tuple[DailySummary, ShopProfile]) -> None:
    """Every piece of text ends before the next one on its line begins, inside the margins."""
    summary, shop = busy
    reader = PdfReader(io.BytesIO(daily_pdf(summary, shop, PRINTED)))
    pieces = 0
    for page in reader.pages:
        lines: dict[float, list[tuple[float, float, str]]] = defaultdict(list)
        page.extract_text(visitor_text=partial(collect, lines))
        for line in lines.values():
            line.sort()
            for (_, end, shown), (following, _, after) in itertools.pairwise(line):
                assert end <= following + 0.5, (shown, after)
            for start, end, shown in line:
                pieces += 1
                assert start >= MARGIN - 0.5 and end <= PAGE_WIDTH - MARGIN + 0.5, shown
    assert pieces > 300


def test_the_pdf_of_a_day_without_sales(catalogue_db: Database) -> None:
    with catalogue_db.read() as session:
        shop = load_shop(session)
        summary = daily_summary(session, DAY, shop)
    pages = pdf_pages(daily_pdf(summary, shop, PRINTED))
    text = " ".join(pages)
    assert "Tidak ada penjualan pada tanggal ini." in text
    assert "Penjualan bersih Rp0" in text and "Laba kotor Rp0 (– %)" not in text
    assert "Laba kotor Rp0 (–)" in text and "Margin kotor" not in text
    assert "Tidak ada shift yang dibuka." in text
    assert pages[-1].endswith(f"Halaman {len(pages)} dari {len(pages)}")


def test_the_pdf_speaks_english(busy: tuple[DailySummary, ShopProfile]) -> None:
    summary, shop = busy
    set_language("en")
    text = " ".join(pdf_pages(daily_pdf(summary, shop, PRINTED)))
    assert "DAILY REPORT" in text and f"Net sales {format_rupiah(summary.net)}" in text
    assert "Page 1 of" in text and "Halaman" not in text
    assert "Prepared by, Cashier" in text and "Acknowledged by, Chair" in text


# --- CSV and XLSX ---------------------------------------------------------------------------


def sections_of(report: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The JSON cut into the documented sections, independently of the exporter."""
    shifts = report["shifts"]
    return {
        "summary": [{k: v for k, v in report.items() if not isinstance(v, dict | list)}],
        "payments": [{"method": m, "amount": a} for m, a in report["payments"].items()],
        "buyers": [{"group": g, **report[g]} for g in ("member", "non_member")],
        "shifts": [{k: v for k, v in s.items() if k != "movements"} for s in shifts],
        "cash_movements": [
            {"shift_id": s["id"], "till": s["till"], **m} for s in shifts for m in s["movements"]
        ],
        **{
            k: report[k]
            for k in (
                "categories",
                "top_items",
                "by_hour",
                "voids",
                "returns",
                "low_stock",
                "noncash",
            )
        },
    }


def as_text(value: Any) -> str:
    return "" if value is None else str(value)


def test_the_csv_holds_the_json(
    busy: tuple[DailySummary, ShopProfile], busy_json: dict[str, Any]
) -> None:
    rows = list(csv.DictReader(io.StringIO(daily_csv(busy[0]).decode("utf-8"))))
    assert rows and set(rows[0]) == {"section", "row", "field", "value"}
    read: dict[str, dict[int, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    for r in rows:
        read[r["section"]][int(r["row"])][r["field"]] = r["value"]
    expected = sections_of(busy_json)
    assert [s for s in expected if expected[s]] == list(read)
    for section, records in expected.items():
        assert [read[section][n] for n in sorted(read[section])] == [
            {k: as_text(v) for k, v in record.items()} for record in records
        ], section


def test_the_xlsx_holds_the_json(
    busy: tuple[DailySummary, ShopProfile], busy_json: dict[str, Any]
) -> None:
    summary, shop = busy
    book = load_workbook(io.BytesIO(daily_xlsx(summary, shop)))
    expected = sections_of(copy.deepcopy(busy_json))  # changed below: the fixture is shared
    assert book.sheetnames == [sheet_name(section) for section in expected]
    assert book.sheetnames[:3] == ["Ringkasan", "Pembayaran", "Pembeli"]
    banner, header, rows = banner_and_table(book["Ringkasan"])
    assert banner[0].startswith(shop.name) and banner[1] == "Laporan harian · 30-11-2025"
    assert header == ["Uraian", "Nilai"]
    day = expected.pop("summary")[0]
    assert [r[0] for r in rows] == [heading(k) for k in day]
    for (shown, cell), like in zip(rows, day.values(), strict=True):
        assert same(cell, like), (shown, cell, like)
    values = dict(rows)
    assert numeric(values["Penjualan bersih"]) and numeric(values["Laba kotor"])
    assert isinstance(values["Tanggal"], datetime) and values["Tanggal"].date() == DAY
    net_row = 2 + len(banner) + 1 + list(values).index("Penjualan bersih")  # banner, blank, header
    assert book["Ringkasan"].cell(row=net_row, column=2).number_format == RUPIAH_FORMAT
    for payment in (*expected["payments"], *expected["noncash"]):  # people read the words
        payment["method"] = t(METHOD[payment["method"]])
    for buyers, word in zip(expected["buyers"], ("Anggota", "Bukan anggota"), strict=True):
        buyers["group"] = word
    for moved in expected["cash_movements"]:
        moved["kind"] = {"in": "Kas masuk", "out": "Kas keluar"}[moved["kind"]]
    for correction in (*expected["voids"], *expected["returns"]):
        if correction["refund_method"]:
            correction["refund_method"] = t(METHOD[correction["refund_method"]])
    assert expected["cash_movements"] and expected["returns"]  # the busy day has both
    for section, records in expected.items():
        banner, header, lines = banner_and_table(book[sheet_name(section)])
        assert banner[1] == "Laporan harian · 30-11-2025"
        assert header == [heading(k) for k in COLUMNS[section]], section
        assert len(lines) == len(records), section
        for line, record in zip(lines, records, strict=True):
            for cell, name in zip(line, COLUMNS[section], strict=True):
                assert same(cell, record[name]), (section, name, cell, record[name])
    top = records_of(book[sheet_name("top_items")])
    assert top and all(numeric(r["Jumlah barang"]) and numeric(r["Penjualan bersih"]) for r in top)
    shifts = records_of(book[sheet_name("shifts")])
    assert all(isinstance(r["Dibuka"], datetime) for r in shifts)


def test_the_xlsx_speaks_english(busy: tuple[DailySummary, ShopProfile]) -> None:
    set_language("en")
    book = load_workbook(io.BytesIO(daily_xlsx(*busy)))
    assert book.sheetnames[:3] == ["Summary", "Payments", "Buyers"]
    assert banner_and_table(book["Categories"])[1] == [
        "Name", "Net sales", "Sale discounts", "Returns", "Cost of goods sold",
        "Cost of returns", "Gross margin",
    ]  # fmt: skip


# --- the buku kas ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def busy_book(busy_file: Path) -> tuple[CashBookDay, ShopProfile]:
    database = Database(f"sqlite:///{busy_file}")
    try:
        with database.read() as session:
            shop = load_shop(session)
            return cashbook_day(session, DAY, shop), shop
    finally:
        database.dispose()


def test_the_cashbook_saldo_runs_per_box_and_ends_at_the_counted_cash(
    busy_book: tuple[CashBookDay, ShopProfile], busy_json: dict[str, Any]
) -> None:
    book, shop = busy_book
    rows = list(csv.reader(io.StringIO(cashbook_csv(book, shop).decode("utf-8"))))
    header, body, total = rows[0], rows[1:-1], rows[-1]
    assert header == [
        "No", "Tanggal", "Uraian", "Bukti", "Debet", "Kredit", "Saldo", "Keterangan"
    ]  # fmt: skip
    # K1 sold on the evening before: its drawer begins the day with that shift's counted cash
    assert book.drawers == {"K1": 114_000}
    boxes: dict[str, int] = {}
    saldo = 0
    for number, line in enumerate(body, start=1):
        no, day, text, _, debit, credit, balance, _ = line
        assert (int(no), day) == (number, "30-11-2025")
        if text.startswith("Saldo awal"):
            saldo = int(balance)
            assert not debit and not credit
            continue
        saldo += int(debit or 0) - int(credit or 0)
        assert int(balance) == saldo, line
        if text.startswith("Saldo akhir"):
            boxes[text.removeprefix("Saldo akhir ")] = saldo
    assert total[2] == "Jumlah" and total[0] == total[1] == ""
    assert int(total[4]) == sum(int(line[4] or 0) for line in body)
    assert int(total[5]) == sum(int(line[5] or 0) for line in body)
    assert int(total[6]) == sum(boxes.values()) == 114_000 + int(total[4]) - int(total[5])
    shifts = busy_json["shifts"]
    held = {s["till"]: s["counted_cash"] or s["expected_cash"] for s in shifts}
    assert boxes == {f"laci kasir {till}": amount for till, amount in held.items()}
    by_text = {line[2]: line for line in body}
    # the opening is not added on top of the cash already in K1's drawer: only the difference
    k1_opening = by_text["Modal awal kasir K1"]
    assert k1_opening[4] == k1_opening[5] == "" and "500.000" in k1_opening[7]
    differs = by_text["Modal awal beda dari sisa laci kasir K1"]
    assert differs[4] == str(shifts[0]["opening_cash"] - 114_000)
    assert by_text["Modal awal kasir K2"][4] == str(shifts[1]["opening_cash"])  # K2's first
    assert by_text["Penjualan tunai kasir K2"][4] == str(shifts[1]["cash_sales"])
    assert by_text["Penjualan tunai kasir K3"][7] == "kasir belum ditutup"
    assert by_text["Kas masuk: tambah uang kecil dari bendahara"][4] == "100000"
    assert by_text["Kas keluar: beli kantong plastik & lakban"][5] == "25000"
    assert by_text["Kas keluar: beli kantong plastik & lakban"][7] == "13.05 WITA oleh kasir"
    short = by_text["Selisih kurang kas kasir K1"]
    assert short[5] == str(-shifts[0]["variance"]) and short[7] == LONG_REASON
    assert "Selisih lebih kas kasir K2" not in by_text  # no variance, no line
    closed = by_text["Kas dihitung saat tutup kasir K1"]
    assert closed[4] == closed[5] == ""
    assert closed[7] == "ditutup 21.15 WITA oleh kasir, dikonfirmasi bendahara"
    assert closed[3] == f"Shift #{shifts[0]['id']}"
    assert "Saldo awal kas bendahara" not in by_text  # no kas line, no box


def test_the_cashbook_xlsx_equals_its_csv(busy_book: tuple[CashBookDay, ShopProfile]) -> None:
    book_day, shop = busy_book
    from_csv = list(csv.reader(io.StringIO(cashbook_csv(book_day, shop).decode("utf-8"))))
    book = load_workbook(io.BytesIO(cashbook_xlsx(book_day, shop)))
    assert book.sheetnames == ["Buku Kas"]
    banner, header, rows = banner_and_table(book["Buku Kas"])
    assert banner == [f"{shop.name} · {', '.join(shop.address.splitlines())}",
                      "Buku Kas · 30-11-2025"]  # fmt: skip
    shown = [
        [format_date(v.date()) if isinstance(v, datetime) else as_text(v) for v in line]
        for line in rows
    ]
    assert [header, *shown] == from_csv
    assert any(numeric(row[4]) for row in rows) and isinstance(rows[0][1], datetime)


def test_the_cashbook_of_a_day_without_shifts_is_only_its_total(catalogue_db: Database) -> None:
    with catalogue_db.read() as session:
        shop = load_shop(session)
        book = cashbook_day(session, DAY, shop)
    entries = cashbook_entries(book, shop)
    assert [(e.no, e.description, e.debit, e.credit, e.balance) for e in entries] == [
        (None, "Jumlah", 0, 0, 0)
    ]


# --- the commands ----------------------------------------------------------------------------


@pytest.fixture
def runner(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """The conftest's runner, in an empty working folder."""
    monkeypatch.chdir(tmp_path)
    return runner


def report(runner: CliRunner, db: Path, *args: str) -> Result:
    return runner.invoke(main, ["--db", str(db), "report", *args])


def one_line_error(result: Result) -> str:
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Galat: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def test_report_daily_writes_a_pdf_named_for_the_day(
    busy_file: Path, runner: CliRunner, tmp_path: Path
) -> None:
    result = report(runner, busy_file, "daily", "--date", "2025-11-30")
    assert result.exit_code == 0, result.output
    target = tmp_path / "laporan-harian-2025-11-30.pdf"
    assert result.stderr.strip() == target.name and result.stdout == ""
    assert target.read_bytes().startswith(b"%PDF-")
    assert "Halaman 1 dari" in pdf_pages(target.read_bytes())[0]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".gerai-")] == []


@pytest.mark.parametrize(
    ("args", "name", "magic"),
    [
        (["--format", "xlsx"], "laporan-harian-2025-11-30.xlsx", b"PK"),
        (["--output", "hari.xlsx"], "hari.xlsx", b"PK"),
        (["--output", "hari.json"], "hari.json", b"{"),
        (["--output", "hari.csv"], "hari.csv", b"section,row,field,value"),
        (["--format", "pdf", "--output", "laporan.dat"], "laporan.dat", b"%PDF-"),
    ],
)
def test_report_daily_formats_and_file_names(
    busy_file: Path, runner: CliRunner, tmp_path: Path, args: list[str], name: str, magic: bytes
) -> None:
    result = report(runner, busy_file, "daily", "--date", "2025-11-30", *args)
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).read_bytes().startswith(magic)


@pytest.mark.parametrize("fmt", ["json", "csv", "pdf", "xlsx"])
def test_report_daily_to_stdout(
    busy_file: Path, runner: CliRunner, busy_json: dict[str, Any], fmt: str
) -> None:
    result = report(
        runner, busy_file, "daily", "--date", "2025-11-30", "--format", fmt, "--output", "-"
    )
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert json.loads(result.stdout) == busy_json
    elif fmt == "csv":
        assert result.stdout_bytes == daily_csv_of(busy_file)
    else:
        assert result.stdout_bytes.startswith(b"%PDF-" if fmt == "pdf" else b"PK")


def test_the_csv_for_people_is_asked_for_with_lang(busy_file: Path, runner: CliRunner) -> None:
    args = ["report", "daily", "--date", "2025-11-30", "--format", "csv"]
    machines = runner.invoke(main, ["--db", str(busy_file), *args])
    people = runner.invoke(main, ["--db", str(busy_file), "--lang", "id", *args])
    english = runner.invoke(main, ["--db", str(busy_file), "--lang", "en", *args])
    assert machines.exit_code == people.exit_code == english.exit_code == 0, people.output
    assert machines.stdout.startswith("section,row,field,value\n")
    assert "summary,1,net_after_returns," in machines.stdout
    rows = list(csv.reader(io.StringIO(people.stdout)))
    assert rows[0] == ["Bagian", "Baris", "Uraian", "Nilai"]
    assert ["Ringkasan", "1", "Penjualan setelah retur"] in [r[:3] for r in rows]
    assert len(rows) == len(machines.stdout.splitlines())  # the same records, other words
    assert english.stdout.startswith("Section,Row,Item,Value\n")
    assert "Summary,1,Net sales after returns," in english.stdout


def daily_csv_of(path: Path) -> bytes:
    database = Database(f"sqlite:///{path}")
    try:
        with database.read() as session:
            return daily_csv(daily_summary(session, DAY, load_shop(session)))
    finally:
        database.dispose()


def test_report_daily_json_and_csv_default_to_stdout(busy_file: Path, runner: CliRunner) -> None:
    as_json = report(runner, busy_file, "daily", "--date", "2025-11-30", "--format", "json")
    as_csv = report(runner, busy_file, "daily", "--date", "2025-11-30", "--format", "csv")
    assert as_json.exit_code == as_csv.exit_code == 0
    assert json.loads(as_json.stdout)["date"] == "2025-11-30"
    assert as_csv.stdout.startswith("section,row,field,value\n")


def test_report_cashbook(busy_file: Path, runner: CliRunner, tmp_path: Path) -> None:
    as_csv = report(runner, busy_file, "cashbook", "--date", "2025-11-30")
    assert as_csv.exit_code == 0, as_csv.output
    assert as_csv.stdout.startswith("No,Tanggal,Uraian,Bukti,Debet,Kredit,Saldo,Keterangan\n")
    assert as_csv.stdout.splitlines()[-1].startswith(",,Jumlah,")
    as_xlsx = report(runner, busy_file, "cashbook", "--date", "2025-11-30", "--format", "xlsx")
    assert as_xlsx.exit_code == 0, as_xlsx.output
    book = load_workbook(tmp_path / "buku-kas-2025-11-30.xlsx")
    assert banner_and_table(book["Buku Kas"])[1][:3] == ["No", "Tanggal", "Uraian"]
    named = report(runner, busy_file, "cashbook", "--date", "2025-11-30", "--output", "kas.xlsx")
    assert named.exit_code == 0 and (tmp_path / "kas.xlsx").read_bytes().startswith(b"PK")


def test_report_cashbook_in_english(busy_file: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        main, ["--lang", "en", "--db", str(busy_file), "report", "cashbook", "--date", "2025-11-30"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("No,Date,Description,Voucher,Debit,Credit,Balance,Remarks\n")
    assert "Opening cash, till K1" in result.stdout


@pytest.mark.parametrize("command", ["daily", "cashbook"])
@pytest.mark.parametrize("value", ["2999-01-01", "30-11-2025", "kemarin", "2025-02-30", ""])
def test_a_bad_date_is_one_clear_line(
    busy_file: Path, runner: CliRunner, tmp_path: Path, command: str, value: str
) -> None:
    line = one_line_error(report(runner, busy_file, command, "--date", value))
    assert value in line
    assert ("belum terjadi" if value == "2999-01-01" else "YYYY-MM-DD") in line
    assert [p for p in tmp_path.iterdir() if p.is_file()] == []


@pytest.mark.parametrize(
    "args",
    [
        ["daily"],
        ["daily", "--format", "json", "--output", "-"],
        ["daily", "--format", "xlsx"],
        ["cashbook", "--format", "xlsx"],
        ["cashbook"],
    ],
)
def test_a_day_without_sales_is_a_valid_empty_report(
    busy_file: Path, runner: CliRunner, tmp_path: Path, args: list[str]
) -> None:
    day = "2025-11-28"
    result = report(runner, busy_file, *args[:1], "--date", day, *args[1:])
    assert result.exit_code == 0, result.output
    if "-" in args:
        data = json.loads(result.stdout)
        assert (data["sales_count"], data["net"], data["shifts"]) == (0, 0, [])
    elif args == ["cashbook"]:
        assert result.stdout.splitlines()[1:] == [",,Jumlah,,0,0,0,"]
    elif args == ["daily"]:
        text = " ".join(pdf_pages((tmp_path / f"laporan-harian-{day}.pdf").read_bytes()))
        assert "Tidak ada penjualan pada tanggal ini." in text
    else:
        assert list(tmp_path.glob(f"*{day}.xlsx"))


@pytest.mark.parametrize("command", ["daily", "cashbook"])
def test_an_output_that_cannot_be_written_leaves_nothing(
    busy_file: Path, runner: CliRunner, tmp_path: Path, command: str
) -> None:
    missing = tmp_path / "tidak" / "ada" / "laporan.pdf"
    line = one_line_error(
        report(runner, busy_file, command, "--date", "2025-11-30", "--output", str(missing))
    )
    assert str(missing) in line and "tidak bisa ditulis" in line
    assert not missing.parent.exists()
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    line = one_line_error(
        report(runner, busy_file, command, "--date", "2025-11-30", "--output", str(folder))
    )
    assert str(folder) in line and "tidak bisa ditulis" in line
    assert folder.is_dir() and list(folder.iterdir()) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".gerai-")] == []


def test_a_failed_report_keeps_the_old_file(
    busy_file: Path, runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "laporan.pdf"
    target.write_bytes(b"laporan lama")
    one_line_error(
        report(runner, busy_file, "daily", "--date", "2999-12-31", "--output", str(target))
    )
    assert target.read_bytes() == b"laporan lama"


def test_the_exports_do_not_load_reportlab_or_openpyxl_until_used() -> None:
    code = (
        "import json, sys\n"
        "import gerai.exports.daily_pdf, gerai.exports.daily_tables, gerai.exports.cashbook\n"
        "print(json.dumps(sorted(m for m in ('reportlab', 'openpyxl') if m in sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []
