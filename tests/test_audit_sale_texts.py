"""On SQLite, `audit verify` digests each sale from the JSON SQLite itself makes of its lines
and payments (`sale_rows.SaleTexts`), and digests it again from its rows in Python only when
that differs. So SQLite's JSON must match Python's for what gerai writes, and must never make a
changed row match: these tests hold both."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gerai.db import Database
from gerai.services.audit import sale_digest
from gerai.services.audit.stream import compact_json
from tests.conftest import tamper
from tests.test_audit_verify import SALE_1, sell

pytestmark = pytest.mark.sqlite_only("SQLite's own JSON, on SQLite only")


def sqlite_json(value: Any) -> str:
    """SQLite's `json_array` of one value, as the check reads it."""
    with closing(sqlite3.connect(":memory:")) as db:
        made: str = db.execute("SELECT json_array(?)", (value,)).fetchone()[0]
    return made


@given(st.one_of(st.integers(-(2**63), 2**63 - 1), st.text(), st.none()))
def test_sqlite_writes_an_integer_a_text_or_null_as_python_does(value: Any) -> None:
    assert sqlite_json(value) == compact_json([value])


@given(st.floats(allow_nan=False))
def test_sqlite_never_writes_a_real_as_an_integer(value: float) -> None:
    assert re.fullmatch(r"\[-?[0-9]+\]", sqlite_json(value)) is None


@pytest.fixture
def unusual(db: Database) -> Database:
    """Sales of a product whose name needs escaping (quotes, a backslash, non-ASCII), one by
    a member, one paid partly by QRIS."""
    tamper(db, "UPDATE product SET name = 'Minyak \"Goreng\" \\ é ✓ 1 L' WHERE code = 'MYK-1L'")
    sell(db, [("MYK-1L", "2"), ("GLA-KG", "1.5")])
    sell(db, [("IDM-GRG", "5")], member=True)
    sell(db, [("AQA-600", "3"), ("TLR-KG", "0.75")], qris=True)
    return db


def test_an_intact_shop_matches_on_sqlites_json_alone(
    unusual: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_second_look(*_: Any) -> None:
        raise AssertionError("a sale was digested again from its rows")

    monkeypatch.setattr(sale_digest, "rows_of", no_second_look)
    monkeypatch.setattr(sale_digest, "fields_of", no_second_look)
    with unusual.read() as session:
        assert sale_digest.check_sales(session) is None


@pytest.mark.parametrize(
    ("stored", "changed"),
    [("0", False), ("''", False), ("0.0", False), ("2", True), ("-1", True), ("'abc'", True),
     ("1.5", True), ("'true'", True)],
)  # fmt: skip
def test_price_overridden_counts_as_python_reads_it(
    unusual: Database, stored: str, changed: bool
) -> None:
    """A line sold at its price (not overridden) with `price_overridden` set to another value
    straight in the file: changed exactly when Python's `bool` reads it as true."""
    tamper(
        unusual,
        "UPDATE saleline SET price_overridden = "
        f"{stored} WHERE sale_id = (SELECT id FROM sale WHERE receipt_no = '{SALE_1}')",
    )
    with unusual.read() as session:
        found = sale_digest.check_sales(session)
    assert (found is not None and found.ref == SALE_1) is changed


@pytest.mark.parametrize(
    ("stored", "changed"),
    [
        ("substr(created_at, 1, 10) || 'T' || substr(created_at, 12) || '+00:00'", False),
        ("datetime(created_at, '+8 hours') || '+08:00'", False),  # the same moment
        ("datetime(created_at, '+1 second')", True),
    ],
)
def test_a_sales_time_counts_as_python_reads_it(
    unusual: Database, stored: str, changed: bool
) -> None:
    """A sale's time written straight into the file in another form: changed exactly when
    it is another moment (`moment_text`)."""
    tamper(unusual, f"UPDATE sale SET created_at = {stored} WHERE receipt_no = '{SALE_1}'")
    with unusual.read() as session:
        found = sale_digest.check_sales(session)
    assert (found is not None and found.ref == SALE_1) is changed
