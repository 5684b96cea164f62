"""What a receipt says, as plain values: built by gerai's services from a sale, read by the
layout. Amounts are integer Rupiah; quantities are already formatted (`1,5 kg`)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReceiptItem:
    """One line of the sale."""

    name: str
    quantity: str
    unit_price: int
    amount: int
    saving: int = 0  # the member's saving on the line
    discount: int = 0  # a manual discount on the line (issue 14)
    overridden: bool = False  # its price was set by hand at the till


@dataclass(frozen=True)
class ReceiptPayment:
    """One payment: the method (`tunai`...), what it covered, and what was handed over."""

    method: str
    amount: int
    tendered: int


@dataclass(frozen=True)
class TaxLine:
    """PPN of one tax category: the tax base and the tax included in the prices."""

    label: str
    base: int
    tax: int


@dataclass(frozen=True)
class Receipt:
    """Everything printed on a receipt."""

    shop_name: str
    shop_address: str
    shop_phone: str
    receipt_no: str
    moment: str
    cashier: str
    items: tuple[ReceiptItem, ...]
    gross: int
    member_discount: int
    total: int
    payments: tuple[ReceiptPayment, ...]
    change: int
    footer: str
    member: str | None = None
    npwp: str | None = None
    taxes: tuple[TaxLine, ...] = field(default_factory=tuple)
    reprint: bool = False
    void: bool = False
    kasbon_owed: int | None = None  # a sale on kasbon: what the member owes in all, as printed
    sale_discount: int = 0  # a manual discount on the whole sale (issue 14)
    rounding: int = 0  # the cash rounding (pembulatan) in `total`, signed
    header: str = ""  # the shop's lines under its name (one a line)


@dataclass(frozen=True)
class ShiftReport:
    """A closed shift, as the Z report prints it. Amounts are integer Rupiah; `payments` are
    (method, amount) pairs, the method as stored (`tunai`...)."""

    shop_name: str
    till: str
    opened: str
    closed: str
    sales_count: int
    net: int
    payments: tuple[tuple[str, int], ...]
    opening: int
    cash_sales: int
    cash_in: int
    cash_out: int
    expected: int
    counted: int
    variance: int
    reason: str
    kasir: str  # the people who sold in the shift (full names), else who opened it
    bendahara: str  # who confirmed the count (full name)
    member_in: int = 0
    member_out: int = 0
    refunds: int = 0
    rounding: int = 0  # the cash rounding (pembulatan) of the shift's sales, signed
    returns_rounding: int = 0  # the cash rounding in `refunds`, signed
    void_count: int = 0  # sales of this shift voided, and their total
    void_total: int = 0
    return_count: int = 0  # returs taken in this shift, and their refunds (any method)
    return_total: int = 0
    closed_by: str = ""  # who counted and closed it (full name)
    setoran: int | None = None  # taken to the kas bendahara at the close (None: not recorded)
    witness: str = ""  # the audit chain's head when printed (SEQ:CODE), for `audit verify`
