"""Writing a file so it appears whole or not at all."""

import os
import tempfile
from pathlib import Path

from gerai.errors import GeraiError


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it into place."""
    try:
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".gerai-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except OSError as exc:
        raise GeraiError(
            "io.cannot_write", path=str(path), reason=exc.strerror or str(exc)
        ) from exc
