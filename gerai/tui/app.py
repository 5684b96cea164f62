"""The Textual application: holds the settings, the database, the shop profile and the cart,
and opens on the kasir screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.app import App

from gerai.db import Database
from gerai.models import utcnow
from gerai.services.cart import Cart
from gerai.services.shop import ShopProfile, load_shop
from gerai.settings import Settings
from gerai.tui.screens.kasir import KasirScreen


class GeraiApp(App[None]):
    """gerai in the terminal."""

    CSS_PATH = "styles/app.tcss"
    TITLE = "gerai"
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self, settings: Settings, database: Database, clock: Callable[[], datetime] = utcnow
    ) -> None:
        super().__init__()
        self.settings = settings
        self.database = database
        self.clock = clock
        with database.read() as session:
            self.shop: ShopProfile = load_shop(session)
        self.cart = Cart(
            global_discount_bp=self.shop.member_discount_bp,
            allow_negative_stock=self.shop.allow_negative_stock,
        )

    def on_mount(self) -> None:
        self.push_screen(KasirScreen())
