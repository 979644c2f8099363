"""A hostile loopback proxy in front of the test double, for the WebSocket tracker tests.

HTTP passes through unchanged; on ``/ws`` it relays the double's frames both ways and, on
``inject``, sends frames of its own (too deep, too large, not JSON) to every client socket.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import aiohttp
from aiohttp import web

from comfy_api_client import create_async_client, create_client


class HostileProxy:
    """``url`` reaches the double at ``upstream`` through this proxy (see the module doc)."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream.rstrip("/")
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.sockets: list[web.WebSocketResponse] = []
        self._transports: dict[web.WebSocketResponse, asyncio.BaseTransport | None] = {}
        self.connections = 0
        self.url = ""
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None

    def start(self) -> HostileProxy:
        self.thread.start()
        self._run(self._start())
        return self

    def stop(self) -> None:
        self._run(self._stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()

    def inject(self, frame: str | bytes) -> None:
        """Send ``frame`` to every connected client socket (returns once it is written, or
        the client dropped the socket)."""
        self._run(self._inject(frame))

    def inject_raw(self, data: bytes) -> None:
        """Write ``data`` (whole frames, e.g. a fragmented message) to every client socket."""

        async def write() -> None:
            for ws in list(self.sockets):
                transport = self._transports.get(ws)
                if isinstance(transport, asyncio.Transport) and not transport.is_closing():
                    transport.write(data)

        self._run(write())

    def _run(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(30)

    async def _start(self) -> None:
        self._session = aiohttp.ClientSession()
        app = web.Application(client_max_size=1 << 30)
        app.router.add_get("/ws", self._ws)
        app.router.add_route("*", "/{tail:.*}", self._http)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        site = web.SockSite(self._runner, sock)
        await site.start()
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"

    async def _stop(self) -> None:
        for ws in list(self.sockets):
            with contextlib.suppress(Exception):
                await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()
        if self._session is not None:
            await self._session.close()

    async def _inject(self, frame: str | bytes) -> None:
        for ws in list(self.sockets):
            # a client may drop its socket before the whole frame is written (one too large)
            with contextlib.suppress(ConnectionError):
                if isinstance(frame, str):
                    await ws.send_str(frame)
                else:
                    await ws.send_bytes(frame)

    async def _http(self, request: web.Request) -> web.Response:
        assert self._session is not None
        headers = {k: v for k, v in request.headers.items() if k.lower() != "host"}
        async with self._session.request(
            request.method,
            self.upstream + request.path_qs,
            headers=headers,
            data=await request.read(),
            allow_redirects=False,
        ) as answer:
            body = await answer.read()
            kept = {
                k: v
                for k, v in answer.headers.items()
                if k.lower() in ("content-type", "content-disposition")
            }
            return web.Response(status=answer.status, body=body, headers=kept)

    async def _ws(self, request: web.Request) -> web.WebSocketResponse:
        assert self._session is not None
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        self.connections += 1
        target = self.upstream.replace("http", "ws", 1) + request.path_qs
        async with self._session.ws_connect(target, max_msg_size=0) as up:
            self.sockets.append(ws)
            self._transports[ws] = request.transport

            async def down() -> None:
                async for msg in up:
                    if msg.type == aiohttp.WSMsgType.TEXT:
                        await ws.send_str(msg.data)
                    elif msg.type == aiohttp.WSMsgType.BINARY:
                        await ws.send_bytes(msg.data)
                await ws.close()

            relay = asyncio.ensure_future(down())
            try:
                async for msg in ws:
                    if msg.type == aiohttp.WSMsgType.TEXT:
                        await up.send_str(msg.data)
            finally:
                self.sockets.remove(ws)
                self._transports.pop(ws, None)
                relay.cancel()
                await asyncio.gather(relay, return_exceptions=True)
        return ws


def frame(payload: bytes, opcode: int, fin: bool) -> bytes:
    """One unmasked server-to-client frame."""
    head = bytes([(0x80 if fin else 0) | opcode])
    n = len(payload)
    if n < 126:
        return head + bytes([n]) + payload
    if n < 1 << 16:
        return head + bytes([126]) + n.to_bytes(2, "big") + payload
    return head + bytes([127]) + n.to_bytes(8, "big") + payload


@contextmanager
def hostile_proxy(upstream: str) -> Iterator[HostileProxy]:
    proxy = HostileProxy(upstream).start()
    try:
        yield proxy
    finally:
        proxy.stop()


@contextmanager
def opened(kind: str, url: str, **options: Any) -> Iterator[Any]:
    """A client of ``kind`` ("sync"/"async", the latter driven from this thread), open on ``url``."""
    from conftest import BlockingClient, LoopThread

    options.setdefault("http_timeout", 10)
    closers: list[Callable[[], None]] = []
    try:
        if kind == "sync":
            client = create_client(url, **options)
            closers.append(client.close)
            client.open()
            yield client
        else:
            loop = LoopThread()
            closers.append(loop.close)
            aclient = create_async_client(url, **options)
            closers.append(lambda: loop.run(aclient.close()))
            loop.run(aclient.open())
            yield BlockingClient(aclient, loop)
    finally:
        for close in reversed(closers):
            close()
