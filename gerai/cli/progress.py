"""The progress of a long command: a rich bar on a terminal, a plain line now and then
otherwise (a log, a pipe, the tests), on standard error so the command's output stays as it
was. The work reports through a plain callback `(done, total)`, which the services take
without knowing who shows it."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from gerai.core.i18n import t

Report = Callable[[int, int], None]

PLAIN_AFTER = 1.0  # seconds of work before the first plain line: short work stays quiet
PLAIN_EVERY = 5.0  # seconds between plain lines
_quiet = False


def set_quiet(on: bool) -> None:
    """Show no progress at all (the tests: their output stays what the commands print)."""
    global _quiet
    _quiet = on


def _unseen(done: int, total: int) -> None:
    """The progress of work shown to no one."""


class PlainProgress:
    """Plain lines for a stream that is not a terminal: none in the first `PLAIN_AFTER`
    seconds, then one every `PLAIN_EVERY` seconds, and the last one at the end when any
    was written before it."""

    def __init__(
        self, label: str, stream: TextIO, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.label = label
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.written: float | None = None  # when the last line was written

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if done >= total:
            due = self.written is not None
        elif self.written is None:
            due = now - self.started >= PLAIN_AFTER
        else:
            due = now - self.written >= PLAIN_EVERY
        if due:
            percent = done * 100 // total if total else 100
            line = t("progress.line", label=self.label, done=done, total=total, percent=percent)
            self.stream.write(line + "\n")
            self.stream.flush()
            self.written = now


@contextmanager
def _bar(label: str, stream: TextIO) -> Iterator[Report]:
    """A rich progress bar on `stream`, a terminal."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(file=stream),
    ) as bar:
        task = bar.add_task(label, total=None)

        def report(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield report


@contextmanager
def progress(label: str, stream: TextIO | None = None) -> Iterator[Report]:
    """Show the progress of the work inside the block, as the callback it yields is told:
    a bar on a terminal, plain lines otherwise (`PlainProgress`), nothing when quiet
    (`set_quiet`); on standard error unless `stream` is given. `label` is shown as it is
    (translated by the caller)."""
    out = stream if stream is not None else sys.stderr
    if _quiet:
        yield _unseen
    elif out.isatty():
        with _bar(label, out) as report:
            yield report
    else:
        yield PlainProgress(label, out)
