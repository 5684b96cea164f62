"""The till's verbs at the counter: look up what is scanned, sell (the sale and its receipt
job in one transaction, at the shop's current prices, discount and stock policy), hold and
recall carts, reprint, void and retur."""

from __future__ import annotations

from sqlmodel import Session

from gerai.services.members.lookup import MemberInfo, find_member, search_members
from gerai.services.sale.buyers import Buyer, make_buyer, shown_nik
from gerai.services.sale.checkout import SaleResult, Tender, checkout
from gerai.services.sale.held import HeldSummary, clear_cart, hold_cart, list_held, recall_cart
from gerai.services.sale.manual import ManualChange, approve_manual, remove_manual
from gerai.services.sale.receipts import SaleSummary, recent_sales
from gerai.services.sale.reprice import reprice
from gerai.services.sale.returns import (
    Requested,
    ReturnResult,
    SaleState,
    return_items,
    sale_state,
)
from gerai.services.sale.voids import VoidResult, check_void, void_sale
from gerai.services.shop.auth import Approval
from gerai.services.shop.profile import load_shop
from gerai.services.stock.batches import find_batch, scanned_batch
from gerai.services.stock.catalog import (
    ProductInfo,
    find_by_code,
    get_product,
    search_products,
)
from gerai.till.base import TillBase


class SaleVerbs(TillBase):
    """Selling and correcting sales."""

    def find_product(self, code: str, include_inactive: bool = False) -> ProductInfo | None:
        """The product with this code or barcode."""
        with self.database.read() as session:
            return find_by_code(session, code, include_inactive)

    def search_products(self, text: str) -> list[ProductInfo]:
        """Active products matching `text`."""
        with self.database.read() as session:
            return search_products(session, text)

    def find_member(self, key: str) -> MemberInfo | None:
        """The member with this number or card."""
        with self.database.read() as session:
            return find_member(session, key)

    def search_members(self, text: str) -> list[MemberInfo]:
        """Members matching `text`."""
        with self.database.read() as session:
            return search_members(session, text)

    def scan(
        self, code: str, explicit_qty: bool
    ) -> tuple[ProductInfo | None, MemberInfo | None, list[ProductInfo]]:
        """What a scanned code names: a product, else (without a quantity) a member card,
        else the products a search finds."""
        with self.database.read() as session:
            product = find_by_code(session, code) or self._scanned_batch(session, code)
            member = None
            if product is None and not explicit_qty:
                member = find_member(session, code)
            matches = [] if product or member else search_products(session, code)
        return product, member, matches

    def set_buyer(self, nik: str | None, category: str | None, kk: str | None = None) -> Buyer:
        """The buyer of this sale's regulated products: the KTP's NIK as scanned or typed
        (or the attached member's stored NIK when `nik` is empty), the category, the KK."""
        member_nik = self.cart.member.nik if self.cart.member else None
        self.cart.buyer = make_buyer(nik, category, kk, member_nik=member_nik)
        return self.cart.buyer

    def shown_nik(self, nik: str | None) -> str:
        """A NIK as this till's user may see it: masked to a kasir."""
        return shown_nik(nik, self.actor.role)

    def sell(
        self, tenders: list[Tender], approval: Approval | None = None, expired_ok: bool = False
    ) -> SaleResult:
        """Sell the cart in one transaction: the shop's settings and the products are read
        again (rules at commit; a changed price refuses with `cart.price_changed`, then
        `reprice` takes the new prices), the sale is written and its receipt job queued. The
        cart is emptied once the sale is committed."""
        with self.database.write() as session:
            result = checkout(
                session,
                self.cart,
                tenders,
                till=self.till_id,
                actor=self.actor,
                now=self.clock(),
                batches=self.batch_picks,
                approval=approval,
                expired_ok=expired_ok,
            )
            if not result.replayed:  # a stored sale's receipt job was stored with it
                self.printer.queue_receipt(session, result.receipt_no)
            self.adopt_shop(result.shop or load_shop(session))
        self.cart.clear()
        self.batch_picks.clear()
        return result

    def reprice(self) -> None:
        """Take the products' and the shop's current prices and rules into the cart (after
        the kasir confirmed a `cart.price_changed`)."""
        with self.database.read() as session:
            self.adopt_shop(load_shop(session))
            reprice(session, self.cart, self.shop)

    def check_manual(self, change: ManualChange) -> None:
        """Refuse a manual price or discount the cart's rules forbid (above the HET, too large,
        below cost unconfirmed: `discount.below_cost`), before anyone's PIN is asked."""
        change.check(self.cart, self.actor)

    def manual(self, change: ManualChange, approval: Approval | None) -> None:
        """Make a manual price or discount on the cart, allowed by the actor or by the
        supervisor whose PIN `approval` holds (checked and recorded in one transaction; a
        refusal of the cart's rules records nothing)."""
        with self.database.write() as session:
            approved = approve_manual(
                session, self.actor, change.permission, approval, till=self.till_id,
                now=self.clock(), what=change.what(self.cart),
            )  # fmt: skip
            change.apply(self.cart, approved)

    def remove_manual(self, index: int | None, price: bool = False) -> None:
        """Take away a line's manual price (`price`) or discount, or the sale's discount."""
        remove_manual(self.cart, index, price)

    def _scanned_batch(self, session: Session, code: str) -> ProductInfo | None:
        """A batch code scanned (issue 17): its active product, the sale taking it from that
        batch; None when the code names no one batch."""
        hit = scanned_batch(session, code)
        product = get_product(session, hit[0]) if hit else None
        if hit is None or product is None or not product.active:
            return None
        self.batch_picks[hit[0]] = hit[1]
        return product

    def pick_batch(self, product_id: int, code: str) -> int:
        """The kasir scanned a batch code of a dated product: the sale takes it from that
        batch (issue 17)."""
        with self.database.read() as session:
            batch_id = find_batch(session, product_id, code)
        self.batch_picks[product_id] = batch_id
        return batch_id

    def clear_cart(self) -> int:
        """Empty the cart without selling it (recorded: what was thrown away and by whom);
        how many lines it had."""
        with self.database.write() as session:
            lines = clear_cart(session, self.cart, self.till_id, self.actor, self.clock())
        self.cart.clear()
        self.batch_picks.clear()
        return lines

    def hold(self) -> HeldSummary:
        """Hold the cart for later and empty it."""
        with self.database.write() as session:
            held = hold_cart(session, self.cart, self.till_id, self.actor, self.clock())
        self.cart.clear()
        self.batch_picks.clear()
        return held

    def held_carts(self) -> list[HeldSummary]:
        """This till's held carts, oldest first."""
        with self.database.read() as session:
            return list_held(session, self.till_id)

    def recall(self, held_id: int) -> None:
        """Bring a held cart back into the (empty) cart, priced afresh."""
        with self.database.write() as session:
            recall_cart(session, held_id, self.cart, self.actor, self.clock())

    def recent_sales(self) -> list[SaleSummary]:
        """This till's latest sales, newest first."""
        with self.database.read() as session:
            return recent_sales(session, self.till_id)

    def reprint(self, receipt_no: str) -> bool:
        """Queue a reprint of a receipt in the actor's name (recorded); False without a
        printer."""
        return self.printer.submit(receipt_no, self.actor)

    def sale_state(self, receipt_no: str) -> SaleState:
        """A past sale with its lines, payments and what came back already."""
        with self.database.read() as session:
            return sale_state(session, receipt_no)

    def check_void(self, receipt_no: str) -> None:
        """Refuse a sale this till may not void (another shift's, already void...)."""
        with self.database.read() as session:
            check_void(session, receipt_no, self.till_id)

    def void(self, receipt_no: str, reason: str, approval: Approval | None) -> VoidResult:
        """Void a sale of this shift; its void slip's job commits with it."""
        with self.database.write() as session:
            result = void_sale(
                session, self.actor, receipt_no, reason, approval=approval, now=self.clock(),
                till=self.till_id,
            )  # fmt: skip
            self.printer.queue_void(session, result.receipt_no)
            return result

    def retur(
        self,
        receipt_no: str,
        requests: Requested,
        reason: str,
        refund_method: str,
        approval: Approval | None,
    ) -> ReturnResult:
        """Take back lines of a past sale and refund them; the retur's slip job commits with
        it."""
        with self.database.write() as session:
            result = return_items(
                session, self.actor, receipt_no, requests, reason, refund_method,
                approval=approval, now=self.clock(), till=self.till_id,
            )  # fmt: skip
            self.printer.queue_return(session, result.number)
            return result
