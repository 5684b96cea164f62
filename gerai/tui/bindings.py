"""Key bindings whose descriptions are catalog keys, translated when a screen is made."""

from dataclasses import replace

from textual.binding import BindingsMap
from textual.dom import DOMNode

from gerai.core.i18n import t


def localize_bindings(node: DOMNode) -> None:
    """Replace every binding description that is a catalog key (`ui.…`) by its text."""
    translated = {
        key: [
            replace(b, description=t(b.description)) if b.description.startswith("ui.") else b
            for b in bindings
        ]
        for key, bindings in node._bindings.key_to_bindings.items()
    }
    node._bindings = BindingsMap.from_keys(translated)
