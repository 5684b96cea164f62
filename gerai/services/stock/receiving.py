"""Barang masuk: goods received from a supplier against a delivery note. Each line is a
quantity in a pack unit at a cost per pack; the stock goes up through the ledger (kind
`receive`) and the product's HPP follows the moving average. Every line is checked before
anything is written: one bad line refuses the whole receipt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from gerai.core.errors import GeraiError
from gerai.core.money import round_rupiah
from gerai.core.quantity import PLACES
from gerai.core.text import check_text
from gerai.core.words import AuditKind, DocumentSeries, MovementKind, Permission
from gerai.models import GOODS_RECEIPT, GOODS_RECEIPT_LINE, GoodsReceipt, GoodsReceiptLine
from gerai.services.audit import trail as audit
from gerai.services.audit.seals import seal
from gerai.services.shop.auth import Actor, Approval, approved_by, authorize
from gerai.services.shop.profile import load_shop
from gerai.services.stock.batches import batch_code, expiry_date, is_dated
from gerai.services.stock.catalog import ProductInfo
from gerai.services.stock.inventory import (
    amount,
    factor,
    fresh,
    moving_average,
    next_number,
    product_for,
    quantity,
    set_costs,
    whole,
)
from gerai.services.stock.ledger import Movement, move_stock
from gerai.services.stock.packs import Pack, resolve_pack
from gerai.services.stock.suppliers import get_supplier

MAX_LINES = 500


@dataclass(frozen=True)
class ReceiveLine:
    """One line as typed: a product code or barcode, the quantity in the pack, the cost of one
    pack, and the pack: empty for the selling unit, the name of one of the product's pack
    units, or a size given here (`karton=12`, or a name and `factor`)."""

    code: str
    qty: Any
    unit_cost: Any
    pack: str = ""
    factor: Any = None
    expiry: Any = None  # a dated product's expiry date (issue 17)
    batch: str = ""  # and its batch code, if any


@dataclass(frozen=True)
class CheckedLine:
    """A line that passed every check: `qty` selling units, `total` Rupiah."""

    product: ProductInfo
    pack: str
    pack_qty: Decimal
    factor: Decimal
    qty: Decimal
    unit_cost: int
    total: int
    expiry: date | None = None
    batch: str = ""


@dataclass(frozen=True)
class ReceiptResult:
    """A receipt written."""

    id: int
    number: str
    total: int
    lines: int


def check_line(
    session: Session, line: ReceiveLine, *, today: date | None = None, past_ok: bool = False
) -> CheckedLine:
    """Check one line: a known product, a quantity above zero, a known pack or a factor above
    zero, whole pieces, and a cost that is a Rupiah amount; for a dated product, an expiry
    date (not before `today` unless `past_ok`: the screen asks first) and a batch code."""
    product = product_for(session, line.code)
    expiry, batch = _dated(session, product.id, line, today, past_ok)
    pack_qty = quantity(line.qty, None)
    if line.factor is not None:
        pack = Pack(line.pack.strip().lower(), factor(line.factor))
    else:
        pack = resolve_pack(session, product, line.pack)
    qty = pack_qty * pack.factor
    if qty != qty.quantize(PLACES):
        raise GeraiError("stockadm.too_precise", value=str(qty))
    whole(qty, product)
    unit_cost = amount(line.unit_cost)
    return CheckedLine(
        product=product,
        pack=pack.name,
        pack_qty=pack_qty,
        factor=pack.factor,
        qty=qty,
        unit_cost=unit_cost,
        total=round_rupiah(pack_qty * unit_cost),
        expiry=expiry,
        batch=batch,
    )


def _dated(
    session: Session, product_id: int, line: ReceiveLine, today: date | None, past_ok: bool
) -> tuple[date | None, str]:
    """A line's expiry date and batch code: required of a dated product, refused of another."""
    given = line.expiry not in (None, "") and str(line.expiry).strip() != ""
    if not is_dated(session, product_id):
        if given or line.batch.strip():
            raise GeraiError("receive.not_dated")
        return None, ""
    if not given:
        raise GeraiError("receive.expiry_required")
    expiry = expiry_date(line.expiry)
    if today is not None and expiry < today and not past_ok:
        raise GeraiError("receive.expiry_past", expiry=expiry.isoformat())
    return expiry, batch_code(line.batch)


def _check_all(
    session: Session, lines: list[ReceiveLine], today: date, past_ok: bool
) -> list[CheckedLine]:
    if not lines:
        raise GeraiError("receive.no_lines")
    if len(lines) > MAX_LINES:
        raise GeraiError("receive.too_many_lines", limit=MAX_LINES)
    checked = []
    for number, line in enumerate(lines, start=1):
        try:
            checked.append(check_line(session, line, today=today, past_ok=past_ok))
        except GeraiError as error:
            raise GeraiError(
                "receive.line_problem", line=number, code=line.code.strip(), problem=error
            ) from error
    return checked


def receive_goods(
    session: Session,
    supplier_id: int,
    reference: str,
    lines: list[ReceiveLine],
    *,
    actor: Actor,
    at: datetime,
    approval: Approval | None = None,
    past_expiry_ok: bool = False,
) -> ReceiptResult:
    """Write a goods receipt in the caller's transaction: the receipt, its lines, the stock
    movements, each product's new moving-average cost and the audit record (permission
    `stock`). Nothing is written when any check refuses (the caller's transaction rolls
    back). A dated product's line goes into the batch of its expiry date and batch code; an
    expiry date already past is refused unless `past_expiry_ok` (the person was asked). The
    business date is the stored shop's (time zone, day's end), read here."""
    answerable = authorize(session, actor, Permission.STOCK, now=at, approval=approval)
    supplier = get_supplier(session, supplier_id)
    reference = check_text(" ".join(reference.split()))
    if len(reference) > 60:
        raise GeraiError("stockadm.too_long", limit=60)
    if reference:
        earlier = session.exec(
            select(GoodsReceipt.number).where(
                col(GoodsReceipt.supplier_id) == supplier.id,
                col(GoodsReceipt.reference) == reference,
            )
        ).first()
        if earlier is not None:
            raise GeraiError(
                "receive.duplicate", reference=reference, supplier=supplier.name, number=earlier
            )
    business_date = load_shop(session).business_date(at)
    checked = _check_all(session, lines, business_date, past_expiry_ok)
    number = next_number(session, GoodsReceipt, DocumentSeries.GOODS_RECEIPT, business_date)
    receipt = GoodsReceipt(
        number=number,
        supplier_id=supplier.id,
        reference=reference,
        business_date=business_date,
        created_at=at,
        created_by=actor.name,
        total=sum(line.total for line in checked),
    )
    session.add(receipt)
    session.flush()
    assert receipt.id is not None
    held: dict[int, tuple[Decimal, int]] = {}  # stock and cost as the lines go in
    written: list[GoodsReceiptLine] = []
    for line_no, line in enumerate(checked, start=1):
        product = line.product
        if product.id not in held:
            now = fresh(session, product)
            held[product.id] = (now.stock, now.cost)
        stock, cost = held[product.id]
        new_cost = moving_average(stock, cost, line.qty, line.total)
        held[product.id] = (stock + line.qty, new_cost)
        written.append(
            GoodsReceiptLine(
                receipt_id=receipt.id,
                line_no=line_no,
                product_id=product.id,
                pack=line.pack,
                pack_qty=line.pack_qty,
                factor=line.factor,
                qty=line.qty,
                unit_cost=line.unit_cost,
                line_total=line.total,
                cost_before=cost,
                cost_after=new_cost,
            )
        )
    session.add_all(written)
    session.flush()
    set_costs(
        session, {product_id: cost for product_id, (_, cost) in held.items()}, at, by=actor.name
    )
    seal(session, GOODS_RECEIPT, [receipt.id], actor=actor.name, at=at)
    seal(session, GOODS_RECEIPT_LINE, [line.id for line in written], actor=actor.name, at=at)
    note = f"{supplier.name} {reference}".strip()[:200]
    move_stock(
        session,
        [
            Movement(
                line.product.id,
                line.qty,
                MovementKind.RECEIVE,
                ref=number,
                note=note,
                expiry=line.expiry,
                batch_code=line.batch,
            )
            for line in checked
        ],
        at=at,
        actor=actor.name,
    )
    audit.record(
        session, kind=AuditKind.GOODS_RECEIVED, actor=actor.name, at=at, ref=number,
        detail={"supplier": supplier.name, "reference": reference, "lines": len(checked),
                "total": receipt.total, **approved_by(actor, answerable)},
    )  # fmt: skip
    return ReceiptResult(receipt.id, number, receipt.total, len(checked))
