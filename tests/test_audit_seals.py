"""Row seals (gerai/services/audit/seals.py): a sealed row edited, deleted or slipped in
straight in the database file is caught and named; every table of the schema is either
sealed or says why it needs no seal."""

from __future__ import annotations

import json
from datetime import UTC
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect

from gerai.db import Database
from gerai.models import CATEGORY
from gerai.services.audit import seals
from gerai.services.audit.seals import (
    COVERED,
    UNSEALED,
    Covered,
    check_seals,
    seal,
    seal_all,
)
from gerai.services.audit.trail import require_intact
from tests.conftest import NOW, raw, tamper

CATEGORIES = (Covered(CATEGORY, ("name", "member_discount_bp")),)


@pytest.fixture
def sealed(db: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    """The demo's categories sealed as they are (categories covered for these tests)."""
    monkeypatch.setattr("gerai.services.audit.seals.COVERED", CATEGORIES)
    with db.write() as session:
        seal_all(session, CATEGORY, actor="admin", at=NOW)
    return db


def first_break(db: Database) -> tuple[str, str] | None:
    with db.read() as session:
        found = check_seals(session, CATEGORIES)
    return None if found is None else (found.reason, found.ref)


def category_id(db: Database) -> int:
    return int(raw(db, "SELECT min(id) FROM category")[0][0])


def test_untouched_sealed_rows_verify_and_the_chain_holds(sealed: Database) -> None:
    assert first_break(sealed) is None
    with sealed.read() as session:
        assert require_intact(session) >= 1


def test_an_edited_row_is_named(sealed: Database) -> None:
    row = category_id(sealed)
    tamper(sealed, f"UPDATE category SET member_discount_bp = 5000 WHERE id = {row}")
    assert first_break(sealed) == ("audit.row_changed", f"category#{row}")


def test_a_deleted_row_is_named(sealed: Database) -> None:
    row = int(raw(sealed, "SELECT max(id) FROM category")[0][0])
    first = category_id(sealed)
    tamper(
        sealed,
        f"UPDATE product SET category_id = {first} WHERE category_id = {row}",
        f"DELETE FROM category WHERE id = {row}",
    )
    assert first_break(sealed) == ("audit.row_deleted", f"category#{row}")


def test_a_row_slipped_in_is_named(sealed: Database) -> None:
    tamper(sealed, "INSERT INTO category (id, name) VALUES (9999, 'Selundupan')")
    assert first_break(sealed) == ("audit.row_unsealed", "category#9999")


def test_a_change_sealed_by_its_writer_verifies(sealed: Database) -> None:
    row = category_id(sealed)
    with sealed.write() as session:
        session.connection().execute(
            CATEGORY.update().where(CATEGORY.c.id == row).values(member_discount_bp=250)
        )
        seal(session, CATEGORY, [row], actor="admin", at=NOW)
    assert first_break(sealed) is None


def test_a_delete_sealed_by_its_writer_verifies(sealed: Database) -> None:
    with sealed.write() as session:
        session.connection().execute(CATEGORY.insert().values(id=9998, name="Sementara"))
        seal(session, CATEGORY, [9998], actor="admin", at=NOW)
    assert first_break(sealed) is None
    with sealed.write() as session:
        session.connection().execute(CATEGORY.delete().where(CATEGORY.c.id == 9998))
        seal(session, CATEGORY, [9998], actor="admin", at=NOW)
    assert first_break(sealed) is None
    tamper(sealed, "INSERT INTO category (id, name) VALUES (9998, 'Sementara')")
    assert first_break(sealed) == ("audit.row_unsealed", "category#9998")


def test_every_table_is_sealed_or_says_why_not(db: Database) -> None:
    with db.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
    shadows = {name for name in tables if name.startswith("product_fts_")}  # the FTS5 index's own
    tables -= shadows
    covered = {entry.name for entry in COVERED}
    assert not covered & set(UNSEALED), "a table is both sealed and unsealed"
    assert tables - covered - set(UNSEALED) == set(), "tables neither sealed nor explained"
    for entry in COVERED:
        assert set(entry.columns) <= set(entry.table.c.keys()), entry.name


def test_a_big_seal_reads_its_span_and_agrees_with_small_ones(sealed: Database) -> None:
    ids = list(range(1, 6_001))  # more than a batch: the span is read at once
    with sealed.write() as session:
        big = seal(session, CATEGORY, ids, actor="admin", at=NOW)
        small = seal(session, CATEGORY, ids[:50], actor="admin", at=NOW)
    details = {
        seq: json.loads(detail)["rows"]
        for seq, detail in raw(
            sealed, "SELECT seq, detail FROM auditrecord WHERE kind = 'rows_sealed'"
        )
    }
    assert len(details[big]) == 6_000
    stored = {str(row[0]) for row in raw(sealed, "SELECT id FROM category")}
    assert {key for key, digest in details[big].items() if digest} == stored
    assert all(details[big][key] == digest for key, digest in details[small].items())
    assert first_break(sealed) is None
    tamper(sealed, f"UPDATE category SET name = 'x' WHERE id = {category_id(sealed)}")
    assert first_break(sealed) == ("audit.row_changed", f"category#{category_id(sealed)}")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.booleans(),
            st.integers(),
            st.text(),
            st.floats(allow_nan=False),
            st.decimals(allow_nan=False, allow_infinity=False, places=3),
            st.dates(),
            st.datetimes(timezones=st.just(UTC)),
        ),
        max_size=15,
    ),
    st.text(),
)
def test_a_rows_text_is_the_json_it_always_was(values: list[Any], key: str) -> None:
    """The text a row's digest is taken of stays what `json.dumps` wrote for every kind of
    column value (a faster writer must not change it: rows sealed before must still match)."""
    plain = [seals._plain(value) for value in values]
    expected = json.dumps(["product", key, plain], separators=(",", ":"), ensure_ascii=False)
    assert seals._row_text("product", key, values) == expected


@given(
    id_=st.integers(min_value=1, max_value=2**40),
    values=st.lists(st.none() | st.booleans() | st.integers() | st.text(), max_size=14),
)
def test_digests_made_from_the_values_json_are_the_row_digests(id_: int, values: list) -> None:
    """Issue 19: an import works out its seals' JSON before the write lock; joined to the id
    under it, the digest is the one `audit verify` recomputes from the row."""
    made = seals.digests_by_id(CATEGORY, [(id_, seals.values_json(values))])
    assert made == {str(id_): seals.row_digest("category", str(id_), values)}
