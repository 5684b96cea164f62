"""Rupiah amounts: always `int`, formatted `Rp12.500`, rounded half up from exact decimals."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MAX_RUPIAH = 2_000_000_000  # Rp2 miliar: the largest single amount, within PostgreSQL's INTEGER


def round_rupiah(value: Decimal) -> int:
    """Round an exact decimal amount half up to a whole Rupiah."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def percent_of(amount: int, basis_points: int) -> int:
    """`basis_points`/100 percent of `amount`, rounded half up (250 bp = 2,5 %)."""
    return round_rupiah(Decimal(amount) * basis_points / 10_000)


CASH_ROUNDINGS = (0, 100, 500)  # the shop's cash rounding (pembulatan) choices: none, Rp100, Rp500


def round_cash(amount: int, unit: int) -> int:
    """`amount` rounded to the nearest multiple of `unit` (0: unchanged); exactly half way
    rounds down, in the buyer's favour (Rp3.950 → Rp3.900 at Rp100, Rp3.960 → Rp4.000)."""
    if unit <= 0:
        return amount
    down = amount - amount % unit
    return down + unit if (amount - down) * 2 > unit else down


def format_rupiah(amount: int) -> str:
    """`12500` -> `Rp12.500`; negative amounts keep their sign: `-Rp500`."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(amount):,}".replace(",", ".")


def format_number(amount: int) -> str:
    """`12500` -> `12.500` (dot thousands, no currency)."""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount):,}".replace(",", ".")


def parse_rupiah(text: str) -> int:
    """Parse what a person types for an amount: `12500`, `12.500`, `Rp 12.500`, `Rp12.500,00`.

    Raises ValueError for anything that is not a whole, non-negative Rupiah amount.
    """
    cleaned = text.strip().replace(" ", "")
    if cleaned.lower().startswith("rp"):
        cleaned = cleaned[2:].removeprefix(".")  # `Rp. 12.500` is written as often as `Rp12.500`
    if cleaned.endswith(",00") or cleaned.endswith(",0"):
        cleaned = cleaned.rsplit(",", 1)[0]
    digits = cleaned.replace(".", "")
    if not digits.isdigit() or not digits.isascii():
        raise ValueError(text)
    groups = cleaned.split(".")
    if len(groups) > 1 and (
        not 1 <= len(groups[0]) <= 3 or not all(len(g) == 3 for g in groups[1:])
    ):
        raise ValueError(text)
    value = int(digits)
    if value > MAX_RUPIAH:
        raise ValueError(text)
    return value


def parse_basis_points(text: str) -> int:
    """Parse a percentage (`2`, `2,5`, `2.5`) into basis points (`250`); 0 to 100 %."""
    try:
        value = Decimal(text.strip().replace(",", ".").rstrip("%"))
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite() or value < 0 or value > 100:
        raise ValueError(text)
    bp = value * 100
    if bp != bp.to_integral_value():
        raise ValueError(text)
    return int(bp)


NOTES = (5_000, 10_000, 20_000, 50_000, 100_000)  # the notes a buyer hands over for a total


def quick_tenders(due: int, count: int = 4) -> list[int]:
    """The one-key tenders after uang pas: the next round amounts a buyer hands over, each the
    total rounded up to a note (for 32.500: 35.000, 40.000, 50.000, 100.000), above `due`,
    distinct and rising, at most `count` of them."""
    if due <= 0:
        return []
    amounts = sorted({-(-due // note) * note for note in NOTES} - {due})
    return [amount for amount in amounts if amount > due][:count]
