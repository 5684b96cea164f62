"""The kas bendahara (issue 15): its book, bank deposits and expenses."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from gerai.cli.common import Options, cli_till, parse_date, pass_options
from gerai.core.errors import GeraiError
from gerai.core.i18n import t
from gerai.core.money import format_number, format_rupiah, parse_rupiah
from gerai.core.phrases import EXPENSE_CATEGORY, KAS_KIND
from gerai.core.words import ExpenseCategory, KasKind

if TYPE_CHECKING:  # keeps SQLAlchemy off the start-up path
    from gerai.services.cash.kas import KasBook

SIGNED = {"ignore_unknown_options": True}  # `-5000` is an amount (refused), not an option


@click.group("kas")
def kas() -> None:
    """The kas bendahara: setoran from the drawers, bank deposits, expenses."""


def parse_amount(text: str) -> int:
    """A Rupiah amount as typed (`50000`, `50.000`, `Rp50.000`); a minus sign is kept so the
    service refuses it with its own message."""
    raw = text.strip()
    negative = raw.startswith("-")
    try:
        value = parse_rupiah(raw.removeprefix("-"))
    except ValueError as exc:
        raise GeraiError("kas.bad_amount", value=text) from exc
    return -value if negative else value


@kas.command("show")
@click.option("--from", "first", help="YYYY-MM-DD (default: today)")
@click.option("--to", "last", help="YYYY-MM-DD (default: the --from day)")
@click.option("--json", "as_json", is_flag=True, help="JSON instead of text")
@pass_options
def kas_show(options: Options, first: str | None, last: str | None, as_json: bool) -> None:
    """The kas bendahara's lines of some business days, with the running balance."""
    till = cli_till(options)
    start = parse_date(first, till.today())
    end = parse_date(last, till.today()) if last else start
    if end < start:
        raise GeraiError("kas.bad_range", first=start.isoformat(), last=end.isoformat())
    book = till.kas_book(start, end)
    if as_json:
        click.echo(json.dumps(book_json(book), ensure_ascii=False, indent=2))
        return
    click.echo(t("kas.show_opening", first=start.isoformat(), balance=format_rupiah(book.opening)))
    for line in book.lines:
        entry = line.entry
        what = t(KAS_KIND[entry.kind])
        if entry.category:
            what += f" ({t(EXPENSE_CATEGORY[entry.category])})"
        if entry.till:
            what += f" {entry.till}#{entry.shift_id}"
        if (paid := book.suppliers.get(entry.id or 0)) is not None:
            what += f" {paid.supplier}"
        click.echo(
            f"{entry.business_date.isoformat()}  {what:<32} {format_number(line.signed):>12}"
            f"  {format_number(line.balance):>12}  {entry.created_by}  {entry.note}".rstrip()
        )
    click.echo(t("kas.show_closing", last=end.isoformat(), balance=format_rupiah(book.closing)))


def book_json(book: KasBook) -> dict[str, object]:
    """The kas book as JSON-ready values (English keys, amounts in Rupiah)."""
    return {
        "first": book.first.isoformat(),
        "last": book.last.isoformat(),
        "opening_balance": book.opening,
        "closing_balance": book.closing,
        "lines": [
            {
                "id": line.entry.id,
                "business_date": line.entry.business_date.isoformat(),
                "created_at": line.entry.created_at.isoformat(),
                "created_by": line.entry.created_by,
                "kind": line.entry.kind,
                "category": line.entry.category,
                "amount": line.signed,
                "balance": line.balance,
                "till": line.entry.till,
                "shift_id": line.entry.shift_id,
                "note": line.entry.note,
                "supplier_payment": _paid(book, line.entry.id),
            }
            for line in book.lines
        ],
    }


def _paid(book: KasBook, entry_id: int | None) -> dict[str, str] | None:
    """The payment to a supplier behind a kas line (issue 17), or None."""
    paid = book.suppliers.get(entry_id or 0)
    if paid is None:
        return None
    return {"number": paid.number, "supplier": paid.supplier, "receipt": paid.receipt}


@kas.command("setor-bank", context_settings=SIGNED)
@click.argument("amount")
@click.option("--note", default="", help="the bank and the deposit slip's number")
@pass_options
def kas_bank(options: Options, amount: str, note: str) -> None:
    """Record cash from the kas deposited at the bank."""
    till = cli_till(options)
    entry = till.deposit_to_bank(parse_amount(amount), note)
    click.echo(t("kas.banked", amount=format_rupiah(entry.amount), balance=_balance(options)))


@kas.command(KasKind.EXPENSE.value, context_settings=SIGNED)
@click.argument("amount")
@click.option(
    "--category", default="", help="one of: " + ", ".join(c.value for c in ExpenseCategory)
)
@click.option("--note", default="", help="what it was for (the receipt or the person paid)")
@pass_options
def kas_expense(options: Options, amount: str, category: str, note: str) -> None:
    """Record an expense of the gerai paid from the kas."""
    till = cli_till(options)
    entry = till.record_expense(parse_amount(amount), category, note)
    click.echo(
        t(
            "kas.spent",
            amount=format_rupiah(entry.amount),
            category=t(EXPENSE_CATEGORY[entry.category]),
            balance=_balance(options),
        )
    )


def _balance(options: Options) -> str:
    till = cli_till(options)
    today = till.today()
    return format_rupiah(till.kas_book(today, today).closing)
