"""The CSS parsed once for the process (`gerai.tui.parsed_css`): a second app and a screen shown
again parse nothing, and give the same rules; other theme variables are parsed for themselves;
the Textual method it wraps still takes what it passes on."""

from __future__ import annotations

import inspect

import pytest
from textual.app import App
from textual.css import stylesheet as textual_stylesheet
from textual.css.stylesheet import Stylesheet

from gerai.db import Database
from gerai.settings import Settings
from gerai.tui import parsed_css
from gerai.tui.app import GeraiApp
from tests.conftest import CASHIER, NOW

WRAPPED = ["self", "css", "read_from", "is_default_rules", "tie_breaker", "scope"]


def test_the_wrapped_textual_method_takes_what_it_is_given() -> None:
    assert list(inspect.signature(parsed_css._parse_rules).parameters) == WRAPPED


def counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every CSS text Textual's parser is handed from now on."""
    parsed: list[str] = []
    parse = textual_stylesheet.parse

    def counted(scope: str, css: str, *args: object, **kwargs: object) -> object:
        parsed.append(css)
        return parse(scope, css, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(textual_stylesheet, "parse", counted)
    return parsed


async def started_css(app: App[None]) -> list[str]:
    """The selectors of `app`'s stylesheet once its first screen shows."""
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        return [rule.selectors for rule in app.stylesheet.rules]


def app(db: Database) -> GeraiApp:
    return GeraiApp(Settings(db_url=db.url, lang="id"), db, clock=lambda: NOW, actor=CASHIER)


async def test_a_second_app_parses_no_css(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    first = await started_css(app(db))
    parsed = counting(monkeypatch)
    second = await started_css(app(db))
    assert parsed == []
    assert second == first
    assert "#scan" in second  # the kasir screen's own sheet is in


def test_other_theme_variables_are_parsed_for_themselves() -> None:
    parsed_css.install()
    css = "Label { color: $ink; }"
    colours = []
    for ink in ("red", "blue", "red"):
        sheet = Stylesheet(variables={"ink": ink})
        sheet.add_source(css, read_from=("test", "ink"))
        sheet.parse()
        colours.append(sheet.rules[0].styles.color.hex)
    assert colours == ["#FF0000", "#0000FF", "#FF0000"]
