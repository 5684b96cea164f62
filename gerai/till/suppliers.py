"""The till's supplier-debt verbs (issue 17): the terms of a goods receipt, payments to
suppliers and what the gerai owes them."""

from __future__ import annotations

from datetime import date

from gerai.core.words import PaymentMethod
from gerai.services.shop.auth import Approval
from gerai.services.stock.supplier_debts import (
    PaymentResult,
    SupplierDebt,
    TermsResult,
    find_supplier,
    pay_supplier,
    set_terms,
    supplier_debts,
)
from gerai.till.base import TillBase


class SupplierVerbs(TillBase):
    """What the gerai owes its suppliers, and paying them."""

    def set_receipt_terms(
        self,
        receipt: str,
        kind: str,
        *,
        due: date | str | None = None,
        method: str = PaymentMethod.CASH,
        reference: str = "",
        approval: Approval | None = None,
    ) -> TermsResult:
        """Say how a goods receipt is paid: now (`lunas`, by `method`) or later by `due`."""
        with self.database.write() as session:
            return set_terms(
                session, receipt, kind, actor=self.actor, at=self.clock(), shop=self.shop,
                due=due, method=method, reference=reference, approval=approval,
            )  # fmt: skip

    def pay_supplier(
        self,
        supplier: str | int,
        amount: int,
        method: str,
        *,
        reference: str = "",
        receipt: str | None = None,
        note: str = "",
        approval: Approval | None = None,
    ) -> PaymentResult:
        """Pay a supplier (by id, or by name as typed) in cash from the kas or by transfer."""
        with self.database.write() as session:
            if isinstance(supplier, str):
                supplier = find_supplier(session, supplier)
            return pay_supplier(
                session, supplier, amount, method, actor=self.actor, at=self.clock(),
                shop=self.shop, reference=reference, receipt_number=receipt, note=note,
                approval=approval,
            )  # fmt: skip

    def supplier_debts(self) -> list[SupplierDebt]:
        """What the gerai owes each supplier today, with aging and what falls due."""
        with self.database.read() as session:
            return supplier_debts(session, self.today())
