"""The product catalogue in and out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # keeps SQLAlchemy off the start-up path
    pass


from gerai.cli.common import FORMAT, Options, _export, _import, pass_options
from gerai.core.i18n import t


@click.group()
def products() -> None:
    """The product catalogue."""


@products.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--skip-bad", is_flag=True, help="import the good rows, report and skip the bad")
@pass_options
def products_import(options: Options, file: Path, skip_bad: bool) -> None:
    """Import products from CSV, XLSX or JSON (all rows checked first)."""
    from gerai.services.shop.auth import SYSTEM
    from gerai.services.stock.import_export import apply_staged, stage_products

    _import(
        options,
        file,
        lambda session, table, _now: stage_products(session, table, skip_bad=skip_bad),
        lambda session, staged, now: apply_staged(session, staged, now, actor=SYSTEM),
    )


@products.command("export")
@click.option("--format", "fmt", type=FORMAT, default="csv", show_default=True)
@click.option("--output", help="file to write, or - for stdout")
@pass_options
def products_export(options: Options, fmt: str, output: str | None) -> None:
    """Export the catalogue, with stock."""
    from gerai.services.stock.import_export import PRODUCT_COLUMNS, export_products

    _export(options, fmt, output, "produk", PRODUCT_COLUMNS, export_products)


@click.command("labels")
@click.option("--output", help="the PDF to write, or - for stdout (default label-harga.pdf)")
@click.option("--codes", help="product codes or barcodes, comma-separated")
@click.option("--changed-since", help="products whose price changed on or after YYYY-MM-DD")
@click.option("--category", help="one category's products")
@pass_options
def labels(
    options: Options,
    output: str | None,
    codes: str | None,
    changed_since: str | None,
    category: str | None,
) -> None:
    """Shelf labels (label harga) on A4 sticker sheets of 21: name, price, member price, HET,
    barcode; all active products unless --codes, --changed-since or --category says which."""
    from datetime import UTC, datetime, time

    from gerai.cli.common import now_utc, open_database, parse_date, write_whole
    from gerai.exports.labels_pdf import labels_pdf
    from gerai.services.shop.profile import load_shop
    from gerai.services.stock.labels import shelf_labels

    database = open_database(options.settings())
    with database.read() as session:
        shop = load_shop(session)
        today = now_utc().astimezone(shop.zone).date()
        since = None
        if changed_since is not None:
            day = parse_date(changed_since, today)
            since = datetime.combine(day, time(), tzinfo=shop.zone).astimezone(UTC)
        found = shelf_labels(
            session,
            codes=[c for c in (codes or "").split(",") if c.strip()],
            changed_since=since,
            category=category,
        )
    write_whole(output, "label-harga.pdf", labels_pdf(found, today, shop.name))
    click.echo(t("labels.written", count=len(found)), err=True)
