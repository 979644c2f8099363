"""The Comfy API v2 tracker: drives the I/O-free :class:`~comfy_api_client.core.job_core.JobCore`
with the trackers' shell (``tracker.py``), one background job per followed job.

Each job reads the job's event stream (with ``start_state_tracker="websocket"``) and, when
the stream ends, drops or is refused, asks the job itself, which is the truth; then it
reconnects, or polls (``"http"``, or a server refusing more streams), until the job ends.
Everything it decides comes from the core; this module only moves bytes, waits and completes
futures.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from ..core.job_core import JobCore
from ..core.options import ClientOptions
from ..core.tracker_core import CancelStep, Finish
from ..errors import ComfyError, RateLimitedError
from .backend import Event
from .tracker import AsyncTrackerShell
from .v2_requester import AsyncV2Requester

logger = logging.getLogger("comfy_api_client")

#: Times a cancelled job is asked (a poll interval apart) besides its stream.
CONFIRM_POLLS = 5


class AsyncV2Tracker(AsyncTrackerShell[JobCore]):
    """Follows submitted v2 jobs and completes their futures."""

    def __init__(self, options: ClientOptions, requester: AsyncV2Requester) -> None:
        super().__init__(
            options, JobCore(options.on_event, options.watchdog_interval), "v2-tracker"
        )
        self._requester = requester
        self._wake: dict[str, Event] = {}

    # -- used by the client and its prompts -----------------------------------------------

    @property
    def client_id(self) -> str:
        """This client's id (v2 has no connection of its own to name)."""
        return self._options.client_id

    def submitted(self, prompt_id: str, body: dict[str, Any]) -> None:
        """The server created the job (``body["prompt_id"]``) for the key ``prompt_id``."""
        job_id = str(body["prompt_id"])
        with self._lock:
            future = self._futures.pop(prompt_id, None)
            if future is not None:
                self._futures[job_id] = future
            effects = self._core.submitted(prompt_id, job_id, body.get("job") or {})
            follow = self._core.following(job_id) and not self._closing
            if follow:
                self._wake[job_id] = Event()
        self.handle(effects)
        if follow:
            self._jobs.spawn(self._follow, job_id)

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
            self._jobs.spawn(self._confirm, prompt_id)

    async def _confirm(self, job_id: str) -> None:
        for _ in range(CONFIRM_POLLS):
            await self._poll(job_id)
            if not self._following(job_id) or await self._jobs.sleep(self._options.poll_interval):
                return

    async def start(self) -> None:
        """Check that the server answers (jobs are followed as they are submitted)."""
        if self._options.start_state_tracker is None:
            return
        await self._requester.health()
        self._started = True

    async def _wake_all(self) -> None:
        with self._lock:
            wakes = list(self._wake.values())
        for wake in wakes:
            wake.set()

    async def _finish(self, effect: Finish) -> None:
        with self._lock:
            self._wake.pop(effect.prompt_id, None)
        result, error = effect.result, effect.error
        if result is not None and self._options.download_outputs and not self._closing:
            try:
                await self._requester.download_outputs(result)
            except ComfyError as exc:
                result, error = None, exc
        self._settle(effect, result, error)

    # -- following one job ------------------------------------------------------------------

    def _following(self, job_id: str) -> bool:
        with self._lock:
            return not self._closing and self._core.following(job_id)

    async def _follow(self, job_id: str) -> None:
        """Stream (or poll) the job until the core says it finished."""
        stream = self._options.start_state_tracker == "websocket"
        if stream:
            self._jobs.spawn(self._watch, job_id)
        attempt = 0
        while self._following(job_id):
            if stream:
                try:
                    async with contextlib.aclosing(self._requester.events(job_id)) as events:
                        async for event in events:
                            attempt = 0
                            with self._lock:
                                effects = self._core.feed_event(job_id, event)
                                tracked = self._core.get(job_id)
                                done = tracked is None or tracked.stream_ended or tracked.finished
                            self.handle(effects)
                            if done or self._closing:
                                break
                except RateLimitedError as exc:
                    logger.info("job %s: no event stream (%s); polling it instead", job_id, exc)
                    stream = False
                except ComfyError as exc:
                    if self._closing:  # quiet while closing
                        return
                    logger.warning("event stream of job %s lost (%s); asking the job", job_id, exc)
            await self._poll(job_id)
            if not self._following(job_id):
                return
            wait = self._plan.reconnect_delay(attempt) if stream else self._options.poll_interval
            attempt += 1
            await self._sleep(job_id, wait)

    async def _poll(self, job_id: str) -> None:
        try:
            body = await self._requester.job(job_id)
        except ComfyError as exc:
            self._feed(self._core.ask_failed, job_id, exc)
            return
        self._feed(self._core.feed_job, job_id, body)

    async def _watch(self, job_id: str) -> None:
        """Ask the job whenever the core says its stream was silent about it too long."""
        while self._following(job_id):
            with self._lock:
                left = self._core.silence_left(job_id)
            if left is None:
                return
            if left <= 0:
                await self._poll(job_id)
            elif await self._jobs.sleep(left):
                return

    async def _sleep(self, job_id: str, seconds: float) -> None:
        """Wait ``seconds``, or until a cancel wakes the job."""
        with self._lock:
            wake = self._wake.get(job_id)
        if wake is None:
            await self._jobs.sleep(seconds)
        elif await wake.wait(seconds):
            wake.clear()
