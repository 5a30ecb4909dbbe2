"""Writing fixed files back: atomically, keeping mode and owner, never over a newer version."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


class StaleFileError(Exception):
    """The file on disk is no longer the text that was analysed."""


def write_atomic(path: Path, expected_old: bytes, new: bytes) -> None:
    """Replace the contents of `path` with `new` only if it still holds `expected_old`.

    A symbolic link is written through: its target gets the new text, the link stays. A file
    the user may not write raises PermissionError and is left alone. Otherwise the new text
    goes to a temporary file in the same directory, gets the old file's owner and mode, and is
    renamed over the original, so a crash leaves either version whole. A file with several
    hard links, or whose owner the temporary file cannot be given, is rewritten in place
    instead (after the same stale check), so the links and the owner survive."""
    target = Path(os.path.realpath(path))
    info = target.stat()
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "not a regular file")
    if not os.access(target, os.W_OK, effective_ids=os.access in os.supports_effective_ids):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    if target.read_bytes() != expected_old:
        raise StaleFileError(f"{path}: changed since it was read; not written")
    if info.st_nlink > 1 or not _replace(target, info, expected_old, new):
        _rewrite_in_place(target, expected_old, new)


def _replace(target: Path, info: os.stat_result, expected_old: bytes, new: bytes) -> bool:
    """Write `new` to a temporary file and rename it over `target`; False (nothing changed)
    when the temporary file cannot be given `target`'s owner."""
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".gofixleak", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(new)
            handle.flush()
            os.fsync(handle.fileno())
        made = os.stat(tmp)
        if (made.st_uid, made.st_gid) != (info.st_uid, info.st_gid):
            try:
                os.chown(tmp, info.st_uid, info.st_gid)
            except PermissionError:
                return False  # the rename would hand the file to us: rewrite it in place
        os.chmod(tmp, stat.S_IMODE(info.st_mode))  # after chown, which may clear set-id bits
        if target.read_bytes() != expected_old:  # last look before the swap
            raise StaleFileError(f"{target}: changed since it was read; not written")
        os.replace(tmp, target)
        tmp = None
        return True
    finally:
        if tmp is not None and os.path.lexists(tmp):
            os.unlink(tmp)


def _rewrite_in_place(target: Path, expected_old: bytes, new: bytes) -> None:
    """Overwrite `target` through one open handle, checking its text on that same handle."""
    with open(target, "r+b") as handle:
        if handle.read() != expected_old:
            raise StaleFileError(f"{target}: changed since it was read; not written")
        handle.seek(0)
        handle.write(new)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())
