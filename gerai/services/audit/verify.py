"""`gerai audit verify`: the audit chain recomputed, then each kind of document checked against
its records (`DOCUMENT_CHECKS`: every sale has its record and still matches its digest; every
void and retur has its record...). Another kind of document adds its own check to the list: a
function of a session and a `Scope` that returns the first `DocumentBreak` (or a `GeraiError`
that says it), or None when all match.

A verification runs over the whole trail, or since a checkpoint (`checkpoint.py`): then the
chain is walked from the checkpoint's record on, and the sales, seals and counters written
since are checked. Either streams in constant memory. A whole verification stores a
checkpoint; so does every shift close, proving what came since the last one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import func, inspect, select
from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.models import AUDIT_CHECKPOINT, SALE
from gerai.services.audit import checkpoint
from gerai.services.audit.checkpoint import Checkpoint
from gerai.services.audit.counters import check_counters
from gerai.services.audit.sale_digest import check_sales, first_sale_after
from gerai.services.audit.seals import check_seals
from gerai.services.audit.trail import ChainBreak, ChainStart, DocumentBreak, head, verify_chain
from gerai.services.audit.witness import Witness, check_witness
from gerai.services.sale.corrections import check_corrections

Break = ChainBreak | DocumentBreak | GeraiError
Progress = Callable[[int, int], None]  # (done, total): records and sales checked


@dataclass
class Scope:
    """What a verification covers: the records after `since` (0: all), the sales from id
    `first_sale`, the counters of the days from `first_day` (None: all); `advance` is told
    each step done."""

    since: int = 0
    first_sale: int = 1
    first_day: date | None = None
    advance: Callable[[int], None] = field(default=lambda steps: None)


DocumentCheck = Callable[[Session, Scope], DocumentBreak | GeraiError | None]

DOCUMENT_CHECKS: list[DocumentCheck] = [
    lambda session, scope: check_sales(session, scope.first_sale, scope.since, scope.advance),
    lambda session, scope: check_corrections(session),
    lambda session, scope: check_seals(session, since=scope.since),
    lambda session, scope: check_counters(session, scope.first_day),
    lambda session, scope: checkpoint.check_checkpoints(session, scope.since),
]


@dataclass(frozen=True)
class Verification:
    """How many audit records were checked and the first break found, if any; `since`: the
    record the check started after (0: the whole trail); `proven`: the head it proved and
    `last_sale_id` the last sale then, for the checkpoint it leaves."""

    records: int
    broken: Break | None
    since: int = 0
    proven: ChainStart = field(default_factory=ChainStart)
    last_sale_id: int = 0

    @property
    def intact(self) -> bool:
        """True when the chain and every document check passed."""
        return self.broken is None

    @property
    def full(self) -> bool:
        """True when the whole trail was checked, from its first record."""
        return self.since == 0

    def problem(self) -> GeraiError | None:
        """The break as a message naming the record or document, or None when intact."""
        if isinstance(self.broken, ChainBreak):
            return GeraiError(self.broken.reason, seq=self.broken.seq)
        if isinstance(self.broken, DocumentBreak):
            return GeraiError(self.broken.reason, ref=self.broken.ref, seq=self.broken.seq)
        return self.broken


def verify(
    session: Session,
    witnesses: Sequence[Witness] = (),
    *,
    since: Checkpoint | None = None,
    progress: Progress | None = None,
) -> Verification:
    """Recompute the chain (after checkpoint `since`, or all of it); when it holds, run the
    document checks in order, then prove the file still holds each witnessed record
    (`SEQ:CODE` from a signed paper). Stops at the first break. `progress` is told (done,
    total) as records and sales are checked. Given a fresh session on PostgreSQL, everything
    is read in one snapshot (SQLite's read transaction is one already)."""
    fresh = not session.in_transaction()
    if fresh and session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    start = ChainStart() if since is None else since.start
    scope = _scope(session, since)
    proven, sales_to = head(session), checkpoint.last_sale_id(session)
    total = proven[0] - start.seq + _sales_from(session, scope.first_sale)
    done = 0

    def advance(steps: int) -> None:
        nonlocal done
        done += steps
        if progress is not None:
            progress(min(done, total), total)

    scope.advance = advance
    found = Verification(0, None, start.seq, ChainStart(*proven), sales_to)
    if since is not None and (forged := checkpoint.forged(session, since)) is not None:
        return _broken(found, 0, forged)
    records, broken = verify_chain(session, start, advance)
    if broken is not None:
        return _broken(found, records, broken)
    for check in DOCUMENT_CHECKS:
        problem = check(session, scope)
        if problem is not None:
            return _broken(found, records, problem)
    for witness in witnesses:
        gone = check_witness(session, witness)
        if gone is not None:
            return _broken(found, records, gone)
    advance(total - done)
    return _broken(found, records, None)


def _broken(found: Verification, records: int, broken: Break | None) -> Verification:
    """`found` with the records checked and the break (None: intact)."""
    return Verification(records, broken, found.since, found.proven, found.last_sale_id)


def _scope(session: Session, since: Checkpoint | None) -> Scope:
    """The scope of a verification since `since` (None: everything): the sales after its
    last one or recorded after its head, and the days from the first of those (or from the
    day before the checkpoint, if earlier)."""
    if since is None:
        return Scope()
    first = since.last_sale_id + 1
    recorded = first_sale_after(session, since.seq)
    if recorded is not None:
        first = min(first, recorded)
    day = (
        session.connection()
        .execute(select(func.min(SALE.c.business_date)).where(SALE.c.id >= first))
        .scalar()
    )
    checked_on = since.created_at.date() - timedelta(days=1)  # a business day is local time
    return Scope(since.seq, first, min(day, checked_on) if isinstance(day, date) else checked_on)


def _sales_from(session: Session, first: int) -> int:
    """How many sales have an id from `first` on."""
    return int(
        session.connection().execute(select(func.count()).where(SALE.c.id >= first)).scalar() or 0
    )


def verify_since_last_check(
    session: Session, witnesses: Sequence[Witness] = (), *, now: datetime,
    progress: Progress | None = None,
) -> Verification:  # fmt: skip
    """`verify` since the last checkpoint, or the whole trail when no full verify proved it
    in the last week (`checkpoint.FULL_EVERY`)."""
    return verify(session, witnesses, since=checkpoint.start_of(session, now), progress=progress)


def mark_checked(session: Session, verification: Verification, *, actor: str, at: datetime) -> int:
    """Store the checkpoint an intact verification leaves, in the caller's transaction; the
    sequence number of its record."""
    if not verification.intact:
        raise ValueError("only an intact verification leaves a checkpoint")
    return checkpoint.store(
        session, verification.proven, verification.full, verification.last_sale_id,
        actor=actor, at=at,
    )  # fmt: skip


def check_at_close(session: Session, *, actor: str, at: datetime) -> Verification | None:
    """At a shift close, in its transaction: verify since the last checkpoint and, when the
    trail is whole, store a new one. None (nothing checked) until a first `gerai audit
    verify` made one, or when the last full verify is over a week old: a close never runs
    the whole trail (`gerai audit verify` does). A break leaves no checkpoint, so the next
    verify still finds it."""
    if not inspect(session.connection()).has_table(AUDIT_CHECKPOINT.name):
        return None  # a database written at an older revision (an upgrade's tests build one)
    since = checkpoint.latest(session)
    last_full = checkpoint.latest(session, full=True)
    if since is None or last_full is None or at - last_full.created_at > checkpoint.FULL_EVERY:
        return None
    verification = verify(session, since=since)
    if verification.intact:
        mark_checked(session, verification, actor=actor, at=at)
    return verification
