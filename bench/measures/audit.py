"""`gerai audit verify` on the whole database (`--full`), against a raw recompute of the same
proofs with `sqlite3`, `hashlib` and `json` only: every record's chain hash, every sale's
digest from its rows (of its record's version) with its record found
by its receipt number, every covered row's seal against its latest seal record. Taken in turns,
medians reported. Then the verify since the last check as a shift close runs it, after a
shift's sales paid at the till (budget issue 18: whole year ≤ 1.0× raw, since ≤ 1 s).
`tests/test_bench_audit.py` holds that the raw recompute proves what gerai's verify proves."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import statistics
import time
from contextlib import closing
from pathlib import Path

from bench.measures.commit import _Clock, _prepare_sales, _sell, _till
from bench.measures.context import Context
from bench.report import Row

SHIFT_SALES = 150  # about half a day's sales of the benchmark's shop
_DUMP = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode
_SALE = (
    "SELECT s.id, s.receipt_no, s.shift_id, s.till, s.business_date, s.created_at, s.member_id,"
    ' s.cashier, s.gross, s.member_discount, s.manual_discount, s.total, s.paid, s."change",'
    " s.rounding, s.approved_by, r.detail FROM sale s LEFT JOIN auditrecord r"
    " ON r.ref = s.receipt_no AND r.kind || '' = 'sale' ORDER BY s.id"
)
_LINE = (
    "SELECT sale_id, product_id, qty, unit_price, line_total, buyer_nik, buyer_kk,"
    " buyer_category, cost, name, manual_discount, discount_share, price_overridden,"
    " approved_by FROM saleline ORDER BY sale_id, line_no"
)
_PAYMENT = "SELECT sale_id, method, amount, tendered, reference FROM payment ORDER BY sale_id, id"


def _utc(text: str) -> str:
    """A stored UTC time as the digests' text."""
    return text[:10] + "T" + text[11:] + "+00:00"


def _chain(db: sqlite3.Connection) -> int:
    """Every record's hash recomputed from its predecessor's; the number of records."""
    prev, count = "", 0
    rows = db.execute(
        "SELECT seq, created_at, actor, kind, ref, detail, prev_hash, hash FROM auditrecord"
        " ORDER BY seq"
    )
    for seq, at, actor, kind, ref, detail, prev_hash, digest in rows:
        content = _DUMP([prev, seq, _utc(at), actor, kind, ref, detail]).encode()
        if prev_hash != prev or hashlib.sha256(content).hexdigest() != digest:
            raise AssertionError(f"record {seq}")
        prev, count = digest, count + 1
    return count


def _sales(db: sqlite3.Connection) -> int:
    """Every sale's digest from its rows (of its record's version), against its record; the
    number of sales."""
    expired = dict(db.execute("SELECT ref, actor FROM auditrecord WHERE kind = 'expired_approved'"))
    lines, payments = db.execute(_LINE), db.execute(_PAYMENT)
    line, payment, count = lines.fetchone(), payments.fetchone(), 0
    for sale_id, receipt, *fields, detail in db.execute(_SALE):
        keys, details, paid, refs = [], [], [], []
        while line is not None and line[0] == sale_id:
            (
                _,
                product,
                qty,
                price,
                total,
                nik,
                kk,
                category,
                cost,
                name,
                manual,
                share,
                over,
                by,
            ) = line
            keys.append([product, qty, price, total] + ([] if nik is None else [nik, kk, category]))
            details.append([cost, name, manual, share, bool(over), by])
            line = lines.fetchone()
        while payment is not None and payment[0] == sale_id:
            paid.append(list(payment[1:4]))
            refs.append(payment[4])
            payment = payments.fetchone()
        fields[3] = _utc(fields[3])
        record = json.loads(detail)
        version = record.get("v", 1)  # as gerai checks it: what that version digested
        content: list[object] = [[receipt, *fields[: 12 if version < 3 else 14]], keys, paid]
        if version == 2:
            content.append([row[:2] for row in details])
        elif version >= 3:
            content += [details, refs] + ([expired.get(receipt)] if version >= 4 else [])
        if record["digest"] != hashlib.sha256(_DUMP(content).encode()).hexdigest():
            raise AssertionError(f"sale {receipt}")
        count += 1
    return count


def _seals(db: sqlite3.Connection) -> int:
    """Every covered row's digest against its latest seal; the number of rows."""
    from gerai.services.audit.seals import COVERED, DEMO_MARKER  # which tables and columns

    count = 0
    for entry in COVERED:
        latest: dict[str, str] = {}
        for (detail,) in db.execute(
            "SELECT detail FROM auditrecord WHERE kind = 'rows_sealed' AND ref = ? ORDER BY seq",
            (entry.name,),
        ):
            latest.update(json.loads(detail)["rows"])
        keys = [column.name for column in entry.table.primary_key.columns]
        where = f" WHERE key != '{DEMO_MARKER}'" if entry.where is not None else ""
        columns = ", ".join(f'"{name}"' for name in (*keys, *entry.columns))
        for row in db.execute(f'SELECT {columns} FROM "{entry.name}"{where}'):
            key = "|".join(str(value) for value in row[: len(keys)])
            text = _DUMP([entry.name, key, list(row[len(keys) :])])
            if latest.get(key) != hashlib.sha256(text.encode()).hexdigest():
                raise AssertionError(f"{entry.name}#{key}")
            count += 1
    return count


def raw_recompute(path: Path) -> tuple[int, int, int]:
    """The chain, the sales and the seals recomputed with sqlite3 and hashlib: how many
    records, sales and sealed rows."""
    with closing(sqlite3.connect(path)) as db:
        return _chain(db), _sales(db), _seals(db)


def measure_audit_verify(ctx: Context) -> list[Row]:
    """The full verification as the command runs it (`--full`) and the raw recompute, in turns;
    then the verification since the last check after a shift's sales."""
    till = ctx.till()
    rounds = 1 if ctx.quick else 4
    ours, raws = [], []
    result = None
    counts = (0, 0, 0)
    for turn in range(rounds):
        for action in ("ours", "raw") if turn % 2 == 0 else ("raw", "ours"):  # each goes first
            started = time.perf_counter()
            if action == "ours":
                result = till.verify_audit(full=True, mark=True)
                ours.append(time.perf_counter() - started)
            else:
                counts = raw_recompute(ctx.path)
                raws.append(time.perf_counter() - started)
    assert result is not None
    seconds, reference = statistics.median(ours), statistics.median(raws)
    problem = result.problem()
    since, sold = _since_a_shift(ctx)
    return [
        Row(
            f"audit verify --full: chain + {ctx.built.sales:,} sales + seals",
            seconds / reference,
            "×",
            f"{seconds:.1f} s vs raw {reference:.1f} s ({counts[0]:,} records, {counts[1]:,} "
            f"sales, {counts[2]:,} rows), "
            + ("intact" if problem is None else f"BROKEN: {problem.message()}"),
            "≤ 1.0× raw recompute",
            1.0,
            {"seconds": seconds, "raw_seconds": reference, "records": result.records},
        ),
        Row(
            f"audit verify since the last check ({sold} sales at the till since)",
            since,
            "s",
            f"{since:.2f} s",
            "≤ 1 s",
            1.0,
        ),
    ]


def _since_a_shift(ctx: Context) -> tuple[float, int]:
    """Seconds of a verify since the last check (the full verify's checkpoint) after a shift's
    sales paid at the till, as a shift close runs it; and how many sales."""
    from gerai.models import utcnow
    from gerai.services.audit.verify import verify_since_last_check

    count = 20 if ctx.quick else SHIFT_SALES
    ctx.open_till()
    clock = _Clock()
    till = _till(ctx.database(), clock)
    for sale in _prepare_sales(ctx, count):
        _sell(till, clock, sale.cart, sale.now)
    started = time.perf_counter()
    with ctx.database().read() as session:
        result = verify_since_last_check(session, now=utcnow())
    seconds = time.perf_counter() - started
    assert result.intact and not result.full, result.problem()
    return seconds, count
