"""The cart at the counter: lines of products and quantities, an optional member, and the
totals. Every change is checked here (quantity, pieces vs weight, per-sale limit, stock,
HET), so a caller cannot build a cart the shop's rules forbid."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from uuid import uuid4

from gerai.core.errors import GeraiError
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
    """`CODE`, `3*CODE`, `1,5*CODE` or `1.5*CODE`; GeraiError for a bad quantity."""
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
    if qty <= 0:
        raise GeraiError("cart.qty_positive", qty=qty_text.strip())
    return ScanRequest(qty, code, True)


@dataclass
class CartLine:
    """One product in the cart and how much of it."""

    product: ProductInfo
    qty: Decimal


@dataclass(frozen=True)
class LineView:
    """A priced cart line, as the screen and the receipt show it."""

    product: ProductInfo
    qty: Decimal
    regular_price: int
    unit_price: int
    gross: int
    amount: int

    @property
    def saving(self) -> int:
        """What the member saves on this line."""
        return self.gross - self.amount


@dataclass(frozen=True)
class CartTotals:
    """Gross at regular prices, the member discount, and what is to be paid."""

    gross: int
    member_discount: int
    total: int
    lines: int


@dataclass
class Cart:
    """A sale being built. `global_discount_bp` and `allow_negative_stock` come from the shop."""

    global_discount_bp: int = 0
    allow_negative_stock: bool = False
    lines: list[CartLine] = field(default_factory=list)
    member: MemberInfo | None = None
    buyer: Buyer | None = None  # the buyer of regulated products (NIK), for this sale only
    # this sale's client-made token: paying again after a lost COMMIT finds the stored sale
    token: str = field(default_factory=lambda: str(uuid4()))

    def check_quantity(self, product: ProductInfo, qty: Decimal) -> None:
        """Refuse a quantity the shop's rules do not allow for this product in one sale."""
        shown = format_quantity(qty, product.unit)
        if qty <= 0:
            raise GeraiError("cart.qty_positive", qty=shown)
        if qty > MAX_QUANTITY:
            raise GeraiError("cart.qty_too_large", qty=shown, max=format_quantity(MAX_QUANTITY))
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

    def price_of(self, product: ProductInfo) -> int:
        """The unit price this cart's buyer pays for `product`."""
        return unit_price(product, self.member is not None, self.global_discount_bp)

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
        self.token = str(uuid4())

    def view(self) -> list[LineView]:
        """Every line priced for this buyer."""
        views = []
        for line in self.lines:
            price = self.price_of(line.product)
            views.append(
                LineView(
                    product=line.product,
                    qty=line.qty,
                    regular_price=line.product.price,
                    unit_price=price,
                    gross=line_amount(line.qty, line.product.price),
                    amount=line_amount(line.qty, price),
                )
            )
        return views

    def totals(self) -> CartTotals:
        """Totals as the sum of the rounded lines."""
        views = self.view()
        gross = sum(v.gross for v in views)
        total = sum(v.amount for v in views)
        return CartTotals(gross=gross, member_discount=gross - total, total=total, lines=len(views))

    def _line(self, index: int) -> CartLine:
        if not 0 <= index < len(self.lines):
            raise GeraiError("cart.no_line")
        return self.lines[index]
