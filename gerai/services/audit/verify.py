"""`gerai audit verify`: the audit chain recomputed from its first record, then each kind of
document checked against its records (`DOCUMENT_CHECKS`: every sale has its record and still
matches its digest; every void and retur has its record...). Another kind of document adds
its own check to the list: a function of a session that returns the first `DocumentBreak`
(or a `GeraiError` that says it), or None when all match."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.services.audit.counters import check_counters
from gerai.services.audit.sale_digest import check_sales
from gerai.services.audit.seals import check_seals
from gerai.services.audit.trail import ChainBreak, DocumentBreak, verify_chain
from gerai.services.audit.witness import Witness, check_witness
from gerai.services.sale.corrections import check_corrections

Break = ChainBreak | DocumentBreak | GeraiError
DocumentCheck = Callable[[Session], DocumentBreak | GeraiError | None]

DOCUMENT_CHECKS: list[DocumentCheck] = [check_sales, check_corrections, check_seals, check_counters]


@dataclass(frozen=True)
class Verification:
    """How many audit records were checked and the first break found, if any."""

    records: int
    broken: Break | None

    @property
    def intact(self) -> bool:
        """True when the chain and every document check passed."""
        return self.broken is None

    def problem(self) -> GeraiError | None:
        """The break as a message naming the record or document, or None when intact."""
        if isinstance(self.broken, ChainBreak):
            return GeraiError(self.broken.reason, seq=self.broken.seq)
        if isinstance(self.broken, DocumentBreak):
            return GeraiError(self.broken.reason, ref=self.broken.ref, seq=self.broken.seq)
        return self.broken


def verify(session: Session, witnesses: Sequence[Witness] = ()) -> Verification:
    """Recompute the chain; when it holds, run the document checks in order, then prove the
    file still holds each witnessed record (`SEQ:CODE` from a signed paper). Stops at the
    first break. Given a fresh session on PostgreSQL, everything is read in one snapshot
    (SQLite's read transaction is one already)."""
    fresh = not session.in_transaction()
    if fresh and session.get_bind().dialect.name == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    records, broken = verify_chain(session)
    if broken is not None:
        return Verification(records, broken)
    for check in DOCUMENT_CHECKS:
        problem = check(session)
        if problem is not None:
            return Verification(records, problem)
    for witness in witnesses:
        gone = check_witness(session, witness)
        if gone is not None:
            return Verification(records, gone)
    return Verification(records, None)
