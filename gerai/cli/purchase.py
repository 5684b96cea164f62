"""Purchase orders (issue 17): `gerai po create|list|show|cancel`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from gerai.cli.common import Options, cli_till, output_stream, pass_options, write_whole
from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.words import OrderStatus

if TYPE_CHECKING:  # keeps SQLAlchemy off the start-up path
    from gerai.services.stock.purchase_orders import OrderLine


@click.group()
def po() -> None:
    """Purchase orders (pesanan pembelian)."""


def order_line(text: str) -> OrderLine:
    """`CODE:QTY[:PACK[:COST]]` (`MYK-1L:2:karton=40:560000`): QTY packs of PACK (empty:
    the selling unit) at COST a pack."""
    from gerai.services.stock.purchase_orders import OrderLine

    parts = text.split(":")
    if len(parts) < 2 or len(parts) > 4 or not parts[0].strip():
        raise GeraiError("po.bad_line", text=text)
    code, qty, pack, cost = [*parts, "", ""][:4]
    return OrderLine(code, qty, pack, cost or None)


def supplier_id(options: Options, name: str) -> int:
    """The active supplier named `name` (any case)."""
    wanted = " ".join(name.split()).lower()
    for supplier in cli_till(options).suppliers():
        if supplier.name.lower() == wanted:
            return supplier.id
    raise GeraiError("po.no_such_supplier", name=name.strip())


@po.command("create")
@click.argument("lines", nargs=-1)
@click.option("--supplier", help="the supplier's name (by hand)")
@click.option("--note", default="", help="a note for the supplier")
@click.option("--from-reorder", is_flag=True, help="one order per supplier of `stock reorder`")
@click.option("--window", "window_days", type=int, default=28, show_default=True)
@click.option("--lead-days", type=int, default=3, show_default=True)
@click.option("--safety-days", type=int, default=2, show_default=True)
@pass_options
def po_create(
    options: Options,
    lines: tuple[str, ...],
    supplier: str | None,
    note: str,
    from_reorder: bool,
    window_days: int,
    lead_days: int,
    safety_days: int,
) -> None:
    """Make a purchase order: by hand, `--supplier NAME CODE:QTY[:PACK[:COST]]...`
    (`MYK-1L:2:karton=40:560000`: 2 karton of 40 at Rp560.000 a karton), or with
    `--from-reorder` one per supplier of what `gerai stock reorder` suggests."""
    till = cli_till(options)
    if from_reorder:
        if lines or supplier:
            raise GeraiError("cli.po_reorder_alone")
        numbers = till.orders_from_reorder(window_days, lead_days, safety_days)
    else:
        if supplier is None:
            raise GeraiError("cli.po_supplier_needed")
        parsed = [order_line(line) for line in lines]
        numbers = [till.create_order(supplier_id(options, supplier), parsed, note)]
    for number in numbers:
        order = till.order(number)
        click.echo(t("cli.po_created", number=number, supplier=order.supplier,
                     count=len(order.lines)))  # fmt: skip


@po.command("list")
@click.option(
    "--status", "statuses", multiple=True, type=click.Choice([str(s) for s in OrderStatus])
)
@click.option("--json", "as_json", is_flag=True, help="JSON instead of text")
@pass_options
def po_list(options: Options, statuses: tuple[str, ...], as_json: bool) -> None:
    """The purchase orders, newest first."""
    from gerai.core.money import format_rupiah
    from gerai.core.phrases import ORDER_STATUS
    from gerai.core.timefmt import format_date

    found = cli_till(options).orders([OrderStatus(s) for s in statuses])
    if as_json:
        rows = [
            {"number": o.number, "supplier": o.supplier, "status": str(o.status),
             "business_date": o.business_date.isoformat(), "lines": o.lines, "total": o.total}
            for o in found
        ]  # fmt: skip
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for o in found:
        click.echo(
            t("cli.po_line", number=o.number, date=format_date(o.business_date),
              supplier=o.supplier, status=t(ORDER_STATUS[o.status]), count=o.lines,
              total=format_rupiah(o.total))
        )  # fmt: skip
    click.echo(t("cli.po_count", count=len(found)))


@po.command("show")
@click.argument("number")
@click.option("--pdf", "pdf", metavar="FILE", help="write the A4 PDF to FILE (- for stdout)")
@click.option("--text", is_flag=True, help="plain text to paste into WhatsApp")
@click.option("--json", "as_json", is_flag=True, help="the order as JSON")
@pass_options
def po_show(options: Options, number: str, pdf: str | None, text: bool, as_json: bool) -> None:
    """One purchase order: its lines, ordered, received and open."""
    from gerai.core.phrases import ORDER_STATUS
    from gerai.core.quantity import format_quantity
    from gerai.exports.purchase_order_pdf import packs_text, purchase_order_text

    if sum([pdf is not None, text, as_json]) > 1:
        raise GeraiError("cli.po_one_output")
    till = cli_till(options)
    order = till.order(number)
    if pdf is not None:
        from gerai.exports.purchase_order_pdf import purchase_order_pdf

        data = purchase_order_pdf(order, till.shop, till.clock())
        write_whole(pdf, f"{order.number}.pdf", data)
        return
    if as_json:
        with output_stream("-", "") as stream:
            stream.write(json.dumps(order.row(), ensure_ascii=False, indent=1).encode() + b"\n")
        return
    if text:
        click.echo(purchase_order_text(order, till.shop), nl=False)
        return
    click.echo(t("cli.po_head", number=order.number, supplier=order.supplier,
                 status=t(ORDER_STATUS[order.status])))  # fmt: skip
    for line in order.lines:
        click.echo(
            t("cli.po_show_line", no=line.line_no, code=line.code, name=line.name,
              packs=packs_text(line), ordered=format_quantity(line.qty, line.unit),
              received=format_quantity(line.received, line.unit),
              open=format_quantity(line.open, line.unit))
        )  # fmt: skip


@po.command("cancel")
@click.argument("number")
@click.option("--reason", default="", help="why (recorded in the audit trail)")
@pass_options
def po_cancel(options: Options, number: str, reason: str) -> None:
    """Cancel an open or partly received purchase order."""
    click.echo(t("cli.po_cancelled", number=cli_till(options).cancel_order(number, reason)))
