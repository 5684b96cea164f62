"""Stock: the ledger check, the stock card, low stock."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from gerai.cli.common import (
    Options,
    cli_till,
    now_utc,
    open_database,
    output_stream,
    pass_options,
    write_whole,
)
from gerai.core.i18n import t
from gerai.core.words import QuotaPeriod, QuotaScope

F = TypeVar("F", bound=Callable[..., Any])


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
    from gerai.services.stock.batches import batch_check
    from gerai.services.stock.ledger import stock_check as check

    database = open_database(options.settings(), thorough=True)
    with database.read() as session:
        mismatches = check(session)
        products_count = count_rows(session, Product)
        batch_problems = batch_check(session)
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
    for b in batch_problems:  # issue 17: a dated product's batches add up to its stock
        key = "cli.batch_bad_sum" if b.batch == 0 else "cli.batch_bad_ledger"
        click.echo(
            t(key, code=b.code, name=b.name, batch=b.batch, held=format_quantity(b.held),
              expected=format_quantity(b.expected)),
            err=True,
        )  # fmt: skip
    if mismatches or batch_problems:
        sys.exit(1)
    click.echo(t("cli.stock_ok", count=products_count))


OPENING_STEPS = 2  # the stok awal's progress: the file read, its rows checked and booked


@stock.command("opening")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_options
def stock_opening(options: Options, file: Path) -> None:
    """Book the stok awal of products already in the catalogue from FILE (columns Kode and
    Stok awal, or code and stock): one SA document; refused whole, every bad row named, for
    an unknown code, a bad quantity or a product whose stock has moved already."""
    from gerai.cli.progress import progress
    from gerai.core.i18n import shown
    from gerai.core.money import format_rupiah
    from gerai.services.importing import ImportRefused
    from gerai.tabular import read_table

    till = cli_till(options, thorough=True)
    try:
        with progress(t("progress.opening")) as step:
            table = read_table(file)
            step(1, OPENING_STEPS)
            result = till.book_opening_stock(table)
            step(2, OPENING_STEPS)
    except ImportRefused as refused:
        for problem in refused.problems:
            click.echo(shown().phrase(problem.phrase()), err=True)
        raise
    click.echo(
        t(
            "cli.opening_done",
            number=result.number,
            count=result.products,
            value=format_rupiah(result.value),
        )
    )


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
        from gerai.exports.people import records_csv

        with output_stream(output or "-", name) as stream:
            stream.write(records_csv(card.columns, card_rows(card, shop), options.lang is not None))


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


@stock.command("regulate")
@click.argument("code")
@click.option("--group", "quota_group", help="quota group (default: the product's code)")
@click.option("--no-buyer", is_flag=True, help="count in the group without asking the NIK")
@pass_options
def stock_regulate(options: Options, code: str, quota_group: str | None, no_buyer: bool) -> None:
    """Make a product regulated (LPG 3 kg, SPHP rice...): sold only with the buyer's NIK and
    counted in a quota group."""
    from gerai.cli.common import open_till, print_queue
    from gerai.services.stock.inventory import product_for

    queue = print_queue(options)
    with queue.database.read() as session:
        product_id = product_for(session, code).id
    rule = open_till(queue).set_regulated(product_id, quota_group, needs_buyer=not no_buyer)
    click.echo(t("cli.regulated", code=code.strip(), group=rule.quota_group))


@stock.command("quota")
@click.argument("group")
@click.option(
    "--scope", type=click.Choice([str(s) for s in QuotaScope]), default=str(QuotaScope.BUYER)
)
@click.option("--period", type=click.Choice([str(p) for p in QuotaPeriod]), required=True)
@click.option("--limit", "limit", required=True, help="most a buyer (or KK) may buy")
@pass_options
def stock_quota(options: Options, group: str, scope: str, period: str, limit: str) -> None:
    """Set a quota group's limit per buyer (NIK) or household (KK) per day, week or month."""
    from gerai.cli.common import open_till, print_queue
    from gerai.core.errors import GeraiError
    from gerai.core.quantity import parse_quantity

    try:
        amount = parse_quantity(limit)
    except ValueError as exc:
        raise GeraiError("quota.limit_positive", limit=limit) from exc
    open_till(print_queue(options)).set_quota(group, scope, period, amount)
    click.echo(t(QUOTA_SET[QuotaScope(scope), QuotaPeriod(period)], group=group, limit=limit))


QUOTA_SET = {  # what `stock quota` says it set, for each scope and period
    (QuotaScope.BUYER, QuotaPeriod.DAY): "quota.set_buyer_day",
    (QuotaScope.BUYER, QuotaPeriod.WEEK): "quota.set_buyer_week",
    (QuotaScope.BUYER, QuotaPeriod.MONTH): "quota.set_buyer_month",
    (QuotaScope.HOUSEHOLD, QuotaPeriod.DAY): "quota.set_household_day",
    (QuotaScope.HOUSEHOLD, QuotaPeriod.WEEK): "quota.set_household_week",
    (QuotaScope.HOUSEHOLD, QuotaPeriod.MONTH): "quota.set_household_month",
}


def listing_options(command: F) -> F:
    """`--format text|csv|xlsx|json` and `--output FILE` of a listing command."""
    command = click.option("--output", help="file to write, or - for stdout")(command)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "csv", "xlsx", "json"]),
        default="text",
        show_default=True,
    )(command)


@stock.command("reorder")
@click.option("--window", "window_days", type=int, default=28, show_default=True)
@click.option("--lead-days", type=int, default=3, show_default=True)
@click.option("--safety-days", type=int, default=2, show_default=True)
@listing_options
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
    from gerai.services.stock.reorder import REORDER_COLUMNS

    till = cli_till(options)
    found = till.reorder(window_days, lead_days, safety_days)
    if fmt != "text":
        from gerai.core.timefmt import format_date
        from gerai.exports.people import banner, table_bytes

        lines = banner(till.shop, t("export.reorder_title"), format_date(till.today()))
        data = table_bytes(
            fmt, REORDER_COLUMNS, [s.row() for s in found], people=options.lang is not None,
            sheet="reorder", lines=lines,
        )  # fmt: skip
        with output_stream(output or "-", f"pesan-barang.{fmt}") as stream:
            stream.write(data)
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


# --- expiry dates and batches (issue 17) ---------------------------------------------------


@stock.command("dated")
@click.argument("code")
@click.option("--off", is_flag=True, help="no longer dated (its batches are emptied)")
@pass_options
def stock_dated(options: Options, code: str, off: bool) -> None:
    """Mark a product dated: received with expiry dates, kept per batch, sold
    first-expiry-first (its stock now becomes a batch without a date)."""
    changed = cli_till(options).set_dated(code, not off)
    key = ("cli.dated_off" if off else "cli.dated_on") if changed else "cli.dated_same"
    click.echo(t(key, code=code.strip()))


EXPIRING_COLUMNS = ["expiry", "code", "name", "batch", "qty", "unit", "cost", "value"]


@stock.command("expiring")
@click.option("--days", type=click.IntRange(0, 3650), default=7, show_default=True)
@listing_options
@pass_options
def stock_expiring(options: Options, days: int, fmt: str, output: str | None) -> None:
    """List the batches of dated products that expire within DAYS days (or have expired),
    earliest first, with their value at cost (HPP)."""
    from gerai.core.money import format_rupiah
    from gerai.core.quantity import format_quantity
    from gerai.core.timefmt import format_date

    till = cli_till(options)
    found = till.expiring(days)
    today = till.today()
    if fmt != "text":
        from gerai.tabular import write_table

        rows = [
            dict(zip(EXPIRING_COLUMNS, (b.expiry.isoformat() if b.expiry else "", b.code,
                 b.name, b.batch, format(b.qty, "f"), b.unit, b.cost, b.value), strict=True))
            for b in found
        ]  # fmt: skip
        with output_stream(output or "-", f"kedaluwarsa.{fmt}") as stream:
            write_table(stream, fmt, EXPIRING_COLUMNS, rows, sheet="expiring")
        return
    for b in found:
        assert b.expiry is not None
        click.echo(
            t(
                "cli.expiring_past" if b.expiry < today else "cli.expiring_line",
                expiry=format_date(b.expiry),
                code=b.code,
                name=b.name,
                batch=b.batch or "-",
                qty=format_quantity(b.qty, b.unit),
                value=format_rupiah(b.value),
            )
        )
    click.echo(
        t("cli.expiring_total", count=len(found), value=format_rupiah(sum(b.value for b in found)))
    )
