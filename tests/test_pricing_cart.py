"""Which price a buyer pays, and the cart's rules: scan syntax, pieces vs weight, per-sale
limits, stock, HET, and member prices applied to the whole cart at once."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import NOW
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.db import Database
from gerai.paths import data_dir
from gerai.services.members.lookup import MemberInfo, find_member
from gerai.services.sale.cart import Cart, CartLine, parse_scan
from gerai.services.sale.pricing import check_het, member_unit_price, unit_price
from gerai.services.shop.profile import ShopProfile, load_shop
from gerai.services.stock.catalog import ProductInfo, find_by_code
from gerai.services.stock.ledger import Movement, move_stock
from tests.conftest import copy_database, raw


@pytest.fixture(scope="module")
def shared_catalogue(
    tmp_path_factory: pytest.TempPathFactory, catalogue_file: Path
) -> Iterator[Database]:
    """One demo catalogue for the tests that only read it (hypothesis needs a wide scope)."""
    path = tmp_path_factory.mktemp("pricing") / "gerai.db"
    copy_database(catalogue_file, path)
    database = Database(f"sqlite:///{path}")
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def products(shared_catalogue: Database) -> dict[str, ProductInfo]:
    with shared_catalogue.read() as session:
        codes = [
            "BRS-SPHP5", "BRS-MED-KG", "BRS-MED10", "SBN-LFB75", "AQA-600", "KRK-TKI",
            "RMA-KLP", "LPG-12KG", "LPG-3KG", "TLR-KG", "IDM-GRG", "CBR-KG",
            "BWM-KG", "MYK-1L", "GLA-KG",
        ]  # fmt: skip
        found = {code: find_by_code(session, code) for code in codes}
    assert all(found.values()), [c for c, p in found.items() if p is None]
    return {code: p for code, p in found.items() if p is not None}


@pytest.fixture(scope="module")
def demo_shop(shared_catalogue: Database) -> ShopProfile:
    with shared_catalogue.read() as session:
        return load_shop(session)


@pytest.fixture(scope="module")
def member(shared_catalogue: Database) -> MemberInfo:
    with shared_catalogue.read() as session:
        found = find_member(session, "KKMP-0001")
    assert found is not None and found.active
    return found


def new_cart(shop: ShopProfile) -> Cart:
    return Cart(global_discount_bp=shop.member_discount_bp)


def scan(session: Session, cart: Cart, raw: str) -> int:
    """What the kasir screen does with the scan field: parse, look up, add."""
    request = parse_scan(raw)
    product = find_by_code(session, request.code)
    if product is None:
        raise GeraiError("scan.unknown", code=request.code)
    return cart.add(product, request.qty)


def half_up(value: Fraction) -> int:
    floor = value.numerator // value.denominator
    return floor + (1 if value - floor >= Fraction(1, 2) else 0)


# --- pricing precedence --------------------------------------------------------------------


def test_demo_shop_global_member_discount_is_one_percent(demo_shop: ShopProfile) -> None:
    assert demo_shop.member_discount_bp == 100


@pytest.mark.parametrize(
    ("code", "regular", "member_price"),
    [
        ("BRS-SPHP5", 62500, 61500),  # product member price wins
        ("SBN-LFB75", 4000, 3880),  # category Sabun & Kebersihan: 3 %
        ("RMA-KLP", 11000, 10725),  # category Makanan Ringan: 2,5 %
        ("KRK-TKI", 3000, 2940),  # category Lain-lain: 2 %
        ("AQA-600", 4000, 3960),  # Minuman has none: the global 1 %
    ],
)
def test_member_price_precedence_on_the_demo_catalogue(
    products: dict[str, ProductInfo], demo_shop: ShopProfile, code: str, regular: int,
    member_price: int,
) -> None:  # fmt: skip
    product = products[code]
    assert unit_price(product, False, demo_shop.member_discount_bp) == regular
    assert unit_price(product, True, demo_shop.member_discount_bp) == member_price


def make_product(**changes: object) -> ProductInfo:
    base = ProductInfo(
        id=1, code="X-1", name="Barang Uji", category="Uji", category_discount_bp=None,
        unit="pcs", sold_by_weight=False, price=10_000, member_price=None, cost=0, het=None,
        max_per_sale=None, tax_category="exempt", stock=Decimal(1000),
        reorder_level=Decimal(0), active=True,
    )  # fmt: skip
    return base._replace(**changes)


@given(
    price=st.integers(min_value=0, max_value=50_000_000),
    member_price=st.one_of(st.none(), st.integers(min_value=0, max_value=60_000_000)),
    category_bp=st.one_of(st.none(), st.integers(min_value=0, max_value=10_000)),
    global_bp=st.integers(min_value=0, max_value=10_000),
)
@settings(max_examples=300, deadline=None)
def test_pricing_precedence_property(
    price: int, member_price: int | None, category_bp: int | None, global_bp: int
) -> None:
    product = make_product(price=price, member_price=member_price, category_discount_bp=category_bp)
    if member_price is not None:
        expected = min(member_price, price)
    else:
        bp = category_bp if category_bp is not None else global_bp
        expected = price - half_up(Fraction(price * bp, 10_000))
    assert member_unit_price(product, global_bp) == expected
    assert unit_price(product, True, global_bp) == expected
    assert unit_price(product, False, global_bp) == price
    assert 0 <= expected <= price


def test_category_discount_of_zero_beats_the_global_discount() -> None:
    product = make_product(category_discount_bp=0)
    assert member_unit_price(product, 500) == 10_000


# --- HET -----------------------------------------------------------------------------------


def test_check_het() -> None:
    check_het("Beras", None, 999_999, 999_999)  # no ceiling: anything goes
    check_het("Beras", 62_500, 62_500, 62_500)  # at the ceiling is allowed
    with pytest.raises(GeraiError) as raised:
        check_het("Beras", 62_500, 62_501, None)
    assert raised.value.key == "price.above_het"
    assert "Rp62.501" in str(raised.value) and "Rp62.500" in str(raised.value)
    with pytest.raises(GeraiError) as raised:
        check_het("Beras", 62_500, 60_000, 63_000)
    assert raised.value.key == "price.above_het"


def test_till_refuses_a_price_above_het(db: Database, shop: ShopProfile) -> None:
    """The government lowers the HET below the shelf price: the till must refuse to sell."""
    raw(db, "UPDATE product SET het = 60000 WHERE code = 'BRS-SPHP5'")
    with db.read() as session:
        cart = new_cart(shop)
        with pytest.raises(GeraiError) as raised:
            scan(session, cart, "BRS-SPHP5")
    assert raised.value.key == "price.above_het"
    assert cart.lines == []


def test_member_cart_refuses_a_price_above_het_too(member: MemberInfo) -> None:
    product = make_product(price=12_000, member_price=10_500, het=11_000)
    cart = Cart(global_discount_bp=0)
    cart.attach_member(member)
    with pytest.raises(GeraiError) as raised:
        cart.add(product)
    assert raised.value.key == "price.above_het"
    assert cart.lines == []


def test_attaching_a_member_rechecks_het_of_lines_already_in_the_cart(
    member: MemberInfo,
) -> None:
    """A line that came back from a held cart after the HET was lowered."""
    cart = Cart(global_discount_bp=0)
    cart.lines.append(CartLine(make_product(price=12_000, het=11_000), Decimal(1)))
    with pytest.raises(GeraiError) as raised:
        cart.attach_member(member)
    assert raised.value.key == "price.above_het"
    assert cart.member is None


# --- parse_scan ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "qty", "code", "explicit"),
    [
        ("8991201000178", Decimal(1), "8991201000178", False),
        ("  AQA-600 ", Decimal(1), "AQA-600", False),
        ("3*AQA-600", Decimal(3), "AQA-600", True),
        ("1,5*BRS-MED-KG", Decimal("1.5"), "BRS-MED-KG", True),
        ("1.5*BRS-MED-KG", Decimal("1.5"), "BRS-MED-KG", True),
        (" 2 * AQA-600", Decimal(2), "AQA-600", True),
        ("0,25*BRS-MED-KG", Decimal("0.25"), "BRS-MED-KG", True),
    ],
)
def test_parse_scan_accepts(raw: str, qty: Decimal, code: str, explicit: bool) -> None:
    request = parse_scan(raw)
    assert (request.qty, request.code, request.explicit_qty) == (qty, code, explicit)


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("0*AQA-600", "cart.qty_positive"),
        ("-1*AQA-600", "scan.negative"),
        ("0,000*AQA-600", "cart.qty_positive"),
        ("abc*AQA-600", "scan.bad_qty"),
        ("1e3*AQA-600", "scan.bad_qty"),
        ("1,2345*BRS-MED-KG", "scan.bad_qty"),
        ("NaN*AQA-600", "scan.bad_qty"),
        ("*AQA-600", "scan.bad_qty"),
        ("10000000000000000*AQA-600", "scan.bad_qty"),
        ("3*", "scan.no_code"),
        ("3*   ", "scan.no_code"),
        ("", "scan.empty"),
        ("   ", "scan.empty"),
    ],
)
def test_parse_scan_refuses(raw: str, key: str) -> None:
    with pytest.raises(GeraiError) as raised:
        parse_scan(raw)
    assert raised.value.key == key
    assert raised.value.message() != key  # a real sentence from the catalog


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("1,5*AQA-600", "cart.fraction_piece"),
        ("1.5*AQA-600", "cart.fraction_piece"),
        ("1000000000000*AQA-600", "cart.qty_too_large"),
        ("1000000000000*BRS-MED-KG", "cart.qty_too_large"),
        ("100001*AQA-600", "cart.qty_too_large"),
        ("-1*AQA-600", "scan.negative"),
        ("3*TIDAK-ADA", "scan.unknown"),
    ],
)
def test_bad_scans_leave_the_cart_untouched(
    shared_catalogue: Database, demo_shop: ShopProfile, raw: str, key: str
) -> None:
    cart = new_cart(demo_shop)
    with shared_catalogue.read() as session:
        scan(session, cart, "AQA-600")
        before = [(line.product.code, line.qty) for line in cart.lines]
        with pytest.raises(GeraiError) as raised:
            scan(session, cart, raw)
    assert raised.value.key == key
    assert [(line.product.code, line.qty) for line in cart.lines] == before


def test_scans_add_to_the_existing_line(shared_catalogue: Database, demo_shop: ShopProfile) -> None:
    cart = new_cart(demo_shop)
    with shared_catalogue.read() as session:
        assert scan(session, cart, "AQA-600") == 0
        assert scan(session, cart, "3*AQA-600") == 0
        assert scan(session, cart, "1,5*BRS-MED-KG") == 1
        assert scan(session, cart, "1.5*BRS-MED-KG") == 1
        assert scan(session, cart, "8991201000178") == 2  # a barcode of BRS-SPHP5
    assert [(line.product.code, line.qty) for line in cart.lines] == [
        ("AQA-600", Decimal(4)),
        ("BRS-MED-KG", Decimal(3)),
        ("BRS-SPHP5", Decimal(1)),
    ]
    totals = cart.totals()
    assert totals.total == 4 * 4000 + 3 * 13500 + 62500
    assert totals.member_discount == 0


def test_weighed_line_is_rounded_half_up(products: dict[str, ProductInfo]) -> None:
    cart = Cart()
    cart.add(products["BRS-MED-KG"], Decimal("0.333"))  # 0,333 × 13.500 = 4.495,5
    [view] = cart.view()
    assert view.amount == 4496
    assert cart.totals().total == 4496


# --- limits, stock, pieces -----------------------------------------------------------------


def test_per_sale_limit_of_beras_sphp(shared_catalogue: Database, demo_shop: ShopProfile) -> None:
    cart = new_cart(demo_shop)
    with shared_catalogue.read() as session:
        scan(session, cart, "BRS-SPHP5")
        scan(session, cart, "BRS-SPHP5")
        with pytest.raises(GeraiError) as raised:
            scan(session, cart, "BRS-SPHP5")
        assert raised.value.key == "cart.limit"
        assert "2 pak" in raised.value.message()
        assert cart.lines[0].qty == 2
        with pytest.raises(GeraiError):
            cart.step_quantity(0, +1)
        with pytest.raises(GeraiError):
            cart.set_quantity(0, Decimal(3))
        assert cart.lines[0].qty == 2
        fresh = new_cart(demo_shop)
        with pytest.raises(GeraiError) as raised:
            scan(session, fresh, "3*BRS-SPHP5")
        assert raised.value.key == "cart.limit"
        assert fresh.lines == []
        with pytest.raises(GeraiError) as raised:
            scan(session, fresh, "2*LPG-3KG")  # LPG 3 kg: one per buyer
        assert raised.value.key == "cart.limit"


def test_out_of_stock_is_refused(db: Database, shop: ShopProfile) -> None:
    with db.write() as session:
        aqua = find_by_code(session, "AQA-600")
        assert aqua is not None
        move_stock(session, [Movement(aqua.id, -aqua.stock, "opname", ref="OP-1")], at=NOW)
    cart = new_cart(shop)
    with db.read() as session:
        with pytest.raises(GeraiError) as raised:
            scan(session, cart, "AQA-600")
        assert raised.value.key == "cart.out_of_stock"
        assert "0 botol" in raised.value.message()
        scan(session, cart, "20*BRS-MED10")  # the whole stock of 20 is fine
        with pytest.raises(GeraiError) as raised:
            scan(session, cart, "BRS-MED10")
        assert raised.value.key == "cart.out_of_stock"
        assert "20 karung" in raised.value.message()
        scan(session, cart, "4,25*CBR-KG")  # weighed stock 4,25 kg
        with pytest.raises(GeraiError):
            scan(session, cart, "0,001*CBR-KG")
    assert [(line.product.code, line.qty) for line in cart.lines] == [
        ("BRS-MED10", Decimal(20)),
        ("CBR-KG", Decimal("4.25")),
    ]


def test_negative_stock_setting_allows_selling_past_zero(
    products: dict[str, ProductInfo],
) -> None:
    empty = products["IDM-GRG"]._replace(stock=Decimal(0))
    with pytest.raises(GeraiError):
        Cart().add(empty)
    cart = Cart(allow_negative_stock=True)
    cart.add(empty, Decimal(2))
    assert cart.lines[0].qty == 2


def test_inactive_product_cannot_be_scanned(shared_catalogue: Database) -> None:
    with shared_catalogue.read() as session:
        assert find_by_code(session, "TEH-KTK200") is None  # active = 0 in the catalogue
        assert find_by_code(session, "8996210000317") is None  # nor by its barcode
        assert find_by_code(session, "aqa-600") is not None  # codes are case-blind


def test_fraction_of_a_piece_item_is_refused(products: dict[str, ProductInfo]) -> None:
    cart = Cart()
    with pytest.raises(GeraiError) as raised:
        cart.add(products["AQA-600"], Decimal("1.5"))
    assert raised.value.key == "cart.fraction_piece"
    assert "botol" in raised.value.message()
    cart.add(products["AQA-600"])
    with pytest.raises(GeraiError):
        cart.set_quantity(0, Decimal("2.5"))
    cart.add(products["TLR-KG"], Decimal("1.25"))  # eggs by the kilo: fractions are fine
    assert [line.qty for line in cart.lines] == [Decimal(1), Decimal("1.25")]


def test_step_and_remove(products: dict[str, ProductInfo]) -> None:
    cart = Cart()
    cart.add(products["IDM-GRG"])
    cart.step_quantity(0, +1)
    cart.step_quantity(0, +1)
    cart.step_quantity(0, -1)
    assert cart.lines[0].qty == 2
    cart.step_quantity(0, -1)
    with pytest.raises(GeraiError) as raised:
        cart.step_quantity(0, -1)
    assert raised.value.key == "cart.qty_min"
    assert cart.lines[0].qty == 1
    with pytest.raises(GeraiError) as raised:
        cart.remove(5)
    assert raised.value.key == "cart.no_line"
    removed = cart.remove(0)
    assert removed.product.code == "IDM-GRG"
    assert cart.lines == []
    assert cart.totals().total == 0


def test_inactive_product_is_refused(products: dict[str, ProductInfo]) -> None:
    cart = Cart()
    with pytest.raises(GeraiError) as raised:
        cart.add(products["AQA-600"]._replace(active=False))
    assert raised.value.key == "cart.inactive"


# --- members -------------------------------------------------------------------------------


def test_attaching_a_member_reprices_the_whole_cart_at_once(
    shared_catalogue: Database, demo_shop: ShopProfile, member: MemberInfo
) -> None:
    cart = new_cart(demo_shop)
    with shared_catalogue.read() as session:
        for raw in ("2*BRS-SPHP5", "3*SBN-LFB75", "AQA-600", "0,5*BRS-MED-KG"):
            scan(session, cart, raw)
    regular = 2 * 62500 + 3 * 4000 + 4000 + 6750
    assert cart.totals().total == regular
    assert cart.totals().member_discount == 0

    cart.attach_member(member)
    member_total = 2 * 61500 + 3 * 3880 + 3960 + 6600
    totals = cart.totals()
    assert [v.unit_price for v in cart.view()] == [61500, 3880, 3960, 13200]
    assert totals.gross == regular
    assert totals.total == member_total
    assert totals.member_discount == regular - member_total
    assert sum(v.saving for v in cart.view()) == regular - member_total

    cart.detach_member()
    assert cart.member is None
    assert cart.totals().total == regular
    assert cart.totals().member_discount == 0
    assert [v.unit_price for v in cart.view()] == [62500, 4000, 4000, 13500]


def test_inactive_member_cannot_be_attached(
    shared_catalogue: Database, demo_shop: ShopProfile
) -> None:
    with shared_catalogue.read() as session:
        inactive = find_member(session, "kkmp-0010")
    assert inactive is not None and not inactive.active
    cart = new_cart(demo_shop)
    with pytest.raises(GeraiError) as raised:
        cart.attach_member(inactive)
    assert raised.value.key == "member.inactive"
    assert cart.member is None


def test_member_found_by_phone(shared_catalogue: Database) -> None:
    with shared_catalogue.read() as session:
        by_phone = find_member(session, "081249643411")
    assert by_phone is not None and by_phone.number == "KKMP-0001"


# --- cart arithmetic property --------------------------------------------------------------

CART_CODES = [
    "BRS-SPHP5", "BRS-MED-KG", "SBN-LFB75", "AQA-600", "RMA-KLP", "KRK-TKI", "TLR-KG",
    "IDM-GRG", "CBR-KG", "BWM-KG", "MYK-1L", "GLA-KG", "LPG-12KG",
]  # fmt: skip
OPS = st.lists(
    st.one_of(
        st.tuples(
            st.just("add"),
            st.sampled_from(CART_CODES),
            st.decimals(min_value=Decimal("0.001"), max_value=Decimal(60), places=3),
        ),
        st.tuples(st.just("step"), st.integers(0, 12), st.sampled_from([1, -1])),
        st.tuples(st.just("remove"), st.integers(0, 12), st.none()),
        st.tuples(st.just("member"), st.none(), st.none()),
    ),
    max_size=25,
)


@given(ops=OPS)
@settings(max_examples=120, deadline=None)
def test_cart_totals_are_the_sum_of_rounded_lines(
    ops: list[tuple[str, object, object]],
    products: dict[str, ProductInfo],
    demo_shop: ShopProfile,
    member: MemberInfo,
) -> None:
    cart = new_cart(demo_shop)
    for op, a, b in ops:
        try:
            if op == "add":
                assert isinstance(a, str) and isinstance(b, Decimal)
                product = products[a]
                qty = b if product.sold_by_weight else b.to_integral_value(ROUND_HALF_UP)
                cart.add(product, qty)
            elif op == "step":
                assert isinstance(a, int) and isinstance(b, int)
                cart.step_quantity(a, b)
            elif op == "remove":
                assert isinstance(a, int)
                cart.remove(a)
            elif cart.member is None:
                cart.attach_member(member)
            else:
                cart.detach_member()
        except GeraiError:
            pass
        # every rule holds after every operation, refused or not
        codes = [line.product.code for line in cart.lines]
        assert len(codes) == len(set(codes))
        for line in cart.lines:
            assert line.qty > 0
            assert line.qty <= line.product.stock
            assert line.product.sold_by_weight or line.qty == line.qty.to_integral_value()
            if line.product.max_per_sale is not None:
                assert line.qty <= line.product.max_per_sale
        views = cart.view()
        totals = cart.totals()
        is_member = cart.member is not None
        expected_total = 0
        expected_gross = 0
        for line in cart.lines:
            price = unit_price(line.product, is_member, demo_shop.member_discount_bp)
            expected_total += half_up(Fraction(line.qty) * price)
            expected_gross += half_up(Fraction(line.qty) * line.product.price)
        assert totals.total == expected_total == sum(v.amount for v in views)
        assert totals.gross == expected_gross == sum(v.gross for v in views)
        assert totals.gross - totals.member_discount == totals.total
        assert totals.member_discount >= 0
        assert totals.lines == len(cart.lines)
        if not is_member:
            assert totals.member_discount == 0


def test_data_dir_is_the_shipped_catalogue() -> None:
    assert (Path(data_dir()) / "products.csv").is_file()
