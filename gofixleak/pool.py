"""A process pool that Ctrl-C (or any error) stops at once, leaving no worker behind."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from . import interrupt

# How long a terminated worker gets to exit before it is killed.
_GRACE_SECONDS = 2.0


@contextlib.contextmanager
def worker_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A ProcessPoolExecutor whose workers ignore SIGINT. Leaving the block normally shuts
    it down as usual; leaving it by an exception (KeyboardInterrupt included) terminates the
    workers and waits for them first, rather than waiting for results that may never come."""
    pool = None
    try:
        with interrupt.blocked():
            pool = ProcessPoolExecutor(max_workers=workers, initializer=interrupt.ignore_in_worker)
            pool.submit(int)  # start the workers while Ctrl-C is held back
        yield pool
        pool.shutdown(wait=True)
    except BaseException:
        if pool is not None:
            with interrupt.ignored():  # a second Ctrl-C must not cut the clean-up short
                _terminate(pool)
        raise


def _terminate(pool: ProcessPoolExecutor) -> None:
    # The executor has no public way to stop running workers before Python 3.14.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(_GRACE_SECONDS)
        if process.is_alive():
            process.kill()
            process.join()
