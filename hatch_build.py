"""Build hook: compile the gettext catalogs (gerai/locale/*/LC_MESSAGES/gerai.po) to .mo files
inside the wheel, so an installed gerai loads them without Babel's work at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogBuildHook(BuildHookInterface):  # type: ignore[misc]
    """Writes each catalog's .mo next to its .po and adds it to the build."""

    PLUGIN_NAME = "catalogs"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        for po in sorted((root / "gerai" / "locale").glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as handle:
                catalog = read_po(handle)
            mo = po.with_suffix(".mo")
            with mo.open("wb") as handle:
                write_mo(handle, catalog)
            if version != "editable":  # an editable install reads the source tree
                build_data["force_include"][str(mo)] = mo.relative_to(root).as_posix()
