"""A witness of the audit chain outside the file: the chain's head (its sequence number and a
short code of its hash, `SEQ:CODE`) printed on the Z report and the daily PDF that the
bendahara signs. `gerai audit verify --witness SEQ:CODE` proves the file still holds that
record: deleting the newest documents with their records and rewinding the head leaves a
chain that is whole in itself, but the paper's record is then gone (or a later record took
its number with another hash)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from gerai.core.errors import GeraiError
from gerai.models import AUDIT_HEAD, AUDIT_RECORD

CODE_LENGTH = 8  # hex digits of the record's hash: short enough to type from paper
_FORM = re.compile(rf"^\s*#?(\d+)\s*:\s*([0-9A-Fa-f]{{{CODE_LENGTH}}})\s*$")


@dataclass(frozen=True)
class Witness:
    """One audit record as paper names it: its sequence number and its hash's first digits."""

    seq: int
    code: str

    def __str__(self) -> str:
        return f"{self.seq}:{self.code}"


def short_code(digest: str) -> str:
    """The code printed for a record's hash."""
    return digest[:CODE_LENGTH].upper()


def current_witness(session: Session) -> Witness:
    """The chain's head now (0 and an empty code before the first record)."""
    seq, digest = (
        session.connection()
        .execute(select(AUDIT_HEAD.c.last_seq, AUDIT_HEAD.c.last_hash).where(AUDIT_HEAD.c.id == 1))
        .one()
    )
    return Witness(int(seq), short_code(digest or ""))


def parse_witness(text: str) -> Witness:
    """`SEQ:CODE` as typed from the paper (any case); GeraiError when it is not one."""
    match = _FORM.match(text)
    if match is None or int(match.group(1)) < 1:
        raise GeraiError("audit.witness_format", text=text.strip(), length=CODE_LENGTH)
    return Witness(int(match.group(1)), match.group(2).upper())


def check_witness(session: Session, witness: Witness) -> GeraiError | None:
    """None when the file still holds the witnessed record with that hash; else why not."""
    digest = (
        session.connection()
        .execute(select(AUDIT_RECORD.c.hash).where(AUDIT_RECORD.c.seq == witness.seq))
        .scalar_one_or_none()
    )
    if digest is None:
        return GeraiError("audit.witness_gone", seq=witness.seq, code=witness.code)
    if short_code(digest) != witness.code:
        return GeraiError(
            "audit.witness_differs", seq=witness.seq, code=witness.code, found=short_code(digest)
        )
    return None
