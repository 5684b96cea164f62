"""The product catalogue in and out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # keeps SQLAlchemy off the start-up path
    from gerai.services.stock.decrees import AppliedPrice


from gerai.cli.common import FORMAT, Options, _export, _import, pass_options
from gerai.core.i18n import t
from gerai.core.timefmt import format_date


@click.group()
def products() -> None:
    """The product catalogue."""


@products.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--skip-bad", is_flag=True, help="import the good rows, report and skip the bad")
@pass_options
def products_import(options: Options, file: Path, skip_bad: bool) -> None:
    """Import products from CSV, XLSX or JSON (all rows checked first)."""
    _import(
        options,
        file,
        lambda till, table: till.stage_products(table, skip_bad=skip_bad),
        lambda till, staged: till.import_products(staged),
    )


@products.command("export")
@click.option("--format", "fmt", type=FORMAT, default="csv", show_default=True)
@click.option("--output", help="file to write, or - for stdout")
@pass_options
def products_export(options: Options, fmt: str, output: str | None) -> None:
    """Export the catalogue, with stock."""
    from gerai.services.stock.import_export import (
        PRODUCT_COLUMNS,
        PRODUCT_HEADINGS,
        export_products,
    )

    _export(
        options,
        fmt,
        output,
        "produk",
        PRODUCT_COLUMNS,
        export_products,
        headings=PRODUCT_HEADINGS,
    )


@click.command("labels")
@click.option("--output", help="the PDF to write, or - for stdout (default label-harga.pdf)")
@click.option("--codes", help="product codes or barcodes, comma-separated")
@click.option("--changed-since", help="products whose price changed on or after YYYY-MM-DD")
@click.option("--category", help="one category's products")
@click.option("--stale", is_flag=True, help="products whose label is out of date or missing")
@click.option("--printer", "on_printer", is_flag=True, help="print on the receipt printer")
@pass_options
def labels(
    options: Options,
    output: str | None,
    codes: str | None,
    changed_since: str | None,
    category: str | None,
    stale: bool,
    on_printer: bool,
) -> None:
    """Shelf labels (label harga) on A4 sticker sheets of 21: name, price, member price, HET,
    barcode; all active products unless --codes, --changed-since, --category or --stale says
    which; --printer prints them on the receipt printer (58/80 mm) instead. Each label
    written is recorded with the prices it shows."""
    from datetime import UTC, datetime, time

    from gerai.cli.common import cli_till, parse_date, write_whole
    from gerai.exports.labels_pdf import labels_pdf

    till = cli_till(options)
    since = None
    if changed_since is not None:
        day = parse_date(changed_since, till.today())
        since = datetime.combine(day, time(), tzinfo=till.shop.zone).astimezone(UTC)
    found = till.shelf_labels(
        [c for c in (codes or "").split(",") if c.strip()], since, category, stale
    )
    if on_printer:
        from gerai.core.i18n import shown
        from gerai.printing import print_shelf_labels
        from receipts.printer_url import parse_printer_url

        target = parse_printer_url(options.settings().printer)
        print_shelf_labels(target, found, till.today(), shown())
    else:
        write_whole(output, "label-harga.pdf", labels_pdf(found, till.today(), till.shop.name))
    till.labels_printed(found)
    click.echo(t("labels.written", count=len(found)), err=True)


@click.group()
def prices() -> None:
    """Price decrees (HET): scheduled price ceilings and prices."""


@prices.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--effective", required=True, help="the business day it applies from, YYYY-MM-DD")
@click.option("--lower-to-het", is_flag=True, help="lower prices that would exceed the new HET")
@pass_options
def prices_import(options: Options, file: Path, effective: str, lower_to_het: bool) -> None:
    """Schedule a HET decree (CSV/XLSX/JSON: code or barcode, het, optional price,
    member_price, zone); applied at the start of that business day, at once when it has come."""
    from datetime import date

    from gerai.cli.common import cli_till
    from gerai.core.errors import GeraiError
    from gerai.core.i18n import shown
    from gerai.services.importing import ImportRefused
    from gerai.tabular import read_table

    try:
        day = date.fromisoformat(effective)
    except ValueError as exc:
        raise GeraiError("cli.bad_date", value=effective) from exc
    till = cli_till(options)
    try:
        lines = till.check_decree(read_table(file), lower_to_het)
    except ImportRefused as refused:
        for problem in refused.problems:
            click.echo(shown().phrase(problem.phrase()), err=True)
        raise GeraiError("decree.refused", count=len(refused.problems)) from refused
    kept, applied = till.schedule_decree(lines, day, file.name)
    click.echo(t("decree.scheduled", count=kept, day=format_date(day)))
    _say_applied(applied)


@prices.command("scheduled")
@pass_options
def prices_scheduled(options: Options) -> None:
    """List the scheduled price changes not applied yet."""
    from gerai.cli.common import cli_till
    from gerai.core.money import format_rupiah

    pending = cli_till(options).pending_prices()
    for p in pending:
        click.echo(
            t(
                "decree.pending_line",
                day=format_date(p.effective),
                code=p.code,
                name=p.name,
                het=format_rupiah(p.het),
                price=format_rupiah(p.price) if p.price is not None else "-",
                decree=p.decree,
            )
        )
    click.echo(t("decree.pending_count", count=len(pending)))


@prices.command("apply")
@pass_options
def prices_apply(options: Options) -> None:
    """Apply the scheduled price changes whose day has come (opening a shift does it too)."""
    from gerai.cli.common import cli_till

    _say_applied(cli_till(options).apply_due_prices())


def _say_applied(applied: list[AppliedPrice]) -> None:
    from gerai.core.money import format_rupiah

    for a in applied:
        key = "decree.applied_lowered" if a.lowered else "decree.applied_line"
        click.echo(
            t(key, code=a.code, het=format_rupiah(a.het[1]), old=format_rupiah(a.price[0]),
              new=format_rupiah(a.price[1]))
        )  # fmt: skip
    click.echo(t("decree.applied_count", count=len(applied)))


@products.command("template")
@click.option("--output", default="katalog.xlsx", show_default=True, help="the XLSX to write")
@pass_options
def products_template(options: Options, output: str) -> None:
    """An XLSX to fill in the catalogue: Indonesian headings, an example row, drop-downs
    (the shop's categories, ya/tidak, the tax category) and a sheet of instructions;
    `gerai products import` reads it."""
    from gerai.cli.common import cli_till, write_whole
    from gerai.exports.templates import product_template

    categories = [name for _, name in cli_till(options).categories()]
    write_whole(output, "katalog.xlsx", product_template(categories))
