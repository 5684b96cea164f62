"""Shared fixtures: real databases, migrated, holding the shipped demo catalogue, members,
shop settings and demo users (no sales), copied per test from one template built once per
session. The core fixtures (`empty_db`, `catalogue_db`, `db`) run each test on SQLite and on
PostgreSQL (the server named by `GERAI_TEST_PG_URL`; without it that leg is skipped). A test
that is about SQLite files is marked `@pytest.mark.sqlite_only(reason)` and runs on SQLite
alone."""

from __future__ import annotations

import gc
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import text
from sqlmodel import Session

from gerai.cli.progress import set_quiet
from gerai.core.i18n import set_language, set_strict
from gerai.core.words import AuditKind, Role
from gerai.db import Database
from gerai.demo.generate import create_demo_users, load_catalogue
from gerai.paths import data_dir
from gerai.services.audit import sale_digest
from gerai.services.audit import trail as audit
from gerai.services.cash.shifts import open_shift
from gerai.services.shop import auth
from gerai.services.shop.auth import Actor, Approval
from gerai.services.shop.profile import ShopProfile, load_shop
from tests.pg import PG_SKIPPED, PgServer, pg_url
from tests.steady_snapshot import snap_compare  # noqa: F401  (every snapshot waits for a still screen)

NOW = datetime(2025, 11, 30, 6, 32, tzinfo=UTC)  # 14.32 WITA
OPENING_CASH = 500_000
TILLS = ("K1", "K2")
# the demo users of the template (SPEC §3), as the services see them
CASHIER = Actor("kasir", Role.KASIR)
TREASURER = Actor("bendahara", Role.BENDAHARA)
OWNER = Actor("admin", Role.ADMIN)
TREASURER_PIN = Approval("bendahara", "2222")
OWNER_PIN = Approval("admin", "9999")


@pytest.fixture(autouse=True)
def indonesian() -> Iterator[None]:
    """Every test starts in the default language."""
    set_language("id")
    yield
    set_language("id")


def pytest_configure(config: pytest.Config) -> None:
    set_strict(True)  # a message key missing from a catalog fails the test
    set_quiet(True)  # no progress lines among the commands' output
    # The Textual pilot tests make objects by the million: with the collector's default
    # threshold (700) a fifth of the suite's CPU went to collections that find little. What
    # is loaded by now stays (freeze); the young objects are collected every 50,000.
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    # A PIN's scrypt hash is slow by design: ~50 ms at the shipped cost (2**14). The suite
    # makes and checks some 800 PINs in its own processes (5 % of its CPU), so its own are
    # made at a cost of 2**4; each hash stores its cost, and checking one follows it.
    # `test_a_pin_is_stored_only_as_a_salted_slow_hash` checks the shipped cost, in a fresh
    # interpreter.
    auth._SCRYPT_N = 2**4
    config.addinivalue_line(
        "markers", "sqlite_only(reason): the test is about SQLite files; no PostgreSQL leg"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that uses a core database fixture runs once per engine."""
    if "engine" in metafunc.fixturenames:
        engines: list[Any] = ["sqlite"]
        if metafunc.definition.get_closest_marker("sqlite_only") is None:
            skip = () if pg_url() else (pytest.mark.skip(reason=PG_SKIPPED),)
            engines.append(pytest.param("postgresql", marks=skip))
        metafunc.parametrize("engine", engines, indirect=True)


# Tests that take far longer than the rest (`pytest --durations`): run first, so that under
# pytest-xdist none of them starts last while the other workers sit idle.
SLOW_FIRST = (
    "tests/test_db_copy.py::test_a_demo_shop_goes_to_postgresql_and_back_unchanged",
    "tests/test_daily_summary.py::test_the_summary_adds_up_on_any_day",
    "tests/test_concurrency.py::test_tills_in_processes",
    "tests/test_period_report.py::test_the_month_is_the_sum_of_its_days_and_of_its_sales",
    "tests/test_period_report.py::test_every_format_carries_the_same_expenses",
    "tests/test_batch_properties.py::",
    "tests/test_cashbook_property.py::",
    "tests/test_quality.py::",
    "tests/test_cli.py::",
    "tests/test_kill_tills.py::",
    "tests/test_setup_wizard.py::test_pilot_from_an_empty_file_through_the_wizard_to_a_printed_sale",
    "tests/test_setup_wizard.py::test_going_back_keeps_what_was_typed_and_bad_answers_are_told",
    "tests/test_kasir_cart_table.py::test_a_cart_longer_than_the_table_scrolls_and_stays_exact",
    "tests/test_receipt_terms_screen.py::",
)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Slow tests first; the tests of one module that share a module-scoped fixture (its
    `gerai demo` database, a built shop) run on one pytest-xdist worker (`--dist loadgroup`),
    so the fixture is built once, not once per worker (before pytest-xdist's own hook, which
    reads the groups)."""
    for item in items:
        if shares_a_module_fixture(item):
            item.add_marker(pytest.mark.xdist_group(f"module:{item.nodeid.split('::')[0]}"))
    items.sort(key=lambda item: not item.nodeid.startswith(SLOW_FIRST))


def shares_a_module_fixture(item: pytest.Item) -> bool:
    """Whether the test uses a fixture built once for its module."""
    info = getattr(item, "_fixtureinfo", None)
    return info is not None and any(
        definitions[-1].scope == "module" for definitions in info.name2fixturedefs.values()
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    """After each test, its garbage is collected and what is left is frozen: the collector's
    young generations then hold only what the running test made, and a full collection no
    longer walks every object the worker's earlier tests left alive (15 % of a screen test
    worker's CPU went to the collector, 10 % with this)."""
    result = yield
    gc.collect()
    gc.freeze()
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Report the skipped PostgreSQL leg as one line of the summary, not one per test."""
    report = yield
    longrepr = report.longrepr
    if report.skipped and isinstance(longrepr, tuple) and longrepr[2].endswith(PG_SKIPPED):
        report.longrepr = (__file__, None, longrepr[2])
    return report


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    """The engine this run of the test uses: `sqlite` or `postgresql`."""
    return str(request.param)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """The PostgreSQL test server; every database made on it is dropped at the end."""
    url = pg_url()
    if url is None:
        pytest.skip(PG_SKIPPED)
    server = PgServer(url)
    yield server
    server.close()


def raw(database: Database, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """Plain SQL run straight on the database, past gerai's services, and committed at once;
    dates and times come back as text, as SQLite stores them."""
    with database.engine.begin() as connection:
        result = connection.execute(text(sql), params)
        if not result.returns_rows:
            return []
        return [tuple(str(v) if isinstance(v, date) else v for v in row) for row in result]


def audit_events(session: Session) -> list[audit.AuditRow]:
    """The audit trail's records of what people did: every record but the row seals."""
    return [row for row in audit.rows(session) if row.kind != AuditKind.ROWS_SEALED]


def tamper(database: Database, *statements: str) -> None:
    """Change the database behind gerai's back, as someone with the sqlite3 shell or psql
    would: foreign keys are not enforced, all statements commit together."""
    if database.path is not None:
        with closing(sqlite3.connect(database.path)) as connection, connection:
            for statement in statements:
                connection.execute(statement)
        return
    with database.engine.begin() as connection:
        connection.execute(text("SET LOCAL session_replication_role = replica"))
        for statement in statements:
            connection.execute(text(statement))


class WriteLock:
    """Another till in the middle of a write: on SQLite it holds the database's write lock, on
    PostgreSQL the receipt counter's table lock."""

    def __init__(self, database: Database) -> None:
        self.connection: Any
        if database.path is not None:
            self.connection = sqlite3.connect(database.path, isolation_level=None)
            self.statements: tuple[str, ...] = ("BEGIN IMMEDIATE",)
        else:
            import psycopg

            self.connection = psycopg.connect(database.url, autocommit=True)
            self.statements = ("BEGIN", "LOCK TABLE receiptcounter IN EXCLUSIVE MODE")

    def hold(self) -> None:
        for statement in self.statements:
            self.connection.execute(statement)

    def release(self) -> None:
        self.connection.execute("ROLLBACK")

    def close(self) -> None:
        self.connection.close()


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite file (SQLite's backup API)."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def load_catalogue_into(database: Database) -> None:
    """Load the shipped catalogue, members, shop settings and demo users into a migrated
    empty database."""
    with database.write() as session:
        load_catalogue(session, data_dir(), NOW)
        create_demo_users(session, NOW)


def open_shifts_on(database: Database) -> None:
    """Open a shift on tills K1 and K2, Rp500.000 each."""
    with database.write() as session:
        shop = load_shop(session)
        for till in TILLS:
            open_shift(session, till, CASHIER, OPENING_CASH, NOW, shop)


def template_file(
    factory: pytest.TempPathFactory, name: str, build: Any, start: Path | None = None
) -> Path:
    """A SQLite file built once by `build(database)` (on a copy of the template `start`, when
    given), to be copied by the tests."""
    path = factory.mktemp("template") / f"{name}.db"
    if start is not None:
        copy_database(start, path)
    database = Database(f"sqlite:///{path}")
    try:
        build(database)
    finally:
        database.dispose()
    return path


# Each template is made from the one before (empty -> catalogue -> tills): one migration and
# one catalogue load per engine and pytest-xdist worker.
@pytest.fixture(scope="session")
def empty_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated empty database made once per session, as a template file."""
    return template_file(tmp_path_factory, "empty", Database.upgrade)


@pytest.fixture(scope="session")
def catalogue_file(tmp_path_factory: pytest.TempPathFactory, empty_file: Path) -> Path:
    """The demo catalogue and users loaded once per session, as a template file."""
    return template_file(tmp_path_factory, "gerai", load_catalogue_into, empty_file)


@pytest.fixture(scope="session")
def tills_file(tmp_path_factory: pytest.TempPathFactory, catalogue_file: Path) -> Path:
    """The catalogue with both tills' shifts open, made once per session, as a template file."""
    return template_file(tmp_path_factory, "tills", open_shifts_on, catalogue_file)


@pytest.fixture(scope="session")
def pg_templates(pg_server: PgServer) -> dict[str, str]:
    """Template databases on the PostgreSQL server: `empty` (migrated), `catalogue` and
    `tills` (the catalogue with both tills' shifts open), each made from the one before."""
    empty = pg_server.template(Database.upgrade)
    catalogue = pg_server.template(load_catalogue_into, empty)
    return {
        "empty": empty,
        "catalogue": catalogue,
        "tills": pg_server.template(open_shifts_on, catalogue),
    }


def fresh_database(request: pytest.FixtureRequest, engine: str, tmp_path: Path, kind: str) -> str:
    """The URL of a new database of `kind` (`empty`, `catalogue` or `tills`) on `engine`,
    dropped after the test."""
    if engine == "postgresql":
        server: PgServer = request.getfixturevalue("pg_server")
        url = server.create(template=request.getfixturevalue("pg_templates")[kind])
        request.addfinalizer(lambda: server.drop(url))
        return url
    path = tmp_path / f"{kind}.db"
    copy_database(request.getfixturevalue(f"{kind}_file"), path)
    return f"sqlite:///{path}"


@pytest.fixture
def empty_db(request: pytest.FixtureRequest, engine: str, tmp_path: Path) -> Iterator[Database]:
    """A migrated gerai database with nothing in it."""
    database = Database(fresh_database(request, engine, tmp_path, "empty"))
    yield database
    database.dispose()


@pytest.fixture
def catalogue_db(request: pytest.FixtureRequest, engine: str, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the catalogue database: no sales, no shift open."""
    database = Database(fresh_database(request, engine, tmp_path, "catalogue"))
    yield database
    database.dispose()


@pytest.fixture
def db(request: pytest.FixtureRequest, engine: str, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the catalogue database with a shift open on tills K1 and K2
    (Rp500.000 each)."""
    database = Database(fresh_database(request, engine, tmp_path, "tills"))
    yield database
    database.dispose()


@pytest.fixture
def shop(db: Database) -> ShopProfile:
    """The demo shop's settings."""
    with db.read() as session:
        return load_shop(session)


@pytest.fixture
def runner(tmp_path: Path) -> CliRunner:
    """A CLI runner with no gerai settings of its own: every GERAI_ variable unset, empty
    config and data folders."""
    env: dict[str, str | None] = {k: None for k in os.environ if k.startswith("GERAI_")}
    env.update(XDG_CONFIG_HOME=str(tmp_path / "xdg-config"), XDG_DATA_HOME=str(tmp_path / "xdg"))
    return CliRunner(env=env)


def record_sale_version_2(
    session: Session,
    sale: Any,
    lines: Any,
    payments: Any,
    details: Any,
    references: Any = None,
    expired_by: Any = None,
) -> int:
    """`record_sale` as it was before version 3 (each line's cost and name only, no payment
    references): monkeypatched over checkout's, it makes a sale an older gerai recorded."""
    digest = sale_digest.sale_digest(sale, lines, payments, [d[:2] for d in details])
    return audit.record(
        session, kind=AuditKind.SALE, actor=sale["cashier"], at=sale["created_at"],
        ref=sale["receipt_no"],
        detail={"receipt": sale["receipt_no"], "total": sale["total"], "digest": digest, "v": 2},
    )  # fmt: skip
