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


@stock.command("reorder")
@click.option("--window", "window_days", type=int, default=28, show_default=True)
@click.option("--lead-days", type=int, default=3, show_default=True)
@click.option("--safety-days", type=int, default=2, show_default=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "csv", "xlsx", "json"]),
    default="text",
    show_default=True,
)
@click.option("--output", help="file to write, or - for stdout")
@pass_options
def stock_reorder(
    options: Options,
    window_days: int,
    lead_days: int,
    safety_days: int,
    fmt: str,
    output: str | None,
) -> None:
    """Suggest what to order: average daily sales over the window, lead time and safety days,
    less stock and on order, rounded up to the supplier's pack; grouped by supplier."""
    from gerai.core.quantity import format_quantity
    from gerai.services.stock.reorder import REORDER_COLUMNS, reorder_suggestions

    database = open_database(options.settings())
    with database.read() as session:
        found = reorder_suggestions(
            session,
            until=now_utc(),
            window_days=window_days,
            lead_days=lead_days,
            safety_days=safety_days,
        )
    if fmt != "text":
        from gerai.tabular import write_table

        with output_stream(output or "-", f"pesan-barang.{fmt}") as stream:
            write_table(stream, fmt, REORDER_COLUMNS, [s.row() for s in found], sheet="reorder")
        return
    supplier: str | None = None
    for s in found:
        if s.supplier != supplier:
            supplier = s.supplier
            click.echo(s.supplier or t("cli.reorder_no_supplier"))
        click.echo(
            t(
                "cli.reorder_line",
                code=s.code,
                name=s.name,
                suggested=format_quantity(s.suggested, s.unit),
                packs=format_quantity(s.packs),
                pack=s.pack or s.unit,
                average=format_quantity(s.daily_average, s.unit),
                stock=format_quantity(s.stock, s.unit),
            )
        )
    click.echo(t("cli.reorder_count", count=len(found)))
