"""A 10-line sale committed by a gerai `Till` as the kasir screen pays it (`Till.sell`: the
shop's settings and the products read again, `checkout`, no printer so no receipt job),
against the same rows written with raw `sqlite3` (the sale with its shift and token, its lines and
payments, the stock and its movements, the receipt counter, and its record in the audit chain
with the sale's current digest; `tests/test_bench_commit.py` proves the rows are the same),
each on its own copy of the database; given a PostgreSQL server (`--pg-url`), also gerai's
commit on a copy of the database there (made by `gerai db copy`'s code)."""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import time
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from bench.build import SEED
from bench.db import copy_db, remove_db, stamp
from bench.measures.context import Context
from bench.measures.timing import ms, spread
from bench.report import Row
from bench.sales import LINES_PER_SALE, TILL

if TYPE_CHECKING:
    from gerai.db import Database
    from gerai.services.sale.cart import Cart
    from gerai.till import Till

RAW_COUNTER = (
    "INSERT INTO receiptcounter (till, business_date, last_no) VALUES (?, ?, 1) "
    "ON CONFLICT (till, business_date) DO UPDATE SET last_no = receiptcounter.last_no + 1 "
    "RETURNING last_no"
)
RAW_SALE = (
    "INSERT INTO sale (receipt_no, shift_id, till, business_date, created_at, member_id, "
    'cashier, gross, member_discount, manual_discount, total, paid, "change", status, token, '
    "rounding, approved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '') "
    "RETURNING id"
)
RAW_LINE = (
    "INSERT INTO saleline (sale_id, line_no, product_id, code, name, category, unit, qty, "
    "regular_price, unit_price, line_gross, line_total, cost, tax_category) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
RAW_PAYMENT = "INSERT INTO payment (sale_id, method, amount, tendered) VALUES (?, ?, ?, ?)"
RAW_STOCK = "UPDATE product SET stock = stock + ? WHERE id = ? AND stock + ? >= 0"
RAW_MOVE = (
    "INSERT INTO stockmovement (product_id, kind, qty, created_at, ref, sale_id, note) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)
RAW_HEAD = "UPDATE audithead SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq, last_hash"
RAW_RECORD = (
    "INSERT INTO auditrecord (seq, created_at, actor, kind, ref, detail, prev_hash, hash) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
RAW_HEAD_HASH = "UPDATE audithead SET last_hash = ? WHERE id = 1"


@dataclass
class PreparedSale:
    """A settled cart with every value the raw writes need, ready before the clock starts."""

    cart: Cart
    now: datetime
    shift_id: int
    token: str
    business_date: str
    created: str
    member_id: int | None
    gross: int
    total: int
    paid: int
    change: int
    payments: list[tuple[str, int, int]]
    lines: list[tuple[Any, ...]]  # without sale_id
    moves: list[tuple[int, int]]  # (product_id, -qty milli)


def _prepare_sales(ctx: Context, count: int) -> list[PreparedSale]:
    """`count` carts of `LINES_PER_SALE` well-stocked products, 45 % with a member."""
    from gerai.core.quantity import to_milli
    from gerai.core.words import PaymentMethod
    from gerai.services.cash.shifts import open_shift_id
    from gerai.services.members.lookup import get_member
    from gerai.services.sale.cart import Cart
    from gerai.services.sale.checkout import Tender, settle
    from gerai.services.stock.catalog import get_product

    shop = ctx.shop()
    with ctx.raw() as raw:
        ids = [
            r[0]
            for r in raw.execute(
                "SELECT id FROM product WHERE active AND stock >= 50000 AND max_per_sale IS NULL"
            )
        ]
        member_ids = [r[0] for r in raw.execute("SELECT id FROM member WHERE active")]
    rng = random.Random(SEED + 3)
    moment = datetime.now(UTC).replace(microsecond=0)
    prepared = []
    with ctx.database().read() as session:
        shift_id = open_shift_id(session, TILL)
        for n in range(count):
            cart = Cart(
                global_discount_bp=shop.member_discount_bp,
                allow_negative_stock=shop.allow_negative_stock,
            )
            if rng.random() < 0.45:
                member = get_member(session, rng.choice(member_ids))
                assert member is not None
                cart.attach_member(member)
            for pid in rng.sample(ids, LINES_PER_SALE):
                product = get_product(session, pid)
                assert product is not None
                cart.add(product)
            totals = cart.totals()
            settlement = settle(
                totals.total, [Tender(PaymentMethod.CASH, None)], cart.member is not None
            )
            now = moment + timedelta(seconds=n)
            views = cart.view()
            prepared.append(
                PreparedSale(
                    cart=cart,
                    now=now,
                    shift_id=shift_id,
                    token=cart.token,
                    business_date=shop.business_date(now).isoformat(),
                    created=stamp(now),
                    member_id=cart.member.id if cart.member else None,
                    gross=totals.gross,
                    total=totals.total,
                    paid=settlement.paid,
                    change=settlement.change,
                    payments=list(settlement.payments),
                    lines=[
                        (
                            number,
                            v.product.id,
                            v.product.code,
                            v.product.name,
                            v.product.category,
                            v.product.unit,
                            to_milli(v.qty),
                            v.regular_price,
                            v.unit_price,
                            v.gross,
                            v.amount,
                            v.product.cost,
                            v.product.tax_category,
                        )
                        for number, v in enumerate(views, start=1)
                    ],
                    moves=[(v.product.id, -to_milli(v.qty)) for v in views],
                )
            )
    return prepared


@dataclass
class RawConnection:
    """A plain DB-API connection in autocommit mode, sqlite3 (statements as written, times
    as stored text, `BEGIN IMMEDIATE`) or psycopg (`%s` placeholders, aware times)."""

    conn: Any
    postgres: bool = False

    def run(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        return self.conn.execute(self._sql(sql), params)

    def run_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        self.conn.cursor().executemany(self._sql(sql), rows)

    def begin(self) -> None:
        self.conn.execute("BEGIN" if self.postgres else "BEGIN IMMEDIATE")

    def moment(self, sale: PreparedSale) -> Any:
        return sale.now if self.postgres else sale.created

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgres else sql


def _raw_commit(raw: RawConnection, sale: PreparedSale) -> None:
    """What `checkout` writes, as plain statements in one transaction (the audit record's
    digests computed with gerai's own pure functions); `test_bench_commit.py` proves both
    write the same rows."""
    from gerai.core.words import AuditKind, CashTerm, MovementKind, SaleStatus
    from gerai.services.audit.sale_digest import VERSION, sale_digest
    from gerai.services.audit.trail import canonical, chain_hash

    raw.begin()
    created = raw.moment(sale)
    try:
        number = raw.run(RAW_COUNTER, (TILL, sale.business_date)).fetchone()[0]
        receipt = f"{TILL}-{sale.business_date.replace('-', '')}-{number:04d}"
        sale_id = raw.run(
            RAW_SALE,
            (
                receipt,
                sale.shift_id,
                TILL,
                sale.business_date,
                created,
                sale.member_id,
                "kasir",
                sale.gross,
                sale.gross - sale.total,
                0,
                sale.total,
                sale.paid,
                sale.change,
                SaleStatus.COMPLETED,
                sale.token,
            ),
        ).fetchone()[0]
        raw.run_many(RAW_LINE, [(sale_id, *line) for line in sale.lines])
        raw.run_many(RAW_PAYMENT, [(sale_id, *p) for p in sale.payments])
        for product_id, change in sale.moves:
            if raw.run(RAW_STOCK, (change, product_id, change)).rowcount != 1:
                raise RuntimeError("stock refused")
        raw.run_many(
            RAW_MOVE,
            [
                (product_id, MovementKind.SALE, change, created, receipt, sale_id, "")
                for product_id, change in sale.moves
            ],
        )
        seq, prev_hash = raw.run(RAW_HEAD).fetchone()
        fields = {
            "receipt_no": receipt, "shift_id": sale.shift_id, "till": TILL,
            "business_date": sale.business_date, "created_at": sale.now,
            "member_id": sale.member_id,
            "cashier": "kasir", "gross": sale.gross, "member_discount": sale.gross - sale.total,
            "manual_discount": 0, "total": sale.total, "paid": sale.paid, "change": sale.change,
            CashTerm.ROUNDING: 0, "approved_by": "",
        }  # fmt: skip
        lines = [(line[1], line[6], line[8], line[10]) for line in sale.lines]
        details = [(line[11], line[3], 0, 0, False, "") for line in sale.lines]
        references = [None] * len(sale.payments)
        digest = sale_digest(
            fields, lines, sale.payments, details, VERSION, references, expired_by=None
        )
        detail = canonical(
            {"receipt": receipt, "total": sale.total, "digest": digest, "v": VERSION}
        )
        record_hash = chain_hash(prev_hash, seq, sale.now, "kasir", AuditKind.SALE, receipt, detail)
        raw.run(
            RAW_RECORD,
            (seq, created, "kasir", AuditKind.SALE, receipt, detail, prev_hash, record_hash),
        )
        raw.run(RAW_HEAD_HASH, (record_hash,))
        raw.run("COMMIT")
    except BaseException:
        raw.run("ROLLBACK")
        raise


class _Clock:
    """The till's clock: the moment of the sale being paid."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


def _till(database: Database, clock: _Clock) -> Till:
    """The kasir's till `TILL` on `database`, with no printer."""
    from gerai.core.words import Role
    from gerai.printing import PrintQueue
    from gerai.services.shop.auth import Actor
    from gerai.settings import Settings
    from gerai.till import Till

    settings = Settings(db_url=database.url, printer="none", till=TILL)
    queue = PrintQueue(database, settings, clock)
    return Till(settings, database, queue, clock, Actor("kasir", Role.KASIR))


def _sell(till: Till, clock: _Clock, cart: Cart, now: datetime) -> None:
    """Pay `cart` in cash at `now` on `till`, as the payment dialog does."""
    from gerai.core.words import PaymentMethod
    from gerai.services.sale.checkout import Tender

    clock.now = now
    till.cart = cart
    till.sell([Tender(PaymentMethod.CASH, None)])


def measure_commit(ctx: Context) -> list[Row]:
    """gerai's commit time over raw sqlite3's for the same sales, alternating who goes first."""
    from gerai.db import BUSY_TIMEOUT_MS, Database
    from gerai.services.stock.ledger import stock_check

    count = 60 if ctx.quick else 400
    warm = 10
    prepared = _prepare_sales(ctx, count + warm)
    copies = [ctx.path.with_name("commit-gerai.db"), ctx.path.with_name("commit-raw.db")]
    started = time.perf_counter()
    for copy in copies:
        copy_db(ctx.path, copy)
    copy_seconds = time.perf_counter() - started
    # the copies written out before the clock starts: the kernel writing back their hundreds of
    # megabytes meanwhile slowed every commit's fsync and took a core from both sides
    os.sync()
    database = Database(f"sqlite:///{copies[0]}")
    raw = sqlite3.connect(copies[1], isolation_level=None)
    for pragma in (
        f"busy_timeout = {BUSY_TIMEOUT_MS}",
        "journal_mode = WAL",
        "synchronous = FULL",
        "foreign_keys = ON",
    ):
        raw.execute(f"PRAGMA {pragma}")

    clock = _Clock()
    till = _till(database, clock)
    # PostgreSQL's own carts (a till's sale empties the cart it pays), copied before the clock
    carts = {id(sale): deepcopy(sale.cart) for sale in prepared} if ctx.pg_url else {}

    def gerai_commit(sale: PreparedSale) -> None:
        _sell(till, clock, sale.cart, sale.now)

    gerai_ms: list[float] = []
    raw_ms: list[float] = []
    pg_ms: list[float] = []
    pg_raw_ms: list[float] = []
    postgres = _PostgresCopy(ctx) if ctx.pg_url else None
    try:
        actions: list[tuple[Callable[[PreparedSale], None], list[float]]] = [
            (gerai_commit, gerai_ms),
            (partial(_raw_commit, RawConnection(raw)), raw_ms),
        ]
        if postgres is not None:
            actions.append((lambda sale: postgres.commit(carts[id(sale)], sale.now), pg_ms))
            actions.append((partial(_raw_commit, postgres.raw), pg_raw_ms))
        for n, sale in enumerate(prepared):
            turn = n % len(actions)  # take turns at going first, so drift hits all alike
            for action, sink in actions[turn:] + actions[:turn]:
                t0 = time.perf_counter()
                action(sale)
                elapsed = ms(time.perf_counter() - t0)
                if n >= warm:
                    sink.append(elapsed)
        with database.read() as session:
            mismatches = len(stock_check(session))
    finally:
        database.dispose()
        raw.close()
        for copy in copies:
            remove_db(copy)
        if postgres is not None:
            postgres.drop()
    gerai_median = statistics.median(gerai_ms)
    raw_median = statistics.median(raw_ms)
    ratio = gerai_median / raw_median
    pair_ratio = statistics.median(g / r for g, r in zip(gerai_ms, raw_ms, strict=True))
    rows = [
        Row(
            "sale commit, 10 lines (gerai ÷ raw sqlite3)",
            ratio,
            "×",
            f"{ratio:.2f}× ({gerai_median:.2f} ms vs {raw_median:.2f} ms)",
            "≤ 2 × raw",
            2.0,
            {
                "gerai": spread(gerai_ms),
                "raw_sqlite3": spread(raw_ms),
                "median_of_pair_ratios": round(pair_ratio, 2),
                "overhead_ms": round(gerai_median - raw_median, 3),
                "copy_seconds": round(copy_seconds, 1),
                "stock_check_mismatches": mismatches,
                "load_average": [round(load, 2) for load in os.getloadavg()],  # 1, 5, 15 min
            },
        )
    ]
    if postgres is not None:
        pg_median = statistics.median(pg_ms)
        pg_raw_median = statistics.median(pg_raw_ms)
        rows.append(
            Row(
                "sale commit, 10 lines, PostgreSQL (gerai ÷ raw psycopg)",
                pg_median / pg_raw_median,
                "×",
                f"{pg_median / pg_raw_median:.2f}× ({pg_median:.2f} ms vs "
                f"{pg_raw_median:.2f} ms; SQLite {gerai_median:.2f} ms)",
                "reported",
                None,
                {
                    "postgresql": spread(pg_ms),
                    "raw_psycopg": spread(pg_raw_ms),
                    "copy_seconds": round(postgres.copy_seconds, 1),
                    "copied_rows": postgres.copied_rows,
                },
            )
        )
    return rows


class _PostgresCopy:
    """A fresh database on the `--pg-url` server holding a copy of the benchmark database
    (copied with `gerai db copy`'s code, timed), dropped at the end."""

    def __init__(self, ctx: Context) -> None:
        import psycopg
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        from gerai.db import Database, engine_url
        from gerai.db_copy import copy_database

        assert ctx.pg_url is not None
        self.admin = create_engine(engine_url(ctx.pg_url), isolation_level="AUTOCOMMIT")
        self.name = f"gerai_bench_{os.getpid()}"
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {self.name}")
            conn.exec_driver_sql(f"CREATE DATABASE {self.name}")
        url = make_url(ctx.pg_url).set(database=self.name)
        self.database = Database(url.render_as_string(hide_password=False))
        print(f"  copying the database into PostgreSQL ({self.name}) …", flush=True)
        started = time.perf_counter()
        report = copy_database(ctx.database(), self.database)
        self.copy_seconds = time.perf_counter() - started
        self.copied_rows = sum(table.target for table in report.tables)
        print(f"  copied {self.copied_rows:,} rows in {self.copy_seconds:.0f} s", flush=True)
        self.clock = _Clock()
        self.till = _till(self.database, self.clock)
        if self.till.current_shift() is None:
            self.till.open_shift(500_000)
        self.database.dispose()  # a template must have no one connected
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {self.name}_raw TEMPLATE {self.name}")
        raw_url = url.set(drivername="postgresql", database=f"{self.name}_raw")
        self.raw = RawConnection(
            psycopg.connect(raw_url.render_as_string(hide_password=False), autocommit=True),
            postgres=True,
        )

    def commit(self, cart: Cart, now: datetime) -> None:
        _sell(self.till, self.clock, cart, now)

    def drop(self) -> None:
        self.database.dispose()
        self.raw.conn.close()
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {self.name}_raw WITH (FORCE)")
        self.admin.dispose()
