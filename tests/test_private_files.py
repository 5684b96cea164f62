"""Files holding personal data (the members export) are 0600 whatever the umask; every other
file gerai writes follows the umask as any newly created file does."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from gerai.cli import main
from gerai.files import write_atomically
from tests.conftest import copy_database


@pytest.fixture
def umask() -> Iterator[None]:
    """Restores the process's umask after the test sets its own."""
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002, 0o000])
def test_exports_follow_the_umask_but_members_are_private(
    catalogue_file: Path, tmp_path: Path, umask: None, mask: int
) -> None:
    path = tmp_path / "gerai.db"
    copy_database(catalogue_file, path)
    os.umask(mask)
    runner = CliRunner()
    for group, name in (("members", "anggota.csv"), ("products", "produk.csv")):
        target = tmp_path / name
        result = runner.invoke(main, ["--db", str(path), group, "export", "--output", str(target)])
        assert result.exit_code == 0, result.output
    assert mode(tmp_path / "anggota.csv") == 0o600
    assert mode(tmp_path / "produk.csv") == 0o666 & ~mask


def test_a_private_file_replacing_an_open_one_is_private(tmp_path: Path, umask: None) -> None:
    target = tmp_path / "anggota.json"
    target.write_text("[]")
    target.chmod(0o644)
    os.umask(0o000)
    write_atomically(target, b"[1]", private=True)
    assert mode(target) == 0o600 and target.read_bytes() == b"[1]"
    write_atomically(target, b"[2]")
    assert mode(target) == 0o666
    assert [p.name for p in tmp_path.iterdir()] == ["anggota.json"]  # no temporary file left
