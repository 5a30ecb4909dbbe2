"""The result cache's index of the tree: for each file, the stat fields it had when it was
hashed, the digest of its bytes, and the key of its result when that result was empty and
read no other file (or a mark that the file is left out of builds). A rerun then decides
such a file from one `stat`, without reading it.

A file counts as unchanged only when size, mtime, ctime and inode all match, and its last
change was well before it was hashed: a write within the same clock tick as the hash could
leave every field the same (git calls such entries racy), so those are read again. ctime
cannot be set back by a user. The index is a cache too: one that cannot be read is
ignored, and it is written whole to a temporary file renamed into place."""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path
from typing import NamedTuple

_NAME = "tree-index.json"
_RACY_NS = 2_000_000_000
# In place of an empty result's key: a file marked `//go:build ignore`, which a directory
# walk skips whatever the options.
BUILD_IGNORED = "build-ignored"  # a change this close before the hash may not show in the stat fields


class Facts(NamedTuple):
    """What a cached analysis learned about one file: its stat fields, when they were read,
    the digest of its bytes, and the key of its result if the result was empty and read
    no other file (BUILD_IGNORED for a file the walk leaves out; "" otherwise)."""

    stat: tuple[int, int, int, int]
    stat_time_ns: int
    digest: str
    empty_key: str


def stat_fields(path: str) -> tuple[tuple[int, int, int, int], int] | None:
    """(size, mtime, ctime, inode) of `path` and the time they were read; None if it cannot
    be read or is a symbolic link (whose target's directory decides its Go version)."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISLNK(st.st_mode):
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino), time.time_ns()


class TreeIndex:
    def __init__(self, directory: str) -> None:
        self.path = Path(directory, _NAME)
        self.entries: dict[str, list] = {}
        self.changed = False
        try:
            loaded = json.loads(self.path.read_bytes())
            if isinstance(loaded, dict):
                self.entries = loaded
        except (OSError, ValueError):
            pass

    def unchanged_digest(self, path: str) -> tuple[str, str] | None:
        """(digest, empty-result key) recorded for `path` (absolute) when the file is
        provably as it was when hashed; None otherwise."""
        entry = self.entries.get(path)
        if not isinstance(entry, list) or len(entry) != 7:
            return None
        found = stat_fields(path)
        if found is None:
            return None
        fields, _ = found
        size, mtime, ctime, inode, stat_time, digest, empty_key = entry
        if list(fields) != [size, mtime, ctime, inode] or max(mtime, ctime) > stat_time - _RACY_NS:
            return None
        return str(digest), str(empty_key)

    def learn(self, path: str, facts: Facts) -> None:
        """Record `facts` for `path` (absolute)."""
        self.entries[path] = [*facts.stat, facts.stat_time_ns, facts.digest, facts.empty_key]
        self.changed = True

    def save(self) -> None:
        if not self.changed:
            return
        temporary = f"{self.path}.{os.getpid()}.tmp"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(temporary, "wb") as handle:
                handle.write(json.dumps(self.entries, separators=(",", ":")).encode())
            os.replace(temporary, self.path)
        except OSError:
            try:
                os.unlink(temporary)
            except OSError:
                pass
