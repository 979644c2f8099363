"""The thread twin of ``../_async/backend.py``: the same names, doing the same (documented
there), with threads, blocking waits and websocket-client. Hand-written; never imports asyncio."""

from __future__ import annotations

import concurrent.futures
import contextlib
import socket
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ..calls.transport import Deadline, timeout_error
from ..core.backend_rules import AT_ONCE, WaitSlices, job_failed
from ..core.options import ClientOptions

if TYPE_CHECKING:
    import websocket

    from .._async.client import AsyncComfyClient

T = TypeVar("T")
A = TypeVar("A")

Future = concurrent.futures.Future
Lock = threading.Lock
CoreLock = threading.RLock
Event = threading.Event
Gate = threading.Semaphore


def new_future() -> concurrent.futures.Future[Any]:
    return concurrent.futures.Future()


def wait_future(future: concurrent.futures.Future[T], timeout: float | None, what: str) -> T:
    try:
        return future.result(timeout)
    except concurrent.futures.TimeoutError:
        raise timeout_error(what, timeout) from None


def concurrently(work: Callable[[A], T], items: Sequence[A]) -> list[T]:
    if len(items) < 2:
        return [work(item) for item in items]
    with concurrent.futures.ThreadPoolExecutor(min(AT_ONCE, len(items)), "comfy-many") as pool:
        return list(pool.map(work, items))


def offload(work: Callable[..., T], *args: Any) -> T:
    """Run ``work`` here (the async twin moves it off the event loop)."""
    return work(*args)


sleep = time.sleep


def wait_watching(
    future: concurrent.futures.Future[T],
    timeout: float | None,
    what: str,
    tick: Callable[[], None],
    interval: float = 0.1,
) -> T:
    slices = WaitSlices(timeout, what, interval)
    while not future.done():
        concurrent.futures.wait([future], slices.next())
        tick()
    return future.result()


class Closing:
    """Set when the client closes: blocked reads wake up, their sockets shut down (closing would
    not wake them), learnt from httpcore's ``trace`` extension (:meth:`extensions`)."""

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


class Handle(Generic[T]):
    def __init__(self, future: concurrent.futures.Future[T | None]) -> None:
        self._future = future

    def take(self) -> T | None:
        return None if self._future.cancel() else self._future.result()

    def drop(self) -> None:
        self._future.cancel()


class Jobs:
    """Each long loop in a thread of its own; short work on ``workers`` shared threads; stop
    ends the sleeps and waits ``wait`` seconds in all (never for the calling thread)."""

    def __init__(self, name: str = "pool", workers: int = AT_ONCE) -> None:
        self._name, self._workers = name, workers
        self._pool: concurrent.futures.ThreadPoolExecutor | None = None
        self._threads: set[threading.Thread] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.sleep = self._stop.wait

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def spawn(self, job: Callable[..., Any], *args: Any) -> None:
        name = f"comfy-{self._name}"
        thread = threading.Thread(target=self._run, args=(job, args, True), name=name, daemon=True)
        with self._lock:
            if self._stop.is_set():
                return
            self._threads.add(thread)
        thread.start()

    def submit(self, job: Callable[..., T], *args: Any) -> Handle[T] | None:
        with self._lock:
            if self._stop.is_set():
                return None
            if self._pool is None:
                self._pool = concurrent.futures.ThreadPoolExecutor(self._workers, "comfy-work")
            return Handle(self._pool.submit(self._run, job, args, False))

    def _run(self, job: Callable[..., T], args: tuple[Any, ...], own: bool) -> T | None:
        try:
            return job(*args)
        except Exception:
            job_failed(self._name, job, self._stop.is_set())
            return None
        finally:
            if own:
                with self._lock:
                    self._threads.discard(threading.current_thread())

    def each(self, job: Callable[[T], Any], items: Iterable[T]) -> None:
        concurrently(job, list(items))

    def stop(self, wait: float = 10.0) -> None:
        until = time.monotonic() + wait
        with self._lock:
            self._stop.set()
            threads, pool = list(self._threads), self._pool
        for thread in threads:
            if thread is not threading.current_thread():
                thread.join(max(0.0, until - time.monotonic()))
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
            drain = threading.Thread(target=pool.shutdown, name="pool-drain", daemon=True)
            drain.start()
            drain.join(max(0.0, until - time.monotonic()))


class AsyncBridge:
    """Base of ``ComfyClient``: ``async with`` gives an ``AsyncComfyClient`` with the same
    options, so that code written for the asyncio client runs unchanged."""

    options: Any
    _async_twin: AsyncComfyClient | None = None

    async def __aenter__(self) -> AsyncComfyClient:
        from .._async.client import AsyncComfyClient

        twin = AsyncComfyClient(self.options)
        await twin.open()
        self._async_twin = twin
        return twin

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:  # fmt: skip
        twin, self._async_twin = self._async_twin, None
        if twin is not None:
            await twin.close()


def socket_errors() -> tuple[type[BaseException], ...]:
    import websocket

    return (OSError, websocket.WebSocketException)


class Socket:
    """The watchdog: after a silence :meth:`recv` pings (and gives None); a second silence
    with the ping unanswered drops the socket. A close frame ends it too."""

    def __init__(self, ws: websocket.WebSocket, silence: float) -> None:
        self._ws, self._pinged = ws, False
        ws.settimeout(silence)

    def recv(self) -> str | bytes | None:
        import websocket

        try:
            opcode, data = self._ws.recv_data(control_frame=True)
        except (TimeoutError, websocket.WebSocketTimeoutException):
            if self._pinged:
                raise websocket.WebSocketTimeoutException("no answer to ping") from None
            self._ws.ping()
            self._pinged = True
            return None
        self._pinged = False
        if opcode == websocket.ABNF.OPCODE_CLOSE:
            raise websocket.WebSocketConnectionClosedException("the server closed the socket")
        # decoded here, bad bytes replaced: websocket-client's UTF-8 check costs ~1 ms a prompt
        text = opcode == websocket.ABNF.OPCODE_TEXT
        return data.decode("utf-8", errors="replace") if text else data

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._ws.abort()


@contextlib.contextmanager
def open_socket(url: str, options: ClientOptions) -> Iterator[Socket]:
    from ..calls.sockets import sync_connection  # websocket-client's cost, paid here

    with sync_connection(url, options) as ws:
        yield Socket(ws, options.watchdog_interval)
