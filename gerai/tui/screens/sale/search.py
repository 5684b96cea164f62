"""Product search: text that is not a known code opens it; names, codes and barcodes match as
you type."""

from __future__ import annotations

from gerai.core.money import format_rupiah
from gerai.core.quantity import format_quantity
from gerai.services.stock.catalog import ProductInfo
from gerai.tui.screens.picker import PickerScreen


class SearchScreen(PickerScreen[ProductInfo]):
    """Pick a product."""

    title_key = "ui.search.title"
    placeholder_key = "ui.search.placeholder"

    def search(self, text: str) -> list[ProductInfo]:
        return self.till.search_products(text)

    def exact(self, text: str) -> ProductInfo | None:
        return self.till.find_product(text)

    def label(self, item: ProductInfo) -> str:
        stock = format_quantity(item.stock, item.unit)
        return f"{item.name[:40]:<40} {format_rupiah(item.price):>11}  {stock:>10}  {item.code}"
