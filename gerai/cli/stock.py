"""Stock: the ledger check, the stock card, low stock."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from gerai.core.i18n import t

if TYPE_CHECKING:  # keeps SQLAlchemy off the start-up path
    pass


from gerai.cli.common import (
    Options,
    now_utc,
    open_database,
    output_stream,
    pass_options,
    write_whole,
)


@click.group()
def stock() -> None:
    """Stock."""


@stock.command("check")
@pass_options
def stock_check(options: Options) -> None:
    """Prove every product's stock equals the sum of its ledger movements."""
    from gerai.core.quantity import format_quantity
    from gerai.db import count_rows
    from gerai.models import Product
    from gerai.services.stock.ledger import stock_check as check

    database = open_database(options.settings(), thorough=True)
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
    from gerai.exports.stock_card import card_rows
    from gerai.services.shop.profile import load_shop
    from gerai.services.stock.card import CARD_COLUMNS
    from gerai.services.stock.card import stock_card as card_of
    from gerai.services.stock.inventory import product_for

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
    from gerai.core.quantity import format_quantity
    from gerai.services.stock.inventory import low_stock

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
