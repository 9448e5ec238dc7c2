"""Worker processes that an interruption cannot orphan: Ctrl+C and SIGTERM are held while they are forked.

An interruption raised inside fork's own hooks is printed as ignored and lost; one raised inside
`multiprocessing.Pool()` (which cleans up after an `Exception` only) leaves workers that nothing stops.
Held, it arrives once the caller stands where it cleans up. A worker releases them when it starts, ends
on SIGTERM as by default (a Python handler misses a signal that comes as the worker goes to wait for a
task, and `Pool.terminate()` then waits for that worker for ever) and ignores Ctrl+C, which the main
process answers for all.

`in_pool` runs chunks of work on a pool of such workers, in input order.
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

INTERRUPTS = {signal.SIGINT, signal.SIGTERM}
Mask = set[int | signal.Signals]  # what pthread_sigmask returns
_CAN_HOLD = hasattr(signal, "pthread_sigmask")


def hold_interrupts() -> Mask:
    """Hold Ctrl+C and SIGTERM; returns the mask to give `release_interrupts`."""
    before: Mask = signal.pthread_sigmask(signal.SIG_BLOCK, INTERRUPTS) if _CAN_HOLD else set()
    return before


def release_interrupts(before: Mask | None = None) -> None:
    """Let them through again (a held one arrives now). In a worker, with no argument: SIGTERM ends it
    at once, as the system does by default, whatever handler the main process had; and Ctrl+C, which a
    terminal sends to the whole process group, is left to the main process, which stops the workers.
    (A worker that raised KeyboardInterrupt printed its traceback, and one stopped while it sent a result
    left the main process waiting for that result for ever.)"""
    if before is None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _CAN_HOLD:
        if before is None:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, INTERRUPTS)
        else:
            signal.pthread_sigmask(signal.SIG_SETMASK, before)


@contextmanager
def interrupts_held() -> Iterator[None]:
    before = hold_interrupts()
    try:
        yield
    finally:
        release_interrupts(before)


IN_FLIGHT_PER_WORKER = 4  # chunks sent ahead per worker: the workers never wait, memory stays bounded


def in_pool(
    chunks: Iterable[Any],
    task: Callable[..., Any],
    args: tuple[Any, ...],
    workers: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[Any]:
    """`task(chunk, *args)` for each chunk, on `workers` processes, yielded in input order.

    The chunks are read here, in the caller's thread, a few ahead of the workers. Read by the pool's own
    thread (`Pool.imap`), a slow input (a pipe, stdin) kept that thread from sending the workers their
    stop sentinels, and an interrupted run hung in `Pool.terminate()`."""
    import multiprocessing

    before = hold_interrupts()
    try:
        pool = multiprocessing.get_context().Pool(workers, initializer=_start_worker, initargs=(initializer, initargs))
    except BaseException:
        release_interrupts(before)
        raise
    try:
        release_interrupts(before)  # an interruption held while the workers were forked arrives here
        pending: deque[Any] = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(task, (chunk, *args)))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
    finally:
        # Also when the caller stops early (Ctrl+C, SIGTERM, a reader of the output gone: `| head`): the
        # workers finish the few chunks sent ahead and end on their own. `Pool.terminate()` kills them
        # instead, and one killed while it sends a result keeps the result pipe's lock for ever: the pool
        # then waits on it at its end (1 run in some hundreds of `match --batch --workers 2 | head -c 5`).
        pool.close()
        pool.join()


def _start_worker(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    release_interrupts()
    if initializer is not None:
        initializer(*initargs)
