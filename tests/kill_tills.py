"""Tills killed at random (issue 19): a till process sells and prints in a loop and is killed
with SIGKILL at a random moment, then another one starts on the same database (the restart),
again and again. Afterwards every committed sale has its print job, and no receipt reached
the printer twice: a job found `sending` after a kill is left for the kasir to choose. Used
by tests/test_kill_tills.py (a CI-sized run) and bench/kill_tills.py (a longer one)."""

from __future__ import annotations

import os
import random
import signal
import time
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from gerai.core.words import PrintJobStatus, Role
from gerai.db import Database
from gerai.printing import PrintQueue
from gerai.services.audit.verify import verify
from gerai.services.sale.checkout import Tender
from gerai.services.shop.auth import Actor
from gerai.settings import Settings
from gerai.till import Till

CODES = ("MYK-1L", "GLA-KG", "AQA-600", "IDM-GRG")


@dataclass
class KillReport:
    """What the kills left: the sales, their jobs by status, and the receipts printed twice."""

    trials: int = 0
    sales: int = 0
    without_job: list[str] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    printed_twice: list[str] = field(default_factory=list)
    printed_but_not_marked: int = 0
    audit_intact: bool = False


def till_loop(database: Database, printer: str, now: datetime, seed: int, sales: int) -> None:
    """One till's life: sell one to three items and print, `sales` times (0: until killed)."""
    rng = random.Random(seed)
    settings = Settings(db_url=database.url, printer=printer, till="K1")
    queue = PrintQueue(database, settings, lambda: now)
    till = Till(settings, database, queue, lambda: now, Actor("kasir", Role.KASIR))
    products = [till.find_product(code) for code in CODES]
    sold = 0
    while not sales or sold < sales:
        for product in rng.sample(products, rng.randint(1, 3)):
            assert product is not None
            till.cart.add(product, Decimal(1))
        till.sell([Tender("tunai")])
        queue.flush()
        sold += 1


def run_kills(
    database: Database, printer: str, now: datetime, trials: int, seed: int = 19
) -> KillReport:
    """Start a till process, kill it at a random moment (0 to 150 ms after it has sold once),
    `trials` times; then a last restart prints what is waiting."""
    rng = random.Random(seed)
    report = KillReport(trials=trials)
    # warm up here (imports, compiled statements): each forked till then starts in
    # milliseconds on the same engine, with connections of its own
    till_loop(database, printer, now, seed, sales=1)
    for trial in range(trials):
        before = sales(database)
        child = os.fork()
        if child == 0:  # the till
            try:
                database.engine.dispose(close=False)  # the parent's connections stay its own
                till_loop(database, printer, now, seed * 1000 + trial, sales=0)
            finally:
                os._exit(1)
        deadline = time.monotonic() + 20
        while sales(database) == before and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.15))
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
    last = PrintQueue(
        database, Settings(db_url=database.url, printer=printer, till="K1"), lambda: now
    )
    last.flush()  # the restart after the last kill
    return report


def sales(database: Database) -> int:
    from sqlalchemy import text

    with database.engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM sale")).scalar_one())


def inspect(database: Database, received: bytes, report: KillReport) -> KillReport:
    """Fill `report` from the database and every byte the printer received."""
    from sqlalchemy import text

    with database.engine.connect() as connection:
        report.sales = int(connection.execute(text("SELECT count(*) FROM sale")).scalar_one())
        report.without_job = list(
            connection.execute(
                text(
                    "SELECT receipt_no FROM sale WHERE receipt_no NOT IN "
                    "(SELECT receipt_no FROM printjob)"
                )
            ).scalars()
        )
        jobs = connection.execute(text("SELECT receipt_no, status, payload FROM printjob")).all()
    for receipt_no, status, payload in jobs:
        report.statuses[status] = report.statuses.get(status, 0) + 1
        times = received.count(bytes(payload))
        if times > 1:
            report.printed_twice.append(receipt_no)
        if times and status == PrintJobStatus.PENDING:
            report.printed_but_not_marked += 1  # would be sent again: must never happen
    with database.read() as session:
        report.audit_intact = verify(session).intact
    return report
