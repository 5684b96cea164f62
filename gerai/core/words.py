"""The shop's closed vocabularies, defined once: the words stored in the database, written to the
exports and shown (through the message catalog) on screens and slips. Each member's value is
exactly the string stored today; being a `StrEnum`, a member compares, formats and serializes
as that string."""

from __future__ import annotations

from enum import StrEnum


class PaymentMethod(StrEnum):
    """How a sale (or a member payment, or a retur's refund) is paid: cash, QRIS, bank transfer,
    or on the member's account (kasbon)."""

    CASH = "tunai"
    QRIS = "qris"
    TRANSFER = "transfer"
    KASBON = "kasbon"


class SaleStatus(StrEnum):
    """Where a sale stands: completed, or voided (batal) during its shift."""

    COMPLETED = "completed"
    VOID = "void"


class MovementKind(StrEnum):
    """Why a product's stock changed: a sale, goods received, an adjustment (write-off, damaged
    retur, shrinkage; a catalogue import before migration 0014), a stock count (opname), a
    retur, a voided sale, a repack, the opening stock (stok awal)."""

    SALE = "sale"
    RECEIVE = "receive"
    ADJUST = "adjust"
    OPNAME = "opname"
    RETURN = "return"
    VOID = "void"
    REPACK = "repack"
    OPENING = "opening"


class Role(StrEnum):
    """What someone who works the till may do: kasir sells, bendahara supervises and handles
    the money, admin runs the shop's settings."""

    KASIR = "kasir"
    BENDAHARA = "bendahara"
    ADMIN = "admin"


class Permission(StrEnum):
    """What an action at the till needs: each is granted to some roles
    (`gerai.services.shop.auth.PERMISSIONS`); beyond them, a bendahara's or admin's PIN."""

    SELL = "sell"
    HOLD = "hold"
    REPRINT = "reprint"
    SAVINGS = "savings"
    REPAYMENT = "repayment"
    OPEN_SHIFT = "open_shift"
    CASH_MOVE = "cash_move"
    OPEN_DRAWER = "open_drawer"
    PRICE_OVERRIDE = "price_override"
    MANUAL_DISCOUNT = "manual_discount"
    VOID = "void"
    RETUR = "retur"
    CLOSE_SHIFT = "close_shift"
    REPORTS = "reports"
    MEMBERS = "members"
    STOCK = "stock"
    AUDIT = "audit"
    PRODUCTS = "products"
    USERS = "users"
    SETTINGS = "settings"
    KAS = "kas"

    SELL_EXPIRED = "sell_expired"


class DocumentSeries(StrEnum):
    """The letters of document numbers other than sale receipts: the till's documents (`S`
    savings and repayment slips, `R` returns: `K1-20251130-R001`) and the stock documents
    (`BM` goods received, `SO` stock counts, `HP` write-offs, `PK` repacks, `SA` opening
    stock, `BP` payments to suppliers)."""

    SAVINGS = "S"
    RETURN = "R"
    GOODS_RECEIPT = "BM"
    COUNT = "SO"
    WRITE_OFF = "HP"
    REPACK = "PK"
    OPENING = "SA"
    PURCHASE_ORDER = "PO"  # issue 17: pesanan pembelian
    SUPPLIER_PAYMENT = "BP"


class MemberPaymentKind(StrEnum):
    """What a member's money at the counter is for: simpanan pokok, wajib and sukarela
    deposits, a sukarela withdrawal, a kasbon repayment."""

    POKOK = "pokok"
    WAJIB = "wajib"
    SUKARELA = "sukarela"
    SUKARELA_OUT = "sukarela_out"
    REPAYMENT = "repayment"


class KasbonEntry(StrEnum):
    """A line of a member's kasbon statement: a kasbon sale, a repayment, a retur's refund."""

    KASBON = "kasbon"
    REPAYMENT = "repayment"
    REFUND = "refund"


class ShiftStatus(StrEnum):
    """A till's shift is open (selling) or closed (counted and signed off)."""

    OPEN = "open"
    CLOSED = "closed"


class CashDirection(StrEnum):
    """Cash put into (`in`) or taken out of (`out`) the till during a shift."""

    IN = "in"
    OUT = "out"


class PrintJobKind(StrEnum):
    """What a print job carries: a sale's receipt, a reprint, a retur slip, a void slip, a
    member slip, a shift's Z report."""

    SALE = "sale"
    REPRINT = "reprint"
    RETUR = "retur"
    VOID = "void"
    SLIP = "slip"
    Z_REPORT = "zreport"


class PrintJobStatus(StrEnum):
    """A print job waits (`pending`), is marked `sending` (committed) before its bytes go, and
    `printed` once the printer took them. A job still `sending` after a crash may or may not
    have printed: it is never resent by itself; the kasir prints it again (back to `pending`)
    or drops it (`dropped`, audited)."""

    PENDING = "pending"
    SENDING = "sending"
    PRINTED = "printed"
    DROPPED = "dropped"


class TaxCategory(StrEnum):
    """A product's PPN category: exempt staples, or ordinary goods that carry PPN."""

    EXEMPT = "exempt"
    PPN = "ppn"


class AuditKind(StrEnum):
    """What an audit record says happened: a sale and its corrections, who logged in (or was
    refused), users, shifts and cash, held carts, reprints and the drawer, goods and prices,
    members and their money, the shop's settings. `audit_started` opens the trail of a shop that
    sold before it had one."""

    AUDIT_STARTED = "audit_started"
    ROWS_SEALED = "rows_sealed"
    SALE = "sale"
    VOID = "void"
    RETUR = "retur"
    LOGIN = "login"
    LOGOUT = "logout"
    LOGIN_REFUSED = "login_refused"
    APPROVAL_REFUSED = "approval_refused"
    PERMISSION_REFUSED = "permission_refused"
    SUPERVISOR_ACCESS = "supervisor_access"
    USER_CREATED = "user_created"
    USER_PIN_CHANGED = "user_pin_changed"
    USER_ROLE_CHANGED = "user_role_changed"
    USER_DEACTIVATED = "user_deactivated"
    USER_REACTIVATED = "user_reactivated"
    SHIFT_OPENED = "shift_opened"
    SHIFT_CLOSED = "shift_closed"
    CASH_IN = "cash_in"
    CASH_OUT = "cash_out"
    CART_HELD = "cart_held"
    CART_RECALLED = "cart_recalled"
    CART_CLEARED = "cart_cleared"  # a cart emptied unsold (Ctrl+X)
    MANUAL_APPROVED = "manual_approved"  # a supervisor allowed a manual price or discount
    EXPIRED_APPROVED = "expired_approved"  # who allowed a sale to take expired goods
    APPROVAL_USED = "approval_used"  # a sale used that allowance (it allows nothing again)
    REPRINT = "reprint"
    PRINT_JOB_DROPPED = "print_job_dropped"
    DRAWER_OPENED = "drawer_opened"
    PRICE_CHANGED = "price_changed"
    PRODUCT_CREATED = "product_created"
    PRODUCT_CHANGED = "product_changed"
    PRODUCTS_IMPORTED = "products_imported"
    PRICES_SCHEDULED = "prices_scheduled"
    PRICES_APPLIED = "prices_applied"
    GOODS_RECEIVED = "goods_received"
    STOCK_COUNTED = "stock_counted"
    WRITTEN_OFF = "written_off"
    REPACKED = "repacked"
    OPENING_STOCK = "opening_stock"
    SETTINGS_CHANGED = "settings_changed"
    MEMBER_ADDED = "member_added"
    MEMBER_CHANGED = "member_changed"
    MEMBER_DEACTIVATED = "member_deactivated"
    MEMBER_REACTIVATED = "member_reactivated"
    MEMBER_DISCOUNT_CHANGED = "member_discount_changed"
    SAVINGS_AMOUNTS_CHANGED = "savings_amounts_changed"
    MEMBERS_IMPORTED = "members_imported"
    MEMBER_PAYMENT_POKOK = "member_payment_pokok"
    MEMBER_PAYMENT_WAJIB = "member_payment_wajib"
    MEMBER_PAYMENT_SUKARELA = "member_payment_sukarela"
    MEMBER_PAYMENT_SUKARELA_OUT = "member_payment_sukarela_out"
    MEMBER_PAYMENT_REPAYMENT = "member_payment_repayment"
    KAS_SETORAN = "kas_setoran"
    KAS_BANK = "kas_bank"
    KAS_EXPENSE = "kas_expense"
    PO_CREATED = "po_created"
    PO_CANCELLED = "po_cancelled"
    PO_RECEIVED = "po_received"
    KAS_SUPPLIER = "kas_supplier"
    SUPPLIER_TERMS = "supplier_terms"
    SUPPLIER_PAID = "supplier_paid"
    AUDIT_CHECKED = "audit_checked"  # `gerai audit verify` or a shift close proved the chain


class BuyerCategory(StrEnum):
    """Who buys a regulated product (LPG 3 kg and the like): a household, a micro business
    (with an NIB), a fisher, a farmer."""

    HOUSEHOLD = "rumah_tangga"
    MICRO_BUSINESS = "usaha_mikro"
    FISHER = "nelayan"
    FARMER = "petani"


class QuotaPeriod(StrEnum):
    """The time a quota counts over: the business day, the week (Monday first), the month."""

    DAY = "per_day"
    WEEK = "per_week"
    MONTH = "per_month"


class QuotaScope(StrEnum):
    """Whom a quota counts: one buyer (the NIK) or one household (the KK number)."""

    BUYER = "per_nik"
    HOUSEHOLD = "per_kk"


class CashTerm(StrEnum):
    """The terms of the expected-cash formula, in reading order (issue 15); their labels are
    the catalog keys `cash.term.<value>`."""

    OPENING = "opening"
    SALES = "cash_sales"
    IN = "cash_in"
    OUT = "cash_out"
    REFUNDS = "refunds"
    MEMBER_IN = "member_in"
    MEMBER_OUT = "member_out"
    ROUNDING = "rounding"


class KasKind(StrEnum):
    """A line of the kas bendahara (issue 15): a setoran received from a till's drawer at its
    close, cash deposited at the bank, an expense (pengeluaran) of the gerai paid in cash, a
    payment to a supplier in cash (issue 17)."""

    SETORAN = "setoran"
    BANK = "bank"
    EXPENSE = "expense"
    SUPPLIER = "bayar_pemasok"


class ReceiptTermsKind(StrEnum):
    """How a goods receipt is paid (issue 17): in full when received (lunas), or later by a
    due date (tempo: hutang dagang)."""

    PAID = "lunas"
    CREDIT = "tempo"


class ExpenseCategory(StrEnum):
    """What an expense of the gerai was for: electricity, wages, transport, rent, other."""

    LISTRIK = "listrik"
    GAJI = "gaji"
    TRANSPORT = "transport"
    SEWA = "sewa"
    OTHER = "lain_lain"


class ReferenceRule(StrEnum):
    """Whether the payment dialog asks a QRIS or transfer payment's reference (issue 17)."""

    OFF = "off"
    OPTIONAL = "optional"
    REQUIRED = "required"


class OrderStatus(StrEnum):
    """A purchase order's state (issue 17): open, partly received and received follow what
    was received against it; cancelled is set by hand and ends it."""

    OPEN = "open"
    PARTLY_RECEIVED = "partly_received"
    RECEIVED = "received"
    CANCELLED = "cancelled"
