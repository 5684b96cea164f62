"""The style sheets (`.tcss`) of the screens, one per area."""

from pathlib import Path

_HERE = Path(__file__).parent


def sheet(name: str) -> Path:
    """The absolute path of the style sheet `name` (e.g. `dialogs`): the same for a screen and
    its subclasses wherever they are defined (a relative CSS_PATH is resolved against the file
    of the class being instantiated)."""
    return _HERE / f"{name}.tcss"
