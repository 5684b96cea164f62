"""Shared fixtures: a real SQLite file, migrated, with the shipped demo catalogue and members
(no sales), and the time it is in the tests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gerai.db import Database
from gerai.i18n import set_language
from gerai.paths import data_dir
from gerai.services.demo import load_catalogue
from gerai.services.shop import ShopProfile

NOW = datetime(2025, 11, 30, 6, 32, tzinfo=UTC)  # 14.32 WITA


@pytest.fixture(autouse=True)
def indonesian() -> Iterator[None]:
    """Every test starts in the default language."""
    set_language("id")
    yield
    set_language("id")


@pytest.fixture
def empty_db(tmp_path: Path) -> Iterator[Database]:
    """A migrated gerai database with nothing in it."""
    database = Database(f"sqlite:///{tmp_path / 'gerai.db'}")
    database.upgrade()
    yield database
    database.dispose()


@pytest.fixture
def db(empty_db: Database) -> Database:
    """A migrated database holding the demo catalogue, members and shop settings."""
    with empty_db.write() as session:
        load_catalogue(session, data_dir(), NOW)
    return empty_db


@pytest.fixture
def shop(db: Database) -> ShopProfile:
    """The demo shop's settings."""
    from gerai.services.shop import load_shop

    with db.read() as session:
        return load_shop(session)
