"""Every primitive the asyncio driver needs that the thread driver does differently: futures,
locks, events, background jobs, bounded waits, the WebSocket. Hand-written; the sync twin
(``../_sync/backend.py``) offers the same names with threads. Every other module of
``_async/`` uses only these, so that ``scripts/unasync.py`` generates its ``_sync/`` twin.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ..calls.transport import Deadline, timeout_error
from ..core.backend_rules import AT_ONCE, WaitSlices, job_failed
from ..core.options import ClientOptions
from ..errors import ClientClosedError

if TYPE_CHECKING:
    from websockets.asyncio.client import ClientConnection


T = TypeVar("T")
A = TypeVar("A")

Future = asyncio.Future
#: Seconds a closing WebSocket waits for the server's answer to its close frame.
CLOSE_WAIT = 0.5


def new_future() -> asyncio.Future[Any]:
    """A future completed from the loop it was made on."""
    return asyncio.get_running_loop().create_future()


class CoreLock:
    """Guards a sans-I/O core; nothing to hold on one event loop (the sync twin: an RLock)."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


class Event:
    """An event whose :meth:`wait` may end after ``timeout`` seconds (then False)."""

    def __init__(self) -> None:
        self._event = asyncio.Event()
        self.set, self.clear, self.is_set = self._event.set, self._event.clear, self._event.is_set

    async def wait(self, timeout: float | None = None) -> bool:
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                await self._event.wait()
        return self._event.is_set()


#: A lock for the client's own state (held across awaits).
Lock = asyncio.Lock
#: Bounds how many of the tracker's requests are in flight at once.
Gate = asyncio.Semaphore


async def wait_future(future: asyncio.Future[T], timeout: float | None, what: str) -> T:
    """Wait for ``future`` at most ``timeout`` seconds; the future itself is not cancelled."""
    try:
        return await asyncio.wait_for(asyncio.shield(future), timeout)
    except TimeoutError:
        raise timeout_error(what, timeout) from None


async def concurrently(work: Callable[[A], Awaitable[T]], items: Sequence[A]) -> list[T]:
    """``work(item)`` for every item, :data:`AT_ONCE` at a time; the results in order, or the
    first error (the sync twin uses threads)."""
    gate = asyncio.Semaphore(AT_ONCE)

    async def one(item: A) -> T:
        async with gate:
            return await work(item)

    return list(await asyncio.gather(*(one(item) for item in items)))


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
    slices = WaitSlices(timeout, what, interval)
    shielded = asyncio.shield(future)
    while not future.done():
        await asyncio.wait({shielded}, timeout=slices.next())
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


class Handle(Generic[T]):
    """A job started by :meth:`Jobs.submit`: its result can be taken, or the job dropped."""

    def __init__(self, task: asyncio.Task[T | None]) -> None:
        self._task = task
        self.started = False

    async def take(self) -> T | None:
        """The job's result (None if it failed); one not started yet is cancelled instead of
        waited for, so that no job waits for work queued behind it."""
        if not self.started:
            self._task.cancel()
            return None
        return await self._task

    def drop(self) -> None:
        self._task.cancel()


class Jobs:
    """Background jobs: long loops (:meth:`spawn`) and short work (:meth:`submit`, at most
    ``workers`` at once), all ended by :meth:`stop` (here: cancelled)."""

    def __init__(self, name: str = "pool", workers: int = AT_ONCE) -> None:
        self._name = name
        self._gate = asyncio.Semaphore(workers)
        self._tasks: set[asyncio.Task[Any]] = set()
        self._stopping = False

    @property
    def stopping(self) -> bool:
        return self._stopping

    def spawn(self, job: Callable[..., Awaitable[Any]], *args: Any) -> None:
        """Run ``job(*args)`` in the background, for as long as it takes."""
        self._start(job, args, None)

    def submit(self, job: Callable[..., Awaitable[T]], *args: Any) -> Handle[T] | None:
        """Run ``job(*args)`` when a worker is free; None when stopping."""
        return self._start(job, args, self._gate)

    def _start(
        self, job: Callable[..., Awaitable[T]], args: tuple[Any, ...], gate: Any
    ) -> Handle[T] | None:
        if self._stopping:
            return None
        handle: Handle[T]

        async def run() -> T | None:
            async with gate if gate is not None else contextlib.nullcontext():
                handle.started = True
                try:
                    return await job(*args)
                except Exception:
                    job_failed(self._name, job, self._stopping)
                    return None

        task = asyncio.get_running_loop().create_task(run())
        handle = Handle(task)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return handle

    async def sleep(self, seconds: float) -> bool:
        """Wait ``seconds``; True when the jobs are stopping (here a stop cancels the sleep)."""
        await asyncio.sleep(seconds)
        return self._stopping

    async def each(self, job: Callable[[T], Awaitable[Any]], items: Iterable[T]) -> None:
        """Run ``job`` for every item (:func:`concurrently`) and wait for all of them."""
        await concurrently(job, list(items))

    async def stop(self, wait: float = 10.0) -> None:
        """End every job and wait for them (tasks are cancelled, so ``wait`` is not needed)."""
        self._stopping = True
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._tasks.clear()


class AsyncBridge:
    """Base of ``AsyncComfyClient``; its sync twin lets ``async with create_client()`` work."""


def socket_errors() -> tuple[type[BaseException], ...]:
    """What a lost or refused WebSocket raises (a reconnect follows)."""
    import websockets

    return (OSError, TimeoutError, websockets.WebSocketException)


class Socket:
    """One open WebSocket: :meth:`recv` gives a frame, or None after ``silence`` seconds
    without one. websockets pings after that silence and drops an unanswered socket."""

    def __init__(self, ws: ClientConnection, silence: float) -> None:
        self._ws, self._silence = ws, silence

    async def recv(self) -> str | bytes | None:
        try:
            # A timer per message, not asyncio.wait_for: that wrapped every recv in a task
            # of its own (a fifth of the client's CPU for a prompt read from the socket).
            async with asyncio.timeout(self._silence):
                return await self._ws.recv()
        except TimeoutError:
            return None

    async def close(self) -> None:
        """A closing handshake of at most :data:`CLOSE_WAIT` seconds, then the connection is
        dropped (a silent server would hold it for websockets' ``close_timeout``, 10 s)."""
        with contextlib.suppress(Exception):
            async with asyncio.timeout(CLOSE_WAIT):
                await self._ws.close()
        self._ws.transport.abort()


@contextlib.asynccontextmanager
async def open_socket(url: str, options: ClientOptions) -> AsyncIterator[Socket]:
    """Open the WebSocket ``url`` with the client's headers, TLS and limits."""
    from ..calls.sockets import async_connection  # a socket's cost, paid here

    async with async_connection(url, options) as ws:
        yield Socket(ws, options.watchdog_interval)
