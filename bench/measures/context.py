"""What every measurement is given: the database under test, opened once and shared."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.build import Built
from bench.sales import TILL

if TYPE_CHECKING:
    from gerai.db import Database
    from gerai.services.shop.auth import Actor
    from gerai.services.shop.profile import ShopProfile
    from gerai.till import Till


@dataclass
class Context:
    """The built database at `path`; `quick` asks for fewer repetitions; `pg_url` names a
    PostgreSQL server to measure the sale commit on too. `cache` holds what several
    measurements share (the shop profile, the start-up runs)."""

    path: Path
    built: Built
    quick: bool
    pg_url: str | None = None
    cache: dict[str, Any] = field(default_factory=dict)
    _database: Database | None = None

    @property
    def url(self) -> str:
        return f"sqlite:///{self.path}"

    def database(self) -> Database:
        """gerai's `Database` on the file, checked to be at the current revision."""
        if self._database is None:
            from gerai.db import Database

            self._database = Database(self.url)
            self._database.check_ready()
        return self._database

    def shop(self) -> ShopProfile:
        """The shop profile stored in the database."""
        if "shop" not in self.cache:
            from gerai.services.shop.profile import load_shop

            with self.database().read() as session:
                self.cache["shop"] = load_shop(session)
        shop: ShopProfile = self.cache["shop"]
        return shop

    def till(self, actor: Actor | None = None) -> Till:
        """The benchmark's till (`TILL`, no printer) on the database, on the real clock,
        worked by the kasir unless `actor` is given: what the app does, the measurements do
        through it (the bulk build of the database, `bench/build.py`, writes directly)."""
        from gerai.core.words import Role
        from gerai.models import utcnow
        from gerai.printing import PrintQueue
        from gerai.services.shop.auth import Actor
        from gerai.settings import Settings
        from gerai.till import Till

        settings = Settings(db_url=self.url, printer="none", till=TILL)
        database = self.database()
        worker = actor or Actor("kasir", Role.KASIR)
        return Till(settings, database, PrintQueue(database, settings, utcnow), utcnow, worker)

    def open_till(self) -> None:
        """Open a shift on the benchmark's till, as a shop's till is when the kasir starts
        selling (the TUI and the checkout refuse to sell without one)."""
        till = self.till()
        if till.current_shift() is None:
            till.open_shift(500_000)

    def middle_day(self) -> date:
        """A business day in the middle of the generated year."""
        return date.fromisoformat(self.built.first_day) + timedelta(days=self.built.days // 2)

    def raw(self) -> closing[sqlite3.Connection]:
        """A plain sqlite3 connection for picking test data (closed on leaving `with`)."""
        return closing(sqlite3.connect(self.path))

    def close(self) -> None:
        """Close gerai's connections, if any were opened."""
        if self._database is not None:
            self._database.dispose()
            self._database = None
