"""What every verb of the till stands on: the database, the clock, the logged-in user, the
till id, the shop's settings and the print-job queue; one transaction per verb."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from gerai.db import Database
from gerai.models import utcnow
from gerai.printing import PrintQueue
from gerai.services.sale.cart import Cart
from gerai.services.shop.auth import Actor
from gerai.services.shop.profile import ShopProfile, load_shop
from gerai.settings import Settings


class TillBase:
    """One running till: its context, and the transactions its verbs run in."""

    def __init__(
        self,
        settings: Settings,
        database: Database,
        clock: Callable[[], datetime] = utcnow,
        actor: Actor | None = None,
    ) -> None:
        """`actor`: who works the till when already known (tests, the command line); None
        until someone logs in."""
        self.settings = settings
        self.database = database
        self.clock = clock
        self.till_id = settings.till
        self._actor = actor
        self.printer = PrintQueue(database, settings, clock)
        with database.read() as session:
            self._shop = load_shop(session)
        self.cart = Cart(
            global_discount_bp=self._shop.member_discount_bp,
            allow_negative_stock=self._shop.allow_negative_stock,
        )

    @property
    def actor(self) -> Actor:
        """The user logged in at this till."""
        if self._actor is None:
            raise RuntimeError("nobody is logged in")
        return self._actor

    @property
    def logged_in(self) -> bool:
        """True when someone works the till."""
        return self._actor is not None

    @property
    def shop(self) -> ShopProfile:
        """The shop's settings as this till last read them."""
        return self._shop

    def today(self) -> date:
        """The shop's business date now."""
        return self._shop.business_date(self.clock())

    def adopt_shop(self, shop: ShopProfile) -> None:
        """Hold `shop` as the shop's settings; the cart prices and checks stock with them."""
        self._shop = shop
        self.cart.global_discount_bp = shop.member_discount_bp
        self.cart.allow_negative_stock = shop.allow_negative_stock
