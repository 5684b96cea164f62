"""Users of the tills."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from gerai.core.i18n import t
from gerai.core.phrases import ROLE
from gerai.core.words import Role

if TYPE_CHECKING:  # keeps SQLAlchemy off the start-up path
    pass


from gerai.cli.common import Options, cli_till, now_utc, pass_options


@click.group()
def users() -> None:
    """Users of the tills (the first admin of a new shop is added here)."""


def _new_pin() -> tuple[str, str]:
    """A PIN typed twice, hidden."""
    return (
        click.prompt(t("cli.pin_prompt"), hide_input=True),
        click.prompt(t("cli.pin_again"), hide_input=True),
    )


@users.command("add")
@click.argument("name")
@click.option(
    "--role", type=click.Choice([role.value for role in Role]), required=True, help="the role"
)
@click.option("--full-name", default="", help="the person's full name")
@pass_options
def users_add(options: Options, name: str, role: str, full_name: str) -> None:
    """Add a user; the PIN (4-8 digits) is asked twice."""
    till = cli_till(options)
    pin, again = _new_pin()
    user = till.add_user(till.actor, name, full_name, role, pin, again)
    click.echo(t("cli.user_added", name=user.name, role=t(ROLE[user.role])))


@users.command("pin")
@click.argument("name")
@pass_options
def users_pin(options: Options, name: str) -> None:
    """Give a user a new PIN (this also unlocks them)."""
    till = cli_till(options)
    pin, again = _new_pin()
    till.change_pin(till.actor, name, pin, again)
    click.echo(t("cli.user_pin_changed", name=name.strip().lower()))


@users.command("list")
@pass_options
def users_list(options: Options) -> None:
    """List the users: name, role, full name, and whether they are inactive or locked."""
    found = cli_till(options).users()
    now = now_utc()
    for user in found:
        state = "" if user.active else t("cli.user_inactive")
        if user.locked_until is not None and user.locked_until > now:
            state = t("cli.user_locked")
        click.echo(
            t("cli.user_line", name=user.name, role=t(ROLE[user.role]),
              full_name=user.full_name, state=state).rstrip()
        )  # fmt: skip
