"""Text a person types or imports: no control characters. A NUL or an escape code in a name
breaks receipts, exports and a copy to PostgreSQL (which refuses NUL outright). Tabs and line
breaks are allowed only in a field that may hold several lines (an address, a receipt
footer); elsewhere they are refused like any other control character."""

from __future__ import annotations

import re

from gerai.core.errors import GeraiError

# C0 controls, DEL, C1 controls and the Unicode line and paragraph separators
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_BUT_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def check_text(value: str, *, lines: bool = False) -> str:
    """`value` itself when it holds no control character (tab and line breaks allowed only
    with `lines`); else GeraiError `text.control` naming the first one (`U+0000`)."""
    found = (_CONTROL_BUT_LINES if lines else _CONTROL).search(value)
    if found is not None:
        raise GeraiError("text.control", char=f"U+{ord(found.group()):04X}")
    return value
