"""The one exception a person may see: a catalog key plus the values for its message."""

from collections.abc import Callable
from typing import Any, ClassVar


class GeraiError(Exception):
    """A refusal or failure explained to the user; `key` names a message in the catalog."""

    def __init__(self, key: str, /, **params: Any) -> None:
        super().__init__(key, params)
        self.key = key
        self.params = params

    def message(self) -> str:
        """The message in the current language."""
        from gerai.core.i18n import t

        return t(self.key, **self.params)

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
        joined = "; ".join(str(error).rstrip(".") for _, error in problems)
        super().__init__(self.KEY, problems=f"{joined}.")
        self.problems = problems
