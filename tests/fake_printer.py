"""The fake receipt printer lives in bench/ (the kill benchmark uses it too); tests import it
from here as before."""

from bench.fake_printer import MODES, FakePrinter, Mode, status_byte

__all__ = ["MODES", "FakePrinter", "Mode", "status_byte"]
