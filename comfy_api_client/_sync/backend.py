"""How the sync client waits: ``concurrent.futures`` futures and blocking sleeps."""

from __future__ import annotations

import concurrent.futures
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from ..errors import ComfyTimeoutError

T = TypeVar("T")

Future = concurrent.futures.Future
#: A lock for the client's own state (held across blocking calls).
Lock = threading.Lock
#: Bounds how many of the tracker's requests are in flight at once.
Gate = threading.Semaphore


def wait_future(future: concurrent.futures.Future[T], timeout: float | None, what: str) -> T:
    """Wait for ``future`` at most ``timeout`` seconds; the future itself is not cancelled."""
    try:
        return future.result(timeout)
    except concurrent.futures.TimeoutError:
        raise ComfyTimeoutError(f"{what} did not finish within {timeout} s") from None


def gather(*results: T) -> list[T]:
    """The results of calls already made in turn (the async twin runs them concurrently)."""
    return list(results)


def offload(work: Callable[..., T], *args: Any) -> T:
    """Run ``work`` here (the async twin moves it off the event loop)."""
    return work(*args)


def sleep(seconds: float) -> None:
    time.sleep(seconds)
