"""Statements run straight on the driver (`gerai/services/prepared.py`) bind and read values
exactly as SQLAlchemy does, on both engines, run in the session's transaction, and raise the
errors SQLAlchemy raises."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.db import Database
from gerai.models import Qty, UTCDateTime
from gerai.services.prepared import Prepared, savepoint

PROBE = Table(
    "prepared_probe",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("day", Date),
    Column("at", UTCDateTime),
    Column("qty", Qty),
    Column("flag", Boolean),
    Column("word", String),
)
INSERT = Prepared(PROBE.insert())
INSERT_RETURNING = Prepared(PROBE.insert().returning(PROBE.c.id))
ALL = select(PROBE.c.day, PROBE.c.at, PROBE.c.qty, PROBE.c.flag, PROBE.c.word).order_by(PROBE.c.id)
AMONG = Prepared(
    select(PROBE.c.id).where(PROBE.c.id.in_(bindparam("ids", expanding=True))).order_by(PROBE.c.id)
)
ROWS = [
    {
        "day": date(2026, 12, 6),
        "at": datetime(2026, 12, 6, 3, 4, 5, 678901, tzinfo=timezone(timedelta(hours=8))),
        "qty": Decimal("1.250"),
        "flag": True,
        "word": "gula 50%",
    },
    {"day": None, "at": None, "qty": Decimal("-3"), "flag": False, "word": None},
]


@pytest.fixture
def probe(empty_db: Database) -> Iterator[Database]:
    PROBE.create(empty_db.engine)
    yield empty_db


def test_values_bind_and_read_back_as_through_sqlalchemy(probe: Database) -> None:
    with Session(probe.engine) as session:
        first = INSERT_RETURNING.scalar(session, ROWS[0])
        INSERT.many(session, ROWS[1:])
        session.connection().execute(PROBE.insert(), ROWS)
        session.commit()
    with Session(probe.engine) as session:
        through_sqlalchemy = [tuple(row) for row in session.connection().execute(ALL)]
        direct = Prepared(ALL).rows(session)
    expected = [tuple(row.values()) for row in ROWS] * 2
    assert through_sqlalchemy == direct == expected
    assert direct[0][1] == ROWS[0]["at"] and direct[0][1].tzinfo == UTC
    assert isinstance(first, int)


def test_a_list_for_in_compiles_for_each_length(probe: Database) -> None:
    with Session(probe.engine) as session:
        ids = [INSERT_RETURNING.scalar(session, ROWS[1]) for _ in range(4)]
        assert AMONG.rows(session, {"ids": ids[:1]}) == [(ids[0],)]
        assert AMONG.rows(session, {"ids": ids[1:]}) == [(i,) for i in ids[1:]]
        assert AMONG.rows(session, {"ids": [ids[2], -1]}) == [(ids[2],)]


def test_it_runs_in_the_sessions_transaction(probe: Database) -> None:
    with Session(probe.engine) as session:
        INSERT.many(session, ROWS)
        assert len(Prepared(ALL).rows(session)) == 2
        session.rollback()
    with Session(probe.engine) as session:
        assert Prepared(ALL).rows(session) == []


def test_driver_errors_are_raised_as_sqlalchemy_raises_them(probe: Database) -> None:
    with Session(probe.engine) as session:
        taken = INSERT_RETURNING.scalar(session, ROWS[0])
        with pytest.raises(IntegrityError) as raised:
            INSERT.many(session, [{"id": taken, **ROWS[1]}])
        assert "prepared_probe" in str(raised.value.statement)


def test_a_savepoint_undoes_its_own_work_only_and_a_failure_in_it_too(probe: Database) -> None:
    with probe.write() as session:
        INSERT.many(session, ROWS[:1])
        with savepoint(session) as undo:
            INSERT.many(session, ROWS[1:])
            undo()
        assert [row[4] for row in Prepared(ALL).rows(session)] == ["gula 50%"]
        taken = INSERT_RETURNING.scalar(session, ROWS[1])
        with pytest.raises(IntegrityError), savepoint(session):
            INSERT.many(session, [{"id": taken + 1, **ROWS[1]}, {"id": taken, **ROWS[1]}])
        # the transaction goes on (on PostgreSQL too, where the error aborted it)
        with savepoint(session):
            INSERT.many(session, [{**ROWS[1], "word": "kept"}])
    with probe.read() as session:
        assert [row[4] for row in Prepared(ALL).rows(session)] == ["gula 50%", None, "kept"]


def test_a_missing_value_is_refused_before_the_driver(probe: Database) -> None:
    with Session(probe.engine) as session, pytest.raises(ValueError, match="ids"):
        Prepared(select(PROBE.c.id).where(PROBE.c.id == bindparam("ids"))).rows(session)


def test_the_same_session_runs_each_statement_in_its_current_transaction(probe: Database) -> None:
    with Session(probe.engine) as session:
        INSERT.many(session, ROWS)
        session.rollback()  # the connection held for the statements is let go with it
        INSERT.many(session, ROWS[:1])
        session.commit()
        INSERT.many(session, ROWS[1:])
        assert len(Prepared(ALL).rows(session)) == 2
        session.rollback()
    with Session(probe.engine) as session:
        assert Prepared(ALL).rows(session) == [tuple(ROWS[0].values())]


def test_a_value_shared_by_rows_is_bound_right_in_each(probe: Database) -> None:
    moment, day = ROWS[0]["at"], ROWS[0]["day"]
    rows = [
        {**ROWS[0], "qty": Decimal(n), "flag": n % 2 == 0, "word": f"w{n}", "at": moment}
        for n in range(4)
    ] + [{**ROWS[1], "day": day}]
    with Session(probe.engine) as session:
        INSERT.many(session, rows)
        assert Prepared(ALL).rows(session) == [tuple(row.values()) for row in rows]


@pytest.mark.sqlite_only("SQLite's write lock, taken at BEGIN IMMEDIATE")
def test_a_write_lock_not_had_is_the_locked_message(
    empty_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("gerai.db.BUSY_TIMEOUT_MS", 50)
    assert empty_db.path is not None
    waiting = Database(f"sqlite:///{empty_db.path}")
    with empty_db.write() as session:
        session.connection()
        with pytest.raises(GeraiError) as raised, waiting.write() as other:
            other.connection()
    waiting.dispose()
    assert raised.value.key == "db.locked"
