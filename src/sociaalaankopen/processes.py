"""Worker processes that an interruption cannot orphan: Ctrl+C and SIGTERM are held while they are forked.

An interruption raised inside fork's own hooks is printed as ignored and lost; one raised inside
`multiprocessing.Pool()` (which cleans up after an `Exception` only) leaves workers that nothing stops.
Held, it arrives once the caller stands where it cleans up. A worker releases them when it starts.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

INTERRUPTS = {signal.SIGINT, signal.SIGTERM}
Mask = set[int | signal.Signals]  # what pthread_sigmask returns
_CAN_HOLD = hasattr(signal, "pthread_sigmask")


def hold_interrupts() -> Mask:
    """Hold Ctrl+C and SIGTERM; returns the mask to give `release_interrupts`."""
    before: Mask = signal.pthread_sigmask(signal.SIG_BLOCK, INTERRUPTS) if _CAN_HOLD else set()
    return before


def release_interrupts(before: Mask | None = None) -> None:
    """Let them through again (a held one arrives now). In a worker, with no argument: SIGTERM ends it
    at once, as the system does by default, whatever handler the main process had."""
    if before is None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
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
