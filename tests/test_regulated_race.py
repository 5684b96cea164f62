"""Two tills in real OS processes race for the same buyers' last unit of LPG quota (1 per NIK
per day): for each buyer exactly one sale wins, the other till is refused with the quota's
message, and nobody sees a lock error (SQLite file and PostgreSQL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from gerai.db import Database
from tests.conftest import raw
from tests.test_regulated import LPG, regulate

BUYERS = [f"73710101019{n:05d}" for n in range(10)]

WORKER = r"""
import json, sys, time
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from gerai.core.errors import GeraiError
from gerai.core.words import BuyerCategory, Role
from gerai.db import Database
from gerai.printing import PrintQueue
from gerai.services.sale.checkout import Tender
from gerai.services.shop.auth import Actor
from gerai.settings import Settings
from gerai.till import Till

url, till_id, gate, now, code = sys.argv[1:6]
buyers = sys.argv[6].split(",")
moment = datetime.fromisoformat(now)
db = Database(url)
settings = Settings(db_url=url, printer="", till=till_id)
till = Till(settings, db, PrintQueue(db, settings, lambda: moment), clock=lambda: moment,
            actor=Actor("kasir", Role.KASIR))
product = till.find_product(code)
Path(gate + "." + till_id).touch()
deadline = time.monotonic() + 30
while not Path(gate).exists() and time.monotonic() < deadline:
    time.sleep(0.001)
won, refused = [], []
for nik in buyers:
    till.cart.add(product, Decimal(1))
    till.set_buyer(nik, BuyerCategory.HOUSEHOLD)
    try:
        till.sell([Tender("tunai")])
        won.append(nik)
    except GeraiError as error:
        refused.append([nik, error.key])
    till.cart.clear()
print(json.dumps({"won": won, "refused": refused}))
"""


def test_two_tills_racing_one_buyers_last_unit_sell_it_once(db: Database, tmp_path: Path) -> None:
    from tests.conftest import NOW

    regulate(db)
    gate = tmp_path / "gate"
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WORKER,
                db.url,
                till,
                str(gate),
                NOW.isoformat(),
                LPG,
                ",".join(BUYERS),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        for till in ("K1", "K2")
    ]
    deadline = time.monotonic() + 60
    while not all(Path(f"{gate}.{till}").exists() for till in ("K1", "K2")):
        assert time.monotonic() < deadline
        assert all(p.poll() is None for p in processes), [p.communicate() for p in processes]
        time.sleep(0.01)
    gate.touch()
    results = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    won = sorted(nik for result in results for nik in result["won"])
    assert won == BUYERS  # each buyer's one tube sold exactly once
    keys = {key for result in results for _, key in result["refused"]}
    assert keys == {"quota.exceeded_buyer_day"}
    assert sum(len(r["refused"]) for r in results) == len(BUYERS)
    per_nik = raw(db, "SELECT buyer_nik, count(*) FROM saleline GROUP BY buyer_nik")
    assert sorted(per_nik) == [(nik, 1) for nik in BUYERS]
