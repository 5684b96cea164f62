"""Purchase orders (pesanan pembelian, issue 17): what the shop asked a supplier to deliver.

An order is made by hand or from the reorder suggestions (one order per supplier), numbered in
the `PO` series. Its lines are quantities in a pack (karton of 40) kept as selling units, at
a cost per pack when known. Goods receipts received against an order are linked to it
(`purchaseorderreceipt`); what an order line has received is the sum of its product's lines
in those receipts, never a stored counter, so ordered, received and open always reconcile:

    open = max(ordered - received, 0)

The status follows: nothing received is open, some is partly received, every line in full is
received; cancelled is set by hand. What is still open on open and partly received orders is
the `on_order` of the reorder suggestion. Taking more than ordered needs a reason, recorded."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from gerai.core.errors import GeraiError
from gerai.core.money import round_rupiah
from gerai.core.phrases import ORDER_STATUS, Phrase
from gerai.core.quantity import PLACES
from gerai.core.text import check_text
from gerai.core.words import AuditKind, DocumentSeries, OrderStatus, Permission
from gerai.models import (
    PURCHASE_ORDER,
    PURCHASE_ORDER_LINE,
    PURCHASE_ORDER_RECEIPT,
    GoodsReceipt,
    GoodsReceiptLine,
    Product,
    PurchaseOrder,
    PurchaseOrderLine,
    PurchaseOrderReceipt,
    Supplier,
)
from gerai.services.audit import trail as audit
from gerai.services.audit.seals import seal
from gerai.services.cash.numbering import next_document_number
from gerai.services.shop.auth import Actor, Approval, approved_by, authorize
from gerai.services.stock.inventory import amount, factor, product_for, quantity, whole
from gerai.services.stock.packs import Pack, resolve_pack

if TYPE_CHECKING:  # reorder reads what is on order from here
    from gerai.services.stock.reorder import Suggestion

MAX_LINES = 500
NOTE_LIMIT = 200
# the orders whose open quantities are still to come
PENDING = (OrderStatus.OPEN, OrderStatus.PARTLY_RECEIVED)


@dataclass(frozen=True)
class OrderLine:
    """A line as typed: a product code or barcode, how many packs, the pack (empty: the
    selling unit; a pack unit's name; `karton=40`, or a name and `factor`) and, optionally,
    the cost of one pack."""

    code: str
    qty: Any
    pack: str = ""
    unit_cost: Any = None
    factor: Any = None


@dataclass(frozen=True)
class OrderLineInfo:
    """One line of an order as stored, with what was received of it."""

    line_no: int
    product_id: int
    code: str
    name: str
    unit: str
    pack: str
    factor: Decimal
    qty: Decimal  # ordered, selling units
    unit_cost: int | None  # a pack
    received: Decimal  # selling units

    @property
    def open(self) -> Decimal:
        """What is still to come."""
        return max(self.qty - self.received, Decimal(0))

    @property
    def packs(self) -> Decimal:
        """The packs ordered."""
        return self.qty / self.factor

    @property
    def total(self) -> int | None:
        """The line's value at its cost, when known."""
        return line_value(self.qty, self.factor, self.unit_cost)


@dataclass(frozen=True)
class OrderInfo:
    """A purchase order with its supplier, lines and the goods receipts against it."""

    id: int
    number: str
    supplier_id: int
    supplier: str
    supplier_phone: str
    supplier_address: str
    status: OrderStatus
    business_date: date
    created_at: datetime
    created_by: str
    note: str
    lines: tuple[OrderLineInfo, ...]
    receipts: tuple[str, ...]

    @property
    def total(self) -> int:
        """The value of the lines whose cost is known."""
        return sum(line.total or 0 for line in self.lines)

    def row(self) -> dict[str, Any]:
        """The order as JSON holds it: quantities as plain decimal text."""
        return {
            "number": self.number,
            "supplier": self.supplier,
            "status": str(self.status),
            "business_date": self.business_date.isoformat(),
            "created_at": self.created_at.isoformat(),
            "created_by": self.created_by,
            "note": self.note,
            "total": self.total,
            "receipts": list(self.receipts),
            "lines": [
                {
                    "code": line.code,
                    "name": line.name,
                    "unit": line.unit,
                    "pack": line.pack,
                    "factor": _text(line.factor),
                    "packs": _text(line.packs),
                    "ordered": _text(line.qty),
                    "received": _text(line.received),
                    "open": _text(line.open),
                    "unit_cost": line.unit_cost,
                    "total": line.total,
                }
                for line in self.lines
            ],
        }


@dataclass(frozen=True)
class OrderSummary:
    """An order in the list."""

    number: str
    supplier: str
    status: OrderStatus
    business_date: date
    lines: int
    total: int


@dataclass(frozen=True)
class Over:
    """A product received beyond its order: ordered (0 when not on the order) and received."""

    code: str
    ordered: Decimal
    received: Decimal


def _text(value: Decimal) -> str:
    return format(value.quantize(PLACES).normalize(), "f")


def line_value(qty: Decimal, size: Decimal, unit_cost: int | None) -> int | None:
    """What `qty` selling units in packs of `size` cost at `unit_cost` a pack (None when the
    cost is not known), rounded half up."""
    return None if unit_cost is None else round_rupiah(qty / size * unit_cost)


def status_of(ordered: Iterable[tuple[Decimal, Decimal]]) -> OrderStatus:
    """The status that (ordered, received) pairs of an order's lines give."""
    pairs = list(ordered)
    if pairs and all(received >= qty for qty, received in pairs):
        return OrderStatus.RECEIVED
    if any(received > 0 for _, received in pairs):
        return OrderStatus.PARTLY_RECEIVED
    return OrderStatus.OPEN


# --- checking what was typed ---------------------------------------------------------------


def _check_supplier(session: Session, supplier_id: int) -> Supplier:
    row = session.get(Supplier, supplier_id)
    if row is None:
        raise GeraiError("supplier.none")
    if not row.active:
        raise GeraiError("po.supplier_inactive", name=row.name)
    return row


def _pack(session: Session, line: OrderLine, product: Any) -> Pack:
    if line.factor is not None:
        return Pack(line.pack.strip().lower(), factor(line.factor))
    return resolve_pack(session, product, line.pack)


def _check_line(session: Session, line: OrderLine) -> tuple[int, Pack, Decimal, int | None]:
    """A line's product (active), pack, quantity in selling units (above zero, whole pieces)
    and cost of a pack (None when not given)."""
    product = product_for(session, line.code)
    if not product.active:
        raise GeraiError("po.inactive_product", code=product.code, name=product.name)
    packs = quantity(line.qty, None)
    pack = _pack(session, line, product)
    qty = packs * pack.factor
    if qty != qty.quantize(PLACES):
        raise GeraiError("stockadm.too_precise", value=str(qty))
    whole(qty, product)
    given = line.unit_cost is not None and str(line.unit_cost).strip() != ""
    return product.id, pack, qty, amount(line.unit_cost) if given else None


def _note(note: str) -> str:
    cleaned = check_text(" ".join(note.split()))
    if len(cleaned) > NOTE_LIMIT:
        raise GeraiError("stockadm.too_long", limit=NOTE_LIMIT)
    return cleaned


def create_order(
    session: Session,
    supplier_id: int,
    lines: Sequence[OrderLine],
    *,
    note: str = "",
    actor: Actor,
    at: datetime,
    till: str,
    business_date: date,
    approval: Approval | None = None,
) -> str:
    """Write an open purchase order in the caller's transaction (permission `stock`): the
    order, its lines, their seals and the audit record; its number. Every line is checked
    first: an unknown or inactive supplier, an unknown or inactive product, a quantity not
    above zero, a product twice: refused, nothing written."""
    answerable = authorize(session, actor, Permission.STOCK, now=at, approval=approval)
    supplier = _check_supplier(session, supplier_id)
    note = _note(note)
    if not lines:
        raise GeraiError("po.no_lines")
    if len(lines) > MAX_LINES:
        raise GeraiError("receive.too_many_lines", limit=MAX_LINES)
    checked: list[tuple[int, Pack, Decimal, int | None]] = []
    for line_no, line in enumerate(lines, start=1):
        try:
            checked.append(_check_line(session, line))
        except GeraiError as error:
            raise GeraiError(
                "receive.line_problem", line=line_no, code=line.code.strip(), problem=error
            ) from error
    seen: set[int] = set()
    for (product_id, *_), line in zip(checked, lines, strict=True):
        if product_id in seen:
            raise GeraiError("po.product_twice", code=line.code.strip())
        seen.add(product_id)
    number = next_document_number(session, DocumentSeries.PURCHASE_ORDER, till, business_date)
    order = PurchaseOrder(
        number=number,
        supplier_id=supplier_id,
        status=OrderStatus.OPEN,
        business_date=business_date,
        created_at=at,
        created_by=actor.name,
        note=note,
    )
    session.add(order)
    session.flush()
    assert order.id is not None
    rows = [
        PurchaseOrderLine(
            order_id=order.id, line_no=line_no, product_id=product_id, pack=pack.name,
            factor=pack.factor, qty=qty, unit_cost=unit_cost,
        )
        for line_no, (product_id, pack, qty, unit_cost) in enumerate(checked, start=1)
    ]  # fmt: skip
    session.add_all(rows)
    session.flush()
    seal(session, PURCHASE_ORDER, [order.id], actor=actor.name, at=at)
    seal(session, PURCHASE_ORDER_LINE, [row.id for row in rows], actor=actor.name, at=at)
    audit.record(
        session, kind=AuditKind.PO_CREATED, actor=actor.name, at=at, ref=number,
        detail={"supplier": supplier.name, "lines": len(rows), "note": note,
                **approved_by(actor, answerable)},
    )  # fmt: skip
    return number


def orders_from_suggestions(
    session: Session,
    suggestions: Sequence[Suggestion],
    *,
    actor: Actor,
    at: datetime,
    till: str,
    business_date: date,
    approval: Approval | None = None,
) -> list[str]:
    """One order per supplier of the reorder suggestions, each
    product in the packs suggested at the cost of its last pack received; the products of no
    supplier are left out. The numbers written, by supplier name."""
    by_supplier: dict[str, list[OrderLine]] = {}
    for s in suggestions:
        if s.supplier:
            cost = _last_pack_cost(session, s.code, s.pack, s.pack_factor)
            by_supplier.setdefault(s.supplier, []).append(
                OrderLine(s.code, s.packs, s.pack, cost, s.pack_factor)
            )
    if not by_supplier:
        raise GeraiError("po.nothing_to_order")
    ids = dict(
        session.execute(
            select(col(Supplier.name), col(Supplier.id)).where(
                col(Supplier.name).in_(list(by_supplier))
            )
        ).all()
    )
    return [
        create_order(
            session, ids[name], lines, actor=actor, at=at, till=till,
            business_date=business_date, approval=approval,
        )
        for name, lines in sorted(by_supplier.items())
    ]  # fmt: skip


def _last_pack_cost(session: Session, code: str, pack: str, size: Decimal) -> int | None:
    """The cost of the newest goods-receipt line of this product in this pack."""
    product_id = product_for(session, code).id
    return session.execute(
        select(col(GoodsReceiptLine.unit_cost))
        .where(
            col(GoodsReceiptLine.product_id) == product_id,
            col(GoodsReceiptLine.pack) == pack,
            col(GoodsReceiptLine.factor) == size,
        )
        .order_by(col(GoodsReceiptLine.id).desc())
        .limit(1)
    ).scalar_one_or_none()


# --- reading ----------------------------------------------------------------------------------


def _order_row(session: Session, number: str, *, lock: bool = False) -> PurchaseOrder:
    """The order with this number (any case), locked against other writers when `lock` (two
    tills receiving against one order on PostgreSQL take turns)."""
    wanted = number.strip().upper()
    query = select(PurchaseOrder).where(func.upper(col(PurchaseOrder.number)) == wanted)
    row = session.scalars(query.with_for_update() if lock else query).first()
    if row is None:
        raise GeraiError("po.unknown", number=number.strip())
    return row


def received_of(session: Session, order_ids: Sequence[int]) -> dict[tuple[int, int], Decimal]:
    """(order id, product id) → what the goods receipts against these orders received."""
    if not order_ids:
        return {}
    rows = session.execute(
        select(
            col(PurchaseOrderReceipt.order_id),
            col(GoodsReceiptLine.product_id),
            func.sum(col(GoodsReceiptLine.qty)),
        )
        .join(
            GoodsReceiptLine,
            col(GoodsReceiptLine.receipt_id) == col(PurchaseOrderReceipt.receipt_id),
        )
        .where(col(PurchaseOrderReceipt.order_id).in_(list(order_ids)))
        .group_by(col(PurchaseOrderReceipt.order_id), col(GoodsReceiptLine.product_id))
    ).all()
    return {(oid, pid): Decimal(total) for oid, pid, total in rows}


def order_info(session: Session, number: str, *, lock: bool = False) -> OrderInfo:
    """The order with this number (any case); refused when there is none."""
    order = _order_row(session, number, lock=lock)
    assert order.id is not None
    supplier = session.get(Supplier, order.supplier_id)
    assert supplier is not None
    received = received_of(session, [order.id])
    rows = session.execute(
        select(PurchaseOrderLine, col(Product.code), col(Product.name), col(Product.unit))
        .join(Product, col(Product.id) == col(PurchaseOrderLine.product_id))
        .where(col(PurchaseOrderLine.order_id) == order.id)
        .order_by(col(PurchaseOrderLine.line_no))
    ).all()
    lines = tuple(
        OrderLineInfo(
            line.line_no, line.product_id, code, name, unit, line.pack, line.factor, line.qty,
            line.unit_cost, received.get((order.id, line.product_id), Decimal(0)),
        )
        for line, code, name, unit in rows
    )  # fmt: skip
    receipts = session.scalars(
        select(col(GoodsReceipt.number))
        .join(PurchaseOrderReceipt, col(PurchaseOrderReceipt.receipt_id) == col(GoodsReceipt.id))
        .where(col(PurchaseOrderReceipt.order_id) == order.id)
        .order_by(col(GoodsReceipt.id))
    ).all()
    return OrderInfo(
        order.id, order.number, order.supplier_id, supplier.name, supplier.phone,
        supplier.address, OrderStatus(order.status), order.business_date, order.created_at,
        order.created_by, order.note, lines, tuple(receipts),
    )  # fmt: skip


def list_orders(
    session: Session, statuses: Sequence[OrderStatus] = (), limit: int = 200
) -> list[OrderSummary]:
    """The newest orders first (only these statuses, when given)."""
    query = (
        select(
            col(PurchaseOrder.id),
            col(PurchaseOrder.number),
            col(Supplier.name),
            col(PurchaseOrder.status),
            col(PurchaseOrder.business_date),
        )
        .join(Supplier, col(Supplier.id) == col(PurchaseOrder.supplier_id))
        .order_by(col(PurchaseOrder.id).desc())
        .limit(limit)
    )
    if statuses:
        query = query.where(col(PurchaseOrder.status).in_([str(s) for s in statuses]))
    orders = session.execute(query).all()
    lines: dict[int, list[PurchaseOrderLine]] = {}
    for line in session.scalars(
        select(PurchaseOrderLine).where(
            col(PurchaseOrderLine.order_id).in_([row[0] for row in orders])
        )
    ):
        lines.setdefault(line.order_id, []).append(line)

    def value(line: PurchaseOrderLine) -> int:
        return line_value(line.qty, line.factor, line.unit_cost) or 0

    return [
        OrderSummary(
            number, name, OrderStatus(status), day, len(lines.get(oid, [])),
            sum(value(line) for line in lines.get(oid, [])),
        )
        for oid, number, name, status, day in orders
    ]  # fmt: skip


def on_order(session: Session, product_ids: Sequence[int]) -> dict[int, Decimal]:
    """Per product: what open and partly received orders still wait for."""
    if not product_ids:
        return {}
    rows = session.execute(
        select(
            col(PurchaseOrderLine.order_id),
            col(PurchaseOrderLine.product_id),
            col(PurchaseOrderLine.qty),
        )
        .join(PurchaseOrder, col(PurchaseOrder.id) == col(PurchaseOrderLine.order_id))
        .where(
            col(PurchaseOrder.status).in_([str(s) for s in PENDING]),
            col(PurchaseOrderLine.product_id).in_(list(product_ids)),
        )
    ).all()
    received = received_of(session, sorted({oid for oid, _, _ in rows}))
    waiting: dict[int, Decimal] = {}
    for oid, pid, qty in rows:
        rest = max(Decimal(qty) - received.get((oid, pid), Decimal(0)), Decimal(0))
        waiting[pid] = waiting.get(pid, Decimal(0)) + rest
    return waiting


# --- cancelling and receiving ----------------------------------------------------------------


def _not_open(number: str, status: str) -> GeraiError:
    return GeraiError("po.not_open", number=number, status=Phrase(ORDER_STATUS[status]))


def cancel_order(
    session: Session,
    number: str,
    *,
    actor: Actor,
    at: datetime,
    reason: str = "",
    approval: Approval | None = None,
) -> str:
    """Cancel an open or partly received order (what came stays received; the rest is no
    longer on order); refused once received in full or already cancelled."""
    answerable = authorize(session, actor, Permission.STOCK, now=at, approval=approval)
    order = _order_row(session, number, lock=True)
    if order.status not in PENDING:
        raise _not_open(order.number, order.status)
    reason = _note(reason)
    order.status = OrderStatus.CANCELLED
    order.cancelled_at = at
    order.cancelled_by = actor.name
    session.add(order)
    session.flush()
    seal(session, PURCHASE_ORDER, [order.id], actor=actor.name, at=at)
    audit.record(
        session, kind=AuditKind.PO_CANCELLED, actor=actor.name, at=at, ref=order.number,
        detail={"reason": reason, **approved_by(actor, answerable)},
    )  # fmt: skip
    return order.number


def receivable_order(session: Session, number: str, *, lock: bool = False) -> OrderInfo:
    """An order goods can be received against: open or partly received."""
    info = order_info(session, number, lock=lock)
    if info.status not in PENDING:
        raise _not_open(info.number, info.status)
    return info


def over_ordered(info: OrderInfo, adding: Iterable[tuple[int, str, Decimal]]) -> list[Over]:
    """The products that receiving `adding` ((product id, code, qty) in selling units) on top
    of what was received would take beyond the order (a product not on it: beyond 0)."""
    ordered = {line.product_id: line for line in info.lines}
    total: dict[int, tuple[str, Decimal]] = {}
    for product_id, code, qty in adding:
        before = total.get(product_id)
        if before is None:
            line = ordered.get(product_id)
            before = (code, line.received if line is not None else Decimal(0))
        total[product_id] = (before[0], before[1] + qty)
    found = []
    for product_id, (code, received) in total.items():
        line = ordered.get(product_id)
        wanted = line.qty if line is not None else Decimal(0)
        if received > wanted:
            found.append(Over(code, wanted, received))
    return found


def receive_against(
    session: Session,
    number: str,
    receipt_id: int,
    *,
    over_reason: str = "",
    actor: Actor,
    at: datetime,
) -> OrderStatus:
    """Link a goods receipt just written in the caller's transaction to the order it
    delivers, and move the order's status on. The receipt must be of the order's supplier;
    more than ordered of any product is refused without a reason (the caller's transaction
    rolls the receipt back). The order's new status."""
    info = receivable_order(session, number, lock=True)
    receipt = session.get(GoodsReceipt, receipt_id)
    assert receipt is not None
    if receipt.supplier_id != info.supplier_id:
        raise GeraiError("po.other_supplier", number=info.number, supplier=info.supplier)
    lines = session.execute(
        select(col(GoodsReceiptLine.product_id), col(Product.code), col(GoodsReceiptLine.qty))
        .join(Product, col(Product.id) == col(GoodsReceiptLine.product_id))
        .where(col(GoodsReceiptLine.receipt_id) == receipt_id)
    ).all()
    over = over_ordered(info, [(pid, code, Decimal(qty)) for pid, code, qty in lines])
    reason = _note(over_reason)
    if over and not reason:
        raise GeraiError("po.over_needs_reason", products=", ".join(o.code for o in over))
    link = PurchaseOrderReceipt(
        order_id=info.id, receipt_id=receipt_id, over_reason=reason if over else "",
        created_at=at, created_by=actor.name,
    )  # fmt: skip
    session.add(link)
    session.flush()
    received = received_of(session, [info.id])
    status = status_of(
        (line.qty, received.get((info.id, line.product_id), Decimal(0))) for line in info.lines
    )
    order = session.get(PurchaseOrder, info.id)
    assert order is not None
    order.status = status
    session.add(order)
    session.flush()
    seal(session, PURCHASE_ORDER_RECEIPT, [link.id], actor=actor.name, at=at)
    seal(session, PURCHASE_ORDER, [info.id], actor=actor.name, at=at)
    audit.record(
        session, kind=AuditKind.PO_RECEIVED, actor=actor.name, at=at, ref=info.number,
        detail={"receipt": receipt.number, "status": str(status),
                **({"over": [o.code for o in over], "reason": reason} if over else {})},
    )  # fmt: skip
    return status
