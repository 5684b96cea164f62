"""`Till`: one running till, with every verb of its rooms."""

from __future__ import annotations

from gerai.till.admin import AdminVerbs
from gerai.till.cash import CashVerbs
from gerai.till.members import MemberVerbs
from gerai.till.purchasing import PurchasingVerbs
from gerai.till.sale import SaleVerbs
from gerai.till.stock import StockVerbs
from gerai.till.suppliers import SupplierVerbs


class Till(
    SaleVerbs, CashVerbs, MemberVerbs, StockVerbs, PurchasingVerbs, SupplierVerbs, AdminVerbs
):
    """One till of the shop: its database, clock, logged-in user, till id, the shop's
    settings and print queue, and its verbs (each one transaction)."""
