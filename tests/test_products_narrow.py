"""The products and members screens on a small terminal (issue 14): at 80x24 a name keeps at
least 24 of its characters, and the stock columns (a member's phone and kasbon limit) stay on
screen; columns of less use give way first."""

from __future__ import annotations

import pytest

from gerai.core.money import format_number
from gerai.core.quantity import format_quantity
from gerai.db import Database
from gerai.tui.screens.members.register import MembersScreen
from gerai.tui.screens.stock.products import ProductList
from gerai.tui.widgets.paged_list import FLEXIBLE_MIN as NAME_MIN
from gerai.tui.widgets.paged_list import PagedList
from tests.conftest import OWNER
from tests.test_type_ahead import burst, make_app, settle

pytestmark = pytest.mark.sqlite_only("the layout is the same on every engine")


SIZES = pytest.mark.parametrize(
    "size", [(80, 24), (100, 30), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}"
)


@SIZES
async def test_names_and_stock_fit_the_terminal(db: Database, size: tuple[int, int]) -> None:
    app = make_app(db, OWNER)
    async with app.run_test(size=size) as pilot:
        burst(app, "f3")
        await settle(app, pilot)
        listing = app.screen.query_one(ProductList)
        assert listing.region.right <= size[0]
        assert listing.widths[1] >= NAME_MIN
        header = listing.render_line(0).text
        assert "Stok" in header and "Min" in header and "Harga" in header
        long_names = 0
        for row, product in enumerate(listing.products[: listing.size.height - 1], start=1):
            line = listing.render_line(row).text
            assert len(line.rstrip()) <= listing.size.width
            assert product.code in line
            assert product.name[:NAME_MIN] in line
            assert line.rstrip().endswith(format_quantity(product.reorder_level))
            assert format_quantity(product.stock, product.unit) in line
            long_names += len(product.name) > 12
        assert long_names >= 5  # names the old layout cut to 12 characters
        if size[0] >= 120:  # room for every column
            assert "Kategori" in header and "HPP" in header


@SIZES
async def test_member_names_fit_the_terminal(db: Database, size: tuple[int, int]) -> None:
    app = make_app(db, OWNER)
    async with app.run_test(size=size) as pilot:
        burst(app, "f5")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MembersScreen)
        listing = screen.query_one(PagedList)
        assert listing.region.right <= size[0] and listing.widths[1] >= NAME_MIN
        header = listing.render_line(0).text
        assert "Telepon" in header and "Batas kasbon" in header
        for row, member in enumerate(screen.rows[: listing.size.height - 1], start=1):
            line = listing.render_line(row).text
            assert len(line.rstrip()) <= listing.size.width
            assert member.number in line and member.name[:NAME_MIN] in line
            assert (member.phone or "") in line
            limit = format_number(member.credit_limit) if member.credit_limit else "–"
            assert line.rstrip().endswith(limit)
        if size[0] >= 120:
            assert "NIK" in header
