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
from gerai.core.phrases import PERMISSION
from gerai.core.words import AuditKind, PaymentMethod, Permission
from gerai.services.shop.auth import PERMISSIONS

ROOT = Path(__file__).resolve().parent.parent
VOCABULARIES: list[type[StrEnum]] = [
    v for v in vars(words).values()
    if isinstance(v, type) and issubclass(v, StrEnum) and v is not StrEnum
]  # fmt: skip
# permissions are nearly all also the names of other things (`stock` a column, `members` a CLI
# command, `hold` a key binding): their own lint below looks where a permission is passed
LINTED_EVERYWHERE = [v for v in VOCABULARIES if v is not Permission]
# the functions and methods taking a permission: the services' check, the till's approval, the
# screens' approval path
TAKES_A_PERMISSION = {
    "authorize", "elevate", "allows", "approve", "with_approval", "as_supervisor", "permitted",
    "_answerable", "_approved", "_refusal",
}  # fmt: skip
# words that are also the names of other things: permissions (`void`, `retur`, `reprint`,
# `repayment`), key bindings' actions (`receive`, `repack`, `logout`), login names and style
# sheets (`kasir`, `bendahara`, `admin`), columns and JSON keys (`in`, `out`, `pokok`, `refund`,
# `sale`, `open`, `return`, `received`, `setoran`), screen ids (`login`, `opening`), a socket's
# state (`closed`)
DOUBLE_DUTY = {
    "void", "retur", "reprint", "repayment", "receive", "repack", "logout", "kasir", "bendahara",
    "admin", "in", "out", "pokok", "wajib", "refund", "sale", "open", "return", "login", "closed",
    "opening", "received", "setoran",
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
    guarded = {m.value: f"{v.__name__}.{m.name}" for v in LINTED_EVERYWHERE for m in v}
    guarded = {value: member for value, member in guarded.items() if value not in DOUBLE_DUTY}
    assert {"tunai", "qris", "transfer", "kasbon", "completed", "sukarela_out"} <= set(guarded)
    offenders = []
    for relative, path in linted_modules():
        offenders += [
            f"{relative}:{line} {value!r} (use {guarded[value]})"
            for line, value in literals(path)
            if value in guarded
        ]
    assert not offenders, "\n".join(offenders)


def linted_modules() -> list[tuple[str, Path]]:
    """Every module of gerai, receipts and the benchmark but the words module, the catalog's
    texts and the migrations (history keeps its words)."""
    found = []
    for folder in ("gerai", "receipts", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith("gerai/migrations/") or relative in {
                "gerai/core/words.py",
                "gerai/core/messages.py",  # the catalog's texts, not words
            }:
                continue
            found.append((relative, path))
    return found


def permission_literals(tree: ast.AST) -> list[tuple[int, str]]:
    """Where a module names a permission by a string: an argument of a function taking one, a
    value given to a `permission` name or attribute, a key of PERMISSION(S), a table keyed only
    by permissions."""
    names = {p.value for p in Permission}

    def named(node: ast.expr | None) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value if node.value in names else None
        return None

    found = []
    for node in ast.walk(tree):
        given: list[ast.expr | None] = []
        if isinstance(node, ast.Call):
            function = node.func
            called = function.attr if isinstance(function, ast.Attribute) else None
            called = function.id if isinstance(function, ast.Name) else called
            if called in TAKES_A_PERMISSION:
                given += node.args
            given += [k.value for k in node.keywords if k.arg == "permission"]
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(
                (isinstance(t, ast.Name) and t.id == "permission")
                or (isinstance(t, ast.Attribute) and t.attr == "permission")
                for t in targets
            ):
                given.append(node.value)
        elif isinstance(node, ast.Subscript):
            value = node.value
            if isinstance(value, ast.Name) and value.id in {"PERMISSIONS", "PERMISSION"}:
                given.append(node.slice)
        elif isinstance(node, ast.Dict) and len(node.keys) > 1:
            if all(named(key) for key in node.keys):
                given += node.keys
        elif (
            isinstance(node, ast.Compare)
            and isinstance(node.left, ast.Name)
            and node.left.id == "permission"
        ):
            given += node.comparators
        found += [(n.lineno, word) for n in given if n is not None and (word := named(n))]
    return found


def test_no_permission_is_a_string_literal() -> None:
    """A permission is always a `Permission` member where it is checked, asked for or keyed."""
    offenders = [
        f"{relative}:{line} {word!r} (use Permission.{Permission(word).name})"
        for relative, path in linted_modules()
        + [(p.name, p) for p in (ROOT / "tests").glob("*.py")]
        for line, word in permission_literals(ast.parse(path.read_text()))
    ]
    assert not offenders, "\n".join(offenders)


def test_the_permission_lint_sees_each_way_of_naming_one() -> None:
    source = """
authorize(session, actor, "void", now=now)
app.till.elevate("audit", approval)
with_approval(self.app, "members", go, fail)
permission = "savings"
PERMISSIONS["users"]
TABLE = {"sell": 1, "hold": 2}
authorize(session, actor, Permission.VOID, now=now)
Binding("f8", "hold", "ui.key.hold")
"""
    assert sorted(w for _, w in permission_literals(ast.parse(source))) == sorted(
        ["void", "audit", "members", "savings", "users", "sell", "hold"]
    )


def test_each_permission_is_granted_and_named() -> None:
    """The role table and the phrase table are keyed by every permission, and only by them."""
    assert list(PERMISSIONS) == list(Permission) == list(PERMISSION)
    assert all(type(p) is Permission for p in [*PERMISSIONS, *PERMISSION])
    assert all(PERMISSIONS[p] for p in Permission)


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
