"""The I/O-free core of a pool of ComfyUI servers: routing, health and failover decisions.

Like :class:`~comfy_api_client.core.tracker_core.TrackerCore` for one client, :class:`PoolCore` never
touches a socket and is the only owner of the pool's state. The two pool shells
(``_async/pool.py`` and its generated sync twin) tell it what happened (a probe answered, a
prompt ended, a post failed) and carry out the effects it returns (``core/pool_effects.py``).
It is not thread-safe: the shells call it under one lock. The records and views live in
``core/pool_records.py``.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import (
    ClientClosedError,
    ComfyError,
    InvalidArgumentError,
    NoEligibleServerError,
    NoServerAvailableError,
    PromptCancelledError,
    PromptLostError,
    PromptUnconfirmedError,
)
from ..events import Event
from .address import ServerAddress, without_credentials
from .pool_effects import (
    AskAgain,
    CleanUp,
    Deliver,
    Emit,
    Fail,
    Follow,
    GiveUp,
    Move,
    Poll,
    PoolEffect,
    Post,
    Probe,
)
from .pool_events import (
    PoolCallback,
    PoolEvent,
    PromptMovedEvent,
    ServerEvent,
    ServerHealth,
    ServerStateEvent,
    ServerStatus,
)
from .pool_records import PoolPromptRecord, PoolPromptView, PoolResult, ServerRecord, with_server
from .routing import Capabilities, Requirements, least_loaded, server_load
from .timing import PROBE_DELAYS, REATTACH_DELAYS
from .tracking import ResultFuture, redacted_url

__all__ = [  # the names the pool's modules and users import from here
    "PROBE_DELAYS",
    "REATTACH_DELAYS",
    "AskAgain",
    "CleanUp",
    "Deliver",
    "Emit",
    "Fail",
    "Follow",
    "GiveUp",
    "Move",
    "Poll",
    "PoolCallback",
    "PoolCore",
    "PoolEffect",
    "PoolEvent",
    "PoolOptions",
    "PoolPromptView",
    "PoolResult",
    "Post",
    "Probe",
    "PromptMovedEvent",
    "ServerEvent",
    "ServerHealth",
    "ServerStateEvent",
    "ServerStatus",
    "Submission",
    "call_safely",
    "complete",
    "describe",
    "server_name",
    "with_server",
]

logger = logging.getLogger("comfy_api_client")


class PoolCore:
    """Every decision of a pool, and all its state: where a prompt goes, when a server is out
    and back, when a prompt moves and when it has moved often enough. Prompts are named by
    their id; inputs return the effects the shell carries out."""

    def __init__(
        self,
        names: Sequence[str],
        weights: Mapping[str, float] | None = None,
        *,
        max_attempts: int = 3,
        failover_after: float = 10.0,
        probe_interval: float = 1.0,
        probe_delays: Sequence[float] = PROBE_DELAYS,
    ) -> None:
        if not names:
            raise InvalidArgumentError("servers", list(names), "a pool needs at least one server")
        if len(set(names)) != len(names):
            raise InvalidArgumentError("servers", list(names), "a server is listed twice")
        if max_attempts < 1:
            raise InvalidArgumentError("max_attempts", max_attempts, "must be at least 1")
        weights = dict(weights or {})
        self.check_names(weights, names, "weights")
        for name, weight in weights.items():
            if not weight > 0:
                raise InvalidArgumentError("weights", {name: weight}, "weights must be > 0")
        self.names = list(names)
        self.servers = {n: ServerRecord(n, float(weights.get(n, 1.0))) for n in names}
        self.max_attempts = max_attempts
        self.failover_after = failover_after
        self.probe_interval = probe_interval
        self._probe_delays = tuple(probe_delays)
        self._prompts: dict[str, PoolPromptRecord] = {}
        self._tokens = itertools.count(1)
        self._turn = 0
        self.closed = False

    @staticmethod
    def check_names(names: Iterable[str], known: Iterable[str], argument: str) -> None:
        """Refuse server names the pool does not have (in include/exclude/weights)."""
        have = set(known)
        unknown = [n for n in names if n not in have]
        if unknown:
            raise InvalidArgumentError(
                argument, unknown, f"not a server of this pool {sorted(have)}"
            )

    # -- queries -------------------------------------------------------------------------------

    def view(self, prompt_id: str, waiter: Any = None) -> PoolPromptView | None:
        """A snapshot of an unfinished prompt (None: the pool does not follow it, or, with
        ``waiter``, follows another prompt of that id)."""
        record = self._prompts.get(prompt_id)
        if record is None or (waiter is not None and record.waiter is not waiter):
            return None
        return record.view()

    def waiter(self, prompt_id: str) -> Any:
        """The shell's handle of an unfinished, posted prompt (None: none)."""
        record = self._prompts.get(prompt_id)
        return record.waiter if record is not None else None

    def payload(self, prompt_id: str) -> Any:
        """What the shell posts for ``prompt_id`` (see :meth:`prepared`)."""
        return self._prompts[prompt_id].payload

    def current(self, prompt_id: str, token: int) -> bool:
        """Whether placement ``token`` of ``prompt_id`` is still the one that counts."""
        record = self._prompts.get(prompt_id)
        return record is not None and record.token == token and not record.done

    def in_scope(self, prompt_id: str) -> list[str]:
        """The servers a prompt may go to (its include/exclude), in the pool's order."""
        return self._scope(self._prompts[prompt_id])

    def up_in_scope(self, prompt_id: str) -> list[str]:
        """The servers in scope that are up."""
        return [n for n in self.in_scope(prompt_id) if self.servers[n].state is ServerHealth.UP]

    def unknown_capabilities(self, prompt_id: str) -> list[str]:
        """Servers in scope that answer but whose node definitions were not read yet."""
        return [n for n in self.up_in_scope(prompt_id) if self.servers[n].capabilities is None]

    def status(self, name: str, connected: bool, queue_remaining: int | None) -> ServerStatus:
        server = self.servers[name]
        return ServerStatus(
            name,
            server.state,
            connected,
            queue_remaining,
            len(server.in_flight),
            server.weight,
            server.error,
        )

    # -- prompts -------------------------------------------------------------------------------

    def new_prompt(
        self,
        prompt_id: str,
        include: Iterable[str] | None,
        exclude: Iterable[str] | None,
        on_event: PoolCallback | None = None,
    ) -> PoolPromptView:
        """Start following a prompt of the pool (refusing unknown server names)."""
        if include is not None:
            include = list(include)
            self.check_names(include, self.names, "include")
        exclude = list(exclude or ())
        self.check_names(exclude, self.names, "exclude")
        active = self._prompts.get(prompt_id)
        if active is not None and not active.done:
            raise InvalidArgumentError(
                "prompt_id", prompt_id, f"the pool already has this prompt on {active.server}"
            )
        record = PoolPromptRecord(
            prompt_id,
            frozenset(include) if include is not None else None,
            frozenset(exclude),
            on_event=on_event,
        )
        self._prompts[prompt_id] = record
        return record.view()

    def prepared(self, prompt_id: str, payload: Any, waiter: Any) -> None:
        """The prompt is ready to post (``payload``); ``waiter`` is the shell's handle that
        the effects name when it ends or moves."""
        record = self._prompts[prompt_id]
        record.payload = payload
        record.waiter = waiter

    def learn(self, name: str, object_info: Mapping[str, Any]) -> None:
        """A server's ``/object_info`` (read or refreshed)."""
        self.servers[name].capabilities = Capabilities(object_info)

    def place(
        self,
        prompt_id: str,
        needs: Requirements,
        reported: Mapping[str, int | None],
        assign: bool = True,
    ) -> tuple[str, int]:
        """Choose the server for the prompt and (``assign``) count it there at once, so
        concurrent placements spread; returns the server and the placement's token.

        Eligible: in scope, up, with every node class and file ``needs`` names. Among them
        the least loaded for its weight (``reported``: each server's own ``queue_remaining``),
        preferring servers the prompt was not sent to before. Raises
        ``NoEligibleServerError`` (``NoServerAvailableError`` when the capable ones are down)
        with each server's reason."""
        record = self._prompts[prompt_id]
        reasons: dict[str, list[str]] = {}
        capable: list[str] = []
        eligible: list[str] = []
        for name in self.names:
            server = self.servers[name]
            if record.include is not None and name not in record.include:
                reasons[name] = ["not in include"]
                continue
            if name in record.exclude:
                reasons[name] = ["excluded"]
                continue
            if server.capabilities is None:
                reasons[name] = [self._down_reason(server)]
                continue
            lacks = server.capabilities.missing(needs)
            if lacks:
                reasons[name] = lacks
                continue
            capable.append(name)
            if server.state is ServerHealth.UP:
                eligible.append(name)
            else:
                reasons[name] = [self._down_reason(server)]
        if not eligible:
            if self._worth_waiting(record, capable):
                raise NoServerAvailableError(reasons, f"prompt {record.prompt_id}")
            raise NoEligibleServerError(reasons, f"prompt {record.prompt_id}")
        fresh = [n for n in eligible if n not in record.attempts] or eligible
        loads = {n: server_load(reported.get(n), len(self.servers[n].in_flight)) for n in fresh}
        weights = {n: self.servers[n].weight for n in fresh}
        name = least_loaded(fresh, loads, weights, self._turn)
        self._turn += 1
        return name, self._assign(record, name) if assign else record.token

    def _assign(self, record: PoolPromptRecord, name: str) -> int:
        """The prompt is (or is found to be) on ``name`` from now on; its new token."""
        self._release(record)
        record.attempts.append(name)
        return self._follow(record, name)

    def reattach(
        self,
        prompt_id: str,
        found: Mapping[str, str | None],
        failed: Mapping[str, str],
        rounds: int,
    ) -> Follow | AskAgain | GiveUp | None:
        """May the prompt be posted (None), after its servers in scope (up or down) were
        asked whether they hold it? ``found``: the answers (None: not there), ``failed``:
        why the others could not answer, after ``rounds`` earlier rounds. Posted only when
        every server answered that it does not have it."""
        for name in self.in_scope(prompt_id):
            where = found.get(name)
            if where is not None:
                return Follow(name, where)
        if not failed:
            return None
        if rounds < len(REATTACH_DELAYS):
            return AskAgain(sorted(failed), REATTACH_DELAYS[rounds])
        reasons = {name: [why] for name, why in failed.items()}
        return GiveUp(PromptUnconfirmedError(prompt_id, reasons))

    def reattached(self, prompt_id: str, found: Follow) -> list[PoolEffect]:
        """A reattach found the prompt (see :meth:`reattach`): follow it there."""
        record = self._prompts[prompt_id]
        token = self._assign(record, found.server)
        logger.info("pool: reattached to %s on %s (%s)", prompt_id, found.server, found.where)
        return [Poll(prompt_id, record.waiter, found.server, token)]

    def unplace(self, prompt_id: str, name: str, sent: bool) -> bool:
        """Posting to ``name`` failed; ``sent``: the request may have reached it (then it
        counts as an attempt, and ``name`` is asked to drop the prompt when it answers).
        Returns whether the prompt has attempts left."""
        record = self._prompts[prompt_id]
        self.servers[name].in_flight.discard(record.prompt_id)
        if record.attempts and record.attempts[-1] == name and not sent:
            record.attempts.pop()
        if sent:
            self.servers[name].moved_away.add(record.prompt_id)
        record.server = None
        return self._attempts_left(record)

    def settle(
        self, prompt_id: str, token: int, result: Any, error: BaseException | None
    ) -> list[PoolEffect]:
        """Placement ``token`` of the prompt ended (``error`` None: with ``result``)."""
        record = self._prompts.get(prompt_id)
        if record is None or record.done or token != record.token or record.moving:
            return []
        if error is None:
            record.done = True
            self._forget(record)
            return [Deliver(record.waiter, result, record.server or "", record.view())]
        if record.cancelled and isinstance(error, PromptLostError):
            # removed from the queue, as asked
            return self._fail(record, PromptCancelledError(record.prompt_id))
        if (
            isinstance(error, PromptLostError)
            and not record.cancelled
            and not self.closed
            and record.server is not None
        ):
            move = self._lost(record, record.server, True, str(error))
            return [move] if move is not None else self._fail(record, error)
        return self._fail(record, error)

    def located(
        self, prompt_id: str, old: str, reason: str, found: str | None, asked: bool
    ) -> list[PoolEffect]:
        """A moving prompt's old server was asked (``asked``) whether it has it: ``found``
        (queued or finished) or not (None). Still there: follow it there (not a new
        attempt). Else it leaves ``old`` (which, if it could not be asked, must drop the
        prompt when it answers again) and is posted again, unless it was cancelled."""
        record = self._prompts.get(prompt_id)
        if record is None:
            return []
        if found is not None:
            logger.info("pool: %s still has prompt %s (%s)", old, prompt_id, found)
            return [Poll(prompt_id, record.waiter, old, self._follow(record, old))]
        if not asked:
            self.servers[old].moved_away.add(record.prompt_id)
        if record.cancelled:
            return self._fail(record, PromptCancelledError(record.prompt_id))
        return [Post(prompt_id, record.waiter, old, reason)]

    def moved_to(self, prompt_id: str, old: str, reason: str) -> list[PoolEffect]:
        """The prompt lost to ``old`` was posted again: tell the pool and the prompt."""
        record = self._prompts.get(prompt_id)
        if record is None:
            return []
        event = PromptMovedEvent(prompt_id, old, record.server or "", len(record.attempts), reason)
        logger.warning("pool: %s moved from %s to %s (%s)", prompt_id, old, event.to_server, reason)
        return [Emit(event, record.on_event)]

    def saw(self, prompt_id: str, server: str, event: Event) -> None:
        """A message of the prompt's run on ``server`` (noting a run that ended well)."""
        record = self._prompts.get(prompt_id)
        if record is not None and event.type == "execution_success" and record.server == server:
            record.ran_on = server

    def cancel(self, prompt_id: str) -> str | None:
        """The user cancels: the prompt never moves again. Returns the server to ask to
        cancel it (None: none, or the pool does not follow it)."""
        record = self._prompts.get(prompt_id)
        if record is None:
            return None
        record.cancelled = True
        return record.server

    def fail(self, prompt_id: str, error: BaseException) -> list[PoolEffect]:
        """End the prompt with ``error`` (an error of the shell's own work)."""
        record = self._prompts.get(prompt_id)
        return self._fail(record, error) if record is not None and not record.done else []

    def close(self) -> list[PoolEffect]:
        """The pool closes: nothing moves any more; the prompts still waiting fail."""
        self.closed = True
        waiting = list(self._prompts.values())
        self._prompts.clear()
        effects: list[PoolEffect] = []
        for record in waiting:
            record.done = True
            error = ClientClosedError("the pool was closed before the prompt finished")
            effects.append(Fail(record.waiter, error, record.view()))
        return effects

    def _scope(self, record: PoolPromptRecord) -> list[str]:
        return [
            n
            for n in self.names
            if (record.include is None or n in record.include) and n not in record.exclude
        ]

    def _worth_waiting(self, record: PoolPromptRecord, capable: list[str]) -> bool:
        """Whether a prompt no server can take now may find one later: a capable server is
        down, or one not read yet is up; or every server is down unread. Servers that were
        read and lack what it needs, the others down unread, are a refusal: a workflow no
        server can run (``NoEligibleServerError``), not an outage."""
        if capable:
            return True
        unread = [n for n in self._scope(record) if self.servers[n].capabilities is None]
        if any(self.servers[n].state is not ServerHealth.DOWN for n in unread):
            return True
        return bool(unread) and len(unread) == len(self._scope(record))

    def _down_reason(self, server: ServerRecord) -> str:
        if server.state is ServerHealth.RECOVERING:
            return "recovering (removing prompts that moved away while it was down)"
        if server.state is ServerHealth.DOWN:
            return f"down ({server.error})" if server.error else "down"
        return "node definitions not read yet"

    def _follow(self, record: PoolPromptRecord, name: str) -> int:
        record.server = name
        record.token = next(self._tokens)
        record.moving = False
        self.servers[name].in_flight.add(record.prompt_id)
        return record.token

    def _attempts_left(self, record: PoolPromptRecord) -> bool:
        return len(record.attempts) < self.max_attempts

    def _release(self, record: PoolPromptRecord) -> None:
        if record.server is not None:
            self.servers[record.server].in_flight.discard(record.prompt_id)

    def _forget(self, record: PoolPromptRecord) -> None:
        self._release(record)
        if self._prompts.get(record.prompt_id) is record:
            del self._prompts[record.prompt_id]

    def _lost(self, record: PoolPromptRecord, old: str, ask_old: bool, reason: str) -> Move | None:
        """The prompt was lost to ``old``: a move, or None when it has had its attempts."""
        if not self._attempts_left(record):
            return None
        record.moving = True
        return Move(record.prompt_id, record.waiter, old, ask_old, reason)

    def _fail(self, record: PoolPromptRecord, error: BaseException) -> list[PoolEffect]:
        record.done = True
        self._forget(record)
        if isinstance(error, PromptLostError) and len(record.attempts) >= self.max_attempts > 1:
            error.add_note(
                f"the pool tried {len(record.attempts)} times (max_attempts="
                f"{self.max_attempts}): {', '.join(record.attempts)}"
            )
        return [Fail(record.waiter, error, record.view())]

    # -- health --------------------------------------------------------------------------------

    def tick(self, now: float, connected: Mapping[str, bool]) -> list[PoolEffect]:
        """What to do now: probe servers (down ones when their backoff is over, up ones
        whose socket is not connected); move prompts off servers down for longer than
        ``failover_after``, or fail those that have had their attempts."""
        if self.closed:
            return []
        effects: list[PoolEffect] = []
        for server in self.servers.values():
            if server.probing or server.state is ServerHealth.RECOVERING:
                continue
            suspect = server.state is ServerHealth.UP and not connected.get(server.name, False)
            if (server.state is ServerHealth.DOWN or suspect) and now >= server.next_probe:
                server.probing = True
                effects.append(Probe(server.name))
        for record in list(self._prompts.values()):
            found = self.servers.get(record.server or "")
            if (
                found is None
                or found.state is not ServerHealth.DOWN
                or found.down_since is None
                or now - found.down_since < self.failover_after
                or record.done
                or record.moving
            ):
                continue
            if not self._attempts_left(record):
                error = PromptLostError(record.prompt_id)
                error.add_note(f"{found.name} has been unreachable since it was sent there")
                effects += self._fail(record, error)
                continue
            if record.cancelled:
                continue
            reason = f"{found.name} is down ({found.error})"
            if record.ran_on == found.name:
                reason += (
                    "; the prompt had finished there, but its outputs cannot be read: it runs again"
                )
                logger.warning("pool: prompt %s: %s", record.prompt_id, reason)
            move = self._lost(record, found.name, False, reason)
            if move is not None:
                effects.append(move)
        return effects

    def went_down(self, name: str, reason: str, now: float) -> list[PoolEffect]:
        """``name`` failed (a probe, or a post that could not connect)."""
        server = self.servers[name]
        server.error = reason
        if server.state is ServerHealth.DOWN:
            return []
        server.state = ServerHealth.DOWN
        server.down_since = now
        server.probe_attempt = 0
        server.next_probe = now + self._probe_delays[0]
        logger.warning("pool: %s is down (%s)", name, reason)
        return [Emit(ServerStateEvent(name, ServerHealth.DOWN, reason))]

    def probed(self, name: str, ok: bool, reason: str | None, now: float) -> list[PoolEffect]:
        """A probe of ``name`` answered (``ok``) or failed: the state change, if any, and the
        prompts to remove from it before it takes new ones."""
        server = self.servers[name]
        server.probing = False
        if not ok:
            if server.state is not ServerHealth.DOWN:
                return self.went_down(name, reason or "unreachable", now)
            server.error = reason or server.error
            server.probe_attempt += 1
            delays = self._probe_delays
            server.next_probe = now + delays[min(server.probe_attempt, len(delays) - 1)]
            return []
        if server.state is ServerHealth.UP:
            server.next_probe = now + self.probe_interval
            return []
        if server.moved_away:
            server.state = ServerHealth.RECOVERING
            logger.info("pool: %s answers again; removing prompts that moved away", name)
            return [
                Emit(ServerStateEvent(name, ServerHealth.RECOVERING, "answers again")),
                CleanUp(name, sorted(server.moved_away)),
            ]
        return self._up(server)

    def recovered(self, name: str, cleaned: Iterable[str]) -> list[PoolEffect]:
        """The prompts that moved away were removed from ``name`` (or found finished)."""
        server = self.servers[name]
        server.moved_away.difference_update(cleaned)
        if server.state is ServerHealth.RECOVERING:
            if server.moved_away:  # some could not be checked: try again at the next probe
                server.state = ServerHealth.DOWN
                return []
            return self._up(server)
        return []

    def _up(self, server: ServerRecord) -> list[PoolEffect]:
        server.state = ServerHealth.UP
        server.down_since = None
        server.error = None
        server.probe_attempt = 0
        logger.info("pool: %s is up", server.name)
        return [Emit(ServerStateEvent(server.name, ServerHealth.UP, "answers"))]


def describe(error: BaseException) -> str:
    """A short reason for logs and events."""
    if isinstance(error, ComfyError):
        return str(error).splitlines()[0]
    return f"{type(error).__name__}: {error}"


# -- what both shells share ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PoolOptions:
    """How a pool behaves (``create_pool`` keywords besides the clients' options)."""

    #: Posts of one prompt (the first included) under its id, at most.
    max_attempts: int = 3
    #: Seconds a server must stay unreachable before its prompts move elsewhere.
    failover_after: float = 10.0
    #: Seconds between checks of a server whose socket is down but that still answers.
    probe_interval: float = 1.0
    #: HTTP timeout of a probe (seconds).
    probe_timeout: float = 5.0
    #: Seconds between looks at a prompt followed by polling (one found on a server).
    poll_interval: float = 0.5
    #: Seconds between two rounds of the health monitor.
    monitor_interval: float = 0.2


@dataclass(frozen=True, slots=True)
class Submission:
    """What the pool posts, every time it posts one prompt."""

    workflow: dict[str, Any]
    needs: Requirements
    extra_data: Mapping[str, Any] | None
    targets: list[str] | None
    front: bool
    validate: bool | None


def server_name(address: str | ServerAddress) -> str:
    """The name a server goes by in a pool: its address as given (without credentials)."""
    if isinstance(address, ServerAddress):
        return redacted_url(address.base_url)
    return without_credentials(address)


def complete(future: ResultFuture, result: Any, error: BaseException | None) -> None:
    """Complete a pool prompt's future with its result or error (once)."""
    if future.done():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


def call_safely(callback: PoolCallback, event: PoolEvent) -> None:
    """Call a user's ``on_event`` callback; what it raises is logged, never propagated."""
    try:
        callback(event)
    except Exception:
        logger.exception("pool on_event callback failed")
