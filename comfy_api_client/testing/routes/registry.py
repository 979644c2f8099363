"""0.33's registries: ``/node_replacements`` and ``/global_subgraphs`` (recorded bodies)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from aiohttp import web

from .group import RouteGroup, route


@cache
def recorded(name: str) -> Any:
    """A body recorded from ComfyUI 0.33.0 (package data ``data/0.33.0/<name>.json``)."""
    text = resources.files(__package__.rpartition(".")[0]).joinpath(
        "data", "0.33.0", f"{name}.json"
    )
    return json.loads(text.read_text("utf-8"))


def node_replacements() -> dict[str, list[dict[str, Any]]]:
    body: dict[str, list[dict[str, Any]]] = recorded("node_replacements")
    return body


class RegistryRoutes(RouteGroup):
    """Deprecated-node replacements and the subgraph blueprints the double holds."""

    @route("GET", "/node_replacements")
    async def node_replacements(self, request: web.Request) -> web.Response:
        return web.json_response(node_replacements())

    @route("GET", "/global_subgraphs")
    async def global_subgraphs(self, request: web.Request) -> web.Response:
        entries: dict[str, dict[str, Any]] = recorded("global_subgraphs")
        return web.json_response(
            {key: {k: v for k, v in entry.items() if k != "data"} for key, entry in entries.items()}
        )

    @route("GET", "/global_subgraphs/{id}")
    async def global_subgraph(self, request: web.Request) -> web.Response:
        return web.json_response(recorded("global_subgraphs").get(request.match_info["id"]))
