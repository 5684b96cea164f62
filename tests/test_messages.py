"""The message catalogs (gerai/locale/<lang>/LC_MESSAGES/gerai.po) and a lint over the call
sites: every key the code names exists in both languages with the same placeholders, no key is
built at run time, plural entries are complete, every call passes what its message needs, and
a missing key fails loudly in the tests."""

from __future__ import annotations

import ast
import os
import re
import shutil
import string
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from gerai.core import i18n
from gerai.core.errors import GeraiError
from gerai.core.i18n import LANGUAGES, MissingMessage, Translator, set_language, t, translator
from gerai.core.phrases import Phrase

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([*(ROOT / "gerai").rglob("*.py"), *(ROOT / "receipts").rglob("*.py")])
KEYLIKE = r"^[a-z_]+(\.[a-z0-9_]+)+$"


def load(lang: str) -> Catalog:
    with i18n.catalog_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang)


CATALOGS = {lang: load(lang) for lang in LANGUAGES}
# key -> the texts of every language and form
TEXTS = {
    lang: {
        m.id[0] if isinstance(m.id, tuple) else m.id: (
            tuple(m.string) if isinstance(m.string, tuple) else (m.string,)
        )
        for m in catalog
        if m.id
    }
    for lang, catalog in CATALOGS.items()
}
PLURAL = {m.id[0] for m in CATALOGS["id"] if isinstance(m.id, tuple)}


@dataclass(frozen=True)
class Use:
    """One place that names a message key."""

    key: str
    where: str
    keywords: frozenset[str] | None  # None when the values are not all visible


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


def is_key_call(node: ast.Call, callers: set[str]) -> bool:
    """A call of `t`, of a translator's `.t`, of a GeraiError class, of Phrase, or the
    `super().__init__` of a GeraiError subclass."""
    func = node.func
    if isinstance(func, ast.Name):
        return func.id in callers
    return isinstance(func, ast.Attribute) and (
        func.attr == "t"
        or (
            func.attr == "__init__"
            and isinstance(func.value, ast.Call)
            and isinstance(func.value.func, ast.Name)
            and func.value.func.id == "super"
        )
    )


def key_tables(tree: ast.Module) -> list[tuple[str, int]]:
    """The literal keys of module-level tables such as `METHOD = {"tunai": "method.tunai"}`."""
    found = []
    for node in tree.body:
        if not (isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None):
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if not all(isinstance(x, ast.Name) and x.id.isupper() for x in targets):
            continue
        value = node.value
        items = value.values if isinstance(value, ast.Dict) else getattr(value, "elts", None)
        if not items or not all(isinstance(x, ast.Constant) for x in items):
            continue
        texts = [x.value for x in items]  # type: ignore[attr-defined]
        if all(isinstance(x, str) and re.match(KEYLIKE, x) for x in texts):
            found += [(x, node.lineno) for x in texts]
    return found


PREFIXES = {key[: i + 1] for key in TEXTS["id"] for i, c in enumerate(key) if c in "._"}


def builds_a_key(node: ast.JoinedStr) -> bool:
    """An f-string that starts like a message key (`f"method.{m}"`)."""
    first = node.values[0] if node.values else None
    return (
        isinstance(first, ast.Constant)
        and len(node.values) > 1
        and (first.value in PREFIXES or first.value in TEXTS["id"])
    )


def scan() -> tuple[list[Use], list[str]]:
    """Every use of a key, and every call that builds its key at run time."""
    trees = {path: ast.parse(path.read_text("utf-8"), str(path)) for path in SOURCES}
    callers = {"t", "Phrase"} | error_classes(trees)
    uses, built = [], []
    for path, tree in trees.items():
        where_of = f"{path.relative_to(ROOT)}:"
        uses += [Use(key, f"{where_of}{line}", None) for key, line in key_tables(tree)]
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr) and builds_a_key(node):
                built.append(f"{where_of}{node.lineno}")
            if not isinstance(node, ast.Call) or not node.args or not is_key_call(node, callers):
                continue
            first, where = node.args[0], f"{where_of}{node.lineno}"
            if isinstance(first, ast.JoinedStr | ast.BinOp):
                built.append(where)
                continue
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                continue
            if "." not in first.value:
                continue
            keywords: frozenset[str] | None
            if isinstance(node.func, ast.Name) and node.func.id == "Phrase":
                given = node.args[1] if len(node.args) > 1 else None
                keywords = (
                    frozenset(k.value for k in given.keys if isinstance(k, ast.Constant))
                    if isinstance(given, ast.Dict) and None not in given.keys
                    else (frozenset() if given is None else None)
                )
            elif any(k.arg is None for k in node.keywords):
                keywords = None
            else:
                keywords = frozenset(k.arg for k in node.keywords if k.arg)
            uses.append(Use(first.value, where, keywords))
    return uses, built


@pytest.fixture(scope="module")
def scanned() -> tuple[list[Use], list[str]]:
    """The scan, made once by the worker that runs this module's tests that need it (at import
    it cost every pytest-xdist worker 1.5 s of CPU, most of them for nothing)."""
    return scan()


def test_the_scan_finds_the_calls(scanned: tuple[list[Use], list[str]]) -> None:
    uses, _ = scanned
    keys = {use.key for use in uses}
    # single-line and multi-line calls, GeraiError, t(), a translator's .t(), Phrase, the
    # ImportRefused super() call and the tables of literal keys
    assert {"scan.bad_qty", "pay.too_little", "import.refused", "import.row_problem"} <= keys
    assert {"cli.error", "db.locked", "cli.demo_done", "receipt.total"} <= keys
    assert {"method.kasbon", "perm.void", "ui.users.full_name"} <= keys
    assert len(uses) > 80


def test_no_key_is_built_at_run_time(scanned: tuple[list[Use], list[str]]) -> None:
    _, built = scanned
    assert built == []


def test_every_key_used_exists_in_both_languages(scanned: tuple[list[Use], list[str]]) -> None:
    uses, _ = scanned
    for lang in LANGUAGES:
        missing = sorted({f"{u.key} ({u.where})" for u in uses if u.key not in TEXTS[lang]})
        assert missing == [], lang


def test_both_catalogs_hold_the_same_keys() -> None:
    assert set(TEXTS["id"]) == set(TEXTS["en"])
    assert len(TEXTS["id"]) > 900


def test_every_message_is_translated() -> None:
    for lang in LANGUAGES:
        empty = [key for key, forms in TEXTS[lang].items() if not all(f.strip() for f in forms)]
        assert empty == [], lang


def test_both_languages_have_the_same_placeholders() -> None:
    different = {}
    for key, forms in TEXTS["id"].items():
        expected = placeholders(forms[0])
        for text in (*forms, *TEXTS["en"][key]):
            if placeholders(text) != expected:
                different[key] = (sorted(expected), sorted(placeholders(text)))
    assert different == {}


def test_placeholders_are_named() -> None:
    positional = [k for lang in LANGUAGES for k, forms in TEXTS[lang].items()
                  for x in forms if "" in placeholders(x)]  # fmt: skip
    assert positional == []


def test_plural_entries_are_complete() -> None:
    assert CATALOGS["id"].num_plurals == 1 and CATALOGS["en"].num_plurals == 2
    assert {"ui.lines", "printer.waiting", "ui.corrections.refund"} <= PLURAL
    assert {m.id[0] for m in CATALOGS["en"] if isinstance(m.id, tuple)} == PLURAL
    for key in PLURAL:
        assert len(TEXTS["id"][key]) == 1 and len(TEXTS["en"][key]) == 2, key
        assert "count" in placeholders(TEXTS["id"][key][0]), key


def test_every_call_passes_what_its_message_needs(scanned: tuple[list[Use], list[str]]) -> None:
    uses, _ = scanned
    short = []
    for use in uses:
        if use.key not in TEXTS["id"] or use.keywords is None:
            continue
        needed = placeholders(TEXTS["id"][use.key][0])
        if needed - use.keywords:
            short.append(f"{use.where} {use.key}: missing {sorted(needed - use.keywords)}")
    assert short == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_formats(lang: str) -> None:
    shown = translator(lang)
    for key, forms in TEXTS[lang].items():
        params: dict[str, object] = {name: f"<{name}>" for name in placeholders(forms[0])}
        for count in (1, 2) if key in PLURAL else (None,):
            if count is not None:
                params["count"] = count
            text = shown.t(key, **params)
            if "{{" not in forms[0]:
                assert "{" not in text and "}" not in text, key
            for value in params.values():
                assert str(value) in text, (key, value)


def test_plural_forms_follow_the_count() -> None:
    assert translator("en").t("ui.lines", count=1) == "1 line"
    assert translator("en").t("ui.lines", count=3) == "3 lines"
    assert translator("id").t("ui.lines", count=1) == "1 baris"
    assert translator("id").t("ui.lines", count=3) == "3 baris"


def test_a_missing_key_fails_loudly_in_the_tests() -> None:
    with pytest.raises(MissingMessage):
        t("no.such_key")
    with pytest.raises(MissingMessage):
        GeraiError("no.such_key", value=1).message()


def test_a_missing_key_still_shows_something_readable_to_a_user() -> None:
    i18n.set_strict(False)
    try:
        assert translator("en").t("no.such_key", value=7) == "no.such_key value=7"
    finally:
        i18n.set_strict(True)


def test_phrases_and_errors_inside_a_message_speak_its_language() -> None:
    error = GeraiError("auth.not_allowed", permission=Phrase("perm.void"))
    assert "Batal" in error.message() or "batal" in error.message()
    english = error.message(translator("en"))
    assert "Void" in english or "void" in english
    methods = (Phrase("method.tunai"), Phrase("method.kasbon"))
    text = translator("en").t("retur.bad_method", method="qris", methods=methods)
    assert "Cash, Member credit" in text


def test_a_catalog_is_compiled_from_its_po_when_its_mo_is_missing_or_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for lang in LANGUAGES:
        target = tmp_path / lang / "LC_MESSAGES"
        target.mkdir(parents=True)
        shutil.copy(i18n.catalog_path(lang), target)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    assert Translator("en").t("ui.lines", count=2) == "2 lines"
    mo = tmp_path / "en" / "LC_MESSAGES" / "gerai.mo"
    assert mo.exists()
    po = mo.with_suffix(".po")
    po.write_text(po.read_text("utf-8").replace('"{count} lines"', '"{count} rows"'), "utf-8")
    os.utime(mo, (mo.stat().st_mtime - 10, mo.stat().st_mtime - 10))  # edited after compiling
    assert Translator("en").t("ui.lines", count=2) == "2 rows"


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
