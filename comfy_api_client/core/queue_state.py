"""The queue as ``GET /queue`` reports it: positional 5-tuples parsed by position."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

#: ``extra_data`` keys that carry Comfy platform credentials: never shown.
SECRET_KEYS = frozenset({"api_key_comfy_org", "auth_token_comfy_org"})


def redact(extra_data: Mapping[str, Any]) -> dict[str, Any]:
    """``extra_data`` with credential values replaced, for reprs and logs."""
    return {k: ("<redacted>" if k in SECRET_KEYS else v) for k, v in extra_data.items()}


@dataclass(frozen=True, slots=True)
class QueueEntry:
    """One queued or running prompt: ``[number, prompt_id, prompt, extra_data, outputs_to_execute]``."""

    number: float
    prompt_id: str
    prompt: dict[str, Any] = field(repr=False)
    extra_data: dict[str, Any] = field(repr=False)
    outputs_to_execute: list[str]

    @classmethod
    def from_tuple(cls, item: Sequence[Any]) -> QueueEntry:
        """Parse a queue item by position (extra trailing elements are ignored)."""
        entry = _entry(item, strict=False)
        if entry is None:
            raise ValueError(f"not a queue item: {item!r:.80}")
        return entry

    def __repr__(self) -> str:
        return (
            f"QueueEntry(number={self.number!r}, prompt_id={self.prompt_id!r}, "
            f"nodes={len(self.prompt)}, extra_data={redact(self.extra_data)!r}, "
            f"outputs_to_execute={self.outputs_to_execute!r})"
        )


@dataclass(frozen=True, slots=True)
class QueueState:
    """The running prompt(s) and the pending ones (in the server's heap order)."""

    running: list[QueueEntry]
    pending: list[QueueEntry]

    @classmethod
    def from_body(cls, body: Mapping[str, Any]) -> QueueState:
        """Parse a ``GET /queue`` body; unreadable items are skipped."""
        state = parse_queue(body, strict=False)
        assert state is not None  # the lenient reading always gives a state
        return state

    def prompt_ids(self) -> set[str]:
        """Every prompt id in the queue, running or pending."""
        return {e.prompt_id for e in self.running} | {e.prompt_id for e in self.pending}


def parse_queue(body: object, strict: bool) -> QueueState | None:
    """The one reader of ``GET /queue`` bodies.

    Lenient (what users are shown): unreadable items are skipped, a missing list is empty.
    Strict (what the tracker judges by): None unless all of it reads, since a prompt's
    absence from the queue means it finished or was lost, and a snapshot that might hide
    one (a missing list, an item without a string id) is no evidence at all.
    """
    if not isinstance(body, Mapping):
        return None if strict else QueueState([], [])
    lists: list[list[QueueEntry]] = []
    for key in ("queue_running", "queue_pending"):
        items = body.get(key)
        if not isinstance(items, list):
            if strict:
                return None
            items = []
        entries = []
        for item in items:
            entry = _entry(item, strict)
            if entry is not None:
                entries.append(entry)
            elif strict:
                return None
        lists.append(entries)
    return QueueState(running=lists[0], pending=lists[1])


def _entry(item: object, strict: bool) -> QueueEntry | None:
    """One queue item, or None when it is not one (strict: when its id is not a string)."""
    if not isinstance(item, list | tuple) or len(item) < 2:
        return None
    if strict and not isinstance(item[1], str):
        return None
    padded = list(item) + [None] * (5 - len(item))
    number, prompt_id, prompt, extra_data, outputs = padded[:5]
    return QueueEntry(
        number=number if isinstance(number, int | float) else 0,
        prompt_id=str(prompt_id),
        prompt=dict(prompt) if isinstance(prompt, Mapping) else {},
        extra_data=dict(extra_data) if isinstance(extra_data, Mapping) else {},
        outputs_to_execute=[str(o) for o in outputs] if isinstance(outputs, list) else [],
    )
