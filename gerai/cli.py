"""The `gerai` command line. Each command resolves the settings, opens the database and calls
the services; heavy modules (Textual, exports) are imported only by the command that needs
them. Errors are one line on stderr with exit code 1; usage errors exit 2. The command line
is the shop owner's tool on the shop's machine: it acts as `auth.SYSTEM` (role admin), and
what it changes is audited under that name."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO

import click

from gerai.errors import GeraiError
from gerai.files import atomic_file
from gerai.i18n import set_language, t
from gerai.settings import Settings, load_settings

if TYPE_CHECKING:  # keeps SQLAlchemy off the start-up path
    from gerai.db import Database
    from gerai.db_copy import CopyReport
    from gerai.printing import PrintQueue
    from gerai.services.reports import DailySummary
    from gerai.services.shop import ShopProfile


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


def open_database(settings: Settings) -> Database:
    """The shop's database, checked to be a current gerai database."""
    from gerai.db import Database

    database = Database(settings.db_url)
    database.check_ready()
    return database


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
def output_stream(output: str | None, default_name: str) -> Iterator[BinaryIO]:
    """Write to stdout for `-`, else to a file that appears whole or not at all."""
    if output == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    target = Path(output or default_name)
    with atomic_file(target) as stream:
        yield stream
    click.echo(str(target), err=True)


@click.group(cls=GeraiGroup, invoke_without_command=True)
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
    settings = options.settings()
    database = open_database(settings)
    from gerai.tui.app import GeraiApp

    GeraiApp(settings, database).run()


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
    from gerai.db import Database, count_rows, shown
    from gerai.models import Member, Product
    from gerai.paths import data_dir
    from gerai.services import demo as demo_service

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
    now = now_utc()
    with database.write() as session:  # the opening stock comes before the generated sales
        opened = now - timedelta(days=days + 1)
        shop = demo_service.load_catalogue(session, data_dir(), opened)
        demo_service.create_demo_users(session, opened)
    sales = demo_service.generate_sales(database.write, shop, days, shop.business_date(now))
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


def _import(
    options: Options, file: Path, skip_bad: bool, action: Callable[[Any, Any, datetime], Any]
) -> None:
    from gerai.services.importing import ImportRefused
    from gerai.tabular import read_table

    database = open_database(options.settings())
    table = read_table(file)
    try:
        with database.write() as session:
            report = action(session, table, now_utc())
    except ImportRefused as refused:
        for problem in refused.problems:
            click.echo(problem.message(), err=True)
        raise
    for problem in report.skipped:
        click.echo(problem.message(), err=True)
    click.echo(
        t(
            "import.done",
            created=report.created,
            updated=report.updated,
            skipped=len({p.row for p in report.skipped}),
        )
    )


def _export(
    options: Options,
    fmt: str,
    output: str | None,
    name: str,
    header: list[str],
    rows_of: Callable[[Any], list[dict[str, Any]]],
) -> None:
    from gerai.tabular import write_table

    database = open_database(options.settings())
    with database.read() as session:
        rows = rows_of(session)
    with output_stream(output, f"{name}.{fmt}") as stream:
        write_table(stream, fmt, header, rows, sheet=name)


FORMAT = click.Choice(["csv", "xlsx", "json"])


@main.group()
def products() -> None:
    """The product catalogue."""


@products.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--skip-bad", is_flag=True, help="import the good rows, report and skip the bad")
@pass_options
def products_import(options: Options, file: Path, skip_bad: bool) -> None:
    """Import products from CSV, XLSX or JSON (all rows checked first)."""
    from gerai.services.auth import SYSTEM
    from gerai.services.products_io import import_products

    _import(
        options,
        file,
        skip_bad,
        lambda session, table, now: import_products(
            session, table, now, actor=SYSTEM, skip_bad=skip_bad
        ),
    )


@products.command("export")
@click.option("--format", "fmt", type=FORMAT, default="csv", show_default=True)
@click.option("--output", help="file to write, or - for stdout")
@pass_options
def products_export(options: Options, fmt: str, output: str | None) -> None:
    """Export the catalogue, with stock."""
    from gerai.services.products_io import PRODUCT_COLUMNS, export_products

    _export(options, fmt, output, "produk", PRODUCT_COLUMNS, export_products)


@main.group()
def members() -> None:
    """The member register."""


@members.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--skip-bad", is_flag=True, help="import the good rows, report and skip the bad")
@pass_options
def members_import(options: Options, file: Path, skip_bad: bool) -> None:
    """Import members from CSV, XLSX or JSON (all rows checked first)."""
    from gerai.services.auth import SYSTEM
    from gerai.services.members_io import import_members
    from gerai.services.shop import load_shop

    def action(session: Any, table: Any, now: datetime) -> Any:
        today = load_shop(session).business_date(now)
        return import_members(session, table, today, skip_bad, actor=SYSTEM, now=now)

    _import(options, file, skip_bad, action)


@members.command("export")
@click.option("--format", "fmt", type=FORMAT, default="csv", show_default=True)
@click.option("--output", help="file to write, or - for stdout")
@pass_options
def members_export(options: Options, fmt: str, output: str | None) -> None:
    """Export the member register."""
    from gerai.services.members_io import MEMBER_COLUMNS, export_members

    _export(options, fmt, output, "anggota", MEMBER_COLUMNS, export_members)


@main.group()
def report() -> None:
    """Reports."""


DAILY_FORMATS = ("pdf", "csv", "xlsx", "json")
CASHBOOK_FORMATS = ("csv", "xlsx")
DOCUMENT_FORMATS = ("pdf", "xlsx")  # written to a file unless `--output -` says otherwise


def report_format(fmt: str | None, output: str | None, accepted: tuple[str, ...]) -> str:
    """The format asked for, else the one the output file's name ends with, else the first."""
    if fmt is not None:
        return fmt
    suffix = Path(output).suffix.lstrip(".").lower() if output and output != "-" else ""
    return suffix if suffix in accepted else accepted[0]


def day_summary(options: Options, day: str | None) -> tuple[DailySummary, ShopProfile]:
    """The daily summary of `--date` (default: today in the shop's time zone), and the shop."""
    from gerai.services.reports import daily_summary
    from gerai.services.shop import load_shop

    database = open_database(options.settings())
    with database.read() as session:
        shop = load_shop(session)
        summary = daily_summary(session, parse_date(day, shop.business_date(now_utc())), shop)
    return summary, shop


def write_whole(output: str | None, default_name: str, data: bytes) -> None:
    """Write finished bytes: a PDF or XLSX to `default_name` unless told otherwise, other
    formats to stdout unless told otherwise."""
    to_file = default_name.rsplit(".", 1)[-1] in DOCUMENT_FORMATS
    with output_stream(output or (None if to_file else "-"), default_name) as stream:
        stream.write(data)


@report.command("daily")
@click.option("--date", "day", help="YYYY-MM-DD (default: today in the shop's time zone)")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(DAILY_FORMATS),
    help="default: the --output file's extension, else pdf",
)
@click.option(
    "--output",
    help="file to write, or - for stdout (default: laporan-harian-DATE.pdf or .xlsx; "
    "json and csv to stdout)",
)
@pass_options
def report_daily(options: Options, day: str | None, fmt: str | None, output: str | None) -> None:
    """The day's summary: an A4 PDF, or its figures as CSV, XLSX or JSON."""
    fmt = report_format(fmt, output, DAILY_FORMATS)
    summary, shop = day_summary(options, day)
    if fmt == "pdf":
        from gerai.exports.daily_pdf import daily_pdf

        data = daily_pdf(summary, shop, now_utc())
    elif fmt == "json":
        import json

        data = json.dumps(summary.as_dict(), indent=2).encode("utf-8") + b"\n"
    else:
        from gerai.exports.daily_tables import daily_csv, daily_xlsx

        data = daily_csv(summary) if fmt == "csv" else daily_xlsx(summary)
    write_whole(output, f"laporan-harian-{summary.date}.{fmt}", data)


@report.command("cashbook")
@click.option("--date", "day", help="YYYY-MM-DD (default: today in the shop's time zone)")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(CASHBOOK_FORMATS),
    help="default: the --output file's extension, else csv",
)
@click.option(
    "--output", help="file to write, or - for stdout (default: buku-kas-DATE.xlsx; csv to stdout)"
)
@pass_options
def report_cashbook(options: Options, day: str | None, fmt: str | None, output: str | None) -> None:
    """The day's cash in the buku kas layout (No, Tanggal, Uraian, Bukti, Debet, Kredit, Saldo,
    Keterangan)."""
    from gerai.exports.cashbook import cashbook_csv, cashbook_xlsx

    fmt = report_format(fmt, output, CASHBOOK_FORMATS)
    summary, shop = day_summary(options, day)
    data = cashbook_csv(summary, shop) if fmt == "csv" else cashbook_xlsx(summary, shop)
    write_whole(output, f"buku-kas-{summary.date}.{fmt}", data)


SHU_FORMATS = ("pdf", "csv", "xlsx", "json")


@report.command("members")
@click.option("--year", "year_text", required=True, help="the business year, YYYY")
@click.option("--pool-purchases", help="SHU pool shared by purchases (jasa usaha), Rupiah")
@click.option("--pool-savings", help="SHU pool shared by savings (jasa modal), Rupiah")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(SHU_FORMATS),
    help="default: the --output file's extension, else pdf",
)
@click.option(
    "--output",
    help="file to write, or - for stdout (default: shu-anggota-YEAR.pdf or .xlsx; "
    "json and csv to stdout)",
)
@pass_options
def report_members(
    options: Options,
    year_text: str,
    pool_purchases: str | None,
    pool_savings: str | None,
    fmt: str | None,
    output: str | None,
) -> None:
    """Each member's purchases in the year (net of returns), their share, their savings at
    the year's end and, given the pools, their SHU share (largest-remainder rounding)."""
    from gerai.services.shop import load_shop
    from gerai.services.shu import parse_pool, parse_year, shu_report

    fmt = report_format(fmt, output, SHU_FORMATS)
    purchases = parse_pool(pool_purchases, "--pool-purchases")
    savings = parse_pool(pool_savings, "--pool-savings")
    database = open_database(options.settings())
    with database.read() as session:
        shop = load_shop(session)
        year = parse_year(year_text, shop.business_date(now_utc()))
        shu = shu_report(session, year, shop.timezone, purchases, savings)
    if fmt == "json":
        import json

        data = json.dumps(shu.as_dict(), indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
    elif fmt == "pdf":
        from gerai.exports.shu import shu_pdf

        data = shu_pdf(shu, shop, now_utc())
    else:
        from gerai.exports.shu import shu_csv, shu_xlsx

        data = shu_csv(shu) if fmt == "csv" else shu_xlsx(shu)
    write_whole(output, f"shu-anggota-{year}.{fmt}", data)


@main.group()
def stock() -> None:
    """Stock."""


@stock.command("check")
@pass_options
def stock_check(options: Options) -> None:
    """Prove every product's stock equals the sum of its ledger movements."""
    from gerai.db import count_rows
    from gerai.models import Product
    from gerai.quantity import format_quantity
    from gerai.services.stock import stock_check as check

    database = open_database(options.settings())
    with database.read() as session:
        mismatches = check(session)
        products_count = count_rows(session, Product)
    for m in mismatches:
        click.echo(
            t(
                "cli.stock_bad",
                code=m.code,
                name=m.name,
                stock=format_quantity(m.stock),
                ledger=format_quantity(m.ledger),
            ),
            err=True,
        )
    if mismatches:
        sys.exit(1)
    click.echo(t("cli.stock_ok", count=products_count))


@stock.command("card")
@click.argument("code")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "pdf"]), default="csv", show_default=True
)
@click.option("--output", help="file to write, or - for stdout (CSV: stdout unless given)")
@pass_options
def stock_card(options: Options, code: str, fmt: str, output: str | None) -> None:
    """The stock card (kartu stok) of a product: every movement and the running balance."""
    from gerai.services.inventory import product_for
    from gerai.services.shop import load_shop
    from gerai.services.stock_card import CARD_COLUMNS, card_rows
    from gerai.services.stock_card import stock_card as card_of

    database = open_database(options.settings())
    with database.read() as session:
        shop = load_shop(session)
        card = card_of(session, product_for(session, code).id)
    name = f"kartu-stok-{card.product.code.replace('/', '-')}.{fmt}"
    if fmt == "pdf":
        from gerai.exports.stock_card import stock_card_pdf

        write_whole(output, name, stock_card_pdf(card, shop, now_utc()))
    else:
        from gerai.tabular import write_table

        with output_stream(output or "-", name) as stream:
            write_table(stream, "csv", CARD_COLUMNS, card_rows(card, shop))


@stock.command("low")
@pass_options
def stock_low(options: Options) -> None:
    """List the active products at or below their reorder level."""
    from gerai.quantity import format_quantity
    from gerai.services.inventory import low_stock

    database = open_database(options.settings())
    with database.read() as session:
        products = low_stock(session)
    for p in products:
        click.echo(
            t(
                "cli.stock_low_line",
                code=p.code,
                name=p.name,
                stock=format_quantity(p.stock, p.unit),
                level=format_quantity(p.reorder_level, p.unit),
            )
        )
    click.echo(t("cli.stock_low_count", count=len(products)))


def print_queue(options: Options) -> PrintQueue:
    """The print queue of this till, on its database."""
    from gerai.printing import PrintQueue

    settings = options.settings()
    return PrintQueue(open_database(settings), settings, now_utc)


@main.group()
def printer() -> None:
    """The receipt printer."""


@printer.command("test")
@pass_options
def printer_test(options: Options) -> None:
    """Print a test page: a ruler of the configured width, the URL and the profile."""
    from gerai.printing import print_test_page
    from receipts.printer_url import parse_printer_url

    target = parse_printer_url(options.settings().printer)
    print_test_page(target)
    click.echo(t("printer.test_done", url=target.url, width=target.width))


@main.group()
def receipt() -> None:
    """Receipts of past sales."""


@receipt.command("show")
@click.argument("number")
@click.option(
    "--width", type=click.IntRange(24, 64), help="characters per line (default: the printer's)"
)
@pass_options
def receipt_show(options: Options, number: str, width: int | None) -> None:
    """Write a receipt's layout (or a retur slip's) as plain text."""
    from gerai.services.returns import is_return_number

    queue = print_queue(options)
    show = queue.return_lines if is_return_number(number) else queue.receipt_lines
    for line in show(number, width=width):
        click.echo(line.text)


@receipt.command("print")
@click.argument("number")
@pass_options
def receipt_print(options: Options, number: str) -> None:
    """Reprint a receipt or a retur slip (marked CETAK ULANG) on the configured printer."""
    from gerai.services.auth import SYSTEM
    from gerai.services.returns import is_return_number

    queue = print_queue(options)
    if is_return_number(number):
        queued = queue.submit_return(number, reprint=True)
    else:
        queued = queue.submit(number, reprint_by=SYSTEM)
    if not queued:
        raise GeraiError("printer.none")
    report = queue.flush()
    if report.error is not None:
        raise GeraiError("printer.queued", number=number, error=report.error.message())
    click.echo(t("printer.printed", number=number))


@main.group()
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
    from gerai.money import format_rupiah
    from gerai.quantity import format_quantity

    rows = sum(table.target for table in report.tables)
    click.echo(t("copy.tables", tables=len(report.tables), rows=rows), err=err)
    for table in report.tables:
        if table.source != table.target:
            line = t(
                "copy.table_differs", table=table.name, source=table.source, target=table.target
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
        report = copy_database(source, target)
    except CopyRefused as refused:
        _show_copy(refused.report, err=True)
        raise
    _show_copy(report)
    click.echo(t("copy.done", target=shown(target.url), head=target.revision()))


@main.command()
@click.option(
    "--output",
    help="file to write, or - for stdout (default: beside the database, "
    "NAME-backup-YYYYMMDD-HHMMSS.db in the shop's time)",
)
@pass_options
def backup(options: Options, output: str | None) -> None:
    """A consistent copy of the SQLite database, taken while the tills keep selling."""
    import shutil
    import tempfile

    from gerai.db import shown
    from gerai.db_copy import backup_file_name, backup_sqlite
    from gerai.services.shop import load_shop

    settings = options.settings()
    database = open_database(settings)
    if database.path is None:
        raise GeraiError("backup.postgresql", url=shown(settings.db_url))
    if output == "-":
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "gerai.db"
            backup_sqlite(database, copy)
            with copy.open("rb") as stream:
                shutil.copyfileobj(stream, sys.stdout.buffer)
        return
    with database.read() as session:
        stamp = now_utc().astimezone(load_shop(session).zone).strftime("%Y%m%d-%H%M%S")
    target = Path(output) if output else backup_file_name(database.path, stamp)
    size = backup_sqlite(database, target)
    click.echo(t("backup.done", path=str(target), size=f"{size:,}".replace(",", ".")))


@main.group("audit")
def audit_group() -> None:
    """The audit trail."""


@audit_group.command("verify")
@pass_options
def audit_verify(options: Options) -> None:
    """Recompute the audit chain and check every sale against its record; exit 1 naming the
    first break."""
    from gerai.services.audit_verify import verify

    database = open_database(options.settings())
    with database.read() as session:
        result = verify(session)
    problem = result.problem()
    if problem is not None:
        raise problem
    click.echo(t("cli.audit_ok", count=result.records))


@main.group()
def users() -> None:
    """Users of the tills (the first admin of a new shop is added here)."""


def _new_pin() -> tuple[str, str]:
    """A PIN typed twice, hidden."""
    return (
        click.prompt(t("cli.pin_prompt"), hide_input=True),
        click.prompt(t("cli.pin_again"), hide_input=True),
    )


@users.command("add")
@click.argument("name")
@click.option(
    "--role", type=click.Choice(["kasir", "bendahara", "admin"]), required=True, help="the role"
)
@click.option("--full-name", default="", help="the person's full name")
@pass_options
def users_add(options: Options, name: str, role: str, full_name: str) -> None:
    """Add a user; the PIN (4-8 digits) is asked twice."""
    from gerai.services.auth import SYSTEM
    from gerai.services.users import add_user

    database = open_database(options.settings())
    pin, again = _new_pin()
    with database.write() as session:
        user = add_user(session, SYSTEM, name, full_name, role, pin, again, now=now_utc())
    click.echo(t("cli.user_added", name=user.name, role=t(f"role.{user.role}")))


@users.command("pin")
@click.argument("name")
@pass_options
def users_pin(options: Options, name: str) -> None:
    """Give a user a new PIN (this also unlocks them)."""
    from gerai.services.auth import SYSTEM
    from gerai.services.users import change_pin

    database = open_database(options.settings())
    pin, again = _new_pin()
    with database.write() as session:
        change_pin(session, SYSTEM, name, pin, again, now=now_utc())
    click.echo(t("cli.user_pin_changed", name=name.strip().lower()))


@users.command("list")
@pass_options
def users_list(options: Options) -> None:
    """List the users: name, role, full name, and whether they are inactive or locked."""
    from gerai.services.users import list_users

    database = open_database(options.settings())
    now = now_utc()
    with database.read() as session:
        found = list_users(session)
    for user in found:
        state = "" if user.active else t("cli.user_inactive")
        if user.locked_until is not None and user.locked_until > now:
            state = t("cli.user_locked")
        click.echo(
            t("cli.user_line", name=user.name, role=t(f"role.{user.role}"),
              full_name=user.full_name, state=state).rstrip()
        )  # fmt: skip
