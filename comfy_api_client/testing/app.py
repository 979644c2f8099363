"""One run of the imitated ComfyUI process: aiohttp app, queue, sockets and worker.

``ComfyTestServer.restart`` throws a ``ComfyApp`` away and builds a new one on the same
port, which loses the queue, the history, the caches and every connection.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from .assets import AssetStore
from .executor import Worker
from .faults import Faults
from .files import ServerFiles
from .hub import Hub
from .logs import LogBuffer
from .middleware import cache_control, origin_only
from .nodes import NodeRegistry
from .routes import register
from .state import PromptQueue
from .versions import DEFAULT_VERSION, ServerVersion, server_version

MAX_UPLOAD_SIZE = 104857600

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class Controls:
    """Test-side switches and counters that survive restarts."""

    faults: Faults = field(default_factory=Faults)
    requests: list[tuple[str, str]] = field(default_factory=list)
    request_headers: list[dict[str, str]] = field(default_factory=list)
    node_delay: float = 0.0
    paused: bool = False
    ws_connections_total: int = 0
    version: ServerVersion = field(default_factory=lambda: server_version(DEFAULT_VERSION))
    #: What ``/object_info`` serves instead of the executable nodes' definitions.
    catalog: dict[str, Any] | None = None
    #: The assets store of a 0.33 server (kept across restarts, like its database).
    assets: AssetStore | None = None
    #: ``(prompt_id, status_str)`` of every prompt whose run ended, in order.
    executed: list[tuple[str, str]] = field(default_factory=list)


class ComfyApp:
    """The aiohttp application and the state of one server run."""

    def __init__(
        self, controls: Controls, files: ServerFiles, loop: asyncio.AbstractEventLoop
    ) -> None:
        self.controls = controls
        self.files = files
        self.loop = loop
        self.address: tuple[str, int] = ("127.0.0.1", 0)
        self.version = controls.version
        self.assets = controls.assets
        self.catalog = controls.catalog
        self.registry = NodeRegistry(files)
        self.hub = Hub(
            loop,
            queue_info=lambda: self.queue.queue_info(),
            silenced=lambda: controls.faults.websockets_silenced,
            on_connect=self._count_connection,
            features=self.version.features,
        )
        self.queue = PromptQueue(self.hub.queue_updated, is_paused=lambda: controls.paused)
        self.logs = LogBuffer(self.hub.send_sync)
        self.worker = Worker(
            self.queue,
            self.hub,
            self.registry,
            files,
            node_delay=lambda: controls.node_delay,
            log_line=self.logs.write,
            assets=self.assets,
            on_executed=controls.executed.append,
        )
        self.app = web.Application(
            client_max_size=MAX_UPLOAD_SIZE,
            middlewares=[self._record, controls.faults.middleware(), cache_control, origin_only],
        )
        register(self.app, self)
        self._runner: web.AppRunner | None = None
        self._publisher: asyncio.Task[None] | None = None

    def _count_connection(self) -> None:
        self.controls.ws_connections_total += 1

    @web.middleware
    async def _record(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        self.controls.requests.append((request.method, request.path_qs))
        self.controls.request_headers.append(dict(request.headers))
        return await handler(request)

    def interrupt(self) -> None:
        """Set the global interrupt flag (lands at the next interrupt point)."""
        self.worker.interrupt.set(True)

    async def start(self, sock: socket.socket) -> None:
        host, port = sock.getsockname()[:2]
        self.address = (str(host), int(port))
        self._runner = web.AppRunner(self.app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        await web.SockSite(self._runner, sock).start()
        self._publisher = asyncio.ensure_future(self.hub.publish_loop())
        self.worker.start()
        self.logs.write("Starting server")

    async def stop(self) -> None:
        """Stop the worker, kill every connection, close the listening socket."""
        self.hub.closed = True
        self.worker.stop()
        await self.hub.drop_all()
        if self._runner is not None:
            await self._runner.cleanup()
        if self._publisher is not None:
            self._publisher.cancel()
        await asyncio.get_running_loop().run_in_executor(None, self.worker.join, 30.0)
