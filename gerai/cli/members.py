"""The member register in and out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # keeps SQLAlchemy off the start-up path
    pass


from gerai.cli.common import FORMAT, Options, _export, _import, pass_options


@click.group()
def members() -> None:
    """The member register."""


@members.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--skip-bad", is_flag=True, help="import the good rows, report and skip the bad")
@pass_options
def members_import(options: Options, file: Path, skip_bad: bool) -> None:
    """Import members from CSV, XLSX or JSON (all rows checked first)."""
    _import(
        options,
        file,
        lambda till, table: till.stage_members(table, skip_bad=skip_bad),
        lambda till, staged: till.import_members(staged),
    )


@members.command("export")
@click.option("--format", "fmt", type=FORMAT, default="csv", show_default=True)
@click.option("--output", help="file to write, or - for stdout")
@pass_options
def members_export(options: Options, fmt: str, output: str | None) -> None:
    """Export the member register."""
    from gerai.services.members.import_export import MEMBER_COLUMNS, MEMBER_HEADINGS, export_members

    _export(
        options,
        fmt,
        output,
        "anggota",
        MEMBER_COLUMNS,
        export_members,
        headings=MEMBER_HEADINGS,
        private=True,
    )


@members.command("statement")
@click.argument("member")
@click.option("--year", required=True, help="YYYY")
@click.option("--format", "fmt", type=click.Choice(["pdf", "json"]), default="pdf")
@click.option("--output", help="file to write, or - for stdout (default rekening-NUMBER-YYYY.pdf)")
@pass_options
def members_statement(
    options: Options, member: str, year: str, fmt: str, output: str | None
) -> None:
    """A member's statement of the year (rekening anggota): purchases by month, savings by
    kind, kasbon and repayments. The member by number, NIK or phone. Written private."""
    from gerai.cli.common import now_utc, open_database, write_whole
    from gerai.services.members.shu import parse_year
    from gerai.services.members.statement import member_statement
    from gerai.services.shop.profile import load_shop

    database = open_database(options.settings())
    with database.read() as session:
        shop = load_shop(session)
        today = shop.business_date(now_utc())
        report = member_statement(session, member, parse_year(year, today), today)
    name = f"rekening-{report.member.number}-{report.year}.{fmt}"
    if fmt == "json":
        import json

        data = json.dumps(report.as_dict(), indent=2).encode("utf-8") + b"\n"
    else:
        from gerai.exports.member_statement import statement_pdf

        data = statement_pdf(report, shop, now_utc())
    write_whole(output, name, data, private=True)


@members.command("template")
@click.option("--output", default="anggota.xlsx", show_default=True, help="the XLSX to write")
@pass_options
def members_template(options: Options, output: str) -> None:
    """An XLSX to fill in the members: Indonesian headings, an example row, ya/tidak lists
    and a sheet of instructions; `gerai members import` reads it."""
    from gerai.cli.common import cli_till, write_whole
    from gerai.exports.templates import member_template

    write_whole(output, "anggota.xlsx", member_template(cli_till(options).today()))
