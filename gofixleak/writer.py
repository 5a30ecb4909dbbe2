"""Writing fixed files back: atomically, keeping the mode, never over a newer version."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class StaleFileError(Exception):
    """The file on disk is no longer the text that was analysed."""


def write_atomic(path: Path, expected_old: bytes, new: bytes) -> None:
    """Replace `path` with `new` only if it still holds `expected_old`.

    The new text goes to a temporary file in the same directory, gets the old file's
    mode, and is renamed over the original, so a crash leaves either version whole."""
    mode = path.stat().st_mode & 0o7777
    if path.read_bytes() != expected_old:
        raise StaleFileError(f"{path}: changed since it was read; not written")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".gofixleak", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(new)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if path.read_bytes() != expected_old:  # last look before the swap
            raise StaleFileError(f"{path}: changed since it was read; not written")
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
