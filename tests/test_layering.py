"""The layering: the house's floors (import-linter's layers contract: core at the bottom, then
models and db, receipts, services, the till, exports and printing, the TUI and the CLI on top),
business rules never import Textual or the TUI, receipts and the core load nothing of gerai
above the core, and `gerai --help` starts without SQLAlchemy or Textual."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

PROBE = r"""
import importlib, json, pkgutil, sys
import gerai.services, receipts
names = ["gerai.models", "gerai.db", "gerai.db_copy", "gerai.core.money", "gerai.core.quantity",
         "gerai.core.words", "gerai.core.timefmt", "gerai.tabular"]
for package in (gerai.services, receipts):
    names += [m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
for name in names:
    importlib.import_module(name)
print(json.dumps({"imported": names, "loaded": sorted(sys.modules)}))
"""


def probe(code: str) -> dict[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, list[str]] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


BOTTOM = r"""
import importlib, json, pkgutil, sys
import {package}
names = [m.name for m in pkgutil.walk_packages({package}.__path__, "{package}.")]
for name in names:
    importlib.import_module(name)
print(json.dumps({{"imported": names, "loaded": sorted(sys.modules)}}))
"""


def test_import_linter_contracts_are_kept() -> None:
    done = subprocess.run(
        [str(BIN / "lint-imports")], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout
    assert "each floor imports only the floors below it KEPT" in done.stdout
    assert "Receipts import nothing of gerai but its shared core KEPT" in done.stdout


def test_core_and_receipts_load_nothing_of_gerai_above_the_core() -> None:
    """Every module of the bottom floor and of receipts, imported for real: the only gerai
    modules loaded are the core's (what import-linter reads statically, proven at run time)."""
    for package, probe_module in (
        ("gerai.core", "gerai.core.words"),
        ("receipts", "receipts.layout"),
    ):
        result = probe(BOTTOM.format(package=package))
        assert probe_module in result["imported"]
        above = [
            m for m in result["loaded"]
            if m.startswith("gerai.") and not m.startswith("gerai.core.") and m != "gerai.core"
        ]  # fmt: skip
        assert not above, (package, above)
        assert "sqlalchemy" not in {m.split(".")[0] for m in result["loaded"]}, package


def test_services_and_receipts_do_not_load_textual() -> None:
    result = probe(PROBE)
    assert "gerai.services.sale.checkout" in result["imported"]
    assert "gerai.services.sale.cart" in result["imported"]
    tops = {name.split(".")[0] for name in result["loaded"]}
    assert "sqlalchemy" in tops  # the probe really imported the services
    assert "textual" not in tops
    assert not [m for m in result["loaded"] if m == "gerai.tui" or m.startswith("gerai.tui.")]
    assert "gerai.cli" not in result["loaded"]


def test_help_does_not_load_sqlalchemy_or_textual() -> None:
    code = (
        "import json, sys\n"
        "sys.argv = ['gerai', '--help']\n"
        "from gerai.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exit:\n"
        "    assert exit.code in (0, None), exit.code\n"
        "print(json.dumps({'loaded': sorted(sys.modules)}))\n"
    )
    loaded = {name.split(".")[0] for name in probe(code)["loaded"]}
    assert "click" in loaded and "gerai" in loaded
    heavy = {"sqlalchemy", "sqlmodel", "textual", "alembic", "reportlab", "openpyxl", "escpos"}
    assert not loaded & heavy, loaded & heavy


def test_console_script_help_import_trace() -> None:
    """The real `gerai --help`, traced by the interpreter itself (`-X importtime`)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", str(BIN / "gerai"), "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Usage:" in done.stdout
    imported = {
        line.rsplit("|", 1)[-1].strip().split(".")[0]
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "click" in imported
    assert "sqlalchemy" not in imported
    assert "textual" not in imported
