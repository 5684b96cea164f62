"""F8 on an empty cart: the held carts of this till (the time each was held, its total then),
to recall one."""

from __future__ import annotations

from gerai.core.i18n import t
from gerai.core.money import format_rupiah
from gerai.core.timefmt import format_time
from gerai.services.sale.held import HeldSummary
from gerai.services.shop.profile import ShopProfile
from gerai.tui.screens.picker import PickerScreen


class HeldScreen(PickerScreen[int]):
    """Pick a held cart (the result is its id)."""

    title_key = "ui.held.title"
    placeholder_key = "ui.held.placeholder"

    def __init__(self, carts: list[HeldSummary], shop: ShopProfile) -> None:
        self.carts = {c.id: c for c in carts}
        self.shop = shop
        super().__init__("", list(self.carts))

    def search(self, text: str) -> list[int]:
        wanted = text.strip().lower()
        return [i for i, c in self.carts.items() if wanted in c.label.lower()]

    def label(self, item: int) -> str:
        """When it was held, whose or what it is, its total then and its lines."""
        held = self.carts[item]
        when = format_time(held.created_at, self.shop)
        total = "-" if held.total is None else format_rupiah(held.total)
        return f"{when}  {held.label[:30]:<30} {total:>12}  {t('ui.lines', count=held.lines)}"
