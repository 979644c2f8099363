"""How each side's WebSocket library is opened, once: the client's headers, TLS, timeouts and
frame limits handed to ``websockets`` (asyncio) and websocket-client (threads), each through its
guarded class from :mod:`.secrecy`. websocket-client has no frame limit of its own; it gets one
here. Both libraries are imported only when a socket is opened.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..core.options import ClientOptions, ssl_context
from ..core.tracking import FRAME_TOO_BIG
from .secrecy import async_connect, sync_websocket_class, websockets_logger

if TYPE_CHECKING:
    import websocket

#: Frames the reader lets queue up before it stops reading the socket (flow control): with
#: the one being read and the one being handled, a few times ``ws_max_size`` at most.
WS_QUEUED_FRAMES = 1


def async_connection(url: str, options: ClientOptions) -> Any:
    """``websockets``' connect for ``url`` (an async context manager); it pings after
    ``watchdog_interval`` seconds of silence and drops an unanswered socket."""
    return async_connect()(
        url,
        additional_headers=options.headers,
        open_timeout=options.ws_connect_timeout,
        ping_interval=options.watchdog_interval,
        ping_timeout=options.watchdog_interval,
        max_size=options.ws_max_size,
        max_queue=WS_QUEUED_FRAMES,
        ssl=ssl_context(options),
        compression=None,
        logger=websockets_logger(),
    )


@contextlib.contextmanager
def sync_connection(url: str, options: ClientOptions) -> Iterator[websocket.WebSocket]:
    """websocket-client's socket for ``url``, its frames limited to ``ws_max_size``; dropped
    at the end without a closing handshake (a silent server would hold it)."""
    import websocket

    context = ssl_context(options)
    ws = websocket.create_connection(
        url,
        timeout=options.ws_connect_timeout,
        header=[f"{k}: {v}" for k, v in options.headers.items()],
        sslopt=None if context is None else {"context": context},
        enable_multithread=True,
        suppress_origin=True,
        skip_utf8_validation=True,
        class_=sync_websocket_class(),
    )
    try:
        limit_frames(ws, options.ws_max_size)
        yield ws
    finally:
        with contextlib.suppress(Exception):
            ws.abort()
            ws.close(timeout=0)


def limit_frames(ws: websocket.WebSocket, limit: int) -> None:
    """Refuse a frame, or a fragmented message, over ``limit`` bytes before its payload is
    read (websocket-client has no such limit): the reader drops the socket and reconnects."""
    import websocket

    frames, pieces = ws.frame_buffer, ws.cont_frame
    read_length, add_piece = frames.recv_length, pieces.add

    def too_big(size: int) -> websocket.WebSocketPayloadException:
        return websocket.WebSocketPayloadException(f"{FRAME_TOO_BIG}: a frame of {size} bytes")

    def recv_length() -> None:
        read_length()
        if frames.length is not None and frames.length > limit:
            raise too_big(frames.length)

    def add(frame: websocket.ABNF) -> None:
        add_piece(frame)
        data = pieces.cont_data
        if data is not None and len(data[1]) > limit:
            pieces.cont_data = pieces.recving_frames = None
            raise too_big(len(data[1]))

    frames.recv_length = recv_length  # type: ignore[method-assign]
    pieces.add = add  # type: ignore[method-assign]
