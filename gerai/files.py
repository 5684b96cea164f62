"""Writing a file so it appears whole or not at all."""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from gerai.core.errors import GeraiError


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A stream to a temporary file beside `path`, renamed into place when the block ends
    without error; on any error the temporary file is removed and `path` is untouched."""
    try:
        handle, temp_name = tempfile.mkstemp(dir=path.parent or Path("."), prefix=".gerai-")
    except OSError as exc:
        raise GeraiError("io.cannot_write", path=str(path), reason=exc.strerror) from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        os.replace(temp_name, path)
        os.chmod(path, 0o644)
    except BaseException as exc:
        Path(temp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError):  # a full disk, or the target is a folder
            raise GeraiError("io.cannot_write", path=str(path), reason=exc.strerror) from exc
        raise


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all."""
    with atomic_file(path) as stream:
        stream.write(data)
