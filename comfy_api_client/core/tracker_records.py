"""What the tracker core records: a followed prompt, its status and progress, the server's
load as one client sees it (re-exported by ``protocol``)."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .. import events as ev

Callback = Callable[[ev.Event], None]


class PromptStatus(enum.StrEnum):
    """Where a prompt is."""

    SUBMITTING = "submitting"
    QUEUED = "queued"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    INTERRUPTED = "interrupted"
    CANCELLED = "cancelled"
    LOST = "lost"


_FINAL = {
    PromptStatus.COMPLETED,
    PromptStatus.FAILED,
    PromptStatus.INTERRUPTED,
    PromptStatus.CANCELLED,
    PromptStatus.LOST,
}


@dataclass(slots=True)
class Progress:
    """The running node, its step progress, and the last ``progress_state`` map."""

    node: str | None = None
    value: float | None = None
    max: float | None = None
    nodes: dict[str, ev.NodeProgress] = field(default_factory=dict)
    cached_nodes: list[str] = field(default_factory=list)
    #: The latest preview image, ``(bytes, content type)`` (a sampler's, for instance).
    preview: tuple[bytes, str] | None = None


@dataclass(slots=True, weakref_slot=True)
class TrackedPrompt:
    """Everything the core knows about one prompt it follows."""

    prompt_id: str
    client_id: str
    prompt: dict[str, Any] | None = None
    on_event: Callback | None = None
    status: PromptStatus = PromptStatus.SUBMITTING
    number: float | None = None
    node_errors: dict[str, Any] = field(default_factory=dict)
    progress: Progress = field(default_factory=Progress)
    outputs: dict[str, Any] = field(default_factory=dict)
    ws_images: dict[str, list[tuple[bytes, str]]] = field(default_factory=dict)
    outcome: ev.Event | None = None
    ended: bool = False  # ``executing null`` seen: history is written
    acknowledged: bool = False  # POST /prompt answered 200
    acknowledged_at: int = 0  # the core's snapshot clock when it was acknowledged
    witnessed: bool = False  # the current socket reported the run from its start
    cancel_requested: bool = False
    fetching: bool = False
    blind: int = 0  # unreadable /queue answers in a row since it was acknowledged

    @property
    def finished(self) -> bool:
        return self.status in _FINAL


@dataclass(frozen=True, slots=True)
class ServerState:
    """What one client knows of its server's load, from its own socket and prompts."""

    #: Whether the WebSocket is connected now (always False under the HTTP tracker).
    connected: bool
    #: The last ``queue_remaining`` the server reported (None until a ``status`` message, or
    #: since the socket was lost).
    queue_remaining: int | None
    #: Prompts of this client that were accepted and have not finished.
    unfinished: int
    #: How often the socket opened again after its first connection (what the client knows
    #: of the server, ``server_info``, is read again after each).
    reconnects: int = 0
