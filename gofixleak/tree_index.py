"""The result cache's index of the tree: for each file, the stat fields it had when it was
hashed, the digest of its bytes, and the key of its result when that result was empty and
read no other file (or a mark that the file is left out of builds); for each directory, the
state of its `.go` entries (names and stat fields) and the signature of what its functions
return (opener_index), which cache keys hold. A rerun then decides such a file from one
`stat`, and its directory's signature from one listing, without reading either.

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
_RACY_NS = 2_000_000_000  # a change this close before the hash may not show in the stat fields
# In place of an empty result's key: a file marked `//go:build ignore`, which a directory
# walk skips whatever the options.
BUILD_IGNORED = "build-ignored"


class DirectoryFacts(NamedTuple):
    """What the analysis of a file learned about its directory: the state of its `.go`
    entries (`directory_state`) before they were read, when, and the signature their
    declarations gave (opener_index.Signature)."""

    directory: str  # absolute
    types: str  # which result types the signature covers, as text
    state: str
    state_time_ns: int
    latest_change_ns: int
    signature: str


class Facts(NamedTuple):
    """What a cached analysis learned about one file: its stat fields, when they were read,
    the digest of its bytes, and the key of its result if the result was empty and read
    no other file (BUILD_IGNORED for a file the walk leaves out; "" otherwise); and about
    its directory, when the key depends on it."""

    stat: tuple[int, int, int, int]
    stat_time_ns: int
    digest: str
    empty_key: str
    directory: DirectoryFacts | None = None


def directory_state(directory: str) -> tuple[str, int] | None:
    """A digest of the names and stat fields of the `.go` entries of `directory`, and the
    latest change among them (mtime or ctime); None when it cannot be listed. Equal states
    mean the same files with the same bytes, as for one file's stat fields."""
    scanned = _scan(directory)
    return None if scanned is None else (scanned.state, scanned.latest_change_ns)


class _Scan(NamedTuple):
    state: str
    latest_change_ns: int
    fields: dict[str, tuple[int, int, int, int] | None]  # by name; None for a link or a file gone


def _scan(directory: str) -> _Scan | None:
    import hashlib  # only the cache's runs ask

    try:
        with os.scandir(directory) as found:
            entries = sorted((e for e in found if e.name.endswith(".go")), key=lambda e: e.name)
    except OSError:
        return None
    latest = 0
    fields: dict[str, tuple[int, int, int, int] | None] = {}
    lines = []
    for entry in entries:
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            fields[entry.name] = None
            lines.append(f"{entry.name}\0gone")
            continue
        text = f"{st.st_mode}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"
        link = stat.S_ISLNK(st.st_mode)
        if link:  # what is read through it is its target's: that is what must not change
            try:
                st = os.stat(entry.path)
                text += f">{st.st_dev}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"
            except OSError:
                text += ">gone"
        latest = max(latest, st.st_mtime_ns, st.st_ctime_ns)
        fields[entry.name] = None if link else (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        lines.append(f"{entry.name}\0{text}")
    state = hashlib.blake2b("\n".join(lines).encode(), digest_size=16).hexdigest()
    return _Scan(state, latest, fields)


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
        # directory + "\0" + types -> [state, state time, latest change, signature]
        self.directories: dict[str, list] = {}
        self._scans: dict[str, _Scan | None] = {}  # this run's, once per directory
        self._signatures: dict[tuple[str, str], str | None] = {}  # the same
        self.changed = False
        try:
            loaded = json.loads(self.path.read_bytes())
            if isinstance(loaded, dict) and isinstance(loaded.get("files"), dict):
                self.entries = loaded["files"]
                if isinstance(loaded.get("directories"), dict):
                    self.directories = loaded["directories"]
        except (OSError, ValueError):
            pass

    def unchanged_digest(self, directory: str, name: str) -> tuple[str, str] | None:
        """(digest, empty-result key) recorded for the file `name` of `directory` (absolute)
        when the file is provably as it was when hashed; None otherwise."""
        entry = self.entries.get(os.path.join(directory, name))
        if not isinstance(entry, list) or len(entry) != 7:
            return None
        scanned = self._scanned(directory)
        fields = scanned.fields.get(name) if scanned is not None else None
        if fields is None:
            return None
        size, mtime, ctime, inode, stat_time, digest, empty_key = entry
        if list(fields) != [size, mtime, ctime, inode] or max(mtime, ctime) > stat_time - _RACY_NS:
            return None
        return str(digest), str(empty_key)

    def unchanged_signature(self, directory: str, types: str) -> str | None:
        """The signature recorded for `directory` (absolute) and `types` when its `.go`
        entries are provably as they were when it was taken; None otherwise."""
        known = self._signatures.get((directory, types), False)
        if known is not False:
            return known
        found = None
        entry = self.directories.get(f"{directory}\0{types}")
        if isinstance(entry, list) and len(entry) == 4:
            current = self._scanned(directory)
            state, state_time, latest, signature = entry
            if current is not None and current.state == state and latest <= state_time - _RACY_NS:
                found = str(signature)
        self._signatures[(directory, types)] = found
        return found

    def _scanned(self, directory: str) -> _Scan | None:
        """The stat fields of the directory's `.go` entries, read once a run for all of them."""
        if directory not in self._scans:
            self._scans[directory] = _scan(directory)
        return self._scans[directory]

    def learn(self, path: str, facts: Facts) -> None:
        """Record `facts` for `path` (absolute)."""
        self.entries[path] = [*facts.stat, facts.stat_time_ns, facts.digest, facts.empty_key]
        if facts.directory is not None:
            d = facts.directory
            self.directories[f"{d.directory}\0{d.types}"] = [d.state, d.state_time_ns, d.latest_change_ns, d.signature]
        self.changed = True

    def save(self) -> None:
        if not self.changed:
            return
        temporary = f"{self.path}.{os.getpid()}.tmp"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(temporary, "wb") as handle:
                index = {"files": self.entries, "directories": self.directories}
                handle.write(json.dumps(index, separators=(",", ":")).encode())
            os.replace(temporary, self.path)
        except OSError:
            try:
                os.unlink(temporary)
            except OSError:
                pass
