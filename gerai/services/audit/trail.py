"""The append-only audit trail: every record carries the SHA-256 of the previous record's hash
and its own content, so an edited, deleted or reordered record breaks the chain. Records are
written in the same transaction as what they describe; the chain's head row is updated first,
which serializes writers on SQLite and PostgreSQL alike, so the chain never forks."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.core.words import AuditKind
from gerai.models import AUDIT_HEAD, AUDIT_RECORD
from gerai.services.audit.stream import compact_json, driver_rows, moment_text
from gerai.services.prepared import Prepared

GENESIS = ""
TRAIL_STARTED = AuditKind.AUDIT_STARTED  # migration 0005 writes it by this name
BATCH = 5_000


def canonical(detail: Mapping[str, Any]) -> str:
    """`detail` as the exact JSON text that is stored and hashed (sorted keys, no spaces)."""
    return json.dumps(detail, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chain_hash(
    prev_hash: str, seq: int, at: datetime, actor: str, kind: str, ref: str, detail: str
) -> str:
    """The hash of one record: its predecessor's hash and every field of its content (the time
    in UTC, as stored)."""
    moment = at.astimezone(UTC).isoformat(timespec="microseconds")
    return content_hash(prev_hash, seq, moment, actor, kind, ref, detail)


def content_hash(
    prev_hash: str, seq: int, moment: str, actor: str, kind: str, ref: str, detail: str
) -> str:
    """`chain_hash` of a record whose time is already its UTC text (`stream.moment_text`)."""
    content = compact_json([prev_hash, seq, moment, actor, kind, ref, detail])
    return hashlib.sha256(content.encode()).hexdigest()


def record(
    session: Session,
    *,
    kind: AuditKind,
    actor: str,
    at: datetime,
    ref: str = "",
    detail: Mapping[str, Any] | None = None,
    text: str | None = None,
) -> int:
    """Append one audit record in the caller's transaction and return its sequence number;
    `text` is the detail already made `canonical` (a big one made before the write lock)."""
    if at.tzinfo is None:
        raise ValueError("audit times must be time-zone aware")
    seq, prev_hash = _TAKE_NEXT.one(session)
    if text is None:
        text = canonical(detail or {})
    at = at.astimezone(UTC)
    digest = chain_hash(prev_hash, seq, at, actor, kind, ref, text)
    _APPEND.rows(
        session,
        {
            "seq": seq,
            "created_at": at,
            "actor": actor,
            "kind": kind,
            "ref": ref,
            "detail": text,
            "prev_hash": prev_hash,
            "hash": digest,
        },
    )
    _SET_END.rows(session, {"end_hash": digest})
    return int(seq)


# compiled once, run on the driver: a sale commit runs them on its hot path
_HEAD = AUDIT_HEAD.c.id == 1
_TAKE_NEXT = Prepared(
    update(AUDIT_HEAD)
    .where(_HEAD)
    .values(last_seq=AUDIT_HEAD.c.last_seq + 1)
    .returning(AUDIT_HEAD.c.last_seq, AUDIT_HEAD.c.last_hash)
)
_APPEND = Prepared(AUDIT_RECORD.insert())
_SET_END = Prepared(update(AUDIT_HEAD).where(_HEAD).values(last_hash=bindparam("end_hash")))


@dataclass(frozen=True)
class AuditRow:
    """One stored audit record as read back."""

    seq: int
    created_at: datetime
    actor: str
    kind: str
    ref: str
    detail: str
    prev_hash: str
    hash: str

    def data(self) -> dict[str, Any]:
        """The record's detail as a dict."""
        loaded: dict[str, Any] = json.loads(self.detail)
        return loaded


def rows(session: Session) -> Iterator[AuditRow]:
    """Every audit record in stored order (by id), read in batches."""
    columns = [AUDIT_RECORD.c[name] for name in AuditRow.__dataclass_fields__]
    last_id = 0
    while True:
        batch = (
            session.connection()
            .execute(
                select(AUDIT_RECORD.c.id, *columns)
                .where(AUDIT_RECORD.c.id > last_id)
                .order_by(AUDIT_RECORD.c.id)
                .limit(BATCH)
            )
            .all()
        )
        if not batch:
            return
        for row in batch:
            yield AuditRow(*row[1:])
        last_id = batch[-1][0]


def records_of(
    session: Session, kind: AuditKind, ref: str | None = None, since: int = 0
) -> Iterator[tuple[int, str, str]]:
    """(sequence, ref, detail) of every record of `kind` (and `ref`, when given) after
    sequence `since`, in sequence order, read a batch at a time."""
    query = select(AUDIT_RECORD.c.seq, AUDIT_RECORD.c.ref, AUDIT_RECORD.c.detail).where(
        AUDIT_RECORD.c.kind == kind, AUDIT_RECORD.c.seq > since
    )
    if ref is not None:
        query = query.where(AUDIT_RECORD.c.ref == ref)
    rows = driver_rows(session, query.order_by(AUDIT_RECORD.c.seq))
    yield from ((seq, found, detail) for seq, found, detail in rows)


@dataclass(frozen=True)
class ChainBreak:
    """Where the chain is broken: the sequence number of the first bad record and why."""

    seq: int
    reason: str


@dataclass(frozen=True)
class DocumentBreak:
    """A document (a sale, a void...) that does not match the audit trail: `reason` is a
    message key taking `ref` (the document's number) and `seq` (its record, 0 if none)."""

    reason: str
    ref: str
    seq: int = 0


@dataclass(frozen=True)
class ChainStart:
    """Where a verification of the chain starts: after record `seq`, proven to hash `hash`
    (0 and GENESIS: from the first record)."""

    seq: int = 0
    hash: str = GENESIS


Advance = Callable[[int], None]  # told how many more records were checked


def verify_chain(
    session: Session, start: ChainStart = ChainStart(), advance: Advance | None = None
) -> tuple[int, ChainBreak | None]:
    """Recompute the chain after `start`, in sequence order and constant memory: how many
    records were checked and the first break, if any. Catches an edited record (hash), a
    deleted or reordered one (sequence or link) and a deleted tail (the head row names a
    later record)."""
    expected_seq, prev_hash, checked = start.seq + 1, start.hash, 0
    columns = [AUDIT_RECORD.c[name] for name in AuditRow.__dataclass_fields__]
    query = select(*columns).where(AUDIT_RECORD.c.seq > start.seq).order_by(AUDIT_RECORD.c.seq)
    for seq, at, actor, kind, ref, detail, prev, digest in driver_rows(session, query):
        if seq != expected_seq:
            return checked, ChainBreak(expected_seq, "audit.break_missing")
        if prev != prev_hash:
            return checked, ChainBreak(seq, "audit.break_link")
        if content_hash(prev, seq, moment_text(at), actor, kind, ref, detail) != digest:
            return checked, ChainBreak(seq, "audit.break_hash")
        prev_hash, expected_seq, checked = digest, expected_seq + 1, checked + 1
        if advance is not None and checked % BATCH == 0:
            advance(BATCH)
    if advance is not None:
        advance(checked % BATCH)
    head_seq, head_hash = head(session)
    if head_seq != start.seq + checked or head_hash != prev_hash:
        return checked, ChainBreak(expected_seq, "audit.break_missing")
    return checked, None


def head(session: Session) -> tuple[int, str]:
    """The chain's head row: the last record's sequence number and hash."""
    seq, digest = (
        session.connection()
        .execute(select(AUDIT_HEAD.c.last_seq, AUDIT_HEAD.c.last_hash).where(AUDIT_HEAD.c.id == 1))
        .one()
    )
    return int(seq), digest or GENESIS


def require_intact(session: Session) -> int:
    """The number of records checked; raises naming the first broken record."""
    checked, broken = verify_chain(session)
    if broken is not None:
        raise GeraiError(broken.reason, seq=broken.seq)
    return checked
