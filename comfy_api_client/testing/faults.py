"""Fault injection for the test server: failing, slow or dropped requests; dead sockets."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from http import HTTPStatus

from aiohttp import web
from aiohttp.typedefs import Middleware

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def strip_api_prefix(path: str) -> str:
    """``/api/prompt`` -> ``/prompt`` (the form fault paths are matched against)."""
    if path == "/api" or path.startswith("/api/"):
        return path[4:] or "/"
    return path


@dataclass
class _Rule:
    kind: str  # "fail" | "delay" | "drop" | "lose"
    path: str
    method: str | None
    count: int | None
    status: int = 500
    seconds: float = 0.0

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method.upper() != method.upper():
            return False
        return path.startswith(self.path)


class Faults:
    """Faults for ``ComfyTestServer.faults``; every method may be called from any thread.

    Paths are matched by prefix against the request path without its ``/api`` prefix, so
    ``fail("/history")`` also fails ``/api/history/<id>``. ``count`` is how many matching
    requests are affected (``None``: all of them until ``clear``).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[_Rule] = []
        self._silenced = False
        self._drop_sockets: Callable[[], None] | None = None

    def connect(self, drop_sockets: Callable[[], None]) -> None:
        """Called by the server: how ``drop_websockets`` reaches the current connections."""
        self._drop_sockets = drop_sockets

    # -- HTTP ----------------------------------------------------------------------------------

    def fail(
        self, path: str, status: int = 500, count: int | None = 1, method: str | None = None
    ) -> None:
        """Answer the next ``count`` matching requests with ``status`` and aiohttp's text body."""
        self._add(_Rule("fail", strip_api_prefix(path), method, count, status=status))

    def delay(
        self, path: str, seconds: float, count: int | None = 1, method: str | None = None
    ) -> None:
        """Hold the next ``count`` matching requests for ``seconds`` before handling them."""
        self._add(_Rule("delay", strip_api_prefix(path), method, count, seconds=seconds))

    def drop(self, path: str, count: int | None = 1, method: str | None = None) -> None:
        """Close the connection of the next ``count`` matching requests without answering."""
        self._add(_Rule("drop", strip_api_prefix(path), method, count))

    def lose_answer(self, path: str, count: int | None = 1, method: str | None = None) -> None:
        """Handle the next ``count`` matching requests, then close their connections without
        answering: the server did the work, the client never hears of it."""
        self._add(_Rule("lose", strip_api_prefix(path), method, count))

    def clear(self) -> None:
        """Remove every fault (and make WebSockets talk again)."""
        with self._lock:
            self._rules.clear()
            self._silenced = False

    # -- WebSocket -----------------------------------------------------------------------------

    def drop_websockets(self) -> None:
        """Abruptly close every current WebSocket connection (no close frame)."""
        if self._drop_sockets is not None:
            self._drop_sockets()

    def silence_websockets(self, on: bool = True) -> None:
        """Keep sockets open but send nothing (no messages, no greeting, no pongs)."""
        with self._lock:
            self._silenced = on

    @property
    def websockets_silenced(self) -> bool:
        with self._lock:
            return self._silenced

    # -- internals -------------------------------------------------------------------------------

    def _add(self, rule: _Rule) -> None:
        with self._lock:
            self._rules.append(rule)

    def _take(self, method: str, path: str) -> tuple[float, _Rule | None]:
        """Total delay and the failing/dropping rule (if any) for one request."""
        delay = 0.0
        terminal: _Rule | None = None
        with self._lock:
            for rule in list(self._rules):
                if not rule.matches(method, path):
                    continue
                if rule.kind == "delay":
                    delay += rule.seconds
                elif terminal is None:
                    terminal = rule
                else:
                    continue
                if rule.count is not None:
                    rule.count -= 1
                    if rule.count <= 0:
                        self._rules.remove(rule)
        return delay, terminal

    def middleware(self) -> Middleware:
        """The aiohttp middleware applying these faults."""

        @web.middleware
        async def faults_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
            delay, rule = self._take(request.method, strip_api_prefix(request.path))
            if delay > 0:
                await asyncio.sleep(delay)
            if rule is not None and rule.kind == "fail":
                return error_response(rule.status)
            if rule is not None and rule.kind in ("drop", "lose"):
                if rule.kind == "lose":
                    await handler(request)
                if request.transport is not None:
                    request.transport.abort()
                raise asyncio.CancelledError
            return await handler(request)

        return faults_middleware


def error_response(status: int) -> web.Response:
    """The body aiohttp itself would send for ``status`` (its 500 page for 500)."""
    if status == 500:
        text = "500 Internal Server Error\n\nServer got itself in trouble"
    else:
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = "Error"
        text = f"{status}: {reason}"
    return web.Response(status=status, text=text)
