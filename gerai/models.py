"""The database tables. Money is `int` Rupiah; quantities are exact `Decimal`s stored as
integer thousandths; timestamps are stored in UTC and come back time-zone aware."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    DateTime,
    Index,
    LargeBinary,
    MetaData,
    Table,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from gerai.core.quantity import SCALE, from_milli, to_milli
from gerai.core.words import PaymentMethod, PrintJobStatus, SaleStatus, ShiftStatus, TaxCategory

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


class Qty(TypeDecorator[Decimal]):
    """An exact quantity kept as integer thousandths, so SQL sums stay exact."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if isinstance(value, Decimal):
            return to_milli(value)
        if isinstance(value, int):
            return value * SCALE
        if value is None:
            return None
        raise TypeError(f"quantity must be Decimal or int, not {type(value).__name__}")

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else from_milli(int(value))


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as naive UTC and returned as an aware UTC datetime."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise ValueError("timestamps must be time-zone aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


class Category(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=60)
    member_discount_bp: int | None = None


# SQLite matches a partial index only on the very terms it is given: SQLAlchemy writes a
# boolean column as `active = 1` there
LOW_STOCK_SQLITE = text("active = 1 AND stock <= reorder_level")
LOW_STOCK_POSTGRESQL = text("active AND stock <= reorder_level")


class Product(SQLModel, table=True):
    __table_args__ = (  # the low-stock list and count, without walking 100,000 products
        Index(
            "ix_product_low_stock",
            "name",
            "id",
            sqlite_where=LOW_STOCK_SQLITE,
            postgresql_where=LOW_STOCK_POSTGRESQL,
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=40)
    name: str = Field(index=True, max_length=120)
    category_id: int = Field(foreign_key="category.id", index=True)
    unit: str = Field(max_length=20)
    sold_by_weight: bool = False
    price: int
    member_price: int | None = None
    cost: int = 0
    het: int | None = None
    max_per_sale: Decimal | None = Field(default=None, sa_type=Qty)
    tax_category: str = Field(default=TaxCategory.EXEMPT, max_length=20)
    reorder_level: Decimal = Field(default=Decimal(0), sa_type=Qty)
    stock: Decimal = Field(default=Decimal(0), sa_type=Qty)
    active: bool = True
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Barcode(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, max_length=40)
    product_id: int = Field(foreign_key="product.id", index=True)


class Member(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True, max_length=30)
    name: str = Field(index=True, max_length=120)
    nik: str | None = Field(default=None, max_length=16)
    phone: str | None = Field(default=None, index=True, max_length=20)
    address: str = Field(default="", max_length=200)
    join_date: date
    active: bool = True
    credit_limit: int = 0


# the open shift's condition: the partial index that allows one per till holds exactly these
# rows, and a lookup that writes it out uses that index without SQLite planning it again
SHIFT_IS_OPEN = f"status = '{ShiftStatus.OPEN}'"


class Shift(SQLModel, table=True):
    """A till's shift: opened with the opening cash (modal awal), closed by counting the cash,
    signed off by the kasir and confirmed by a bendahara. One open shift per till."""

    __table_args__ = (
        Index(
            "uq_shift_open_till",
            "till",
            unique=True,
            sqlite_where=text(SHIFT_IS_OPEN),
            postgresql_where=text(SHIFT_IS_OPEN),
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    till: str = Field(max_length=10, index=True)
    business_date: date = Field(index=True)
    opened_at: datetime = Field(sa_type=UTCDateTime)
    opened_by: str = Field(max_length=60)
    opening_cash: int
    status: str = Field(default=ShiftStatus.OPEN, max_length=20)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    closed_by: str | None = Field(default=None, max_length=60)
    confirmed_by: str | None = Field(default=None, max_length=60)
    expected_cash: int | None = None
    counted_cash: int | None = None
    variance: int | None = None
    variance_reason: str = Field(default="", max_length=300)
    cash_count: str = Field(default="", max_length=500)


class CashMovement(SQLModel, table=True):
    """Cash put into or taken out of the till during a shift, with its reason."""

    id: int | None = Field(default=None, primary_key=True)
    shift_id: int = Field(foreign_key="shift.id", index=True)
    kind: str = Field(max_length=10)
    amount: int
    reason: str = Field(max_length=200)
    created_at: datetime = Field(sa_type=UTCDateTime)
    created_by: str = Field(max_length=60)


class Sale(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    shift_id: int | None = Field(default=None, foreign_key="shift.id", index=True)
    receipt_no: str = Field(unique=True, max_length=40)
    till: str = Field(max_length=10)
    business_date: date = Field(index=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    member_id: int | None = Field(default=None, foreign_key="member.id", index=True)
    cashier: str = Field(max_length=60)
    gross: int
    member_discount: int
    manual_discount: int = 0  # the discount on the whole sale (issue 14: lines have their own)
    total: int  # Σ lines − manual_discount + rounding
    paid: int
    change: int
    status: str = Field(default=SaleStatus.COMPLETED, max_length=20)
    rounding: int = 0  # the cash rounding (pembulatan) of the cash due, signed
    approved_by: str = Field(default="", max_length=60)  # who allowed the sale's discount
    # the cart's client-made UUID: a retry after a lost COMMIT finds this sale (issue 19)
    token: str | None = Field(default=None, max_length=36, index=True, unique=True)


class SaleLine(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("sale_id", "line_no"),)
    id: int | None = Field(default=None, primary_key=True)
    sale_id: int = Field(foreign_key="sale.id", index=True)
    line_no: int
    product_id: int = Field(foreign_key="product.id", index=True)
    code: str = Field(max_length=40)
    name: str = Field(max_length=120)
    category: str = Field(max_length=60)
    unit: str = Field(max_length=20)
    qty: Decimal = Field(sa_type=Qty)
    regular_price: int
    unit_price: int
    line_gross: int
    line_total: int
    cost: int
    tax_category: str = Field(max_length=20)
    # the buyer of a regulated product (issue 16), as the law asks it kept with the sale line
    buyer_nik: str | None = Field(default=None, index=True, max_length=16)
    buyer_kk: str | None = Field(default=None, index=True, max_length=16)
    buyer_category: str | None = Field(default=None, max_length=20)
    # manual changes at the till (issue 14): what the price override and the line discount
    # took off the line at its member/regular price (negative: priced up), the line's share
    # of the sale's discount (what was really paid: line_total − discount_share), whether the
    # price was overridden, and who allowed it
    manual_discount: int = 0
    discount_share: int = 0
    price_overridden: bool = False
    approved_by: str = Field(default="", max_length=120)


class Payment(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    sale_id: int = Field(foreign_key="sale.id", index=True)
    method: str = Field(max_length=20)
    amount: int
    tendered: int
    # the bank's or the QRIS app's reference of a non-cash payment (issue 17), for matching
    reference: str | None = Field(default=None, max_length=40)


class StockMovement(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="product.id", index=True)
    kind: str = Field(max_length=20)
    qty: Decimal = Field(sa_type=Qty)
    created_at: datetime = Field(sa_type=UTCDateTime)
    ref: str = Field(default="", max_length=60)
    sale_id: int | None = Field(default=None, foreign_key="sale.id", index=True)
    note: str = Field(default="", max_length=200)


class ReceiptCounter(SQLModel, table=True):
    till: str = Field(primary_key=True, max_length=10)
    business_date: date = Field(primary_key=True)
    last_no: int = 0


class HeldCart(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    till: str = Field(max_length=10, index=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    label: str = Field(max_length=60)
    payload: str


class PrintJob(SQLModel, table=True):
    """A receipt waiting for (or sent to) this till's printer: the ESC/POS bytes themselves."""

    id: int | None = Field(default=None, primary_key=True)
    till: str = Field(max_length=10, index=True)
    receipt_no: str = Field(max_length=40, index=True)
    kind: str = Field(max_length=20)
    created_at: datetime = Field(sa_type=UTCDateTime)
    payload: bytes = Field(sa_type=LargeBinary)
    status: str = Field(default=PrintJobStatus.PENDING, max_length=20, index=True)
    attempts: int = 0
    last_error: str = Field(default="", max_length=300)
    printed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ShopSetting(SQLModel, table=True):
    key: str = Field(primary_key=True, max_length=60)
    value: str


# --- stock administration ---------------------------------------------------------------------


class Supplier(SQLModel, table=True):
    """A pemasok the shop buys from."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=120)
    phone: str = Field(default="", max_length=30)
    address: str = Field(default="", max_length=200)
    active: bool = True


class PackUnit(SQLModel, table=True):
    """A larger unit a product is bought in: `factor` selling units per pack (karton of 12)."""

    __table_args__ = (UniqueConstraint("product_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="product.id", index=True)
    name: str = Field(max_length=20)
    factor: Decimal = Field(sa_type=Qty)


class GoodsReceipt(SQLModel, table=True):
    """Barang masuk: goods received from a supplier against a delivery note."""

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True, max_length=30)
    supplier_id: int = Field(foreign_key="supplier.id", index=True)
    reference: str = Field(default="", max_length=60)
    business_date: date = Field(index=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    created_by: str = Field(max_length=60)
    total: int


class GoodsReceiptLine(SQLModel, table=True):
    """One product received: `pack_qty` packs of `factor` selling units at `unit_cost` a pack;
    `qty` is the stock added in selling units, `cost_after` the moving-average HPP after."""

    __table_args__ = (UniqueConstraint("receipt_id", "line_no"),)
    id: int | None = Field(default=None, primary_key=True)
    receipt_id: int = Field(foreign_key="goodsreceipt.id", index=True)
    line_no: int
    product_id: int = Field(foreign_key="product.id", index=True)
    pack: str = Field(default="", max_length=20)
    pack_qty: Decimal = Field(sa_type=Qty)
    factor: Decimal = Field(sa_type=Qty)
    qty: Decimal = Field(sa_type=Qty)
    unit_cost: int
    line_total: int
    cost_before: int
    cost_after: int


class PriceChange(SQLModel, table=True):
    """A change of a product's price or member price: who, when, before and after."""

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="product.id", index=True)
    changed_at: datetime = Field(sa_type=UTCDateTime)
    changed_by: str = Field(max_length=60)
    old_price: int
    new_price: int
    old_member_price: int | None = None
    new_member_price: int | None = None


class ScheduledPrice(SQLModel, table=True):
    """A price decree for one product (a HET decree): its new HET and, when the decree sets
    them, its new price and member price, applied at the start of the shop's business day
    `effective` (`applied_at` then set); `decree` names the file or letter it came from."""

    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="product.id", index=True)
    effective: date = Field(index=True)
    het: int
    price: int | None = None
    member_price: int | None = None
    decree: str = Field(max_length=120)
    created_at: datetime = Field(sa_type=UTCDateTime)
    created_by: str = Field(max_length=60)
    applied_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class PrintedLabel(SQLModel, table=True):
    """The shelf label last printed for a product, with the prices it shows: the label is out
    of date when the product's price, member price or HET is no longer these."""

    product_id: int = Field(foreign_key="product.id", primary_key=True)
    price: int
    member_price: int | None = None
    het: int | None = None
    printed_at: datetime = Field(sa_type=UTCDateTime)
    printed_by: str = Field(max_length=60)


class Repack(SQLModel, table=True):
    """Pecah karung: `source_qty` of one product turned into `produced` of another; `expected`
    is what the contents should give (`per_source` each), the rest is `shrinkage`."""

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True, max_length=30)
    source_id: int = Field(foreign_key="product.id", index=True)
    source_qty: Decimal = Field(sa_type=Qty)
    target_id: int = Field(foreign_key="product.id", index=True)
    per_source: Decimal = Field(sa_type=Qty)
    expected: Decimal = Field(sa_type=Qty)
    produced: Decimal = Field(sa_type=Qty)
    shrinkage: Decimal = Field(sa_type=Qty)
    value: int
    created_at: datetime = Field(sa_type=UTCDateTime)
    created_by: str = Field(max_length=60)
    note: str = Field(default="", max_length=200)


class OpeningStock(SQLModel, table=True):
    """Stok awal: the stock a shop starts with, booked as one document (series `SA`); its
    ledger movements (kind `opening`) carry its number as their `ref`. `value` is the
    products' opening stock at their HPP."""

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True, max_length=30)
    business_date: date
    created_at: datetime = Field(sa_type=UTCDateTime)
    created_by: str = Field(max_length=60)
    products: int
    value: int
    note: str = Field(default="", max_length=200)


class WriteOff(SQLModel, table=True):
    """Damaged or expired goods taken out of stock, with the reason and their value at HPP."""

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True, max_length=30)
    product_id: int = Field(foreign_key="product.id", index=True)
    qty: Decimal = Field(sa_type=Qty)
    cost: int
    value: int
    reason: str = Field(max_length=200)
    created_at: datetime = Field(sa_type=UTCDateTime)
    created_by: str = Field(max_length=60)


class StockCount(SQLModel, table=True):
    """A confirmed stok opname of some or all products; `value` is the difference at HPP."""

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True, max_length=30)
    scope: str = Field(max_length=80)
    reason: str = Field(max_length=200)
    created_at: datetime = Field(sa_type=UTCDateTime)
    created_by: str = Field(max_length=60)
    value: int


class StockCountLine(SQLModel, table=True):
    """One product counted: expected (the stock then), counted, difference and its value."""

    __table_args__ = (UniqueConstraint("count_id", "product_id"),)
    id: int | None = Field(default=None, primary_key=True)
    count_id: int = Field(foreign_key="stockcount.id", index=True)
    product_id: int = Field(foreign_key="product.id", index=True)
    expected: Decimal = Field(sa_type=Qty)
    counted: Decimal = Field(sa_type=Qty)
    difference: Decimal = Field(sa_type=Qty)
    cost: int
    value: int


class DocumentCounter(SQLModel, table=True):
    """The last number handed out per series, till and business day for documents other than
    sales (e.g. `S` savings and repayment slips, `R` returns): `K1-20251130-S001`."""

    series: str = Field(primary_key=True, max_length=4)
    till: str = Field(primary_key=True, max_length=10)
    business_date: date = Field(primary_key=True)
    last_no: int = 0


class MemberPayment(SQLModel, table=True):
    """Money a member brings to (or takes from) the counter that is not a sale: simpanan pokok,
    wajib (`months` at once), sukarela deposits and withdrawals, and kasbon repayments. `amount`
    is always positive; the kind says which way it goes. Never counted as sales."""

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True, max_length=40)
    member_id: int = Field(foreign_key="member.id", index=True)
    shift_id: int = Field(foreign_key="shift.id", index=True)
    till: str = Field(max_length=10)
    business_date: date = Field(index=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    created_by: str = Field(max_length=60)
    kind: str = Field(max_length=20)
    amount: int
    months: int = 0
    method: str = Field(default=PaymentMethod.CASH, max_length=20)
    note: str = Field(default="", max_length=200)


class KasEntry(SQLModel, table=True):
    """A line of the kas bendahara, the bendahara's own cash box (issue 15): a setoran taken
    from a till's drawer at its close (`shift_id`, `till`), a bank deposit, or an expense
    (pengeluaran) with its `category`. `amount` is never negative; the kind says which way it
    goes (a setoran comes in, a deposit and an expense go out)."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    amount: int
    category: str = Field(default="", max_length=20)
    note: str = Field(default="", max_length=200)
    shift_id: int | None = Field(default=None, foreign_key="shift.id", index=True)
    till: str = Field(default="", max_length=10)
    business_date: date = Field(index=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    created_by: str = Field(max_length=60)


class ReceiptTerms(SQLModel, table=True):
    """How a goods receipt is paid (issue 17): `lunas` (paid when received: a supplier payment
    of its whole total goes with it) or `tempo` by `due_date` (hutang dagang). A receipt with
    terms is in its supplier's book; one without (received before, or not yet asked) is not."""

    receipt_id: int = Field(foreign_key="goodsreceipt.id", primary_key=True)
    kind: str = Field(max_length=20)
    due_date: date = Field(index=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    created_by: str = Field(max_length=60)


class SupplierPayment(SQLModel, table=True):
    """Money paid to a supplier (issue 17), against one goods receipt or the supplier's
    balance (`receipt_id` None): in cash from the kas bendahara (`kas_entry_id`, its kas line)
    or by transfer with the bank's `reference`. Never more than is owed."""

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True, max_length=30)
    supplier_id: int = Field(foreign_key="supplier.id", index=True)
    receipt_id: int | None = Field(default=None, foreign_key="goodsreceipt.id", index=True)
    amount: int
    method: str = Field(max_length=20)
    reference: str = Field(default="", max_length=60)
    note: str = Field(default="", max_length=200)
    kas_entry_id: int | None = Field(default=None, foreign_key="kasentry.id")
    business_date: date = Field(index=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    created_by: str = Field(max_length=60)


class User(SQLModel, table=True):
    """Someone who works the till: a login name, a role (kasir, bendahara, admin) and a PIN kept
    only as a salted scrypt hash. Wrong PINs are counted; too many lock the user for a while."""

    __tablename__ = "useraccount"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=60)
    full_name: str = Field(default="", max_length=120)
    role: str = Field(max_length=20)
    pin_hash: str = Field(max_length=200)
    failed_pins: int = 0
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    active: bool = True
    created_at: datetime = Field(sa_type=UTCDateTime)


class AuditHead(SQLModel, table=True):
    """The one row that holds the end of the audit chain: the last sequence number and hash.
    Updating it first serializes writers on every engine, so the chain never forks."""

    id: int = Field(default=1, primary_key=True)
    last_seq: int = 0
    last_hash: str = Field(default="", max_length=64)


class AuditRecord(SQLModel, table=True):
    """One append-only audit record: who did what, when, to which document; `hash` is the
    SHA-256 of the previous record's hash and this record's content."""

    id: int | None = Field(default=None, primary_key=True)
    seq: int = Field(unique=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    actor: str = Field(max_length=60, index=True)
    kind: str = Field(max_length=30, index=True)
    ref: str = Field(default="", max_length=60, index=True)
    detail: str = ""
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class SaleVoid(SQLModel, table=True):
    """The cancellation of a whole sale of the still-open shift: the reason and who approved.
    The sale keeps its receipt number and is marked `void`; its stock comes back."""

    id: int | None = Field(default=None, primary_key=True)
    sale_id: int = Field(foreign_key="sale.id", unique=True)
    shift_id: int = Field(foreign_key="shift.id", index=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    created_by: str = Field(max_length=60)
    approved_by: str = Field(max_length=60)
    reason: str = Field(max_length=200)


class SaleReturn(SQLModel, table=True):
    """A retur of some or all lines of a past sale: its own number (`K1-20251130-R001`), the
    refund and how it was paid back, the reason and who approved."""

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True, max_length=40)
    sale_id: int = Field(foreign_key="sale.id", index=True)
    shift_id: int = Field(foreign_key="shift.id", index=True)
    till: str = Field(max_length=10)
    business_date: date = Field(index=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    created_by: str = Field(max_length=60)
    approved_by: str = Field(max_length=60)
    reason: str = Field(max_length=200)
    refund_method: str = Field(max_length=20)
    refund_total: int


class SaleReturnLine(SQLModel, table=True):
    """One sale line (part of it) brought back; `damaged` goods go to a write-off, not to the
    shelf."""

    __table_args__ = (UniqueConstraint("return_id", "sale_line_id"),)
    id: int | None = Field(default=None, primary_key=True)
    return_id: int = Field(foreign_key="salereturn.id", index=True)
    sale_line_id: int = Field(foreign_key="saleline.id", index=True)
    product_id: int = Field(foreign_key="product.id", index=True)
    qty: Decimal = Field(sa_type=Qty)
    amount: int
    damaged: bool = False


class RegulatedProduct(SQLModel, table=True):
    """A product under the rules for regulated and subsidised goods: whether a sale needs the
    buyer's identity (NIK and category), and the quota group it counts in (e.g. `SPHP` for
    every SPHP rice product; by default its own code)."""

    product_id: int = Field(foreign_key="product.id", primary_key=True)
    quota_group: str = Field(index=True, max_length=40)
    needs_buyer: bool = True


class QuotaRule(SQLModel, table=True):
    """A limit over time for a quota group: at most `limit` per buyer (NIK) or per household
    (KK) per day, week or month, counted across every sale and till, returns given back."""

    __table_args__ = (UniqueConstraint("quota_group", "scope", "period"),)
    id: int | None = Field(default=None, primary_key=True)
    quota_group: str = Field(index=True, max_length=40)
    scope: str = Field(max_length=20)
    period: str = Field(max_length=20)
    limit: Decimal = Field(sa_type=Qty)


class DatedProduct(SQLModel, table=True):
    """A product whose stock has expiry dates (milk, eggs, bread): received with an expiry
    date per line, kept per batch and sold first-expiry-first-out (issue 17)."""

    product_id: int = Field(foreign_key="product.id", primary_key=True)
    marked_at: datetime = Field(sa_type=UTCDateTime)
    marked_by: str = Field(max_length=60)


class StockBatch(SQLModel, table=True):
    """One batch of a dated product: its expiry date (None: stock of unknown date, e.g. what
    was on the shelf when the product was marked dated), its batch code, and how much of it
    is in stock. The batches of a product always add up to its stock, and each batch's `qty`
    to its movements (`batchmovement`); `gerai stock check` proves both."""

    __table_args__ = (UniqueConstraint("product_id", "expiry", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    product_id: int = Field(foreign_key="product.id", index=True)
    expiry: date | None = Field(default=None, index=True)
    code: str = Field(default="", max_length=40)
    qty: Decimal = Field(default=Decimal(0), sa_type=Qty)
    created_at: datetime = Field(sa_type=UTCDateTime)


class BatchMovement(SQLModel, table=True):
    """The batch ledger: the part of a stock movement that went into or out of one batch
    (a sale's line taken from two batches has two); `sale_id` lets a return or a void put
    goods back into the batches they came from."""

    id: int | None = Field(default=None, primary_key=True)
    batch_id: int = Field(foreign_key="stockbatch.id", index=True)
    qty: Decimal = Field(sa_type=Qty)
    kind: str = Field(max_length=20)
    ref: str = Field(default="", max_length=60)
    sale_id: int | None = Field(default=None, foreign_key="sale.id", index=True)
    created_at: datetime = Field(sa_type=UTCDateTime)


# --- purchase orders (issue 17) -----------------------------------------------------------------


class PurchaseOrder(SQLModel, table=True):
    """A pesanan pembelian to a supplier; `status` is open, partly received, received (both
    follow what was received against it) or cancelled."""

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(unique=True, max_length=30)
    supplier_id: int = Field(foreign_key="supplier.id", index=True)
    status: str = Field(max_length=20, index=True)
    business_date: date
    created_at: datetime = Field(sa_type=UTCDateTime)
    created_by: str = Field(max_length=60)
    note: str = Field(default="", max_length=200)
    cancelled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    cancelled_by: str = Field(default="", max_length=60)


class PurchaseOrderLine(SQLModel, table=True):
    """One product ordered: `qty` selling units, as `qty / factor` packs of `pack` (empty:
    the selling unit), at `unit_cost` Rupiah a pack when known. A product is on an order once."""

    __table_args__ = (UniqueConstraint("order_id", "product_id"),)
    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="purchaseorder.id", index=True)
    line_no: int
    product_id: int = Field(foreign_key="product.id", index=True)
    pack: str = Field(default="", max_length=20)
    factor: Decimal = Field(sa_type=Qty)
    qty: Decimal = Field(sa_type=Qty)
    unit_cost: int | None = None


class PurchaseOrderReceipt(SQLModel, table=True):
    """A goods receipt received against a purchase order (what it received is its lines);
    `over_reason` says why more than ordered was taken, when it was."""

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="purchaseorder.id", index=True)
    receipt_id: int = Field(foreign_key="goodsreceipt.id", unique=True)
    over_reason: str = Field(default="", max_length=200)
    created_at: datetime = Field(sa_type=UTCDateTime)
    created_by: str = Field(max_length=60)


def table_of(model: type[SQLModel]) -> Table:
    """The Core table of a model, for the hot paths that skip the ORM's bookkeeping."""
    return model.__table__  # type: ignore[attr-defined]


PRODUCT = table_of(Product)
CATEGORY = table_of(Category)
BARCODE = table_of(Barcode)
SALE = table_of(Sale)
SALE_LINE = table_of(SaleLine)
PAYMENT = table_of(Payment)
STOCK_MOVEMENT = table_of(StockMovement)
RECEIPT_COUNTER = table_of(ReceiptCounter)
PRINT_JOB = table_of(PrintJob)
SHIFT = table_of(Shift)
DOCUMENT_COUNTER = table_of(DocumentCounter)
AUDIT_HEAD = table_of(AuditHead)
AUDIT_RECORD = table_of(AuditRecord)
REGULATED_PRODUCT = table_of(RegulatedProduct)
QUOTA_RULE = table_of(QuotaRule)
SALE_RETURN = table_of(SaleReturn)
SALE_RETURN_LINE = table_of(SaleReturnLine)
PRICE_CHANGE = table_of(PriceChange)
SCHEDULED_PRICE = table_of(ScheduledPrice)
PRINTED_LABEL = table_of(PrintedLabel)
USER = table_of(User)
CASH_MOVEMENT = table_of(CashMovement)
MEMBER_PAYMENT = table_of(MemberPayment)
MEMBER = table_of(Member)
SHOP_SETTING = table_of(ShopSetting)
PACK_UNIT = table_of(PackUnit)
GOODS_RECEIPT = table_of(GoodsReceipt)
GOODS_RECEIPT_LINE = table_of(GoodsReceiptLine)
REPACK = table_of(Repack)
OPENING_STOCK = table_of(OpeningStock)
WRITE_OFF = table_of(WriteOff)
STOCK_COUNT = table_of(StockCount)
STOCK_COUNT_LINE = table_of(StockCountLine)
SALE_VOID = table_of(SaleVoid)
KAS_ENTRY = table_of(KasEntry)
DATED_PRODUCT = table_of(DatedProduct)
STOCK_BATCH = table_of(StockBatch)
BATCH_MOVEMENT = table_of(BatchMovement)
PURCHASE_ORDER = table_of(PurchaseOrder)
PURCHASE_ORDER_LINE = table_of(PurchaseOrderLine)
PURCHASE_ORDER_RECEIPT = table_of(PurchaseOrderReceipt)
RECEIPT_TERMS = table_of(ReceiptTerms)
SUPPLIER_PAYMENT = table_of(SupplierPayment)


class AuditCheckpoint(SQLModel, table=True):
    """A point up to which `gerai audit verify` proved the audit trail (issue 18): record `seq`
    with hash `hash` ended a chain proven whole, from the first record (`from_start`) or from the
    checkpoint before; the sales up to `last_sale_id` matched their records then. Each
    checkpoint is itself in the chain (`record_seq`, kind `audit_checked`, whose detail
    holds the same figures), so a forged one is caught."""

    id: int | None = Field(default=None, primary_key=True)
    seq: int
    hash: str = Field(max_length=64)
    from_start: bool
    last_sale_id: int
    created_at: datetime = Field(sa_type=UTCDateTime)
    created_by: str = Field(max_length=60)
    record_seq: int = Field(unique=True)


AUDIT_CHECKPOINT = table_of(AuditCheckpoint)
