"""Pack units: a product bought in a larger unit than it is sold in (a karton of 12 × 1 L, a
sack of 25 kg) converts to its selling unit by the pack's factor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import delete
from sqlmodel import Session, col, select

from gerai.core.errors import GeraiError
from gerai.core.quantity import format_quantity, is_whole
from gerai.models import PACK_UNIT, PackUnit
from gerai.services.audit.seals import seal
from gerai.services.stock.catalog import ProductInfo
from gerai.services.stock.inventory import factor

PACK_NAME_LIMIT = 20


@dataclass(frozen=True)
class Pack:
    """A pack unit: its name and how many selling units it holds."""

    name: str
    factor: Decimal


def pack_units(session: Session, product_id: int) -> list[Pack]:
    """The product's pack units, by name."""
    rows = session.exec(
        select(PackUnit).where(PackUnit.product_id == product_id).order_by(col(PackUnit.name))
    )
    return [Pack(row.name, row.factor) for row in rows]


def parse_packs(text: str, pieces: bool) -> list[Pack]:
    """`karton=12, dus=6` into packs; a product sold by the piece (`pieces`) needs whole
    factors."""
    packs: list[Pack] = []
    for item in text.replace(";", ",").split(","):
        if not item.strip():
            continue
        name, sep, value = item.partition("=")
        name = name.strip().lower()
        if not sep or not name or len(name) > PACK_NAME_LIMIT:
            raise GeraiError("stockadm.bad_pack", text=item.strip())
        if any(p.name == name for p in packs):
            raise GeraiError("stockadm.duplicate_pack", name=name)
        pack = Pack(name, factor(value))
        if pieces and not is_whole(pack.factor):
            raise GeraiError("stockadm.pack_whole", name=name)
        packs.append(pack)
    return packs


def format_packs(packs: list[Pack]) -> str:
    """Packs as `karton=12, dus=6` (what `parse_packs` reads)."""
    return ", ".join(f"{p.name}={format_quantity(p.factor)}".replace(",", ".") for p in packs)


def set_pack_units(
    session: Session, product_id: int, packs: list[Pack], *, by: str, at: datetime
) -> None:
    """Replace the product's pack units by `packs`, the old and the new sealed."""
    old = session.exec(select(PackUnit.id).where(PackUnit.product_id == product_id)).all()
    session.execute(delete(PackUnit).where(col(PackUnit.product_id) == product_id))
    new = [PackUnit(product_id=product_id, name=p.name, factor=p.factor) for p in packs]
    session.add_all(new)
    session.flush()
    seal(session, PACK_UNIT, [*old, *(p.id for p in new)], actor=by, at=at)


def resolve_pack(session: Session, product: ProductInfo, text: str) -> Pack:
    """The pack `text` names for `product`: nothing or the selling unit itself is one unit
    (name ""), `karton` one of its pack units, `karton=12` a pack of that size given here."""
    wanted = text.strip().lower()
    if wanted in ("", product.unit.lower()):
        return Pack("", Decimal(1))
    if "=" in wanted:
        packs = parse_packs(wanted, pieces=not product.sold_by_weight)
        if len(packs) != 1:
            raise GeraiError("stockadm.bad_pack", text=text.strip())
        return packs[0]
    packs = pack_units(session, product.id)
    for pack in packs:
        if pack.name == wanted:
            return pack
    known = ", ".join([product.unit, *(p.name for p in packs)])
    raise GeraiError("stockadm.unknown_pack", pack=text.strip(), name=product.name, known=known)
