"""Shelf labels (issue 16): which products get a tag, what each says, an A4 sheet whose
barcodes a scanner reads back, and `gerai labels` with its clear refusals."""

from __future__ import annotations

import math
import subprocess
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
import zxingcpp
from click.testing import CliRunner
from PIL import Image
from pypdf import PdfReader

from gerai.cli import main
from gerai.core.errors import GeraiError
from gerai.db import Database
from gerai.exports.labels_pdf import COLUMNS, ROWS, labels_pdf
from gerai.services.audit.verify import verify
from gerai.services.sale.quotas import set_regulated
from gerai.services.stock.inventory import product_for
from gerai.services.stock.labels import ShelfLabel, shelf_labels
from gerai.services.stock.products import product_form, save_product
from tests.conftest import NOW, OWNER, raw, tamper

MINYAKITA = "8996114000246"  # the first of MYK-1L's three barcodes


def test_codes_and_barcodes_name_the_products_in_their_order(catalogue_db: Database) -> None:
    with catalogue_db.write() as session:
        lpg = product_for(session, "LPG-3KG").id
        set_regulated(session, lpg, actor=OWNER.name, at=NOW)
        found = shelf_labels(session, codes=["GLA-KG", " 8996129000248", "LPG-3KG", "MYK-1L"])
    assert [label.code for label in found] == ["GLA-KG", "MYK-1L", "LPG-3KG"]  # once each
    gula, minyak, gas = found
    assert (minyak.price, minyak.member_price, minyak.het, minyak.unit) == (
        15_700, 15_500, 15_700, "pcs"
    )  # fmt: skip
    assert (minyak.barcode, minyak.symbology) == (MINYAKITA, "EAN13")
    assert (gas.regulated, minyak.regulated) == (True, False)
    assert gula.symbology == "EAN13" and gula.barcode == "2000104000003"


def test_a_category_by_name_in_any_case_and_only_its_active_products(
    catalogue_db: Database,
) -> None:
    with catalogue_db.read() as session:
        found = shelf_labels(session, category="minyak goreng")
        every = shelf_labels(session)
    expected = raw(
        catalogue_db,
        "SELECT p.code FROM product p JOIN category c ON c.id = p.category_id"
        " WHERE c.name = 'Minyak Goreng' AND p.active",
    )
    assert {label.code for label in found} == {code for (code,) in expected} != set()
    assert [label.name for label in found] == sorted(label.name for label in found)
    assert {label.code for label in found} < {label.code for label in every}


def test_changed_since_lists_only_the_products_whose_price_changed(
    catalogue_db: Database,
) -> None:
    later = NOW + timedelta(days=3)
    with catalogue_db.write() as session:
        sugar = product_for(session, "GLA-KG").id
        form = product_form(session, sugar)
        save_product(
            session,
            replace(form, price="17000", member_price="16900"),
            actor=OWNER,
            at=later,
            product_id=sugar,
        )
    with catalogue_db.read() as session:
        found = shelf_labels(session, changed_since=later)
        with pytest.raises(GeraiError) as none:
            shelf_labels(session, changed_since=later + timedelta(seconds=1))
    assert [(label.code, label.price) for label in found] == [("GLA-KG", 17_000)]
    assert none.value.key == "labels.none"


@pytest.mark.parametrize(
    ("choice", "key"),
    [
        ({"codes": ["MYK-1L", "TIDAK-ADA"]}, "stockadm.unknown_code"),
        ({"category": "Elektronik"}, "labels.unknown_category"),
        ({"codes": ["MYK-1L"], "category": "Gula"}, "labels.one_choice"),
    ],
)
def test_a_bad_choice_is_refused_by_name(
    catalogue_db: Database, choice: dict[str, object], key: str
) -> None:
    with catalogue_db.read() as session, pytest.raises(GeraiError) as refused:
        shelf_labels(session, **choice)  # type: ignore[arg-type]
    assert refused.value.key == key


def read_barcodes(pdf: Path, tmp_path: Path, page: int = 1) -> list[str]:
    """The barcodes a scanner reads off one page of the PDF, rendered at 300 dpi."""
    stem = tmp_path / f"page{page}"
    subprocess.run(
        ["pdftoppm", "-r", "300", "-f", str(page), "-l", str(page), "-png", "-singlefile",
         str(pdf), str(stem)],
        check=True,
    )  # fmt: skip
    image = Image.open(f"{stem}.png")
    return sorted(found.text for found in zxingcpp.read_barcodes(image))


def test_a_sheet_of_labels_reads_back_with_a_scanner(
    catalogue_db: Database, tmp_path: Path
) -> None:
    with catalogue_db.read() as session:
        every = shelf_labels(session)
    sheet = every[: COLUMNS * ROWS]
    code128 = ShelfLabel(0, "TLR-BUTIR", "Telur Ayam Ras (butir)", "butir", 2_200, None, None,
                         regulated=False, barcode="TLR-BUTIR")  # fmt: skip
    first = [*sheet[:-1], code128]
    pdf = tmp_path / "labels.pdf"
    pdf.write_bytes(labels_pdf([*first, *every[COLUMNS * ROWS :]], NOW.date(), "Gerai Uji"))
    assert len(PdfReader(pdf).pages) == math.ceil(len(every) / (COLUMNS * ROWS))
    assert read_barcodes(pdf, tmp_path) == sorted(label.barcode for label in first)
    text = PdfReader(pdf).pages[0].extract_text()
    assert "Rp2.200" in text and "Telur Ayam Ras (butir)" in text


def gerai(database: Database, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--db", database.url, *args])
    return result.exit_code, result.output


def test_the_labels_command_writes_the_chosen_labels(
    catalogue_db: Database, tmp_path: Path
) -> None:
    pdf = tmp_path / "rak.pdf"
    code, said = gerai(catalogue_db, "labels", "--codes", "MYK-1L,GLA-KG", "--output", str(pdf))
    assert code == 0, said
    assert "2 label harga" in said
    assert read_barcodes(pdf, tmp_path) == sorted([MINYAKITA, "2000104000003"])
    text = PdfReader(pdf).pages[0].extract_text()
    assert "HET Rp15.700" in text and "Anggota Rp15.500" in text


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--codes", "MYK-1L,NGAWUR"], "'NGAWUR' tidak dikenal"),
        (["--changed-since", "2025-13-01"], "2025-13-01"),
        (["--changed-since", "2099-01-01"], "2099-01-01"),
        (["--category", "Elektronik"], 'Kategori "Elektronik" tidak ada'),
        (["--codes", "MYK-1L", "--category", "Gula"], "Pilih satu saja"),
    ],
)
def test_the_labels_command_says_what_was_wrong_and_writes_nothing(
    catalogue_db: Database, tmp_path: Path, args: list[str], said: str
) -> None:
    pdf = tmp_path / "rak.pdf"
    code, output = gerai(catalogue_db, "labels", *args, "--output", str(pdf))
    assert code == 1
    assert said in output and "Traceback" not in output
    assert not pdf.exists()


def test_a_label_is_stale_until_printed_and_again_after_a_price_change(
    catalogue_db: Database, tmp_path: Path
) -> None:
    with catalogue_db.read() as session:
        every = shelf_labels(session)
        assert [label.code for label in shelf_labels(session, stale=True)] == [
            label.code for label in every
        ]  # a new shop: no label printed yet
    code, said = gerai(catalogue_db, "labels", "--output", str(tmp_path / "semua.pdf"))
    assert code == 0, said
    with catalogue_db.read() as session, pytest.raises(GeraiError) as current:
        shelf_labels(session, stale=True)
    assert current.value.key == "labels.none"
    with catalogue_db.write() as session:
        sugar = product_for(session, "GLA-KG").id
        form = product_form(session, sugar)
        changed = replace(form, price="17000", member_price="16900")
        save_product(session, changed, actor=OWNER, at=NOW, product_id=sugar)
    pdf = tmp_path / "usang.pdf"
    code, said = gerai(catalogue_db, "labels", "--stale", "--output", str(pdf))
    assert code == 0 and "1 label harga" in said
    assert read_barcodes(pdf, tmp_path) == ["2000104000003"]
    assert raw(catalogue_db, "SELECT price, member_price FROM printedlabel WHERE product_id = :p",
               p=sugar) == [(17_000, 16_900)]  # fmt: skip
    with catalogue_db.read() as session:
        assert verify(session).broken is None  # the printed labels are sealed
    tamper(catalogue_db, "UPDATE printedlabel SET price = 1")
    with catalogue_db.read() as session:
        assert "printedlabel" in str(verify(session).broken)


@pytest.mark.parametrize("profile", ["POS-5890", "TM-T20II"])
def test_labels_on_the_receipt_printer_read_back(catalogue_db: Database, profile: str) -> None:
    from PIL import ImageOps

    from tests.escpos_decode import decode
    from tests.fake_printer import FakePrinter
    from tests.test_printing import payload_of

    with FakePrinter() as printer:
        url = f"{printer.url}?profile={profile}"
        result = CliRunner().invoke(
            main, ["--printer", url, "--db", catalogue_db.url, "labels", "--printer",
                   "--codes", "MYK-1L,BWM-KG"],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        [job] = printer.wait_for_jobs(1, timeout=5)
    printed = decode(payload_of(job), read_qr=False)
    read = [
        [found.text for found in zxingcpp.read_barcodes(
            ImageOps.expand(image.bitmap.convert("L"), border=16, fill=255))]
        for image in printed.images
    ]  # fmt: skip
    assert read == [[MINYAKITA], ["BWM-KG"]]
    assert "Rp15.700 / pcs" in printed.text and "HET Rp15.700" in printed.text
    assert "Anggota Rp15.500" in printed.text and "Bawang Merah Enrekang" in printed.text
    cutter = profile != "POS-5890"  # a 58 mm printer with no cutter only feeds
    assert len(printed.cuts) == (2 if cutter else 0) and max(
        len(line) for line in printed.lines
    ) <= (32 if profile == "POS-5890" else 48)
    assert raw(catalogue_db, "SELECT count(*) FROM printedlabel") == [(2,)]


def test_labels_with_no_printer_set_say_so_and_record_nothing(catalogue_db: Database) -> None:
    result = CliRunner().invoke(
        main,
        ["--printer", "", "--db", catalogue_db.url, "labels", "--printer", "--codes", "MYK-1L"],
    )
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert raw(catalogue_db, "SELECT count(*) FROM printedlabel") == [(0,)]
