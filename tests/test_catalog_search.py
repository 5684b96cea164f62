"""The kasir's name search and the scan, on both engines: the search shows the first matches
in search rank (shorter names first, then older products) by name, the exact code or barcode
on top, and follows a rename or a withdrawal at once; the scan, one query, takes a product's
code before another product's barcode."""

from __future__ import annotations

import re
from dataclasses import replace

from gerai.db import Database
from gerai.services.stock.catalog import (
    ProductFilter,
    find_by_code,
    product_page,
    search_products,
)
from gerai.services.stock.products import ProductForm, product_form, save_product
from tests.conftest import NOW, OWNER, raw

MYK_1L_BARCODE = "8996114000246"  # a barcode of MYK-1L (Minyakita 1 L Pouch)


def names(db: Database, query: str, limit: int = 50) -> list[str]:
    with db.read() as session:
        return [p.name for p in search_products(session, query, limit)]


def ranked(db: Database, word: str, limit: int) -> list[str]:
    """The search's answer computed apart: the active products with a word of name or code
    starting with `word`, the `limit` shortest (older first), shown by name."""
    rows = raw(db, "SELECT id, name, code FROM product WHERE active ORDER BY id")
    starts = re.compile(rf"(^|[^0-9a-z]){re.escape(word)}")
    found = [(len(n), i, n) for i, n, c in rows if starts.search(f"{n} {c}".lower())]
    chosen = sorted(found)[:limit]
    return [n for _, _, n in sorted(chosen, key=lambda f: (f[0], f[2], f[1]))]


def rename(db: Database, code: str, **changes: object) -> None:
    with db.write() as session:
        product = find_by_code(session, code, include_inactive=True)
        assert product is not None
        form = replace(product_form(session, product.id), **changes)
        save_product(session, form, actor=OWNER, at=NOW, product_id=product.id)


def test_the_shortest_matches_are_shown_by_name(db: Database) -> None:
    every = ranked(db, "beras", 50)
    assert len(every) > 3
    assert names(db, "beras") == every
    assert names(db, "BER") == ranked(db, "ber", 50)
    assert names(db, "beras", limit=3) == ranked(db, "beras", 3)
    assert names(db, "beras me 5") == ["Beras Medium 5 kg"]
    assert names(db, "zzz") == []
    assert names(db, " -- ") == []


def test_the_exact_code_or_barcode_comes_first(db: Database) -> None:
    long_name = "Gula Pasir Kristal Putih Premium Kemasan Besar"
    with db.write() as session:
        form = ProductForm(code="GULA", name=long_name, category="Gula", price="1000", cost="900")
        save_product(session, form, actor=OWNER, at=NOW)
    by_name = ranked(db, "gula", 50)
    assert len(by_name) > 2 and by_name[-1] == long_name  # by its name it would come last
    assert names(db, "gula") == [long_name, *by_name[:-1]]
    assert names(db, "Gula", limit=1) == [long_name]
    assert names(db, MYK_1L_BARCODE) == ["Minyakita 1 L Pouch"]
    assert names(db, "brs-med5") == ["Beras Medium 5 kg"]


def test_a_renamed_or_withdrawn_product_is_searched_as_it_is_now(db: Database) -> None:
    assert "Gula Merah Aren" in names(db, "gula")
    rename(db, "GLA-MRH", name="Palm Sugar Aren")
    assert "Gula Merah Aren" not in names(db, "gula")
    assert names(db, "palm su") == ["Palm Sugar Aren"]
    rename(db, "GLA-MRH", active=False)
    assert names(db, "palm") == []
    with db.read() as session:
        withdrawn = product_page(session, ProductFilter(query="palm", inactive=True))
        assert [p.code for p in withdrawn] == ["GLA-MRH"]
        assert product_page(session, ProductFilter(query="palm")) == []
    rename(db, "GLA-MRH", active=True)
    assert names(db, "aren") == ["Palm Sugar Aren"]


def test_a_new_product_is_found_at_once_and_ranked_by_its_name(db: Database) -> None:
    with db.write() as session:
        form = ProductForm(code="GLA-X", name="Gula", category="Gula", price="1000", cost="900")
        save_product(session, form, actor=OWNER, at=NOW)
    assert names(db, "gula")[0] == "Gula"
    assert names(db, "gula", limit=2) == ranked(db, "gula", 2)


def test_the_scan_takes_a_code_before_another_products_barcode(db: Database) -> None:
    with db.write() as session:
        form = ProductForm(
            code=MYK_1L_BARCODE,
            name="Kode seperti barcode",
            category="Gula",
            price="1000",
            cost="900",
        )
        save_product(session, form, actor=OWNER, at=NOW)
    with db.read() as session:
        scanned = find_by_code(session, f" {MYK_1L_BARCODE} ")
        assert scanned is not None and scanned.name == "Kode seperti barcode"
        assert [p.name for p in search_products(session, MYK_1L_BARCODE)][:1] == [
            "Kode seperti barcode"
        ]
        by_barcode = find_by_code(session, "8996114000178")
        assert by_barcode is not None and by_barcode.code == "MYK-500"
        by_code = find_by_code(session, "myk-500")
        assert by_code is not None and by_code.code == "MYK-500"
        assert find_by_code(session, "8990000000000") is None
        assert find_by_code(session, "  ") is None
    rename(db, MYK_1L_BARCODE, active=False)
    with db.read() as session:
        active = find_by_code(session, MYK_1L_BARCODE)
        assert active is not None and active.code == "MYK-1L"
        withdrawn = find_by_code(session, MYK_1L_BARCODE, include_inactive=True)
        assert withdrawn is not None and withdrawn.name == "Kode seperti barcode"
