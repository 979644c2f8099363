"""``RouteGroup``: handlers that declare their own method and path with ``@route``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from aiohttp import web

from ..context import Handler, Route, ServerRun

F = TypeVar("F", bound=Callable[..., Any])

#: The attribute ``@route`` sets on a handler: its (method, path) pairs.
ROUTES_ATTRIBUTE = "route_table"


def route(method: str, path: str) -> Callable[[F], F]:
    """Declare that the decorated handler answers ``method path`` (may be stacked)."""

    def mark(handler: F) -> F:
        setattr(
            handler, ROUTES_ATTRIBUTE, [(method, path), *getattr(handler, ROUTES_ATTRIBUTE, [])]
        )
        return handler

    return mark


class RouteGroup:
    """The handlers of one area over one server run; ``routes()`` lists them in class order."""

    def __init__(self, run: ServerRun) -> None:
        self.run = run
        self.files = run.files
        self.queue = run.queue

    def wrap(self, handler: Handler) -> Handler:
        """What every handler of the group is served through (itself by default)."""
        return handler

    def routes(self) -> list[Route]:
        """(method, path, handler) for every ``@route`` of the class, in definition order."""
        return [
            (method, path, self.wrap(getattr(self, name)))
            for name, member in vars(type(self)).items()
            for method, path in getattr(member, ROUTES_ATTRIBUTE, ())
        ]


def add_routes(router: web.UrlDispatcher, table: list[Route]) -> None:
    """Add ``table`` to ``router``; every GET route also answers HEAD."""
    for method, path, handler in table:
        if method == "GET":
            router.add_get(path, handler)
        else:
            router.add_route(method, path, handler)
