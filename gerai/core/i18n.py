"""Every text a person reads comes from the gettext catalogs `gerai/locale/<lang>/LC_MESSAGES/
gerai.po` (msgid = a stable key such as `pay.too_little`, Python `{name}` placeholders). A
`Translator` speaks one language; the TUI app and the CLI hold one (`use`) and translate with
`t(key, **params)`. Services never translate: they raise `GeraiError(key, **params)` and return
message keys and values. A plural message picks its form by its `count` value.

The `.mo` files are compiled at build time (hatch_build.py); in a source checkout a missing or
stale `.mo` is compiled from its `.po` on first use (with Babel) and kept when the folder is
writable."""

from __future__ import annotations

import gettext
import logging
import os
from collections.abc import Callable
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from gerai.core.errors import GeraiError
from gerai.core.phrases import Phrase

LANGUAGES = ("id", "en")
DOMAIN = "gerai"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"

_log = logging.getLogger(__name__)
_strict = False


class MissingMessage(KeyError):
    """A key that the catalog of a language does not hold (raised in strict mode only)."""


def set_strict(on: bool) -> None:
    """In strict mode (the tests) a missing key raises `MissingMessage`; otherwise it is logged
    and shown in the other language, or as the key with its values."""
    global _strict
    _strict = on


def catalog_path(lang: str, suffix: str = ".po") -> Path:
    """The catalog file of `lang`."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def compile_catalog(po: Path) -> bytes:
    """The `.mo` bytes of the `.po` file `po` (needs Babel)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle)
    out = BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def _load(lang: str) -> gettext.GNUTranslations:
    po, mo = catalog_path(lang), catalog_path(lang, ".mo")
    if mo.exists() and not (po.exists() and po.stat().st_mtime > mo.stat().st_mtime):
        with mo.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    data = compile_catalog(po)
    try:
        import tempfile

        fd, temporary = tempfile.mkstemp(dir=mo.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, mo)
    except OSError:  # a read-only install: use the compiled catalog from memory
        _log.debug("cannot write %s", mo)
    return gettext.GNUTranslations(BytesIO(data))


class Translator:
    """The messages of one language."""

    def __init__(self, lang: str) -> None:
        if lang not in LANGUAGES:
            raise ValueError(lang)
        self.lang = lang
        loaded = _load(lang)
        self._catalog: dict[Any, str] = loaded._catalog  # type: ignore[attr-defined]
        self._plural: Callable[[int], int] = loaded.plural  # type: ignore[attr-defined]

    def __contains__(self, key: str) -> bool:
        return key in self._catalog or (key, 0) in self._catalog

    def t(self, key: str, /, **params: Any) -> str:
        """The message `key` with `params` filled in; a plural message picks its form by the
        integer `count` in `params`."""
        text = self._catalog.get(key)
        if text is None and (key, 0) in self._catalog:
            text = self._catalog[(key, self._plural(int(params["count"])))]
        if text is None:
            return self._missing(key, params)
        if not params:
            return text
        return text.format(**{name: self._shown(value) for name, value in params.items()})

    def phrase(self, phrase: Phrase) -> str:
        """A Phrase in this language."""
        return self.t(phrase.key, **phrase.params)

    def _shown(self, value: Any) -> Any:
        if isinstance(value, Phrase):
            return self.phrase(value)
        if isinstance(value, GeraiError):
            return value.message(self)
        if isinstance(value, tuple) and value and all(isinstance(v, Phrase | str) for v in value):
            return ", ".join(self._shown(v) for v in value)
        return value

    def _missing(self, key: str, params: dict[str, Any]) -> str:
        if _strict:
            raise MissingMessage(f"{key} is not in the {self.lang} catalog")
        _log.warning("message %s is not in the %s catalog", key, self.lang)
        for other in LANGUAGES:
            if other != self.lang and key in translator(other):
                return translator(other).t(key, **params)
        return " ".join([key, *(f"{name}={value}" for name, value in params.items())])


@cache
def translator(lang: str) -> Translator:
    """The (shared) translator of `lang`."""
    return Translator(lang)


_shown: Translator | None = None


def use(chosen: Translator) -> None:
    """The translator the TUI and the CLI speak with (they call this once they know the shop's
    language)."""
    global _shown
    _shown = chosen


def set_language(lang: str) -> None:
    """Speak `lang` in the TUI and the CLI."""
    use(translator(lang))


def shown() -> Translator:
    """The translator of the TUI and the CLI (Indonesian until `use` is called)."""
    return _shown or translator(LANGUAGES[0])


def t(key: str, /, **params: Any) -> str:
    """The message `key` in the front end's language (TUI and CLI only; never in services)."""
    return shown().t(key, **params)
