"""Work spread over processes, which Ctrl-C (or any error) stops at once, leaving none behind."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from . import interrupt

T = TypeVar("T")
R = TypeVar("R")


def parallel_map(function: Callable[[T], R], items: Iterable[T], workers: int, chunksize: int = 1) -> Iterator[R]:
    """Yield `function(item)` for each item, in order, computed by `workers` processes.

    The workers ignore SIGINT. When the caller stops early, or an exception (KeyboardInterrupt
    included) comes out of a worker or the caller, the workers are terminated and waited for
    before it goes on, rather than the pool waiting for results that may never come."""
    pool = None
    try:
        with interrupt.blocked():  # no worker can be interrupted before it ignores SIGINT
            pool = multiprocessing.Pool(workers, initializer=interrupt.ignore_in_worker)
        yield from pool.imap(function, items, chunksize)
        pool.close()
        pool.join()
    except BaseException:
        if pool is not None:
            with interrupt.ignored():  # a second Ctrl-C must not cut the clean-up short
                pool.terminate()
        raise
