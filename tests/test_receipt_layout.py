"""The receipt layout: golden files at 32, 42 and 48 columns, and the rules every layout
keeps (width, ASCII, nothing lost, no illegal clause)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gerai.core.i18n import translator
from receipts.layout import WIDTHS, layout_receipt, receipt_text
from receipts.model import Receipt, ReceiptItem, ReceiptPayment, TaxLine

ID = translator("id")  # the receipts' language in these tests

GOLDEN = Path(__file__).parent / "golden" / "receipts"
UPDATE = os.environ.get("GERAI_UPDATE_GOLDEN") == "1"

BASE = Receipt(
    shop_name="Gerai Koperasi Desa Merah Putih Bontoa",
    shop_address="Jl. Poros Makassar–Maros No. 12, Desa Bontoa, Kab. Maros",
    shop_phone="0812-4455-7788",
    receipt_no="K1-20251130-0007",
    moment="30-11-2025 14.32 WITA",
    cashier="kasir",
    items=(
        ReceiptItem("Beras SPHP Bulog 5 kg", "2 pak", 62500, 125000),
        ReceiptItem("Gula Pasir Curah", "1,5 kg", 17500, 26250),
        ReceiptItem(
            "Minyak Goreng Sawit Kemasan Pouch Isi Ulang Ekstra Jernih 2 Liter Promo Ramadan",
            "1 pcs",
            38500,
            38500,
        ),
    ),
    gross=189750,
    member_discount=0,
    total=189750,
    payments=(ReceiptPayment("tunai", 189750, 200000),),
    change=10250,
    footer="Terima kasih. Simpan struk ini sebagai bukti pembayaran.",
)

MEMBER = Receipt(
    **{
        **BASE.__dict__,
        "member": "KKMP-0002 Daeng Ngalle",
        "items": (
            ReceiptItem("Beras SPHP Bulog 5 kg", "2 pak", 61500, 123000, saving=2000),
            ReceiptItem("Telur Ayam Ras", "0,75 kg", 29000, 21750, saving=750),
        ),
        "gross": 147500,
        "member_discount": 2750,
        "total": 144750,
        "payments": (ReceiptPayment("tunai", 144750, 150000),),
        "change": 5250,
    }
)

SPLIT = Receipt(
    **{
        **BASE.__dict__,
        "payments": (
            ReceiptPayment("qris", 100000, 100000),
            ReceiptPayment("tunai", 89750, 100000),
        ),
    }
)

PKP = Receipt(
    **{
        **BASE.__dict__,
        "npwp": "01.234.567.8-901.000",
        "taxes": (TaxLine("11%", 34685, 3815), TaxLine("0%", 151250, 0)),
    }
)

REPRINT = Receipt(**{**BASE.__dict__, "reprint": True})

CASES = {"plain": BASE, "member": MEMBER, "split": SPLIT, "pkp": PKP, "reprint": REPRINT}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_layout_matches_the_golden_file(case: str, width: int) -> None:
    text = receipt_text(CASES[case], width, ID)
    path = GOLDEN / f"{case}-{width}.txt"
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="ascii")
    assert text == path.read_text(encoding="ascii")


def test_pkp_lines_only_when_pkp() -> None:
    plain, pkp = receipt_text(BASE, 32, ID), receipt_text(PKP, 32, ID)
    assert "PPN" not in plain and "NPWP" not in plain
    assert "PPN 11%" in pkp and "NPWP 01.234.567.8-901.000" in pkp
    assert "3.815" in pkp


def test_reprint_says_so() -> None:
    assert "CETAK ULANG" in receipt_text(REPRINT, 32, ID)
    assert "CETAK ULANG" not in receipt_text(BASE, 32, ID)


def test_member_savings_per_line_and_in_total() -> None:
    text = receipt_text(MEMBER, 42, ID)
    assert "Anggota: KKMP-0002 Daeng Ngalle" in text
    assert text.count("hemat anggota") == 2
    assert "-2.750" in text and "Anda hemat Rp2.750 sebagai anggota" in text


def test_english_labels() -> None:
    text = receipt_text(MEMBER, 42, translator("en"))
    assert "Change" in text and "Member: KKMP-0002" in text


printable = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=90
)


@settings(max_examples=60, deadline=None)
@given(
    name=printable,
    shop=printable,
    footer=printable,
    width=st.sampled_from(WIDTHS),
    amount=st.integers(min_value=0, max_value=10**11),
)
def test_no_line_runs_past_the_width_and_all_is_ascii(
    name: str, shop: str, footer: str, width: int, amount: int
) -> None:
    receipt = Receipt(
        **{
            **BASE.__dict__,
            "shop_name": shop,
            "footer": footer,
            "items": (ReceiptItem(name, "1.000,125 kg", amount, amount, saving=amount),),
            "total": amount,
            "member_discount": amount,
            "payments": (ReceiptPayment("transfer", amount, amount),),
        }
    )
    for line in layout_receipt(receipt, width, ID):
        assert len(line.text) <= width
        assert line.text.isascii() and line.text.isprintable()


def test_every_amount_and_the_number_are_printed() -> None:
    text = receipt_text(BASE, 32, ID)
    for needle in (
        "K1-20251130-0007",
        "125.000",
        "26.250",
        "38.500",
        "Rp189.750",
        "200.000",
        "10.250",
    ):
        assert needle in text
    assert "1,5 kg x 17.500" in text


def test_never_the_illegal_no_returns_clause() -> None:
    for case in CASES.values():
        text = receipt_text(case, 48, ID).lower()
        assert "tidak dapat ditukar" not in text and "tidak dapat dikembalikan" not in text
