"""The SQLite writer connection (`Database.write`): kept open between write transactions,
each of which still commits all or nothing; another thread's write meanwhile runs on a
pooled connection; after a database error the next write works; `dispose` closes it."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.db import Database
from tests.conftest import raw

pytestmark = pytest.mark.sqlite_only("the writer connection is SQLite's")

INSERT = text("INSERT INTO category (name, member_discount_bp) VALUES (:name, NULL)")


def driver(session: Session) -> sqlite3.Connection:
    connection = session.connection().connection.driver_connection
    assert isinstance(connection, sqlite3.Connection)
    return connection


def categories(db: Database, name: str) -> int:
    return int(raw(db, "SELECT count(*) FROM category WHERE name = :name", name=name)[0][0])


def test_writes_share_one_connection_and_each_commits_all_or_nothing(empty_db: Database) -> None:
    with empty_db.write() as session:
        first = session.connection()  # SQLAlchemy's: the pool would hand out a new one
        session.execute(INSERT, {"name": "Beras"})
    with pytest.raises(GeraiError), empty_db.write() as session:
        assert session.connection() is first
        session.execute(INSERT, {"name": "Gula"})
        raise GeraiError("pay.empty_cart")  # a rule refuses halfway
    with empty_db.write() as session:
        assert session.connection() is first
        session.execute(INSERT, {"name": "Minyak"})
    assert [categories(empty_db, n) for n in ("Beras", "Gula", "Minyak")] == [1, 0, 1]


def test_a_write_on_another_thread_meanwhile_runs_on_its_own_connection(
    empty_db: Database,
) -> None:
    started, other_done = threading.Event(), threading.Event()
    seen: list[sqlite3.Connection] = []

    def other_till() -> None:
        started.wait(5)
        with empty_db.write() as session:  # waits for the first write's lock, then commits
            seen.append(driver(session))
            session.execute(INSERT, {"name": "Telur"})
        other_done.set()

    thread = threading.Thread(target=other_till)
    thread.start()
    with empty_db.write() as session:
        mine = driver(session)
        session.execute(INSERT, {"name": "Garam"})
        started.set()
        assert not other_done.wait(0.3)  # SQLite's write lock: the other write waits
    thread.join(10)
    assert other_done.is_set() and seen and seen[0] is not mine
    assert categories(empty_db, "Garam") == categories(empty_db, "Telur") == 1


def test_after_a_database_error_or_a_crash_the_next_write_takes_a_connection_afresh(
    empty_db: Database,
) -> None:
    with empty_db.write() as session:
        first = session.connection()
        session.execute(INSERT, {"name": "Kopi"})
    with pytest.raises((IntegrityError, GeraiError)), empty_db.write() as session:
        session.execute(INSERT, {"name": "Susu"})
        session.execute(INSERT, {"name": "Kopi"})  # the name is unique: nothing of it stays
    with empty_db.write() as session:
        second = session.connection()
        session.execute(INSERT, {"name": "Teh"})
    with pytest.raises(RuntimeError), empty_db.write() as session:
        session.execute(INSERT, {"name": "Gula"})
        raise RuntimeError("a bug halfway")
    with empty_db.write() as session:
        assert session.connection() is not second and second is not first
        session.execute(INSERT, {"name": "Garam"})
    assert [categories(empty_db, n) for n in ("Kopi", "Susu", "Teh", "Gula", "Garam")] == [
        1,
        0,
        1,
        0,
        1,
    ]


def test_dispose_closes_the_writer(empty_db: Database) -> None:
    with empty_db.write() as session:
        first = driver(session)
    empty_db.dispose()
    with pytest.raises(sqlite3.ProgrammingError):
        first.execute("SELECT 1")
    with empty_db.write() as session:
        assert driver(session) is not first
