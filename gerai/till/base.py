"""What every verb of the till stands on: the database, the clock, the logged-in user, the
till id, the shop's settings and the print-job queue; one transaction per verb (or one for a
`batch` of verbs). The queue is handed in (`gerai.printing.PrintQueue`, a layer above the
till), as the `PrintJobs` it needs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Protocol

from sqlmodel import Session

from gerai.db import Database
from gerai.models import utcnow
from gerai.services.sale.cart import Cart
from gerai.services.shop.auth import Actor
from gerai.services.shop.profile import ShopProfile, load_shop
from gerai.settings import Settings


class PrintJobs(Protocol):
    """What the till asks of this till's print queue."""

    def queue_receipt(
        self, session: Session, receipt_no: str, reprint_by: Actor | None = None
    ) -> bool:
        """Store a sale's receipt job in the caller's transaction; False without a printer."""
        ...

    def queue_return(self, session: Session, number: str, reprint: bool = False) -> bool:
        """Store a retur's slip job in the caller's transaction; False without a printer."""
        ...

    def queue_void(self, session: Session, receipt_no: str) -> bool:
        """Store a voided sale's slip job in the caller's transaction; False without a printer."""
        ...

    def queue_member_slip(self, session: Session, number: str, reprint: bool = False) -> bool:
        """Store a member payment's slip job in the caller's transaction; False without one."""
        ...

    def submit(self, receipt_no: str, reprint_by: Actor | None = None) -> bool:
        """Store a receipt's job (a recorded reprint with `reprint_by`); False without one."""
        ...

    def open_drawer(self, actor: Actor) -> bool:
        """Record the drawer opened without a sale and kick it; False when there is none."""
        ...


class BatchSpoiled(RuntimeError):
    """A verb was refused inside a `TillBase.batch` and its caller went on: nothing of the
    batch is committed (the refused verb may have written part of its work)."""


class _OneTransaction(Database):
    """The till's database while a `TillBase.batch` runs: every verb reads and writes in the
    batch's one write transaction, and a verb that raises spoils it. The same engines as the
    database it stands for (no `Database.__init__`)."""

    def __init__(self, database: Database, session: Session) -> None:
        self.__dict__.update(database.__dict__)
        self._session = session
        self.spoiled: BaseException | None = None

    @contextmanager
    def read(self) -> Iterator[Session]:
        yield self._session

    @contextmanager
    def write(self) -> Iterator[Session]:
        try:
            yield self._session
        except BaseException as exc:
            self.spoiled = exc
            raise


class TillBase:
    """One running till: its context, and the transactions its verbs run in."""

    def __init__(
        self,
        settings: Settings,
        database: Database,
        printer: PrintJobs,
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
        self.printer = printer
        self.cart = Cart()
        self.batch_picks: dict[int, int] = {}  # product id → the batch scanned (issue 17)
        with database.read() as session:
            self.adopt_shop(load_shop(session))

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Run the verbs called inside as one write transaction, committed at the end of the
        block: all of them, or none when an error leaves the block. A verb refused inside
        spoils the batch (a refused verb may have written part of its work, and no savepoint
        takes it back: one per verb costs the demo a fifth of its time): nothing commits, and
        `BatchSpoiled` is raised even when the caller caught the refusal. So the caller
        checks first what it can. For generated bulk work (the demo's days), never around a
        person's work: the till holds the database's write lock until the block ends, and a
        print queue that opens its own transaction (a reprint, the drawer) would wait for
        it."""
        database = self.database
        with database.write() as session:
            batch = _OneTransaction(database, session)
            self.database = batch
            try:
                yield
            finally:
                self.database = database
            if batch.spoiled is not None:
                raise BatchSpoiled("a verb was refused inside the batch") from batch.spoiled

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
