"""The retur slip: golden layouts at 32, 42 and 48 columns, the rules every layout keeps (ASCII,
never past the width, nothing lost), and the ESC/POS job the print queue stores for it, decoded
back."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import NOW
from hypothesis import given
from hypothesis import strategies as st
from shop_day import at, fill, give_back, sell
from sqlmodel import select

from gerai.core.i18n import translator
from gerai.db import Database
from gerai.models import PrintJob
from gerai.printing import PrintQueue
from gerai.services.sale.checkout import Tender
from gerai.settings import Settings
from receipts.layout import WIDTHS
from receipts.return_slip import ReturnSlip, ReturnSlipItem, layout_return_slip, return_slip_text
from tests.escpos_decode import decode
from tests.fake_printer import FakePrinter

ID = translator("id")  # the receipts' language in these tests

GOLDEN = Path(__file__).parent / "golden" / "receipts"
UPDATE = os.environ.get("GERAI_UPDATE_GOLDEN") == "1"

CASH = ReturnSlip(
    shop_name="Gerai Koperasi Desa Merah Putih Bontoa",
    shop_address="Jl. Poros Makassar–Maros No. 12, Desa Bontoa, Kab. Maros",
    shop_phone="0812-4455-7788",
    number="K1-20251130-R001",
    receipt_no="K1-20251128-0042",
    moment="30-11-2025 14.32 WITA",
    sale_moment="28-11-2025 09.05 WITA",
    cashier="kasir",
    approved_by="bendahara",
    items=(
        ReturnSlipItem("Beras Medium Curah", "1,25 kg", 16875),
        ReturnSlipItem(
            "Minyak Goreng Sawit Kemasan Pouch Isi Ulang Ekstra Jernih 2 Liter Promo Ramadan",
            "1 pcs",
            38500,
            damaged=True,
        ),
    ),
    total=55375,
    refund_method="tunai",
    reason="kemasan bocor, minyak merembes ke kardus",
)
KASBON = ReturnSlip(
    **{
        **CASH.__dict__,
        "member": "KKMP-0002 Daeng Ngalle",
        "refund_method": "kasbon",
        "kasbon": True,
        "reprint": True,
    }
)
CASES = {"cash": CASH, "kasbon": KASBON}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_the_slip_matches_its_golden_file(case: str, width: int) -> None:
    text = return_slip_text(CASES[case], width, ID)
    path = GOLDEN / f"return-{case}-{width}.txt"
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="ascii")
    assert text == path.read_text(encoding="ascii")


def test_the_slip_says_what_came_back_and_how_it_was_refunded() -> None:
    text = return_slip_text(KASBON, 42, ID)
    assert "RETUR BARANG" in text and "CETAK ULANG" in text
    assert "K1-20251130-R001" in text and "K1-20251128-0042" in text
    assert "1,25 kg" in text and "1 pcs (rusak)" in text and "16.875" in text
    assert "TOTAL REFUND" in text and "Rp55.375" in text
    assert "mengurangi kasbon" in text and "Anggota: KKMP-0002 Daeng Ngalle" in text
    assert "Tanda tangan pembeli" in text
    plain = return_slip_text(CASH, 42, ID)
    assert "kasbon" not in plain.lower() and "CETAK ULANG" not in plain


def test_the_slip_speaks_english() -> None:
    text = return_slip_text(CASH, 42, translator("en"))
    assert "RETURN OF GOODS" in text and "REFUND TOTAL" in text and "(damaged)" in text


printable = st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FFF, exclude_categories=("Cs",)),
    min_size=0,
    max_size=120,
)


@given(
    shop=printable,
    name=printable,
    reason=printable,
    person=printable,
    amount=st.integers(min_value=0, max_value=10**12),
    width=st.sampled_from(WIDTHS),
)
def test_any_slip_stays_ascii_and_within_the_width(
    shop: str, name: str, reason: str, person: str, amount: int, width: int
) -> None:
    slip = ReturnSlip(**{
        **KASBON.__dict__, "shop_name": shop, "shop_address": shop, "approved_by": person,
        "cashier": person, "member": person, "reason": reason,
        "items": (ReturnSlipItem(name, "1.000,5 kg", amount, damaged=True),), "total": amount,
    })  # fmt: skip
    lines = layout_return_slip(slip, width, ID)
    for line in lines:
        assert len(line.text) <= width and line.text.isascii()
        assert all(" " <= c <= "~" for c in line.text)
    text = " ".join(line.text for line in lines)
    assert f"{amount:,}".replace(",", ".") in text


def test_too_narrow_paper_is_refused() -> None:
    with pytest.raises(ValueError):
        layout_return_slip(CASH, 20, ID)


# --- printed through the queue ----------------------------------------------------------------


def queue_for(db: Database, printer: str, kick: bool = False) -> PrintQueue:
    return PrintQueue(db, Settings(db_url=db.url, printer=printer, kick_drawer=kick), lambda: NOW)


@pytest.fixture
def returned(db: Database) -> tuple[str, str]:
    """A cash retur (one line damaged) and a qris retur; their numbers."""
    cart = fill(db, [("BRS-MED-KG", Decimal("2.5")), ("MYK-1L", Decimal(2))])
    cash = sell(db, "K1", cart, at(15))
    qris = sell(db, "K1", fill(db, [("MYK-1L", Decimal(1))]), at(15), [Tender("qris")])
    first = give_back(
        db, "K1", cash.receipt_no, [(1, Decimal("1.25"), False), (2, Decimal(1), True)], at(16)
    )
    second = give_back(db, "K1", qris.receipt_no, [(1, Decimal(1), False)], at(16), "qris")
    return first.number, second.number


@pytest.mark.parametrize(("profile", "width"), [("POS-5890", 32), ("TM-T20II", 48)])
def test_the_stored_job_decodes_to_the_slip(
    db: Database, returned: tuple[str, str], profile: str, width: int
) -> None:
    number, _ = returned
    with FakePrinter() as printer:
        queue = queue_for(db, f"{printer.url}?profile={profile}", kick=True)
        assert queue.submit_return(number)
        report = queue.flush()
        assert report.error is None and report.printed == [number]
        [received] = printer.wait_for_jobs(1, timeout=5)
    with db.read() as session:
        stored = session.exec(select(PrintJob)).one()
    assert (stored.kind, stored.receipt_no, stored.status) == ("retur", number, "printed")
    job = decode(stored.payload)
    expected = [line.text for line in queue.return_lines(number)]
    assert job.lines[: len(expected)] == expected
    assert all(line == "" for line in job.lines[len(expected) :])
    assert job.starts_with_init and job.unknown == [] and job.codepage_switches == []
    assert job.qr_payloads == [] and job.drawer_kicks == [2]  # the cash refund comes out
    assert max(len(line) for line in job.lines) <= width
    assert any("1,25 kg" in line for line in job.lines)
    assert any(line.startswith("TOTAL REFUND") for line in job.bold_lines())
    assert stored.payload in received


def test_the_drawer_opens_only_for_a_first_print_of_a_cash_refund(
    db: Database, returned: tuple[str, str]
) -> None:
    cash, qris = returned
    queue = queue_for(db, "tcp://127.0.0.1:9", kick=True)
    for number, reprint in ((cash, True), (qris, False)):
        assert queue.submit_return(number, reprint=reprint)
    with db.read() as session:
        jobs = session.exec(select(PrintJob).order_by(PrintJob.id)).all()  # type: ignore[arg-type]
    assert [job.kind for job in jobs] == ["reprint", "retur"]
    assert [decode(job.payload).drawer_kicks for job in jobs] == [[], []]
    assert "CETAK ULANG" in decode(jobs[0].payload).text


def test_no_printer_stores_nothing(db: Database, returned: tuple[str, str]) -> None:
    assert not queue_for(db, "none").submit_return(returned[0])
    with db.read() as session:
        assert session.exec(select(PrintJob)).all() == []
