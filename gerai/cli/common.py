"""What every command shares: the options, opening the database (for reading) or the till
(worked by the command line's operator: every write of the command line is a verb of a
`Till`, never a transaction of its own), dates, output files, imports and exports of tables,
and the error that exits 1."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO

import click

from gerai.core.errors import GeraiError
from gerai.core.i18n import set_language, shown, t
from gerai.files import atomic_file
from gerai.settings import Settings, load_settings

if TYPE_CHECKING:  # keeps SQLAlchemy off the start-up path
    from gerai.db import Database
    from gerai.printing import PrintQueue
    from gerai.services.importing import ImportReport
    from gerai.tabular import Table
    from gerai.till import Till


class UserError(click.ClickException):
    """A GeraiError shown as one translated line, exit code 1."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(t("cli.error", message=self.message), err=True)


class GeraiGroup(click.Group):
    """Turns GeraiErrors raised anywhere below into a clean exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GeraiError as exc:
            raise UserError(exc.message()) from exc
        except KeyboardInterrupt:
            click.echo(t("cli.interrupted"), err=True)
            ctx.exit(130)


@dataclass
class Options:
    """The global options given before the command."""

    db: str | None
    config: str | None
    printer: str | None
    lang: str | None

    def settings(self) -> Settings:
        settings = load_settings(self.db, self.config, self.printer, self.lang)
        set_language(settings.lang)
        return settings


pass_options = click.make_pass_decorator(Options)


def open_database(settings: Settings, *, thorough: bool = False) -> Database:
    """The shop's database, checked to be a current gerai database and not damaged: in the
    tables a till reads first, or `thorough`ly over the whole file (SQLite's quick_check)."""
    from gerai.db import Database

    database = Database(settings.db_url)
    database.check_ready()
    if thorough:
        database.check_intact()
    return database


def open_till(queue: PrintQueue) -> Till:
    """This till on the database of `queue`, its print queue, worked by the command line's
    operator (`SYSTEM`)."""
    from gerai.services.shop.auth import SYSTEM
    from gerai.till import Till

    return Till(queue.settings, queue.database, queue, now_utc, SYSTEM)


def cli_till(options: Options, *, thorough: bool = False) -> Till:
    """This till (its database checked, `thorough`ly when asked), worked by the command line's
    operator (`SYSTEM`), for a command that prints nothing: its queue has no printer, so a
    printer setting the command does not need never stops it (the commands that print open
    the till on `print_queue`)."""
    from dataclasses import replace

    from gerai.printing import PrintQueue

    settings = replace(options.settings(), printer="none")
    return open_till(PrintQueue(open_database(settings, thorough=thorough), settings, now_utc))


def now_utc() -> datetime:
    """The current moment (UTC, aware)."""
    from gerai.models import utcnow

    return utcnow()


def parse_date(value: str | None, today: date) -> date:
    """A `YYYY-MM-DD` date that is not in the future; `today` when not given."""
    if value is None:
        return today
    try:
        day = date.fromisoformat(value)
    except ValueError as exc:
        raise GeraiError("cli.bad_date", value=value) from exc
    if day > today:
        raise GeraiError("cli.future_date", value=value)
    return day


@contextmanager
def output_stream(
    output: str | None, default_name: str, *, private: bool = False
) -> Iterator[BinaryIO]:
    """Write to stdout for `-`, else to a file that appears whole or not at all (0600 when
    `private`: it holds personal data)."""
    if output == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    target = Path(output or default_name)
    with atomic_file(target, private=private) as stream:
        yield stream
    click.echo(str(target), err=True)


IMPORT_STEPS = 3  # an import's progress: the file read, its rows checked, written


def _import(
    options: Options,
    file: Path,
    stage: Callable[[Till, Table], Any],
    apply: Callable[[Till, Any], ImportReport],
) -> None:
    """Check the file in a read transaction (`stage`), then write it in one short write
    transaction (`apply`), both verbs of the till: the tills selling beside a big import never
    wait for its checks. Its progress is shown by step: read, checked, written."""
    from gerai.cli.progress import progress
    from gerai.services.importing import ImportRefused
    from gerai.tabular import read_table

    till = cli_till(options, thorough=True)
    try:
        with progress(t("progress.import")) as step:
            table = read_table(file)
            step(1, IMPORT_STEPS)
            staged = stage(till, table)
            step(2, IMPORT_STEPS)
            report = apply(till, staged)
            step(3, IMPORT_STEPS)
    except ImportRefused as refused:
        for problem in refused.problems:
            click.echo(shown().phrase(problem.phrase()), err=True)
        raise
    for problem in report.skipped:
        click.echo(shown().phrase(problem.phrase()), err=True)
    click.echo(
        t(
            "import.done",
            created=report.created,
            updated=report.updated,
            count=len({p.row for p in report.skipped}),
        )
    )
    if report.opening:
        click.echo(t("import.opening", number=report.opening))


def _export(
    options: Options,
    fmt: str,
    output: str | None,
    name: str,
    header: list[str],
    rows_of: Callable[[Any], list[dict[str, Any]]],
    *,
    headings: dict[str, str] | None = None,
    private: bool = False,
) -> None:
    """Export rows: JSON and the default CSV with the field names; an XLSX (and a CSV asked for
    with `--lang`) with `headings` (heading -> field: the import's own, so the file goes back
    in), money as Rupiah numbers, through the one XLSX writer."""
    from gerai.exports.people import kind_of
    from gerai.tabular import Kind, Sheet, write_table, xlsx_bytes

    database = open_database(options.settings())
    with database.read() as session:
        rows = rows_of(session)
    shown = {field: heading for heading, field in (headings or {}).items()}
    titles = [shown.get(field, field) for field in header]
    with output_stream(output, f"{name}.{fmt}", private=private) as stream:
        if fmt == "xlsx":  # quantities stay exact text: the import reads them back as written
            kinds = [kind_of(f) if kind_of(f) == Kind.MONEY else Kind.TEXT for f in header]
            values = [[row.get(f) for f in header] for row in rows]
            stream.write(xlsx_bytes([Sheet(name, titles, values, kinds)]))
        elif fmt == "csv" and options.lang is not None:
            named = [dict(zip(titles, (r.get(f) for f in header), strict=True)) for r in rows]
            write_table(stream, fmt, titles, named)
        else:
            write_table(stream, fmt, header, rows, sheet=name)


FORMAT = click.Choice(["csv", "xlsx", "json"])


def print_queue(options: Options) -> PrintQueue:
    """The print queue of this till, on its database."""
    from gerai.printing import PrintQueue

    settings = options.settings()
    return PrintQueue(open_database(settings), settings, now_utc)


DOCUMENT_FORMATS = ("pdf", "xlsx")  # written to a file unless `--output -` says otherwise


def write_whole(
    output: str | None, default_name: str, data: bytes, *, private: bool = False
) -> None:
    """Write finished bytes: a PDF or XLSX to `default_name` unless told otherwise, other
    formats to stdout unless told otherwise (0600 when `private`)."""
    to_file = default_name.rsplit(".", 1)[-1] in DOCUMENT_FORMATS
    with output_stream(
        output or (None if to_file else "-"), default_name, private=private
    ) as stream:
        stream.write(data)
