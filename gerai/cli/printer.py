"""The receipt printer and past receipts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from gerai.core.errors import GeraiError
from gerai.core.i18n import shown, t

if TYPE_CHECKING:  # keeps SQLAlchemy off the start-up path
    pass


from gerai.cli.common import Options, open_till, pass_options, print_queue


@click.group()
def printer() -> None:
    """The receipt printer."""


@printer.command("test")
@pass_options
def printer_test(options: Options) -> None:
    """Print a test page: a ruler of the configured width, the URL and the profile."""
    from gerai.printing import print_test_page
    from receipts.printer_url import parse_printer_url

    target = parse_printer_url(options.settings().printer)
    print_test_page(target, shown())
    click.echo(t("printer.test_done", url=target.url, width=target.width))


@click.group()
def receipt() -> None:
    """Receipts of past sales."""


@receipt.command("show")
@click.argument("number")
@click.option(
    "--width", type=click.IntRange(24, 64), help="characters per line (default: the printer's)"
)
@pass_options
def receipt_show(options: Options, number: str, width: int | None) -> None:
    """Write a receipt's layout (or a retur slip's) as plain text."""
    from gerai.services.sale.returns import is_return_number

    queue = print_queue(options)
    show = queue.return_lines if is_return_number(number) else queue.receipt_lines
    for line in show(number, width=width):
        click.echo(line.text)


@receipt.command("print")
@click.argument("number")
@pass_options
def receipt_print(options: Options, number: str) -> None:
    """Reprint a receipt or a retur slip (marked CETAK ULANG) on the configured printer."""
    from gerai.services.sale.returns import is_return_number

    queue = print_queue(options)
    till = open_till(queue)
    if is_return_number(number):
        queued = queue.submit_return(number, reprint=True)
    else:
        queued = till.reprint(number)
    if not queued:
        raise GeraiError("printer.none")
    report = queue.flush()
    if report.error is not None:
        raise GeraiError("printer.queued", number=number, error=report.error.message())
    click.echo(t("printer.printed", number=number))


@printer.command("list")
def printer_list() -> None:
    """List the USB printers plugged in (vendor:product, maker, product, URL)."""
    from receipts.usb_printers import list_usb_printers, udev_install_command, udev_rule

    found = list_usb_printers()
    if not found:
        click.echo(t("printer.usb_none"))
        return
    for device in found:
        click.echo(f"{device.ids}  {device.maker} {device.name}  {device.url}")
        if not device.permitted:
            click.echo(
                t(
                    "printer.usb_not_permitted",
                    command=udev_install_command(udev_rule(device.vendor, device.product)),
                )
            )


def _hex_id(value: str) -> int:
    try:
        number = int(value, 16)
    except ValueError:
        raise click.BadParameter(value) from None
    if not 0 <= number <= 0xFFFF:
        raise click.BadParameter(value)
    return number


@printer.command("udev-rule")
@click.argument("ids", metavar="VENDOR:PRODUCT")
def printer_udev_rule(ids: str) -> None:
    """Print the udev rule for a USB printer (e.g. 0416:5011) and the command installing it."""
    from receipts.usb_printers import udev_install_command, udev_rule

    vendor, sep, product = ids.partition(":")
    if not sep:
        raise click.BadParameter(ids)
    rule = udev_rule(_hex_id(vendor), _hex_id(product))
    click.echo(rule)
    click.echo(t("printer.udev_install", command=udev_install_command(rule)))
