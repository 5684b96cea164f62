"""The cart at the counter: lines of products and quantities, an optional member, and the
totals. Every change is checked here (quantity, pieces vs weight, per-sale limit, stock,
HET), so a caller cannot build a cart the shop's rules forbid.

Manual changes (issue 14), each with who allowed it (`Approved`): a line's price override
(the unit price replaces the member or regular price; never above the HET), a line discount
(percent or Rupiah off the line's amount) and a discount on the whole sale (percent or Rupiah
off the sum of the lines), spread over the lines in proportion to their amounts (largest
remainder, exact to the Rupiah) so a retur refunds what was really paid. A change that sells a
line, or the sale, below its cost (HPP) is refused (`discount.below_cost`) unless confirmed."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple
from uuid import uuid4

from gerai.core.errors import GeraiError
from gerai.core.money import MAX_RUPIAH, format_rupiah, percent_of
from gerai.core.quantity import MAX_QUANTITY, format_quantity, is_whole, parse_quantity
from gerai.services.members.lookup import MemberInfo
from gerai.services.sale.buyers import Buyer
from gerai.services.sale.pricing import check_het, line_amount, unit_price
from gerai.services.stock.catalog import ProductInfo


@dataclass(frozen=True)
class ScanRequest:
    """What the kasir typed in the scan field: a quantity and a code or search text."""

    qty: Decimal
    code: str
    explicit_qty: bool


def parse_scan(raw: str) -> ScanRequest:
    """`CODE`, `3*CODE`, `1,5*CODE` or `1.5*CODE`; GeraiError for a bad, zero or negative
    quantity."""
    entry = raw.strip()
    if "*" not in entry:
        if not entry:
            raise GeraiError("scan.empty")
        return ScanRequest(Decimal(1), entry, False)
    qty_text, _, code = entry.partition("*")
    code = code.strip()
    if not code:
        raise GeraiError("scan.no_code", text=entry)
    try:
        qty = parse_quantity(qty_text)
    except ValueError as exc:
        raise GeraiError("scan.bad_qty", qty=qty_text.strip()) from exc
    if qty < 0:  # `-1*CODE`: nothing is sold back at the counter
        raise GeraiError("scan.negative", entry=entry)
    if qty == 0:
        raise GeraiError("cart.qty_positive", qty=qty_text.strip())
    return ScanRequest(qty, code, True)


@dataclass(frozen=True)
class Approved:
    """Who allowed a manual price or discount: the acting user (`seq` None) when their role
    may, else a supervisor whose PIN was checked, recorded as the audit record `seq`."""

    by: str
    seq: int | None = None


@dataclass(frozen=True)
class Discount:
    """A manual discount: `bp` basis points (1000 = 10 %) or `amount` Rupiah; who allowed it;
    whether selling below cost was confirmed."""

    approved: Approved
    bp: int = 0
    amount: int = 0
    below_cost_ok: bool = False

    def of(self, base: int) -> int:
        """What it takes off `base` (never more than `base`)."""
        return min(base, percent_of(base, self.bp) if self.bp else self.amount)


@dataclass(frozen=True)
class Override:
    """A line's unit price set by hand at the till, who allowed it, below cost confirmed."""

    price: int
    approved: Approved
    below_cost_ok: bool = False


@dataclass
class CartLine:
    """One product in the cart and how much of it; its manual price and discount, if any."""

    product: ProductInfo
    qty: Decimal
    override: Override | None = None
    discount: Discount | None = None


class LineView(NamedTuple):
    """A priced cart line, as the screen and the receipt show it (a named tuple: cheap to
    make, every line at every key press and sale)."""

    product: ProductInfo
    qty: Decimal
    regular_price: int
    unit_price: int
    gross: int
    amount: int
    base_price: int = 0  # the member or regular price, before a price override
    line_discount: int = 0  # the manual discount taken off this line
    share: int = 0  # this line's share of the sale's discount
    overridden: bool = False
    approved_by: str = ""  # who allowed the line's override or discount ("" none)
    manual: int = 0  # what the line's override and discount took off (negative: priced up)

    @property
    def saving(self) -> int:
        """What the buyer saves on this line (member price and manual changes)."""
        return self.gross - self.amount

    @property
    def paid(self) -> int:
        """What is really paid for this line: its amount less its share of the sale discount."""
        return self.amount - self.share


@dataclass(frozen=True)
class CartTotals:
    """Gross at regular prices, the member discount, the manual changes, what is to be paid
    (before any cash rounding): gross − member_discount − manual_lines = subtotal;
    subtotal − sale_discount = total."""

    gross: int
    member_discount: int
    total: int
    lines: int
    manual_lines: int = 0  # what overrides and line discounts took off (Σ LineView.manual)
    sale_discount: int = 0
    subtotal: int = 0  # the sum of the lines' amounts

    @property
    def manual_discount(self) -> int:
        """Every manual discount of the sale: the lines' and the sale's."""
        return self.manual_lines + self.sale_discount


@dataclass
class Cart:
    """A sale being built. `global_discount_bp` and `allow_negative_stock` come from the shop."""

    global_discount_bp: int = 0
    allow_negative_stock: bool = False
    lines: list[CartLine] = field(default_factory=list)
    member: MemberInfo | None = None
    buyer: Buyer | None = None  # the buyer of regulated products (NIK), for this sale only
    sale_discount: Discount | None = None
    # this sale's client-made token: paying again after a lost COMMIT finds the stored sale
    token: str = field(default_factory=lambda: str(uuid4()))

    def check_quantity(self, product: ProductInfo, qty: Decimal) -> None:
        """Refuse a quantity the shop's rules do not allow for this product in one sale."""
        if qty <= 0:
            raise GeraiError("cart.qty_positive", qty=format_quantity(qty, product.unit))
        if qty > MAX_QUANTITY:
            raise GeraiError(
                "cart.qty_too_large",
                qty=format_quantity(qty, product.unit),
                max=format_quantity(MAX_QUANTITY),
            )
        if not product.sold_by_weight and not is_whole(qty):
            raise GeraiError("cart.fraction_piece", name=product.name, unit=product.unit)
        if product.max_per_sale is not None and qty > product.max_per_sale:
            raise GeraiError(
                "cart.limit",
                name=product.name,
                limit=format_quantity(product.max_per_sale, product.unit),
            )
        if not self.allow_negative_stock and qty > product.stock:
            raise GeraiError(
                "cart.out_of_stock",
                name=product.name,
                stock=format_quantity(max(product.stock, Decimal(0)), product.unit),
            )
        check_het(product.name, product.het, product.price, None)
        if self.member is not None:
            check_het(product.name, product.het, self.price_of(product), None)

    def check_manual(self, views: list[LineView] | None = None) -> None:
        """Refuse a manual price above the HET, a discount larger than what it is taken off,
        and a line or a sale sold below cost without its confirmation (checked again at
        commit, with the products as stored then; `views`: this cart's `view()` when the
        caller has it already)."""
        if self.sale_discount is None and not any(x.override or x.discount for x in self.lines):
            return
        if views is None:
            views = self.view()
        for line, view in zip(self.lines, views, strict=True):
            product = line.product
            if line.override is not None:
                check_het(product.name, product.het, line.override.price, None)
            confirmed = (line.override is None or line.override.below_cost_ok) and (
                line.discount is None or line.discount.below_cost_ok
            )
            if (line.override or line.discount) and not confirmed:
                cost = line_amount(line.qty, product.cost)
                if view.amount < cost:
                    raise GeraiError(
                        "discount.below_cost", name=product.name,
                        amount=format_rupiah(view.amount), cost=format_rupiah(cost),
                    )  # fmt: skip
        if self.sale_discount is not None and not self.sale_discount.below_cost_ok:
            total = sum(v.paid for v in views)
            cost = sum(line_amount(v.qty, v.product.cost) for v in views)
            if total < cost:
                raise GeraiError(
                    "discount.below_cost_sale",
                    amount=format_rupiah(total), cost=format_rupiah(cost),
                )  # fmt: skip

    def set_override(self, index: int, override: Override | None) -> None:
        """Set (or with None take away) line `index`'s manual unit price; checked at once."""
        line = self._line(index)
        if override is not None and not 0 < override.price <= MAX_RUPIAH:
            raise GeraiError("discount.bad_price", price=format_rupiah(override.price))
        self._try(line, "override", override)

    def set_line_discount(self, index: int, discount: Discount | None) -> None:
        """Set (or with None take away) line `index`'s manual discount; checked at once."""
        line = self._line(index)
        if discount is not None:
            base = line_amount(line.qty, self.price_of(line))
            _check_discount(discount, base)
        self._try(line, "discount", discount)

    def set_sale_discount(self, discount: Discount | None) -> None:
        """Set (or with None take away) the discount on the whole sale; checked at once."""
        if discount is not None:
            _check_discount(discount, sum(v.amount for v in self.view()))
        self._try(self, "sale_discount", discount)

    def _try(self, owner: object, name: str, value: object) -> None:
        """Set `owner.name` to `value` and check the cart; the old value back if refused."""
        previous = getattr(owner, name)
        setattr(owner, name, value)
        try:
            self.check_manual()
        except GeraiError:
            setattr(owner, name, previous)
            raise

    def price_of(self, item: ProductInfo | CartLine) -> int:
        """The unit price this cart's buyer pays for a product, or for a line (its manual
        price when it has one)."""
        if isinstance(item, CartLine):
            if item.override is not None:
                return item.override.price
            item = item.product
        return unit_price(item, self.member is not None, self.global_discount_bp)

    def index_of(self, product_id: int) -> int | None:
        """The line holding this product, if any."""
        for index, line in enumerate(self.lines):
            if line.product.id == product_id:
                return index
        return None

    def add(self, product: ProductInfo, qty: Decimal = Decimal(1)) -> int:
        """Add `qty` of `product` (to its existing line if it has one); returns the line index."""
        if not product.active:
            raise GeraiError("cart.inactive", name=product.name)
        index = self.index_of(product.id)
        current = self.lines[index].qty if index is not None else Decimal(0)
        if qty <= 0:
            raise GeraiError("cart.qty_positive", qty=format_quantity(qty, product.unit))
        self.check_quantity(product, current + qty)
        if index is None:
            self.lines.append(CartLine(product, qty))
            return len(self.lines) - 1
        self.lines[index].qty = current + qty
        return index

    def set_quantity(self, index: int, qty: Decimal) -> None:
        """Set the quantity of line `index`."""
        line = self._line(index)
        self.check_quantity(line.product, qty)
        line.qty = qty

    def step_quantity(self, index: int, step: int) -> None:
        """`+`/`-` on a line: one more or one less; a line never steps below one unit."""
        line = self._line(index)
        new_qty = line.qty + step
        if new_qty <= 0:
            raise GeraiError("cart.qty_min", name=line.product.name)
        self.set_quantity(index, new_qty)

    def remove(self, index: int) -> CartLine:
        """Remove line `index`."""
        line = self._line(index)
        del self.lines[index]
        return line

    def attach_member(self, member: MemberInfo) -> None:
        """Make this a member sale: member prices apply to every line at once."""
        if not member.active:
            raise GeraiError("member.inactive", number=member.number, name=member.name)
        previous = self.member
        self.member = member
        try:
            for line in self.lines:
                check_het(line.product.name, line.product.het, self.price_of(line.product), None)
        except GeraiError:
            self.member = previous
            raise

    def detach_member(self) -> None:
        """Back to a non-member sale at regular prices."""
        self.member = None

    def clear(self) -> None:
        """Empty the cart for the next buyer."""
        self.lines.clear()
        self.member = None
        self.buyer = None
        self.sale_discount = None
        self.token = str(uuid4())

    def view(self) -> list[LineView]:
        """Every line priced for this buyer, with its manual changes and its share of the
        sale's discount."""
        views = []
        for line in self.lines:
            product, qty = line.product, line.qty
            base = self.price_of(product)
            price = base if line.override is None else line.override.price  # as price_of(line)
            before = line_amount(qty, price)
            off = line.discount.of(before) if line.discount else 0
            approvers = [a.approved.by for a in (line.override, line.discount) if a is not None]
            # the amounts at the base and the regular price: no second product when equal
            at_base = before if base == price else line_amount(qty, base)
            views.append(
                LineView(
                    product=product,
                    qty=qty,
                    regular_price=product.price,
                    unit_price=price,
                    gross=before if product.price == price else line_amount(qty, product.price),
                    amount=before - off,
                    base_price=base,
                    line_discount=off,
                    overridden=line.override is not None,
                    approved_by=",".join(dict.fromkeys(approvers)),
                    manual=at_base - (before - off),
                )
            )
        if self.sale_discount is not None:
            discount = self.sale_discount.of(sum(v.amount for v in views))
            shares = spread(discount, [v.amount for v in views])
            views = [v._replace(share=share) for v, share in zip(views, shares, strict=True)]
        return views

    def totals(self, views: list[LineView] | None = None) -> CartTotals:
        """Totals as the sum of the rounded lines, less the sale's discount (`views`: this
        cart's `view()` when the caller has it already)."""
        if views is None:
            views = self.view()
        gross = sum(v.gross for v in views)
        subtotal = sum(v.amount for v in views)
        manual = sum(v.manual for v in views)
        sale_discount = sum(v.share for v in views)
        return CartTotals(
            gross=gross,
            member_discount=gross - subtotal - manual,
            total=subtotal - sale_discount,
            lines=len(views),
            manual_lines=manual,
            sale_discount=sale_discount,
            subtotal=subtotal,
        )

    def _line(self, index: int) -> CartLine:
        if not 0 <= index < len(self.lines):
            raise GeraiError("cart.no_line")
        return self.lines[index]


def _check_discount(discount: Discount, base: int) -> None:
    """A percent from 0,01 to 100 %, or an amount from Rp1 to what it is taken off."""
    if discount.bp:
        if not 0 < discount.bp <= 10_000 or discount.amount:
            raise GeraiError("discount.bad_percent")
    elif not 0 < discount.amount <= base:
        raise GeraiError(
            "discount.too_large", amount=format_rupiah(discount.amount), base=format_rupiah(base)
        )


def spread(amount: int, weights: list[int]) -> list[int]:
    """`amount` shared over `weights` in proportion (largest remainder; ties to the first),
    never more than a weight: the shares add up to `amount` exactly (amount ≤ Σ weights)."""
    whole = sum(weights)
    if not amount or not whole:
        return [0] * len(weights)
    shares = [amount * w // whole for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-(amount * weights[i] % whole), i))
    for i in order[: amount - sum(shares)]:
        shares[i] += 1
    return shares
