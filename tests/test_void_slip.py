"""The void slip: its layout (what was voided, the refund per method, who, approver, time;
ASCII and within the paper at any width), and the job a void through the till queues in the
void's own transaction, sent to the fake printer and decoded back."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import NOW, TREASURER_PIN
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from gerai.core.errors import GeraiError
from gerai.core.i18n import translator
from gerai.db import Database
from gerai.models import PrintJob, Sale
from gerai.printing import PrintQueue
from gerai.services.sale.checkout import Tender
from gerai.services.sale.voids import build_void_slip
from gerai.services.shop.profile import load_shop
from gerai.settings import Settings
from gerai.till import Till
from receipts.layout import WIDTHS
from receipts.void_slip import VoidSlip, VoidSlipItem, layout_void_slip, void_slip_text
from tests.conftest import CASHIER
from tests.escpos_decode import decode
from tests.fake_printer import FakePrinter

ID = translator("id")

SPLIT = VoidSlip(
    shop_name="Gerai Koperasi Desa Merah Putih Bontoa",
    shop_address="Jl. Poros Makassar–Maros No. 12",
    shop_phone="0812-4455-7788",
    receipt_no="K1-20251130-0007",
    moment="30-11-2025 14.40 WITA",
    sale_moment="30-11-2025 14.32 WITA",
    voided_by="kasir",
    approved_by="bendahara",
    items=(
        VoidSlipItem("Beras Medium Curah", "5 kg", 70000),
        VoidSlipItem("Minyak Goreng 1 L", "1 pcs", 14000),
    ),
    rounding=0,
    total=84000,
    refunds=(("qris", 50000), ("tunai", 34000)),
    kasbon=0,
    reason="salah input",
)


GOLDEN = Path(__file__).parent / "golden" / "receipts"
UPDATE = os.environ.get("GERAI_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_slip_matches_its_golden_file(width: int) -> None:
    text = void_slip_text(SPLIT, width, ID)
    path = GOLDEN / f"void-split-{width}.txt"
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="ascii")
    assert text == path.read_text(encoding="ascii")


def test_the_slip_says_what_was_voided_and_how_each_part_goes_back() -> None:
    text = void_slip_text(SPLIT, 42, ID)
    assert "BATAL TRANSAKSI" in text and "K1-20251130-0007" in text
    assert "Beras Medium Curah" in text and "5 kg" in text and "70.000" in text
    assert "TOTAL BATAL" in text and "Rp84.000" in text
    lines = text.splitlines()
    assert any(line.startswith("  QRIS lewat QRIS") and "Rp50.000" in line for line in lines)
    assert any(line.startswith("  Tunai dari laci") and "Rp34.000" in line for line in lines)
    assert any(line.startswith("Dibatalkan oleh") and line.endswith("kasir") for line in lines)
    assert any(line.startswith("Disetujui") and line.endswith("bendahara") for line in lines)
    assert any(line.startswith("Tgl batal") and line.endswith("14.40 WITA") for line in lines)
    assert "Alasan: salah input" in text and "Tanda tangan pembeli" in text
    assert "Kasbon" not in text and "Pembulatan" not in text


def test_a_kasbon_struck_off_and_a_rounding_are_said() -> None:
    slip = VoidSlip(**{
        **SPLIT.__dict__, "refunds": (("tunai", 10000),), "kasbon": 73900, "rounding": -100,
        "total": 83900, "member": "KKMP-0002 Daeng Ngalle", "reprint": True,
    })  # fmt: skip
    text = void_slip_text(slip, 32, ID)
    assert "Kasbon dihapus" in text and "Rp73.900" in text and "-100" in text
    assert "CETAK ULANG" in text and "Anggota: KKMP-0002 Daeng Ngalle" in text
    nothing = VoidSlip(**{**SPLIT.__dict__, "refunds": (), "total": 0})
    assert "tidak ada uang yang dikembalikan" in void_slip_text(nothing, 42, ID)
    english = void_slip_text(SPLIT, 42, translator("en"))
    assert "SALE VOIDED" in english and "QRIS back by QRIS" in english


printable = st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FFF, exclude_categories=("Cs",)),
    max_size=120,
)


@given(
    text=printable,
    amount=st.integers(min_value=0, max_value=10**12),
    width=st.sampled_from(WIDTHS),
)
def test_any_slip_stays_ascii_and_within_the_width(text: str, amount: int, width: int) -> None:
    slip = VoidSlip(**{
        **SPLIT.__dict__, "shop_name": text, "voided_by": text, "approved_by": text,
        "member": text, "reason": text, "items": (VoidSlipItem(text, "1.000,5 kg", amount),),
        "total": amount, "refunds": (("qris", amount), ("tunai", amount)), "kasbon": amount,
    })  # fmt: skip
    lines = layout_void_slip(slip, width, ID)
    assert all(len(line.text) <= width and line.text.isascii() for line in lines)
    assert sum(f"{amount:,}".replace(",", ".") in line.text for line in lines) >= 4


# --- a void through the till, printed ---------------------------------------------------------


def make_till(db: Database, printer: str) -> Till:
    settings = Settings(db_url=db.url, printer=printer, till="K1", kick_drawer=True)
    return Till(settings, db, PrintQueue(db, settings, lambda: NOW), lambda: NOW, CASHIER)


def sell_split(till: Till) -> str:
    """Rice and oil paid QRIS Rp50.000 and the rest in cash; the receipt number."""
    for code, qty in (("BRS-MED-KG", "2.5"), ("MYK-1L", "3")):
        product = till.find_product(code)
        assert product is not None
        till.cart.add(product, Decimal(qty))
    return till.sell([Tender("qris", 50_000), Tender("tunai")]).receipt_no


def test_a_voided_split_sale_prints_its_slip_with_the_refund_per_method(db: Database) -> None:
    with FakePrinter() as printer:
        till = make_till(db, f"{printer.url}?profile=TM-T20II")
        number = sell_split(till)
        with db.read() as session:
            total = session.exec(select(Sale.total).where(Sale.receipt_no == number)).one()
        done = till.void(number, "salah input", TREASURER_PIN)
        assert done.refunds == (("qris", 50_000), ("tunai", total - 50_000))
        report = till.printer.flush()  # type: ignore[attr-defined]
        assert report.error is None and report.printed == [number, number]
        received = printer.wait_for_jobs(2, timeout=5)
    with db.read() as session:
        jobs = session.exec(select(PrintJob).order_by(PrintJob.id)).all()  # type: ignore[arg-type]
    assert [(job.kind, job.receipt_no, job.status) for job in jobs] == [
        ("sale", number, "printed"),
        ("void", number, "printed"),
    ]
    assert jobs[1].payload in received[1]
    job = decode(jobs[1].payload)
    with db.read() as session:
        slip = build_void_slip(session, number, load_shop(session))
    expected = [line.text for line in layout_void_slip(slip, 48, ID)]
    assert job.lines[: len(expected)] == expected  # the stored slip is the layout, read back
    assert job.drawer_kicks == [2]  # cash goes back out of the drawer
    assert job.unknown == [] and max(len(line) for line in job.lines) <= 48
    lines = job.lines
    cash = f"Rp{total - 50_000:,}".replace(",", ".")
    assert any(line.startswith("  QRIS lewat QRIS") and line.endswith("Rp50.000") for line in lines)
    assert any(line.startswith("  Tunai dari laci") and line.endswith(cash) for line in lines)
    assert any(line.startswith("Dibatalkan oleh") and line.endswith("kasir") for line in lines)
    assert any(line.startswith("Disetujui") and line.endswith("bendahara") for line in lines)
    assert any(line.startswith("Tgl batal") and line.endswith("14.32 WITA") for line in lines)
    assert any(line.startswith("TOTAL BATAL") for line in job.bold_lines())
    assert "Beras Medium" in job.text and "Alasan: salah input" in job.text


def test_a_refused_void_queues_no_slip_and_a_qris_void_keeps_the_drawer_shut(
    db: Database,
) -> None:
    till = make_till(db, "tcp://127.0.0.1:9")
    product = till.find_product("MYK-1L")
    assert product is not None
    till.cart.add(product, Decimal(1))
    number = till.sell([Tender("qris")]).receipt_no
    with pytest.raises(GeraiError):
        till.void(number, "", TREASURER_PIN)  # no reason: nothing written, nothing queued
    with db.read() as session:
        assert [job.kind for job in session.exec(select(PrintJob)).all()] == ["sale"]
    till.void(number, "salah input", TREASURER_PIN)
    with db.read() as session:
        void_job = session.exec(select(PrintJob).where(PrintJob.kind == "void")).one()
    assert decode(void_job.payload).drawer_kicks == []


def test_no_printer_no_slip(db: Database) -> None:
    till = make_till(db, "none")
    product = till.find_product("MYK-1L")
    assert product is not None
    till.cart.add(product, Decimal(1))
    till.void(till.sell([Tender("tunai")]).receipt_no, "salah input", TREASURER_PIN)
    with db.read() as session:
        assert session.exec(select(PrintJob)).all() == []
