"""The `gerai` command line. Each command resolves the settings and opens the database to read,
or a `Till` (`common.cli_till`) whose verbs make every write: no command opens a write
transaction of its own; heavy modules (Textual, exports) are imported only by the command that
needs them. Errors are one line on stderr with exit code 1; usage errors exit 2. The command line
is the shop owner's tool on the shop's machine: it acts as `auth.SYSTEM` (role admin), and
what it changes is audited under that name. One module per group of commands."""

from __future__ import annotations

import importlib
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from gerai.cli.common import GeraiGroup, Options, now_utc, open_database, pass_options
from gerai.core.errors import GeraiError
from gerai.core.i18n import t

if TYPE_CHECKING:
    from collections.abc import Iterator

    from gerai.db import Database
    from gerai.settings import Settings
    from gerai.tui.app import GeraiApp

# each group of commands, imported only when it is the one run (or listed by --help)
LAZY_COMMANDS = {
    "products": "products:products",
    "labels": "products:labels",
    "prices": "products:prices",
    "members": "members:members",
    "report": "report:report",
    "kas": "kas:kas",
    "stock": "stock:stock",
    "po": "purchase:po",
    "supplier": "supplier:supplier",
    "printer": "printer:printer",
    "receipt": "printer:receipt",
    "db": "database:db",
    "backup": "database:backup",
    "audit": "audit:audit_group",
    "users": "users:users",
    "shop": "shop:shop",
    "setup": "shop:setup",
}


class LazyGroup(GeraiGroup):
    """The top command: its groups (`LAZY_COMMANDS`, `name: module:attribute` in gerai.cli)
    are imported when named, so `gerai` alone starts the TUI without importing them (click's
    lazy-loading pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in LAZY_COMMANDS:
            return super().get_command(ctx, cmd_name)
        module, _, attribute = LAZY_COMMANDS[cmd_name].partition(":")
        command = getattr(importlib.import_module(f"gerai.cli.{module}"), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"gerai.cli.{module}.{attribute} is not a command")
        return command


@click.group(cls=LazyGroup, invoke_without_command=True)
@click.option("--db", help="SQLite file or SQLAlchemy URL [GERAI_DB]")
@click.option("--config", help="settings file (TOML) [GERAI_CONFIG]")
@click.option("--printer", help="receipt printer URL [GERAI_PRINTER]")
@click.option("--lang", type=click.Choice(["id", "en"]), help="UI language [GERAI_LANG]")
@click.version_option(package_name="gerai")
@click.pass_context
def main(
    ctx: click.Context, db: str | None, config: str | None, printer: str | None, lang: str | None
) -> None:
    """gerai: kasir dan stok gerai sembako Koperasi Merah Putih."""
    from gerai.logs import configure_logging

    configure_logging()
    ctx.obj = Options(db, config, printer, lang)
    if ctx.invoked_subcommand is None:
        ctx.invoke(run)


@main.command()
@pass_options
def run(options: Options) -> None:
    """Open the kasir screen."""
    with kasir_app(options.settings()) as app:
        app.run()


@contextmanager
def kasir_app(settings: Settings) -> Iterator[GeraiApp]:
    """The TUI of this till, to be run inside the block: its login field shows at once, and
    the database opens behind it (checked as `open_database` does, and held open so that a
    restore waits until the till is closed). A database that cannot be opened ends the TUI
    and is raised here, after it."""
    from gerai.tui.app import GeraiApp

    with ExitStack() as held:

        def opened() -> Database:
            database = open_database(settings)
            from gerai.backups import holding

            held.enter_context(holding(database))
            return database

        app = GeraiApp(settings, opened)
        yield app
    if app.failure is not None:
        raise app.failure


@main.command()
@click.option(
    "--days",
    default=30,
    show_default=True,
    type=click.IntRange(0, 400),
    help="days of past sales to generate",
)
@pass_options
def demo(options: Options, days: int) -> None:
    """Create the demo database (catalogue, members and past sales)."""
    from gerai.cli.progress import progress
    from gerai.db import Database, count_rows, shown
    from gerai.demo import generate as demo_service
    from gerai.models import Member, Product

    settings = options.settings()
    database = Database(settings.db_url)
    if database.path is None or database.path.exists():
        holds_data = False
        if database.revision() is not None:
            with database.read() as session:
                holds_data = demo_service.holds_data(session)
                if holds_data and not demo_service.is_demo(session):
                    raise GeraiError("cli.demo_refused", path=shown(settings.db_url))
        elif database.has_tables():  # another program's database: never delete it
            raise GeraiError("db.not_gerai", path=shown(settings.db_url))
        if database.path is None:  # a server database is never dropped, only an empty one filled
            if holds_data:
                raise GeraiError("demo.server_not_empty", path=shown(settings.db_url))
        else:
            database.dispose()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{database.path}{suffix}").unlink(missing_ok=True)
            database = Database(settings.db_url)
    database.upgrade()
    with progress(t("progress.demo")) as report:
        sales = demo_service.build_demo(database, settings, days, now_utc(), progress=report)
    with database.read() as session:
        products_count, members_count = count_rows(session, Product), count_rows(session, Member)
    click.echo(
        t(
            "cli.demo_done",
            path=shown(settings.db_url),
            products=products_count,
            members=members_count,
            sales=sales,
            days=days,
        )
    )
