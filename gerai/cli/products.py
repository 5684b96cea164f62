"""The product catalogue in and out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # keeps SQLAlchemy off the start-up path
    pass


from gerai.cli.common import FORMAT, Options, _export, _import, pass_options


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
    from gerai.services.stock.import_export import PRODUCT_COLUMNS, export_products

    _export(options, fmt, output, "produk", PRODUCT_COLUMNS, export_products)
