"""WebSocket connections and message delivery (``/ws``), with ComfyUI's targeting rules.

``send_sync`` may be called from any thread; messages are delivered in order by one
publisher task on the server's event loop. ``sid=None`` broadcasts to every socket.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import struct
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

log = logging.getLogger(__name__)

#: Binary frame types (first 4 bytes of a binary message, big-endian).
PREVIEW_IMAGE = 1
TEXT = 3
PREVIEW_IMAGE_WITH_METADATA = 4

_SEND_ERRORS = (aiohttp.ClientError, ConnectionError, RuntimeError)

#: ``on_sent(event, data, sid)``: called on the server's loop right after a message was written.
SentHook = Callable[[str | int, Any, str | None], None]


@dataclass(eq=False)
class Connection:
    """One accepted WebSocket and the means to kill it abruptly."""

    sid: str
    ws: web.WebSocketResponse
    request: web.Request
    closed: asyncio.Event = field(default_factory=asyncio.Event)

    def abort(self) -> None:
        transport = self.request.transport
        if transport is not None:
            transport.abort()


class Hub:
    """Sockets by client id (the last connection with an id wins), plus the publisher."""

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        queue_info: Callable[[], dict[str, Any]],
        silenced: Callable[[], bool],
        on_connect: Callable[[], None],
        features: dict[str, Any],
    ) -> None:
        self.loop = loop
        self._queue_info = queue_info
        self._silenced = silenced
        self._on_connect = on_connect
        #: What the server answers a client's ``feature_flags`` with.
        self.features = features
        self.sockets: dict[str, web.WebSocketResponse] = {}
        self.metadata: dict[str, dict[str, Any]] = {}
        self.connections: set[Connection] = set()
        self.messages: asyncio.Queue[tuple[str | int, Any, str | None]] = asyncio.Queue()
        #: The client id of the prompt being executed and its current node (for reconnects).
        self.client_id: str | None = None
        self.last_node_id: str | None = None
        self.closed = False
        #: Called after each message was handed to at least one socket (benchmarks timestamp it).
        self.on_sent: SentHook | None = None

    # -- sending -------------------------------------------------------------------------------

    def send_sync(self, event: str | int, data: Any, sid: str | None = None) -> None:
        """Queue a message from any thread (JSON for ``str`` events, binary for ``int``)."""
        if self.closed:
            return
        with contextlib.suppress(RuntimeError):  # loop already closed
            self.loop.call_soon_threadsafe(self.messages.put_nowait, (event, data, sid))

    def queue_updated(self) -> None:
        self.send_sync("status", {"status": self._queue_info()})

    def supports_preview_metadata(self, sid: str | None) -> bool:
        if sid is None or sid not in self.metadata:
            return False
        return self.metadata[sid].get("feature_flags", {}).get("supports_preview_metadata") is True

    async def publish_loop(self) -> None:
        while True:
            event, data, sid = await self.messages.get()
            await self.send(event, data, sid)

    def _targets(self, sid: str | None) -> list[web.WebSocketResponse]:
        if sid is None:
            return list(self.sockets.values())
        ws = self.sockets.get(sid)
        return [ws] if ws is not None else []

    async def send(self, event: str | int, data: Any, sid: str | None = None) -> None:
        if self._silenced():
            return
        sent = False
        for ws in self._targets(sid):
            try:
                if isinstance(event, int):
                    await ws.send_bytes(struct.pack(">I", event) + bytes(data))
                else:
                    await ws.send_str(json.dumps({"type": event, "data": data}))
                sent = True
            except _SEND_ERRORS as err:
                log.debug("send error: %s", err)
        if sent and self.on_sent is not None:
            self.on_sent(event, data, sid)

    # -- connections -----------------------------------------------------------------------------

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """``GET /ws``: register the socket, greet it, read client messages until it closes."""
        ws = web.WebSocketResponse(autoping=False)
        await ws.prepare(request)
        sid = request.rel_url.query.get("clientId", "")
        if sid:
            self.sockets.pop(sid, None)
        else:
            sid = uuid.uuid4().hex
        self.sockets[sid] = ws
        self.metadata[sid] = {"feature_flags": {}}
        connection = Connection(sid, ws, request)
        self.connections.add(connection)
        self._on_connect()
        try:
            await self.send("status", {"status": self._queue_info(), "sid": sid}, sid)
            if self.client_id == sid and self.last_node_id is not None:
                await self.send("executing", {"node": self.last_node_id}, sid)
            first_message = True
            async for msg in ws:
                if msg.type == aiohttp.WSMsgType.PING:
                    if not self._silenced():
                        with contextlib.suppress(*_SEND_ERRORS):
                            await ws.pong(msg.data)
                elif msg.type == aiohttp.WSMsgType.TEXT:
                    try:
                        data = json.loads(msg.data)
                        if first_message and data.get("type") == "feature_flags":
                            self.metadata[sid]["feature_flags"] = data.get("data", {})
                            await self.send("feature_flags", dict(self.features), sid)
                        first_message = False
                    except json.JSONDecodeError:
                        log.debug("invalid JSON from client %s", sid)
                    except Exception as err:
                        log.debug("error processing WebSocket message: %s", err)
        finally:
            # ComfyUI removes the id unconditionally: if a newer socket took over this id,
            # it is unregistered too (the reconnect trap of API.md section 4.1).
            self.sockets.pop(sid, None)
            self.metadata.pop(sid, None)
            self.connections.discard(connection)
            connection.closed.set()
        return ws

    async def drop_all(self, timeout: float = 5.0) -> None:
        """Abort every connection and wait until their handlers have cleaned up."""
        connections = list(self.connections)
        for connection in connections:
            connection.abort()
        waits = [asyncio.ensure_future(c.closed.wait()) for c in connections]
        if waits:
            _done, pending = await asyncio.wait(waits, timeout=timeout)
            for task in pending:
                task.cancel()
