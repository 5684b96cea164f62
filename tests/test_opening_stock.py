"""Stok awal: the catalogue import's opening stock is one `SA` document (sealed) whose `opening`
movements are exactly the file's quantities, so the ledger sums to them; a later import gives
opening stock only to products whose stock never moved, refusing the whole file otherwise;
the stock card (screen, CSV, PDF) names the document."""

from __future__ import annotations

import itertools
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gerai.cli import main
from gerai.db import Database
from gerai.models import OPENING_STOCK
from gerai.services.audit.seals import check_seals, covered
from gerai.services.audit.verify import verify
from gerai.services.importing import ImportRefused
from gerai.services.stock.import_export import PRODUCT_COLUMNS, import_products
from gerai.services.stock.ledger import stock_check
from gerai.tabular import Table
from tests.conftest import NOW, OWNER, copy_database, raw

COUNTER = itertools.count()
DAY = f"{NOW:%Y%m%d}"  # NOW's business day in WITA: 30 November
DEMO_SA = f"SA-{DAY}-001"  # the demo catalogue's own opening stock

# a row: sold by weight?, its opening stock (None: the cell left empty), its cost (HPP)
pieces = st.one_of(st.none(), st.integers(0, 500).map(Decimal))
kilos = st.one_of(st.none(), st.integers(0, 50_000).map(lambda n: Decimal(n) / 1000))
row = st.booleans().flatmap(
    lambda weighed: st.tuples(
        st.just(weighed), kilos if weighed else pieces, st.integers(0, 250_000)
    )
)
rows = st.lists(row, min_size=1, max_size=8)
restocks = st.lists(st.one_of(st.none(), st.integers(0, 40).map(Decimal)), min_size=8, max_size=8)


def table(products: list[tuple[bool, Decimal | None, int]]) -> Table:
    """A catalogue file of products `OPN-0`, `OPN-1`...."""
    return Table(
        PRODUCT_COLUMNS,
        [
            {
                "code": f"OPN-{n}", "barcodes": "", "name": f"Barang awal {n}",
                "category": "Uji", "unit": "kg" if weighed else "pcs",
                "sold_by_weight": weighed, "price": cost + 1000, "cost": cost,
                "stock": "" if qty is None else str(qty),
            }
            for n, (weighed, qty, cost) in enumerate(products)
        ],
        list(range(2, len(products) + 2)),
    )  # fmt: skip


def opened(database: Database, number: str) -> dict[str, Decimal]:
    """Each product's movements under document `number`, summed, by code."""
    return {
        code: Decimal(total) / 1000
        for code, total in raw(
            database,
            "SELECT p.code, sum(m.qty) FROM stockmovement m JOIN product p ON p.id = m.product_id"
            " WHERE m.ref = :n AND m.kind = 'opening' GROUP BY p.code",
            n=number,
        )
    }


def stocks(database: Database) -> dict[str, Decimal]:
    return {
        code: Decimal(stock) / 1000
        for code, stock in raw(database, "SELECT code, stock FROM product WHERE code LIKE 'OPN-%'")
    }


def proved(database: Database) -> None:
    with database.read() as session:
        assert stock_check(session) == []
        assert check_seals(session, [covered(OPENING_STOCK)]) is None


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(products=rows, again=restocks)
def test_the_opening_stock_is_the_files_quantities_and_the_ledger_sums_to_it(
    catalogue_file: Path,
    tmp_path: Path,
    products: list[tuple[bool, Decimal | None, int]],
    again: list[Decimal | None],
) -> None:
    path = tmp_path / f"example-{next(COUNTER)}.db"
    copy_database(catalogue_file, path)
    database = Database(f"sqlite:///{path}")
    try:
        with database.write() as session:
            report = import_products(session, table(products), NOW, actor=OWNER)
        wanted = {f"OPN-{n}": qty or Decimal(0) for n, (_, qty, _) in enumerate(products)}
        given_stock = {code: qty for code, qty in wanted.items() if qty}
        assert stocks(database) == wanted
        assert report.opening == (f"SA-{DAY}-002" if given_stock else "")
        documents = raw(database, "SELECT number, products, value FROM openingstock")
        if given_stock:
            assert opened(database, report.opening) == given_stock
            value = sum(
                int((qty * cost).quantize(Decimal(1), rounding=ROUND_HALF_UP))
                for _, qty, cost in products
                if qty
            )
            assert documents[-1] == (report.opening, len(given_stock), value)
        else:
            assert len(documents) == 1  # the demo's only
        proved(database)

        # again, with new figures: refused whole when a product that has stock gets another
        later = [(w, qty, cost) for (w, _, cost), qty in zip(products, again, strict=False)]
        moved = [
            code
            for code, (_, qty, _) in zip(wanted, later, strict=True)
            if qty is not None and qty != wanted[code] and given_stock.get(code)
        ]
        before = raw(database, "SELECT count(*) FROM stockmovement")
        if moved:
            with pytest.raises(ImportRefused) as refused, database.write() as session:
                import_products(session, table(later), NOW, actor=OWNER)
            assert [p.row - 2 for p in refused.value.problems] == [
                int(code.removeprefix("OPN-")) for code in moved
            ]
            assert raw(database, "SELECT count(*) FROM stockmovement") == before
            assert stocks(database) == wanted
        else:
            with database.write() as session:
                second = import_products(session, table(later), NOW, actor=OWNER)
            expected = {
                code: wanted[code] if qty is None else qty
                for code, (_, qty, _) in zip(wanted, later, strict=True)
            }
            assert stocks(database) == expected
            first = opened(database, report.opening) if report.opening else {}
            added = opened(database, second.opening) if second.opening else {}
            assert {code: first.get(code, 0) + added.get(code, 0) for code in expected} == expected
        proved(database)
    finally:
        database.dispose()


def test_the_stock_card_names_the_opening_document(
    catalogue_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["--db", catalogue_db.url, "stock", "card", "MYK-1L"])
    assert result.exit_code == 0, result.output
    assert f"Stok awal,{DEMO_SA},impor katalog,144,,144" in result.stdout
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        main, ["--db", catalogue_db.url, "stock", "card", "MYK-1L", "--format", "pdf"]
    )
    assert result.exit_code == 0, result.output
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "kartu-stok-MYK-1L.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert DEMO_SA in text and "Stok awal" in text
    with catalogue_db.read() as session:
        assert verify(session).broken is None
    assert raw(catalogue_db, "SELECT number, created_by FROM openingstock") == [(DEMO_SA, "system")]


def new_products(database: Database) -> None:
    """OPN-0 (pieces, HPP 4.000) and OPN-1 (kg, HPP 12.000) in the catalogue, no stock yet."""
    with database.write() as session:
        import_products(
            session, table([(False, None, 4000), (True, None, 12_000)]), NOW, actor=OWNER
        )


def test_stock_opening_books_the_stok_awal_of_catalogued_products(
    catalogue_db: Database, tmp_path: Path
) -> None:
    new_products(catalogue_db)
    path = tmp_path / "stok-awal.csv"
    path.write_text("Kode,Stok awal\nopn-0,12\nOPN-1,2.5\n", encoding="utf-8")
    runner = CliRunner()
    done = runner.invoke(main, ["--db", catalogue_db.url, "stock", "opening", str(path)])
    assert done.exit_code == 0, done.output
    [(number, products, value, by)] = raw(
        catalogue_db,
        "SELECT number, products, value, created_by FROM openingstock WHERE number != :demo",
        demo=DEMO_SA,
    )
    assert (products, value, by) == (2, 12 * 4000 + 30_000, "system")
    assert done.stdout.strip().startswith(f"Stok awal dicatat: {number}, 2 barang, nilai Rp78.000")
    assert opened(catalogue_db, number) == {"OPN-0": 12, "OPN-1": Decimal("2.5")}
    assert stocks(catalogue_db) == {"OPN-0": 12, "OPN-1": Decimal("2.5")}
    assert raw(catalogue_db, "SELECT actor, ref FROM auditrecord WHERE kind = 'opening_stock'") == [
        ("system", number)
    ]
    proved(catalogue_db)
    with catalogue_db.read() as session:
        assert verify(session).broken is None


def test_stock_opening_refuses_a_bad_file_whole_naming_every_row(
    catalogue_db: Database, tmp_path: Path
) -> None:
    new_products(catalogue_db)
    path = tmp_path / "stok-awal.csv"
    path.write_text(
        "code,stock\nOPN-0,5\nTIDAK-ADA,3\nOPN-0,1\nOPN-1,-2\nMYK-1L,10\n", encoding="utf-8"
    )
    movements = raw(catalogue_db, "SELECT count(*) FROM stockmovement")
    done = CliRunner().invoke(main, ["--db", catalogue_db.url, "stock", "opening", str(path)])
    assert done.exit_code == 1
    assert "Traceback" not in done.output
    problems = [line for line in done.stderr.splitlines() if line.startswith("baris")]
    assert [line.split(":")[0] for line in problems] == [
        "baris 3, Kode",
        "baris 4, Kode",
        "baris 5, Stok awal",
        "baris 6, Stok awal",
    ]
    assert "MYK-1L sudah punya mutasi stok (stok sekarang 144 pcs)" in problems[-1]
    assert raw(catalogue_db, "SELECT count(*) FROM stockmovement") == movements
    assert raw(catalogue_db, "SELECT number FROM openingstock") == [(DEMO_SA,)]
    fractions = tmp_path / "pecahan.csv"
    fractions.write_text("Kode,Stok awal\nOPN-0,1.5\n", encoding="utf-8")
    done = CliRunner().invoke(main, ["--db", catalogue_db.url, "stock", "opening", str(fractions)])
    assert done.exit_code == 1 and "baris 2, Stok awal" in done.stderr
