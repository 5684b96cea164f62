"""The one exception a person may see: a catalog key plus the values for its message."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from gerai.core.i18n import Translator


class GeraiError(Exception):
    """A refusal or failure explained to the user; `key` names a message in the catalog."""

    def __init__(self, key: str, /, **params: Any) -> None:
        super().__init__(key, params)
        self.key = key
        self.params = params

    def message(self, translator: Translator | None = None) -> str:
        """The message in `translator`'s language (by default the TUI's or the CLI's)."""
        from gerai.core.i18n import shown

        return (translator or shown()).t(self.key, **self.params)

    def __str__(self) -> str:
        return self.message()


class Refused(GeraiError):
    """A refusal that must leave a trace although the caller's transaction rolls back (a wrong
    PIN counts towards the lockout; a refused permission is audited): `Database.write()` runs
    `aftermath` with a session of its own after the rollback, commits it, then re-raises."""

    def __init__(self, key: str, /, aftermath: Callable[[Any], None], **params: Any) -> None:
        super().__init__(key, **params)
        self.aftermath = aftermath


class FormRefused(GeraiError):
    """A form with problems, each with its field; nothing was saved. A subclass's `KEY` names
    the message that joins them."""

    KEY: ClassVar[str]

    def __init__(self, problems: list[tuple[str, GeraiError]]) -> None:
        super().__init__(self.KEY)
        self.problems = problems

    def message(self, translator: Translator | None = None) -> str:
        """The problems joined into the form's message."""
        from gerai.core.i18n import shown

        chosen = translator or shown()
        joined = "; ".join(error.message(chosen).rstrip(".") for _, error in self.problems)
        return chosen.t(self.KEY, problems=f"{joined}.")
