"""Suppliers (issue 17): what the gerai owes them (hutang dagang), a receipt's terms, payments."""

from __future__ import annotations

import json

import click

from gerai.cli.common import Options, cli_till, output_stream, pass_options
from gerai.cli.kas import SIGNED, parse_amount
from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.money import format_rupiah
from gerai.core.words import PaymentMethod, ReceiptTermsKind

# what the command line takes for the way of paying (`cash` or the stored word)
METHODS = {
    "cash": PaymentMethod.CASH,
    PaymentMethod.CASH.value: PaymentMethod.CASH,
    PaymentMethod.TRANSFER.value: PaymentMethod.TRANSFER,
}
METHOD_CHOICE = click.Choice(list(METHODS), case_sensitive=False)


@click.group("supplier")
def supplier() -> None:
    """Suppliers: what the gerai owes them, a receipt's terms, payments."""


@supplier.command("owed")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "csv", "xlsx", "json"]),
    default="text",
    show_default=True,
)
@click.option("--output", help="file to write, or - for stdout")
@pass_options
def supplier_owed(options: Options, fmt: str, output: str | None) -> None:
    """What the gerai owes each supplier: the balance, its aging (days since received:
    0-30, 31-60, 61-90, over 90), what is overdue and what falls due this week."""
    from gerai.core.timefmt import format_date
    from gerai.services.stock.supplier_debts import OWED_COLUMNS

    till = cli_till(options)
    debts = till.supplier_debts()
    today = till.today()
    if fmt == "json":
        document = {
            "date": today.isoformat(),
            "total_owed": sum(d.owed for d in debts),
            "due_this_week": sum(d.due_this_week for d in debts),
            "overdue": sum(d.overdue for d in debts),
            "suppliers": [d.as_json() for d in debts],
        }
        with output_stream(output or "-", "hutang-pemasok.json") as stream:
            stream.write(json.dumps(document, ensure_ascii=False, indent=2).encode() + b"\n")
        return
    if fmt != "text":
        from gerai.exports.people import banner, table_bytes

        lines = banner(till.shop, t("export.owed_title"), format_date(today))
        data = table_bytes(
            fmt, OWED_COLUMNS, [d.row() for d in debts], people=options.lang is not None,
            sheet="supplier_debts", lines=lines,
        )  # fmt: skip
        with output_stream(output or "-", f"hutang-pemasok.{fmt}") as stream:
            stream.write(data)
        return
    for debt in debts:
        aging = [format_rupiah(amount) for amount in debt.aging]
        click.echo(
            t(
                "cli.owed_supplier",
                supplier=debt.supplier,
                owed=format_rupiah(debt.owed),
                a=aging[0],
                b=aging[1],
                c=aging[2],
                d=aging[3],
                week=format_rupiah(debt.due_this_week),
                overdue=format_rupiah(debt.overdue),
            )
        )
        for receipt in debt.receipts:
            key = "cli.owed_receipt_late" if receipt.due < today else "cli.owed_receipt"
            click.echo(
                t(
                    key,
                    number=receipt.number,
                    received=format_date(receipt.received),
                    due=format_date(receipt.due),
                    total=format_rupiah(receipt.total),
                    owed=format_rupiah(receipt.owed),
                )
            )
    click.echo(
        t(
            "cli.owed_total",
            owed=format_rupiah(sum(d.owed for d in debts)),
            week=format_rupiah(sum(d.due_this_week for d in debts)),
        )
    )


@supplier.command("pay", context_settings=SIGNED)
@click.argument("name")
@click.argument("amount")
@click.option("--method", type=METHOD_CHOICE, required=True, help="cash (from the kas) or transfer")
@click.option("--reference", default="", help="the transfer's reference (required for one)")
@click.option("--receipt", default=None, help="the goods receipt paid (default: the balance)")
@click.option("--note", default="", help="a note")
@pass_options
def supplier_pay(
    options: Options, name: str, amount: str, method: str, reference: str,
    receipt: str | None, note: str,
) -> None:  # fmt: skip
    """Pay supplier NAME (its name, or the start of it) AMOUNT Rupiah, in cash from the kas
    bendahara or by transfer; never more than is owed (on the receipt, when given)."""
    till = cli_till(options)
    paid = till.pay_supplier(
        name, parse_amount(amount), METHODS[method.lower()], reference=reference,
        receipt=receipt, note=note,
    )  # fmt: skip
    click.echo(
        t(
            "cli.supplier_paid",
            number=paid.number,
            supplier=paid.supplier,
            amount=format_rupiah(paid.amount),
            owed=format_rupiah(paid.owed_after),
        )
    )


@supplier.command("terms")
@click.argument("receipt")
@click.option("--later", "later", flag_value=True, default=None, help="paid later (tempo)")
@click.option("--now", "later", flag_value=False, help="paid in full now (lunas)")
@click.option("--due", default=None, help="YYYY-MM-DD or DD-MM-YYYY (default: 30 days on)")
@click.option("--method", type=METHOD_CHOICE, default="cash", show_default=True)
@click.option("--reference", default="", help="the transfer's reference")
@pass_options
def supplier_terms(
    options: Options, receipt: str, later: bool | None, due: str | None, method: str,
    reference: str,
) -> None:  # fmt: skip
    """Say how goods receipt RECEIPT (its BM number) is paid: --now (cash from the kas, or a
    transfer with its reference) or --later by a due date."""
    if later is None:
        raise GeraiError("cli.terms_which")
    kind = ReceiptTermsKind.CREDIT if later else ReceiptTermsKind.PAID
    done = cli_till(options).set_receipt_terms(
        receipt, kind, due=due, method=METHODS[method.lower()], reference=reference
    )
    if done.payment is None:
        from gerai.core.timefmt import format_date

        click.echo(t("cli.terms_later", receipt=done.receipt, due=format_date(done.due)))
    else:
        click.echo(
            t(
                "cli.terms_paid",
                receipt=done.receipt,
                number=done.payment.number,
                amount=format_rupiah(done.payment.amount),
            )
        )
