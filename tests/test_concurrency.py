"""Tills in real OS processes on one database (2 on a SQLite file, 4 on PostgreSQL): receipt
numbers stay unique and gapless, no stock update is lost, the last packs of a scarce product
are sold once, and nobody sees "database is locked" or a deadlock."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import CASHIER, NOW, OPENING_CASH, raw

from gerai.db import Database
from gerai.services.audit.verify import verify
from gerai.services.cash.shifts import open_shift
from gerai.services.shop.profile import load_shop
from gerai.services.stock.catalog import find_by_code
from gerai.services.stock.ledger import Movement, move_stock, stock_check

# per engine: the tills (one process each) and how many sales each one makes
LEGS = {"sqlite": (["K1", "K2"], 100), "postgresql": (["K1", "K2", "K3", "K4"], 500)}
PLENTY = ["IDM-GRG", "AQA-600", "GLA-KG", "BRS-MED-KG", "MYK-1L"]
SCARCE = "LPG-12KG"  # 4 tabung in the demo catalogue

WORKER = r"""
import json, random, sys, time
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from gerai.db import Database
from gerai.core.errors import GeraiError
from gerai.core.words import Role
from gerai.services.shop.auth import Actor
from gerai.services.sale.cart import Cart
from gerai.services.stock.catalog import find_by_code
from gerai.services.sale.checkout import Tender, checkout
from gerai.services.members.lookup import find_member
from gerai.services.shop.profile import load_shop

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
                        actor=Actor("kasir", Role.KASIR), now=now)

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


def spawn(script: str, *args: str) -> subprocess.Popen[str]:
    """A Python process running `script` with `args`."""
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )


def wait_for(paths: list[Path], processes: list[subprocess.Popen[str]], seconds: float) -> None:
    """Until every file in `paths` exists (while every process still runs)."""
    deadline = time.monotonic() + seconds
    while not all(path.exists() for path in paths):
        assert time.monotonic() < deadline
        assert all(p.poll() is None for p in processes), [p.communicate() for p in processes]
        time.sleep(0.005)


def results_of(processes: list[subprocess.Popen[str]]) -> list[dict[str, Any]]:
    """What each process printed last, as JSON, once it ended cleanly."""
    results = []
    for process in processes:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
        assert "Traceback" not in err, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def run_tills(database: Database, tills: list[str], sales: int, gate: Path) -> list[dict[str, Any]]:
    """Start one process per till, open the gate, and collect what each one did."""
    processes = [
        spawn(WORKER, database.url, till, str(sales), str(seed), str(gate), NOW.isoformat(),
              ",".join(PLENTY), SCARCE)
        for seed, till in enumerate(tills)
    ]  # fmt: skip
    # every till has imported and opened the database
    wait_for([Path(f"{gate}.{seed}") for seed in range(len(tills))], processes, 60)
    gate.touch()
    return results_of(processes)


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
    database: Database, opening: dict[str, Decimal], results: list[dict[str, object]], sales: int
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
    # the last four gas bottles were sold exactly once between the tills
    assert sold[SCARCE] == opening[SCARCE] == 4
    assert closing[SCARCE] == 0
    with database.read() as session:
        assert stock_check(session) == []
        checked = verify(session)  # the two tills' records form one chain, each sale in it
    assert checked.intact, checked.problem()
    assert checked.records >= len([r for result in results for r in result["receipts"]])  # type: ignore[attr-defined]

    rows = raw(database, "SELECT till, receipt_no FROM sale")
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
    attempts = sales * len(results)
    assert len(committed) + len(errors) == attempts
    assert len(committed) >= attempts - 30


@pytest.mark.timeout(900)
def test_tills_in_processes(stocked: Database, engine: str, tmp_path: Path) -> None:
    tills, sales = LEGS[engine]
    with stocked.write() as session:
        shop = load_shop(session)
        for till in tills[2:]:  # K1 and K2 are open already
            open_shift(session, till, CASHIER, OPENING_CASH, NOW, shop)
    opening = stock_of(stocked)
    results = run_tills(stocked, tills, sales, tmp_path / "go")
    check_outcome(stocked, opening, results, sales)
    per_till = dict(raw(stocked, "SELECT till, count(*) FROM sale GROUP BY till"))
    counters = dict(raw(stocked, "SELECT till, last_no FROM receiptcounter"))
    assert set(per_till) == set(tills)
    assert counters == per_till


@pytest.mark.timeout(300)
def test_two_processes_on_the_same_till(stocked: Database, tmp_path: Path) -> None:
    opening = stock_of(stocked)
    results = run_tills(stocked, ["K1", "K1"], 100, tmp_path / "go")
    check_outcome(stocked, opening, results, 100)
    # both processes really took numbers from the one counter, interleaved
    first = {int(r.rsplit("-", 1)[1]) for r in results[0]["receipts"]}  # type: ignore[attr-defined]
    second = {int(r.rsplit("-", 1)[1]) for r in results[1]["receipts"]}  # type: ignore[attr-defined]
    assert first and second and not first & second
    assert first | second == set(range(1, len(first) + len(second) + 1))


RACER = r"""
import json, sys, time
from decimal import Decimal
from datetime import datetime
from pathlib import Path

from gerai.db import Database
from gerai.core.errors import GeraiError
from gerai.core.words import Role
from gerai.services.shop.auth import Actor
from gerai.services.sale.cart import Cart
from gerai.services.stock.catalog import find_by_code
from gerai.services.sale.checkout import Tender, checkout
from gerai.services.shop.profile import load_shop

url, till, code, rounds, folder, now = sys.argv[1:7]
folder, now = Path(folder), datetime.fromisoformat(now)
db = Database(url)
with db.read() as session:
    shop = load_shop(session)

def wait(path):
    deadline = time.monotonic() + 60
    while not path.exists():
        assert time.monotonic() < deadline, path
        time.sleep(0.002)

outcomes = []
for r in range(int(rounds)):
    wait(folder / f"open.{r}")
    cart = Cart()
    with db.read() as session:
        cart.add(find_by_code(session, code))  # every till sees the last one on the shelf
    (folder / f"ready.{r}.{till}").touch()
    wait(folder / f"go.{r}")
    try:
        with db.write() as session:
            checkout(session, cart, [Tender("tunai")], till=till,
                     actor=Actor("kasir", Role.KASIR), now=now)
        outcomes.append("sold")
    except GeraiError as exc:
        outcomes.append(exc.key)
    (folder / f"done.{r}.{till}").touch()
db.dispose()
print(json.dumps(outcomes))
"""
ROUNDS = 15


@pytest.mark.timeout(300)
def test_the_last_one_on_the_shelf_is_sold_exactly_once(
    db: Database, engine: str, tmp_path: Path
) -> None:
    """Round after round every till has the last gas bottle in its cart and pays at the same
    moment: exactly one sale goes through, the others are refused, stock never goes below 0."""
    tills = LEGS[engine][0]
    with db.write() as session:
        shop = load_shop(session)
        for till in tills[2:]:
            open_shift(session, till, CASHIER, OPENING_CASH, NOW, shop)
        scarce = find_by_code(session, SCARCE)
        assert scarce is not None
        move_stock(session, [Movement(scarce.id, 1 - scarce.stock, "adjust")], at=NOW)
    processes = [
        spawn(RACER, db.url, till, SCARCE, str(ROUNDS), str(tmp_path), NOW.isoformat())
        for till in tills
    ]
    for r in range(ROUNDS):
        if r:  # the next bottle arrives
            with db.write() as session:
                move_stock(session, [Movement(scarce.id, Decimal(1), "receive")], at=NOW)
        (tmp_path / f"open.{r}").touch()
        wait_for([tmp_path / f"ready.{r}.{till}" for till in tills], processes, 60)
        (tmp_path / f"go.{r}").touch()
        wait_for([tmp_path / f"done.{r}.{till}" for till in tills], processes, 60)
    outcomes = results_of(processes)
    for r in range(ROUNDS):
        assert sorted(o[r] for o in outcomes) == ["cart.out_of_stock"] * (len(tills) - 1) + [
            "sold"
        ], r
    with db.read() as session:
        assert find_by_code(session, SCARCE).stock == 0  # type: ignore[union-attr]
        assert stock_check(session) == []
    [(sold,)] = raw(db, "SELECT count(*) FROM saleline WHERE code = :code", code=SCARCE)
    assert sold == ROUNDS
