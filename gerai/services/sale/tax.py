"""PPN (VAT) on receipts of a PKP cooperative. Prices include PPN; on ordinary goods it is
12 % of 11/12 of the price before tax, i.e. 11 % effectively, so the PPN inside an amount
is amount × 11/111. Staples (rice, eggs, sugar, ...) are exempt. The rate is a shop setting."""

from __future__ import annotations

from decimal import Decimal

from gerai.core.money import round_rupiah
from gerai.core.words import TaxCategory
from receipts.model import TaxLine


def included_tax(amount: int, rate_bp: int) -> int:
    """The tax inside a tax-inclusive `amount` at `rate_bp` (1100 = 11 %), rounded half up."""
    return round_rupiah(Decimal(amount) * rate_bp / (10_000 + rate_bp))


def tax_lines(amounts: list[tuple[str, int]], rate_bp: int) -> tuple[TaxLine, ...]:
    """One line per tax category present, from (tax category, line total) pairs: the taxed
    category with its base and PPN, the exempt category with PPN 0."""
    taxed = sum(amount for category, amount in amounts if category == TaxCategory.PPN)
    exempt = sum(amount for category, amount in amounts if category != TaxCategory.PPN)
    lines = []
    if taxed:
        tax = included_tax(taxed, rate_bp)
        lines.append(TaxLine(f"{Decimal(rate_bp) / 100:g}%", taxed - tax, tax))
    if exempt:
        lines.append(TaxLine("0%", exempt, 0))
    return tuple(lines)
