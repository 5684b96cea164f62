"""The shop's settings: `gerai shop show` and `gerai shop set KEY=VALUE ...`."""

from __future__ import annotations

from dataclasses import asdict

import click

from gerai.cli.common import Options, UserError, cli_till, pass_options
from gerai.core.i18n import t
from gerai.core.words import Role


@click.group()
def shop() -> None:
    """The shop's settings (name, address, provinsi, time zone, PKP/NPWP, ...)."""


@shop.command("show")
@pass_options
def shop_show(options: Options) -> None:
    """Print every shop setting, one KEY=VALUE a line."""
    profile = cli_till(options).shop
    for key, value in asdict(profile).items():
        shown = str(int(value)) if isinstance(value, bool) else str(value)
        click.echo(f"{key}={shown}")
    click.echo(t("cli.shop_zone", zone=profile.zone_label))


@shop.command("set")
@click.argument("pairs", nargs=-1, required=True)
@pass_options
def shop_set(options: Options, pairs: tuple[str, ...]) -> None:
    """Change shop settings, e.g. name="Gerai KDMP Uji" timezone=Asia/Jayapura (validated
    together, audited with the old and new values)."""
    values: dict[str, object] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UserError(t("cli.shop_pair_bad", pair=pair))
        values[key.strip()] = value
    profile = cli_till(options).save_shop(values)
    click.echo(t("cli.shop_saved", name=profile.name, zone=profile.zone_label))


SETUP_PROMPTS = (  # (setting, prompt key, default)
    ("name", "cli.setup_name", None),
    ("address", "cli.setup_address", ""),
    ("provinsi", "cli.setup_provinsi", None),
    ("phone", "cli.setup_phone", ""),
    ("npwp", "cli.setup_npwp", ""),
    ("pkp", "cli.setup_pkp", "0"),
    ("het_zone", "cli.setup_het_zone", "1"),
    ("footer", "cli.setup_footer", None),
)


@click.command()
@pass_options
def setup(options: Options) -> None:
    """Set up a new shop by prompts: its settings and the first admin, written together in one
    transaction (audited) once everything is answered; nothing is written on an error.
    Bootstrap: no user exists yet, so the till is worked by the command line's operator
    (`auth.SYSTEM`, role admin, who every command line write is audited under), through
    `Till.set_up_shop`."""
    from gerai.services.shop.profile import ShopProfile

    till = cli_till(options)
    values: dict[str, object] = {}
    for key, prompt, default in SETUP_PROMPTS:
        shown_default = default if default is not None else getattr(ShopProfile(), key)
        if key == "provinsi":
            shown_default = None
        values[key] = click.prompt(t(prompt), default=shown_default, show_default=True)
    admin = click.prompt(t("cli.setup_admin"), default=Role.ADMIN.value)
    pin = click.prompt(t("cli.pin_prompt"), hide_input=True)
    again = click.prompt(t("cli.pin_again"), hide_input=True)
    profile = till.set_up_shop(values, admin, pin, again)
    click.echo(t("cli.setup_done", name=profile.name, zone=profile.zone_label, admin=admin))
