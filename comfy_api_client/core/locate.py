"""Where a prompt is on one server, read from its ``GET /queue`` and ``GET /history/{id}``."""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .queue_state import QueueEntry, QueueState, parse_queue


class Where(enum.Enum):
    """Where a server has a prompt."""

    PENDING = "pending"
    RUNNING = "running"
    FINISHED = "finished"
    UNKNOWN = "unknown"

    @property
    def queued(self) -> bool:
        """Pending or running: the server still has it to do."""
        return self in (Where.PENDING, Where.RUNNING)


@dataclass(frozen=True, slots=True)
class Location:
    """Where a prompt is, and its queue number when the server said it."""

    where: Where
    number: float | None = None


def locate(prompt_id: str, queue: object = None, history: object = None) -> Location:
    """Where ``prompt_id`` is, from a ``/queue`` body (or a parsed ``QueueState``) and a
    ``/history/{id}`` body, either of which may be missing (None) or unreadable: read
    leniently, the queue first. ``UNKNOWN`` when neither has it."""
    state = queue if isinstance(queue, QueueState) else parse_queue(queue, strict=False)
    assert state is not None  # the lenient reading always gives a state
    for where, entries in ((Where.RUNNING, state.running), (Where.PENDING, state.pending)):
        for item in entries:
            if item.prompt_id == prompt_id:
                return Location(where, item.number)
    if not isinstance(history, Mapping) or prompt_id not in history:
        return Location(Where.UNKNOWN)
    entry = history[prompt_id]
    if isinstance(entry, Mapping) and isinstance(entry.get("prompt"), list | tuple):
        with contextlib.suppress(ValueError):
            item = QueueEntry.from_tuple(entry["prompt"])
            if item.prompt_id == prompt_id:
                return Location(Where.FINISHED, item.number)
    return Location(Where.FINISHED)


def landed_answer(prompt_id: str, queue: object, history: object = None) -> dict[str, Any] | None:
    """What ``POST /prompt`` would have answered for ``prompt_id``, read from a ``GET /queue``
    body (and a ``GET /history/{id}`` body), or None when neither has it (with its number).

    For a post whose answer was lost in transit: the server may have queued the prompt all
    the same. Its ``node_errors`` are not recoverable; they are reported empty.
    """
    return post_answer(prompt_id, locate(prompt_id, queue, history))


def post_answer(prompt_id: str, found: Location) -> dict[str, Any] | None:
    """:func:`landed_answer` from where the prompt was found."""
    if found.where is Where.UNKNOWN or found.number is None:
        return None
    return {"prompt_id": prompt_id, "number": found.number, "node_errors": {}}
