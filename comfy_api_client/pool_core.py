"""The I/O-free core of a pool of ComfyUI servers: routing, health and failover decisions.

Like :class:`~comfy_api_client.protocol.TrackerCore` for one client, :class:`PoolCore` never
touches a socket. The two pool shells (``_async/pool.py`` and its generated sync twin) tell
it what happened (a probe answered, a prompt ended, a post failed) and carry out what it
decides (probe this server, move that prompt, clean up a server that came back). It is not
thread-safe: the shells call it under one lock.
"""

from __future__ import annotations

import dataclasses
import enum
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .address import ServerAddress, without_credentials
from .core.timing import PROBE_DELAYS, REATTACH_DELAYS
from .errors import (
    ClientClosedError,
    ComfyError,
    InvalidArgumentError,
    NoEligibleServerError,
    NoServerAvailableError,
    PromptCancelledError,
    PromptLostError,
    PromptUnconfirmedError,
)
from .events import Event
from .results import PromptResult
from .routing import Capabilities, Requirements, least_loaded, server_load
from .tracking import ResultFuture, redacted_url

logger = logging.getLogger("comfy_api_client")


class ServerHealth(enum.StrEnum):
    """Where a server of a pool stands."""

    UP = "up"
    #: Its socket and HTTP both failed: no new prompt goes there; probed with backoff.
    DOWN = "down"
    #: It answers again; prompts moved away while it was unreachable are being removed from
    #: it before it takes new ones.
    RECOVERING = "recovering"


@dataclass(frozen=True, slots=True)
class ServerStatus:
    """One server of a pool as the pool sees it now (``pool.servers``)."""

    name: str
    state: ServerHealth
    #: Whether the client's WebSocket to it is connected.
    connected: bool
    #: What the server last reported queued and running (None when unknown).
    queue_remaining: int | None
    #: Prompts of this pool on it that have not finished.
    in_flight: int
    weight: float
    #: Why it is down (the last failure), else None.
    error: str | None = None


# -- events ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ServerEvent:
    """A message from one server of a pool (``event`` is the client's typed event)."""

    server: str
    event: Event


@dataclass(frozen=True, slots=True)
class ServerStateEvent:
    """A server of a pool went down, is being recovered, or is up again."""

    server: str
    state: ServerHealth
    reason: str


@dataclass(frozen=True, slots=True)
class PromptMovedEvent:
    """A prompt lost to ``from_server`` was resubmitted to ``to_server`` (same prompt id)."""

    prompt_id: str
    from_server: str
    to_server: str
    attempt: int
    reason: str


PoolEvent = ServerEvent | ServerStateEvent | PromptMovedEvent
PoolCallback = Callable[[PoolEvent], None]


@dataclass(slots=True)
class PoolResult(PromptResult):
    """A ``PromptResult`` that also names the server that ran the prompt."""

    server: str = ""


def with_server(result: PromptResult, server: str) -> PoolResult:
    """``result`` as a :class:`PoolResult` naming ``server``."""
    values = {f.name: getattr(result, f.name) for f in dataclasses.fields(result)}
    return PoolResult(**values, server=server)


# -- records ---------------------------------------------------------------------------------


@dataclass(slots=True)
class ServerRecord:
    """The pool's bookkeeping of one server."""

    name: str
    weight: float
    state: ServerHealth = ServerHealth.UP
    capabilities: Capabilities | None = None
    in_flight: set[str] = field(default_factory=set)
    #: Prompts moved away while it could not be asked: removed from it when it answers again.
    moved_away: set[str] = field(default_factory=set)
    down_since: float | None = None
    probe_attempt: int = 0
    next_probe: float = 0.0
    probing: bool = False
    error: str | None = None


@dataclass(slots=True, eq=False)
class PoolPromptRecord:
    """One prompt of the pool, across the servers it was sent to."""

    prompt_id: str
    include: frozenset[str] | None
    exclude: frozenset[str]
    #: What the shell needs to post it again (the workflow and its options).
    payload: Any = None
    on_event: PoolCallback | None = None
    server: str | None = None
    #: Servers it was posted to (or found on), in order.
    attempts: list[str] = field(default_factory=list)
    #: Changes with every placement: outcomes of an earlier placement are ignored.
    token: int = 0
    cancelled: bool = False
    done: bool = False
    moving: bool = False
    #: The server whose socket reported the run ended with success (outputs not read yet).
    ran_on: str | None = None


# -- decisions -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Deliver:
    """The prompt finished on its server: complete its future with the result."""


@dataclass(frozen=True, slots=True)
class Fail:
    """End the prompt with ``error``."""

    error: BaseException


@dataclass(frozen=True, slots=True)
class Ignore:
    """An outcome of an earlier placement (or of a finished prompt): nothing to do."""


@dataclass(frozen=True, slots=True)
class Move:
    """Resubmit the prompt elsewhere, asking ``old`` first whether it has it (``ask_old``)."""

    record: PoolPromptRecord
    old: str
    ask_old: bool
    reason: str


Decision = Deliver | Fail | Ignore | Move


@dataclass(frozen=True, slots=True)
class Follow:
    """A reattach found the prompt on ``server`` (``where``: queued or finished): follow it."""

    server: str
    where: str


@dataclass(frozen=True, slots=True)
class AskAgain:
    """A reattach: ask ``servers`` again (they could not answer) after ``delay`` seconds."""

    servers: list[str]
    delay: float


@dataclass(slots=True)
class Tick:
    """What the health monitor should do now."""

    probes: list[str] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)


class PoolCore:
    """Every decision of a pool: where a prompt goes, when a server is out and back, when a
    prompt moves and when it has moved often enough."""

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

    # -- prompts -------------------------------------------------------------------------------

    def new_prompt(
        self,
        prompt_id: str,
        include: Iterable[str] | None,
        exclude: Iterable[str] | None,
        payload: Any = None,
        on_event: PoolCallback | None = None,
    ) -> PoolPromptRecord:
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
            payload,
            on_event,
        )
        self._prompts[prompt_id] = record
        return record

    def in_scope(self, record: PoolPromptRecord) -> list[str]:
        """The servers a prompt may go to (its include/exclude), in the pool's order."""
        return [
            n
            for n in self.names
            if (record.include is None or n in record.include) and n not in record.exclude
        ]

    def unknown_capabilities(self, record: PoolPromptRecord) -> list[str]:
        """Servers in scope that answer but whose node definitions were not read yet."""
        return [
            n
            for n in self.in_scope(record)
            if self.servers[n].state is ServerHealth.UP and self.servers[n].capabilities is None
        ]

    def learn(self, name: str, object_info: Mapping[str, Any]) -> None:
        """A server's ``/object_info`` (read or refreshed)."""
        self.servers[name].capabilities = Capabilities(object_info)

    def place(
        self,
        record: PoolPromptRecord,
        needs: Requirements,
        reported: Mapping[str, int | None],
        assign: bool = True,
    ) -> tuple[str, int]:
        """Choose the server for ``record`` and (``assign``) count it there at once, so
        concurrent placements spread; returns the server and the placement's token.

        Eligible: in scope, up, with every node class and file ``needs`` names. Among them
        the least loaded for its weight (``reported``: each server's own ``queue_remaining``),
        preferring servers the prompt was not sent to before. Raises
        ``NoEligibleServerError`` (``NoServerAvailableError`` when the capable ones are down)
        with each server's reason."""
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
            if capable or any(self.servers[n].capabilities is None for n in self.in_scope(record)):
                raise NoServerAvailableError(reasons, f"prompt {record.prompt_id}")
            raise NoEligibleServerError(reasons, f"prompt {record.prompt_id}")
        fresh = [n for n in eligible if n not in record.attempts] or eligible
        loads = {n: server_load(reported.get(n), len(self.servers[n].in_flight)) for n in fresh}
        weights = {n: self.servers[n].weight for n in fresh}
        name = least_loaded(fresh, loads, weights, self._turn)
        self._turn += 1
        return name, self.assign(record, name) if assign else record.token

    def _down_reason(self, server: ServerRecord) -> str:
        if server.state is ServerHealth.RECOVERING:
            return "recovering (removing prompts that moved away while it was down)"
        if server.state is ServerHealth.DOWN:
            return f"down ({server.error})" if server.error else "down"
        return "node definitions not read yet"

    def assign(self, record: PoolPromptRecord, name: str) -> int:
        """``record`` is (or is found to be) on ``name`` from now on; its new token."""
        self._release(record)
        record.server = name
        record.attempts.append(name)
        record.token += 1
        record.moving = False
        self.servers[name].in_flight.add(record.prompt_id)
        return record.token

    def refollow(self, record: PoolPromptRecord, name: str) -> int:
        """``record``'s server still has it after all: follow it there (not a new attempt)."""
        record.server = name
        record.token += 1
        record.moving = False
        self.servers[name].in_flight.add(record.prompt_id)
        return record.token

    def reattach(
        self,
        record: PoolPromptRecord,
        found: Mapping[str, str | None],
        failed: Mapping[str, str],
        rounds: int,
    ) -> Follow | AskAgain | Fail | None:
        """May ``record`` be posted (None), after its servers in scope (up or down) were
        asked whether they hold it? ``found``: the answers (None: not there), ``failed``:
        why the others could not answer, after ``rounds`` earlier rounds. Posted only when
        every server answered that it does not have it."""
        for name in self.in_scope(record):
            where = found.get(name)
            if where is not None:
                return Follow(name, where)
        if not failed:
            return None
        if rounds < len(REATTACH_DELAYS):
            return AskAgain(sorted(failed), REATTACH_DELAYS[rounds])
        reasons = {name: [why] for name, why in failed.items()}
        return Fail(PromptUnconfirmedError(record.prompt_id, reasons))

    def unplace(self, record: PoolPromptRecord, name: str, sent: bool) -> None:
        """Posting to ``name`` failed; ``sent``: the request may have reached it (then it
        counts as an attempt, and ``name`` is asked to drop the prompt when it answers)."""
        self.servers[name].in_flight.discard(record.prompt_id)
        if record.attempts and record.attempts[-1] == name and not sent:
            record.attempts.pop()
        if sent:
            self.servers[name].moved_away.add(record.prompt_id)
        record.server = None

    def attempts_left(self, record: PoolPromptRecord) -> bool:
        return len(record.attempts) < self.max_attempts

    def _release(self, record: PoolPromptRecord) -> None:
        if record.server is not None:
            self.servers[record.server].in_flight.discard(record.prompt_id)

    def settle(self, record: PoolPromptRecord, token: int, error: BaseException | None) -> Decision:
        """The placement ``token`` of ``record`` ended (``error`` None: with a result)."""
        if record.done or token != record.token or record.moving:
            return Ignore()
        if error is None:
            return self.finish(record)
        if record.cancelled and isinstance(error, PromptLostError):
            # removed from the queue, as asked
            return self.fail(record, PromptCancelledError(record.prompt_id))
        if (
            isinstance(error, PromptLostError)
            and not record.cancelled
            and not self.closed
            and record.server is not None
        ):
            return self.lost(record, record.server, True, str(error)) or self.fail(record, error)
        return self.fail(record, error)

    def lost(self, record: PoolPromptRecord, old: str, ask_old: bool, reason: str) -> Move | None:
        """``record`` was lost to ``old``: a move, or None when it has had its attempts."""
        if not self.attempts_left(record):
            return None
        record.moving = True
        return Move(record, old, ask_old, reason)

    def finish(self, record: PoolPromptRecord) -> Deliver:
        record.done = True
        self._release(record)
        self._prompts.pop(record.prompt_id, None)
        return Deliver()

    def fail(self, record: PoolPromptRecord, error: BaseException) -> Fail:
        record.done = True
        self._release(record)
        self._prompts.pop(record.prompt_id, None)
        if isinstance(error, PromptLostError) and len(record.attempts) >= self.max_attempts > 1:
            error.add_note(
                f"the pool tried {len(record.attempts)} times (max_attempts="
                f"{self.max_attempts}): {', '.join(record.attempts)}"
            )
        return Fail(error)

    def moved(self, record: PoolPromptRecord, old: str, asked: bool) -> None:
        """``record`` leaves ``old``; if ``old`` could not be asked, it must drop the prompt
        when it answers again (it may still hold it)."""
        if not asked:
            self.servers[old].moved_away.add(record.prompt_id)

    def saw(self, record: PoolPromptRecord, server: str, event: Event) -> None:
        """A message of ``record``'s run on ``server`` (noting a run that ended well)."""
        if event.type == "execution_success" and record.server == server:
            record.ran_on = server

    def cancel(self, record: PoolPromptRecord) -> None:
        """The user cancels: the prompt never moves again."""
        record.cancelled = True

    def get(self, prompt_id: str) -> PoolPromptRecord | None:
        return self._prompts.get(prompt_id)

    def unfinished(self) -> list[PoolPromptRecord]:
        return list(self._prompts.values())

    def close(self) -> list[PoolPromptRecord]:
        """The pool closes: nothing moves any more; the prompts still waiting."""
        self.closed = True
        waiting = list(self._prompts.values())
        for record in waiting:
            record.done = True
        self._prompts.clear()
        return waiting

    @staticmethod
    def closed_error() -> ClientClosedError:
        return ClientClosedError("the pool was closed before the prompt finished")

    # -- health --------------------------------------------------------------------------------

    def tick(self, now: float, connected: Mapping[str, bool]) -> Tick:
        """What to do now: servers to probe (down ones when their backoff is over, up ones
        whose socket is not connected) and prompts to move off servers down for longer than
        ``failover_after``."""
        out = Tick()
        if self.closed:
            return out
        for server in self.servers.values():
            if server.probing or server.state is ServerHealth.RECOVERING:
                continue
            suspect = server.state is ServerHealth.UP and not connected.get(server.name, False)
            if (server.state is ServerHealth.DOWN or suspect) and now >= server.next_probe:
                server.probing = True
                out.probes.append(server.name)
        for record in self._prompts.values():
            found = self.servers.get(record.server or "")
            if (
                found is None
                or found.state is not ServerHealth.DOWN
                or found.down_since is None
                or now - found.down_since < self.failover_after
                or record.done
                or record.moving
                or record.cancelled
            ):
                continue
            reason = f"{found.name} is down ({found.error})"
            if record.ran_on == found.name:
                reason += (
                    "; the prompt had finished there, but its outputs cannot be read: it runs again"
                )
                logger.warning("pool: prompt %s: %s", record.prompt_id, reason)
            move = self.lost(record, found.name, False, reason)
            if move is not None:
                out.moves.append(move)
        return out

    def overdue_failures(self, now: float) -> list[tuple[PoolPromptRecord, BaseException]]:
        """Prompts on servers down past ``failover_after`` that have no attempt left."""
        failed: list[tuple[PoolPromptRecord, BaseException]] = []
        for record in list(self._prompts.values()):
            server = self.servers.get(record.server or "")
            if (
                server is not None
                and server.state is ServerHealth.DOWN
                and server.down_since is not None
                and now - server.down_since >= self.failover_after
                and not record.moving
                and not self.attempts_left(record)
            ):
                error = PromptLostError(record.prompt_id)
                error.add_note(f"{server.name} has been unreachable since it was sent there")
                failed.append((record, self.fail(record, error).error))
        return failed

    def went_down(self, name: str, reason: str, now: float) -> ServerStateEvent | None:
        """``name`` failed (a probe, or a post that could not connect)."""
        server = self.servers[name]
        server.error = reason
        if server.state is ServerHealth.DOWN:
            return None
        server.state = ServerHealth.DOWN
        server.down_since = now
        server.probe_attempt = 0
        server.next_probe = now + self._probe_delays[0]
        logger.warning("pool: %s is down (%s)", name, reason)
        return ServerStateEvent(name, ServerHealth.DOWN, reason)

    def probed(
        self, name: str, ok: bool, reason: str | None, now: float
    ) -> tuple[ServerStateEvent | None, list[str] | None]:
        """A probe of ``name`` answered (``ok``) or failed. Returns the state change, if
        any, and the prompts to remove from it before it takes new ones (None: none)."""
        server = self.servers[name]
        server.probing = False
        if not ok:
            if server.state is not ServerHealth.DOWN:
                return self.went_down(name, reason or "unreachable", now), None
            server.error = reason or server.error
            server.probe_attempt += 1
            delays = self._probe_delays
            server.next_probe = now + delays[min(server.probe_attempt, len(delays) - 1)]
            return None, None
        if server.state is ServerHealth.UP:
            server.next_probe = now + self.probe_interval
            return None, None
        if server.moved_away:
            server.state = ServerHealth.RECOVERING
            logger.info("pool: %s answers again; removing prompts that moved away", name)
            return ServerStateEvent(name, ServerHealth.RECOVERING, "answers again"), sorted(
                server.moved_away
            )
        return self._up(server), None

    def recovered(self, name: str, cleaned: Iterable[str]) -> ServerStateEvent | None:
        """The prompts that moved away were removed from ``name`` (or found finished)."""
        server = self.servers[name]
        server.moved_away.difference_update(cleaned)
        if server.state is ServerHealth.RECOVERING:
            if server.moved_away:  # some could not be checked: try again at the next probe
                server.state = ServerHealth.DOWN
                return None
            return self._up(server)
        return None

    def _up(self, server: ServerRecord) -> ServerStateEvent:
        server.state = ServerHealth.UP
        server.down_since = None
        server.error = None
        server.probe_attempt = 0
        logger.info("pool: %s is up", server.name)
        return ServerStateEvent(server.name, ServerHealth.UP, "answers")

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
