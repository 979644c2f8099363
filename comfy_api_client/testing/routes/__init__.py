"""The HTTP routes of the imitated ComfyUI, by area; each also served under ``/api``
(``/internal`` is not). ``/ws`` is ``hub.Hub.handle``."""

from __future__ import annotations

from aiohttp import web

from ..context import Route, ServerRun
from .assets import AssetRoutes
from .files import FileRoutes
from .group import add_routes
from .info import InfoRoutes
from .internal import InternalRoutes
from .jobs import JobRoutes
from .prompts import PromptRoutes
from .registry import RegistryRoutes
from .userdata import UserRoutes


async def not_found(request: web.Request) -> web.Response:
    """What the frontend's static files answer for any other GET: 404, an empty body labelled
    ``application/octet-stream`` (HEAD: no content type). Other methods get aiohttp's 405."""
    if request.method == "HEAD":
        return web.Response(status=404)
    return web.Response(status=404, body=b"", content_type="application/octet-stream")


def register(app: web.Application, run: ServerRun) -> None:
    """Add every route of ``run`` to ``app``."""
    routes: list[Route] = [
        ("GET", "/ws", run.hub.handle),
        *InfoRoutes(run).routes(),
        *FileRoutes(run).routes(),
        *PromptRoutes(run).routes(),
        *UserRoutes(run).routes(),
    ]
    api_only: list[Route] = []
    if run.version.today:
        routes.extend(RegistryRoutes(run).routes())
        # The jobs routes (/api/jobs...) are in the normal table: also at /api/api/jobs...
        routes.extend(JobRoutes(run).routes())
        if run.assets is not None:  # assets and tags: only under /api
            api_only.extend(AssetRoutes(run, run.assets).routes())
    table = [(m, p + path, h) for p in ("/api", "") for m, path, h in routes]
    table += api_only
    add_routes(app.router, table)
    app.add_subapp("/internal", InternalRoutes(run).application())
    # Everything else falls through to the frontend's static files (see not_found).
    app.router.add_get("/{tail:.*}", not_found)
