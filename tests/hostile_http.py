"""A hostile HTTP server on loopback for the deadline and memory tests: routes that drip
their answer a byte a second, never answer, or send more than the client should hold."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
PROBE = {"exec_info": {"queue_remaining": 0}}


class HostileServer:
    """An aiohttp server in a thread; ``routes`` maps ``"GET /path"`` to a handler. Any other
    request is answered 404. ``hang()`` makes every later request wait forever."""

    def __init__(self, routes: dict[str, Handler]) -> None:
        self.routes = {"GET /prompt": json_answer(PROBE), **routes}
        self.hanging = False
        self.requests: list[str] = []
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None
        self.url = ""

    def __enter__(self) -> HostileServer:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    def hang(self) -> None:
        self.hanging = True

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        self._runner = web.AppRunner(app, handler_cancellation=True)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"

    async def _stop(self) -> None:
        handlers = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in handlers:  # dripping or hanging answers
            task.cancel()
        await asyncio.gather(*handlers, return_exceptions=True)
        if self._runner is not None:
            await self._runner.cleanup()

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        key = f"{request.method} {request.path}"
        self.requests.append(key)
        if self.hanging:
            await asyncio.sleep(3600)
        for route, handler in self.routes.items():
            if key == route or (route.endswith("*") and key.startswith(route[:-1])):
                return await handler(request)
        return web.Response(status=404, text="404: Not Found")


def json_answer(body: Any) -> Handler:
    async def handler(request: web.Request) -> web.StreamResponse:
        return web.json_response(body)

    return handler


def drip(total: int = 120, content_type: str = "application/json") -> Handler:
    """Headers at once, then one byte a second (``total`` bytes announced)."""

    async def handler(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": content_type})
        response.content_length = total
        await response.prepare(request)
        for _ in range(total):
            await response.write(b" ")
            await asyncio.sleep(1)
        return response

    return handler


def stream(size: int, chunk: int = 1 << 20, length: bool = True, content_type: str = "") -> Handler:
    """``size`` bytes generated chunk by chunk (never held whole); with ``length`` False, sent
    chunked without a ``Content-Length``."""

    async def handler(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={"Content-Type": content_type or "application/octet-stream"}
        )
        if length:
            response.content_length = size
        else:
            response.enable_chunked_encoding()
        await response.prepare(request)
        sent = 0
        block = bytes(range(256)) * (chunk // 256)
        while sent < size:
            piece = block[: min(len(block), size - sent)]
            await response.write(piece)
            sent += len(piece)
        await response.write_eof()
        return response

    return handler


def big_json(size: int, length: bool = True) -> Handler:
    """A JSON object of about ``size`` bytes (one long string)."""
    body = json.dumps({"Node": {"description": "x" * size}}).encode()

    async def handler(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        if length:
            response.content_length = len(body)
        else:
            response.enable_chunked_encoding()
        await response.prepare(request)
        for start in range(0, len(body), 1 << 16):
            await response.write(body[start : start + (1 << 16)])
        await response.write_eof()
        return response

    return handler
