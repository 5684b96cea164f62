"""Audit checkpoints (issue 18): after `gerai audit verify` or a shift close proved the audit
trail up to its head, a checkpoint stores that head (sequence number and hash) and the last
sale then, so the next verify proves only what came since. Each checkpoint is itself a
record of the chain (kind `audit_checked`, its detail the checkpoint's figures): a
checkpoint row moved forward, to skip a forged record, no longer matches its record, and
rewriting that record breaks the chain after the checked point, which the verify starting
there recomputes (and a witness on paper catches a rewritten chain). A deleted checkpoint
only makes the next verify start earlier."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.core.words import AuditKind
from gerai.models import AUDIT_CHECKPOINT, AUDIT_RECORD, SALE
from gerai.services.audit import trail as audit
from gerai.services.audit.stream import moment_text
from gerai.services.audit.trail import ChainStart

FULL_EVERY = timedelta(days=7)  # a verify since the last check does the full one past this


@dataclass(frozen=True)
class Checkpoint:
    """A stored checkpoint: the chain proven up to record `seq` (hash `hash`), from the first
    record when `full`; sales up to `last_sale_id` matched then; its own record `record_seq`."""

    seq: int
    hash: str
    full: bool
    last_sale_id: int
    created_at: datetime
    record_seq: int

    @property
    def start(self) -> ChainStart:
        """Where a verify since this checkpoint starts the chain."""
        return ChainStart(self.seq, self.hash)

    def detail(self) -> dict[str, object]:
        """The figures its audit record holds."""
        return {
            "seq": self.seq,
            "hash": self.hash,
            "full": self.full,
            "last_sale_id": self.last_sale_id,
        }


_COLUMNS = (
    AUDIT_CHECKPOINT.c.seq,
    AUDIT_CHECKPOINT.c.hash,
    AUDIT_CHECKPOINT.c.from_start,
    AUDIT_CHECKPOINT.c.last_sale_id,
    AUDIT_CHECKPOINT.c.created_at,
    AUDIT_CHECKPOINT.c.record_seq,
)


def latest(session: Session, *, full: bool = False) -> Checkpoint | None:
    """The newest checkpoint (the newest full one when `full`), or None."""
    query = select(*_COLUMNS).order_by(AUDIT_CHECKPOINT.c.record_seq.desc()).limit(1)
    if full:
        query = query.where(AUDIT_CHECKPOINT.c.from_start.is_(True))
    row = session.connection().execute(query).first()
    return None if row is None else Checkpoint(*row)


def start_of(session: Session, now: datetime) -> Checkpoint | None:
    """Where a verify "since the last check" starts: the newest checkpoint, or None (from the
    first record) when no full verify proved the trail in the last `FULL_EVERY`, or its
    checkpoint no longer matches its record (then the full verify names what differs)."""
    last_full = latest(session, full=True)
    if last_full is None or now - last_full.created_at > FULL_EVERY:
        return None
    if forged(session, last_full) is not None:
        return None
    return latest(session)


def forged(session: Session, checkpoint: Checkpoint) -> GeraiError | None:
    """None when the checkpoint is the one its audit record describes (same figures, same
    time, a record after the checked point); else why not. The record's own hash is proven by
    the chain walked from the checked point, which passes it."""
    found = (
        session.connection()
        .execute(
            select(AUDIT_RECORD.c.kind, AUDIT_RECORD.c.detail, AUDIT_RECORD.c.created_at).where(
                AUDIT_RECORD.c.seq == checkpoint.record_seq
            )
        )
        .first()
    )
    matches = (
        found is not None
        and checkpoint.record_seq > checkpoint.seq
        and found[0] == AuditKind.AUDIT_CHECKED
        and json.loads(found[1]) == checkpoint.detail()
        and moment_text(found[2]) == moment_text(checkpoint.created_at)
    )
    if matches:
        return None
    return GeraiError("audit.checkpoint_forged", seq=checkpoint.record_seq)


def check_checkpoints(session: Session, since: int = 0) -> GeraiError | None:
    """The first checkpoint written after record `since` that is not the one its record
    describes, or None."""
    rows = session.connection().execute(
        select(*_COLUMNS)
        .where(AUDIT_CHECKPOINT.c.record_seq > since)
        .order_by(AUDIT_CHECKPOINT.c.record_seq)
    )
    for row in rows:
        problem = forged(session, Checkpoint(*row))
        if problem is not None:
            return problem
    return None


def last_sale_id(session: Session) -> int:
    """The highest sale id now (0 without sales)."""
    found = session.connection().execute(select(func.max(SALE.c.id))).scalar()
    return int(found or 0)


def store(
    session: Session, proven: ChainStart, full: bool, sales_to: int, *, actor: str, at: datetime
) -> int:
    """Store a checkpoint in the caller's transaction: the chain proven whole up to `proven`
    (from the first record when `full`) and the sales up to id `sales_to`. Returns the
    sequence number of its audit record."""
    detail = {"seq": proven.seq, "hash": proven.hash, "full": full, "last_sale_id": sales_to}
    record_seq = audit.record(
        session, kind=AuditKind.AUDIT_CHECKED, actor=actor, at=at, ref="", detail=detail
    )
    session.connection().execute(
        AUDIT_CHECKPOINT.insert().values(
            seq=proven.seq,
            hash=proven.hash,
            from_start=full,
            last_sale_id=sales_to,
            created_at=at,
            created_by=actor,
            record_seq=record_seq,
        )
    )
    return record_seq
