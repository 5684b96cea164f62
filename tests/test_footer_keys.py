"""gerai's footer (Textual's, composed again only when the keys it shows change): after every
change of a screen's bindings it shows exactly the keys Textual's footer would, in the same
order and state; a change that changes no key composes nothing again. And the heap frozen
once the app has started (`settle_heap`)."""

from __future__ import annotations

import subprocess
import sys

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from gerai.db import Database
from gerai.tui.widgets.footer import Footer
from tests.test_kasir_screen import make_app


def shown(footer: Footer) -> list[tuple[str, str, bool, bool]]:
    """The footer's keys as drawn: key, description, disabled, compact."""
    return [
        (key.key, key.description, key.has_class("-disabled"), key.has_class("-compact"))
        for key in footer.query(FooterKey)
    ]


def expected(footer: Footer) -> list[tuple[str, str, bool, bool]]:
    """What Textual's footer composes for the screen's bindings now."""
    keys: dict[str, tuple[str, str, bool, bool]] = {}
    for _, binding, enabled, _ in footer.screen.active_bindings.values():
        if binding.show and binding.action not in keys:
            keys[binding.action] = (binding.key, binding.description, not enabled, footer.compact)
    return list(keys.values())


class Keys(Screen[None]):
    BINDINGS = [
        Binding("f2", "add", "Tambah"),
        Binding("f3", "edit", "Ubah"),
        Binding("f4", "delete", "Hapus"),
    ]
    mode = "all"

    def compose(self) -> ComposeResult:
        yield Input(id="field")
        yield Footer(compact=self.mode == "compact")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete" and self.mode == "no delete":
            return False  # hidden
        if action == "edit" and self.mode == "no edit":
            return None  # shown disabled
        return True


class KeysApp(App[None]):
    ENABLE_COMMAND_PALETTE = False  # as gerai's

    def on_mount(self) -> None:
        self.push_screen(Keys())


async def test_the_footer_follows_the_bindings_and_composes_only_on_a_change() -> None:
    app = KeysApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, Keys)
        footer = screen.query_one(Footer)
        assert shown(footer) == expected(footer)
        assert [key for key, *_ in shown(footer)] == ["f2", "f3", "f4"]
        for mode in ("no delete", "no edit", "all", "no delete"):
            screen.mode = mode
            screen.refresh_bindings()
            await pilot.pause()
            assert shown(footer) == expected(footer), mode
        assert [key for key, *_ in shown(footer)] == ["f2", "f3"]
        keys = list(footer.query(FooterKey))
        screen.refresh_bindings()  # no key changes: the same widgets stay
        screen.set_focus(None)
        await pilot.pause()
        screen.set_focus(screen.query_one("#field"))
        await pilot.pause()
        assert list(footer.query(FooterKey)) == keys
        assert shown(footer) == expected(footer)


async def test_a_compact_footer_makes_its_keys_compact() -> None:
    Keys.mode = "compact"
    try:
        app = KeysApp()
        async with app.run_test(size=(80, 10)) as pilot:
            await pilot.pause()
            footer = app.screen.query_one(Footer)
            assert footer.compact and shown(footer) == expected(footer)
            assert all(key.compact and key.has_class("-compact") for key in footer.query(FooterKey))
    finally:
        Keys.mode = "all"


async def test_the_kasir_footer_shows_its_keys_after_a_dialog_and_a_screen(db: Database) -> None:
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        kasir = app.screen
        footer = kasir.query_one(Footer)
        assert shown(footer) == expected(footer)
        for key in ("f1", "f3"):  # the help dialog, the products screen
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is not kasir
            other = app.screen.query(Footer)
            if other:
                assert shown(other.first()) == expected(other.first())
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is kasir
            assert shown(footer) == expected(footer), key


def test_the_heap_is_frozen_once_after_start_up() -> None:
    code = (
        "import gc\n"
        "from gerai.tui.app import settle_heap\n"
        "assert gc.get_freeze_count() == 0\n"
        "settle_heap()\n"
        "frozen = gc.get_freeze_count()\n"
        "assert frozen > 1000, frozen\n"
        "settle_heap()\n"
        "assert gc.get_freeze_count() == frozen\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
