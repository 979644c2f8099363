"""The HTTP routes of the imitated ComfyUI, by area; each also served under ``/api``
(``/internal`` is not). ``/ws`` is ``hub.Hub.handle``."""

from __future__ import annotations

from aiohttp import web

from ..context import Route, ServerRun
from .files import FileRoutes
from .info import InfoRoutes
from .internal import InternalRoutes
from .prompts import PromptRoutes
from .userdata import UserRoutes


async def not_found(request: web.Request) -> web.Response:
    """What the frontend's static files answer for anything else: 404, empty."""
    return web.Response(status=404)


def register(app: web.Application, run: ServerRun) -> None:
    """Add every route of ``run`` to ``app``."""
    routes: list[Route] = [
        ("GET", "/ws", run.hub.handle),
        *InfoRoutes(run).routes(),
        *FileRoutes(run).routes(),
        *PromptRoutes(run).routes(),
        *UserRoutes(run).routes(),
    ]
    for prefix in ("/api", ""):
        for method, path, handler in routes:
            if method == "GET":  # every GET route also answers HEAD
                app.router.add_get(prefix + path, handler)
            else:
                app.router.add_route(method, prefix + path, handler)
    app.add_subapp("/internal", InternalRoutes(run).application())
    # Everything else falls through to the frontend's static files: 404, empty.
    app.router.add_get("/{tail:.*}", not_found)
