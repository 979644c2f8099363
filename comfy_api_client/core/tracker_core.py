"""The I/O-free core: follows prompts through ComfyUI's messages and snapshots.

Like h11 or websockets' protocol objects, :class:`TrackerCore` never touches a socket. The
trackers feed it WebSocket frames (``feed_text``/``feed_binary``) and HTTP snapshots
(``feed_queue``/``feed_history``); it answers with *effects* saying what to do next: call
callbacks (:class:`Emit`), fetch a history entry (:class:`FetchHistory`), check the queue
(:class:`Reconcile`), start downloading announced outputs (:class:`Prefetch`), or complete a
prompt's waiter (:class:`Finish`). It is not thread-safe: the sync tracker calls it under a
lock.

Its work per message or snapshot does not grow with the number of prompts it has followed:
unfinished prompts are indexed, and a finished prompt's record is kept only as long as
someone holds it (the tracker ties it to the prompt's future), without its heavy parts.
"""

from __future__ import annotations

import logging
import uuid
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .. import events as ev
from ..errors import (
    ComfyError,
    ComfyHTTPError,
    ExecutionError,
    ExecutionInterrupted,
    PromptLostError,
    UnreadableResponseError,
)
from .cancel import CancelStep, cancel_steps
from .queue_state import parse_queue
from .reach import Liveness, Patience
from .results import (
    OutputFile,
    PromptResult,
    collect_files,
    history_body_problem,
    result_from_history,
)
from .tracker_records import Progress as Progress
from .tracker_records import PromptStatus, ServerState, TrackedPrompt

logger = logging.getLogger("comfy_api_client")

Callback = Callable[[ev.Event], None]


# -- effects -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Emit:
    """Call these callbacks with ``event`` (outside any lock)."""

    event: ev.Event
    callbacks: tuple[Callback, ...]


@dataclass(frozen=True, slots=True)
class FetchHistory:
    """``GET /history/{prompt_id}``, then ``feed_history``."""

    prompt_id: str


@dataclass(frozen=True, slots=True)
class Reconcile:
    """``queue_requested()``, ``GET /queue``, then ``feed_queue`` (or ``queue_failed``).

    The core asks for one at a time: a reason that comes up while one is in flight is
    answered by one more when it returns.
    """

    reason: str


@dataclass(frozen=True, slots=True)
class Prefetch:
    """A node announced output files (``executed``): they may be downloaded now.

    The history, fetched when the prompt ends, stays the authority on what the result holds;
    bytes fetched early only spare the wait for files it lists.
    """

    prompt_id: str
    files: tuple[OutputFile, ...]


@dataclass(frozen=True, slots=True)
class Finish:
    """Complete the prompt's waiter with ``result``, ``error``, or cancellation."""

    prompt_id: str
    result: PromptResult | None = None
    error: BaseException | None = None
    cancelled: bool = False


Effect = Emit | FetchHistory | Reconcile | Prefetch | Finish


_OUTCOMES = (ev.ExecutionSuccessEvent, ev.ExecutionErrorEvent, ev.ExecutionInterruptedEvent)


def dispatch(effect: Emit) -> None:
    """Call an :class:`Emit`'s callbacks; a failing callback is logged, never raised."""
    for callback in effect.callbacks:
        try:
            callback(effect.event)
        except Exception:
            logger.exception("on_event callback failed for %s", effect.event.type)


class TrackerCore:
    """The prompt state machine of one client."""

    #: Attempts at a ``/history`` request the server keeps answering with an error status
    #: before the prompt ends with that error (a server that cannot be reached is waited for).
    HISTORY_ATTEMPTS = 5
    #: Unreadable ``/queue`` answers in a row (the server reachable: ``reach.py``) after which
    #: a prompt that neither its history nor the socket accounts for fails with the last error.
    QUEUE_ATTEMPTS = 10

    def __init__(
        self,
        client_id: str,
        on_event: Callback | None = None,
        fetch_history: bool = True,
        follow_by_socket: bool = True,
    ) -> None:
        self._client_id = client_id
        self._connections = 0  # connection ids handed out
        self._connections_made = 0  # sockets that opened
        #: True: prompts are followed by the WebSocket, and ``/queue`` polled only while it
        #: cannot follow them; False: by polling ``/queue`` alone.
        self._follow_by_socket = follow_by_socket
        self._connected = False
        self._queue_asked = False  # a /queue request is in flight
        self._queue_again = False  # ... and another was asked for meanwhile
        self._on_event = on_event
        #: False: a run the socket reported whole completes from its messages, without
        #: ``GET /history`` (the result then has no ``history``).
        self._fetch_history = fetch_history
        #: Prompts not finished yet, and among them the acknowledged ones (``unfinished``)
        #: and those posted under an earlier client id (their events go nowhere).
        self._prompts: dict[str, TrackedPrompt] = {}
        self._waiting: dict[str, TrackedPrompt] = {}
        self._orphans: set[str] = set()
        #: Finished prompts, for as long as someone else holds their record.
        self._finished: weakref.WeakValueDictionary[str, TrackedPrompt] = (
            weakref.WeakValueDictionary()
        )
        self._running: str | None = None
        self._queue_remaining: int | None = None
        self._explained = 0  # prompts that ended (outcome seen), queue not shrunk yet
        #: Answers heard from the server: tells a reachable server from an unreachable one.
        self.liveness = Liveness()
        self._clock = 0  # ticks at every queue snapshot request

    @property
    def client_id(self) -> str:
        """The ``clientId`` of the current connection (new prompts are posted with it)."""
        return self._client_id

    @client_id.setter
    def client_id(self, value: str) -> None:
        self._client_id = value
        self._orphans = {pid for pid, p in self._waiting.items() if p.client_id != value}

    # -- registration ------------------------------------------------------------------

    def track(
        self, prompt_id: str, prompt: dict[str, Any] | None = None, on_event: Callback | None = None
    ) -> TrackedPrompt:
        """Follow ``prompt_id`` from now on (call it *before* posting the prompt)."""
        tracked = TrackedPrompt(prompt_id, self.client_id, prompt, on_event)
        self._prompts[prompt_id] = tracked
        return tracked

    def submitted(self, prompt_id: str, body: Mapping[str, Any]) -> list[Effect]:
        """``POST /prompt`` answered 200 with ``body``."""
        tracked = self._prompts.get(prompt_id)
        if tracked is None:
            return []
        tracked.acknowledged = True
        tracked.acknowledged_at = self._clock
        self._waiting[prompt_id] = tracked
        if tracked.client_id != self._client_id:
            self._orphans.add(prompt_id)
        number = body.get("number")
        tracked.number = number if isinstance(number, int | float) else None
        errors = body.get("node_errors")
        tracked.node_errors = dict(errors) if isinstance(errors, Mapping) else {}
        if tracked.status is PromptStatus.SUBMITTING:
            tracked.status = PromptStatus.QUEUED
        if tracked.ended and not tracked.finished:  # it finished before the POST returned
            return self._conclude(tracked)
        return []

    def submit_failed(self, prompt_id: str) -> None:
        """``POST /prompt`` failed: nothing was queued."""
        self.forget(prompt_id)

    def forget(self, prompt_id: str) -> None:
        self._prompts.pop(prompt_id, None)
        self._waiting.pop(prompt_id, None)
        self._orphans.discard(prompt_id)
        self._finished.pop(prompt_id, None)

    def get(self, prompt_id: str) -> TrackedPrompt | None:
        """A followed prompt, or a finished one whose record someone still holds."""
        return self._prompts.get(prompt_id) or self._finished.get(prompt_id)

    def unfinished(self) -> list[TrackedPrompt]:
        """Acknowledged prompts still waiting for their outcome."""
        return list(self._waiting.values())

    def has_unfinished(self) -> bool:
        """Whether any acknowledged prompt still waits for its outcome (constant time)."""
        return bool(self._waiting)

    def server_state(self) -> ServerState:
        """The server's load as this client sees it."""
        return ServerState(
            self._connected, self._queue_remaining, len(self._waiting), self.reconnects
        )

    def has_orphans(self) -> bool:
        """Whether a waiting prompt was posted under an earlier connection's client id."""
        return bool(self._orphans)

    def cancel(self, prompt_id: str, jobs_api: bool = False) -> list[CancelStep]:
        """The user cancels ``prompt_id``: the requests to send, in order, then call
        :meth:`cancel_sent`. If the prompt then vanishes from the queue, it was cancelled,
        not lost. Either way only this prompt is touched: the jobs API's cancel where the
        server has it (``jobs_api``), else removing it, then interrupting it if it runs."""
        tracked = self._prompts.get(prompt_id)
        if tracked is not None:
            tracked.cancel_requested = True
        return cancel_steps(prompt_id, jobs_api)

    def cancel_sent(self, prompt_id: str) -> list[Effect]:
        """The cancel requests were sent: see what became of the prompt."""
        return self.reconcile_needed("cancelled prompt " + prompt_id)

    def reconcile_needed(self, reason: str) -> list[Effect]:
        """Check ``/queue`` for ``reason``, if anything is unfinished (one request at a time)."""
        if not self._waiting:
            return []
        if self._queue_asked:
            self._queue_again = True
            return []
        self._queue_asked = True
        return [Reconcile(reason)]

    def should_poll(self) -> bool:
        """Whether ``/queue`` must be polled now: while prompts are followed by polling alone,
        or while the socket is down, or while a prompt waits that was posted under an earlier
        connection's client id (its events go to a socket that no longer exists)."""
        if not self._waiting:
            return False
        if not self._follow_by_socket or not self._connected:
            return True
        return bool(self._orphans)

    @staticmethod
    def history_gives_up(error: ComfyError, attempt: int) -> bool:
        """Whether failed attempt ``attempt`` (0-based) at a ``/history`` request is the last:
        error statuses end the prompt after a few tries; an unreachable server is waited for."""
        final = isinstance(error, ComfyHTTPError | UnreadableResponseError)
        return final and attempt + 1 >= TrackerCore.HISTORY_ATTEMPTS

    def history_patience(self) -> Callable[[ComfyError, int], bool]:
        """The ``gives_up`` of one ``/history/{id}`` fetch: HISTORY_ATTEMPTS failed attempts
        while the server is reachable (a timeout too, when it answered elsewhere meanwhile)."""
        return Patience(self.liveness, self.HISTORY_ATTEMPTS).gives_up

    def queue_patience(self) -> Callable[[ComfyError, int], bool]:
        """The ``gives_up`` of one reconciliation's ``/queue``: its first failure while the
        server is reachable goes to :meth:`queue_failed`; an unreachable one is waited for."""
        return Patience(self.liveness, 1).gives_up

    # -- connection --------------------------------------------------------------------------

    def connection_id(self) -> str:
        """The ``clientId`` for the next connection attempt: the configured one first, then a
        fresh one each time. Reusing an old id is unsafe: when the server finally drops the
        old socket it unregisters the id, and the new socket would receive nothing (ComfyUI's
        same-``clientId`` trap)."""
        if self._connections:
            self.client_id = uuid.uuid4().hex
        self._connections += 1
        return self._client_id

    def connection_made(self) -> list[Effect]:
        """A socket (re)connected: events may have been missed, so check every unfinished prompt."""
        self._connected = True
        self._connections_made += 1
        self.liveness.hear()
        return self.reconcile_needed("connected")

    @property
    def ever_connected(self) -> bool:
        """Whether a socket ever opened: a failure after that is a lost connection (retried
        for the client's whole life), never a failed first contact."""
        return self._connections_made > 0

    @property
    def reconnects(self) -> int:
        """How often the socket opened again after its first connection (the server may have
        restarted meanwhile, as another version)."""
        return max(0, self._connections_made - 1)

    def connection_lost(self) -> None:
        self._connected = False
        self._queue_remaining = None
        self._explained = 0
        for tracked in self._prompts.values():  # the rest of their runs goes unreported
            tracked.witnessed = False

    def idle(self) -> list[Effect]:
        """The socket has been silent for a while: check the server if anything is unfinished."""
        return self.reconcile_needed("socket silent")

    def close(self, error: BaseException) -> list[Effect]:
        """The client closes: every unfinished prompt ends with ``error``."""
        effects: list[Effect] = []
        for tracked in list(self._prompts.values()):
            tracked.status = PromptStatus.FAILED
            effects.append(self._retire(tracked, Finish(tracked.prompt_id, error=error)))
        return effects

    # -- WebSocket ---------------------------------------------------------------------------

    def feed_text(self, text: str | bytes) -> list[Effect]:
        """A text frame. One that cannot be read (not JSON, nested too deep) is logged and
        skipped: no frame ends the reader."""
        return self._feed_frame(ev.parse_text, text)

    def feed_message(self, obj: object) -> list[Effect]:
        return self._feed_frame(ev.parse_message, obj)

    def feed_binary(self, data: bytes) -> list[Effect]:
        return self._feed_frame(ev.parse_binary, data)

    def _feed_frame(self, parse: Callable[[Any], ev.Event | None], frame: Any) -> list[Effect]:
        self.liveness.hear()
        try:
            event = parse(frame)
            return self._feed_event(event) if event is not None else []
        except Exception:  # a frame no parser foresaw; RecursionError is one
            logger.warning("WebSocket frame skipped (%d bytes)", _size(frame), exc_info=True)
            return []

    def _feed_event(self, event: ev.Event) -> list[Effect]:
        pid = event.prompt_id
        if pid is None and isinstance(
            event, ev.PreviewImageEvent | ev.TextEvent | ev.ExecutingEvent
        ):
            pid = self._running  # frames without a prompt id belong to the running prompt
        tracked = self.get(pid) if pid is not None else None
        effects: list[Effect] = []
        callbacks = tuple(
            cb for cb in (self._on_event, tracked.on_event if tracked else None) if cb is not None
        )
        if callbacks:
            effects.append(Emit(event, callbacks))
        if isinstance(event, ev.StatusEvent):
            return effects + self._on_status(event)
        if isinstance(event, ev.ExecutionStartEvent | ev.ExecutingEvent) and event.prompt_id:
            self._running = event.prompt_id
        if isinstance(event, _OUTCOMES):
            # a prompt ended, so the next shrink of the queue is explained, even when its
            # result came already (from /history after a snapshot missed it in the queue)
            self._explained += 1
        if tracked is None or tracked.finished:
            return effects
        return effects + self._apply(tracked, event)

    def _apply(self, tracked: TrackedPrompt, event: ev.Event) -> list[Effect]:
        progress = tracked.progress
        if isinstance(event, ev.ExecutionStartEvent):
            tracked.status = PromptStatus.RUNNING
            tracked.witnessed = True
        elif isinstance(event, ev.ExecutionCachedEvent):
            tracked.status = PromptStatus.RUNNING
            progress.cached_nodes = list(event.nodes)
        elif isinstance(event, ev.ExecutingEvent):
            if event.node is None and event.prompt_id is not None:
                if not _says_node_null(event):
                    logger.debug("executing message without a node: %.200r", event.raw)
                    return []
                tracked.ended = True
                if self._running == tracked.prompt_id:
                    self._running = None
                return self._conclude(tracked) if tracked.acknowledged else []
            tracked.status = PromptStatus.RUNNING
            progress.node, progress.value, progress.max = event.node, None, None
        elif isinstance(event, ev.ProgressEvent):
            progress.node = event.node or progress.node
            progress.value, progress.max = event.value, event.max
        elif isinstance(event, ev.ProgressStateEvent):
            progress.nodes = dict(event.nodes)
        elif isinstance(event, ev.ExecutedEvent):
            if event.node is not None and event.output is not None:
                tracked.outputs[event.node] = dict(event.output)
                files = collect_files({event.node: event.output})
                if files:
                    return [Prefetch(tracked.prompt_id, tuple(files))]
        elif isinstance(event, ev.PreviewImageEvent):
            node = event.node_id or progress.node
            progress.preview = (event.image, event.content_type)
            if node is not None:
                tracked.ws_images.setdefault(node, []).append((event.image, event.content_type))
        elif isinstance(event, _OUTCOMES):
            tracked.outcome = event
        return []

    def _on_status(self, event: ev.StatusEvent) -> list[Effect]:
        """A shrink of the queue that no received outcome explains: someone else deleted a
        prompt (maybe ours), or the server lost one; check the queue. Growth (a prompt queued
        by anyone) between an outcome and its shrink does not use the explanation up."""
        previous, self._queue_remaining = self._queue_remaining, event.queue_remaining
        if previous is None or event.queue_remaining is None:
            self._explained = 0
            return []
        shrink = previous - event.queue_remaining
        if shrink <= 0:
            return []
        explained = min(shrink, self._explained)
        self._explained -= explained
        if shrink > explained:
            return self.reconcile_needed("queue shrank unexplained")
        return []

    # -- HTTP snapshots ------------------------------------------------------------------------

    def queue_requested(self) -> int:
        """Call right before sending ``GET /queue``; pass the token to :meth:`feed_queue`."""
        self._queue_asked = True
        self._clock += 1
        return self._clock

    def queue_failed(self, error: ComfyError | None = None) -> list[Effect]:
        """The ``GET /queue`` a :class:`Reconcile` asked for was given up: the client closes
        (no ``error``), or the server answered it unreadably (what :meth:`queue_patience` calls
        final): each unfinished prompt's history is asked instead, and one blind for
        QUEUE_ATTEMPTS such answers in a row that the socket does not follow fails with ``error``."""
        self._queue_asked = False
        if error is None:
            self._queue_again = False
            return []
        effects: list[Effect] = []
        for tracked in self.unfinished():
            tracked.blind += 1
            followed = self._follow_by_socket and self._connected
            followed = followed and tracked.prompt_id not in self._orphans
            if followed or tracked.blind < self.QUEUE_ATTEMPTS or tracked.fetching:
                effects += self._fetch(tracked)
            else:
                tracked.status = PromptStatus.FAILED
                effects.append(self._retire(tracked, Finish(tracked.prompt_id, error=error)))
        return self._queue_done(effects)

    def feed_queue(self, body: object, token: int | None = None) -> list[Effect]:
        """A ``GET /queue`` snapshot: prompts absent from it have finished or were lost.

        Only prompts acknowledged before the snapshot was requested (``token`` from
        :meth:`queue_requested`) are judged: a snapshot taken while a ``POST /prompt`` was
        still on its way cannot show that prompt, which is not lost for all that. A body
        that cannot be read in full (``parse_queue``'s strict reading) judges nothing.
        """
        self._queue_asked = False
        self.liveness.hear()
        return self._queue_done(self._judge_queue(body, token))

    def _queue_done(self, effects: list[Effect]) -> list[Effect]:
        if self._queue_again:
            self._queue_again = False
            effects += self.reconcile_needed("asked again while /queue was read")
        return effects

    def _judge_queue(self, body: object, token: int | None) -> list[Effect]:
        state = parse_queue(body, strict=True)
        if state is None:
            logger.debug("unreadable /queue body: %.200r", body)
            return []
        running = {entry.prompt_id for entry in state.running}
        pending = {entry.prompt_id for entry in state.pending}
        effects: list[Effect] = []
        for tracked in self.unfinished():
            tracked.blind = 0
            if token is not None and tracked.acknowledged_at >= token:
                continue  # acknowledged after the snapshot was requested
            if tracked.prompt_id in running:
                tracked.status = PromptStatus.RUNNING
            elif tracked.prompt_id in pending:
                tracked.status = PromptStatus.QUEUED
            else:
                tracked.ended = True  # the server writes history before dequeuing
                effects += self._conclude(tracked)
        return effects

    def feed_history(self, prompt_id: str, body: object) -> list[Effect]:
        """A ``GET /history/{id}`` body for a prompt the core asked about."""
        self.liveness.hear()
        tracked = self._prompts.get(prompt_id)
        if tracked is None or tracked.finished:
            return []
        tracked.fetching = False
        if not history_readable(prompt_id, body):
            logger.debug("unreadable /history body for %s: %.200r", prompt_id, body)
            return []
        assert isinstance(body, Mapping)
        entry = body.get(prompt_id)
        if isinstance(entry, Mapping):
            return [self._finish_from(tracked, entry)]
        if not tracked.ended:
            return []  # still queued or running
        if tracked.cancel_requested:
            tracked.status = PromptStatus.CANCELLED
            return [self._retire(tracked, Finish(prompt_id, cancelled=True))]
        if self._reported_whole(tracked):  # history deleted meanwhile: the socket's report
            return [self._finish_from(tracked, self._entry_from_socket(tracked), from_socket=True)]
        tracked.status = PromptStatus.LOST
        return [self._retire(tracked, Finish(prompt_id, error=PromptLostError(prompt_id)))]

    def history_failed(self, prompt_id: str, error: ComfyError) -> list[Effect]:
        """The server kept answering ``GET /history/{id}`` with an error status: finish from
        the socket's report if it is complete, else end the prompt with ``error``."""
        tracked = self._prompts.get(prompt_id)
        if tracked is None or tracked.finished:
            return []
        tracked.fetching = False
        if self._reported_whole(tracked):
            return [self._finish_from(tracked, self._entry_from_socket(tracked), from_socket=True)]
        tracked.status = PromptStatus.FAILED
        return [self._retire(tracked, Finish(prompt_id, error=error))]

    def _conclude(self, tracked: TrackedPrompt) -> list[Effect]:
        """The run is over (``executing null``): finish from the socket's report when that is
        allowed and complete, else ask ``/history``."""
        if not self._fetch_history and self._reported_whole(tracked):
            return [self._finish_from(tracked, self._entry_from_socket(tracked), from_socket=True)]
        return self._fetch(tracked)

    @staticmethod
    def _reported_whole(tracked: TrackedPrompt) -> bool:
        """Whether the current socket reported the run from its start to its outcome."""
        return tracked.witnessed and tracked.outcome is not None

    def _fetch(self, tracked: TrackedPrompt) -> list[Effect]:
        if tracked.fetching:
            return []
        tracked.fetching = True
        return [FetchHistory(tracked.prompt_id)]

    def _finish_from(
        self, tracked: TrackedPrompt, entry: Mapping[str, Any], from_socket: bool = False
    ) -> Finish:
        pid = tracked.prompt_id
        try:
            result = result_from_history(pid, entry, tracked.ws_images, tracked.node_errors)
        except ExecutionInterrupted as exc:
            tracked.status = PromptStatus.INTERRUPTED
            return self._retire(tracked, Finish(pid, error=exc))
        except ExecutionError as exc:
            tracked.status = PromptStatus.FAILED
            return self._retire(tracked, Finish(pid, error=exc))
        except ComfyError as exc:  # pragma: no cover - defensive
            tracked.status = PromptStatus.FAILED
            return self._retire(tracked, Finish(pid, error=exc))
        if not result.cached_nodes:
            result.cached_nodes = list(tracked.progress.cached_nodes)
        if from_socket:
            result.history = None  # no server history entry was read
        tracked.status = PromptStatus.COMPLETED
        return self._retire(tracked, Finish(pid, result=result))

    def _retire(self, tracked: TrackedPrompt, finish: Finish) -> Finish:
        """``tracked`` has its outcome: stop following it and drop what only served that.

        Its record (status, progress) stays readable through :meth:`get` while someone holds
        it; the workflow, collected outputs and WebSocket images (now in the result) go.
        """
        pid = tracked.prompt_id
        self._prompts.pop(pid, None)
        self._waiting.pop(pid, None)
        self._orphans.discard(pid)
        self._finished[pid] = tracked
        tracked.prompt = None
        tracked.outputs = {}
        tracked.ws_images = {}
        tracked.outcome = None
        tracked.fetching = False
        return finish

    @staticmethod
    def _entry_from_socket(tracked: TrackedPrompt) -> dict[str, Any]:
        outcome = tracked.outcome
        assert outcome is not None
        raw = dict(outcome.raw or {})
        status = "success" if isinstance(outcome, ev.ExecutionSuccessEvent) else "error"
        return {
            "outputs": tracked.outputs,
            "status": {
                "status_str": status,
                "completed": status == "success",
                "messages": [[outcome.type, raw]],
            },
        }


# -- reading snapshots ------------------------------------------------------------------------


def history_readable(prompt_id: str, body: object) -> bool:
    """Whether a ``GET /history/{prompt_id}`` body says something: ``{}`` (not there) or
    ``{prompt_id: {...}}``. Anything else is no evidence that the prompt is gone."""
    return not history_body_problem(prompt_id, body)


def _size(frame: object) -> int:
    return len(frame) if isinstance(frame, str | bytes | bytearray | memoryview) else 0


def _says_node_null(event: ev.ExecutingEvent) -> bool:
    """Only an explicit ``"node": null`` ends a prompt (a missing field is no ending)."""
    return isinstance(event.raw, Mapping) and "node" in event.raw and event.raw["node"] is None
