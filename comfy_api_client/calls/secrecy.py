"""What the WebSocket libraries are handed, made safe: a handshake redirect that leaves the
server's origin sends none of the headers the user configured (auth, API keys, cookies), and
what the libraries log at DEBUG shows header names, never values (``websockets`` logs every
handshake header; websocket-client's trace dumps the whole request). httpx's redirects are
guarded by ``transport.OffOriginHeaders``.

``websockets`` and websocket-client are imported only when a socket is opened.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import MutableMapping
from typing import Any
from urllib.parse import urljoin

from ..core.address import keeps_headers

#: Header values worth seeing in a debug log and never secret.
SAFE_HEADERS = frozenset(
    {
        "host",
        "upgrade",
        "connection",
        "sec-websocket-version",
        "sec-websocket-extensions",
        "sec-websocket-protocol",
        "user-agent",
        "server",
        "date",
        "content-type",
        "content-length",
    }
)
_HEADER_LINE = re.compile(r"^([A-Za-z0-9!#$%&'*+.^_`|~-]+):[ \t]*(.*?)$", re.MULTILINE)
#: The handshake answers websocket-client follows as redirects.
REDIRECTS = (301, 302, 303, 307, 308)
#: Redirects a WebSocket handshake follows at most.
MAX_REDIRECTS = 3


def redact_header_lines(text: str) -> str:
    """``text`` with the value of every ``Name: value`` line not in :data:`SAFE_HEADERS` hidden."""

    def hide(match: re.Match[str]) -> str:
        name = match.group(1)
        return match.group(0) if name.lower() in SAFE_HEADERS else f"{name}: <redacted>"

    return _HEADER_LINE.sub(hide, text)


class RedactingLogger(logging.LoggerAdapter):
    """The logger handed to ``websockets``: its header lines (``"> %s: %s"``) lose their values."""

    def log(self, level: int, msg: object, *args: Any, **kwargs: Any) -> None:
        if isinstance(msg, str) and msg[:2] in ("> ", "< ") and msg.endswith(": %s") and args:
            name = str(args[0])
            if name.lower() not in SAFE_HEADERS and len(args) == 2:
                args = (name, "<redacted>")
        super().log(level, msg, *args, **kwargs)

    def process(self, msg: Any, kwargs: MutableMapping[str, Any]) -> tuple[Any, Any]:
        return msg, kwargs


class RedactingFilter(logging.Filter):
    """On websocket-client's logger: every record's header lines lose their values."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        if ":" in text:
            record.msg, record.args = redact_header_lines(text), ()
        return True


def websockets_logger() -> RedactingLogger:
    """The ``logger=`` for ``websockets``' connect (records still under ``websockets.client``)."""
    return RedactingLogger(logging.getLogger("websockets.client"), {})


@functools.cache
def guard_websocket_client_logging() -> None:
    """Put a :class:`RedactingFilter` on websocket-client's logger (once per process)."""
    logging.getLogger("websocket").addFilter(RedactingFilter())


@functools.cache
def async_connect() -> Any:
    """``websockets``' ``connect``, with off-origin redirects dropping every configured header
    (``websockets`` itself drops only ``Authorization`` and ``Cookie``)."""
    from websockets.asyncio.client import connect

    class GuardedConnect(connect):
        def process_redirect(self, exc: Exception) -> Exception | str:
            old = self.uri
            target = super().process_redirect(exc)
            if isinstance(target, str) and not keeps_headers(old, target):
                self.additional_headers = None
            return target

    return GuardedConnect


@functools.cache
def sync_websocket_class() -> Any:
    """websocket-client's ``WebSocket``, following a handshake's redirects itself (at most
    :data:`MAX_REDIRECTS`) so that one leaving the origin drops every configured header and
    cookie (websocket-client would send them all to wherever ``Location`` points)."""
    import websocket

    guard_websocket_client_logging()

    class GuardedWebSocket(websocket.WebSocket):
        def connect(self, url: str, **options: Any) -> None:
            for _ in range(MAX_REDIRECTS + 1):
                self.handshake_response = None
                try:
                    super().connect(url, **{**options, "redirect_limit": 0})
                    return
                except websocket.WebSocketException:
                    response = self.handshake_response
                    if response is None or response.status not in REDIRECTS:
                        raise
                    location = response.headers.get("location")
                    if not location:
                        raise
                target = urljoin(url, location)
                if not keeps_headers(url, target):
                    options = {**options, "header": [], "cookie": None}
                url = target
            raise websocket.WebSocketException(f"more than {MAX_REDIRECTS} redirects")

    return GuardedWebSocket
