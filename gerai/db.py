"""Opening the shop's database: SQLite tuned for a till that must not lose a sale (WAL,
synchronous=FULL, foreign keys, busy timeout, every write transaction `BEGIN IMMEDIATE`),
or PostgreSQL through the same URL setting. Database failures become `GeraiError`s."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from sqlalchemy import Connection, Engine, create_engine, event, func, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
)
from sqlmodel import Session, SQLModel, select

from gerai.core.errors import GeraiError, Refused

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

SCHEMA_REVISION = "0017a"
# checked for damage whenever gerai opens the database: the small tables every till reads
# first (settings, users, categories, members, counters), a few ms whatever the size of the
# catalogue and the sales; `quick_check` over the whole file (about 6 ms per MB) runs before
# `stock check`, `audit verify` and imports, and damage any query meets is reported the same
START_CHECKED = (
    "alembic_version", "shopsetting", "useraccount", "category", "member", "receiptcounter",
    "audithead",
)  # fmt: skip
BUSY_TIMEOUT_MS = 8000
CONNECT_TIMEOUT_S = 5
_WRITE = "gerai_write"


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    database = parsed.database
    if parsed.query.get("uri") == "true" and database.startswith("file:"):
        # `sqlite:///file:/path/shop.db?mode=ro&uri=true`: the file is the URI's path
        uri = urlsplit(database)
        if "mode=memory" in uri.query or not uri.path:
            return None
        return Path(unquote(uri.path))
    return Path(database)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        tables, ours = cursor.execute(
            "SELECT count(*), coalesce(sum(name = 'alembic_version'), 0) FROM sqlite_master"
        ).fetchone()
        if ours or not tables:  # never switch another program's SQLite file to WAL
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        begin = "BEGIN IMMEDIATE" if connection.get_execution_options().get(_WRITE) else "BEGIN"
        # on the driver (none of SQLAlchemy's execution path), its error wrapped as SQLAlchemy
        # wraps it (a write lock not had within the busy timeout: OperationalError)
        try:
            connection.connection.driver_connection.execute(begin)
        except sqlite3.Error as error:
            raise DBAPIError.instance(
                begin, (), error, sqlite3.Error, dialect=connection.dialect
            ) from error


def shown(url: str) -> str:
    """How a database is named to the user: the SQLite file, or the URL without password."""
    return str(_sqlite_path(url) or make_url(url).render_as_string(hide_password=True))


def engine_url(url: str) -> URL:
    """The URL SQLAlchemy opens: a bare `postgresql://` URL uses psycopg 3."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        return parsed.set(drivername="postgresql+psycopg")
    return parsed


# SQLSTATEs of a server that went away or is not (yet) taking connections: class 08, and
# 57P01–57P03 (shut down by the administrator, crashed, starting up or shutting down)
_GONE_STATES = ("08", "57P01", "57P02", "57P03")
_RETRY_STATES = ("40001", "40P01", "55P03")  # serialization failure, deadlock, lock not free


def explain(exc: DBAPIError, url: str) -> GeraiError:
    """Turn a driver error into the one-line message a kasir can act on."""
    detail = str(exc.orig).lower()
    where = shown(url)
    if exc.connection_invalidated:
        return GeraiError("db.unreachable", path=where)
    if make_url(url).get_backend_name() == "postgresql":
        state = getattr(exc.orig, "sqlstate", None) or ""
        if state.startswith(_RETRY_STATES):
            return GeraiError("db.locked", path=where)
        if 'database "' in detail and "does not exist" in detail:
            return GeraiError("db.pg_no_database", path=where)
        if "authentication failed" in detail or ("role" in detail and "does not exist" in detail):
            return GeraiError("db.pg_login", path=where, detail=_last_line(exc))
        if not state and any(sign in detail for sign in _BAD_OPTION_SIGNS):
            return GeraiError("db.pg_bad_option", path=where, detail=_last_line(exc))
        if state.startswith(_GONE_STATES) or (not state and isinstance(exc, OperationalError)):
            return GeraiError("db.unreachable", path=where)
    if "locked" in detail or "busy" in detail:
        return GeraiError("db.locked", path=where)
    if "readonly" in detail or "read-only" in detail:
        return GeraiError("db.readonly", path=where)
    if "malformed" in detail or "corrupt" in detail:
        return GeraiError("db.damaged", path=where)
    if "not a database" in detail:
        return GeraiError("db.not_gerai", path=where)
    if "unable to open" in detail:
        return GeraiError("db.cannot_open", path=where)
    if isinstance(exc, IntegrityError):
        return GeraiError("db.conflict", detail=str(exc.orig).splitlines()[0])
    return GeraiError("db.error", path=where, detail=str(exc.orig).splitlines()[0])


# libpq's words for a connection setting it cannot use (`?sslmode=bogus`, `?bogus=1`, SSL
# asked of a server without it): said before any server answers, so without a SQLSTATE
_BAD_OPTION_SIGNS = ("invalid connection option", "bad value for", 'value: "', "ssl was required")


def _last_line(exc: DBAPIError) -> str:
    """The server's own words: the last line of a driver error (psycopg puts them last)."""
    lines = [line.strip() for line in str(exc.orig).splitlines() if line.strip()]
    last = lines[-1].split("FATAL:", 1)[-1].strip() if lines else ""
    return last.removeprefix("connection is bad:").strip()


def _migrations() -> AlembicConfig:
    """Alembic's configuration: gerai's migration scripts."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "gerai:migrations")
    return config


def count_rows(session: Session, table: type[SQLModel]) -> int:
    """How many rows a table holds."""
    return session.exec(select(func.count()).select_from(table)).one()


class Database:
    """One shop database. `read()` and `write()` hand out sessions; `write()` commits."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.path = _sqlite_path(url)
        except (ArgumentError, ValueError) as exc:  # `postgresql://till@host:port-typo/db`
            raise GeraiError("db.bad_url", detail=str(exc)) from exc
        if self.path is None and make_url(url).get_backend_name() == "sqlite":
            raise GeraiError("db.bad_url", detail="sqlite:///FILE")
        if self.path is not None:
            try:
                self.engine = create_engine(
                    url,
                    connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
                )
            except NoSuchModuleError as exc:  # `sqlite+nothing://`
                raise GeraiError("db.bad_scheme", scheme=make_url(url).drivername) from exc
            _configure_sqlite(self.engine)
        else:
            target = engine_url(url)
            # as on SQLite: a lock held too long by another till is an error, not a frozen till;
            # a server that does not answer is reported within seconds
            defaults = {
                "options": f"-c lock_timeout={BUSY_TIMEOUT_MS}",
                "connect_timeout": CONNECT_TIMEOUT_S,
            }
            connect_args = {k: v for k, v in defaults.items() if k not in target.query}
            try:
                self.engine = create_engine(target, pool_pre_ping=True, connect_args=connect_args)
            except ModuleNotFoundError as exc:  # the psycopg extra is not installed
                raise GeraiError("db.no_driver", url=url, module=exc.name) from exc
            except NoSuchModuleError as exc:  # a scheme SQLAlchemy does not know
                raise GeraiError("db.bad_scheme", scheme=target.drivername) from exc
        self._write_engine = self.engine.execution_options(**{_WRITE: True})
        # SQLite: the connection writes run on, kept open between them (see `_writer_bind`)
        self._writer: Connection | None = None
        self._writer_lock = threading.Lock()

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`."""
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed (closing rolls back)."""
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                yield session
        except DBAPIError as exc:
            raise explain(exc, self.url) from exc

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction (`BEGIN IMMEDIATE` on SQLite): all of it commits, or none."""
        try:
            with self._writer_bind() as bind, Session(bind, expire_on_commit=False) as session:
                try:
                    yield session
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise
        except Refused as refused:
            self._leave_trace(refused)
            raise
        except DBAPIError as exc:
            raise explain(exc, self.url) from exc

    @contextmanager
    def _writer_bind(self) -> Iterator[Engine | Connection]:
        """What a write transaction runs on. On SQLite, the writer connection this Database
        keeps open from its first write to `dispose`, held for one transaction at a time: a
        sale then spends no pool checkout and return and no connection set-up (about 6 % of
        a sale on a till that waits for the disk at every commit). The pool instead while
        another thread's write holds it, and on PostgreSQL, where each checkout pings the
        server. After a refusal (`GeraiError`, rolled back) it is kept; after anything else
        (a database error, an interrupt) it goes back to the pool and the next write takes
        one afresh."""
        if self.path is None or not self._writer_lock.acquire(blocking=False):
            yield self._write_engine
            return
        try:
            if self._writer is None:
                self._writer = self._write_engine.connect()
            yield self._writer
        except GeraiError:
            raise
        except BaseException:
            self._close_writer()
            raise
        finally:
            self._writer_lock.release()

    def _close_writer(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.close()

    def _leave_trace(self, refused: Refused) -> None:
        """Commit what a refusal must leave behind, in a transaction of its own."""
        try:
            with Session(self._write_engine, expire_on_commit=False) as session:
                refused.aftermath(session)
                session.commit()
        except DBAPIError as exc:
            raise explain(exc, self.url) from exc

    def revision(self) -> str | None:
        """The schema revision stored in the database, or None when it has none."""
        try:
            with self.engine.connect() as conn:
                if not inspect(conn).has_table("alembic_version"):
                    return None
                return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError as exc:
            raise explain(exc, self.url) from exc

    def has_tables(self) -> bool:
        """True when the database holds any table at all (False for a new, blank file)."""
        try:
            with self.engine.connect() as conn:
                return bool(inspect(conn).get_table_names())
        except DBAPIError as exc:
            raise explain(exc, self.url) from exc

    def check_ready(self) -> None:
        """Refuse, with a clear message, a database that is missing, empty, foreign, newer
        than this gerai, outdated or damaged (the tables of START_CHECKED)."""
        if self.path is not None and not self.path.exists():
            raise GeraiError("db.missing", path=str(self.path))
        revision = self.revision()
        if revision is None:
            key = "db.not_gerai" if self.has_tables() else "db.empty"
            raise GeraiError(key, path=shown(self.url))
        if revision != SCHEMA_REVISION:
            self._refuse_newer(revision)
            raise GeraiError("db.outdated", revision=revision, head=SCHEMA_REVISION)
        self.check_intact(START_CHECKED)

    def check_intact(self, tables: tuple[str, ...] = ()) -> None:
        """Refuse a damaged SQLite file ("rusak": restore a backup): SQLite's `quick_check`
        of `tables` and their indexes, or of the whole file when none are named. Nothing to
        do on PostgreSQL, whose server checks its own pages."""
        if self.path is None:
            return
        checks = [f"PRAGMA quick_check('{table}')" for table in tables] or ["PRAGMA quick_check"]
        try:
            with self.engine.connect() as conn:
                for check in checks:
                    if conn.exec_driver_sql(check).scalar() != "ok":
                        raise GeraiError("db.damaged", path=str(self.path))
        except DBAPIError as exc:
            raise explain(exc, self.url) from exc

    def _refuse_newer(self, revision: str) -> None:
        """Refuse a database stored by a newer gerai: a revision this one does not know, past
        its own (revision ids are zero-padded numbers), or one it cannot upgrade from."""
        if revision <= SCHEMA_REVISION:
            return
        from alembic.script import ScriptDirectory
        from alembic.util.exc import CommandError

        try:
            known = ScriptDirectory.from_config(_migrations()).get_revision(revision) is not None
        except CommandError:
            known = False
        if not known:
            raise GeraiError("db.newer", path=shown(self.url), revision=revision)

    def upgrade(self, revision: str = "head") -> None:
        """Create the database if needed and apply the migrations up to `revision`. A database
        holding another program's tables is refused, not changed."""
        if self.path is None or self.path.exists():
            stored = self.revision()
            if stored is None and self.has_tables():
                raise GeraiError("db.not_gerai", path=str(self.path or self.url))
            if stored is not None:
                self._refuse_newer(stored)
        else:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
            except OSError as exc:
                raise GeraiError(
                    "db.cannot_create", path=str(self.path), reason=exc.strerror
                ) from exc
        from alembic import command
        from alembic.util.exc import CommandError

        config = _migrations()
        try:
            with self._write_engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
        except CommandError as exc:  # a revision no gerai ever made
            raise GeraiError("db.error", path=shown(self.url), detail=str(exc)) from exc
        except DBAPIError as exc:
            raise explain(exc, self.url) from exc

    def dispose(self, close: bool = True) -> None:
        """Close the writer connection and every pooled connection (the next use opens them
        again); `close=False` in a forked child: forget its parent's, left open for it."""
        if close:
            with self._writer_lock:
                self._close_writer()
        else:
            self._writer, self._writer_lock = None, threading.Lock()
        self.engine.dispose(close=close)
