"""Reports: the day, the cash book, the members' year (SHU)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from gerai.core.i18n import t

if TYPE_CHECKING:  # keeps SQLAlchemy off the start-up path
    from gerai.services.reports.daily import DailySummary
    from gerai.services.shop.profile import ShopProfile


from gerai.cli.common import (
    Options,
    cli_till,
    now_utc,
    open_database,
    parse_date,
    pass_options,
    write_whole,
)


@click.group()
def report() -> None:
    """Reports."""


DAILY_FORMATS = ("pdf", "csv", "xlsx", "json")
CASHBOOK_FORMATS = ("csv", "xlsx")


def report_format(fmt: str | None, output: str | None, accepted: tuple[str, ...]) -> str:
    """The format asked for, else the one the output file's name ends with, else the first."""
    if fmt is not None:
        return fmt
    suffix = Path(output).suffix.lstrip(".").lower() if output and output != "-" else ""
    return suffix if suffix in accepted else accepted[0]


def day_summary(options: Options, day: str | None) -> tuple[DailySummary, ShopProfile]:
    """The daily summary of `--date` (default: today in the shop's time zone), and the shop."""
    till = cli_till(options)
    return till.daily_summary(parse_date(day, till.today())), till.shop


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

        people = options.lang is not None
        data = daily_csv(summary, people) if fmt == "csv" else daily_xlsx(summary, shop)
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
    from gerai.services.members.shu import parse_pool, parse_year, shu_report
    from gerai.services.shop.profile import load_shop

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

        data = shu_csv(shu, options.lang is not None) if fmt == "csv" else shu_xlsx(shu, shop)
    write_whole(output, f"shu-anggota-{year}.{fmt}", data)


LPG_FORMATS = ("csv", "xlsx", "pdf", "json")


@report.command("lpg")
@click.option("--month", required=True, help="YYYY-MM")
@click.option("--group", "quota_group", help="quota group (e.g. LPG3; default: every one)")
@click.option("--format", "fmt", type=click.Choice(LPG_FORMATS), help="default: csv")
@click.option("--output", help="file to write, or - for stdout")
@pass_options
def report_lpg(
    options: Options, month: str, quota_group: str | None, fmt: str | None, output: str | None
) -> None:
    """The pangkalan's log: each regulated sale of the month with the buyer's NIK and
    category, totals per day and per category."""
    from gerai.services.reports.lpg import LOG_COLUMNS, regulated_log
    from gerai.services.shop.profile import load_shop

    fmt = report_format(fmt, output, LPG_FORMATS)
    database = open_database(options.settings())
    with database.read() as session:
        shop = load_shop(session)
        log = regulated_log(session, month, shop, quota_group)
    if fmt == "json":
        import json

        data = json.dumps(log.as_dict(), indent=2).encode("utf-8") + b"\n"
    elif fmt == "pdf":
        from gerai.exports.lpg_pdf import lpg_pdf

        data = lpg_pdf(log, shop, now_utc())
    else:
        from gerai.exports.people import banner, table_bytes

        rows = [{k: v for k, v in line.__dict__.items()} for line in log.lines]
        lines = banner(shop, t("export.lpg_title"), log.month)
        data = table_bytes(
            fmt, LOG_COLUMNS, rows, people=options.lang is not None, sheet="lpg", lines=lines
        )
    write_whole(output, f"lpg-{log.month}.{fmt}", data, private=True)  # whole NIKs


PERIOD_FORMATS = ("pdf", "csv", "xlsx", "json")


def _period(
    options: Options, text: str, yearly: bool, fmt: str | None, output: str | None, name: str
) -> None:
    """Write the month's (`YYYY-MM`) or the year's (`YYYY`) report."""
    from gerai.services.reports.period import month_period, period_report, year_period
    from gerai.services.shop.profile import load_shop

    fmt = report_format(fmt, output, PERIOD_FORMATS)
    database = open_database(options.settings())
    with database.read() as session:
        shop = load_shop(session)
        today = shop.business_date(now_utc())
        period = (year_period if yearly else month_period)(text, today)
        found = period_report(session, period, shop, today)
    if fmt == "pdf":
        from gerai.exports.period_pdf import period_pdf

        data = period_pdf(found, shop, now_utc())
    elif fmt == "json":
        import json

        data = json.dumps(found.as_dict(), indent=2).encode("utf-8") + b"\n"
    else:
        from gerai.exports.period_tables import period_csv, period_xlsx

        people = options.lang is not None
        data = period_csv(found, people) if fmt == "csv" else period_xlsx(found, shop)
    write_whole(output, f"{name}-{found.period}.{fmt}", data)


@report.command("monthly")
@click.option("--month", required=True, help="YYYY-MM")
@click.option("--format", "fmt", type=click.Choice(PERIOD_FORMATS), help="default: pdf")
@click.option("--output", help="file to write, or - for stdout")
@pass_options
def report_monthly(options: Options, month: str, fmt: str | None, output: str | None) -> None:
    """The month's figures day by day, equal to the sum of its daily reports."""
    _period(options, month, False, fmt, output, "laporan-bulanan")


@report.command("yearly")
@click.option("--year", required=True, help="YYYY")
@click.option("--format", "fmt", type=click.Choice(PERIOD_FORMATS), help="default: pdf")
@click.option("--output", help="file to write, or - for stdout")
@pass_options
def report_yearly(options: Options, year: str, fmt: str | None, output: str | None) -> None:
    """The year's figures month by month, for the RAT."""
    _period(options, year, True, fmt, output, "laporan-tahunan")
