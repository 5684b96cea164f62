"""Shared fixtures: real SQLite files, migrated, holding the shipped demo catalogue, members,
shop settings and demo users (no sales), copied per test from one template built once per
session (a PIN's scrypt hash takes ~50 ms, so the users are made once)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gerai.db import Database
from gerai.i18n import set_language
from gerai.paths import data_dir
from gerai.services.auth import ADMIN, BENDAHARA, KASIR, Actor, Approval
from gerai.services.demo import create_demo_users, load_catalogue
from gerai.services.shifts import open_shift
from gerai.services.shop import ShopProfile, load_shop

NOW = datetime(2025, 11, 30, 6, 32, tzinfo=UTC)  # 14.32 WITA
OPENING_CASH = 500_000
TILLS = ("K1", "K2")
# the demo users of the template (SPEC §3), as the services see them
CASHIER = Actor("kasir", KASIR)
TREASURER = Actor("bendahara", BENDAHARA)
OWNER = Actor("admin", ADMIN)
TREASURER_PIN = Approval("bendahara", "2222")
OWNER_PIN = Approval("admin", "9999")


@pytest.fixture(autouse=True)
def indonesian() -> Iterator[None]:
    """Every test starts in the default language."""
    set_language("id")
    yield
    set_language("id")


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite file (SQLite's backup API)."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


@pytest.fixture
def empty_db(tmp_path: Path) -> Iterator[Database]:
    """A migrated gerai database with nothing in it."""
    database = Database(f"sqlite:///{tmp_path / 'gerai.db'}")
    database.upgrade()
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def catalogue_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo catalogue and users loaded once per session, as a template file."""
    path = tmp_path_factory.mktemp("template") / "gerai.db"
    database = Database(f"sqlite:///{path}")
    database.upgrade()
    with database.write() as session:
        load_catalogue(session, data_dir(), NOW)
        create_demo_users(session, NOW)
    database.dispose()
    return path


@pytest.fixture
def catalogue_db(catalogue_file: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the catalogue database: no sales, no shift open."""
    path = tmp_path / "gerai.db"
    copy_database(catalogue_file, path)
    database = Database(f"sqlite:///{path}")
    yield database
    database.dispose()


@pytest.fixture
def db(catalogue_db: Database) -> Database:
    """The catalogue database with a shift open on tills K1 and K2 (Rp500.000 each)."""
    with catalogue_db.write() as session:
        shop = load_shop(session)
        for till in TILLS:
            open_shift(session, till, CASHIER, OPENING_CASH, NOW, shop)
    return catalogue_db


@pytest.fixture
def shop(db: Database) -> ShopProfile:
    """The demo shop's settings."""
    with db.read() as session:
        return load_shop(session)
