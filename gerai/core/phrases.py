"""Message keys as data, for code that must not translate (services, receipt models): a `Phrase`
(a key with its values, translated by whoever shows it) and the literal key of each of the
shop's words, so every key the code uses is written out where the catalog lint can see it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gerai.core.words import (
    AuditKind,
    BuyerCategory,
    CashTerm,
    ExpenseCategory,
    KasbonEntry,
    KasKind,
    MemberPaymentKind,
    MovementKind,
    OrderStatus,
    PaymentMethod,
    Permission,
    SaleStatus,
)


@dataclass(frozen=True)
class Phrase:
    """A message to show: its catalog key and the values for its placeholders. A value may be
    a Phrase itself, or a tuple of Phrases (shown joined by commas)."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


METHOD: dict[str, str] = {
    PaymentMethod.CASH: "method.tunai",
    PaymentMethod.QRIS: "method.qris",
    PaymentMethod.TRANSFER: "method.transfer",
    KasbonEntry.KASBON: "method.kasbon",
}
COLUMN: dict[str, str] = {  # an import file's column, as a person reads its heading
    "code": "column.code", "barcodes": "column.barcodes", "name": "column.name",
    "category": "column.category", "unit": "column.unit",
    "sold_by_weight": "column.sold_by_weight", "price": "column.price",
    "member_price": "column.member_price", "cost": "column.cost", "het": "column.het",
    "max_per_sale": "column.max_per_sale", "tax_category": "column.tax_category",
    "reorder_level": "column.reorder_level", "stock": "column.stock", "active": "column.active",
    "number": "column.number", "nik": "column.nik", "phone": "column.phone",
    "address": "column.address", "join_date": "column.join_date",
    "credit_limit": "column.credit_limit", "zone": "column.zone",
}  # fmt: skip
ROLE: dict[str, str] = {"kasir": "role.kasir", "bendahara": "role.bendahara", "admin": "role.admin"}
PERMISSION: dict[Permission, str] = {
    Permission.SELL: "perm.sell",
    Permission.HOLD: "perm.hold",
    Permission.REPRINT: "perm.reprint",
    Permission.SAVINGS: "perm.savings",
    Permission.REPAYMENT: "perm.repayment",
    Permission.OPEN_SHIFT: "perm.open_shift",
    Permission.CASH_MOVE: "perm.cash_move",
    Permission.OPEN_DRAWER: "perm.open_drawer",
    Permission.PRICE_OVERRIDE: "perm.price_override",
    Permission.MANUAL_DISCOUNT: "perm.manual_discount",
    Permission.VOID: "perm.void",
    Permission.RETUR: "perm.retur",
    Permission.CLOSE_SHIFT: "perm.close_shift",
    Permission.REPORTS: "perm.reports",
    Permission.MEMBERS: "perm.members",
    Permission.STOCK: "perm.stock",
    Permission.AUDIT: "perm.audit",
    Permission.PRODUCTS: "perm.products",
    Permission.USERS: "perm.users",
    Permission.SETTINGS: "perm.settings",
    Permission.KAS: "perm.kas",
    Permission.SELL_EXPIRED: "perm.sell_expired",
}
MOVEMENT_KIND: dict[str, str] = {
    "sale": "stockadm.kind.sale",
    "receive": "stockadm.kind.receive",
    MovementKind.ADJUST: "stockadm.kind.adjust",
    MovementKind.OPNAME: "stockadm.kind.opname",
    "return": "stockadm.kind.return",
    "void": "stockadm.kind.void",
    "repack": "stockadm.kind.repack",
    MovementKind.OPENING: "stockadm.kind.opening",
}
MEMBER_PAYMENT_KIND: dict[str, str] = {
    "pokok": "slip.kind.pokok",
    "wajib": "slip.kind.wajib",
    MemberPaymentKind.SUKARELA: "slip.kind.sukarela",
    MemberPaymentKind.SUKARELA_OUT: "slip.kind.sukarela_out",
    "repayment": "slip.kind.repayment",
}
BALANCE: dict[str, str] = {
    "pokok": "slip.balance.pokok",
    "wajib": "slip.balance.wajib",
    MemberPaymentKind.SUKARELA: "slip.balance.sukarela",
    MemberPaymentKind.SUKARELA_OUT: "slip.balance.sukarela_out",
}
SALE_STATUS: dict[str, str] = {
    SaleStatus.COMPLETED: "ui.report.status_completed",
    "void": "ui.report.status_void",
}
CARD_COLUMN: dict[str, str] = {
    "date": "stockadm.column.date",
    "time": "stockadm.column.time",
    "kind": "stockadm.column.kind",
    "ref": "stockadm.column.ref",
    "note": "stockadm.column.note",
    "batch": "stockadm.column.batch",
    "in": "stockadm.column.in",
    "out": "stockadm.column.out",
    "balance": "stockadm.column.balance",
}
AUDIT_KIND: dict[str, str] = {
    "sale": "audit.kind.sale",
    AuditKind.ROWS_SEALED: "audit.kind.rows_sealed",
    "login": "audit.kind.login",
    "logout": "audit.kind.logout",
    AuditKind.LOGIN_REFUSED: "audit.kind.login_refused",
    AuditKind.APPROVAL_REFUSED: "audit.kind.approval_refused",
    AuditKind.PERMISSION_REFUSED: "audit.kind.permission_refused",
    AuditKind.SUPERVISOR_ACCESS: "audit.kind.supervisor_access",
    AuditKind.USER_CREATED: "audit.kind.user_created",
    AuditKind.USER_PIN_CHANGED: "audit.kind.user_pin_changed",
    AuditKind.USER_ROLE_CHANGED: "audit.kind.user_role_changed",
    AuditKind.USER_DEACTIVATED: "audit.kind.user_deactivated",
    AuditKind.USER_REACTIVATED: "audit.kind.user_reactivated",
    AuditKind.SHIFT_OPENED: "audit.kind.shift_opened",
    AuditKind.SHIFT_CLOSED: "audit.kind.shift_closed",
    AuditKind.CASH_IN: "audit.kind.cash_in",
    AuditKind.CASH_OUT: "audit.kind.cash_out",
    AuditKind.CART_HELD: "audit.kind.cart_held",
    AuditKind.CART_RECALLED: "audit.kind.cart_recalled",
    AuditKind.CART_CLEARED: "audit.kind.cart_cleared",
    AuditKind.MANUAL_APPROVED: "audit.kind.manual_approved",
    AuditKind.EXPIRED_APPROVED: "audit.kind.expired_approved",
    AuditKind.APPROVAL_USED: "audit.kind.approval_used",
    "reprint": "audit.kind.reprint",
    AuditKind.DRAWER_OPENED: "audit.kind.drawer_opened",
    AuditKind.PRICE_CHANGED: "audit.kind.price_changed",
    AuditKind.PRODUCT_CREATED: "audit.kind.product_created",
    AuditKind.PRODUCT_CHANGED: "audit.kind.product_changed",
    AuditKind.PRODUCTS_IMPORTED: "audit.kind.products_imported",
    AuditKind.PRICES_SCHEDULED: "audit.kind.prices_scheduled",
    AuditKind.PRICES_APPLIED: "audit.kind.prices_applied",
    AuditKind.GOODS_RECEIVED: "audit.kind.goods_received",
    AuditKind.STOCK_COUNTED: "audit.kind.stock_counted",
    AuditKind.WRITTEN_OFF: "audit.kind.written_off",
    AuditKind.REPACKED: "audit.kind.repacked",
    AuditKind.OPENING_STOCK: "audit.kind.opening_stock",
    AuditKind.SETTINGS_CHANGED: "audit.kind.settings_changed",
    AuditKind.KAS_SETORAN: "audit.kind.kas_setoran",
    AuditKind.KAS_BANK: "audit.kind.kas_bank",
    AuditKind.KAS_EXPENSE: "audit.kind.kas_expense",
    AuditKind.PO_CREATED: "audit.kind.po_created",
    AuditKind.PO_CANCELLED: "audit.kind.po_cancelled",
    AuditKind.PO_RECEIVED: "audit.kind.po_received",
    AuditKind.KAS_SUPPLIER: "audit.kind.kas_supplier",
    AuditKind.SUPPLIER_TERMS: "audit.kind.supplier_terms",
    AuditKind.SUPPLIER_PAID: "audit.kind.supplier_paid",
}
ORDER_STATUS: dict[str, str] = {
    OrderStatus.OPEN: "po.status.open",
    OrderStatus.PARTLY_RECEIVED: "po.status.partly_received",
    OrderStatus.RECEIVED: "po.status.received",
    OrderStatus.CANCELLED: "po.status.cancelled",
}
CASH_TERM: dict[str, str] = {
    CashTerm.OPENING: "cash.term.opening",
    CashTerm.SALES: "cash.term.cash_sales",
    CashTerm.IN: "cash.term.cash_in",
    CashTerm.OUT: "cash.term.cash_out",
    CashTerm.REFUNDS: "cash.term.refunds",
    CashTerm.MEMBER_IN: "cash.term.member_in",
    CashTerm.MEMBER_OUT: "cash.term.member_out",
    CashTerm.ROUNDING: "cash.term.rounding",
}
BUYER_CATEGORY: dict[str, str] = {
    BuyerCategory.HOUSEHOLD: "ui.buyer.household",
    BuyerCategory.MICRO_BUSINESS: "ui.buyer.micro_business",
    BuyerCategory.FISHER: "ui.buyer.fisher",
    BuyerCategory.FARMER: "ui.buyer.farmer",
}
KAS_KIND: dict[str, str] = {
    KasKind.SETORAN: "kas.kind.setoran",
    KasKind.BANK: "kas.kind.bank",
    KasKind.EXPENSE: "kas.kind.expense",
    KasKind.SUPPLIER: "kas.kind.supplier",
}
EXPENSE_CATEGORY: dict[str, str] = {
    ExpenseCategory.LISTRIK: "kas.category.listrik",
    ExpenseCategory.GAJI: "kas.category.gaji",
    ExpenseCategory.TRANSPORT: "kas.category.transport",
    ExpenseCategory.SEWA: "kas.category.sewa",
    ExpenseCategory.OTHER: "kas.category.lain_lain",
}
