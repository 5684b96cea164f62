"""Message keys as data, for code that must not translate (services, receipt models): a `Phrase`
(a key with its values, translated by whoever shows it) and the literal key of each of the
shop's words, so every key the code uses is written out where the catalog lint can see it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Phrase:
    """A message to show: its catalog key and the values for its placeholders. A value may be
    a Phrase itself, or a tuple of Phrases (shown joined by commas)."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


METHOD = {
    "tunai": "method.tunai",
    "qris": "method.qris",
    "transfer": "method.transfer",
    "kasbon": "method.kasbon",
}
ROLE = {"kasir": "role.kasir", "bendahara": "role.bendahara", "admin": "role.admin"}
PERMISSION = {
    "sell": "perm.sell",
    "hold": "perm.hold",
    "reprint": "perm.reprint",
    "savings": "perm.savings",
    "repayment": "perm.repayment",
    "open_shift": "perm.open_shift",
    "cash_move": "perm.cash_move",
    "open_drawer": "perm.open_drawer",
    "price_override": "perm.price_override",
    "manual_discount": "perm.manual_discount",
    "void": "perm.void",
    "retur": "perm.retur",
    "close_shift": "perm.close_shift",
    "reports": "perm.reports",
    "members": "perm.members",
    "stock": "perm.stock",
    "audit": "perm.audit",
    "products": "perm.products",
    "users": "perm.users",
    "settings": "perm.settings",
}
MOVEMENT_KIND = {
    "sale": "stockadm.kind.sale",
    "receive": "stockadm.kind.receive",
    "adjust": "stockadm.kind.adjust",
    "opname": "stockadm.kind.opname",
    "return": "stockadm.kind.return",
    "void": "stockadm.kind.void",
    "repack": "stockadm.kind.repack",
}
MEMBER_PAYMENT_KIND = {
    "pokok": "slip.kind.pokok",
    "wajib": "slip.kind.wajib",
    "sukarela": "slip.kind.sukarela",
    "sukarela_out": "slip.kind.sukarela_out",
    "repayment": "slip.kind.repayment",
}
BALANCE = {
    "pokok": "slip.balance.pokok",
    "wajib": "slip.balance.wajib",
    "sukarela": "slip.balance.sukarela",
    "sukarela_out": "slip.balance.sukarela_out",
}
SALE_STATUS = {"completed": "ui.report.status_completed", "void": "ui.report.status_void"}
CARD_COLUMN = {
    "date": "stockadm.column.date",
    "time": "stockadm.column.time",
    "kind": "stockadm.column.kind",
    "ref": "stockadm.column.ref",
    "note": "stockadm.column.note",
    "in": "stockadm.column.in",
    "out": "stockadm.column.out",
    "balance": "stockadm.column.balance",
}
AUDIT_KIND = {
    "sale": "audit.kind.sale",
    "login": "audit.kind.login",
    "logout": "audit.kind.logout",
    "login_refused": "audit.kind.login_refused",
    "approval_refused": "audit.kind.approval_refused",
    "permission_refused": "audit.kind.permission_refused",
    "supervisor_access": "audit.kind.supervisor_access",
    "user_created": "audit.kind.user_created",
    "user_pin_changed": "audit.kind.user_pin_changed",
    "user_role_changed": "audit.kind.user_role_changed",
    "user_deactivated": "audit.kind.user_deactivated",
    "user_reactivated": "audit.kind.user_reactivated",
    "shift_opened": "audit.kind.shift_opened",
    "shift_closed": "audit.kind.shift_closed",
    "cash_in": "audit.kind.cash_in",
    "cash_out": "audit.kind.cash_out",
    "cart_held": "audit.kind.cart_held",
    "cart_recalled": "audit.kind.cart_recalled",
    "reprint": "audit.kind.reprint",
    "drawer_opened": "audit.kind.drawer_opened",
    "price_changed": "audit.kind.price_changed",
    "product_created": "audit.kind.product_created",
    "product_changed": "audit.kind.product_changed",
    "products_imported": "audit.kind.products_imported",
    "goods_received": "audit.kind.goods_received",
    "stock_counted": "audit.kind.stock_counted",
    "written_off": "audit.kind.written_off",
    "repacked": "audit.kind.repacked",
    "settings_changed": "audit.kind.settings_changed",
}
