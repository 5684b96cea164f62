"""PostgreSQL for the tests: fresh databases on the server named by `GERAI_TEST_PG_URL`, copied
from template databases, and a private throwaway cluster a test may stop and start."""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url

from gerai.db import Database, engine_url

PG_URL_ENV = "GERAI_TEST_PG_URL"
PG_SKIPPED = (
    f"PostgreSQL leg skipped: set {PG_URL_ENV}=postgresql://USER@HOST:PORT/postgres (a server "
    "where USER may create databases) to run it; .ci/run starts one"
)


def pg_url() -> str | None:
    """The test server's URL, when one is given."""
    return os.environ.get(PG_URL_ENV) or None


class PgServer:
    """Creates and drops the tests' databases on one server (names unique to this process)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.admin: Engine = create_engine(engine_url(url), isolation_level="AUTOCOMMIT")
        self._names = (f"gerai_test_{os.getpid()}_{n}" for n in itertools.count())

    def url_of(self, name: str) -> str:
        """The URL of database `name` on this server, in the form a user writes it."""
        return make_url(self.url).set(database=name).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        """A new database (a copy of `template`, else empty); its URL."""
        name = next(self._names)
        with self.admin.connect() as conn:
            copy = f" TEMPLATE {template}{self._strategy(conn)}" if template else ""
            conn.exec_driver_sql(f"CREATE DATABASE {name}{copy}")
        return self.url_of(name)

    @staticmethod
    def _strategy(conn: Connection) -> str:
        """A file copy of the template's folder where the server can (PostgreSQL 15 and
        later), not their default of writing each of its pages through the WAL: about 18 ms of
        server CPU per test database against 32, with the checkpoint it asks for (197 tests'
        server CPU 14.6 -> 11.9 s)."""
        version = conn.dialect.server_version_info or (0,)
        return " STRATEGY FILE_COPY" if version >= (15,) else ""

    def template(self, build: Callable[[Database], None], start: str | None = None) -> str:
        """A new database (a copy of the template `start`, else empty) built on by `build`,
        closed so it can be copied; its name."""
        url = self.create(template=start)
        database = Database(url)
        try:
            build(database)
            # one server process started after the build writes the catalogue cache file
            # (`pg_internal.init`) that every copy's first connection then reads instead of
            # building it: 8 ms of server CPU instead of 11
            database.dispose()
            with database.engine.connect():
                pass
        finally:
            database.dispose()
        return str(make_url(url).database)

    def drop(self, url: str) -> None:
        """Drop the database of `url`, closing any connection still open to it."""
        name = make_url(url).database
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def close(self) -> None:
        """Drop every database this process made and close the admin connection."""
        with self.admin.connect() as conn:
            names = conn.execute(
                text("SELECT datname FROM pg_database WHERE datname LIKE :prefix"),
                {"prefix": f"gerai_test_{os.getpid()}_%"},
            ).scalars()
            for name in list(names):
                conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        self.admin.dispose()


def pg_bindir() -> Path | None:
    """Where the PostgreSQL server programs are (Debian keeps them off the PATH)."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), reverse=True)
    return versions[0].parent if versions else None


def free_port() -> int:
    """A TCP port on the loopback that nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Cluster:
    """A throwaway PostgreSQL cluster in a temporary folder on 127.0.0.1, which a test may
    restart. As root the server runs as the `postgres` user (initdb refuses root)."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="gerai-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(self.folder, "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bindir / program), *args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.folder)

    def _ctl(self, action: str) -> None:
        options = f"-h 127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off"
        self._run(
            "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"),
            "-m", "fast", "-w", action,
        )  # fmt: skip

    def start(self) -> None:
        self._ctl("start")

    def stop(self) -> None:
        self._ctl("stop")

    def restart(self) -> None:
        self._ctl("restart")

    def remove(self) -> None:
        """Stop the server (if running) and delete its folder."""
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
