"""Which .go files a run covers, in a deterministic order."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

# As the go tool does: these directories hold no package of the module.
_SKIPPED_DIRS = {"vendor", "testdata"}


def _skipped(name: str) -> bool:
    return name in _SKIPPED_DIRS or name.startswith((".", "_"))


class DiscoveryError(Exception):
    """A path given on the command line does not exist or is not Go source."""


def discover(paths: Iterable[str]) -> list[Path]:
    """Every .go file under `paths`, each once (by resolved path), sorted.

    Files named explicitly are always included; directories are walked recursively,
    skipping vendor/, testdata/, and hidden or `_`-prefixed directories."""
    found: dict[Path, Path] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            if path.suffix != ".go":
                raise DiscoveryError(f"{raw}: not a .go file")
            found.setdefault(path.resolve(), path)
        elif path.is_dir():
            for directory, dirnames, filenames in os.walk(path):
                dirnames[:] = sorted(d for d in dirnames if not _skipped(d))
                real_directory = os.path.realpath(directory)  # once per directory, not per file
                for name in filenames:
                    if name.endswith(".go") and not name.startswith((".", "_")):
                        file = Path(directory, name)
                        real = os.path.join(real_directory, name)
                        found.setdefault(Path(os.path.realpath(real) if os.path.islink(real) else real), file)
        else:
            raise DiscoveryError(f"{raw}: no such file or directory")
    return sorted(found.values(), key=lambda p: p.as_posix())
