"""What every import shares: reading one cell as text, money, a quantity or a yes/no, and
reporting bad rows by their row number."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gerai.core.errors import GeraiError
from gerai.core.money import parse_rupiah
from gerai.core.phrases import COLUMN, Phrase
from gerai.core.quantity import parse_quantity
from gerai.core.text import check_text

TRUE_WORDS = ("1", "true", "ya", "y", "yes")
FALSE_WORDS = ("0", "false", "tidak", "t", "no", "n", "")


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one row of an import file."""

    row: int
    column: str
    error: GeraiError

    def phrase(self) -> Phrase:
        """`baris 7, price: ...` to be shown."""
        return Phrase("import.row_problem", {"row": self.row, "column": column_name(self.column),
                      "problem": self.error})  # fmt: skip


@dataclass
class ImportReport:
    """What an import did."""

    created: int = 0
    updated: int = 0
    skipped: list[RowProblem] = field(default_factory=list)
    opening: str = ""  # the number of the opening stock document booked (stok awal), if any


class ImportRefused(GeraiError):
    """The file has bad rows; nothing was imported."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__("import.refused", count=len(problems))
        self.problems = problems


def column_name(column: str) -> Phrase | str:
    """The column `column` as a person reads its heading (`Nomor anggota`, not `number`)."""
    key = COLUMN.get(column)
    return Phrase(key) if key else column


def missing_columns(missing: Sequence[str], known: Sequence[str]) -> GeraiError:
    """The refusal of a file without the columns `missing`, naming them and the `known` ones
    by their headings (`Kode`, not `code`)."""
    return GeraiError(
        "import.missing_columns",
        columns=tuple(column_name(column) for column in missing),
        expected=tuple(column_name(column) for column in known),
    )


def missing_cell(column: str) -> GeraiError:
    """The refusal of an empty cell in the required `column`."""
    return GeraiError("import.required", column=column_name(column))


def cell_text(value: Any, *, lines: bool = False) -> str:
    """A cell as stripped text (a whole-number float from a spreadsheet loses its `.0`);
    GeraiError for a control character (tabs and line breaks allowed with `lines`)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else check_text(str(value).strip(), lines=lines)


def cell_money(value: Any, column: str, required: bool) -> int | None:
    """A non-negative whole Rupiah amount; empty is None unless `required`."""
    raw = cell_text(value)
    if not raw:
        if required:
            raise missing_cell(column)
        return None
    if raw.startswith("-"):
        raise GeraiError("import.negative", value=raw)
    try:
        return parse_rupiah(raw)
    except ValueError as exc:
        raise GeraiError("import.bad_money", value=raw) from exc


def cell_qty(value: Any, default: Decimal | None) -> Decimal | None:
    """A non-negative exact quantity; empty gives `default`."""
    raw = cell_text(value)
    if not raw:
        return default
    try:
        qty = parse_quantity(raw)
    except ValueError as exc:
        raise GeraiError("import.bad_qty", value=raw) from exc
    if qty < 0:
        raise GeraiError("import.negative", value=raw)
    return qty


def cell_flag(value: Any, default: bool) -> bool:
    """Yes/no as 1/0, true/false or ya/tidak; empty gives `default`."""
    if isinstance(value, bool):
        return value
    raw = cell_text(value).lower()
    if raw == "":
        return default
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS:
        return False
    raise GeraiError("import.bad_flag", value=raw)
