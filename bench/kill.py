"""Tills killed at random (issue 19): a till process sells, voids, takes goods back (retur),
takes members' savings and prints, in a loop, and is killed with SIGKILL at a random moment;
then another one starts on the same database (the restart), again and again. Afterwards every
committed sale, retur and savings slip has its print job, every void is whole, no receipt
reached the printer twice (a job found `sending` after a kill is left for the kasir to
choose), the stock ledger and the audit trail hold. On SQLite or PostgreSQL. Used by
tests/test_kill_tills.py (a CI-sized run) and bench/kill_tills.py (a longer one)."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import time
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import text

from gerai.core.errors import GeraiError
from gerai.core.words import MemberPaymentKind, PaymentMethod, PrintJobStatus, Role
from gerai.db import Database
from gerai.demo.generate import create_demo_users, load_catalogue
from gerai.paths import data_dir
from gerai.printing import PrintQueue
from gerai.services.audit.verify import verify
from gerai.services.cash.shifts import open_shift
from gerai.services.sale.checkout import Tender
from gerai.services.shop.auth import Actor
from gerai.services.shop.profile import load_shop, save_shop_settings
from gerai.services.stock.ledger import stock_check
from gerai.settings import Settings
from gerai.till import Till

CODES = ("MYK-1L", "GLA-KG", "AQA-600", "IDM-GRG")
MEMBERS = ("KKMP-0001", "KKMP-0002", "KKMP-0003")
ACTIONS = ("sell", "sell", "sell", "void", "retur", "savings")
BEYOND_SELLING = ("void", "retur", "savings")
TILL = "K1"
# a bendahara works the till: sells, voids and takes back without asking anyone's PIN
WORKER = Actor("bendahara", Role.BENDAHARA)
ADMIN = Actor("admin", Role.ADMIN)

# what every kind of document needs: its table, its number column and whether it prints
DOCUMENTS = {
    "sale": "SELECT receipt_no FROM sale",
    "retur": "SELECT number FROM salereturn",
    "savings": "SELECT number FROM memberpayment",
}


@dataclass
class KillReport:
    """What the kills left: the documents, their jobs by status, the documents without a
    job, the voids without their record, the receipts printed twice, and the proofs."""

    trials: int = 0
    documents: dict[str, int] = field(default_factory=dict)
    without_job: list[str] = field(default_factory=list)
    half_voids: list[str] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    printed_twice: list[str] = field(default_factory=list)
    printed_but_not_marked: int = 0
    stock_intact: bool = False
    audit_intact: bool = False

    @property
    def sales(self) -> int:
        """The sales committed."""
        return self.documents.get("sale", 0)

    @property
    def whole(self) -> bool:
        """Nothing lost, nothing doubled, nothing half-written, both proofs hold."""
        return not (
            self.without_job or self.half_voids or self.printed_twice
            or self.printed_but_not_marked
        ) and self.stock_intact and self.audit_intact  # fmt: skip


def prepare(database: Database, now: datetime) -> None:
    """A shop to kill tills in: the shipped catalogue, members and users, negative stock
    allowed (hundreds of sales), and till K1's shift open."""
    database.upgrade()
    with database.write() as session:
        load_catalogue(session, data_dir(), now)
        create_demo_users(session, now)
    with database.write() as session:
        save_shop_settings(session, ADMIN, now=now, allow_negative_stock=True)
        open_shift(session, TILL, WORKER, 500_000, now, load_shop(session))


def till_loop(database: Database, printer: str, now: datetime, seed: int, steps: int) -> None:
    """One till's life, `steps` times (0: until killed): sell one to three items, or void
    one of the shift's sales, or take one item of a past sale back, or take a member's
    savings; then print what waits. The first step sells, the second is the kind beyond
    selling that the seed names (so each kind comes early in a third of the tills, however
    few steps a loaded machine lets a till take before it is killed), then at random."""
    rng = random.Random(seed)
    settings = Settings(db_url=database.url, printer=printer, till=TILL)
    queue = PrintQueue(database, settings, lambda: now)
    till = Till(settings, database, queue, lambda: now, WORKER)
    products = [till.find_product(code) for code in CODES]
    members = [till.find_member(number) for number in MEMBERS]
    done = 0
    while not steps or done < steps:
        if done == 0:
            action = "sell"
        elif done == 1:
            action = BEYOND_SELLING[seed % len(BEYOND_SELLING)]
        else:
            action = rng.choice(ACTIONS)
        with contextlib.suppress(GeraiError):  # refused (already void, all taken back...)
            _act(till, action, rng, products, members)
        queue.flush()
        done += 1


def _act(till: Till, action: str, rng: random.Random, products: list, members: list) -> None:
    if action == "sell":
        for product in rng.sample(products, rng.randint(1, 3)):
            till.cart.add(product, Decimal(1))
        till.sell([Tender(PaymentMethod.CASH)])
        return
    if action == "savings":
        member = rng.choice(members)
        till.take_savings(
            member.id, MemberPaymentKind.SUKARELA, rng.randint(1, 20) * 1_000, 0,
            PaymentMethod.CASH, None,
        )  # fmt: skip
        return
    recent = till.recent_sales()
    if not recent:
        return
    receipt_no = rng.choice(recent[:10]).receipt_no
    if action == "void":
        till.void(receipt_no, "salah input", None)
        return
    line = rng.choice(till.sale_state(receipt_no).lines)
    till.retur(
        receipt_no, [(line.line_no, Decimal(1), False)], "kemasan rusak", PaymentMethod.CASH, None
    )


def run_kills(
    database: Database, printer: str, now: datetime, trials: int, seed: int = 19
) -> KillReport:
    """Start a till process, kill it at a random moment (0 to 150 ms after its first sale
    was committed; in the first trials, one for each kind beyond selling, after its second
    step too, so that each kind is made however loaded the machine), `trials` times; then a
    last restart prints what is waiting."""
    rng = random.Random(seed)
    report = KillReport(trials=trials)
    # warm up here (imports, compiled statements): each forked till then starts in
    # milliseconds on the same engine, with connections of its own
    till_loop(database, printer, now, seed, steps=1)
    for trial in range(trials):
        sales, beyond = count_sales(database), count_beyond_selling(database)
        child = os.fork()
        if child == 0:  # the till
            try:
                database.dispose(close=False)  # the parent's connections stay its own
                till_loop(database, printer, now, seed * 1000 + trial, steps=0)
            finally:
                os._exit(1)
        deadline = time.monotonic() + 20
        while count_sales(database) == sales and time.monotonic() < deadline:
            time.sleep(0.002)
        while (
            trial < len(BEYOND_SELLING)
            and count_beyond_selling(database) == beyond
            and time.monotonic() < deadline
        ):
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.15))
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
    last = PrintQueue(
        database, Settings(db_url=database.url, printer=printer, till=TILL), lambda: now
    )
    last.flush()  # the restart after the last kill
    return report


def count_sales(database: Database) -> int:
    """The sales committed so far."""
    with database.engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM sale")).scalar_one())


def count_beyond_selling(database: Database) -> int:
    """The voids, returs and savings committed so far."""
    with database.engine.connect() as connection:
        return int(
            connection.execute(
                text(
                    "SELECT (SELECT count(*) FROM salevoid) + (SELECT count(*) FROM salereturn)"
                    " + (SELECT count(*) FROM memberpayment)"
                )
            ).scalar_one()
        )


def inspect(database: Database, received: bytes, report: KillReport) -> KillReport:
    """Fill `report` from the database and every byte the printer received."""
    with database.engine.connect() as connection:
        jobs = connection.execute(text("SELECT receipt_no, status, payload FROM printjob")).all()
        queued = {receipt_no for receipt_no, _, _ in jobs}
        for kind, query in DOCUMENTS.items():
            numbers = list(connection.execute(text(query)).scalars())
            report.documents[kind] = len(numbers)
            report.without_job += [number for number in numbers if number not in queued]
        report.half_voids = list(
            connection.execute(
                text(
                    "SELECT receipt_no FROM sale WHERE (status = 'void') <> EXISTS"
                    " (SELECT 1 FROM salevoid WHERE salevoid.sale_id = sale.id)"
                )
            ).scalars()
        )
        report.documents["void"] = int(
            connection.execute(text("SELECT count(*) FROM salevoid")).scalar_one()
        )
    for receipt_no, status, payload in jobs:
        report.statuses[status] = report.statuses.get(status, 0) + 1
        times = received.count(bytes(payload))
        if times > 1:
            report.printed_twice.append(receipt_no)
        if times and status == PrintJobStatus.PENDING:
            report.printed_but_not_marked += 1  # would be sent again: must never happen
    with database.read() as session:
        report.stock_intact = stock_check(session) == []
        report.audit_intact = verify(session).intact
    return report
