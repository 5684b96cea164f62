"""The shop's settings: `gerai shop show` and `gerai shop set KEY=VALUE ...`."""

from __future__ import annotations

from dataclasses import asdict

import click

from gerai.cli.common import Options, UserError, now_utc, open_database, pass_options
from gerai.core.i18n import t


@click.group()
def shop() -> None:
    """The shop's settings (name, address, provinsi, time zone, PKP/NPWP, ...)."""


@shop.command("show")
@pass_options
def shop_show(options: Options) -> None:
    """Print every shop setting, one KEY=VALUE a line."""
    from gerai.services.shop.profile import load_shop

    database = open_database(options.settings())
    with database.read() as session:
        profile = load_shop(session)
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
    from gerai.services.shop.auth import SYSTEM
    from gerai.services.shop.profile import save_shop_settings

    values: dict[str, object] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UserError(t("cli.shop_pair_bad", pair=pair))
        values[key.strip()] = value
    database = open_database(options.settings())
    with database.write() as session:
        profile = save_shop_settings(session, SYSTEM, now=now_utc(), **values)
    click.echo(t("cli.shop_saved", name=profile.name, zone=profile.zone_label))
