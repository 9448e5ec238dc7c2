"""Run the per-chunk function on this machine (one process or a pool) or on a Dask cluster.

Each engine yields the chunks' outcomes in input order and keeps only a few chunks in flight, so
memory does not grow with the input: `multiprocessing.Pool.imap` would read the whole input ahead.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..errors import ObserveError, Problem
from ..processes import IN_FLIGHT_PER_WORKER, in_pool

Task = Callable[..., list[Any]]


def run_local(chunks: Iterable[list[Any]], task: Task, args: tuple[Any, ...], workers: int) -> Iterator[list[Any]]:
    if workers <= 1:
        for chunk in chunks:
            yield task(chunk, *args)
        return
    yield from in_pool(chunks, task, args, workers)


def run_dask(chunks: Iterable[list[Any]], task: Task, args: tuple[Any, ...], scheduler: str) -> Iterator[list[Any]]:
    try:
        from dask.distributed import Client
    except ImportError:
        raise ObserveError(
            Problem("--engine dask", "", "needs Dask, which is not installed", "pip install 'sociaalaankopen[dask]'")
        ) from None
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError, ValueError) as e:
        raise ObserveError(
            Problem(
                f"--scheduler {scheduler}",
                "",
                "cannot be reached: {reason}",
                "start the scheduler or check the address",
                reason=e,
            )
        ) from None
    with client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        pending: deque[Any] = deque()
        for chunk in chunks:
            # pure=False: two equal chunks (a repeated input) are two tasks, not one cached result.
            pending.append(client.submit(task, chunk, *args, pure=False))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
