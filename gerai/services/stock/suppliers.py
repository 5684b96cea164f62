"""Suppliers (pemasok): who the shop buys from."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, func, select

from gerai.core.errors import GeraiError
from gerai.core.text import check_text
from gerai.models import Supplier


@dataclass(frozen=True)
class SupplierInfo:
    """A supplier as the screens show it."""

    id: int
    name: str
    phone: str
    address: str


def _info(row: Supplier) -> SupplierInfo:
    assert row.id is not None
    return SupplierInfo(row.id, row.name, row.phone, row.address)


def list_suppliers(session: Session) -> list[SupplierInfo]:
    """The active suppliers, by name."""
    rows = session.exec(select(Supplier).where(col(Supplier.active)).order_by(col(Supplier.name)))
    return [_info(row) for row in rows]


def get_supplier(session: Session, supplier_id: int) -> SupplierInfo:
    """A supplier by id; refused when there is none."""
    row = session.get(Supplier, supplier_id)
    if row is None:
        raise GeraiError("supplier.none")
    return _info(row)


def add_supplier(session: Session, name: str, phone: str = "", address: str = "") -> SupplierInfo:
    """A new supplier; the name is required and unique (ignoring case)."""
    name = " ".join(name.split())
    if not name:
        raise GeraiError("supplier.name_required")
    fields = {"name": (name, 120), "phone": (phone.strip(), 30), "address": (address.strip(), 200)}
    for value, limit in fields.values():
        if len(check_text(value)) > limit:
            raise GeraiError("stockadm.too_long", limit=limit)
    taken = session.exec(
        select(Supplier.name).where(func.lower(Supplier.name) == name.lower())
    ).first()
    if taken is not None:
        raise GeraiError("supplier.taken", name=taken)
    row = Supplier(name=name, phone=phone.strip(), address=address.strip())
    session.add(row)
    session.flush()
    return _info(row)
