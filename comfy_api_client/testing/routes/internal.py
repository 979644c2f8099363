"""``/internal``: logs, folder paths and file lists (not served under ``/api``)."""

from __future__ import annotations

import os

from aiohttp import web

from ..context import ServerRun
from ..logs import TERMINAL_SIZE


class InternalRoutes:
    """The frontend's internal routes, mounted as a sub-application on ``/internal``."""

    def __init__(self, run: ServerRun) -> None:
        self.run = run
        self.files = run.files

    def application(self) -> web.Application:
        internal = web.Application()
        internal.router.add_get("/logs", self.internal_logs)
        internal.router.add_get("/logs/raw", self.internal_logs_raw)
        internal.router.add_route("PATCH", "/logs/subscribe", self.internal_logs_subscribe)
        internal.router.add_get("/folder_paths", self.internal_folder_paths)
        internal.router.add_get("/files/{directory_type}", self.internal_files)
        return internal

    # -- /internal ------------------------------------------------------------------------------------

    async def internal_logs(self, request: web.Request) -> web.Response:
        return web.json_response(self.run.logs.text())

    async def internal_logs_raw(self, request: web.Request) -> web.Response:
        return web.json_response({"entries": self.run.logs.entries(), "size": TERMINAL_SIZE})

    async def internal_logs_subscribe(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.run.logs.subscribe(body["clientId"], bool(body["enabled"]))
        return web.Response(status=200)

    async def internal_folder_paths(self, request: web.Request) -> web.Response:
        return web.json_response(self.files.folder_paths())

    async def internal_files(self, request: web.Request) -> web.Response:
        kind = request.match_info["directory_type"]
        if kind not in ("output", "input", "temp"):
            return web.json_response({"error": "Invalid directory type"}, status=400)
        directory = self.files.directory_by_type(kind)
        assert directory is not None
        entries = [e for e in os.scandir(directory) if e.is_file() and not e.name.startswith(".")]
        entries.sort(key=lambda e: -e.stat().st_mtime)
        return web.json_response([e.name for e in entries])
