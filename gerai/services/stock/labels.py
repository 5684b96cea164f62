"""Shelf labels (label harga): which products get a new price tag and what each tag says: the
name, unit, price, member price, the HET for goods under a price ceiling, and the barcode a
scanner reads back (the product's first barcode, else its code). A printed label is recorded
with the prices it shows; it is out of date (stale) once the product's prices differ."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, insert, select
from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.models import (
    BARCODE,
    CATEGORY,
    PRICE_CHANGE,
    PRINTED_LABEL,
    PRODUCT,
    REGULATED_PRODUCT,
)
from gerai.services.audit.seals import seal
from gerai.services.stock.catalog import label_is_stale
from gerai.services.stock.import_export import ean13_valid
from gerai.services.stock.inventory import product_for
from receipts.shelf_tag import ShelfTag


@dataclass(frozen=True)
class ShelfLabel:
    """One price tag: what the shelf shows of a product."""

    product_id: int
    code: str
    name: str
    unit: str
    price: int
    member_price: int | None
    het: int | None
    regulated: bool
    barcode: str  # the product's first barcode, or its code when it has none

    @property
    def symbology(self) -> str:
        """How the barcode is drawn: `EAN13` for a valid EAN-13, else `Code128`."""
        return "EAN13" if ean13_valid(self.barcode) else "Code128"

    def tag(self, priced_on: date) -> ShelfTag:
        """The label as receipt paper prints it, dated `priced_on`."""
        return ShelfTag(
            self.name, self.unit, self.price, self.member_price, self.het, self.regulated,
            self.barcode, self.symbology, priced_on,
        )  # fmt: skip


def shelf_labels(
    session: Session,
    *,
    codes: Sequence[str] = (),
    changed_since: datetime | None = None,
    category: str | None = None,
    stale: bool = False,
) -> list[ShelfLabel]:
    """The labels of the products named by code or barcode (`codes`, in that order), else of
    the active products whose price or member price changed at or after `changed_since`, of
    one category's active products, or of those whose label is out of date (`stale`), else of
    every active product; by name. Refused with the code that names no product, the category
    that does not exist, or when none match."""
    if sum((bool(codes), changed_since is not None, category is not None, stale)) > 1:
        raise GeraiError("labels.one_choice")
    query = select(PRODUCT.c.id).order_by(PRODUCT.c.name, PRODUCT.c.id)
    if codes:
        ids = list(dict.fromkeys(product_for(session, code).id for code in codes))
    else:
        query = query.where(PRODUCT.c.active.is_(True))
        if changed_since is not None:
            changed = select(PRICE_CHANGE.c.product_id).where(
                PRICE_CHANGE.c.changed_at >= changed_since
            )
            query = query.where(PRODUCT.c.id.in_(changed))
        if category is not None:
            query = query.where(PRODUCT.c.category_id == _category_id(session, category))
        if stale:
            query = query.where(label_is_stale())
        ids = list(session.connection().execute(query).scalars())
    if not ids:
        raise GeraiError("labels.none")
    found = {label_id: label for label_id, label in _labels(session, ids)}
    return [found[product_id] for product_id in ids]


def record_printed(
    session: Session, labels: Sequence[ShelfLabel], *, actor: str, at: datetime
) -> None:
    """Keep, for each label printed, the prices it shows (the product's last label), sealed."""
    ids = [label.product_id for label in labels]
    for start in range(0, len(ids), 500):
        session.connection().execute(
            delete(PRINTED_LABEL).where(PRINTED_LABEL.c.product_id.in_(ids[start : start + 500]))
        )
    if labels:
        session.connection().execute(
            insert(PRINTED_LABEL),
            [
                {"product_id": label.product_id, "price": label.price,
                 "member_price": label.member_price, "het": label.het, "printed_at": at,
                 "printed_by": actor}
                for label in labels
            ],
        )  # fmt: skip
        seal(session, PRINTED_LABEL, ids, actor=actor, at=at)


def _category_id(session: Session, name: str) -> int:
    found = session.connection().execute(
        select(CATEGORY.c.id).where(func.lower(CATEGORY.c.name) == name.strip().lower())
    )
    category_id = found.scalar()
    if category_id is None:
        raise GeraiError("labels.unknown_category", category=name.strip())
    return int(category_id)


def _labels(session: Session, ids: list[int]) -> list[tuple[int, ShelfLabel]]:
    first_barcode = (
        select(BARCODE.c.code)
        .where(BARCODE.c.product_id == PRODUCT.c.id)
        .order_by(BARCODE.c.id)
        .limit(1)
        .scalar_subquery()
    )
    regulated = (
        select(REGULATED_PRODUCT.c.product_id)
        .where(REGULATED_PRODUCT.c.product_id == PRODUCT.c.id)
        .exists()
    )
    rows: list[tuple[int, ShelfLabel]] = []
    for start in range(0, len(ids), 500):
        query = select(
            PRODUCT.c.id, PRODUCT.c.code, PRODUCT.c.name, PRODUCT.c.unit, PRODUCT.c.price,
            PRODUCT.c.member_price, PRODUCT.c.het, regulated.label("regulated"),
            first_barcode.label("barcode"),
        ).where(PRODUCT.c.id.in_(ids[start : start + 500]))  # fmt: skip
        for row in session.connection().execute(query):
            label = ShelfLabel(
                product_id=row.id, code=row.code, name=row.name, unit=row.unit, price=row.price,
                member_price=row.member_price, het=row.het, regulated=bool(row.regulated),
                barcode=row.barcode or row.code,
            )  # fmt: skip
            rows.append((row.id, label))
    return rows
