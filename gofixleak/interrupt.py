"""Ctrl-C: workers leave it to the main process, which holds it while files are written."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator

# What a shell reports for a command ended by SIGINT (128 + 2).
EXIT_INTERRUPTED = 130

_SIGINT = {signal.SIGINT}
_CAN_MASK = hasattr(signal, "pthread_sigmask")


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def ignore_in_worker() -> None:
    """Pool initializer. A terminal sends Ctrl-C to the whole process group; only the main
    process acts on it (it stops the workers), so a worker never dies half-way through a
    result and leaves the pool waiting on it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _CAN_MASK:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGINT)


@contextlib.contextmanager
def blocked() -> Iterator[None]:
    """SIGINT stays pending inside the block (it is delivered when the block ends, unless it
    was blocked before). Processes forked inside inherit the mask, so none can be interrupted
    before `ignore_in_worker` runs."""
    if not (_CAN_MASK and _in_main_thread()):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGINT)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def ignored() -> Iterator[None]:
    """Ctrl-C does nothing inside the block: for clean-up that must not be cut short."""
    if not _in_main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def hold() -> Callable[[], bool]:
    """From now on Ctrl-C is recorded instead of raised; returns a function telling whether
    one came. Whoever writes files asks it between two files, so each file ends either fully
    old or fully new. The caller restores the previous handler (see `restored`)."""
    pressed = threading.Event()
    if _in_main_thread():
        signal.signal(signal.SIGINT, lambda signum, frame: pressed.set())
    return pressed.is_set


@contextlib.contextmanager
def restored() -> Iterator[None]:
    """Whatever the block does to the SIGINT handler is undone when it ends."""
    if not _in_main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGINT)
    try:
        yield
    finally:
        if previous is not None:  # None: a handler not set from Python, cannot be put back
            signal.signal(signal.SIGINT, previous)
