"""What a pool knows of its servers and prompts: the records :class:`PoolCore` owns, the
frozen view of a prompt it hands out (``prompt.record``), and the pool's result."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from .pool_events import PoolCallback, ServerHealth
from .results import PromptResult
from .routing import Capabilities


@dataclass(slots=True)
class PoolResult(PromptResult):
    """A ``PromptResult`` that also names the server that ran the prompt."""

    server: str = ""


def with_server(result: PromptResult, server: str) -> PoolResult:
    """``result`` as a :class:`PoolResult` naming ``server``."""
    values = {f.name: getattr(result, f.name) for f in dataclasses.fields(result)}
    return PoolResult(**values, server=server)


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


@dataclass(frozen=True, slots=True)
class PoolPromptView:
    """One prompt of a pool as it stands now (``prompt.record``): a snapshot, never changed."""

    prompt_id: str
    #: The server that has it now (None while it moves or before it is placed).
    server: str | None
    #: Servers it was posted to (or found on), in order.
    attempts: tuple[str, ...]
    cancelled: bool
    done: bool
    on_event: PoolCallback | None = None


@dataclass(slots=True, eq=False)
class PoolPromptRecord:
    """One prompt of the pool, across the servers it was sent to (only the core touches it)."""

    prompt_id: str
    include: frozenset[str] | None
    exclude: frozenset[str]
    #: What the shell needs to post it again (the workflow and its options).
    payload: Any = None
    on_event: PoolCallback | None = None
    #: The shell's handle that waits for the outcome (opaque to the core; None until posted).
    waiter: Any = None
    server: str | None = None
    attempts: list[str] = field(default_factory=list)
    #: Changes with every placement (unique in the pool): outcomes of an earlier one are ignored.
    token: int = 0
    cancelled: bool = False
    done: bool = False
    moving: bool = False
    #: The server whose socket reported the run ended with success (outputs not read yet).
    ran_on: str | None = None

    def view(self) -> PoolPromptView:
        return PoolPromptView(
            self.prompt_id,
            self.server,
            tuple(self.attempts),
            self.cancelled,
            self.done,
            self.on_event,
        )
