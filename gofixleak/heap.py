"""Memory over a long run: freed pages handed back, and the cycle collector kept to the
moments between files.

A parse and its analysis allocate and free tens of megabytes per large file. glibc keeps
what is freed for reuse, scattered among what is still alive, so a process that has
worked through many files holds more than it uses, and the more files, the more. Asking
glibc to return its free pages (`malloc_trim`) once every few megabytes of source keeps
the footprint of a scan the same for a tree of any size. Elsewhere this does nothing."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Source bytes analysed between two trims: often enough that little waits, rarely enough
# that the pages given back and touched again cost next to nothing.
_EVERY = 2_000_000

_since = 0
_trim = None  # glibc's malloc_trim once looked up; False where there is none


def analysed(size: int) -> None:
    """Count `size` bytes of source analysed; trim once enough have been."""
    global _since
    _since += size
    if _since >= _EVERY:
        _since = 0
        trim = _malloc_trim()
        if trim:
            trim(0)


def _malloc_trim():
    global _trim
    if _trim is None:
        _trim = False
        try:
            import ctypes  # loaded only once a run has analysed megabytes

            _trim = ctypes.CDLL("libc.so.6").malloc_trim
        except (ImportError, OSError, AttributeError):
            pass
    return _trim


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic cycle collection while one file is analysed. Its analysis makes few
    cycles (control-flow graphs unlink themselves), but it makes many objects at once, and
    each full collection walks every live one: on a 4,000-function file a fifth of the
    time went there. What the file left in cycles is collected after it, as usual."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
