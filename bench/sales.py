"""A generated year of sales (with payments, stock movements, receipt counters and each sale's
record in the audit chain, as the checkout writes them) and the opening stock that makes every
product end at its generated stock."""

from __future__ import annotations

import itertools
import random
import sqlite3
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from datetime import time as clock
from typing import Any
from zoneinfo import ZoneInfo

from bench.db import insert_sql, stamp
from bench.products import Sellable

LINES_PER_SALE = 10
TILL = "K1"
CASHIERS = ("kasir", "Rahma", "Andi")
SALE_COLUMNS = (
    "id",
    "receipt_no",
    "till",
    "business_date",
    "created_at",
    "member_id",
    "cashier",
    "gross",
    "member_discount",
    "manual_discount",
    "total",
    "paid",
    "change",
    "status",
)
LINE_COLUMNS = (
    "sale_id",
    "line_no",
    "product_id",
    "code",
    "name",
    "category",
    "unit",
    "qty",
    "regular_price",
    "unit_price",
    "line_gross",
    "line_total",
    "cost",
    "tax_category",
)
MOVE_COLUMNS = ("product_id", "kind", "qty", "created_at", "ref", "sale_id", "note")
RECORD_COLUMNS = ("seq", "created_at", "actor", "kind", "ref", "detail", "prev_hash", "hash")
BATCH_LINES = 200_000  # sale lines per transaction


def add_sales(
    conn: sqlite3.Connection,
    rng: random.Random,
    sellable: Sequence[Sellable],
    *,
    member_ids: Sequence[int],
    member_discount_bp: int,
    first_day: date,
    days: int,
    sales_per_day: int,
    zone: ZoneInfo,
    say: Callable[[str], None],
) -> tuple[int, int]:
    """Add `days` days of about `sales_per_day` sales of `LINES_PER_SALE` lines from
    `first_day` on, then the opening stock; returns the numbers of sales and of lines."""
    from gerai.core.words import AuditKind, MovementKind, PaymentMethod, SaleStatus
    from gerai.demo.generate import CASH_STEPS, HOUR_WEIGHTS, METHOD_WEIGHTS
    from gerai.models import (
        AUDIT_RECORD,
        PAYMENT,
        RECEIPT_COUNTER,
        SALE,
        SALE_LINE,
        STOCK_MOVEMENT,
    )
    from gerai.services.audit.sale_digest import sale_digest
    from gerai.services.audit.trail import canonical, chain_hash
    from gerai.services.stock.ledger import OPENING_REF

    sale_sql = insert_sql(SALE, SALE_COLUMNS)
    line_sql = insert_sql(SALE_LINE, LINE_COLUMNS)
    payment_sql = insert_sql(PAYMENT, ("sale_id", "method", "amount", "tendered"))
    move_sql = insert_sql(STOCK_MOVEMENT, MOVE_COLUMNS)
    counter_sql = insert_sql(RECEIPT_COUNTER, ("till", "business_date", "last_no"))
    record_sql = insert_sql(AUDIT_RECORD, RECORD_COLUMNS)
    # a long tail of popularity: a few products sell daily, most a few times a year
    order = list(range(len(sellable)))
    rng.shuffle(order)
    popularity = [0.0] * len(sellable)
    for rank, index in enumerate(order):
        popularity[index] = 1.0 / (rank + 20) ** 0.8
    cumulative = list(itertools.accumulate(popularity))
    population = range(len(sellable))
    sold = [0] * len(sellable)
    hours = list(HOUR_WEIGHTS)
    hour_weights = list(HOUR_WEIGHTS.values())
    methods = [m for m, _ in METHOD_WEIGHTS]
    method_weights = [w for _, w in METHOD_WEIGHTS]
    sale_id = conn.execute("SELECT coalesce(max(id), 0) FROM sale").fetchone()[0]
    seq, last_hash = conn.execute("SELECT last_seq, last_hash FROM audithead").fetchone()
    total_sales = total_lines = 0
    batch: dict[str, list[tuple[Any, ...]]] = {
        k: [] for k in ("sale", "line", "pay", "move", "counter", "record")
    }

    def flush() -> None:
        conn.execute("BEGIN")
        conn.executemany(sale_sql, batch["sale"])
        conn.executemany(line_sql, batch["line"])
        conn.executemany(payment_sql, batch["pay"])
        conn.executemany(move_sql, batch["move"])
        conn.executemany(counter_sql, batch["counter"])
        conn.executemany(record_sql, batch["record"])
        conn.execute(
            "UPDATE audithead SET last_seq = ?, last_hash = ? WHERE id = 1", (seq, last_hash)
        )
        conn.execute("COMMIT")
        for rows in batch.values():
            rows.clear()

    if not sellable:
        days = 0
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        day_text = day.isoformat()
        count = rng.randint(sales_per_day * 85 // 100, sales_per_day * 115 // 100)
        seconds = sorted(
            h * 3600 + rng.randrange(3600) for h in rng.choices(hours, hour_weights, k=count)
        )
        for number, second in enumerate(seconds, start=1):
            sale_id += 1
            local = datetime.combine(
                day, clock(second // 3600, second // 60 % 60, second % 60), tzinfo=zone
            )
            created = stamp(local)
            receipt = f"{TILL}-{day:%Y%m%d}-{number:04d}"
            member_id = rng.choice(member_ids) if rng.random() < 0.45 else None
            picks: list[int] = []
            while len(picks) < min(LINES_PER_SALE, len(sellable)):
                for index in rng.choices(population, cum_weights=cumulative, k=LINES_PER_SALE):
                    if index not in picks and len(picks) < LINES_PER_SALE:
                        picks.append(index)
            gross = total = 0
            keys: list[tuple[int, int, int, int]] = []  # what the sale's digest covers
            for line_no, index in enumerate(picks, start=1):
                (
                    pid,
                    code,
                    name,
                    category,
                    category_bp,
                    unit,
                    by_weight,
                    price,
                    member_price,
                    cost,
                    max_per_sale,
                    tax,
                    _final,
                ) = sellable[index]
                if by_weight:
                    qty = rng.choice((250, 500, 500, 1000, 1000, 1000, 1500, 2000, 3000))
                else:
                    qty = rng.choice((1, 1, 1, 1, 2, 2, 3, 5)) * 1000
                    if max_per_sale is not None:
                        qty = min(qty, max_per_sale)
                if member_id is None:
                    paid_price = price
                elif member_price is not None:
                    paid_price = min(member_price, price)
                else:
                    bp = category_bp if category_bp is not None else member_discount_bp
                    paid_price = price - (price * bp + 5000) // 10000
                line_gross = (qty * price + 500) // 1000
                line_total = (qty * paid_price + 500) // 1000
                gross += line_gross
                total += line_total
                keys.append((pid, qty, paid_price, line_total))
                sold[index] += qty
                batch["line"].append(
                    (
                        sale_id,
                        line_no,
                        pid,
                        code,
                        name,
                        category,
                        unit,
                        qty,
                        price,
                        paid_price,
                        line_gross,
                        line_total,
                        cost,
                        tax,
                    )
                )
                batch["move"].append((pid, MovementKind.SALE, -qty, created, receipt, sale_id, ""))
            method = rng.choices(methods, method_weights)[0]
            if method == PaymentMethod.KASBON and member_id is None:
                method = PaymentMethod.CASH
            tendered = total
            if method == PaymentMethod.CASH and rng.random() >= 0.3:
                step = rng.choice([s for s in CASH_STEPS if s * 20 >= total] or [100_000])
                tendered = -(-total // step) * step
            cashier = rng.choice(CASHIERS)
            sale = (
                sale_id,
                receipt,
                TILL,
                day_text,
                created,
                member_id,
                cashier,
                gross,
                gross - total,
                0,
                total,
                tendered,
                tendered - total,
                SaleStatus.COMPLETED,
            )
            batch["sale"].append(sale)
            batch["pay"].append((sale_id, method, total, tendered))
            fields = {**dict(zip(SALE_COLUMNS, sale, strict=True)), "shift_id": None}
            fields["created_at"] = local
            digest = sale_digest(fields, keys, [(method, total, tendered)])
            detail = canonical({"receipt": receipt, "total": total, "digest": digest})
            seq += 1
            record_hash = chain_hash(
                last_hash, seq, local, cashier, AuditKind.SALE, receipt, detail
            )
            batch["record"].append(
                (seq, created, cashier, AuditKind.SALE, receipt, detail, last_hash, record_hash)
            )
            last_hash = record_hash
            total_lines += len(picks)
        batch["counter"].append((TILL, day_text, count))
        total_sales += count
        if len(batch["line"]) >= BATCH_LINES or offset == days - 1:
            flush()
            say(f"sales to {day_text}: {total_sales:,} sales, {total_lines:,} lines")

    # opening stock: every product starts with what it later sold plus what it has now
    opening_at = stamp(datetime.combine(first_day - timedelta(days=1), clock(6), tzinfo=zone))
    conn.execute("BEGIN")
    conn.executemany(
        move_sql,
        [
            (
                item.id,
                MovementKind.ADJUST,
                item.final_stock + sold[i],
                opening_at,
                OPENING_REF,
                None,
                "stok awal",
            )
            for i, item in enumerate(sellable)
        ],
    )
    conn.execute("COMMIT")
    return total_sales, total_lines
