"""The till's stock verbs: the products list and form, receiving goods from suppliers, stock
counts, write-offs and repacking, and a product's stock card."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from gerai.core.words import Permission
from gerai.services.importing import ImportReport
from gerai.services.sale.quotas import Regulation, set_quota, set_regulated
from gerai.services.shop.auth import Approval, authorize
from gerai.services.stock.batches import (
    BatchInfo,
    BatchMismatch,
    batch_check,
    batches,
    is_dated,
    set_dated,
)
from gerai.services.stock.card import StockCard, stock_card
from gerai.services.stock.catalog import ProductFilter, ProductInfo, categories, product_page
from gerai.services.stock.count import (
    CountResult,
    WriteOffResult,
    confirm_count,
    count_candidates,
    write_off,
)
from gerai.services.stock.decrees import (
    AppliedPrice,
    DecreeLine,
    PendingPrice,
    apply_due_prices,
    check_decree,
    pending_prices,
    schedule_decree,
)
from gerai.services.stock.import_export import StagedProducts, apply_staged, stage_products
from gerai.services.stock.inventory import low_stock_count, product_for
from gerai.services.stock.labels import ShelfLabel, record_printed, shelf_labels
from gerai.services.stock.opening_file import OpeningResult, book_opening_stock
from gerai.services.stock.packs import Pack, pack_units
from gerai.services.stock.products import ProductForm, product_form, save_product
from gerai.services.stock.receiving import (
    CheckedLine,
    ReceiptResult,
    ReceiveLine,
    check_line,
    receive_goods,
)
from gerai.services.stock.reorder import Suggestion, reorder_suggestions
from gerai.services.stock.repack import RepackResult, repack
from gerai.services.stock.suppliers import SupplierInfo, add_supplier, list_suppliers
from gerai.tabular import Table
from gerai.till.base import TillBase


class StockVerbs(TillBase):
    """Products and the stock they hold."""

    def categories(self) -> list[tuple[int, str]]:
        """Every category, by name."""
        with self.database.read() as session:
            return categories(session)

    def stage_products(self, table: Table, *, skip_bad: bool) -> StagedProducts:
        """Check a products file, reading only (the tills keep selling meanwhile)."""
        with self.database.read() as session:
            return stage_products(session, table, skip_bad=skip_bad)

    def import_products(self, staged: StagedProducts) -> ImportReport:
        """Create or update the checked products in one short transaction, audited."""
        with self.database.write() as session:
            return apply_staged(session, staged, self.clock(), actor=self.actor)

    def low_stock_count(self) -> int:
        """How many products are low on stock."""
        with self.database.read() as session:
            return low_stock_count(session)

    def product_page(
        self,
        filters: ProductFilter,
        *,
        limit: int,
        after: tuple[str, int] | None = None,
        before: tuple[str, int] | None = None,
    ) -> list[ProductInfo]:
        """A page of the products list."""
        with self.database.read() as session:
            return product_page(session, filters, after=after, before=before, limit=limit)

    def product_form(self, product_id: int | None) -> tuple[ProductForm, list[str]]:
        """The form of a product (a blank one for a new product) and the category names."""
        with self.database.read() as session:
            form = ProductForm() if product_id is None else product_form(session, product_id)
            return form, [name for _, name in categories(session)]

    def save_product(
        self, form: ProductForm, product_id: int | None, approval: Approval | None
    ) -> int:
        """Save a new or changed product (prices audited); its id."""
        with self.database.write() as session:
            return save_product(
                session, form, actor=self.actor, at=self.clock(), product_id=product_id,
                approval=approval,
            )  # fmt: skip

    def set_regulated(
        self, product_id: int, quota_group: str | None = None, needs_buyer: bool = True
    ) -> Regulation:
        """Make a product regulated: it needs the buyer's NIK and counts in a quota group."""
        with self.database.write() as session:
            now = self.clock()
            authorize(session, self.actor, Permission.PRODUCTS, now=now)
            return set_regulated(
                session, product_id, quota_group=quota_group, needs_buyer=needs_buyer,
                actor=self.actor.name, at=now,
            )  # fmt: skip

    def set_quota(self, quota_group: str, scope: str, period: str, limit: Decimal) -> int:
        """Set a quota group's limit per buyer or household per day, week or month."""
        with self.database.write() as session:
            now = self.clock()
            authorize(session, self.actor, Permission.PRODUCTS, now=now)
            return set_quota(
                session, quota_group, scope, period, limit, actor=self.actor.name, at=now
            )

    def shelf_labels(
        self,
        codes: Sequence[str] = (),
        changed_since: datetime | None = None,
        category: str | None = None,
        stale: bool = False,
    ) -> list[ShelfLabel]:
        """The shelf labels asked for (see `shelf_labels`)."""
        with self.database.read() as session:
            return shelf_labels(
                session, codes=codes, changed_since=changed_since, category=category, stale=stale
            )

    def labels_printed(self, labels: Sequence[ShelfLabel]) -> None:
        """Record these labels as printed: the prices each shows."""
        with self.database.write() as session:
            record_printed(session, labels, actor=self.actor.name, at=self.clock())

    def check_decree(self, table: Table, lower_to_het: bool) -> list[DecreeLine]:
        """A HET decree file's rows for the shop's zone, every one checked."""
        with self.database.read() as session:
            return check_decree(session, table, zone=self.shop.het_zone, lower_to_het=lower_to_het)

    def schedule_decree(
        self, lines: list[DecreeLine], effective: date, decree: str
    ) -> tuple[int, list[AppliedPrice]]:
        """Keep a checked decree for `effective`; applied at once when that day has come.
        The number kept and what was applied."""
        with self.database.write() as session:
            now = self.clock()
            kept = schedule_decree(session, lines, effective, decree, actor=self.actor, at=now)
            applied = apply_due_prices(session, self.today(), actor=self.actor.name, at=now)
        return kept, applied

    def apply_due_prices(self) -> list[AppliedPrice]:
        """Apply the scheduled prices whose day has come."""
        with self.database.write() as session:
            return apply_due_prices(session, self.today(), actor=self.actor.name, at=self.clock())

    def pending_prices(self) -> list[PendingPrice]:
        """The scheduled prices not applied yet."""
        with self.database.read() as session:
            return pending_prices(session)

    def reorder(self, window_days: int, lead_days: int, safety_days: int) -> list[Suggestion]:
        """What to order now, by supplier (`gerai stock reorder`)."""
        with self.database.read() as session:
            return reorder_suggestions(
                session,
                until=self.clock(),
                window_days=window_days,
                lead_days=lead_days,
                safety_days=safety_days,
            )

    def stock_card(self, product_id: int, last: int) -> StockCard:
        """A product's latest `last` stock movements."""
        with self.database.read() as session:
            return stock_card(session, product_id, last=last)

    def suppliers(self) -> list[SupplierInfo]:
        """Every supplier."""
        with self.database.read() as session:
            return list_suppliers(session)

    def add_supplier(self, name: str, phone: str, address: str) -> SupplierInfo:
        """A new supplier."""
        with self.database.write() as session:
            return add_supplier(session, name, phone, address)

    def product_with_packs(self, code: str) -> tuple[ProductInfo, list[Pack]]:
        """The product with this code (refused when unknown) and its pack units."""
        with self.database.read() as session:
            product = product_for(session, code)
            return product, pack_units(session, product.id)

    def check_receive_line(self, line: ReceiveLine, past_ok: bool = False) -> CheckedLine:
        """A line of goods received, checked."""
        with self.database.read() as session:
            return check_line(session, line, today=self.today(), past_ok=past_ok)

    def receive(
        self,
        supplier_id: int,
        reference: str,
        lines: list[ReceiveLine],
        approval: Approval | None,
        past_expiry_ok: bool = False,
    ) -> ReceiptResult:
        """Receive goods from a supplier: stock, costs and the receiving document."""
        with self.database.write() as session:
            return receive_goods(
                session, supplier_id, reference, lines, actor=self.actor, at=self.clock(),
                approval=approval, past_expiry_ok=past_expiry_ok,
            )  # fmt: skip

    def count_candidates(self, category_id: int | None = None) -> list[ProductInfo]:
        """The products a count sheet lists (one category, or every active product)."""
        with self.database.read() as session:
            return count_candidates(session, category_id)

    def confirm_count(
        self,
        entries: list[tuple[str, Any]],
        reason: str,
        scope: str,
        approval: Approval | None,
    ) -> CountResult:
        """Write a stock count and its differences."""
        with self.database.write() as session:
            return confirm_count(
                session, entries, reason, scope, actor=self.actor, at=self.clock(),
                shop=self.shop, approval=approval,
            )  # fmt: skip

    def book_opening_stock(self, table: Table) -> OpeningResult:
        """Book the stok awal of products already in the catalogue from a file of codes and
        quantities: one `SA` document."""
        with self.database.write() as session:
            return book_opening_stock(
                session, table, actor=self.actor, at=self.clock(), shop=self.shop
            )

    def write_off(
        self,
        code: str,
        qty: Any,
        reason: str,
        approval: Approval | None,
        batch_id: int | None = None,
    ) -> WriteOffResult:
        """Write off damaged or lost stock (of a dated product: from the batch picked)."""
        with self.database.write() as session:
            return write_off(
                session, code, qty, reason, actor=self.actor, at=self.clock(), shop=self.shop,
                approval=approval, batch_id=batch_id,
            )  # fmt: skip

    def repack(
        self,
        source_code: str,
        source_qty: Any,
        target_code: str,
        per_source: Any,
        produced: Any,
        note: str,
        approval: Approval | None,
    ) -> RepackResult:
        """Repack stock of one product into another (a sack into kilo bags)."""
        with self.database.write() as session:
            return repack(
                session, source_code, source_qty, target_code, per_source, produced,
                actor=self.actor, at=self.clock(), shop=self.shop, note=note, approval=approval,
            )  # fmt: skip

    # --- expiry dates and batches (issue 17) ---------------------------------------------

    def set_dated(self, code: str, dated: bool, approval: Approval | None = None) -> bool:
        """Mark a product dated (kept per batch, sold first-expiry-first) or not."""
        with self.database.write() as session:
            product = product_for(session, code)
            return set_dated(
                session, product.id, dated, actor=self.actor, at=self.clock(), approval=approval
            )

    def is_dated(self, product_id: int) -> bool:
        """Whether the product's stock is kept per batch."""
        with self.database.read() as session:
            return is_dated(session, product_id)

    def batches(self, product_id: int | None = None) -> list[BatchInfo]:
        """A dated product's batches holding stock (or every dated product's), earliest
        expiry first."""
        with self.database.read() as session:
            return batches(session, product_id)

    def expiring(self, days: int) -> list[BatchInfo]:
        """The batches that expire within `days` days of today (or have expired)."""
        with self.database.read() as session:
            return batches(session, until=self.today() + timedelta(days=days))

    def batch_check(self) -> list[BatchMismatch]:
        """Dated products whose batches do not add up (empty when all agree)."""
        with self.database.read() as session:
            return batch_check(session)
