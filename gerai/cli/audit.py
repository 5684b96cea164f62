"""The audit trail."""

from __future__ import annotations

import click

from gerai.cli.common import Options, cli_till, pass_options
from gerai.cli.progress import progress
from gerai.core.i18n import t


@click.group("audit")
def audit_group() -> None:
    """The audit trail."""


@audit_group.command("verify")
@click.option(
    "--witness",
    "witnesses",
    multiple=True,
    metavar="SEQ:CODE",
    help="the audit head printed on a signed Z report or daily PDF: prove the file still "
    "holds it (repeatable)",
)
@click.option(
    "--full",
    is_flag=True,
    help="recompute the whole trail from its first record, not only what came since the last "
    "check (done anyway when the last full check is over a week old)",
)
@pass_options
def audit_verify(options: Options, witnesses: tuple[str, ...], full: bool) -> None:
    """Recompute the audit chain and check every sale and sealed row against its record since
    the last check (`--full`: all of them); exit 1 naming the first break. An intact trail
    leaves a checkpoint for the next check."""
    from gerai.services.audit.witness import parse_witness

    parsed = [parse_witness(text) for text in witnesses]
    till = cli_till(options, thorough=True)
    with progress(t("progress.audit")) as report:
        result = till.verify_audit(parsed, full=full, mark=True, progress=report)
    problem = result.problem()
    if problem is not None:
        raise problem
    if result.full:
        click.echo(t("cli.audit_ok", count=result.records))
    else:
        click.echo(t("cli.audit_ok_since", count=result.records, since=result.since))
