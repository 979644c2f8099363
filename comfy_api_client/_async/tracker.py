"""The trackers' shell, and the native tracker: it drives the I/O-free
:class:`~comfy_api_client.core.tracker_core.TrackerCore` from background jobs (one WebSocket reader, an
HTTP poller, and short HTTP work, at most :data:`WORKERS` at once).

Everything it decides comes from the core; this module only moves bytes, waits and completes
futures, with the primitives of ``backend.py``. Every call into the core holds the core's
lock; effects are carried out outside it.
"""

from __future__ import annotations

import logging
import weakref
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from ..core.options import ClientOptions
from ..core.results import PromptResult
from ..core.timing import TrackerPlan
from ..core.tracker_core import (
    CancelStep,
    Effect,
    Emit,
    FetchHistory,
    Finish,
    Prefetch,
    Progress,
    PromptStatus,
    Reconcile,
    ServerState,
    TrackerCore,
    dispatch,
)
from ..core.tracking import (
    FileKey,
    ShellCore,
    fail_waiting,
    file_key,
    first_connect_error,
    lost_reason,
    prefetchable,
    redacted_url,
    settle,
)
from ..errors import ClientClosedError, ComfyConnectionError, ComfyError
from .backend import (
    CoreLock,
    Event,
    Future,
    Handle,
    Jobs,
    Socket,
    new_future,
    open_socket,
    socket_errors,
)
from .requester import AsyncRequester

logger = logging.getLogger("comfy_api_client")

C = TypeVar("C", bound=ShellCore)

#: Short jobs (history, early downloads, reconciles, finishing) running at once, per client.
#: A backlog waits here: in httpx's pool, whose bookkeeping grows with its queue, 800 waiting
#: requests made each one slower, so the backlog grew (client CPU 31 ms per prompt).
WORKERS = 4
#: Seconds ``stop()`` gives the tracker's jobs in all to end.
STOP_WAIT = 1.0


class AsyncTrackerShell(ABC, Generic[C]):
    """What both trackers do alike: own a core under one lock, keep the prompts' futures,
    carry out the core's effects, stop."""

    def __init__(self, options: ClientOptions, core: C, name: str) -> None:
        self._options = options
        self._core = core
        self._plan = TrackerPlan(options)
        self._lock = CoreLock()
        self._jobs = Jobs(name, WORKERS)
        self._futures: dict[str, Future[PromptResult]] = {}
        # Each prompt's core record lives exactly as long as its future: the core holds
        # finished records weakly, the user holds the future (through the prompt object), so
        # ``prompt.status`` keeps working and nothing accumulates once both are gone.
        self._records: weakref.WeakKeyDictionary[Any, object] = weakref.WeakKeyDictionary()
        self._started = False
        self._closing = False

    @property
    def following(self) -> bool:
        """Whether submitted prompts are followed (started, with a tracker mode)."""
        return self._started

    def status(self, prompt_id: str) -> PromptStatus | None:
        with self._lock:
            tracked = self._core.get(prompt_id)
            return tracked.status if tracked is not None else None

    def progress(self, prompt_id: str) -> Progress | None:
        with self._lock:
            tracked = self._core.get(prompt_id)
            return tracked.progress if tracked is not None else None

    def server_state(self) -> ServerState:
        with self._lock:
            return self._core.server_state()

    def register(
        self,
        prompt_id: str,
        prompt: object,
        on_event: Callable[..., None] | None,
        want_future: bool,
    ) -> Future[PromptResult] | None:
        """Start following ``prompt_id`` *before* it is posted (no race with its events)."""
        with self._lock:
            tracked = self._core.track(
                prompt_id, prompt if isinstance(prompt, dict) else None, on_event
            )
            if not want_future:
                return None
            future: Future[PromptResult] = new_future()
            self._futures[prompt_id] = future
            self._records[future] = tracked
            return future

    def submit_failed(self, prompt_id: str) -> None:
        with self._lock:
            self._core.submit_failed(prompt_id)
            self._futures.pop(prompt_id, None)

    async def stop(self) -> None:
        """Fail what is still waiting, then end every job (a bounded wait)."""
        self._closing = True
        with self._lock:
            effects = self._core.close(ClientClosedError("the client was closed"))
            futures, self._futures = self._futures, {}
        self.handle(effects)
        fail_waiting(futures.values())
        await self._wake_all()
        await self._jobs.stop(STOP_WAIT)

    def _feed(self, call: Callable[..., list[Effect]], *args: Any) -> None:
        """Give the core an input (under its lock) and carry out what it answers."""
        with self._lock:
            effects = call(*args)
        self.handle(effects)

    def handle(self, effects: list[Effect]) -> None:
        """Carry out what the core asked for (never while holding the core's lock)."""
        for effect in effects:
            if isinstance(effect, Emit):
                dispatch(effect)
            elif isinstance(effect, Reconcile):
                self._request_reconcile(effect.reason)
            elif isinstance(effect, FetchHistory):
                self._jobs.submit(self._fetch_history, effect.prompt_id)
            elif isinstance(effect, Prefetch):
                self._schedule_prefetch(effect)
            elif isinstance(effect, Finish):
                self._jobs.submit(self._finish, effect)

    def _settle(self, effect: Finish, result: Any, error: Any) -> None:
        with self._lock:
            future = self._futures.pop(effect.prompt_id, None)
        settle(future, effect, result, error)

    @abstractmethod
    async def _finish(self, effect: Finish) -> None:
        """Assemble the prompt's result, then :meth:`_settle` its future."""

    async def _wake_all(self) -> None:
        """Wake the jobs' waits when stopping."""

    def _request_reconcile(self, reason: str) -> None:
        """Fetch ``/queue`` and feed it to the core (the native core asks for it)."""

    async def _fetch_history(self, prompt_id: str) -> None:
        """Fetch ``/history/{prompt_id}`` and feed it to the core (the native core asks)."""

    def _schedule_prefetch(self, effect: Prefetch) -> None:
        """Start downloading announced outputs (the native core announces them)."""


class AsyncTracker(AsyncTrackerShell[TrackerCore]):
    """Follows submitted prompts and completes their futures.

    It owns the client's :class:`TrackerCore`. Created with every client; it follows prompts
    only once started with a ``start_state_tracker`` mode.
    """

    def __init__(self, options: ClientOptions, requester: AsyncRequester) -> None:
        core = TrackerCore(
            options.client_id,
            on_event=options.on_event,
            fetch_history=options.fetch_history,
            follow_by_socket=options.start_state_tracker == "websocket",
        )
        super().__init__(options, core, "tracker")
        self._requester = requester
        self._prefetches: dict[str, dict[FileKey, Handle[bytes | None]]] = {}
        self._connected = Event()
        self._wake_poller = Event()
        self._ws: Socket | None = None
        #: Set when the first connection attempt failed in a way retrying cannot mend.
        self._fatal: BaseException | None = None
        #: The first error a connection attempt met (the cause ``start`` reports).
        self._first_error: BaseException | None = None

    # -- used by the client and its prompts -----------------------------------------------

    @property
    def client_id(self) -> str:
        """The ``clientId`` of the current connection (new prompts are posted with it)."""
        with self._lock:
            return self._core.client_id

    def cancel_steps(self, prompt_id: str, jobs_api: bool) -> list[CancelStep]:
        """The requests that cancel ``prompt_id``; send them, then :meth:`cancel_sent`."""
        with self._lock:
            return self._core.cancel(prompt_id, jobs_api)

    def cancel_sent(self, prompt_id: str) -> None:
        self._feed(self._core.cancel_sent, prompt_id)

    def submitted(self, prompt_id: str, body: dict[str, Any]) -> None:
        with self._lock:
            effects = self._core.submitted(prompt_id, body)
            poll = self._core.should_poll()
        self.handle(effects)
        if poll:  # only then: waking the poller for nothing costs a task or thread switch
            self._wake_poller.set()

    async def start(self) -> None:
        """Start the reader (and wait for its first connection) and the poller."""
        if self._options.start_state_tracker is None:
            return
        self._started = True
        if self._options.start_state_tracker == "websocket":
            self._jobs.spawn(self._read_forever)
            connected = await self._connected.wait(self._options.ws_connect_timeout + 1)
            if self._fatal is not None:
                await self.stop()
                raise self._fatal from self._first_error
            if not connected:
                await self.stop()
                raise ComfyConnectionError(
                    f"could not open the WebSocket {redacted_url(self._options.address.ws_url)}"
                    + (f": {self._first_error}" if self._first_error else "")
                ) from self._first_error
        self._jobs.spawn(self._poll_forever)

    async def _wake_all(self) -> None:
        self._wake_poller.set()
        ws = self._ws
        if ws is not None:
            await ws.close()

    # -- short jobs -------------------------------------------------------------------------

    async def _fetch_history(self, prompt_id: str) -> None:
        try:
            with self._lock:
                patience = self._core.history_patience()
            body = await self._requester.history(prompt_id, gives_up=patience)
        except ComfyError as exc:  # what history_patience calls final
            self._feed(self._core.history_failed, prompt_id, exc)
            return
        if body is not None:
            self._feed(self._core.feed_history, prompt_id, body)

    def _schedule_prefetch(self, effect: Prefetch) -> None:
        if not self._options.download_outputs or self._closing:
            return
        with self._lock:
            started = self._prefetches.setdefault(effect.prompt_id, {})
            for file in prefetchable(effect.files):
                if file_key(file) not in started:
                    job = self._jobs.submit(self._requester.early_download, file)
                    if job is None:  # the client is closing
                        return
                    started[file_key(file)] = job

    async def _finish(self, effect: Finish) -> None:
        with self._lock:
            prefetched = self._prefetches.pop(effect.prompt_id, {})
        if effect.result is not None:
            for file in effect.result.files:
                job = prefetched.pop(file_key(file), None)
                if job is not None and file.data is None:
                    # one not started is dropped (``finalize`` fetches that file)
                    file.data = await job.take()
        for job in prefetched.values():  # files the history does not list
            job.drop()
        result, error = await self._requester.finalize(effect)
        self._settle(effect, result, error)

    def _request_reconcile(self, reason: str) -> None:
        logger.debug("reconciling with /queue: %s", reason)
        if self._closing or self._jobs.submit(self._reconcile) is None:
            with self._lock:
                self._core.queue_failed()

    async def _reconcile(self) -> None:
        with self._lock:
            token = self._core.queue_requested()
            patience = self._core.queue_patience()
        body = error = None
        try:
            body = await self._requester.queue_body(patience)
        except ComfyError as exc:  # what queue_patience calls final
            error = exc
        finally:
            if body is None:
                self._feed(self._core.queue_failed, error)
        if body is not None:
            self._feed(self._core.feed_queue, body, token)

    # -- long jobs --------------------------------------------------------------------------

    def _connect_failed(self, error: BaseException) -> ComfyError | None:
        """The error that ends the client's opening when a failed first contact cannot be
        mended by retrying; None: reconnect. Once a socket has opened, every failure is
        retried for the client's whole life."""
        if self._first_error is None:
            self._first_error = error
        with self._lock:
            if self._core.ever_connected:
                return None
        return first_connect_error(error, self._options)

    async def _read_forever(self) -> None:
        """Keep one WebSocket open; reconnect with backoff under a fresh client id."""
        attempt = 0
        while not self._closing:
            with self._lock:
                client_id = self._core.connection_id()
            url = f"{self._options.address.ws_url}?clientId={client_id}"
            try:
                async with open_socket(url, self._options) as ws:
                    self._ws = ws
                    attempt = 0
                    logger.info("WebSocket connected to %s", redacted_url(url))
                    self._feed(self._core.connection_made)
                    self._connected.set()
                    self._wake_poller.set()
                    await self._read(ws)
            except socket_errors() as exc:
                self._fatal = self._connect_failed(exc)
                if self._fatal is not None:
                    self._connected.set()  # wakes start(), which raises it
                    return
                if not self._closing:
                    what = "lost" if self._ws else "failed"
                    logger.warning("WebSocket %s: %s", what, lost_reason(exc, self._options))
            except Exception as exc:  # anything else must not end reconnection silently
                if not self._closing:
                    if self._first_error is None:
                        self._first_error = exc
                    logger.error("WebSocket reader failed; reconnecting", exc_info=exc)
            finally:
                if self._ws is not None:
                    self._ws = None
                    with self._lock:
                        self._core.connection_lost()
                    self._wake_poller.set()
            if self._closing or await self._jobs.sleep(self._plan.reconnect_delay(attempt)):
                return
            attempt += 1

    async def _read(self, ws: Socket) -> None:
        """Feed every frame to the core; a silence (None) is the core's ``idle``."""
        while not self._closing:
            message = await ws.recv()
            with self._lock:
                if message is None:
                    effects = self._core.idle()
                elif isinstance(message, str):
                    effects = self._core.feed_text(message)
                else:
                    effects = self._core.feed_binary(message)
            self.handle(effects)

    async def _poll_forever(self) -> None:
        """Poll ``/queue`` while HTTP tracking is on, or while prompts cannot be followed by socket."""
        while not self._closing:
            with self._lock:
                poll = self._core.should_poll()
            if poll:
                self._feed(self._core.reconcile_needed, "poll")
                await self._jobs.sleep(self._options.poll_interval)
            else:
                self._wake_poller.clear()
                await self._wake_poller.wait(self._options.poll_interval * 4)
