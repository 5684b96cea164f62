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
