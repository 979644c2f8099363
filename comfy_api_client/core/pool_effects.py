"""What :class:`PoolCore` asks its shell to do (its effects): plain data, carried out by the
shell's one ``_carry_out`` loop."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .pool_events import PoolCallback, PoolEvent
from .pool_records import PoolPromptView

# -- effects ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Deliver:
    """The prompt finished on ``server``: complete ``waiter`` with ``result``."""

    waiter: Any
    result: Any
    server: str
    view: PoolPromptView


@dataclass(frozen=True, slots=True)
class Fail:
    """The prompt ended with ``error``: complete ``waiter`` (None: nobody waits) with it."""

    waiter: Any
    error: BaseException
    view: PoolPromptView


@dataclass(frozen=True, slots=True)
class Move:
    """Resubmit the prompt elsewhere, asking ``old`` first whether it has it (``ask_old``)."""

    prompt_id: str
    waiter: Any
    old: str
    ask_old: bool
    reason: str


@dataclass(frozen=True, slots=True)
class Post:
    """Post the prompt again (it was lost to ``old``, which no longer has it)."""

    prompt_id: str
    waiter: Any
    old: str
    reason: str


@dataclass(frozen=True, slots=True)
class Poll:
    """Follow the prompt on ``server`` through ``/history`` and ``/queue`` (placement ``token``)."""

    prompt_id: str
    waiter: Any
    server: str
    token: int


@dataclass(frozen=True, slots=True)
class Probe:
    """Ask ``server`` whether it answers (and connect to it when it does)."""

    server: str


@dataclass(frozen=True, slots=True)
class CleanUp:
    """Remove from ``server`` the prompts that moved away while it could not be asked."""

    server: str
    prompt_ids: list[str]


@dataclass(frozen=True, slots=True)
class Emit:
    """Tell ``event`` to the pool's ``on_event`` (``to_pool``) and to ``also`` (a prompt's)."""

    event: PoolEvent
    also: PoolCallback | None = None
    to_pool: bool = True


PoolEffect = Deliver | Fail | Move | Post | Poll | Probe | CleanUp | Emit

# -- steps of a reattach (answers to the shell's one question, not effects) -------------------


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


@dataclass(frozen=True, slots=True)
class GiveUp:
    """A reattach cannot tell whether the prompt exists: raise ``error`` to the caller."""

    error: BaseException
