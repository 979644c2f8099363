"""The thread-based Comfy API v2 tracker: drives the I/O-free
:class:`~comfy_api_client.v2.protocol.JobCore` from one daemon thread per followed job, under
one lock (the twin of ``../_async/v2_tracker.py``, written by hand).

Each thread reads the job's event stream (with ``start_state_tracker="websocket"``) and, when
the stream ends, drops or is refused, asks the job itself, which is the truth; then it
reconnects, or polls, until the job ends. Callbacks run outside the lock.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
import threading
import weakref
from collections.abc import Callable
from typing import Any

from ..errors import ClientClosedError, ComfyError, RateLimitedError
from ..options import ClientOptions
from ..protocol import (
    CancelStep,
    Effect,
    Emit,
    Finish,
    Progress,
    PromptStatus,
    ServerState,
    dispatch,
)
from ..tracking import TrackerPlan, fail_waiting, settle
from ..v2.protocol import JobCore, TrackedJob
from .v2_requester import SyncV2Requester

logger = logging.getLogger("comfy_api_client")

#: Seconds ``stop`` waits for each job thread (one blocked reading a stream ends when the
#: client closes its pool right after).
_JOIN_TIMEOUT = 0.5
#: Times a cancelled job is asked (a poll interval apart) besides its stream.
CONFIRM_POLLS = 5


class SyncV2Tracker:
    """Follows submitted v2 jobs and completes their ``concurrent.futures`` futures."""

    def __init__(self, options: ClientOptions, requester: SyncV2Requester) -> None:
        self._options = options
        self._requester = requester
        self._core = JobCore(options.on_event, options.watchdog_interval)
        self._plan = TrackerPlan(options)
        self._lock = threading.Lock()
        self._futures: dict[str, concurrent.futures.Future[Any]] = {}
        #: Each job's record lives as long as its future (``prompt.status`` keeps working).
        self._records: weakref.WeakKeyDictionary[Any, TrackedJob] = weakref.WeakKeyDictionary()
        self._wake: dict[str, threading.Event] = {}
        self._threads: set[threading.Thread] = set()
        self._started = False
        self._closing = threading.Event()

    # -- used by the client and its prompts -----------------------------------------------

    @property
    def client_id(self) -> str:
        """This client's id (v2 has no connection of its own to name)."""
        return self._options.client_id

    @property
    def following(self) -> bool:
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
    ) -> concurrent.futures.Future[Any] | None:
        """Follow the prompt about to be posted under the key ``prompt_id``."""
        with self._lock:
            tracked = self._core.track(
                prompt_id, prompt if isinstance(prompt, dict) else None, on_event
            )
            if not want_future:
                return None
            future: concurrent.futures.Future[Any] = concurrent.futures.Future()
            self._futures[prompt_id] = future
            self._records[future] = tracked
            return future

    def submitted(self, prompt_id: str, body: dict[str, Any]) -> None:
        """The server created the job (``body["prompt_id"]``) for the key ``prompt_id``."""
        job_id = str(body["prompt_id"])
        with self._lock:
            future = self._futures.pop(prompt_id, None)
            if future is not None:
                self._futures[job_id] = future
            effects = self._core.submitted(prompt_id, job_id, body.get("job") or {})
            follow = self._core.following(job_id) and not self._closing.is_set()
            if follow:
                self._wake[job_id] = threading.Event()
        self.handle(effects)
        if follow:
            self._spawn(self._follow, job_id, name=f"comfy-v2-job-{job_id[:8]}")

    def submit_failed(self, prompt_id: str) -> None:
        with self._lock:
            self._core.submit_failed(prompt_id)
            self._futures.pop(prompt_id, None)

    def cancel_steps(self, prompt_id: str, jobs_api: bool) -> list[CancelStep]:
        with self._lock:
            return self._core.cancel(prompt_id)

    def cancel_sent(self, prompt_id: str) -> None:
        """Ask the job now and shortly after (it says whether the cancel landed): a stream
        may say nothing of a job removed from the queue."""
        with self._lock:
            wake = self._wake.get(prompt_id)
        if wake is not None:
            wake.set()
        if self._following(prompt_id):
            self._spawn(self._confirm, prompt_id, name=f"comfy-v2-cancel-{prompt_id[:8]}")

    def _confirm(self, job_id: str) -> None:
        for _ in range(CONFIRM_POLLS):
            self._poll(job_id)
            if not self._following(job_id) or self._closing.wait(self._options.poll_interval):
                return

    def start(self) -> None:
        """Check that the server answers (jobs are followed as they are submitted)."""
        if self._options.start_state_tracker is None:
            return
        self._requester.health()
        self._started = True

    def stop(self) -> None:
        """Stop following, fail what is still waiting, let the job threads end."""
        self._closing.set()
        with self._lock:
            effects = self._core.close(ClientClosedError("the client was closed"))
            waiting = list(self._futures.values())
            self._futures.clear()
            wakes = list(self._wake.values())
            threads = list(self._threads)
        self.handle(effects)
        fail_waiting(waiting)
        for wake in wakes:
            wake.set()
        for thread in threads:
            if thread is not threading.current_thread():
                thread.join(_JOIN_TIMEOUT)

    # -- effects ----------------------------------------------------------------------------

    def handle(self, effects: list[Effect]) -> None:
        """Carry out the core's effects (never under the lock)."""
        for effect in effects:
            if isinstance(effect, Emit):
                dispatch(effect)
            elif isinstance(effect, Finish):
                with self._lock:
                    self._wake.pop(effect.prompt_id, None)
                self._finish(effect)

    def _finish(self, effect: Finish) -> None:
        result, error = effect.result, effect.error
        if result is not None and self._options.download_outputs and not self._closing.is_set():
            try:
                self._requester.download_outputs(result)
            except ComfyError as exc:
                result, error = None, exc
        with self._lock:
            future = self._futures.pop(effect.prompt_id, None)
        settle(future, effect, result, error)

    def _spawn(self, target: Callable[..., None], *args: Any, name: str) -> None:
        def run() -> None:
            try:
                target(*args)
            except Exception:
                if not self._closing.is_set():
                    logger.exception("v2 tracker thread failed")
            finally:
                with self._lock:
                    self._threads.discard(threading.current_thread())

        thread = threading.Thread(target=run, name=name, daemon=True)
        with self._lock:
            self._threads.add(thread)
        thread.start()

    # -- following one job ------------------------------------------------------------------

    def _following(self, job_id: str) -> bool:
        with self._lock:
            return not self._closing.is_set() and self._core.following(job_id)

    def _follow(self, job_id: str) -> None:
        """Stream (or poll) the job until the core says it finished."""
        stream = self._options.start_state_tracker == "websocket"
        if stream:
            self._spawn(self._watch, job_id, name=f"comfy-v2-watch-{job_id[:8]}")
        attempt = 0
        while self._following(job_id):
            if stream:
                try:
                    with contextlib.closing(self._requester.events(job_id)) as events:
                        for event in events:
                            attempt = 0
                            with self._lock:
                                effects = self._core.feed_event(job_id, event)
                                tracked = self._core.get(job_id)
                                done = tracked is None or tracked.stream_ended or tracked.finished
                            self.handle(effects)
                            if done or self._closing.is_set():
                                break
                except RateLimitedError as exc:
                    logger.info("job %s: no event stream (%s); polling it instead", job_id, exc)
                    stream = False
                except ComfyError as exc:
                    if self._closing.is_set():
                        return
                    logger.warning("event stream of job %s lost (%s); asking the job", job_id, exc)
            self._poll(job_id)
            if not self._following(job_id):
                return
            wait = self._plan.reconnect_delay(attempt) if stream else self._options.poll_interval
            attempt += 1
            with self._lock:
                wake = self._wake.get(job_id)
            if wake is None:
                self._closing.wait(wait)
            elif wake.wait(wait):
                wake.clear()

    def _poll(self, job_id: str) -> None:
        try:
            body = self._requester.job(job_id)
        except ComfyError as exc:
            with self._lock:
                effects = [] if self._closing.is_set() else self._core.ask_failed(job_id, exc)
            self.handle(effects)
            return
        with self._lock:
            effects = self._core.feed_job(job_id, body)
        self.handle(effects)

    def _watch(self, job_id: str) -> None:
        """Ask the job whenever the core says its stream was silent about it too long."""
        while not self._closing.is_set():
            with self._lock:
                left = self._core.silence_left(job_id)
            if left is None:
                return
            if left <= 0:
                self._poll(job_id)
            else:
                self._closing.wait(left)
