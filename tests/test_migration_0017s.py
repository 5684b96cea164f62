"""Migration 0017s (the name search ranked by its index) upgrades a shop's 0016 database in
place: only the search index is made again, from the products as they are (a renamed one by
its new name, a withdrawn one left out of the till's search), every product row and seal
kept; the index then follows the products as before."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from gerai.cli import main
from gerai.db import Database
from gerai.demo.generate import create_demo_users, load_catalogue
from gerai.paths import data_dir
from gerai.services.stock.catalog import ProductFilter, product_page, search_products
from gerai.services.stock.inventory import product_for
from gerai.services.stock.products import product_form, save_product
from tests.conftest import NOW, OWNER, raw
from tests.test_catalog_search import names, ranked
from tests.test_migration_0004 import assert_not_rebuilt, tables
from tests.test_migration_0013 import downgrade


def change(database: Database, code: str, **changes: object) -> None:
    with database.write() as session:
        product = product_for(session, code)
        form = replace(product_form(session, product.id), **changes)
        save_product(session, form, actor=OWNER, at=NOW, product_id=product.id)


def searched(database: Database, query: str) -> list[str]:
    with database.read() as session:
        return [p.code for p in search_products(session, query)]


def test_a_0016_database_is_upgraded_without_loss(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'toko.db'}")
    database.upgrade("0016")
    with database.write() as session:
        load_catalogue(session, data_dir(), NOW)
        create_demo_users(session, NOW)
    change(database, "GLA-MRH", name="Palm Sugar Aren")
    change(database, "BRS-KTN-KG", active=False)
    assert database.path is not None
    before = tables(database.path)
    products = raw(database, "SELECT * FROM product ORDER BY id")

    result = CliRunner().invoke(main, ["--db", database.url, "db", "upgrade"])
    assert result.exit_code == 0, result.output

    database.check_ready()
    after = tables(database.path)
    assert_not_rebuilt({k: v for k, v in before.items() if not k.startswith("product_fts")}, after)
    assert "content=''" in after["product_fts"]
    assert raw(database, "SELECT * FROM product ORDER BY id") == products
    assert searched(database, "palm sug") == ["GLA-MRH"]
    assert "GLA-MRH" not in searched(database, "merah")
    assert searched(database, "ketan") == []
    with database.read() as session:
        withdrawn = product_page(session, ProductFilter(query="ketan", inactive=True))
    assert [p.code for p in withdrawn] == ["BRS-KTN-KG"]
    assert names(database, "beras") == ranked(database, "beras", 50)
    verified = CliRunner().invoke(main, ["--db", database.url, "audit", "verify"])
    assert verified.exit_code == 0, verified.output

    change(database, "BRS-KTN-KG", active=True, name="Ketan Hitam")
    assert searched(database, "ketan hi") == ["BRS-KTN-KG"]


def test_a_downgrade_gives_back_the_0016_index_and_an_upgrade_ranks_again(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'toko.db'}")
    database.upgrade()
    with database.write() as session:
        load_catalogue(session, data_dir(), NOW)
        create_demo_users(session, NOW)
    change(database, "GLA-MRH", name="Palm Sugar Aren")
    downgrade(database, "0016")
    by_id = "SELECT rowid FROM product_fts WHERE product_fts MATCH :m ORDER BY rowid"
    sugar = "SELECT id FROM product WHERE name LIKE 'Gula%' ORDER BY id"
    assert raw(database, by_id, m='"gula"*') == raw(database, sugar) != []
    assert raw(database, by_id, m='"palm"*') == raw(
        database, "SELECT id FROM product WHERE code = 'GLA-MRH'"
    )
    database.upgrade()
    assert names(database, "gula") == ranked(database, "gula", 50)
    assert searched(database, "palm") == ["GLA-MRH"]
