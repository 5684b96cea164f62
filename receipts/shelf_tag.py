"""A shelf label on receipt paper (58/80 mm): a pure layout from a `ShelfTag` and a width in
characters to the lines to print (name, price per unit, member price, HET, the date), and the
barcode drawn as an image two printer dots a bar, which every printer prints and a scanner
reads back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from gerai.core.i18n import Translator
from gerai.core.money import format_rupiah
from gerai.core.timefmt import format_date
from receipts.layout import MIN_WIDTH, Line, centered

DOT_MM = 0.125  # one dot of a thermal head: 8 dots a millimetre (203 dpi)
BAR_DOTS = 2  # dots a bar module: 0.25 mm, a scanner's comfortable minimum
BAR_HEIGHT_MM = 8.0


@dataclass(frozen=True)
class ShelfTag:
    """What a shelf label shows of a product."""

    name: str
    unit: str
    price: int
    member_price: int | None
    het: int | None
    regulated: bool
    barcode: str
    symbology: str  # EAN13 or Code128
    priced_on: date


def layout_shelf_tag(tag: ShelfTag, width: int, tr: Translator) -> list[Line]:
    """The text lines of one label for paper `width` characters wide."""
    if width < MIN_WIDTH:
        raise ValueError(f"label width {width} is below {MIN_WIDTH}")
    lines = [*centered(tag.name, width, bold=True)]
    lines += centered(f"{format_rupiah(tag.price)} / {tag.unit}", width, bold=True)
    if tag.member_price is not None:
        lines += centered(tr.t("labels.member_price", price=format_rupiah(tag.member_price)), width)
    if tag.het is not None:
        lines += centered(tr.t("labels.het", price=format_rupiah(tag.het)), width)
    if tag.regulated:
        lines += centered(tr.t("labels.regulated"), width)
    lines += centered(format_date(tag.priced_on), width)
    return lines


def barcode_image(tag: ShelfTag, max_dots: int) -> Any:
    """The tag's barcode as a black-on-white image at most `max_dots` wide (bars narrowed to
    one dot when two do not fit), with its quiet zones, no text under it."""
    import barcode
    from barcode.writer import ImageWriter

    kind = "ean13" if tag.symbology == "EAN13" else "code128"
    value = tag.barcode[:12] if kind == "ean13" else tag.barcode
    image = None
    for dots in (BAR_DOTS, 1):
        image = barcode.get(kind, value, writer=ImageWriter()).render(
            {"module_width": dots * DOT_MM, "module_height": BAR_HEIGHT_MM, "dpi": 203,
             "quiet_zone": 2.5, "write_text": False}
        )  # fmt: skip
        if image.width <= max_dots:
            break
    return image
