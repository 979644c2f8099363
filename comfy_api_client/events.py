"""Typed events for every message a ComfyUI WebSocket sends (text and binary frames).

Parsing is lenient and never raises: a missing field becomes ``None``, a message that cannot
be read at all gives ``None`` and a DEBUG log line, an unknown ``type`` an ``UnknownEvent``.
"""

from __future__ import annotations

import json
import logging
import struct
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger("comfy_api_client")

#: Binary frame types (first 4 bytes, big-endian).
PREVIEW_IMAGE = 1
TEXT = 3
PREVIEW_IMAGE_WITH_METADATA = 4
_IMAGE_FORMATS = {1: ("JPEG", "image/jpeg"), 2: ("PNG", "image/png")}


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """Base of all events: the message ``type``, its prompt (when known) and the raw data."""

    type: str
    prompt_id: str | None = None
    raw: Mapping[str, Any] | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusEvent(Event):
    """The queue changed (broadcast): pending + running count; ``sid`` only right after connecting."""

    queue_remaining: int | None = None
    sid: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FeatureFlagsEvent(Event):
    flags: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class ExecutionStartEvent(Event):
    timestamp: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ExecutionCachedEvent(Event):
    """These nodes are served from cache (a fully cached run sends no ``executing``)."""

    nodes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class ExecutingEvent(Event):
    """A node starts; ``node`` is None when the prompt is over (its history is written)."""

    node: str | None = None
    display_node: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ProgressEvent(Event):
    value: float | None = None
    max: float | None = None
    node: str | None = None


@dataclass(frozen=True, slots=True)
class NodeProgress:
    """One node's entry in ``progress_state``."""

    node_id: str
    state: str | None
    value: float | None
    max: float | None
    display_node_id: str | None = None
    parent_node_id: str | None = None
    real_node_id: str | None = None
    #: What the node is doing beyond its step count, when the server says (ComfyUI 0.33+).
    activity: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ProgressStateEvent(Event):
    """The full map of non-pending nodes so far."""

    nodes: dict[str, NodeProgress] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class ExecutedEvent(Event):
    """A node's UI output (None for a cached output node without UI)."""

    node: str | None = None
    display_node: str | None = None
    output: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ExecutionSuccessEvent(Event):
    timestamp: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ExecutionErrorEvent(Event):
    node_id: str | None = None
    node_type: str | None = None
    exception_type: str | None = None
    exception_message: str | None = None
    traceback: list[str] = field(default_factory=list)
    executed: list[str] = field(default_factory=list)
    current_inputs: object = None
    current_outputs: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class ExecutionInterruptedEvent(Event):
    node_id: str | None = None
    node_type: str | None = None
    executed: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class LogsEvent(Event):
    entries: list[Mapping[str, Any]] = field(default_factory=list)
    size: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PreviewImageEvent(Event):
    """An image frame (binary type 1, or 4 with metadata): a preview, or a full image from
    ``SaveImageWebsocket``. ``node_id`` is known only with metadata (type 4)."""

    image: bytes = field(default=b"", repr=False)
    format: str = ""
    content_type: str = ""
    node_id: str | None = None
    metadata: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TextEvent(Event):
    """Progress text of a node (binary type 3)."""

    node_id: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class AssetsSeedEvent(Event):
    """The server's asset scan (``assets.seed.*``, ComfyUI 0.33+; sent to every client).

    ``stage`` is the part after ``assets.seed.``: ``started``, ``progress``, ``fast_complete``,
    ``enrich_complete``, ``completed``, ``paused``, ``resumed``, ``cancelled`` or ``error``.
    """

    stage: str = ""
    roots: list[str] = field(default_factory=list)
    phase: str | None = None
    total: int | None = None
    scanned: int | None = None
    created: int | None = None
    skipped: int | None = None
    enriched: int | None = None
    elapsed: float | None = None
    message: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class UnknownEvent(Event):
    """A message of a type this client does not know (custom nodes) or an unknown binary frame."""

    data: object = None


def parse_text(text: str | bytes) -> Event | None:
    """Parse one text frame."""
    try:
        obj = json.loads(text)
    except (TypeError, ValueError, RecursionError):  # not JSON, or nested too deep
        logger.debug("unreadable WebSocket text frame: %.200r", text[:200])
        return None
    return parse_message(obj)


def parse_message(obj: object) -> Event | None:
    """Turn a decoded ``{"type", "data"}`` message into an event (None if it is not one)."""
    if not isinstance(obj, Mapping) or not isinstance(obj.get("type"), str):
        logger.debug("WebSocket message without a type: %.200r", obj)
        return None
    kind: str = obj["type"]
    data = obj.get("data")
    if not isinstance(data, Mapping):
        if kind in _PARSERS:
            logger.debug("WebSocket %s message without data: %.200r", kind, obj)
        return UnknownEvent(type=kind, data=data, raw=obj)
    parser = _assets_seed if kind.startswith("assets.seed.") else _PARSERS.get(kind, _unknown)
    try:
        return parser(kind, data)
    except Exception:  # never let a server message break the tracker
        logger.debug("unreadable WebSocket %s message: %.200r", kind, obj, exc_info=True)
        return UnknownEvent(type=kind, data=data, raw=data)


def parse_binary(frame: bytes) -> Event | None:
    """Parse one binary frame (layouts in ``openapi/comfyui.yaml``, ``x-binary-frames``)."""
    if len(frame) < 4:
        logger.debug("binary WebSocket frame too short (%d bytes)", len(frame))
        return None
    (kind,) = struct.unpack(">I", frame[:4])
    body = frame[4:]
    try:
        if kind == PREVIEW_IMAGE and len(body) >= 4:
            (fmt,) = struct.unpack(">I", body[:4])
            name, ctype = _IMAGE_FORMATS.get(fmt, ("", "application/octet-stream"))
            return PreviewImageEvent(
                type="preview_image", image=bytes(body[4:]), format=name, content_type=ctype
            )
        if kind == TEXT and len(body) >= 4:
            (n,) = struct.unpack(">I", body[:4])
            if 4 + n <= len(body):
                node = body[4 : 4 + n].decode("utf-8", "replace")
                text = body[4 + n :].decode("utf-8", "replace")
                return TextEvent(type="text", node_id=node, text=text)
        if kind == PREVIEW_IMAGE_WITH_METADATA and len(body) >= 4:
            (n,) = struct.unpack(">I", body[:4])
            meta = json.loads(body[4 : 4 + n]) if 4 + n <= len(body) else None
            if isinstance(meta, Mapping):
                ctype = str(meta.get("image_type") or "application/octet-stream")
                return PreviewImageEvent(
                    type="preview_image",
                    prompt_id=_s(meta.get("prompt_id")),
                    image=bytes(body[4 + n :]),
                    format=ctype.rsplit("/", 1)[-1].upper().replace("JPG", "JPEG"),
                    content_type=ctype,
                    node_id=_s(meta.get("node_id")),
                    metadata=meta,
                )
    except (ValueError, RecursionError, struct.error):
        pass
    logger.debug(
        "unknown or malformed binary WebSocket frame of type %d (%d bytes)", kind, len(frame)
    )
    return UnknownEvent(type=f"binary:{kind}", data=bytes(body))


def _s(value: object) -> str | None:
    return None if value is None else str(value)


def _f(value: object) -> float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _strs(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _common(kind: str, data: Mapping[str, Any]) -> dict[str, Any]:
    return {"type": kind, "prompt_id": _s(data.get("prompt_id")), "raw": data}


def _status(kind: str, d: Mapping[str, Any]) -> Event:
    status = d.get("status")
    info = status.get("exec_info") if isinstance(status, Mapping) else None
    remaining = info.get("queue_remaining") if isinstance(info, Mapping) else None
    return StatusEvent(
        **_common(kind, d),
        queue_remaining=remaining if isinstance(remaining, int) else None,
        sid=_s(d.get("sid")),
    )


def _node_progress(node_id: str, v: object) -> NodeProgress:
    m = v if isinstance(v, Mapping) else {}
    return NodeProgress(
        node_id=str(m.get("node_id", node_id)),
        state=_s(m.get("state")),
        value=_f(m.get("value")),
        max=_f(m.get("max")),
        display_node_id=_s(m.get("display_node_id")),
        parent_node_id=_s(m.get("parent_node_id")),
        real_node_id=_s(m.get("real_node_id")),
        activity=_s(m.get("activity")),
    )


def _progress_state(kind: str, d: Mapping[str, Any]) -> Event:
    nodes = d.get("nodes")
    items = nodes.items() if isinstance(nodes, Mapping) else ()
    return ProgressStateEvent(
        **_common(kind, d), nodes={str(k): _node_progress(str(k), v) for k, v in items}
    )


def _executed(kind: str, d: Mapping[str, Any]) -> Event:
    output = d.get("output")
    return ExecutedEvent(
        **_common(kind, d),
        node=_s(d.get("node")),
        display_node=_s(d.get("display_node")),
        output=output if isinstance(output, Mapping) else None,
    )


def _error(kind: str, d: Mapping[str, Any]) -> Event:
    return ExecutionErrorEvent(
        **_common(kind, d),
        node_id=_s(d.get("node_id")),
        node_type=_s(d.get("node_type")),
        exception_type=_s(d.get("exception_type")),
        exception_message=_s(d.get("exception_message")),
        traceback=_strs(d.get("traceback")),
        executed=_strs(d.get("executed")),
        current_inputs=d.get("current_inputs"),
        current_outputs=_strs(d.get("current_outputs")),
    )


def _assets_seed(kind: str, d: Mapping[str, Any]) -> Event:
    def count(key: str) -> int | None:
        value = d.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    return AssetsSeedEvent(
        type=kind,
        raw=d,
        stage=kind.removeprefix("assets.seed."),
        roots=_strs(d.get("roots")),
        phase=_s(d.get("phase")),
        total=count("total"),
        scanned=count("scanned"),
        created=count("created"),
        skipped=count("skipped"),
        enriched=count("enriched"),
        elapsed=_f(d.get("elapsed")),
        message=_s(d.get("message")),
    )


def _unknown(kind: str, d: Mapping[str, Any]) -> Event:
    return UnknownEvent(**_common(kind, d), data=d)


_PARSERS: dict[str, Any] = {
    "status": _status,
    "feature_flags": lambda k, d: FeatureFlagsEvent(type=k, raw=d, flags=dict(d)),
    "execution_start": lambda k, d: ExecutionStartEvent(
        **_common(k, d), timestamp=d.get("timestamp")
    ),
    "execution_cached": lambda k, d: ExecutionCachedEvent(
        **_common(k, d), nodes=_strs(d.get("nodes"))
    ),
    "executing": lambda k, d: ExecutingEvent(
        **_common(k, d), node=_s(d.get("node")), display_node=_s(d.get("display_node"))
    ),
    "progress": lambda k, d: ProgressEvent(
        **_common(k, d), value=_f(d.get("value")), max=_f(d.get("max")), node=_s(d.get("node"))
    ),
    "progress_state": _progress_state,
    "executed": _executed,
    "execution_success": lambda k, d: ExecutionSuccessEvent(
        **_common(k, d), timestamp=d.get("timestamp")
    ),
    "execution_error": _error,
    "execution_interrupted": lambda k, d: ExecutionInterruptedEvent(
        **_common(k, d),
        node_id=_s(d.get("node_id")),
        node_type=_s(d.get("node_type")),
        executed=_strs(d.get("executed")),
    ),
    "logs": lambda k, d: LogsEvent(
        type=k,
        raw=d,
        entries=[e for e in d.get("entries") or [] if isinstance(e, Mapping)],
        size=d.get("size") if isinstance(d.get("size"), Mapping) else None,
    ),
}
