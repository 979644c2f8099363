"""Server-sent events, decoded line by line (no I/O)."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger("comfy_api_client")


@dataclass(frozen=True, slots=True)
class SseEvent:
    """One event of a job's stream: its name and its JSON payload (None if unreadable)."""

    name: str
    data: Any


class SseDecoder:
    """Feed it the stream's lines; it answers an event at each blank line ending one.

    Comment lines (``: keepalive``) and ``id``/``retry`` fields are ignored; ``data`` lines of
    one event are joined with newlines, as the format says. Data that cannot be read (not
    JSON, nested too deep to decode) gives the event with ``data`` None (logged), never an
    exception.
    """

    def __init__(self) -> None:
        self._name = ""
        self._data: list[str] = []

    def feed(self, line: str) -> SseEvent | None:
        line = line.rstrip("\r\n")
        if not line:
            return self._dispatch()
        if line.startswith(":"):
            return None
        field, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if field == "event":
            self._name = value
        elif field == "data":
            self._data.append(value)
        return None

    def _dispatch(self) -> SseEvent | None:
        name, data = self._name or "message", self._data
        self._name, self._data = "", []
        if not data:
            return None
        text = "\n".join(data)
        try:
            payload = json.loads(text)
        except (ValueError, RecursionError) as exc:
            logger.debug("unreadable %r event skipped: %s", name, type(exc).__name__)
            payload = None
        return SseEvent(name, payload)
