"""The benchmark database: where it lives, when an existing one can be reused, and building
one (migrations, the demo shop, then generated products, members and sales). Building is
setup, not a measurement: a year of sales is bulk-written straight into the file (raw
`sqlite3`, far faster than selling them one by one), never through a `Till`. What the
benchmark MEASURES (scan, search, the sale's commit, reports, import, audit) goes through a
`Till` wherever the app does (`bench/measures/context.py`, `Context.till`)."""

from __future__ import annotations

import json
import random
import sqlite3
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.db import remove_db, schema_of, stamp
from bench.products import add_members, add_products
from bench.sales import add_sales

SEED = 2025
BUILD_FORMAT = 2  # bump when the generator changes, so old databases are rebuilt


@dataclass
class Built:
    """What the generator made (stored next to the database as `<name>.json`)."""

    format: int
    schema: str
    products: int
    days: int
    sales_per_day: int
    first_day: str
    last_day: str
    timezone: str
    sales: int
    lines: int
    members: int
    build_seconds: float
    built_at: str


class Progress:
    """Prints build steps with the seconds since the build started."""

    def __init__(self) -> None:
        self.start = time.perf_counter()

    def say(self, text: str) -> None:
        print(f"  [{time.perf_counter() - self.start:6.1f} s] {text}", flush=True)


def db_path_for(out: Path, products: int, days: int, sales_per_day: int) -> Path:
    """The database file of this size in `out`."""
    return out / f"gerai-p{products}-d{days}-s{sales_per_day}.db"


def load_built(path: Path, products: int, days: int, sales_per_day: int) -> Built | None:
    """The build record when `path` is a complete database of this size with the schema the
    current migrations make, else None (the caller then builds)."""
    meta = path.with_suffix(".json")
    if not path.exists() or not meta.exists():
        return None
    try:
        built = Built(**json.loads(meta.read_text(encoding="utf-8")))
    except (ValueError, TypeError):
        return None
    from gerai.db import SCHEMA_REVISION

    wanted = (BUILD_FORMAT, SCHEMA_REVISION, products, days, sales_per_day)
    if (built.format, built.schema, built.products, built.days, built.sales_per_day) != wanted:
        return None  # another size, an older generator, or a database an upgrade would change
    if schema_of(path) != migrated_schema():
        return None  # a migration was edited without a new revision
    return built


def migrated_schema() -> list[tuple[str, str, str | None]]:
    """The schema the current migrations create, read from a new temporary database."""
    from gerai.db import Database

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "schema.db"
        database = Database(f"sqlite:///{path}")
        try:
            database.upgrade()
        finally:
            database.dispose()
        return schema_of(path)


def build(path: Path, products: int, days: int, sales_per_day: int) -> Built:
    """Migrate a new database, load the demo shop (settings, categories, members, demo
    products), then bulk-insert generated products, members and `days` days of sales ending
    yesterday."""
    from gerai.db import SCHEMA_REVISION, Database
    from gerai.demo.generate import create_demo_users, load_catalogue
    from gerai.paths import data_dir
    from gerai.services.audit.seals import COVERED, seal_all

    remove_db(path)
    progress = Progress()
    rng = random.Random(SEED)
    now = datetime.now(UTC)

    database = Database(f"sqlite:///{path}")
    database.upgrade()
    with database.write() as session:
        shop = load_catalogue(session, data_dir(), now)
        create_demo_users(session, now)
    database.dispose()
    progress.say(f"migrated, demo shop and users loaded ({shop.timezone})")
    last_day = now.astimezone(shop.zone).date() - timedelta(days=1)
    first_day = last_day - timedelta(days=days - 1)

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")  # a generator: a crash means rebuild
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -1000000")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("BEGIN")
    sellable = add_products(conn, rng, products, stamp(now))
    add_members(conn, rng, max(200, products // 50), first_day)
    conn.execute("COMMIT")
    product_count = conn.execute("SELECT count(*) FROM product").fetchone()[0]
    member_ids = [row[0] for row in conn.execute("SELECT id FROM member WHERE active")]
    setting = conn.execute(
        "SELECT value FROM shopsetting WHERE key = 'member_discount_bp'"
    ).fetchone()
    progress.say(f"{product_count:,} products, {len(member_ids):,} members")

    sales, lines = add_sales(
        conn,
        rng,
        sellable,
        member_ids=member_ids,
        member_discount_bp=int(setting[0]) if setting else 0,
        first_day=first_day,
        days=days,
        sales_per_day=sales_per_day,
        zone=shop.zone,
        say=progress.say,
    )
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    # the rows written straight above sealed as a shop's upgrade seals them, so `audit verify`
    # holds and its measure includes the row seals
    database = Database(f"sqlite:///{path}")
    with database.write() as session:
        for entry in COVERED:
            seal_all(session, entry.table, actor="gerai", at=now)
    database.dispose()
    progress.say(f"opening stock written; database is {path.stat().st_size / 2**20:,.0f} MB")
    built = Built(
        format=BUILD_FORMAT,
        schema=SCHEMA_REVISION,
        products=products,
        days=days,
        sales_per_day=sales_per_day,
        first_day=first_day.isoformat(),
        last_day=last_day.isoformat(),
        timezone=shop.timezone,
        sales=sales,
        lines=lines,
        members=len(member_ids),
        build_seconds=round(time.perf_counter() - progress.start, 1),
        built_at=now.isoformat(timespec="seconds"),
    )
    path.with_suffix(".json").write_text(json.dumps(asdict(built), indent=2), encoding="utf-8")
    return built
