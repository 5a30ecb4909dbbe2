"""The other `.go` files of a file's directory, read from disk once and cached by
modification time and size; each is parsed only when its declarations are asked for."""

from __future__ import annotations

import os
import re
from functools import cached_property
from stat import S_ISREG

from ..source import SourceFile, share
from .package_file import PackageFile
from .scan_order import may_return_to

_CLAUSE = re.compile(rb"^package[ \t]+([A-Za-z_][A-Za-z0-9_]*)", re.MULTILINE)
_IGNORED = re.compile(rb"^//go:build[ \t]+ignore[ \t]*\r?$", re.MULTILINE)


class Sibling:
    """A file of the directory as read from disk: its package clause, parsed on demand."""

    def __init__(self, path: str, data: bytes) -> None:
        self.path, self.data = path, data
        self.package = package_clause(data)

    @cached_property
    def file(self) -> PackageFile | None:
        """None when tree-sitter cannot parse it."""
        src = SourceFile(self.path, self.data)
        if src.root.has_error:
            return None
        share(src)
        return PackageFile(src)


def package_clause(data: bytes) -> str:
    """The package clause as the bytes show it; "" when there is none or the file is
    marked `//go:build ignore`."""
    clause = _CLAUSE.search(data)
    ignored = clause is not None and _IGNORED.search(data[: clause.start()]) is not None
    return clause.group(1).decode() if clause is not None and not ignored else ""


# path -> ((mtime_ns, size), the file); the oldest entries go first beyond _CACHED files.
_SIBLINGS: dict[str, tuple[tuple[int, int], Sibling]] = {}
_CACHED = 512


# What the analysis of one file read from disk, while the result cache records it: the
# digest of each sibling read ("" when unreadable), and each directory listing asked for.
_RECORD: dict[str, dict] | None = None


def digest(data: bytes) -> str:
    import hashlib  # only the result cache asks for digests

    return hashlib.blake2b(data, digest_size=16).hexdigest()


def start_recording() -> None:
    global _RECORD
    _RECORD = {"files": {}, "listings": {}}


def stop_recording() -> dict[str, dict]:
    """What was read since `start_recording`: {"files": {path: digest}, "listings": {path: [paths]}}."""
    global _RECORD
    record, _RECORD = _RECORD or {"files": {}, "listings": {}}, None
    return record


def read(path: str) -> Sibling | None:
    """The file at `path`, cached by modification time and size; None when unreadable."""
    sibling = _read(path)
    if _RECORD is not None:
        _RECORD["files"][path] = "" if sibling is None else digest(sibling.data)
    return sibling


def _read(path: str) -> Sibling | None:
    try:
        stat = os.stat(path)
        if not S_ISREG(stat.st_mode):
            return None  # a FIFO would block the read for ever
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = _SIBLINGS.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        with open(path, "rb") as handle:
            sibling = Sibling(path, handle.read())
    except OSError:
        return None
    _SIBLINGS.pop(path, None)
    _SIBLINGS[path] = (stamp, sibling)
    _forget_other_directories(os.path.dirname(path))
    while len(_SIBLINGS) > _CACHED:
        del _SIBLINGS[next(iter(_SIBLINGS))]
    return sibling


_CURRENT_DIRECTORY = ""


def _forget_other_directories(directory: str) -> None:
    """Keep the files of the directories the scan may come back to only (see scan_order):
    memory must not grow with the size of the tree."""
    global _CURRENT_DIRECTORY
    if directory == _CURRENT_DIRECTORY:
        return
    _CURRENT_DIRECTORY = directory
    for stale in [p for p in _SIBLINGS if not may_return_to(os.path.dirname(p), directory)]:
        del _SIBLINGS[stale]


def beside(path: str) -> list[str] | None:
    """The paths of the other `.go` entries of the directory holding `path`, sorted by
    name (whatever they are: files, directories, broken links); None when the directory
    cannot be listed."""
    found = _beside(path)
    if _RECORD is not None:
        _RECORD["listings"][path] = found
    return found


def _beside(path: str) -> list[str] | None:
    own = os.path.abspath(path)
    directory = os.path.dirname(own)
    try:
        entries = sorted(os.listdir(directory))
    except OSError:
        return None
    found = []
    for entry in entries:
        full = os.path.join(directory, entry)
        if entry.endswith(".go") and full != own:
            found.append(full)
    return found
