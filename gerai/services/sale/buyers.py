"""The buyer of a regulated product (issue 16): the KTP's NIK (16 digits), the optional KK
number of the household, and the buyer's category. Kept with the sale line as the law asks;
shown whole only to a bendahara or admin, masked (`7371********0001`) to a kasir."""

from __future__ import annotations

from dataclasses import dataclass

from gerai.core.errors import GeraiError
from gerai.core.words import BuyerCategory, Role

NIK_DIGITS = 16
SEES_WHOLE = frozenset({Role.BENDAHARA, Role.ADMIN})


@dataclass(frozen=True)
class Buyer:
    """Who buys a regulated product: NIK, category and (optional) KK number."""

    nik: str
    category: str
    kk: str | None = None


def parse_number(text: str, *, key: str = "buyer.nik_shape") -> str:
    """A NIK or KK number as typed or scanned: spaces, dots and dashes dropped, then exactly 16
    digits; GeraiError `key` otherwise."""
    cleaned = "".join(ch for ch in text.strip() if ch not in " .-")
    if len(cleaned) != NIK_DIGITS or not cleaned.isascii() or not cleaned.isdigit():
        raise GeraiError(key, nik=text.strip(), digits=NIK_DIGITS)
    return cleaned


def make_buyer(
    nik: str | None,
    category: str | None,
    kk: str | None = None,
    *,
    member_nik: str | None = None,
) -> Buyer:
    """A checked buyer. Without a typed NIK the attached member's stored NIK is used; the
    category defaults to a household (rumah tangga)."""
    typed = (nik or "").strip() or (member_nik or "").strip()
    if not typed:
        raise GeraiError("buyer.nik_missing")
    chosen = (category or BuyerCategory.HOUSEHOLD).strip()
    if chosen not in tuple(BuyerCategory):
        raise GeraiError("buyer.bad_category", category=chosen, categories=", ".join(BuyerCategory))
    household = parse_number(kk, key="buyer.kk_shape") if kk and kk.strip() else None
    return Buyer(parse_number(typed), BuyerCategory(chosen), household)


def mask_nik(nik: str) -> str:
    """`7371********0001`: the region and the last four digits only."""
    if len(nik) <= 8:
        return "*" * len(nik)
    return nik[:4] + "*" * (len(nik) - 8) + nik[-4:]


def shown_nik(nik: str | None, role: str) -> str:
    """The NIK as `role` may see it: whole to a bendahara or admin, masked to anyone else."""
    if not nik:
        return ""
    return nik if role in SEES_WHOLE else mask_nik(nik)
