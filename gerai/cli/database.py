"""The database itself: upgrade, copy, backup."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from gerai.core.errors import GeraiError
from gerai.core.i18n import t

if TYPE_CHECKING:  # keeps SQLAlchemy off the start-up path
    from gerai.db_copy import CopyReport


from gerai.cli.common import Options, now_utc, open_database, pass_options
from gerai.cli.progress import progress


@click.group()
def db() -> None:
    """The database itself."""


@db.command("upgrade")
@pass_options
def db_upgrade(options: Options) -> None:
    """Apply the schema migrations (creates the database if it does not exist)."""
    from gerai.db import SCHEMA_REVISION, Database

    settings = options.settings()
    database = Database(settings.db_url)
    database.upgrade()
    click.echo(t("cli.upgraded", path=str(database.path or settings.db_url), head=SCHEMA_REVISION))


def _show_copy(report: CopyReport, err: bool = False) -> None:
    """The copy's checks: rows per table, the money of all sales, the stock check."""
    from gerai.core.money import format_rupiah
    from gerai.core.quantity import format_quantity

    rows = sum(table.target for table in report.tables)
    click.echo(t("copy.tables", tables=len(report.tables), rows=rows), err=err)
    for table in report.tables:
        if table.source != table.target:
            line = t(
                "copy.table_differs", table=table.name, count=table.source, target=table.target
            )
            click.echo(line, err=err)
    source, target = report.sales_total
    if source == target:
        click.echo(t("copy.money", total=format_rupiah(source)), err=err)
    else:
        line = t("copy.money_differs", source=format_rupiah(source), target=format_rupiah(target))
        click.echo(line, err=err)
    for m in report.stock_mismatches:
        stock, ledger = format_quantity(m.stock), format_quantity(m.ledger)
        line = t("cli.stock_bad", code=m.code, name=m.name, stock=stock, ledger=ledger)
        click.echo(line, err=err)


@db.command("copy")
@click.option("--to", "to", required=True, help="the target: a SQLite file or a database URL")
@pass_options
def db_copy(options: Options, to: str) -> None:
    """Copy the whole database into another, empty one (migrated first), and verify it."""
    from gerai.db import Database, shown
    from gerai.db_copy import CopyRefused, copy_database
    from gerai.settings import db_url_from

    settings = options.settings()
    source, target = Database(settings.db_url), Database(db_url_from(to))
    try:
        with progress(t("progress.copy")) as report_rows:
            report = copy_database(source, target, progress=report_rows)
    except CopyRefused as refused:
        _show_copy(refused.report, err=True)
        raise
    _show_copy(report)
    click.echo(t("copy.done", target=shown(target.url), head=target.revision()))


@click.group(invoke_without_command=True)
@click.option(
    "--output",
    help="file to write, or - for stdout (default: beside the database, "
    "NAME-backup-YYYYMMDD-HHMMSS.db in the shop's time)",
)
@click.pass_context
def backup(ctx: click.Context, output: str | None) -> None:
    """A consistent copy of the SQLite database, taken while the tills keep selling; `list`
    and `restore` the kept copies."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(backup_now, output=output)


@pass_options
def backup_now(options: Options, output: str | None) -> None:
    """Take one copy now."""
    import shutil
    import tempfile

    from gerai.db import shown
    from gerai.db_copy import backup_file_name, backup_sqlite
    from gerai.services.shop.profile import load_shop

    settings = options.settings()
    database = open_database(settings)
    if database.path is None:
        raise GeraiError("backup.postgresql", url=shown(settings.db_url))
    if output == "-":
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "gerai.db"
            with progress(t("progress.backup")) as report:
                backup_sqlite(database, copy, progress=report)
            with copy.open("rb") as stream:
                shutil.copyfileobj(stream, sys.stdout.buffer)
        return
    with database.read() as session:
        stamp = now_utc().astimezone(load_shop(session).zone).strftime("%Y%m%d-%H%M%S")
    target = Path(output) if output else backup_file_name(database.path, stamp)
    with progress(t("progress.backup")) as report:
        size = backup_sqlite(database, target, progress=report)
    click.echo(t("backup.done", path=str(target), size=f"{size:,}".replace(",", ".")))


BACKUP_KIND = {"daily": "backups.kind_daily", "monthly": "backups.kind_monthly"}


@backup.command("list")
@pass_options
def backup_list(options: Options) -> None:
    """The copies kept in the backups folder and the second folder, newest first."""
    from gerai.backups import list_backups

    settings = options.settings()
    found = list_backups(open_database(settings), settings)
    for copy in found:
        click.echo(
            t(
                "backups.line",
                kind=t(BACKUP_KIND[copy.kind]),
                taken=copy.taken.strftime("%d-%m-%Y %H.%M"),
                size=f"{copy.size:,}".replace(",", "."),
                path=str(copy.path),
            )
        )
    click.echo(t("backups.count", count=len(found)))


@backup.command("restore")
@click.argument("file", type=click.Path(path_type=Path))
@pass_options
def backup_restore(options: Options, file: Path) -> None:
    """Put a backup in the database's place: checked first (whole, a gerai database, the
    audit chain intact), the replaced file kept; refused while a till has it open."""
    from gerai.backups import restore
    from gerai.db import Database

    database = Database(options.settings().db_url)  # a damaged one is what a restore mends
    replaced = restore(database, file, now_utc().strftime("%Y%m%d-%H%M%S"))
    click.echo(t("backups.restored", path=str(file), replaced=str(replaced)))
