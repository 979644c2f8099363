"""The thread-based tracker: drives the I/O-free :class:`~comfy_api_client.protocol.TrackerCore`
from threads (one WebSocket reader, an HTTP poller, and a small pool for HTTP work).

Every call into the core holds one lock; callbacks and HTTP run outside it. The sync
client never touches asyncio, so it also works inside a running event loop (Jupyter).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import logging
import ssl
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..errors import ClientClosedError, ComfyConnectionError, ComfyError
from ..options import ClientOptions, ssl_context
from ..protocol import (
    CancelStep,
    Effect,
    Finish,
    Prefetch,
    Progress,
    PromptStatus,
    ServerState,
)
from ..results import PromptResult
from ..tracking import (
    FRAME_TOO_BIG,
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
from .requester import SyncRequester

if TYPE_CHECKING:
    import websocket

logger = logging.getLogger("comfy_api_client")

_WORKERS = 4
#: Seconds ``stop()`` waits in all for the reader and poller threads to end.
STOP_WAIT = 1.0


class SyncTracker(TrackerShell):
    """Follows submitted prompts and completes their ``concurrent.futures`` futures.

    It owns the client's :class:`TrackerCore`: every read and write of prompt state goes
    through it, under its lock. Created with every client; it follows prompts only once
    started with a ``start_state_tracker`` mode.
    """

    def __init__(self, options: ClientOptions, requester: SyncRequester) -> None:
        super().__init__(options)
        self._requester = requester
        self._lock = threading.RLock()
        self._futures: dict[str, concurrent.futures.Future[PromptResult]] = {}
        self._records = RecordKeeper()  # prompt.status works while the future lives
        self._pool = concurrent.futures.ThreadPoolExecutor(
            _WORKERS, thread_name_prefix="comfy-work"
        )
        self._threads: list[threading.Thread] = []
        self._prefetches: dict[str, dict[FileKey, concurrent.futures.Future[bytes | None]]] = {}
        self._connected = threading.Event()
        self._wake_poller = threading.Event()
        self._stopped = threading.Event()
        self._ws: websocket.WebSocket | None = None
        #: Set when the first connection attempt failed in a way retrying cannot mend.
        self._fatal: BaseException | None = None

    # -- used by the client and its prompts -----------------------------------------------

    @property
    def client_id(self) -> str:
        """The ``clientId`` of the current connection (new prompts are posted with it)."""
        with self._lock:
            return self._core.client_id

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

    def cancel_steps(self, prompt_id: str, jobs_api: bool) -> list[CancelStep]:
        """The requests that cancel ``prompt_id``; send them, then :meth:`cancel_sent`."""
        with self._lock:
            return self._core.cancel(prompt_id, jobs_api)

    def cancel_sent(self, prompt_id: str) -> None:
        self._feed(lambda: self._core.cancel_sent(prompt_id))

    def register(
        self,
        prompt_id: str,
        prompt: object,
        on_event: Callable[..., None] | None,
        want_future: bool,
    ) -> concurrent.futures.Future[PromptResult] | None:
        """Start following ``prompt_id`` *before* it is posted (no race with its events)."""
        with self._lock:
            tracked = self._core.track(
                prompt_id, prompt if isinstance(prompt, dict) else None, on_event
            )
            if not want_future:
                return None
            future: concurrent.futures.Future[PromptResult] = concurrent.futures.Future()
            self._futures[prompt_id] = future
            self._records.keep(future, tracked)
            return future

    def submitted(self, prompt_id: str, body: dict[str, Any]) -> None:
        with self._lock:
            effects = self._core.submitted(prompt_id, body)
            poll = self._core.should_poll()
        self.handle(effects)
        if poll:  # only then: waking the poller for nothing cost every prompt a thread switch
            self._wake_poller.set()

    def submit_failed(self, prompt_id: str) -> None:
        with self._lock:
            self._core.submit_failed(prompt_id)
            self._futures.pop(prompt_id, None)

    def start(self) -> None:
        """Start the reader (and wait for its first connection) and the poller."""
        if self._options.start_state_tracker is None:
            return
        self._started = True
        if self._options.start_state_tracker == "websocket":
            self._start_thread(self._read_forever, "comfy-ws")
            connected = self._connected.wait(self._options.ws_connect_timeout + 1)
            if self._fatal is not None:
                self.stop()
                raise self._fatal from self._first_error
            if not connected:
                self.stop()
                raise ComfyConnectionError(
                    f"could not open the WebSocket {redacted_url(self._options.address.ws_url)}"
                    + (f": {self._first_error}" if self._first_error else "")
                ) from self._first_error
        self._start_thread(self._poll_forever, "comfy-poll")

    def stop(self) -> None:
        """Stop every thread, close the socket and fail what is still waiting."""
        self._stopped.set()
        self._wake_poller.set()
        with self._lock:
            effects = self._core.close(ClientClosedError("the client was closed"))
        self.handle(effects)
        ws = self._ws
        if ws is not None:
            with contextlib.suppress(Exception):
                ws.abort()
        # Bounded: the requester has woken the reads under way (``requester.stop()``); the
        # futures fail without waiting for them, the threads get STOP_WAIT s in all to end.
        until = time.monotonic() + STOP_WAIT
        for thread in self._threads:
            if thread is not threading.current_thread():
                thread.join(timeout=max(0.0, until - time.monotonic()))
        self._pool.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            futures, self._futures = self._futures, {}
        fail_waiting(futures.values())
        drain = threading.Thread(target=self._pool.shutdown, name="pool-drain", daemon=True)
        drain.start()
        drain.join(max(0.0, until - time.monotonic()))

    # -- work -----------------------------------------------------------------------------

    def _start_thread(self, target: Callable[[], None], name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _submit(self, fn: Callable[[Any], None], arg: Any) -> bool:
        """Run ``fn(arg)`` on the pool; False when it will not run (the client is closing)."""
        if self._stopped.is_set() and not isinstance(arg, Finish):
            return False
        try:
            self._pool.submit(self._guard, fn, arg)
        except RuntimeError:  # pool shut down: the client is closing
            if isinstance(arg, Finish):
                self._finish(arg)
            return False
        return True

    @staticmethod
    def _guard(fn: Callable[[Any], None], arg: Any) -> None:
        try:
            fn(arg)
        except Exception:
            logger.exception("tracker work failed")

    def _feed(self, call: Callable[[], list[Effect]]) -> None:
        with self._lock:
            effects = call()
        self.handle(effects)

    def _schedule_history(self, prompt_id: str) -> None:
        self._submit(self._fetch_history, prompt_id)

    def _schedule_finish(self, effect: Finish) -> None:
        self._submit(self._finish, effect)

    def _fetch_history(self, prompt_id: str) -> None:
        try:
            with self._lock:
                patience = self._core.history_patience()
            body = self._requester.history(prompt_id, None, patience)
        except ComfyError as exc:  # what history_patience calls final
            self._feed(functools.partial(self._core.history_failed, prompt_id, exc))
            return
        if body is not None:
            self._feed(lambda: self._core.feed_history(prompt_id, body))

    def _schedule_prefetch(self, effect: Prefetch) -> None:
        if not self._options.download_outputs or self._stopped.is_set():
            return
        with self._lock:
            started = self._prefetches.setdefault(effect.prompt_id, {})
            for file in prefetchable(effect.files):
                if file_key(file) in started:
                    continue
                try:
                    started[file_key(file)] = self._pool.submit(
                        self._requester.early_download, file
                    )
                except RuntimeError:  # pool shut down: the client is closing
                    return

    def _take_prefetched(self, effect: Finish) -> None:
        """Put early downloads into the result's files.

        A download that has not started is cancelled (``_finalize`` fetches that file): only
        running ones are waited for, so a worker never waits for work queued behind it.
        """
        with self._lock:
            prefetched = self._prefetches.pop(effect.prompt_id, {})
        if effect.result is not None:
            for file in effect.result.files:
                job = prefetched.pop(file_key(file), None)
                if job is None or file.data is not None or job.cancel():
                    continue
                with contextlib.suppress(Exception):
                    file.data = job.result()
        for job in prefetched.values():  # files the history does not list
            job.cancel()

    def _finish(self, effect: Finish) -> None:
        self._take_prefetched(effect)
        result, error = self._requester.finalize(effect)
        with self._lock:
            future = self._futures.pop(effect.prompt_id, None)
        settle(future, effect, result, error)

    def _request_reconcile(self, reason: str) -> None:
        logger.debug("reconciling with /queue: %s", reason)
        if not self._submit(self._reconcile, None):
            with self._lock:
                self._core.queue_failed()

    def _reconcile(self, _: None) -> None:
        with self._lock:
            token = self._core.queue_requested()
            patience = self._core.queue_patience()
        body = error = None
        try:
            body = self._requester.queue_body(patience)
        except ComfyError as exc:  # what queue_patience calls final
            error = exc
        finally:
            if body is None:
                self._feed(functools.partial(self._core.queue_failed, error))
        if body is not None:
            self._feed(functools.partial(self._core.feed_queue, body, token))

    # -- threads --------------------------------------------------------------------------

    def _read_forever(self) -> None:
        """Keep one WebSocket open; reconnect with backoff under a fresh client id."""
        import websocket  # here, not at the top: clients without a socket never pay for it

        from ..secrecy import sync_websocket_class

        attempt = 0
        while not self._stopped.is_set():
            with self._lock:
                client_id = self._core.connection_id()
            url = f"{self._options.address.ws_url}?clientId={client_id}"
            ws = None
            try:
                ws = websocket.create_connection(
                    url,
                    timeout=self._options.ws_connect_timeout,
                    header=[f"{k}: {v}" for k, v in self._options.headers.items()],
                    sslopt=_sslopt(ssl_context(self._options)),
                    enable_multithread=True,
                    suppress_origin=True,
                    # websocket-client checks UTF-8 in pure Python (~1 ms per prompt's
                    # messages); _read decodes each frame itself, replacing bad bytes.
                    skip_utf8_validation=True,
                    class_=sync_websocket_class(),
                )
                _limit_frames(ws, self._options.ws_max_size)
                self._ws = ws
                attempt = 0
                logger.info("WebSocket connected to %s", redacted_url(url))
                self._feed(self._core.connection_made)
                self._connected.set()
                self._wake_poller.set()
                self._read(ws)
            except (OSError, websocket.WebSocketException) as exc:
                with self._lock:
                    self._fatal = self.connect_failed(exc)
                if self._fatal is not None:
                    self._connected.set()  # wakes start(), which raises it
                    return
                if not self._stopped.is_set():
                    logger.warning(
                        "WebSocket %s: %s",
                        "lost" if self._ws else "failed",
                        lost_reason(exc, self._options),
                    )
            except Exception as exc:  # anything else must not end reconnection silently
                if not self._stopped.is_set():
                    self.reader_failed(exc)
            finally:
                if ws is not None:
                    with contextlib.suppress(Exception):
                        ws.abort()
                        ws.close(timeout=0)
                if self._ws is not None:
                    self._ws = None
                    with self._lock:
                        self._core.connection_lost()
                    self._wake_poller.set()
            if self._stopped.wait(self._plan.reconnect_delay(attempt)):
                return
            attempt += 1

    def _read(self, ws: websocket.WebSocket) -> None:
        """Read frames until the socket closes; answer silence with a ping and a reconcile."""
        import websocket

        ws.settimeout(self._options.watchdog_interval)
        unanswered_ping = False
        while not self._stopped.is_set():
            try:
                opcode, data = ws.recv_data(control_frame=True)
            except (TimeoutError, websocket.WebSocketTimeoutException):
                if unanswered_ping:
                    raise websocket.WebSocketTimeoutException("no answer to ping") from None
                ws.ping()
                unanswered_ping = True
                self._feed(self._core.idle)
                continue
            unanswered_ping = False
            if opcode == websocket.ABNF.OPCODE_TEXT:
                text = data.decode("utf-8", errors="replace")
                self._feed(lambda text=text: self._core.feed_text(text))  # type: ignore[misc]
            elif opcode == websocket.ABNF.OPCODE_BINARY:
                self._feed(lambda data=data: self._core.feed_binary(data))  # type: ignore[misc]
            elif opcode == websocket.ABNF.OPCODE_CLOSE:
                return

    def _poll_forever(self) -> None:
        """Poll ``/queue`` while HTTP tracking is on, or while prompts cannot be followed by socket."""
        while not self._stopped.is_set():
            with self._lock:
                poll = self._core.should_poll()
            if poll:
                self._feed(lambda: self._core.reconcile_needed("poll"))
                self._stopped.wait(self._options.poll_interval)
            else:
                self._wake_poller.clear()
                self._wake_poller.wait(self._options.poll_interval * 4)


def _limit_frames(ws: websocket.WebSocket, limit: int) -> None:
    """Refuse a frame, or a fragmented message, over ``limit`` bytes before its payload is
    read (websocket-client has no such limit): the reader drops the socket and reconnects."""
    import websocket

    frames, pieces = ws.frame_buffer, ws.cont_frame
    read_length, add_piece = frames.recv_length, pieces.add

    def too_big(size: int) -> websocket.WebSocketPayloadException:
        return websocket.WebSocketPayloadException(
            f"{FRAME_TOO_BIG}: a frame of {size} bytes is over the limit"
        )

    def recv_length() -> None:
        read_length()
        if frames.length is not None and frames.length > limit:
            raise too_big(frames.length)

    def add(frame: websocket.ABNF) -> None:
        add_piece(frame)
        data = pieces.cont_data
        if data is not None and len(data[1]) > limit:
            pieces.cont_data = pieces.recving_frames = None
            raise too_big(len(data[1]))

    frames.recv_length = recv_length  # type: ignore[method-assign]
    pieces.add = add  # type: ignore[method-assign]


def _sslopt(context: ssl.SSLContext | None) -> dict[str, Any] | None:
    return None if context is None else {"context": context}
