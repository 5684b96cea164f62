"""Two tills, two real OS processes, one SQLite file: receipt numbers stay unique and gapless,
no stock update is lost, the last packs of a scarce product are sold once, and nobody sees
"database is locked"."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import NOW

from gerai.db import Database
from gerai.services.audit_verify import verify
from gerai.services.catalog import find_by_code
from gerai.services.stock import Movement, move_stock, stock_check

SALES_PER_PROCESS = 100
PLENTY = ["IDM-GRG", "AQA-600", "GLA-KG", "BRS-MED-KG", "MYK-1L"]
SCARCE = "LPG-12KG"  # 4 tabung in the demo catalogue

WORKER = r"""
import json, random, sys, time
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from gerai.db import Database
from gerai.errors import GeraiError
from gerai.services.auth import KASIR, Actor
from gerai.services.cart import Cart
from gerai.services.catalog import find_by_code
from gerai.services.checkout import Tender, checkout
from gerai.services.members import find_member
from gerai.services.shop import load_shop

url, till, count, seed, gate, now = sys.argv[1:7]
plenty = sys.argv[7].split(",")
scarce = sys.argv[8]
count, now = int(count), datetime.fromisoformat(now)
rng = random.Random(int(seed))
db = Database(url)
with db.read() as session:
    shop = load_shop(session)
    member = find_member(session, "KKMP-0001")
receipts, errors, sold = [], [], {}
Path(gate + "." + seed).touch()  # ready; wait until every till is
deadline = time.monotonic() + 30
while not Path(gate).exists() and time.monotonic() < deadline:
    time.sleep(0.005)
for number in range(count):
    cart = Cart(global_discount_bp=shop.member_discount_bp)
    if number % 3 == 0:
        cart.attach_member(member)
    def fill(session):
        for code in rng.sample(plenty, rng.randint(1, 3)):
            product = find_by_code(session, code)
            cart.add(product, Decimal(rng.choice(["1", "2", "0.5"]))
                     if product.sold_by_weight else Decimal(rng.randint(1, 3)))
        if number % 4 == 0:
            try:
                cart.add(find_by_code(session, scarce))
            except GeraiError as exc:
                assert exc.key == "cart.out_of_stock", exc.key

    def pay(session):
        return checkout(session, cart, [Tender("tunai")], till=till,
                        actor=Actor(till.lower(), KASIR), shop=shop, now=now)

    try:
        if number % 2:
            # built from what the till saw, as on the kasir screen, then paid in its own
            # write transaction, racing the other till
            with db.read() as session:
                fill(session)
            with db.write() as session:
                result = pay(session)
        else:
            # read then write in one transaction, as the demo generator does
            with db.write() as session:
                fill(session)
                result = pay(session)
        receipts.append(result.receipt_no)
        for line in cart.lines:
            sold[line.product.code] = str(Decimal(sold.get(line.product.code, "0")) + line.qty)
    except GeraiError as exc:
        errors.append(exc.key)
    except Exception as exc:
        errors.append(f"{type(exc).__name__}: {exc}")
    time.sleep(0.002)  # the next buyer steps up
db.dispose()
print(json.dumps({"receipts": receipts, "errors": errors, "sold": sold}))
"""


def run_tills(database: Database, tills: list[str], gate: Path) -> list[dict[str, object]]:
    """Start one process per till, open the gate, and collect what each one did."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WORKER,
                database.url,
                till,
                str(SALES_PER_PROCESS),
                str(seed),
                str(gate),
                NOW.isoformat(),
                ",".join(PLENTY),
                SCARCE,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for seed, till in enumerate(tills)
    ]
    deadline = time.monotonic() + 60  # every till has imported and opened the database
    while not all(Path(f"{gate}.{seed}").exists() for seed in range(len(tills))):
        assert time.monotonic() < deadline
        assert all(p.poll() is None for p in processes)
        time.sleep(0.01)
    gate.touch()
    results = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert "Traceback" not in err, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


@pytest.fixture
def stocked(db: Database) -> Database:
    """The demo shop with plenty of the everyday products on the shelf."""
    with db.write() as session:
        movements = []
        for code in PLENTY:
            product = find_by_code(session, code)
            assert product is not None
            movements.append(Movement(product.id, Decimal(10_000), "receive", ref="SJ-1"))
        move_stock(session, movements, at=NOW)
    return db


def stock_of(database: Database) -> dict[str, Decimal]:
    with database.read() as session:
        found = {code: find_by_code(session, code) for code in [*PLENTY, SCARCE]}
    return {code: p.stock for code, p in found.items() if p is not None}


def check_outcome(
    database: Database, opening: dict[str, Decimal], results: list[dict[str, object]]
) -> None:
    errors = [e for r in results for e in r["errors"]]  # type: ignore[attr-defined]
    assert all(e == "cart.out_of_stock" for e in errors), Counter(errors)
    assert not any("locked" in e for e in errors)
    sold: Counter[str] = Counter()
    for r in results:
        for code, qty in r["sold"].items():  # type: ignore[attr-defined]
            sold[code] += Decimal(qty)
    closing = stock_of(database)
    for code, start in opening.items():
        assert closing[code] == start - sold[code], code
    # the last four gas bottles were sold exactly once between the two tills
    assert sold[SCARCE] == opening[SCARCE] == 4
    assert closing[SCARCE] == 0
    with database.read() as session:
        assert stock_check(session) == []
        checked = verify(session)  # the two tills' records form one chain, each sale in it
    assert checked.intact, checked.problem()
    assert checked.records >= len([r for result in results for r in result["receipts"]])  # type: ignore[attr-defined]

    assert database.path is not None
    with sqlite3.connect(database.path) as raw:
        rows = raw.execute("SELECT till, receipt_no FROM sale").fetchall()
    committed = sorted(r for result in results for r in result["receipts"])  # type: ignore[attr-defined]
    assert sorted(receipt for _, receipt in rows) == committed
    assert len(set(committed)) == len(committed)
    by_till: dict[str, list[int]] = {}
    for till, receipt in rows:
        assert receipt.startswith(f"{till}-20251130-")
        by_till.setdefault(till, []).append(int(receipt.rsplit("-", 1)[1]))
    for numbers in by_till.values():
        assert sorted(numbers) == list(range(1, len(numbers) + 1))
    # every sale was either committed or refused for stock; refusals are rare
    attempts = SALES_PER_PROCESS * len(results)
    assert len(committed) + len(errors) == attempts
    assert len(committed) >= attempts - 30


@pytest.mark.timeout(180)
def test_two_tills_in_two_processes(stocked: Database, tmp_path: Path) -> None:
    opening = stock_of(stocked)
    results = run_tills(stocked, ["K1", "K2"], tmp_path / "go")
    check_outcome(stocked, opening, results)
    with sqlite3.connect(stocked.path) as raw:  # type: ignore[arg-type]
        per_till = dict(raw.execute("SELECT till, count(*) FROM sale GROUP BY till").fetchall())
        counters = dict(raw.execute("SELECT till, last_no FROM receiptcounter").fetchall())
    assert set(per_till) == {"K1", "K2"}
    assert counters == per_till


@pytest.mark.timeout(180)
def test_two_processes_on_the_same_till(stocked: Database, tmp_path: Path) -> None:
    opening = stock_of(stocked)
    results = run_tills(stocked, ["K1", "K1"], tmp_path / "go")
    check_outcome(stocked, opening, results)
    # both processes really took numbers from the one counter, interleaved
    first = {int(r.rsplit("-", 1)[1]) for r in results[0]["receipts"]}  # type: ignore[attr-defined]
    second = {int(r.rsplit("-", 1)[1]) for r in results[1]["receipts"]}  # type: ignore[attr-defined]
    assert first and second and not first & second
    assert first | second == set(range(1, len(first) + len(second) + 1))
