"""``/internal``: logs, folder paths and file lists (not served under ``/api``)."""

from __future__ import annotations

import os

from aiohttp import web

from ..logs import TERMINAL_SIZE
from .group import RouteGroup, add_routes, route


class InternalRoutes(RouteGroup):
    """The frontend's internal routes, mounted as a sub-application on ``/internal``."""

    def application(self) -> web.Application:
        internal = web.Application()
        add_routes(internal.router, self.routes())
        return internal

    # -- /internal ------------------------------------------------------------------------------------

    @route("GET", "/logs")
    async def internal_logs(self, request: web.Request) -> web.Response:
        return web.json_response(self.run.logs.text())

    @route("GET", "/logs/raw")
    async def internal_logs_raw(self, request: web.Request) -> web.Response:
        return web.json_response({"entries": self.run.logs.entries(), "size": TERMINAL_SIZE})

    @route("PATCH", "/logs/subscribe")
    async def internal_logs_subscribe(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.run.logs.subscribe(body["clientId"], bool(body["enabled"]))
        return web.Response(status=200)

    @route("GET", "/folder_paths")
    async def internal_folder_paths(self, request: web.Request) -> web.Response:
        return web.json_response(self.files.folder_paths())

    @route("GET", "/files/{directory_type}")
    async def internal_files(self, request: web.Request) -> web.Response:
        kind = request.match_info["directory_type"]
        if kind not in ("output", "input", "temp"):
            return web.json_response({"error": "Invalid directory type"}, status=400)
        directory = self.files.directory_by_type(kind)
        assert directory is not None
        entries = [e for e in os.scandir(directory) if e.is_file() and not e.name.startswith(".")]
        entries.sort(key=lambda e: -e.stat().st_mtime)
        return web.json_response([e.name for e in entries])
