"""The worker pool of `match --batch --workers N` and `observe --workers N` (processes.in_pool)."""

from __future__ import annotations

import multiprocessing
import os

from sociaalaankopen.processes import in_pool


def _pid(chunk: int) -> int:
    return os.getpid()


def test_a_caller_that_stops_early_lets_the_workers_end_on_their_own() -> None:
    """`match --batch --workers 2 | head -c 5` hung now and then (about 1 run in 60, with a cold cache):
    the pool killed its workers (`Pool.terminate()`), and its task thread then waited for ever on the
    lock of the task pipe. The workers now finish the few chunks sent ahead and end by themselves."""
    results = in_pool(range(100), _pid, (), 2)
    assert next(results) > 0
    workers = multiprocessing.active_children()
    assert len(workers) == 2
    results.close()  # as the batch's generator is let go when the reader of its output has gone
    assert [w.exitcode for w in workers] == [0, 0]  # ended, not killed by SIGTERM (-15)


def test_the_results_come_in_input_order_and_the_workers_end() -> None:
    found = list(in_pool(range(20), _pid, (), 2))
    assert len(found) == 20 and len(set(found)) <= 2
    assert multiprocessing.active_children() == []
