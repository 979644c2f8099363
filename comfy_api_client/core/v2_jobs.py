"""What a Comfy API v2 job says: its status as the client's, its result or error, and its
stream's events as the client's typed events (no I/O)."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any

from .. import events as ev
from ..errors import (
    ComfyError,
    ExecutionError,
    ExecutionInterrupted,
    NotAvailableError,
    PromptLostError,
    PromptNotFinishedError,
)
from ..formats import as_mapping
from .results import OutputFile, OutputImage, PromptResult
from .sse import SseEvent
from .tracker_core import Progress, PromptStatus

#: v2 job statuses that end a job.
TERMINAL = frozenset({"succeeded", "failed", "canceled", "expired"})

#: A v2 output's ``type`` -> the key a native history entry lists such files under.
_OUTPUT_KEYS = {
    "image": "images",
    "video": "videos",
    "audio": "audio",
    "text": "text",
    "file": "files",
    "latent": "latents",
}


def job_status(body: Mapping[str, Any]) -> str:
    """The job's v2 status (``queued``, ``running``, ``succeeded``...), ``""`` if it has none."""
    return str(body.get("status") or "")


def cancel_ignored(job_id: str, body: Mapping[str, Any], api: str) -> NotAvailableError | None:
    """The error when the answer to ``POST /api/v2/jobs/{id}/cancel`` leaves the job as it
    was (still ``queued`` or ``running``, not ``canceling``): the server took the request and
    cancelled nothing, as comfy-api-proxy does in front of a ComfyUI without per-job cancel."""
    status = job_status(body)
    if status not in ("queued", "running"):
        return None
    return NotAvailableError(
        f"cancelling job {job_id}",
        api,
        f"the server answered the cancel with status {status!r} and left the job as it was "
        "(comfy-api-proxy does so in front of a ComfyUI older than 0.33, which has no "
        "POST /api/jobs/{id}/cancel); the job goes on and its result still comes",
    )


def prompt_status(status: str, was_running: bool, cancel_requested: bool) -> PromptStatus:
    """A v2 status as the client's :class:`PromptStatus`.

    ``canceled`` is an interruption when the job had started and a cancellation otherwise, as
    for the native API; ``expired`` right after a cancel is a job removed while queued (a proxy
    forgets a dequeued prompt), else a lost one.
    """
    if status == "queued":
        return PromptStatus.QUEUED
    if status in ("running", "canceling"):
        return PromptStatus.RUNNING
    if status == "succeeded":
        return PromptStatus.COMPLETED
    if status == "failed":
        return PromptStatus.FAILED
    if status == "canceled":
        return PromptStatus.INTERRUPTED if was_running else PromptStatus.CANCELLED
    if status == "expired":
        return PromptStatus.CANCELLED if cancel_requested else PromptStatus.LOST
    return PromptStatus.SUBMITTING


def output_file(output: Mapping[str, Any]) -> OutputFile:
    """A job output as an :class:`OutputFile` (``asset_id``: the output's asset id)."""
    kind = str(output.get("type") or "file")
    cls = OutputImage if kind == "image" else OutputFile
    return cls(
        filename=str(output.get("name") or output.get("id") or ""),
        subfolder="",
        type="output",
        node_id=str(output.get("node_id") or ""),
        kind=kind,
        content_type=str(output.get("content_type") or "application/octet-stream"),
        asset_id=str(output["id"]) if output.get("id") is not None else None,
    )


def outputs_of(body: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The job's outputs (the well-formed ones)."""
    found = body.get("outputs")
    if not isinstance(found, list):
        return []
    return [o for o in found if isinstance(o, Mapping) and o.get("id") is not None]


def links_of(outputs: list[Mapping[str, Any]]) -> dict[str, str]:
    """Asset id -> the URL the server gave for its bytes."""
    return {str(o["id"]): str(o["url"]) for o in outputs if isinstance(o.get("url"), str)}


def native_outputs(outputs: list[Mapping[str, Any]]) -> dict[str, Any]:
    """The outputs shaped as a native history entry's: node id -> key -> file records."""
    shaped: dict[str, Any] = {}
    for o in outputs:
        key = _OUTPUT_KEYS.get(str(o.get("type")), "files")
        record = {"filename": o.get("name"), "subfolder": "", "type": "output", "id": o.get("id")}
        shaped.setdefault(str(o.get("node_id") or ""), {}).setdefault(key, []).append(record)
    return shaped


def result_of(job_id: str, body: Mapping[str, Any]) -> PromptResult:
    """The result of a succeeded job; the typed error of one that did not succeed;
    ``PromptNotFinishedError`` while it is queued or running."""
    status = job_status(body)
    if status not in TERMINAL:
        raise PromptNotFinishedError(job_id)
    error = error_of(job_id, body, was_running=True, cancel_requested=False)
    if error is not None:
        raise error
    outputs = outputs_of(body)
    return PromptResult(
        prompt_id=job_id,
        status="success",
        outputs=native_outputs(outputs),
        files=[output_file(o) for o in outputs],
        texts={},
        history=None,
        cached_nodes=[],
    )


def error_of(
    job_id: str, body: Mapping[str, Any], was_running: bool, cancel_requested: bool
) -> ComfyError | None:
    """The error a job that ended without success completes with (None when it succeeded)."""
    status = job_status(body)
    if status == "failed":
        error = as_mapping(body.get("error"))
        trace = error.get("traceback")
        return ExecutionError(
            job_id,
            {
                "node_id": error.get("node_id"),
                "node_type": error.get("class_type"),
                "exception_type": error.get("code") or "",
                "exception_message": error.get("message") or "",
                "traceback": [trace] if isinstance(trace, str) else trace,
            },
        )
    if status == "canceled":
        return ExecutionInterrupted(job_id, {})
    if status == "expired":
        return PromptLostError(job_id)
    return None


def progress_of(data: Mapping[str, Any]) -> Progress:
    """A v2 progress snapshot as the client's :class:`Progress` (steps of the running node)."""
    node = data.get("current_node")
    return Progress(
        node=str(node) if node is not None else None,
        value=_number(data.get("step")),
        max=_number(data.get("steps")),
    )


def stream_events(job_id: str, event: SseEvent, last_node: str | None) -> list[ev.Event]:
    """The typed events for one event of the job's stream (terminal ones come from the job)."""
    data = event.data if isinstance(event.data, Mapping) else {}
    if event.name == "progress":
        node = data.get("current_node")
        node = str(node) if node is not None else None
        found: list[ev.Event] = []
        if node is not None and node != last_node:
            found.append(ev.ExecutingEvent(type="executing", prompt_id=job_id, node=node, raw=data))
        found.append(
            ev.ProgressEvent(
                type="progress",
                prompt_id=job_id,
                value=_number(data.get("step")),
                max=_number(data.get("steps")),
                node=node,
                raw=data,
            )
        )
        return found
    if event.name == "preview":
        try:
            image = base64.b64decode(str(data.get("data_base64") or ""), validate=True)
        except (binascii.Error, ValueError):
            image = b""
        ctype = str(data.get("content_type") or "image/jpeg")
        node = data.get("node_id")
        return [
            ev.PreviewImageEvent(
                type="preview_image",
                prompt_id=job_id,
                image=image,
                format=ctype.rsplit("/", 1)[-1].upper().replace("JPG", "JPEG"),
                content_type=ctype,
                node_id=str(node) if node else None,
                raw=data,
            )
        ]
    if event.name == "output":
        shaped = native_outputs([data]) if data.get("id") is not None else {}
        node = str(data.get("node_id") or "")
        return [
            ev.ExecutedEvent(
                type="executed",
                prompt_id=job_id,
                node=node,
                display_node=node,
                output=shaped.get(node, {}),
                raw=data,
            )
        ]
    if event.name == "status":
        return []  # the tracker turns status changes into events (it knows the previous one)
    return [ev.UnknownEvent(type=f"v2:{event.name}", prompt_id=job_id, data=event.data)]


def outcome_event(job_id: str, body: Mapping[str, Any]) -> ev.Event | None:
    """The native outcome event for a job that ended (success, error, interruption)."""
    status = job_status(body)
    if status == "succeeded":
        return ev.ExecutionSuccessEvent(type="execution_success", prompt_id=job_id, raw=body)
    if status == "failed":
        error = as_mapping(body.get("error"))
        return ev.ExecutionErrorEvent(
            type="execution_error",
            prompt_id=job_id,
            node_id=_str(error.get("node_id")),
            node_type=_str(error.get("class_type")),
            exception_type=_str(error.get("code")),
            exception_message=_str(error.get("message")),
            raw=body,
        )
    if status == "canceled":
        return ev.ExecutionInterruptedEvent(
            type="execution_interrupted", prompt_id=job_id, raw=body
        )
    return None


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _str(value: object) -> str | None:
    return None if value is None else str(value)
