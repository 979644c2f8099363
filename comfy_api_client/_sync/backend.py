"""How the sync client waits: ``concurrent.futures`` futures and blocking sleeps."""

from __future__ import annotations

import concurrent.futures
import contextlib
import socket
import threading
import time
import weakref
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from ..errors import ComfyTimeoutError
from ..transport import Deadline

T = TypeVar("T")
A = TypeVar("A")

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


#: At most this many threads for one :func:`concurrently`.
CONCURRENT_THREADS = 8


def concurrently(work: Callable[[A], T], items: Sequence[A]) -> list[T]:
    """``work(item)`` for every item, in up to :data:`CONCURRENT_THREADS` threads; the results
    in order, or the first item's error (the async twin uses tasks)."""
    if len(items) < 2:
        return [work(item) for item in items]
    workers = min(CONCURRENT_THREADS, len(items))
    with concurrent.futures.ThreadPoolExecutor(workers, "comfy-concurrently") as pool:
        return list(pool.map(work, items))


def offload(work: Callable[..., T], *args: Any) -> T:
    """Run ``work`` here (the async twin moves it off the event loop)."""
    return work(*args)


def sleep(seconds: float) -> None:
    time.sleep(seconds)


def wait_watching(
    future: concurrent.futures.Future[T],
    timeout: float | None,
    what: str,
    tick: Callable[[], None],
    interval: float = 0.1,
) -> T:
    """:func:`wait_future`, calling ``tick`` every ``interval`` seconds while waiting."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while not future.done():
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            raise ComfyTimeoutError(f"{what} did not finish within {timeout} s")
        concurrent.futures.wait([future], interval if left is None else min(interval, left))
        tick()
    return future.result()


class Closing:
    """Set when the client closes: the reads blocked on the client's connections wake up
    (closing a socket does not wake them; shutting it down does). It learns the sockets from
    httpcore's ``trace`` extension, given to every request (:meth:`extensions`)."""

    def __init__(self) -> None:
        self.is_set = False
        self._sockets: weakref.WeakSet[socket.socket] = weakref.WeakSet()
        self._lock = threading.Lock()

    def set(self) -> None:
        self.is_set = True
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def extensions(self) -> dict[str, Any]:
        """Request extensions that tell this object the sockets of new connections."""
        return {"trace": self._trace}

    def _trace(self, event: str, info: dict[str, Any]) -> None:
        if event.endswith(("connect_tcp.complete", "connect_unix_socket.complete")):
            stream = info.get("return_value")
            sock = stream.get_extra_info("socket") if stream is not None else None
            if isinstance(sock, socket.socket):
                with self._lock:
                    self._sockets.add(sock)


def bounded(work: T, deadline: Deadline, closing: Closing, what: str) -> T:
    """``work``'s result: a sync read cannot be interrupted, so the work checks ``deadline``
    between reads itself and ``close()`` closes its connection (the async twin waits)."""
    return work
