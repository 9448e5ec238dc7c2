"""Where the CPU-bound library work of a request (matching, drafting) runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import anyio
import anyio.to_thread
from starlette.requests import Request

T = TypeVar("T")


async def compute(request: Request, work: Callable[[], T]) -> T:
    """Run CPU-bound library work (matching, drafting) off the event loop, one call at a time per server
    process. The work holds the GIL, so more threads would only interleave the calls and delay them all:
    measured with benchmarks/web_load.py, one at a time gives more requests per second and a shorter
    p95, while the event loop stays free to read and write the other requests."""
    limiter = getattr(request.app.state, "compute_limiter", None)
    if limiter is None:
        limiter = request.app.state.compute_limiter = anyio.CapacityLimiter(1)
    return await anyio.to_thread.run_sync(work, limiter=limiter)
