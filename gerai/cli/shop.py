"""The shop's settings: `gerai shop show` and `gerai shop set KEY=VALUE ...`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from gerai.cli.common import Options, UserError, cli_till, pass_options
from gerai.core.errors import GeraiError
from gerai.core.i18n import shown, t
from gerai.core.words import Role

if TYPE_CHECKING:
    from receipts.usb_printers import UsbPrinter

Answer = TypeVar("Answer")
Staged = TypeVar("Staged")


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
    """Set up a new shop by prompts: its settings, this till's id, the first admin, the
    printer (a USB printer plugged in or a URL, its paper and profile, a test page), the
    backups folder and the catalogue and member templates to import. The database part
    (settings, admin, templates) is written in one transaction (audited) once everything is
    answered, nothing on an error; then this till's settings file. A bad till id, printer,
    backups folder or template is asked again. Bootstrap: no user exists yet, so the till is
    worked by the command line's operator (`auth.SYSTEM`, role admin, who every command line
    write is audited under), through `Till.set_up_shop`."""
    from gerai.backups import check_backup_folder
    from gerai.services.shop.profile import ShopProfile
    from gerai.settings import check_till_id

    till = cli_till(options)
    values: dict[str, object] = {}
    for key, prompt, default in SETUP_PROMPTS:
        shown_default = default if default is not None else getattr(ShopProfile(), key)
        if key == "provinsi":
            shown_default = None
        values[key] = click.prompt(t(prompt), default=shown_default, show_default=True)
    till_id = _ask(t("cli.setup_till"), check_till_id, default=till.settings.till)
    admin = click.prompt(t("cli.setup_admin"), default=Role.ADMIN.value)
    pin = click.prompt(t("cli.pin_prompt"), hide_input=True)
    again = click.prompt(t("cli.pin_again"), hide_input=True)
    printer = _ask_printer(till.settings.printer)
    backups = _ask(t("cli.setup_backups"), check_backup_folder, default=till.settings.backup_dir)
    products = _ask(t("cli.setup_products"), lambda v: _staged(v, till.stage_products))
    members = _ask(t("cli.setup_members"), lambda v: _staged(v, till.stage_members))
    profile = till.set_up_shop(values, admin, pin, again, products=products, members=members)
    click.echo(t("cli.setup_done", name=profile.name, zone=profile.zone_label, admin=admin))
    if products is not None:
        click.echo(t("cli.setup_products_done", count=len(products.products)))
    if members is not None:
        click.echo(t("cli.setup_members_done", count=len(members.good)))
    _write_till_settings(
        till.settings.config_path, {"till": till_id, "printer": printer, "backup_dir": backups}
    )


def _ask(text: str, check: Callable[[str], Answer], default: str = "") -> Answer:
    """Ask until `check` takes the answer: a refused one is said (what was wrong, what is
    accepted) and asked again."""
    while True:
        answer = click.prompt(text, default=default, show_default=bool(default))
        try:
            return check(answer)
        except GeraiError as exc:
            for problem in getattr(exc, "problems", ()):
                click.echo(shown().phrase(problem.phrase()), err=True)
            click.echo(t("cli.error", message=exc.message()), err=True)


def _staged(answer: str, stage: Callable[..., Staged]) -> Staged | None:
    """A template file checked (None: no file, start empty); ImportRefused names every bad
    row."""
    from gerai.tabular import read_table

    if not answer.strip():
        return None
    return stage(read_table(Path(answer.strip()).expanduser()), skip_bad=False)


def _ask_printer(current: str) -> str:
    """The printer URL chosen (`_choose_printer`), a test page offered: a failed one lets the
    printer be chosen again."""
    while True:
        url = _choose_printer(current)
        if url == "none" or not click.confirm(t("cli.setup_test_page"), default=True):
            return url
        if _test_page(url) or not click.confirm(t("cli.setup_printer_again"), default=True):
            return url


def _choose_printer(current: str) -> str:
    """A USB printer plugged in (by its number in the list), a URL typed, or `none`; then
    its paper and escpos profile."""
    from receipts.printer_url import parse_printer_url, setup_printer_url
    from receipts.usb_printers import list_usb_printers

    found = list_usb_printers()
    click.echo(t("cli.setup_printers") if found else t("printer.usb_none"))
    for number, device in enumerate(found, 1):
        click.echo(f"  {number}. {device.ids}  {device.maker} {device.name}  {device.url}")
    base = _ask(t("cli.setup_printer"), lambda v: _printer_base(v, found), default=current)
    if base == "none":
        return base
    paper = _ask(t("cli.setup_paper"), lambda v: _paper(base, v), default="58")
    return _ask(
        t("cli.setup_profile"),
        lambda profile: setup_printer_url(base, paper, profile),
        default=parse_printer_url(base).profile,
    )


def _paper(url: str, answer: str) -> str:
    """The paper answered (58 or 80), checked with the printer `url`."""
    from receipts.printer_url import setup_printer_url

    setup_printer_url(url, answer, "")
    return answer.strip()


def _printer_base(answer: str, found: list[UsbPrinter]) -> str:
    """The printer an answer names: a number of the list, `none`, or a URL (a USB one must be
    plugged in and permitted)."""
    from receipts.printer_url import parse_printer_url
    from receipts.usb_printers import udev_install_command, udev_rule

    text = answer.strip()
    if text.isdigit():
        if not 1 <= int(text) <= len(found):
            raise GeraiError("printer.setup_no_number", number=text, count=len(found))
        text = found[int(text) - 1].url
    target = parse_printer_url(text)
    if target.scheme == "none":
        return "none"
    if target.scheme == "usb":
        plugged = {device.url: device for device in found}
        device = plugged.get(f"usb://{target.target.lower()}")
        if device is None:
            raise GeraiError("printer.setup_not_found", url=text)
        if not device.permitted:
            rule = udev_rule(device.vendor, device.product)
            raise GeraiError("printer.setup_not_permitted", command=udev_install_command(rule))
    return text


def _test_page(url: str) -> bool:
    """Print a test page on `url`; False (the reason said) when it did not print."""
    from gerai.printing import print_test_page
    from receipts.printer_url import parse_printer_url

    target = parse_printer_url(url)
    try:
        print_test_page(target, shown())
    except GeraiError as exc:
        click.echo(t("cli.error", message=exc.message()), err=True)
        return False
    click.echo(t("printer.test_done", url=target.url, width=target.width))
    return True


def _write_till_settings(path: Path, changes: dict[str, object]) -> None:
    """Write this till's settings to its settings file, after the database's commit: when it
    cannot be written, say that the shop stands in the database and what to write by hand."""
    from gerai.settings import write_settings_file

    try:
        write_settings_file(path, changes)
    except GeraiError as exc:
        lines = ", ".join(f'{key} = "{value}"' for key, value in changes.items())
        raise UserError(
            t("cli.setup_settings_failed", path=str(path), reason=exc.message(), lines=lines)
        ) from exc
    shown_values = changes | {"backup_dir": changes["backup_dir"] or t("cli.setup_backups_beside")}
    click.echo(t("cli.setup_settings_written", path=str(path), **shown_values))
