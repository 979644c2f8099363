"""How the asyncio pool runs its background work: tasks on the running loop.

The sync twin (``../_sync/pool_jobs.py``) does the same with threads; ``pool.py`` uses only
what both offer.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar

logger = logging.getLogger("comfy_api_client")

T = TypeVar("T")


def new_future() -> asyncio.Future[Any]:
    """A future completed by the pool (from the loop it runs on)."""
    return asyncio.get_running_loop().create_future()


class Jobs:
    """The pool's background jobs: started with :meth:`spawn`, all ended by :meth:`stop`."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._stopping = False

    @property
    def stopping(self) -> bool:
        return self._stopping

    def spawn(self, job: Callable[..., Awaitable[Any]], *args: Any) -> None:
        """Run ``job(*args)`` in the background (called from the loop's thread)."""
        if self._stopping:
            return
        task = asyncio.get_running_loop().create_task(self._run(job, args))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @staticmethod
    async def _run(job: Callable[..., Awaitable[Any]], args: tuple[Any, ...]) -> None:
        try:
            await job(*args)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("pool job %s failed", getattr(job, "__name__", job))

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    async def each(self, job: Callable[[T], Awaitable[Any]], items: Iterable[T]) -> None:
        """Run ``job`` for every item at once and wait for all of them."""
        await asyncio.gather(*(job(item) for item in items))

    async def stop(self) -> None:
        """End every job (they are cancelled) and wait for them."""
        self._stopping = True
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._tasks.clear()
