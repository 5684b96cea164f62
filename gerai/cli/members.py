"""The member register in and out."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    from gerai.services.members.import_export import apply_members, stage_members
    from gerai.services.shop.auth import SYSTEM
    from gerai.services.shop.profile import load_shop

    def stage(session: Any, table: Any, now: datetime) -> Any:
        return stage_members(session, table, load_shop(session).business_date(now), skip_bad)

    def apply(session: Any, staged: Any, now: datetime) -> Any:
        return apply_members(session, staged, actor=SYSTEM, now=now)

    _import(options, file, stage, apply)


@members.command("export")
@click.option("--format", "fmt", type=FORMAT, default="csv", show_default=True)
@click.option("--output", help="file to write, or - for stdout")
@pass_options
def members_export(options: Options, fmt: str, output: str | None) -> None:
    """Export the member register."""
    from gerai.services.members.import_export import MEMBER_COLUMNS, export_members

    _export(options, fmt, output, "anggota", MEMBER_COLUMNS, export_members, private=True)
