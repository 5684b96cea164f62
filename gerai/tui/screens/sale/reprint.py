"""F9: this till's recent receipts, to print one again (marked CETAK ULANG)."""

from __future__ import annotations

from gerai.core.money import format_rupiah
from gerai.core.timefmt import format_moment
from gerai.services.sale.receipts import SaleSummary
from gerai.services.shop.profile import ShopProfile
from gerai.tui.screens.picker import PickerScreen


class ReprintScreen(PickerScreen[str]):
    """Pick a receipt number."""

    title_key = "ui.reprint.title"
    placeholder_key = "ui.reprint.placeholder"

    def __init__(self, sales: list[SaleSummary], shop: ShopProfile) -> None:
        self.sales = {sale.receipt_no: sale for sale in sales}
        self.shop = shop
        super().__init__("", list(self.sales))

    def search(self, text: str) -> list[str]:
        wanted = text.strip().upper()
        return [number for number in self.sales if wanted in number]

    def label(self, item: str) -> str:
        sale = self.sales[item]
        when = format_moment(sale.created_at, self.shop)
        return f"{item:<18} {when:<22} {format_rupiah(sale.total):>12}"


class RecentReceiptsPicker(ReprintScreen):
    """F7 (Batal / Retur): this shift's receipts, newest first, to pick one; a number typed
    or a QR scanned that is not in the list is taken as it is (a receipt of an older shift,
    for a retur)."""

    title_key = "ui.corrections.recent_title"
    placeholder_key = "ui.corrections.placeholder"

    def exact(self, text: str) -> str | None:
        wanted = text.strip().upper()
        if not wanted or wanted in self.sales:
            return wanted or None
        matches = self.search(wanted)
        if len(matches) == 1:
            return matches[0]
        return None if matches else wanted
