"""A reverse proxy on loopback in front of a ``ComfyTestServer`` that can answer chosen
requests itself (an HTML login page, a redirect, a malformed body) and records what it saw."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any

import aiohttp
from aiohttp import web

#: ``override(request) -> response or None``: None forwards the request to the server.
Override = Callable[[web.Request], Awaitable[web.StreamResponse | None]]

HOP = {"host", "content-length", "transfer-encoding", "connection", "upgrade", "keep-alive"}


class HostileProxy:
    """Forwards HTTP and ``/ws`` to ``upstream`` unless ``override`` answers first."""

    def __init__(self, upstream: str, override: Override | None = None) -> None:
        self.upstream = upstream.rstrip("/")
        self.override = override
        self.seen: list[tuple[str, str, dict[str, str]]] = []
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.setblocking(False)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.runner: web.AppRunner | None = None
        self.session: aiohttp.ClientSession | None = None
        self.sockets: set[web.WebSocketResponse] = set()

    def _run(self, coro: Awaitable[Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(30)  # type: ignore[arg-type]

    def start(self) -> HostileProxy:
        self.thread.start()
        self._run(self._start())
        return self

    async def _start(self) -> None:
        self.session = aiohttp.ClientSession(auto_decompress=False)
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self.runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=5)
        await self.runner.setup()
        await web.SockSite(self.runner, self.sock).start()

    def stop(self) -> None:
        self._run(self._stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()

    async def _stop(self) -> None:
        for down in list(self.sockets):
            await down.close()
        if self.runner is not None:
            await self.runner.cleanup()
        if self.session is not None:
            await self.session.close()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self.seen.append((request.method, request.path_qs, dict(request.headers)))
        if self.override is not None:
            answer = await self.override(request)
            if answer is not None:
                return answer
        assert self.session is not None
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP}
        target = self.upstream + request.path_qs
        if request.headers.get("upgrade", "").lower() == "websocket":
            return await self._bridge(request, target, headers)
        body = await request.read()
        async with self.session.request(
            request.method, target, headers=headers, data=body, allow_redirects=False
        ) as upstream:
            data = await upstream.read()
            out = {k: v for k, v in upstream.headers.items() if k.lower() not in HOP}
            return web.Response(status=upstream.status, body=data, headers=out)

    async def _bridge(
        self, request: web.Request, target: str, headers: dict[str, str]
    ) -> web.StreamResponse:
        assert self.session is not None
        headers = {k: v for k, v in headers.items() if not k.lower().startswith("sec-websocket")}
        async with self.session.ws_connect("ws" + target[4:], headers=headers) as upstream:
            down = web.WebSocketResponse()
            await down.prepare(request)

            self.sockets.add(down)

            async def pump_up() -> None:
                try:
                    async for msg in down:
                        if msg.type == aiohttp.WSMsgType.TEXT:
                            await upstream.send_str(msg.data)
                        elif msg.type == aiohttp.WSMsgType.BINARY:
                            await upstream.send_bytes(msg.data)
                finally:
                    await upstream.close()

            task = asyncio.ensure_future(pump_up())
            try:
                async for msg in upstream:
                    if msg.type == aiohttp.WSMsgType.TEXT:
                        await down.send_str(msg.data)
                    elif msg.type == aiohttp.WSMsgType.BINARY:
                        await down.send_bytes(msg.data)
            finally:
                self.sockets.discard(down)
                task.cancel()
                await down.close()
            return down

    def posts(self, path: str) -> int:
        """How many POSTs to ``path`` the proxy saw."""
        return sum(1 for method, p, _ in self.seen if method == "POST" and p == path)


@contextmanager
def hostile_proxy(upstream: str, override: Override | None = None) -> Iterator[HostileProxy]:
    proxy = HostileProxy(upstream, override).start()
    try:
        yield proxy
    finally:
        proxy.stop()
