"""The text field of every form and dialog: Textual's Input, except that a key typed repaints
the field alone. Input sets its virtual size to its text's width at every key, and a widget's
virtual size asks for a new layout of the whole screen: at the kasir screen that was 6-7 ms of
CPU a key, 4 ms without it. A one-line field needs a repaint only; its own scrolling reads the
virtual size as it is."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class TextField(Input):
    """An Input whose typing repaints it without a new layout of its screen."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
