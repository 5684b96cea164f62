"""A refused cell names its column as a person reads its heading, in the shown language, never
by the code's name for it (`kolom number wajib diisi` was shown to an Indonesian reader)."""

from __future__ import annotations

from datetime import date

from gerai.core.i18n import Translator, translator
from gerai.core.phrases import COLUMN
from gerai.services.importing import RowProblem, missing_cell
from gerai.services.members.import_export import parse_member_row
from gerai.services.stock.import_export import PRODUCT_COLUMNS, parse_product_row


def shown(problems: list[tuple[str, object]], lang: Translator) -> list[str]:
    return [error.message(lang) for _, error in problems]  # type: ignore[attr-defined]


def test_a_member_without_a_number_is_told_in_indonesian() -> None:
    _, problems = parse_member_row({"name": "Siti"}, date(2025, 11, 30))
    assert shown(problems, translator("id")) == ["kolom Nomor anggota wajib diisi"]
    assert shown(problems, translator("en")) == ["column Member number is required"]


def test_a_product_row_names_each_missing_column_by_its_heading() -> None:
    _, problems = parse_product_row({"code": "KPI-1"})
    messages = shown(problems, translator("id"))
    assert messages == [
        "kolom Nama wajib diisi",
        "kolom Kategori wajib diisi",
        "kolom Satuan wajib diisi",
        "kolom Harga wajib diisi",
    ]
    assert not any(word in " ".join(messages) for word in ("name", "category", "unit", "price"))


def test_a_row_problem_names_its_column_by_its_heading() -> None:
    problem = RowProblem(7, "price", missing_cell("price"))
    assert translator("id").phrase(problem.phrase()) == "baris 7, Harga: kolom Harga wajib diisi"


def test_every_import_column_has_a_heading() -> None:
    assert set(PRODUCT_COLUMNS) <= set(COLUMN)
    for lang in ("id", "en"):
        assert all(translator(lang).t(key) != key for key in COLUMN.values())
