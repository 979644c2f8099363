"""Decisions the two tracker shells share that are not about one prompt's messages:
when to poll, how long to wait before reconnecting, which client id a new socket uses."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit, urlunsplit

from .options import ClientOptions
from .protocol import TrackerCore


class TrackerPlan:
    """Timing and polling rules for one client's tracker."""

    def __init__(self, options: ClientOptions) -> None:
        self._options = options

    def reconnect_delay(self, attempt: int) -> float:
        """Seconds to wait before reconnect attempt ``attempt`` (0-based), capped."""
        delays = self._options.reconnect_delays
        return delays[min(attempt, len(delays) - 1)]

    def should_poll(self, core: TrackerCore, socket_open: bool) -> bool:
        """Whether ``/queue`` must be polled now.

        Always in HTTP mode while prompts are followed; in WebSocket mode only while the
        socket is down or a prompt was submitted under an earlier connection's client id
        (its events go to a socket that no longer exists, so it is followed by polling).
        """
        unfinished = core.unfinished()
        if not unfinished:
            return False
        if self._options.start_state_tracker != "websocket" or not socket_open:
            return True
        return any(p.client_id != core.client_id for p in unfinished)


def new_connection_id(core: TrackerCore) -> str:
    """Give the core a fresh client id for a new socket.

    Reusing the old id is unsafe: when the server finally drops the old socket it unregisters
    the id, and the new socket would receive nothing (ComfyUI's same-``clientId`` trap).
    """
    core.client_id = uuid.uuid4().hex
    return core.client_id


def redacted_url(url: str) -> str:
    """``url`` without credentials or query string, for logs and messages."""
    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))
