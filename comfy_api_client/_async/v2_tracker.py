"""The task-based Comfy API v2 tracker: drives the I/O-free
:class:`~comfy_api_client.v2.protocol.JobCore` from asyncio tasks, one per followed job.

Each task reads the job's event stream (with ``start_state_tracker="websocket"``) and, when
the stream ends, drops or is refused, asks the job itself, which is the truth; then it
reconnects, or polls (``"http"``, or a server refusing more streams), until the job ends.
Everything it decides comes from the core; this module only moves bytes, waits and completes
futures. Its sync twin (``../_sync/v2_tracker.py``) does the same with threads.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import weakref
from collections.abc import Callable, Coroutine
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
from .v2_requester import AsyncV2Requester

logger = logging.getLogger("comfy_api_client")

#: Times a cancelled job is asked (a poll interval apart) besides its stream.
CONFIRM_POLLS = 5


class AsyncV2Tracker:
    """Follows submitted v2 jobs and completes their asyncio futures."""

    def __init__(self, options: ClientOptions, requester: AsyncV2Requester) -> None:
        self._options = options
        self._requester = requester
        self._core = JobCore(options.on_event, options.watchdog_interval)
        self._plan = TrackerPlan(options)
        self._futures: dict[str, asyncio.Future[Any]] = {}
        #: Each job's record lives as long as its future (``prompt.status`` keeps working).
        self._records: weakref.WeakKeyDictionary[Any, TrackedJob] = weakref.WeakKeyDictionary()
        self._wake: dict[str, asyncio.Event] = {}
        self._tasks: set[asyncio.Task[Any]] = set()
        self._started = False
        self._closing = False

    # -- used by the client and its prompts -----------------------------------------------

    @property
    def client_id(self) -> str:
        """This client's id (v2 has no connection of its own to name)."""
        return self._options.client_id

    @property
    def following(self) -> bool:
        return self._started

    def status(self, prompt_id: str) -> PromptStatus | None:
        tracked = self._core.get(prompt_id)
        return tracked.status if tracked is not None else None

    def progress(self, prompt_id: str) -> Progress | None:
        tracked = self._core.get(prompt_id)
        return tracked.progress if tracked is not None else None

    def server_state(self) -> ServerState:
        return self._core.server_state()

    def register(
        self,
        prompt_id: str,
        prompt: object,
        on_event: Callable[..., None] | None,
        want_future: bool,
    ) -> asyncio.Future[Any] | None:
        """Follow the prompt about to be posted under the key ``prompt_id``."""
        tracked = self._core.track(
            prompt_id, prompt if isinstance(prompt, dict) else None, on_event
        )
        if not want_future:
            return None
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._futures[prompt_id] = future
        self._records[future] = tracked
        return future

    def submitted(self, prompt_id: str, body: dict[str, Any]) -> None:
        """The server created the job (``body["prompt_id"]``) for the key ``prompt_id``."""
        job_id = str(body["prompt_id"])
        future = self._futures.pop(prompt_id, None)
        if future is not None:
            self._futures[job_id] = future
        self.handle(self._core.submitted(prompt_id, job_id, body.get("job") or {}))
        if self._core.following(job_id) and not self._closing:
            self._wake[job_id] = asyncio.Event()
            self._spawn(self._follow(job_id))

    def submit_failed(self, prompt_id: str) -> None:
        self._core.submit_failed(prompt_id)
        self._futures.pop(prompt_id, None)

    def cancel_steps(self, prompt_id: str, jobs_api: bool) -> list[CancelStep]:
        return self._core.cancel(prompt_id)

    def cancel_sent(self, prompt_id: str) -> None:
        """Ask the job now and shortly after (it says whether the cancel landed): a stream
        may say nothing of a job removed from the queue."""
        wake = self._wake.get(prompt_id)
        if wake is not None:
            wake.set()
        if self._core.following(prompt_id) and not self._closing:
            self._spawn(self._confirm(prompt_id))

    async def _confirm(self, job_id: str) -> None:
        for _ in range(CONFIRM_POLLS):
            await self._poll(job_id)
            if not self._core.following(job_id):
                return
            await asyncio.sleep(self._options.poll_interval)

    async def start(self) -> None:
        """Check that the server answers (jobs are followed as they are submitted)."""
        if self._options.start_state_tracker is None:
            return
        await self._requester.health()
        self._started = True

    async def stop(self) -> None:
        """Stop every task and fail what is still waiting."""
        self._closing = True
        self.handle(self._core.close(ClientClosedError("the client was closed")))
        fail_waiting(self._futures.values())
        self._futures.clear()
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._tasks.clear()

    # -- effects ----------------------------------------------------------------------------

    def handle(self, effects: list[Effect]) -> None:
        for effect in effects:
            if isinstance(effect, Emit):
                dispatch(effect)
            elif isinstance(effect, Finish):
                self._wake.pop(effect.prompt_id, None)
                self._spawn(self._finish(effect))

    async def _finish(self, effect: Finish) -> None:
        result, error = effect.result, effect.error
        if result is not None and self._options.download_outputs and not self._closing:
            try:
                await self._requester.download_outputs(result)
            except ComfyError as exc:
                result, error = None, exc
        settle(self._futures.pop(effect.prompt_id, None), effect, result, error)

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None and not self._closing:
            logger.error("v2 tracker task failed", exc_info=task.exception())

    # -- following one job ------------------------------------------------------------------

    async def _follow(self, job_id: str) -> None:
        """Stream (or poll) the job until the core says it finished."""
        stream = self._options.start_state_tracker == "websocket"
        if stream:
            self._spawn(self._watch(job_id))
        attempt = 0
        while not self._closing and self._core.following(job_id):
            if stream:
                try:
                    async with contextlib.aclosing(self._requester.events(job_id)) as events:
                        async for event in events:
                            attempt = 0
                            self.handle(self._core.feed_event(job_id, event))
                            tracked = self._core.get(job_id)
                            if tracked is None or tracked.stream_ended or tracked.finished:
                                break
                except RateLimitedError as exc:
                    logger.info("job %s: no event stream (%s); polling it instead", job_id, exc)
                    stream = False
                except ComfyError as exc:
                    logger.warning("event stream of job %s lost (%s); asking the job", job_id, exc)
            await self._poll(job_id)
            if self._closing or not self._core.following(job_id):
                return
            wait = self._plan.reconnect_delay(attempt) if stream else self._options.poll_interval
            attempt += 1
            await self._sleep(job_id, wait)

    async def _poll(self, job_id: str) -> None:
        try:
            body = await self._requester.job(job_id)
        except ComfyError as exc:
            self.handle(self._core.ask_failed(job_id, exc))
            return
        self.handle(self._core.feed_job(job_id, body))

    async def _watch(self, job_id: str) -> None:
        """Ask the job whenever the core says its stream was silent about it too long."""
        while not self._closing and (left := self._core.silence_left(job_id)) is not None:
            await (self._poll(job_id) if left <= 0 else asyncio.sleep(left))

    async def _sleep(self, job_id: str, seconds: float) -> None:
        wake = self._wake.get(job_id)
        if wake is None:
            await asyncio.sleep(seconds)
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(wake.wait(), seconds)
        wake.clear()
