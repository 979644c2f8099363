"""The task-based tracker: drives the I/O-free :class:`~comfy_api_client.protocol.TrackerCore`
from asyncio tasks (one WebSocket reader, an HTTP poller when needed, and HTTP work).

Everything it decides comes from the core; this module only moves bytes, waits and
completes futures. All of it runs on the client's event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import ClientClosedError, ComfyConnectionError, ComfyError
from ..options import ClientOptions, ssl_context
from ..protocol import (
    CancelStep,
    Finish,
    Prefetch,
    Progress,
    PromptStatus,
    ServerState,
)
from ..results import OutputFile, PromptResult
from ..tracking import (
    WS_QUEUED_FRAMES,
    FileKey,
    RecordKeeper,
    TrackerShell,
    fail_waiting,
    file_key,
    lost_reason,
    prefetchable,
    redacted_url,
    settle,
)
from .requester import AsyncRequester

if TYPE_CHECKING:
    from websockets.asyncio.client import ClientConnection

logger = logging.getLogger("comfy_api_client")

T = TypeVar("T")

#: Requests of the tracker's own (history, early downloads) in flight at once, per client.
#: A backlog waits here: in httpx's pool, whose bookkeeping grows with its queue, 800 waiting
#: requests made each one slower, so the backlog grew (client CPU 31 ms per prompt).
_REQUESTS_AT_ONCE = 4


class AsyncTracker(TrackerShell):
    """Follows submitted prompts and completes their asyncio futures.

    It owns the client's :class:`TrackerCore`: every read and write of prompt state goes
    through it. Created with every client; it follows prompts only once started with a
    ``start_state_tracker`` mode.
    """

    def __init__(self, options: ClientOptions, requester: AsyncRequester) -> None:
        super().__init__(options)
        self._requester = requester
        self._futures: dict[str, asyncio.Future[PromptResult]] = {}
        self._records = RecordKeeper()  # prompt.status works while the future lives
        self._tasks: set[asyncio.Task[Any]] = set()
        self._prefetches: dict[str, dict[FileKey, asyncio.Task[bytes | None]]] = {}
        self._gate = asyncio.Semaphore(_REQUESTS_AT_ONCE)
        self._connected = asyncio.Event()
        self._wake_poller = asyncio.Event()
        self._ws: ClientConnection | None = None
        self._closing = False
        #: Set when the first connection attempt failed in a way retrying cannot mend.
        self._fatal: BaseException | None = None

    # -- used by the client and its prompts -----------------------------------------------

    @property
    def client_id(self) -> str:
        """The ``clientId`` of the current connection (new prompts are posted with it)."""
        return self._core.client_id

    @property
    def following(self) -> bool:
        """Whether submitted prompts are followed (started, with a tracker mode)."""
        return self._started

    def status(self, prompt_id: str) -> PromptStatus | None:
        tracked = self._core.get(prompt_id)
        return tracked.status if tracked is not None else None

    def progress(self, prompt_id: str) -> Progress | None:
        tracked = self._core.get(prompt_id)
        return tracked.progress if tracked is not None else None

    def server_state(self) -> ServerState:
        return self._core.server_state()

    def cancel_steps(self, prompt_id: str, jobs_api: bool) -> list[CancelStep]:
        """The requests that cancel ``prompt_id``; send them, then :meth:`cancel_sent`."""
        return self._core.cancel(prompt_id, jobs_api)

    def cancel_sent(self, prompt_id: str) -> None:
        self.handle(self._core.cancel_sent(prompt_id))

    def register(
        self,
        prompt_id: str,
        prompt: object,
        on_event: Callable[..., None] | None,
        want_future: bool,
    ) -> asyncio.Future[PromptResult] | None:
        """Start following ``prompt_id`` *before* it is posted (no race with its events)."""
        tracked = self._core.track(
            prompt_id, prompt if isinstance(prompt, dict) else None, on_event
        )
        if not want_future:
            return None
        future: asyncio.Future[PromptResult] = asyncio.get_running_loop().create_future()
        self._futures[prompt_id] = future
        self._records.keep(future, tracked)
        return future

    def submitted(self, prompt_id: str, body: dict[str, Any]) -> None:
        self.handle(self._core.submitted(prompt_id, body))
        if self._core.should_poll():  # only then: waking the poller for nothing costs a task switch
            self._wake_poller.set()

    def submit_failed(self, prompt_id: str) -> None:
        self._core.submit_failed(prompt_id)
        self._futures.pop(prompt_id, None)

    async def start(self) -> None:
        """Start the reader (and wait for its first connection) and the poller."""
        if self._options.start_state_tracker is None:
            return
        self._started = True
        if self._options.start_state_tracker == "websocket":
            self._spawn_plain(self._read_forever())
            waiter = asyncio.ensure_future(self._connected.wait())
            try:
                await asyncio.wait_for(waiter, self._options.ws_connect_timeout + 1)
                if self._fatal is not None:
                    await self.stop()
                    raise self._fatal from self._first_error
            except TimeoutError:
                await self.stop()
                raise ComfyConnectionError(
                    f"could not open the WebSocket {redacted_url(self._options.address.ws_url)}"
                    + (f": {self._first_error}" if self._first_error else "")
                ) from self._first_error
        self._spawn_plain(self._poll_forever())

    async def stop(self) -> None:
        """Stop every task, close the socket and fail what is still waiting."""
        self._closing = True
        self.handle(self._core.close(ClientClosedError("the client was closed")))
        fail_waiting(self._futures.values())
        self._futures.clear()
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._tasks.clear()
        self._prefetches.clear()

    # -- tasks ----------------------------------------------------------------------------

    def _spawn_plain(self, coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _schedule_history(self, prompt_id: str) -> None:
        self._spawn_plain(self._fetch_history(prompt_id))

    async def _fetch_history(self, prompt_id: str) -> None:
        try:
            patience = self._core.history_patience()
            body = await self._requester.history(prompt_id, self._gate, patience)
        except ComfyError as exc:  # what history_patience calls final
            self.handle(self._core.history_failed(prompt_id, exc))
            return
        if body is not None:
            self.handle(self._core.feed_history(prompt_id, body))

    def _schedule_prefetch(self, effect: Prefetch) -> None:
        if not self._options.download_outputs or self._closing:
            return
        started = self._prefetches.setdefault(effect.prompt_id, {})
        for file in prefetchable(effect.files):
            if file_key(file) not in started:
                started[file_key(file)] = self._spawn_plain(self._prefetch(file))

    async def _prefetch(self, file: OutputFile) -> bytes | None:
        async with self._gate:
            return await self._requester.early_download(file)

    def _schedule_finish(self, effect: Finish) -> None:
        async def run() -> None:
            prefetched = self._prefetches.pop(effect.prompt_id, {})
            if effect.result is not None:
                for file in effect.result.files:
                    task = prefetched.pop(file_key(file), None)
                    if task is not None and file.data is None:
                        file.data = await task
            for task in prefetched.values():  # files the history does not list
                task.cancel()
            result, error = await self._requester.finalize(effect)
            settle(self._futures.pop(effect.prompt_id, None), effect, result, error)

        self._spawn_plain(run())

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None and not self._closing:
            logger.error("tracker task failed", exc_info=task.exception())

    def _request_reconcile(self, reason: str) -> None:
        if self._closing:
            return
        logger.debug("reconciling with /queue: %s", reason)
        self._spawn_plain(self._reconcile())

    async def _reconcile(self) -> None:
        token = self._core.queue_requested()
        body = error = None
        try:
            body = await self._requester.queue_body(self._core.queue_patience())
        except ComfyError as exc:  # what queue_patience calls final
            error = exc
        finally:
            if body is None:
                self.handle(self._core.queue_failed(error))
        if body is not None:
            self.handle(self._core.feed_queue(body, token))

    async def _read_forever(self) -> None:
        """Keep one WebSocket open; reconnect with backoff under a fresh client id."""
        import websockets  # here, not at the top: clients without a socket never pay for it

        from ..secrecy import async_connect, websockets_logger

        connect = async_connect()

        attempt = 0
        while not self._closing:
            client_id = self._core.connection_id()
            url = f"{self._options.address.ws_url}?clientId={client_id}"
            try:
                async with connect(
                    url,
                    additional_headers=self._options.headers,
                    open_timeout=self._options.ws_connect_timeout,
                    ping_interval=self._options.watchdog_interval,
                    ping_timeout=self._options.watchdog_interval,
                    max_size=self._options.ws_max_size,
                    max_queue=WS_QUEUED_FRAMES,
                    ssl=ssl_context(self._options),
                    compression=None,
                    logger=websockets_logger(),
                ) as ws:
                    self._ws = ws
                    attempt = 0
                    logger.info("WebSocket connected to %s", redacted_url(url))
                    self.handle(self._core.connection_made())
                    self._connected.set()
                    self._wake_poller.set()
                    await self._read(ws)
            except asyncio.CancelledError:
                raise
            except (OSError, TimeoutError, websockets.WebSocketException) as exc:
                self._fatal = self.connect_failed(exc)
                if self._fatal is not None:
                    self._connected.set()  # wakes start(), which raises it
                    return
                if not self._closing:
                    logger.warning(
                        "WebSocket %s: %s",
                        "lost" if self._ws else "failed",
                        lost_reason(exc, self._options),
                    )
            except Exception as exc:  # anything else must not end reconnection silently
                if not self._closing:
                    self.reader_failed(exc)
            finally:
                if self._ws is not None:
                    self._ws = None
                    self._core.connection_lost()
                    self._wake_poller.set()
            if self._closing:
                return
            await asyncio.sleep(self._plan.reconnect_delay(attempt))
            attempt += 1

    async def _read(self, ws: ClientConnection) -> None:
        silence = self._options.watchdog_interval
        while True:
            try:
                # A timer per message, not asyncio.wait_for: that wrapped every recv in a task
                # of its own (a fifth of the client's CPU for a prompt read from the socket).
                async with asyncio.timeout(silence):
                    message = await ws.recv()
            except TimeoutError:
                self.handle(self._core.idle())
                continue
            if isinstance(message, str):
                self.handle(self._core.feed_text(message))
            else:
                self.handle(self._core.feed_binary(message))

    async def _poll_forever(self) -> None:
        """Poll ``/queue`` while HTTP tracking is on, or while prompts cannot be followed by socket."""
        while not self._closing:
            if self._core.should_poll():
                self.handle(self._core.reconcile_needed("poll"))
                await asyncio.sleep(self._options.poll_interval)
            else:
                self._wake_poller.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        self._wake_poller.wait(), self._options.poll_interval * 4
                    )
