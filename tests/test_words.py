"""The shop's closed vocabularies are defined once (`gerai/core/words.py`): no string literal
for one of their words anywhere else in gerai, receipts or the benchmark (the migrations keep
theirs: they are history), and a word behaves exactly as the string stored in the database."""

from __future__ import annotations

import ast
import io
import json
import tokenize
from enum import StrEnum
from pathlib import Path

import pytest

from gerai.core import words
from gerai.core.words import AuditKind, PaymentMethod

ROOT = Path(__file__).resolve().parent.parent
VOCABULARIES: list[type[StrEnum]] = [
    v for v in vars(words).values()
    if isinstance(v, type) and issubclass(v, StrEnum) and v is not StrEnum
]  # fmt: skip
# words that are also the names of other things: permissions (`void`, `retur`, `reprint`,
# `repayment`), key bindings' actions (`receive`, `repack`, `logout`), login names and style
# sheets (`kasir`, `bendahara`, `admin`), columns and JSON keys (`in`, `out`, `pokok`, `refund`,
# `sale`, `open`, `return`), screen ids (`login`, `opening`), a socket's state (`closed`)
DOUBLE_DUTY = {
    "void", "retur", "reprint", "repayment", "receive", "repack", "logout", "kasir", "bendahara",
    "admin", "in", "out", "pokok", "wajib", "refund", "sale", "open", "return", "login", "closed",
    "opening",
}  # fmt: skip


def literals(path: Path) -> list[tuple[int, str]]:
    """Every plain string literal of a module, with its line."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(path.read_text()).readline):
        if token.type == tokenize.STRING:
            try:
                value = ast.literal_eval(token.string)
            except ValueError:  # an f-string
                continue
            if isinstance(value, str):
                found.append((token.start[0], value))
    return found


def test_the_issue_words_are_members() -> None:
    assert [m.value for m in PaymentMethod] == ["tunai", "qris", "transfer", "kasbon"]


def test_no_domain_word_is_a_string_literal_outside_the_words_module() -> None:
    guarded = {m.value: f"{v.__name__}.{m.name}" for v in VOCABULARIES for m in v}
    guarded = {value: member for value, member in guarded.items() if value not in DOUBLE_DUTY}
    assert {"tunai", "qris", "transfer", "kasbon", "completed", "sukarela_out"} <= set(guarded)
    offenders = []
    for folder in ("gerai", "receipts", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith("gerai/migrations/") or relative in {
                "gerai/core/words.py",
                "gerai/core/messages.py",  # the catalog's texts, not words
            }:
                continue
            offenders += [
                f"{relative}:{line} {value!r} (use {guarded[value]})"
                for line, value in literals(path)
                if value in guarded
            ]
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_a_word_is_the_stored_string(vocabulary: type[StrEnum]) -> None:
    """Stored, compared, used as a key, formatted and exported, a member is its value."""
    assert vocabulary.__doc__
    for member in vocabulary:
        value = member.value
        assert member == value and hash(member) == hash(value)
        assert {value: 1}[member] == 1 and {member: 1}[value] == 1
        assert f"{member}" == str(member) == value
        assert json.dumps({member: member}) == json.dumps({value: value})
        assert vocabulary(value) is member


def test_each_audit_kind_of_a_member_payment_and_a_cash_movement_exists() -> None:
    """The audit kinds built from another word (`cash_in`, `member_payment_wajib`)."""
    for kind in words.MemberPaymentKind:
        assert AuditKind(f"member_payment_{kind}")
    for direction in words.CashDirection:
        assert AuditKind(f"cash_{direction}")
