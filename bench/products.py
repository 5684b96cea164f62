"""Generated products (each with one EAN-13 barcode) and members, added to the demo shop."""

from __future__ import annotations

import math
import random
import sqlite3
from datetime import date, timedelta
from typing import Any, NamedTuple

from bench.catalogue import FAMILIES, FIRST_NAMES, LAST_NAMES, VILLAGES, unit_for
from bench.db import insert_sql

PRODUCT_COLUMNS = (
    "id",
    "code",
    "name",
    "category_id",
    "unit",
    "sold_by_weight",
    "price",
    "member_price",
    "cost",
    "het",
    "max_per_sale",
    "tax_category",
    "reorder_level",
    "stock",
    "active",
    "updated_at",
)
MEMBER_COLUMNS = (
    "number",
    "name",
    "nik",
    "phone",
    "address",
    "join_date",
    "active",
    "credit_limit",
)


class Sellable(NamedTuple):
    """What the sales generator needs of a generated product (quantities in milli-units)."""

    id: int
    code: str
    name: str
    category: str
    category_bp: int | None
    unit: str
    by_weight: bool
    price: int
    member_price: int | None
    cost: int
    max_per_sale: int | None
    tax: str
    final_stock: int


def ean13(first12: str) -> str:
    """`first12` with its EAN-13 check digit appended."""
    weighted = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return first12 + str((10 - weighted % 10) % 10)


def round_price(value: float) -> int:
    """A shelf price: whole hundreds below Rp 20,000, whole five hundreds above."""
    step = 100 if value < 20_000 else 500
    return max(step, round(value / step) * step)


def add_products(
    conn: sqlite3.Connection, rng: random.Random, products: int, updated_at: str
) -> list[Sellable]:
    """Add the missing categories, then products and barcodes until the shop has `products`;
    returns the added products. Runs inside the caller's transaction."""
    from gerai.models import BARCODE, CATEGORY, PRODUCT

    categories = {
        name: (cid, bp)
        for cid, name, bp in conn.execute("SELECT id, name, member_discount_bp FROM category")
    }
    for family in FAMILIES:
        if family.category not in categories:
            cursor = conn.execute(
                insert_sql(CATEGORY, ("name", "member_discount_bp")), (family.category, None)
            )
            categories[family.category] = (cursor.lastrowid, None)
    demo_count = conn.execute("SELECT count(*) FROM product").fetchone()[0]
    taken_names = {row[0] for row in conn.execute("SELECT name FROM product")}
    taken_barcodes = {row[0] for row in conn.execute("SELECT code FROM barcode")}
    next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM product").fetchone()[0]
    to_make = max(0, products - demo_count)
    product_rows: list[tuple[Any, ...]] = []
    barcode_rows: list[tuple[str, int]] = []
    sellable: list[Sellable] = []
    weights = [f.weight for f in FAMILIES]
    barcode_numbers = iter(rng.sample(range(10**8), to_make + len(taken_barcodes) + 10))
    per_prefix: dict[str, int] = {}
    while len(product_rows) < to_make:
        family = rng.choices(FAMILIES, weights)[0]
        size_index = rng.randrange(len(family.sizes))
        size = family.sizes[size_index]
        parts = [
            rng.choice(family.types),
            rng.choice(family.brands),
            rng.choice(family.variants),
            size,
        ]
        name = " ".join(p for p in parts if p)
        if name in taken_names:
            continue
        taken_names.add(name)
        by_weight = size == "Curah"
        unit = family.bulk_unit if by_weight else unit_for(size, family.unit)
        low, high = family.price
        base = math.exp(rng.uniform(math.log(low), math.log(high)))
        factor = 1.0 if by_weight else 1.0 + 0.45 * size_index * rng.uniform(0.6, 1.4)
        price = round_price(base * factor)
        member_price = None
        if rng.random() < 0.3:
            member_price = max(100, price - round_price(price * rng.uniform(0.02, 0.06)))
        het = None
        if family.prefix in ("BRS", "MYK", "GUL") and rng.random() < 0.25:
            het = price + rng.choice((0, 500, 1000))
        max_per_sale = 2000 if family.prefix == "LPG" and size == "3 kg" else None
        cost = int(price * rng.uniform(0.82, 0.93))
        final = rng.randint(20, 400) * 1000
        active = rng.random() >= 0.01
        per_prefix[family.prefix] = per_prefix.get(family.prefix, 0) + 1
        code = f"{family.prefix}-{per_prefix[family.prefix]:06d}"
        pid = next_id + len(product_rows)
        category_id, category_bp = categories[family.category]
        product_rows.append(
            (
                pid,
                code,
                name,
                category_id,
                unit,
                int(by_weight),
                price,
                member_price,
                cost,
                het,
                max_per_sale,
                family.tax,
                rng.randint(5, 20) * 1000,
                final,
                int(active),
                updated_at,
            )
        )
        while True:
            barcode = ean13(f"8995{next(barcode_numbers):08d}")
            if barcode not in taken_barcodes:
                break
        taken_barcodes.add(barcode)
        barcode_rows.append((barcode, pid))
        sellable.append(
            Sellable(
                pid,
                code,
                name,
                family.category,
                category_bp,
                unit,
                by_weight,
                price,
                member_price,
                cost,
                max_per_sale,
                family.tax,
                final,
            )
        )
    conn.executemany(insert_sql(PRODUCT, PRODUCT_COLUMNS), product_rows)
    conn.executemany(insert_sql(BARCODE, ("code", "product_id")), barcode_rows)
    return sellable


def add_members(conn: sqlite3.Connection, rng: random.Random, goal: int, first_day: date) -> None:
    """Add members until the shop has `goal`. Runs inside the caller's transaction."""
    from gerai.models import Member, table_of

    existing = conn.execute("SELECT count(*) FROM member").fetchone()[0]
    rows = []
    for n in range(existing + 1, existing + 1 + max(0, goal - existing)):
        joined = first_day - timedelta(days=rng.randrange(0, 400))
        rows.append(
            (
                f"KKMP-{n:05d}",
                f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                f"7309{rng.randrange(10**12):012d}",
                f"08{rng.randrange(10**10):010d}",
                f"Dusun {rng.choice(VILLAGES)} RT {rng.randint(1, 5):02d}"
                f"/RW {rng.randint(1, 4):02d}",
                joined.isoformat(),
                1,
                rng.choice((0, 0, 0, 100_000, 300_000)),
            )
        )
    conn.executemany(insert_sql(table_of(Member), MEMBER_COLUMNS), rows)
