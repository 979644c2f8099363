"""How the async client waits: asyncio futures and sleeps (the sync twin uses threads)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from ..errors import ComfyTimeoutError

T = TypeVar("T")
A = TypeVar("A")

Future = asyncio.Future
#: A lock for the client's own state (held across awaits).
Lock = asyncio.Lock
#: Bounds how many of the tracker's requests are in flight at once.
Gate = asyncio.Semaphore


async def wait_future(future: asyncio.Future[T], timeout: float | None, what: str) -> T:
    """Wait for ``future`` at most ``timeout`` seconds; the future itself is not cancelled."""
    try:
        return await asyncio.wait_for(asyncio.shield(future), timeout)
    except TimeoutError:
        raise ComfyTimeoutError(f"{what} did not finish within {timeout} s") from None


async def concurrently(work: Callable[[A], Awaitable[T]], items: Sequence[A]) -> list[T]:
    """``work(item)`` for every item at once; the results in order (the sync twin uses
    threads)."""
    return list(await asyncio.gather(*(work(item) for item in items)))


async def offload(work: Callable[..., T], *args: Any) -> T:
    """Run CPU-heavy ``work`` (parsing megabytes) in a thread, off the event loop."""
    return await asyncio.to_thread(work, *args)


async def sleep(seconds: float) -> None:
    await asyncio.sleep(seconds)


async def wait_watching(
    future: asyncio.Future[T],
    timeout: float | None,
    what: str,
    tick: Callable[[], None],
    interval: float = 0.1,
) -> T:
    """:func:`wait_future`, calling ``tick`` every ``interval`` seconds while waiting."""
    deadline = None if timeout is None else time.monotonic() + timeout
    shielded = asyncio.shield(future)
    while not future.done():
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            raise ComfyTimeoutError(f"{what} did not finish within {timeout} s")
        await asyncio.wait({shielded}, timeout=interval if left is None else min(interval, left))
        tick()
    return future.result()
