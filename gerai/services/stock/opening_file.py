"""`gerai stock opening FILE`: the stok awal of products already in the catalogue (imported or
made without stock), from a file of codes and quantities (`Kode`, `Stok awal`, or `code`,
`stock`), booked as one `SA` document (opening.py). Every row is checked first: an unknown
code, a bad or fractional quantity, a code twice, a product whose stock has moved already
refuse the whole file, each problem named with its row; nothing is written then."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.core.quantity import format_quantity
from gerai.core.words import AuditKind, MovementKind, Permission
from gerai.services.audit import trail as audit
from gerai.services.importing import ImportRefused, RowProblem, cell_text, missing_columns
from gerai.services.shop.auth import Actor, authorize
from gerai.services.shop.profile import ShopProfile
from gerai.services.stock.catalog import ProductInfo
from gerai.services.stock.import_export import PRODUCT_HEADINGS
from gerai.services.stock.inventory import product_for, quantity, value_at
from gerai.services.stock.ledger import Movement, move_stock
from gerai.services.stock.opening import moved_products, open_document
from gerai.tabular import Table

COLUMNS = ("code", "stock")
NOTE = "stok awal"


@dataclass(frozen=True)
class OpeningResult:
    """The opening stock booked: its document's number, how many products, their value."""

    number: str
    products: int
    value: int


def book_opening_stock(
    session: Session, table: Table, *, actor: Actor, at: datetime, shop: ShopProfile
) -> OpeningResult:
    """Check every row of `table` and book the products' opening stock (permission `stock`)
    as one `SA` document with an `opening` movement each (rows of 0 are skipped), audited;
    ImportRefused naming every bad row, nothing written."""
    authorize(session, actor, Permission.STOCK, now=at)
    table = table.renamed(PRODUCT_HEADINGS)
    missing = [column for column in COLUMNS if column not in table.header]
    if missing:
        raise missing_columns(missing, COLUMNS)
    problems: list[RowProblem] = []
    wanted: list[tuple[int, ProductInfo, Decimal]] = []
    seen: dict[int, int] = {}
    for number, row in zip(table.numbers, table.rows, strict=True):
        try:
            product = product_for(session, cell_text(row.get("code")))
        except GeraiError as error:
            problems.append(RowProblem(number, "code", error))
            continue
        try:
            qty = quantity(row.get("stock"), product, allow_zero=True)
        except GeraiError as error:
            problems.append(RowProblem(number, "stock", error))
            continue
        if product.id in seen:
            twice = GeraiError("import.duplicate_in_file", value=product.code, row=seen[product.id])
            problems.append(RowProblem(number, "code", twice))
            continue
        seen[product.id] = number
        if qty:
            wanted.append((number, product, qty))
    moved = moved_products(session, [product.id for _, product, _ in wanted])
    problems += [
        RowProblem(
            number,
            "stock",
            GeraiError("import.stock_moved", code=p.code, stock=format_quantity(p.stock, p.unit)),
        )
        for number, p, _ in wanted
        if p.id in moved
    ]
    if problems:
        raise ImportRefused(sorted(problems, key=lambda problem: problem.row))
    if not wanted:
        raise GeraiError("opening.nothing")
    value = sum(value_at(qty, product.cost) for _, product, qty in wanted)
    document = open_document(
        session, at=at, by=actor.name, products=len(wanted), value=value, note=NOTE
    )
    move_stock(
        session,
        [
            Movement(product.id, qty, MovementKind.OPENING, ref=document, note=NOTE)
            for _, product, qty in wanted
        ],
        at=at, allow_negative=shop.allow_negative_stock, actor=actor.name,
    )  # fmt: skip
    audit.record(
        session, kind=AuditKind.OPENING_STOCK, actor=actor.name, at=at, ref=document,
        detail={"products": len(wanted), "value": value},
    )  # fmt: skip
    return OpeningResult(document, len(wanted), value)
