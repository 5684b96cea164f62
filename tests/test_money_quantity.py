"""Money (integer Rupiah, `Rp12.500`, half-up rounding) and quantities (exact decimals of at
most three places, `1,5 kg`)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gerai.core.money import (
    MAX_RUPIAH,
    format_number,
    format_rupiah,
    parse_basis_points,
    parse_rupiah,
    percent_of,
    quick_tenders,
    round_rupiah,
)
from gerai.core.quantity import (
    format_quantity,
    from_milli,
    is_whole,
    normalize,
    parse_quantity,
    to_milli,
)
from gerai.services.sale.pricing import line_amount

# --- money ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (0, "Rp0"),
        (500, "Rp500"),
        (1000, "Rp1.000"),
        (12500, "Rp12.500"),
        (1234567, "Rp1.234.567"),
        (1_000_000_000_000, "Rp1.000.000.000.000"),
        (-500, "-Rp500"),
        (-12500, "-Rp12.500"),
    ],
)
def test_format_rupiah(amount: int, shown: str) -> None:
    assert format_rupiah(amount) == shown


def test_format_number_has_dot_thousands_and_no_currency() -> None:
    assert format_number(12500) == "12.500"
    assert format_number(999) == "999"
    assert format_number(-1000) == "-1.000"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12500", 12500),
        ("12.500", 12500),
        ("Rp12.500", 12500),
        ("Rp 12.500", 12500),
        ("rp12500", 12500),
        ("Rp. 12.500", 12500),
        ("Rp12.500,00", 12500),
        ("12.500,0", 12500),
        (" 50.000 ", 50000),
        ("1.000.000", 1_000_000),
        ("0", 0),
        ("2.000.000.000", MAX_RUPIAH),
    ],
)
def test_parse_rupiah_accepts(text: str, value: int) -> None:
    assert parse_rupiah(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Rp",
        "abc",
        "-500",
        "12,5",
        "12.500,50",
        "12,500",
        "1.2",
        "12.50",
        "12..500",
        ".500",
        "1234.567",  # thousands groups are 1-3 digits, then 3
        "12500.000",
        "12.500.",
        "1e5",
        "12 500x",
        "１２５００",  # full-width digits
        "1.000.000.000.001",
        str(MAX_RUPIAH + 1),
        "NaN",
        "Infinity",
    ],
)
def test_parse_rupiah_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_rupiah(text)


@given(st.integers(min_value=0, max_value=MAX_RUPIAH))
@settings(max_examples=200, deadline=None)
def test_parse_rupiah_reads_back_what_format_rupiah_prints(amount: int) -> None:
    assert parse_rupiah(format_rupiah(amount)) == amount
    assert parse_rupiah(format_number(amount)) == amount
    assert parse_rupiah(str(amount)) == amount


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        ("0.5", 1),
        ("1.5", 2),
        ("2.5", 3),  # half up, not to even
        ("2.4999", 2),
        ("2.5001", 3),
        ("0.49", 0),
        ("12499.5", 12500),
        ("-0.5", -1),
    ],
)
def test_round_rupiah_is_half_up(value: str, rounded: int) -> None:
    assert round_rupiah(Decimal(value)) == rounded


def test_percent_of_rounds_half_up() -> None:
    assert percent_of(10_000, 250) == 250  # 2,5 %
    assert percent_of(150, 100) == 2  # 1,5 -> 2
    assert percent_of(250, 100) == 3  # 2,5 -> 3 (not 2)
    assert percent_of(12_345, 0) == 0


@pytest.mark.parametrize(("text", "bp"), [("2", 200), ("2,5", 250), ("2.5", 250), ("0", 0)])
def test_parse_basis_points(text: str, bp: int) -> None:
    assert parse_basis_points(text) == bp


@pytest.mark.parametrize("text", ["-1", "101", "abc", "2.505", "NaN", ""])
def test_parse_basis_points_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_basis_points(text)


# --- quantities ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3", Decimal(3)),
        ("1,5", Decimal("1.5")),
        ("1.5", Decimal("1.5")),
        (" 0,25 ", Decimal("0.25")),
        ("1.500", Decimal("1.5")),
        ("0.001", Decimal("0.001")),
        ("2.000", Decimal(2)),
        ("-1", Decimal(-1)),  # sign is the caller's business
    ],
)
def test_parse_quantity_accepts(text: str, value: Decimal) -> None:
    parsed = parse_quantity(text)
    assert parsed == value
    assert isinstance(parsed, Decimal)


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "",
        " ",
        "1e12",
        "1E3",
        "1.2345",
        "0,0001",
        "NaN",
        "nan",
        "Infinity",
        "inf",
        "1,5,5",
        "1.2.3",
        "+1",
        "1-2",
        "--1",
        ".",
        "1 000",
        "1000000000000000",
        "½",
        "١",  # Arabic-Indic digit one
    ],
)
def test_parse_quantity_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_quantity(text)


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (Decimal("1.5"), "kg", "1,5 kg"),
        (Decimal("1.500"), "kg", "1,5 kg"),
        (Decimal("2"), "pcs", "2 pcs"),
        (Decimal("2.000"), "pcs", "2 pcs"),
        (Decimal("100"), "pak", "100 pak"),
        (Decimal("0.25"), "kg", "0,25 kg"),
        (Decimal("1000.125"), "liter", "1000,125 liter"),
        (Decimal("3"), "", "3"),
    ],
)
def test_format_quantity(value: Decimal, unit: str, shown: str) -> None:
    assert format_quantity(value, unit) == shown


def test_format_quantity_never_uses_exponent() -> None:
    for value in (Decimal("1E+2"), Decimal("1.0E+3"), Decimal("0.0010")):
        shown = format_quantity(value)
        assert "E" not in shown.upper()
    assert format_quantity(Decimal("1E+2")) == "100"


def test_to_milli_refuses_more_than_three_places() -> None:
    assert to_milli(Decimal("1.5")) == 1500
    with pytest.raises(ValueError):
        to_milli(Decimal("1.2345"))


def test_is_whole() -> None:
    assert is_whole(Decimal("2.000"))
    assert not is_whole(Decimal("2.5"))


quantities = st.decimals(
    min_value=Decimal("-1000000000"),
    max_value=Decimal("1000000000"),
    places=3,
    allow_nan=False,
    allow_infinity=False,
)


@given(st.integers(min_value=-(10**15), max_value=10**15))
@settings(max_examples=300, deadline=None)
def test_milli_round_trip_from_integers(milli: int) -> None:
    value = from_milli(milli)
    assert to_milli(value) == milli
    assert Fraction(value) == Fraction(milli, 1000)


@given(quantities)
@settings(max_examples=300, deadline=None)
def test_milli_round_trip_from_decimals(value: Decimal) -> None:
    assert from_milli(to_milli(value)) == value
    assert normalize(value) == value


@given(quantities.filter(lambda q: q >= 0))
@settings(max_examples=200, deadline=None)
def test_format_then_parse_gives_the_same_quantity(value: Decimal) -> None:
    assert parse_quantity(format_quantity(value)) == value
    assert parse_quantity(format(value, "f")) == value


@given(
    st.decimals(min_value=Decimal("0.001"), max_value=Decimal(100_000), places=3),
    st.integers(min_value=0, max_value=10_000_000),
)
@settings(max_examples=300, deadline=None)
def test_line_amount_is_exact_product_rounded_half_up(qty: Decimal, price: int) -> None:
    exact = Fraction(qty) * price
    floor = exact.numerator // exact.denominator
    expected = floor + (1 if exact - floor >= Fraction(1, 2) else 0)
    assert line_amount(qty, price) == expected
    assert line_amount(qty, price) == int(
        (qty * price).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    )


def test_quick_tenders_are_the_next_notes_up() -> None:
    assert quick_tenders(32_500) == [35_000, 40_000, 50_000, 100_000]
    assert quick_tenders(50_000) == [60_000, 100_000]  # uang pas is Enter, not a quick key
    assert quick_tenders(3_960) == [5_000, 10_000, 20_000, 50_000]
    assert quick_tenders(0) == []


@given(st.integers(min_value=1, max_value=10**9))
def test_quick_tenders_cover_the_total_in_round_notes(due: int) -> None:
    amounts = quick_tenders(due)
    assert len(amounts) <= 4
    assert amounts or due % 100_000 == 0  # only a round 100.000s total has no note above to offer
    assert amounts == sorted(set(amounts))
    assert all(amount > due and amount % 5_000 == 0 for amount in amounts)
    if due % 5_000:  # the first is the nearest: change of less than one Rp5.000 note
        assert amounts[0] == (due // 5_000 + 1) * 5_000
