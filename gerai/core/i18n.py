"""Every string a person reads goes through `t(key)`; the texts live in `gerai.core.messages`."""

from typing import Any

from gerai.core.messages import MESSAGES

LANGUAGES = ("id", "en")
_current = "id"


def set_language(lang: str) -> None:
    """Choose the UI language: `id` (default) or `en`."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _current = lang


def language() -> str:
    """The current UI language."""
    return _current


def t(key: str, /, **params: Any) -> str:
    """The message `key` in the current language, with `params` filled in."""
    texts = MESSAGES.get(key)
    if texts is None:
        return key
    text = texts[LANGUAGES.index(_current)]
    return text.format(**params) if params else text
