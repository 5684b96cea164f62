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
    from gerai.services.shop.profile import ShopProfile


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

    def open_till(self) -> None:
        """Open a shift on the benchmark's till, as a shop's till is when the kasir starts
        selling (the TUI and the checkout refuse to sell without one)."""
        from gerai.core.words import Role
        from gerai.models import utcnow
        from gerai.services.cash.shifts import current_shift, open_shift
        from gerai.services.shop.auth import Actor

        with self.database().write() as session:
            if current_shift(session, TILL) is None:
                open_shift(
                    session, TILL, Actor("kasir", Role.KASIR), 500_000, utcnow(), self.shop()
                )

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
