"""The products screen's page of a search that much of the catalogue matches (a letter typed):
SQLite walks the names in order instead of sorting every match, and shows the same pages,
forward and back, with every filter."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from gerai.db import Database
from gerai.services.stock import catalog
from gerai.services.stock.catalog import ProductFilter, ProductInfo, product_page

pytestmark = pytest.mark.sqlite_only("the walk along the names is SQLite's plan")

QUERIES = ["b", "be", "m", "beras", "a 1", "5", "zzz"]


def pages(db: Database, filters: ProductFilter, size: int = 5) -> list[list[ProductInfo]]:
    """Every page forward from the first, then the page before each of them but the first
    (which must be the one before it)."""
    with db.read() as session:
        forward = [product_page(session, filters, limit=size)]
        while len(forward[-1]) == size:
            last = forward[-1][-1]
            forward.append(product_page(session, filters, after=(last.name, last.id), limit=size))
        back = [
            product_page(session, filters, before=(page[0].name, page[0].id), limit=size)
            for page in forward[1:]
            if page
        ]
    assert back == forward[: len(back)]
    return forward + back


@pytest.mark.parametrize("query", QUERIES)
def test_the_name_walk_shows_the_pages_the_sorted_matches_show(
    db: Database, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    with db.read() as session:
        category = catalog.categories(session)[0][0]
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    for filters in (
        ProductFilter(query),
        ProductFilter(query, category_id=category),
        ProductFilter(query, low_stock=True),
        ProductFilter(query, inactive=True),
    ):
        monkeypatch.setattr(catalog, "_MANY_MATCHES", 10**9)  # the matches sorted
        sorted_pages = pages(db, filters)
        assert not any("product.id + " in s for s in statements)
        monkeypatch.setattr(catalog, "_MANY_MATCHES", 1)  # any match: the names walked
        statements.clear()
        walked = pages(db, filters)
        found = sum(len(page) for page in walked)
        assert not found or any("product.id + " in s for s in statements)
        assert walked == sorted_pages
        statements.clear()
    if query != "zzz":
        with db.read() as session:
            assert product_page(session, ProductFilter(query), limit=3)
