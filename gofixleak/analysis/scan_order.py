"""What a scan in path order may come back to.

Files are analysed sorted by path, and every path below a directory sorts into one block:
once the scan has left a directory's block it never returns. Inside the block it may go
down into a subdirectory and come back (`net/a.go`, `net/http/b.go`, `net/z.go`), so a
per-directory cache keeps the directory it is in and that directory's ancestors, and
nothing else: its size follows the depth of the tree, not its breadth."""

from __future__ import annotations

import os


def may_return_to(directory: str, current: str) -> bool:
    """True when a scan now in `current` may still analyse files of `directory` (both
    spelled the same way, absolute or not)."""
    if directory == current:
        return True
    prefix = directory if directory.endswith(os.sep) else directory + os.sep
    return current.startswith(prefix)
