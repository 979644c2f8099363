"""What a pool tells its users: each server's health and status, and the pool's events."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from ..events import Event


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
