"""How the async client waits: asyncio futures and sleeps (the sync twin uses threads)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from ..errors import ClientClosedError, ComfyTimeoutError
from ..transport import Deadline

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


class Closing:
    """Set when the client closes: :func:`bounded` calls under way end at once."""

    def __init__(self) -> None:
        self._future: asyncio.Future[None] | None = None
        self.is_set = False

    def set(self) -> None:
        self.is_set = True
        if self._future is not None and not self._future.done():
            self._future.set_result(None)

    def extensions(self) -> dict[str, Any]:
        """Request extensions (the sync twin's learn the sockets to wake at close)."""
        return {}

    def future(self) -> asyncio.Future[None]:
        if self._future is None:
            self._future = asyncio.get_running_loop().create_future()
            if self.is_set:
                self._future.set_result(None)
        return self._future


async def bounded(work: Awaitable[T], deadline: Deadline, closing: Closing, what: str) -> T:
    """``work`` ended at ``deadline`` (``ComfyTimeoutError``) or when ``closing`` is set
    (``ClientClosedError``), whatever the server does (the sync twin checks between reads)."""
    task = asyncio.ensure_future(work)
    waiting: set[asyncio.Future[Any]] = {task, closing.future()}
    try:
        await asyncio.wait(waiting, timeout=deadline.left(), return_when="FIRST_COMPLETED")
    finally:
        if not task.done():
            task.cancel()
            task.add_done_callback(_retrieve)
    if task.done() and not task.cancelled():
        return task.result()
    if closing.is_set:
        raise ClientClosedError(f"{what}: the client was closed")
    raise deadline.error()


def _retrieve(task: asyncio.Future[Any]) -> None:
    if not task.cancelled():
        task.exception()
