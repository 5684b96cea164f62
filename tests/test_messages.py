"""The message catalog: every key the code uses exists, in both languages, with the same
placeholders, and every call site passes the values its message needs."""

from __future__ import annotations

import ast
import string
from dataclasses import dataclass
from pathlib import Path

import pytest

from gerai.core.errors import GeraiError
from gerai.core.i18n import set_language, t
from gerai.core.messages import MESSAGES

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([*(ROOT / "gerai").rglob("*.py"), *(ROOT / "receipts").rglob("*.py")])


@dataclass(frozen=True)
class Use:
    """One call that names a message key."""

    key: str
    where: str
    keywords: frozenset[str] | None  # None when the call passes **params


def placeholders(text: str) -> set[str]:
    return {field.split(".")[0].split("[")[0] for _, field, _, _ in string.Formatter().parse(text)
            if field is not None}  # fmt: skip


def error_classes(trees: dict[Path, ast.Module]) -> set[str]:
    """GeraiError and every class that derives from it, anywhere in the sources."""
    names = {"GeraiError"}
    changed = True
    while changed:
        changed = False
        for tree in trees.values():
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and node.name not in names:
                    bases = {b.id for b in node.bases if isinstance(b, ast.Name)}
                    if bases & names:
                        names.add(node.name)
                        changed = True
    return names


def collect_uses() -> list[Use]:
    trees = {path: ast.parse(path.read_text("utf-8"), str(path)) for path in SOURCES}
    errors = error_classes(trees)
    uses = []
    for path, tree in trees.items():
        translators = {"t"}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "gerai.core.i18n":
                translators |= {a.asname or a.name for a in node.names if a.name == "t"}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else None
            is_super_init = (
                isinstance(func, ast.Attribute)
                and func.attr == "__init__"
                and isinstance(func.value, ast.Call)
                and isinstance(func.value.func, ast.Name)
                and func.value.func.id == "super"
            )
            if name not in translators | errors and not is_super_init:
                continue
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            if is_super_init and "." not in first.value:
                continue
            starred = any(k.arg is None for k in node.keywords)
            keywords = None if starred else frozenset(k.arg for k in node.keywords if k.arg)
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            uses.append(Use(first.value, where, keywords))
    return uses


USES = collect_uses()


def test_the_scan_finds_the_calls() -> None:
    keys = {use.key for use in USES}
    # single-line and multi-line calls, GeraiError, t() and the ImportRefused super() call
    assert {"scan.bad_qty", "pay.too_little", "import.refused", "import.row_problem"} <= keys
    assert {"cli.error", "db.locked", "cli.demo_done"} <= keys
    assert len(USES) > 80


def test_every_key_used_exists() -> None:
    missing = sorted({f"{use.key} ({use.where})" for use in USES if use.key not in MESSAGES})
    assert missing == []


def test_every_message_has_both_languages() -> None:
    for key, texts in MESSAGES.items():
        assert isinstance(texts, tuple) and len(texts) == 2, key
        indonesian, english = texts
        assert isinstance(indonesian, str) and indonesian.strip(), key
        assert isinstance(english, str) and english.strip(), key


def test_both_languages_have_the_same_placeholders() -> None:
    different = {
        key: (sorted(placeholders(i)), sorted(placeholders(e)))
        for key, (i, e) in MESSAGES.items()
        if placeholders(i) != placeholders(e)
    }
    assert different == {}


def test_placeholders_are_named() -> None:
    positional = [k for k, texts in MESSAGES.items() for x in texts if "" in placeholders(x)]
    assert positional == []


def test_every_call_passes_what_its_message_needs() -> None:
    short = []
    for use in USES:
        if use.key not in MESSAGES or use.keywords is None:
            continue
        needed = placeholders(MESSAGES[use.key][0])
        if needed - use.keywords:
            short.append(f"{use.where} {use.key}: missing {sorted(needed - use.keywords)}")
    assert short == []


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_message_formats(lang: str) -> None:
    set_language(lang)
    for key, texts in MESSAGES.items():
        params = {name: f"<{name}>" for name in placeholders(texts[0])}
        shown = t(key, **params) if params else t(key)
        assert shown != key
        if "{{" not in texts[0]:
            assert "{" not in shown and "}" not in shown, key
        for value in params.values():
            assert value in shown, (key, value)


def test_a_message_may_take_a_value_called_key() -> None:
    """`config.bad_value` and `shop.bad_setting` pass `key=`: it must not clash with the
    message key itself."""
    error = GeraiError("shop.bad_setting", key="timezone", value="Mars")
    assert error.key == "shop.bad_setting"
    assert "timezone" in error.message() and "Mars" in error.message()
    set_language("en")
    assert (
        t("config.bad_value", key="db", path="/x.toml") == "Setting 'db' in /x.toml must be text."
    )
