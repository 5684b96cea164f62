"""Issue 14: a supervisor's approval of a manual price or discount (the `manual_approved`
record their PIN made) allows one change of one sale. The sale that uses it spends it (an
`approval_used` record naming the receipt); the same record used again, in another sale or
twice in one cart, is refused, and so is one used for a change other than the one approved.
A sale refused for another reason spends nothing."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from gerai.core.errors import GeraiError
from gerai.core.words import PaymentMethod
from gerai.db import Database
from gerai.printing import PrintQueue
from gerai.services.audit.verify import verify
from gerai.services.sale.cart import Discount, Override
from gerai.services.sale.checkout import Tender
from gerai.services.sale.manual import ManualChange, used_approvals
from gerai.settings import Settings
from gerai.till import Till
from tests.conftest import CASHIER, NOW, TREASURER_PIN, raw

OIL, FLOUR = "MYK-1L", "TPG-BRS500"  # oil: price 15.700, cost 14.500
CASH = [Tender(PaymentMethod.CASH)]


def make_till(db: Database) -> Till:
    settings = Settings(db_url=db.url, printer="none", till="K1")
    return Till(settings, db, PrintQueue(db, settings, lambda: NOW), lambda: NOW, CASHIER)


def scan(till: Till, *codes: str) -> None:
    for code in codes:
        product = till.find_product(code)
        assert product is not None, code
        till.cart.add(product, Decimal(1))


def refused(till: Till) -> str:
    with pytest.raises(GeraiError) as caught:
        till.sell(CASH)
    return caught.value.key


def sales(db: Database) -> int:
    return int(raw(db, "SELECT count(*) FROM sale")[0][0])


def test_an_approval_allows_one_sale_and_is_refused_the_second_time(db: Database) -> None:
    till = make_till(db)
    scan(till, OIL)
    till.manual(ManualChange(0, amount=500), TREASURER_PIN)
    discount = till.cart.lines[0].discount
    assert discount is not None and discount.approved.seq is not None
    seq = discount.approved.seq
    first = till.sell(CASH)
    assert raw(db, "SELECT actor, ref, detail FROM auditrecord WHERE kind = 'approval_used'") == [
        ("kasir", str(seq), f'{{"receipt":"{first.receipt_no}"}}')
    ]
    with db.read() as session:
        assert used_approvals(session, [seq]) == [seq]
    scan(till, OIL)  # the next buyer's cart, with the same approval copied onto it
    till.cart.lines[0].discount = discount
    assert refused(till) == "discount.approval_used"
    assert sales(db) == 1
    till.manual(ManualChange(0, amount=500), TREASURER_PIN)  # a new PIN: a new approval
    till.sell(CASH)
    assert sales(db) == 2
    with db.read() as session:
        assert verify(session).broken is None


def test_one_approval_on_two_changes_of_one_cart_is_refused(db: Database) -> None:
    till = make_till(db)
    scan(till, OIL, FLOUR)
    till.manual(ManualChange(None, amount=1_000), TREASURER_PIN)  # the whole sale's
    sale_discount = till.cart.sale_discount
    assert sale_discount is not None
    till.cart.lines[1].discount = Discount(sale_discount.approved, amount=1_000)
    assert refused(till) == "discount.approval_used"
    assert sales(db) == 0
    assert raw(db, "SELECT count(*) FROM auditrecord WHERE kind = 'approval_used'") == [(0,)]


@pytest.mark.parametrize(
    "change",
    [
        "bigger discount",  # 500 approved, 5.000 taken
        "percent instead",  # Rupiah approved, percent taken
        "other line",  # the oil's discount put on the flour
        "price instead",  # a discount approved, a price override taken
    ],
)
def test_an_approval_allows_only_the_change_it_was_given_for(db: Database, change: str) -> None:
    till = make_till(db)
    scan(till, OIL, FLOUR)
    till.manual(ManualChange(0, amount=500), TREASURER_PIN)
    oil = till.cart.lines[0]
    assert oil.discount is not None
    approved = oil.discount.approved
    if change == "bigger discount":
        oil.discount = replace(oil.discount, amount=5_000)
    elif change == "percent instead":
        oil.discount = replace(oil.discount, amount=0, bp=500)
    elif change == "other line":
        oil.discount, till.cart.lines[1].discount = None, oil.discount
    else:
        oil.discount, oil.override = None, Override(15_200, approved)
    assert refused(till) == "discount.not_approved"
    assert sales(db) == 0


def test_a_sale_refused_for_another_reason_spends_nothing(db: Database) -> None:
    till = make_till(db)
    scan(till, OIL)
    till.manual(ManualChange(0, price=15_000), TREASURER_PIN)
    with pytest.raises(GeraiError) as short:
        till.sell([Tender(PaymentMethod.CASH, 1_000)])  # too little handed over
    assert short.value.key.startswith("pay.")
    assert raw(db, "SELECT count(*) FROM auditrecord WHERE kind = 'approval_used'") == [(0,)]
    till.sell(CASH)  # the same approval, for the sale it was given for
    assert sales(db) == 1
    assert raw(db, "SELECT count(*) FROM auditrecord WHERE kind = 'approval_used'") == [(1,)]


def test_a_held_cart_keeps_its_approval_unspent_until_it_is_sold(db: Database) -> None:
    till = make_till(db)
    scan(till, OIL)
    till.manual(ManualChange(0, bp=200), TREASURER_PIN)  # 2 %
    held = till.hold()
    till.recall(held.id)
    till.sell(CASH)
    assert raw(db, "SELECT count(*) FROM auditrecord WHERE kind = 'approval_used'") == [(1,)]
