"""The I/O-free core of Comfy API v2: follows jobs through their event streams and snapshots.

Like :class:`~comfy_api_client.core.tracker_core.TrackerCore` for the native API, :class:`JobCore`
never touches a socket. The trackers feed it the events of a job's stream
(:meth:`JobCore.feed_event`) and the job as ``GET /api/v2/jobs/{id}`` gives it
(:meth:`JobCore.feed_job`); it answers with the same effects: call callbacks
(:class:`~comfy_api_client.core.tracker_core.Emit`) and complete a prompt's waiter
(:class:`~comfy_api_client.core.tracker_core.Finish`). The stream is a convenience (it may drop, has
no replay, may stay open and say nothing); only the job itself finishes a prompt. Two rules
bound the wait: a job nothing readable was heard about for ``silence`` seconds is asked
(:meth:`JobCore.silence_left`), and ``ASK_FAILURES`` unreadable or refused answers in a row
to asking it end its prompt with the last error (:meth:`JobCore.ask_failed`). Not
thread-safe: the sync tracker calls it under a lock.
"""

from __future__ import annotations

import logging
import time
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import events as ev
from ..errors import (
    ComfyError,
    ComfyHTTPError,
    PromptLostError,
    RateLimitedError,
    UnreadableResponseError,
)
from . import v2_jobs as jobs
from .cancel import CancelStep, cancel_steps
from .sse import SseEvent
from .tracker_core import Effect, Emit, Finish, Progress, PromptStatus, ServerState

logger = logging.getLogger("comfy_api_client")

Callback = Callable[[ev.Event], None]

#: Answers in a row to asking a job that cannot be read (or refuse, other than 404 and 429)
#: before its prompt fails with the last one (a connection error does not count: the server
#: may be restarting).
ASK_FAILURES = 5
#: Seconds without anything readable about a job (an event of its stream, an answer) before
#: it is asked; the trackers pass the client's ``watchdog_interval``.
SILENCE = 30.0


@dataclass(slots=True, weakref_slot=True)
class TrackedJob:
    """One followed job (known by the client's key until the server names it)."""

    key: str
    job_id: str | None = None
    prompt: dict[str, Any] | None = None
    on_event: Callback | None = None
    status: PromptStatus = PromptStatus.SUBMITTING
    v2_status: str = ""
    was_running: bool = False
    cancel_requested: bool = False
    progress: Progress = field(default_factory=Progress)
    last_node: str | None = None
    seen_outputs: set[str] = field(default_factory=set)
    #: The stream reported a terminal status: stop reading it and ask the job.
    stream_ended: bool = False
    #: The job was once reported ``expired``: a second report confirms it (a proxy reports a
    #: prompt it finds in neither ComfyUI's queue nor its history so, for a moment, too).
    expired_once: bool = False
    finished: bool = False
    #: When (the core's clock) something readable was last heard about the job, or it was asked.
    heard: float = 0.0
    #: Unreadable or refused answers in a row to asking the job.
    failed_asks: int = 0


class JobCore:
    """The job state machine of one client."""

    def __init__(
        self,
        on_event: Callback | None = None,
        silence: float = SILENCE,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._on_event = on_event
        self._silence = silence
        self._clock = clock
        self._pending: dict[str, TrackedJob] = {}  # by key, before the server answered
        self._jobs: dict[str, TrackedJob] = {}  # unfinished, by job id
        self._finished: weakref.WeakValueDictionary[str, TrackedJob] = weakref.WeakValueDictionary()

    # -- the client's side -------------------------------------------------------------------

    def track(
        self, key: str, prompt: dict[str, Any] | None, on_event: Callback | None
    ) -> TrackedJob:
        """Follow the prompt to be posted under ``key``."""
        tracked = TrackedJob(key=key, prompt=prompt, on_event=on_event)
        self._pending[key] = tracked
        return tracked

    def submit_failed(self, key: str) -> None:
        self._pending.pop(key, None)

    def submitted(self, key: str, job_id: str, body: Mapping[str, Any]) -> list[Effect]:
        """The server created ``job_id`` for ``key`` and answered ``body`` (the new job)."""
        tracked = self._pending.pop(key, None)
        if tracked is None:
            return []
        tracked.job_id = job_id
        tracked.status = PromptStatus.QUEUED
        tracked.heard = self._clock()
        self._jobs[job_id] = tracked
        return self.feed_job(job_id, body)

    def get(self, job_id: str) -> TrackedJob | None:
        return self._jobs.get(job_id) or self._finished.get(job_id)

    def following(self, job_id: str) -> bool:
        """Whether ``job_id`` is followed and has not finished."""
        return job_id in self._jobs

    def server_state(self) -> ServerState:
        return ServerState(connected=False, queue_remaining=None, unfinished=len(self._jobs))

    def cancel(self, job_id: str) -> list[CancelStep]:
        """What cancels ``job_id``: one request (the server dequeues or interrupts)."""
        tracked = self._jobs.get(job_id)
        if tracked is not None:
            tracked.cancel_requested = True
        return cancel_steps(job_id, jobs_api=True)

    def close(self, error: BaseException) -> list[Effect]:
        """The client closes: every unfinished job's waiter fails with ``error``."""
        effects: list[Effect] = []
        for job_id in list(self._jobs):
            effects += self._finish(self._jobs[job_id], error=error)
        self._pending.clear()
        return effects

    # -- what the server says ----------------------------------------------------------------

    def feed_event(self, job_id: str, event: SseEvent) -> list[Effect]:
        """One event of the job's stream."""
        tracked = self._jobs.get(job_id)
        if tracked is None:
            return []
        effects: list[Effect] = []
        if isinstance(event.data, Mapping):  # an unreadable event says nothing of the job
            tracked.heard = self._clock()
        data = event.data if isinstance(event.data, Mapping) else {}
        if event.name == "status":
            status = str(data.get("status") or "")
            if status in jobs.TERMINAL:
                tracked.stream_ended = True  # the job, asked next, says how it ended
            elif status:
                effects += self._status_changed(tracked, status)
            return effects
        if event.name == "progress":
            if not tracked.was_running:
                effects += self._status_changed(tracked, "running")
            tracked.progress = jobs.progress_of(data)
        if event.name == "output" and data.get("id") is not None:
            tracked.seen_outputs.add(str(data["id"]))
        for found in jobs.stream_events(job_id, event, tracked.last_node):
            if isinstance(found, ev.ExecutingEvent):
                tracked.last_node = found.node
            effects.append(self._emit(tracked, found))
        return effects

    def feed_job(self, job_id: str, body: Mapping[str, Any]) -> list[Effect]:
        """The job as the server has it now: the truth (a finished job finishes the prompt)."""
        tracked = self._jobs.get(job_id)
        if tracked is None:
            return []
        tracked.heard, tracked.failed_asks = self._clock(), 0
        status = jobs.job_status(body)
        effects = self._status_changed(tracked, status) if status else []
        progress = body.get("progress")
        if isinstance(progress, Mapping) and status in ("running", "canceling"):
            tracked.progress = jobs.progress_of(progress)
        if status not in jobs.TERMINAL:
            return effects
        if status == "expired" and not tracked.expired_once:
            tracked.expired_once = True
            return effects
        outputs = jobs.outputs_of(body)
        for output in outputs:  # those the stream did not deliver
            if str(output["id"]) not in tracked.seen_outputs:
                tracked.seen_outputs.add(str(output["id"]))
                for found in jobs.stream_events(job_id, SseEvent("output", output), None):
                    effects.append(self._emit(tracked, found))
        tracked.status = jobs.prompt_status(status, tracked.was_running, tracked.cancel_requested)
        outcome = jobs.outcome_event(job_id, body)
        if outcome is not None:
            effects.append(self._emit(tracked, outcome))
        if tracked.status is PromptStatus.CANCELLED:
            return effects + self._finish(tracked, cancelled=True)
        error = jobs.error_of(job_id, body, tracked.was_running, tracked.cancel_requested)
        if error is not None:
            return effects + self._finish(tracked, error=error)
        return effects + self._finish(tracked, result=jobs.result_of(job_id, body))

    def silence_left(self, job_id: str) -> float | None:
        """Seconds until ``job_id`` is to be asked if nothing is heard about it (0: now);
        None once it is no longer followed. A stream open but silent about the job (keepalive
        comments, a slow drip, unreadable events) never keeps it from being asked."""
        tracked = self._jobs.get(job_id)
        if tracked is None:
            return None
        return max(0.0, tracked.heard + self._silence - self._clock())

    def ask_failed(self, job_id: str, error: ComfyError) -> list[Effect]:
        """Asking the job failed with ``error``: a 404 means it is missing; an unreadable or
        refused answer counts, and the ``ASK_FAILURES``-th in a row ends the prompt with it;
        anything else (the connection) is only logged. The job is asked again a poll
        interval or a silence later."""
        tracked = self._jobs.get(job_id)
        if tracked is None:
            return []
        if isinstance(error, ComfyHTTPError) and error.status == 404:
            return self.job_missing(job_id, error)
        tracked.heard = self._clock()
        counts = isinstance(error, UnreadableResponseError | ComfyHTTPError) and not isinstance(
            error, RateLimitedError
        )
        tracked.failed_asks += counts
        logger.warning(
            "asking job %s failed (%d of %d): %s", job_id, tracked.failed_asks, ASK_FAILURES, error
        )
        if tracked.failed_asks < ASK_FAILURES:
            return []
        tracked.status = PromptStatus.LOST
        return self._finish(tracked, error=error)

    def job_missing(self, job_id: str, error: ComfyError) -> list[Effect]:
        """The server does not know the job (404): it is lost, or gone after a cancel."""
        tracked = self._jobs.get(job_id)
        if tracked is None:
            return []
        logger.warning("job %s is unknown to the server: %s", job_id, error)
        if tracked.cancel_requested and not tracked.was_running:
            tracked.status = PromptStatus.CANCELLED
            return self._finish(tracked, cancelled=True)
        tracked.status = PromptStatus.LOST
        return self._finish(tracked, error=PromptLostError(job_id))

    # -- internals ---------------------------------------------------------------------------

    def _status_changed(self, tracked: TrackedJob, status: str) -> list[Effect]:
        if status == tracked.v2_status:
            return []
        tracked.v2_status = status
        effects: list[Effect] = []
        if status in ("running", "canceling") and not tracked.was_running:
            tracked.was_running = True
            effects.append(
                self._emit(
                    tracked,
                    ev.ExecutionStartEvent(
                        type="execution_start", prompt_id=tracked.job_id, raw={"status": status}
                    ),
                )
            )
        if status not in jobs.TERMINAL:
            tracked.status = jobs.prompt_status(
                status, tracked.was_running, tracked.cancel_requested
            )
        return effects

    def _emit(self, tracked: TrackedJob, event: ev.Event) -> Emit:
        callbacks = tuple(c for c in (self._on_event, tracked.on_event) if c is not None)
        return Emit(event, callbacks)

    def _finish(
        self,
        tracked: TrackedJob,
        result: Any = None,
        error: BaseException | None = None,
        cancelled: bool = False,
    ) -> list[Effect]:
        if tracked.finished or tracked.job_id is None:
            return []
        tracked.finished = True
        self._jobs.pop(tracked.job_id, None)
        self._finished[tracked.job_id] = tracked
        tracked.prompt = None
        logger.info("job %s finished: %s", tracked.job_id, tracked.status)
        return [Finish(tracked.job_id, result=result, error=error, cancelled=cancelled)]
