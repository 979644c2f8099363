"""ComfyUI 0.3.64's middlewares: cache headers and the loopback Host/Origin check."""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

_IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff", ".webp")
_INDEX_JSON = re.compile(r"^index.*\.json$")


@web.middleware
async def cache_control(request: web.Request, handler: Handler) -> web.StreamResponse:
    """``no-cache`` for scripts/styles/index JSON, long max-age for images."""
    response = await handler(request)
    path = request.path
    last = path.rsplit("/", 1)[-1]
    if path.endswith((".js", ".css")) or _INDEX_JSON.match(last):
        response.headers.setdefault("Cache-Control", "no-cache")
    elif path.lower().endswith(_IMAGE_EXTENSIONS):
        if response.status == 404:
            response.headers.setdefault("Cache-Control", "public, max-age=3600")
        elif 200 <= response.status <= 206 or response.status in (301, 308):
            response.headers.setdefault("Cache-Control", "public, max-age=86400")
        elif response.status in (302, 303, 307):
            response.headers.setdefault("Cache-Control", "no-cache")
    return response


async def _is_loopback(hostname: str) -> bool:
    """An IP literal that is loopback, or a name whose every address is loopback."""
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        pass
    try:
        loop = asyncio.get_running_loop()
        infos = await loop.getaddrinfo(hostname, None, type=socket.SOCK_STREAM)
    except OSError:
        return False
    addresses = {str(info[4][0]).split("%")[0] for info in infos}
    return bool(addresses) and all(ipaddress.ip_address(a).is_loopback for a in addresses)


def _split(netloc: str) -> tuple[str | None, int | None]:
    try:
        parts = urlsplit("//" + netloc)
        return parts.hostname, parts.port
    except ValueError:
        return netloc, None


@web.middleware
async def origin_only(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Reject cross-origin browser requests to a loopback host (403); OPTIONS -> 200."""
    if request.method == "OPTIONS":
        return web.Response()
    host_header = request.headers.get("Host")
    origin_header = request.headers.get("Origin")
    if host_header and origin_header:
        host, host_port = _split(host_header.lower())
        origin_netloc = urlsplit(origin_header).netloc.lower()
        if origin_netloc and host and await _is_loopback(host):
            origin, origin_port = _split(origin_netloc)
            if origin_port is None:
                host_port = None
            if host_port is None:
                origin_port = None
            if (host, host_port) != (origin, origin_port):
                return web.Response(status=403)
    return await handler(request)
