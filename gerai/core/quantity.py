"""Quantities: exact decimals with at most three places, stored as integer thousandths."""

from decimal import Decimal, InvalidOperation

SCALE = 1000
PLACES = Decimal("0.001")
MAX_QUANTITY = Decimal(100_000)


def parse_quantity(text: str) -> Decimal:
    """Parse `3`, `1,5` or `1.5` into an exact Decimal; ValueError when it is not one.

    Accepts at most three decimal places; refuses exponents, signs other than a leading
    minus (the caller decides whether negatives are allowed), NaN and infinity.
    """
    cleaned = text.strip().replace(",", ".")
    if not cleaned or any(c not in "0123456789.-" for c in cleaned):
        raise ValueError(text)
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite() or abs(value) >= 10**15 or value != value.quantize(PLACES):
        raise ValueError(text)
    return normalize(value)


def normalize(value: Decimal) -> Decimal:
    """Drop trailing zeros so `1.500` and `1.5` compare and print alike (`2` stays `2`)."""
    value = value.quantize(PLACES)
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def to_milli(value: Decimal) -> int:
    """Exact conversion to thousandths; ValueError if the value has more than 3 places (or
    is not a number)."""
    try:
        numerator, denominator = value.as_integer_ratio()  # in lowest terms
    except OverflowError as exc:  # infinity
        raise ValueError(f"{value} is not a quantity") from exc
    if SCALE % denominator:
        raise ValueError(f"{value} has more than 3 decimal places")
    return numerator * (SCALE // denominator)


def from_milli(milli: int) -> Decimal:
    """Thousandths back to an exact Decimal (as `normalize` gives it)."""
    whole, part = divmod(milli, SCALE)
    if not part:
        return Decimal(whole)
    return normalize(Decimal(milli) / SCALE)


def is_whole(value: Decimal) -> bool:
    """True when the quantity has no fractional part."""
    return value == value.to_integral_value()


def format_quantity(value: Decimal, unit: str = "") -> str:
    """`Decimal('1.5'), 'kg'` -> `1,5 kg`; whole numbers print without decimals."""
    text = format(normalize(value), "f").replace(".", ",")
    return f"{text} {unit}".rstrip()
