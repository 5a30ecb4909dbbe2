"""Which .go files a run covers, in a deterministic order."""

from __future__ import annotations

import os
import stat
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .pathfilter import PathFilter

# As the go tool does: these directories hold no package of the module.
_SKIPPED_DIRS = {"vendor", "testdata"}


def _skipped(name: str) -> bool:
    return name in _SKIPPED_DIRS or name.startswith((".", "_"))


class DiscoveryError(Exception):
    """A path given on the command line does not exist or is not Go source."""


class PathList(Sequence[Path]):
    """Paths kept as one text with the offset of each, each made a Path when asked for: a
    Path object per file costs several times its text, and the list of files is what
    grows with the tree."""

    __slots__ = ("_text", "_starts")

    def __init__(self, paths: Iterable[Path | str]) -> None:
        texts = [os.fspath(p) for p in paths]
        self._text = "".join(texts)
        self._starts = array("Q", [0])
        for text in texts:
            self._starts.append(self._starts[-1] + len(text))

    def __len__(self) -> int:
        return len(self._starts) - 1

    def _text_at(self, i: int) -> str:
        return self._text[self._starts[i] : self._starts[i + 1]]

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [Path(self._text_at(i)) for i in range(len(self))[index]]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("PathList index out of range")
        return Path(self._text_at(index))

    def __iter__(self) -> Iterator[Path]:
        return (Path(self._text_at(i)) for i in range(len(self)))

    def texts(self) -> Iterator[str]:
        """The paths as text, as they were given."""
        return (self._text_at(i) for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and not isinstance(other, str) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"PathList({[str(p) for p in self]!r})"


@dataclass(frozen=True)
class Discovery:
    """The files of a run, plus what the user should hear about the search."""

    files: Sequence[Path]  # sorted, each file once
    named: frozenset[Path]  # the files given on the command line (as they appear in `files`)
    skipped: list[str]  # "path: why", for .go entries a directory walk left out
    empty: list[str]  # the PATHS that held no .go file at all


def discover(paths: Iterable[str], path_filter: PathFilter | None = None, follow_symlinks: bool = False) -> Sequence[Path]:
    """Every .go file under `paths`, each once, sorted (see `find_go_files`)."""
    return find_go_files(paths, follow_symlinks, path_filter).files


def find_go_files(paths: Iterable[str], follow_symlinks: bool = False, path_filter: PathFilter | None = None) -> Discovery:
    """Every .go file under `paths`, each once (by device and inode: a hard link or a
    symbolic link to a file already found adds nothing), sorted.

    Files named explicitly are always included (a symbolic link to a regular file too).
    Directories are walked recursively, skipping vendor/, testdata/, and hidden or
    `_`-prefixed directories, without following directory links. In a walk, an entry that is
    not a regular file (a FIFO, a socket) is skipped with a note, and so is a symbolic link
    unless `follow_symlinks`: writing through a link the user did not name would change a
    file outside the tree. `path_filter` leaves out what it says (exclude patterns,
    .gitignore), named files included."""
    skip = path_filter.skip if path_filter is not None else (lambda path, is_dir, named: False)
    # Paths as text until the end: a Path object per file costs several times its text.
    found: dict[tuple[int, int], str] = {}
    named: set[str] = set()
    skipped: list[str] = []
    empty: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            count = 0
            walk_skip = path_filter.walking(path) if path_filter is not None else None
            for count, (file, info) in enumerate(_walk(str(path), follow_symlinks, skipped, walk_skip), 1):
                found.setdefault((info.st_dev, info.st_ino), file)
            if count == 0:
                empty.append(raw)
        elif os.path.lexists(path):
            if path.suffix != ".go":
                raise DiscoveryError(f"{raw}: not a .go file")
            if skip(path, False, True):
                continue
            info = _stat(str(path))
            if info is None or not stat.S_ISREG(info.st_mode):
                raise DiscoveryError(f"{raw}: not a regular file")
            # The path the file is known by, whichever way it was met first.
            named.add(found.setdefault((info.st_dev, info.st_ino), str(path)))
        else:
            raise DiscoveryError(f"{raw}: no such file or directory")
    return Discovery(
        files=PathList(sorted(found.values(), key=_posix)),
        named=frozenset(Path(p) for p in named),
        skipped=skipped,
        empty=empty,
    )


def _posix(path: str) -> str:
    return path.replace(os.sep, "/")


def _join(directory: str, name: str) -> str:
    """`str(Path(directory, name))` for a normalised `directory`, without making a Path."""
    return name if directory == "." else os.path.join(directory, name)


def _walk(root: str, follow_symlinks: bool, skipped: list[str], skip) -> Iterable[tuple[str, os.stat_result]]:
    """The .go files below `root` (a normalised path) with their stat: a directory's files
    in name order, then each of its subdirectories in turn."""
    pending = [root]
    while pending:
        directory = pending.pop()
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError:
            continue
        subdirectories = []
        for entry in entries:
            name = entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                # Like os.walk: a link to a directory is listed but not followed.
                if not _skipped(name) and not entry.is_symlink():
                    path = _join(directory, name)
                    if skip is None or not skip(path, True, False):
                        subdirectories.append(path)
                continue
            if not name.endswith(".go") or name.startswith((".", "_")):
                continue
            file = _join(directory, name)
            if skip is not None and skip(file, False, False):
                continue
            info = _stat(file, follow=False)
            if info is not None and stat.S_ISLNK(info.st_mode):
                if not follow_symlinks:
                    skipped.append(f"{_posix(file)}: symbolic link skipped (name it, or use --follow-symlinks)")
                    continue
                info = _stat(file)
            if info is None or not stat.S_ISREG(info.st_mode):
                skipped.append(f"{_posix(file)}: not a regular file, skipped")
                continue
            yield file, info
        pending.extend(reversed(subdirectories))


def _stat(path: str, follow: bool = True) -> os.stat_result | None:
    try:
        return os.stat(path, follow_symlinks=follow)
    except OSError:
        return None

