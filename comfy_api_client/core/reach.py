"""I/O-free rules of the tracker core for a server that answers, but not readably.

An unreachable server (connection refused or reset, no answer on any route) is waited for:
it may come back. A *reachable* server that keeps giving no readable answer on one route is
not: after a bounded number of such attempts the tracker gives up with the typed error.

"Reachable" means the server answered something: an error status or an unreadable body
(or one over ``response_size_limit``) counts by itself (the server answered that request); a timed-out attempt counts only
when the server was heard meanwhile on another channel (a WebSocket frame or connection, an
HTTP answer of the tracker's own) since the previous failed attempt.
"""

from __future__ import annotations

from ..errors import (
    ComfyError,
    ComfyHTTPError,
    ComfyTimeoutError,
    ResponseTooLargeError,
    UnreadableResponseError,
)

#: Errors that say the server answered the very request.
ANSWERED = (ComfyHTTPError, UnreadableResponseError, ResponseTooLargeError)


class Liveness:
    """Counts the answers heard from the server (frames, connections, HTTP answers).

    A shell may read it without the core's lock: it is one integer, only ever increased.
    """

    def __init__(self) -> None:
        self.heard = 0

    def hear(self) -> None:
        self.heard += 1


class Patience:
    """The ``gives_up`` rule of one request the tracker retries (``/history/{id}``, ``/queue``):
    True once ``attempts`` attempts failed while the server was reachable."""

    def __init__(self, liveness: Liveness, attempts: int) -> None:
        self._liveness = liveness
        self._attempts = attempts
        self._seen = liveness.heard
        self.failures = 0

    def counts(self, error: ComfyError) -> bool:
        """Whether failed attempt ``error`` came from a reachable server (see the module)."""
        answered = isinstance(error, ANSWERED)
        heard = self._liveness.heard != self._seen
        self._seen = self._liveness.heard
        if answered:
            self._liveness.hear()
            self._seen = self._liveness.heard
            return True
        return isinstance(error, ComfyTimeoutError) and heard

    def gives_up(self, error: ComfyError, attempt: int = 0) -> bool:
        """``retrying``'s ``gives_up``: whether this failed attempt is the last."""
        if self.counts(error):
            self.failures += 1
        return self.failures >= self._attempts
