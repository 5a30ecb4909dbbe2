"""Directories resolved to their real paths, each built on its parent's.

Resolving a file's path costs a system call per component; a tree's files share their
directories, and each directory shares all but its last component with its parent."""

from __future__ import annotations

import functools
import os

# Entries of each per-directory cache. Files are analysed in path order, so a directory is
# done with once the scan has moved on: a cache as large as the tree would only grow with it.
DIRECTORIES_KEPT = 256


@functools.lru_cache(maxsize=DIRECTORIES_KEPT)
def real_directory(directory: str) -> str:
    """`os.path.realpath(directory)` for an absolute, normalised `directory`: one `lstat`
    per directory not seen before."""
    parent, name = os.path.split(directory)
    if not name or parent == directory:
        return os.path.realpath(directory)
    here = os.path.join(real_directory(parent), name)
    return os.path.realpath(here) if os.path.islink(here) else here


def real_path(path: str | os.PathLike[str], is_dir: bool = False) -> str:
    """The real path of a directory, or of the directory holding a file joined with the
    file's own name (a link to a file stays the link: git and globs see its name)."""
    absolute = os.path.abspath(path)
    if is_dir:
        return real_directory(absolute)
    directory, name = os.path.split(absolute)
    return os.path.join(real_directory(directory), name)
