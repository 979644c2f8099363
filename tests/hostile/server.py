"""A programmable hostile server on loopback, in front of a real upstream (the test double).

Every request is forwarded to the upstream (HTTP and WebSocket alike) unless a rule matches
it: then the rule answers instead, as told per test — status, headers, body, content type, a
drip, a stall, a redirect, a connection closed mid-body, a huge streamed body. WebSocket
frames of any kind can be pushed to the connected clients, and the upgrade itself refused.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

HOP = {
    "host",
    "connection",
    "keep-alive",
    "transfer-encoding",
    "content-length",
    "content-encoding",
    "upgrade",
    "te",
    "trailer",
    "proxy-connection",
}


@dataclass
class Rule:
    """How to answer the requests whose path matches ``pattern`` (a regex, full match,
    against the path without its ``/api`` prefix)."""

    pattern: str
    method: str | None = None
    count: int | None = None  # None: every matching request until cleared
    status: int = 200
    body: bytes = b""
    content_type: str | None = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    drip: float | None = None  # seconds between single bytes of the body
    stall: bool = False  # never answer (until the server stops)
    redirect: str | None = None  # 307 to this base URL + the same path and query
    close_after: int | None = None  # send this many bytes of the body, then cut the connection
    huge: int | None = None  # stream this many bytes: body, then repeated padding
    hits: int = 0

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method.upper() != method.upper():
            return False
        return re.fullmatch(self.pattern, path) is not None


def strip_api(path: str) -> str:
    if path == "/api" or (path.startswith("/api/") and not path.startswith("/api/v2")):
        return path[4:] or "/"
    return path


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


class HostileServer:
    """An aiohttp server in its own thread and loop; ``attack`` programs its answers."""

    def __init__(self, upstream: str | None, host: str = "127.0.0.1") -> None:
        self.upstream = upstream.rstrip("/") if upstream else None
        self.host = host
        self.port = free_port(host)
        self.rules: list[Rule] = []
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._sockets: dict[web.WebSocketResponse, web.Request] = {}
        self._stopping: asyncio.Event | None = None
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    # -- life cycle ----------------------------------------------------------------------------

    def start(self) -> HostileServer:
        self._thread.start()
        self._run(self._start())
        return self

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._run(self._stop(), timeout=15)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    def __enter__(self) -> HostileServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self, coro: Any, timeout: float = 30) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    async def _start(self) -> None:
        self._stopping = asyncio.Event()
        self._session = aiohttp.ClientSession(auto_decompress=False)
        app = web.Application(client_max_size=1 << 30)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()

    async def _stop(self) -> None:
        assert self._stopping is not None
        self._stopping.set()
        for ws in list(self._sockets):
            with contextlib.suppress(Exception):
                await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()
        if self._session is not None:
            await self._session.close()

    # -- programming ---------------------------------------------------------------------------

    def attack(self, pattern: str, **kwargs: Any) -> Rule:
        """Answer requests matching ``pattern`` as ``kwargs`` say (see :class:`Rule`)."""
        rule = Rule(pattern, **kwargs)
        with self._lock:
            self.rules.append(rule)
        return rule

    def clear(self) -> None:
        with self._lock:
            self.rules.clear()

    def clear_requests(self) -> None:
        with self._lock:
            self.requests.clear()

    def _take(self, method: str, path: str) -> Rule | None:
        with self._lock:
            for rule in self.rules:
                if rule.matches(method, path):
                    rule.hits += 1
                    if rule.count is not None:
                        rule.count -= 1
                        if rule.count <= 0:
                            self.rules.remove(rule)
                    return rule
        return None

    # -- WebSocket frames ----------------------------------------------------------------------

    def send_frames(self, frames: list[tuple[str, Any]], timeout: float = 30) -> int:
        """Send ``("text", str)``, ``("binary", bytes)``, ``("close", None)`` or
        ``("abort", None)`` frames to every connected WebSocket client; how many got them."""
        return int(self._run(self._send_frames(frames), timeout))

    async def _send_frames(self, frames: list[tuple[str, Any]]) -> int:
        sent = 0
        for ws, request in list(self._sockets.items()):
            try:
                for kind, data in frames:
                    if kind == "text":
                        await ws.send_str(data)
                    elif kind == "binary":
                        await ws.send_bytes(data)
                    elif kind == "close":
                        await ws.close()
                    elif kind == "abort" and request.transport is not None:
                        request.transport.abort()
                sent += 1
            except (ConnectionError, RuntimeError, aiohttp.ClientError):
                pass
        return sent

    def ws_count(self) -> int:
        return len(self._sockets)

    # -- the handler ---------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        path = strip_api(request.path)
        with self._lock:
            self.requests.append((request.method, request.path_qs, dict(request.headers)))
        rule = self._take(request.method, path)
        if rule is not None:
            return await self._answer(request, rule)
        if self.upstream is None:
            return web.Response(status=404, text="nothing here")
        if request.headers.get("upgrade", "").lower() == "websocket":
            return await self._websocket(request)
        return await self._forward(request)

    async def _answer(self, request: web.Request, rule: Rule) -> web.StreamResponse:
        assert self._stopping is not None
        if rule.stall:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), 120)
            raise asyncio.CancelledError
        if rule.redirect is not None:
            headers = {"Location": rule.redirect.rstrip("/") + request.path_qs, **rule.headers}
            return web.Response(status=rule.status if rule.status >= 300 else 307, headers=headers)
        headers = dict(rule.headers)
        if rule.content_type is not None:
            headers["Content-Type"] = rule.content_type
        total = rule.huge if rule.huge is not None else len(rule.body)
        response = web.StreamResponse(status=rule.status, headers=headers)
        response.content_length = total
        await response.prepare(request)
        if rule.huge is not None:
            await self._write_huge(response, rule.body, rule.huge)
        elif rule.drip is not None:
            for i in range(len(rule.body)):
                await response.write(rule.body[i : i + 1])
                await asyncio.sleep(rule.drip)
        elif rule.close_after is not None:
            await response.write(rule.body[: rule.close_after])
            await asyncio.sleep(0.05)
            if request.transport is not None:
                request.transport.abort()
            raise asyncio.CancelledError
        else:
            await response.write(rule.body)
        await response.write_eof()
        return response

    async def _write_huge(self, response: web.StreamResponse, head: bytes, total: int) -> None:
        await response.write(head)
        pad = b" " * (1 << 20)
        left = total - len(head)
        while left > 0:
            chunk = pad[: min(left, len(pad))]
            await response.write(chunk)
            left -= len(chunk)

    async def _forward(self, request: web.Request) -> web.StreamResponse:
        assert self._session is not None and self.upstream is not None
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP}
        body = await request.read()
        try:
            async with self._session.request(
                request.method,
                self.upstream + request.path_qs,
                headers=headers,
                data=body or None,
                allow_redirects=False,
                timeout=aiohttp.ClientTimeout(total=60),
            ) as upstream:
                content = await upstream.read()
                out = {k: v for k, v in upstream.headers.items() if k.lower() not in HOP}
                return web.Response(status=upstream.status, body=content, headers=out)
        except (TimeoutError, aiohttp.ClientError):
            return web.Response(status=502, text="upstream unreachable")

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        assert self._session is not None and self.upstream is not None
        headers = {
            k: v
            for k, v in request.headers.items()
            if k.lower() not in HOP and not k.lower().startswith("sec-websocket")
        }
        try:
            upstream = await self._session.ws_connect(
                self.upstream + request.path_qs, headers=headers, max_msg_size=0
            )
        except (TimeoutError, aiohttp.ClientError):
            return web.Response(status=502, text="upstream unreachable")
        ws = web.WebSocketResponse(max_msg_size=0, autoping=True)
        await ws.prepare(request)
        self._sockets[ws] = request

        async def down() -> None:
            async for msg in upstream:
                if msg.type == aiohttp.WSMsgType.TEXT:
                    await ws.send_str(msg.data)
                elif msg.type == aiohttp.WSMsgType.BINARY:
                    await ws.send_bytes(msg.data)
                else:
                    break

        pump = asyncio.ensure_future(down())
        try:
            async for msg in ws:
                if msg.type == aiohttp.WSMsgType.TEXT:
                    await upstream.send_str(msg.data)
                elif msg.type == aiohttp.WSMsgType.BINARY:
                    await upstream.send_bytes(msg.data)
        except (ConnectionError, RuntimeError, aiohttp.ClientError):
            pass
        finally:
            self._sockets.pop(ws, None)
            pump.cancel()
            with contextlib.suppress(BaseException):
                await pump
            await upstream.close()
            with contextlib.suppress(Exception):
                await ws.close()
        return ws


def json_bytes(value: Any) -> bytes:
    import json

    return json.dumps(value).encode()


Factory = Callable[..., HostileServer]
