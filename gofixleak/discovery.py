"""Which .go files a run covers, in a deterministic order."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .pathfilter import PathFilter

# As the go tool does: these directories hold no package of the module.
_SKIPPED_DIRS = {"vendor", "testdata"}


def _skipped(name: str) -> bool:
    return name in _SKIPPED_DIRS or name.startswith((".", "_"))


class DiscoveryError(Exception):
    """A path given on the command line does not exist or is not Go source."""


def discover(paths: Iterable[str], path_filter: PathFilter | None = None) -> list[Path]:
    """Every .go file under `paths`, each once (by resolved path), sorted.

    Files named explicitly are included unless `path_filter` excludes them; directories
    are walked recursively, skipping vendor/, testdata/, hidden or `_`-prefixed
    directories, and what `path_filter` leaves out (exclude patterns, .gitignore)."""
    skip = path_filter.skip if path_filter is not None else (lambda path, is_dir, named: False)
    found: dict[Path, Path] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            if path.suffix != ".go":
                raise DiscoveryError(f"{raw}: not a .go file")
            if not skip(path, False, True):
                found.setdefault(path.resolve(), path)
        elif path.is_dir():
            walk_skip = path_filter.walking(path) if path_filter is not None else skip
            for directory, dirnames, filenames in os.walk(path):
                dirnames[:] = sorted(
                    d for d in dirnames if not _skipped(d) and not walk_skip(Path(directory, d), True, False)
                )
                for name in filenames:
                    file = Path(directory, name)
                    if name.endswith(".go") and not name.startswith((".", "_")) and not walk_skip(file, False, False):
                        found.setdefault(file.resolve(), file)
        else:
            raise DiscoveryError(f"{raw}: no such file or directory")
    return sorted(found.values(), key=lambda p: p.as_posix())
