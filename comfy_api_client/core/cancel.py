"""How to cancel one prompt: the requests to send, in order, given what is known of it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Dequeue:
    """Cancel step: ``POST /queue {"delete": [prompt_id]}`` (a pending prompt goes)."""

    prompt_id: str


@dataclass(frozen=True, slots=True)
class Interrupt:
    """Cancel step: ``POST /interrupt {"prompt_id": ...}`` (only if that prompt runs)."""

    prompt_id: str


@dataclass(frozen=True, slots=True)
class CancelJob:
    """Cancel step where the server has the jobs API: ``POST /api/jobs/{prompt_id}/cancel``
    removes a pending prompt or interrupts a running one, in one request (no race between
    the two)."""

    prompt_id: str


#: What cancelling a prompt sends, in order.
CancelStep = Dequeue | Interrupt | CancelJob


def cancel_steps(prompt_id: str, jobs_api: bool = False) -> list[CancelStep]:
    """The requests that cancel ``prompt_id`` and only it, pending or running: the jobs API's
    cancel where the server has it (``jobs_api``: one request, no race), else removing it
    from the queue, then interrupting it if it runs."""
    if jobs_api:
        return [CancelJob(prompt_id)]
    return [Dequeue(prompt_id), Interrupt(prompt_id)]
