"""Textual's parsed CSS kept for the whole process. Textual parses every CSS source again each
time a screen class shows for the first time (`Stylesheet.reparse` starts from an empty cache)
and for every new app: the same text, parsed to the same rules. Here a source's rules are parsed
once for each set of theme variables (they go into the rules) and shared after that; the rules
are never changed once parsed (Textual's own cache shares them the same way). Installed by
`GeraiApp`; `tests/test_parsed_css.py` checks the Textual method it wraps."""

from __future__ import annotations

from typing import Any

from textual.cache import LRUCache
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet

_PARSED: LRUCache[tuple[Any, ...], list[RuleSet]] = LRUCache(512)
_parse_rules = Stylesheet._parse_rules


def _shared_parse_rules(
    self: Stylesheet,
    css: str,
    read_from: Any,
    is_default_rules: bool = False,
    tie_breaker: int = 0,
    scope: str = "",
) -> list[RuleSet]:
    """`Stylesheet._parse_rules`, its result kept for every stylesheet of the process."""
    key = (css, read_from, is_default_rules, tie_breaker, scope, frozenset(self._variables.items()))
    rules = _PARSED.get(key)
    if rules is None:
        rules = _parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
        _PARSED[key] = rules
    return rules


def install() -> None:
    """Share parsed CSS between the process's stylesheets (once; again does nothing)."""
    Stylesheet._parse_rules = _shared_parse_rules  # type: ignore[method-assign]
