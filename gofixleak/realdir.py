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


def forget() -> None:
    """Start a run afresh: a directory link may have changed since the last run of this
    process (an editor's, a test's)."""
    real_directory.cache_clear()


def real_path(path: str | os.PathLike[str], is_dir: bool = False) -> str:
    """`os.path.realpath(path)`: a file's directory resolved as `real_directory` does, then
    the file itself when it is a link (an exclude or .gitignore names what is read and
    written, the target)."""
    text = os.fspath(path)
    if ".." in text.replace("\\", "/").split("/"):
        # `a/link/..` leaves the link's target, not `a`: only realpath knows.
        return os.path.realpath(text)
    absolute = os.path.abspath(text)
    if is_dir:
        return real_directory(absolute)
    directory, name = os.path.split(absolute)
    joined = os.path.join(real_directory(directory), name)
    return os.path.realpath(joined) if os.path.islink(joined) else joined
