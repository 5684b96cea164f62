"""Writing a file so it appears whole or not at all, readable as the umask says, or by its
owner only when it holds personal data."""

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from gerai.core.errors import GeraiError

PRIVATE_MODE = 0o600
SHARED_MODE = 0o666  # less what the umask takes away, as for any file a program creates


@contextmanager
def atomic_file(path: Path, *, private: bool = False) -> Iterator[BinaryIO]:
    """A stream to a temporary file beside `path`, renamed into place when the block ends
    without error; on any error the temporary file is removed and `path` is untouched. A
    `private` file (personal data: NIK, phone numbers) is 0600 whatever the umask; any other
    follows the umask as a newly created file does."""
    temp_name = str((path.parent or Path(".")) / f".gerai-{secrets.token_hex(8)}")
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(temp_name, flags, PRIVATE_MODE if private else SHARED_MODE)
    except OSError as exc:
        raise GeraiError("io.cannot_write", path=str(path), reason=exc.strerror) from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        if private:  # whatever the umask allowed or took away
            os.chmod(temp_name, PRIVATE_MODE)
        os.replace(temp_name, path)
    except BaseException as exc:
        Path(temp_name).unlink(missing_ok=True)
        if isinstance(exc, OSError):  # a full disk, or the target is a folder
            raise GeraiError("io.cannot_write", path=str(path), reason=exc.strerror) from exc
        raise


def write_atomically(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write `data` to `path` whole or not at all (0600 when `private`)."""
    with atomic_file(path, private=private) as stream:
        stream.write(data)
