"""What the route handlers see of one server run, so ``routes`` need not import ``app``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol

from aiohttp import web

from .files import ServerFiles
from .hub import Hub
from .logs import LogBuffer
from .nodes import NodeRegistry
from .state import PromptQueue

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

#: One route: (method, path, handler); GET routes also answer HEAD.
Route = tuple[str, str, Handler]


class ServerRun(Protocol):
    """The state of one server run (``app.ComfyApp`` is the implementation)."""

    @property
    def files(self) -> ServerFiles: ...

    @property
    def queue(self) -> PromptQueue: ...

    @property
    def registry(self) -> NodeRegistry: ...

    @property
    def hub(self) -> Hub: ...

    @property
    def logs(self) -> LogBuffer: ...

    @property
    def address(self) -> tuple[str, int]:
        """(host, port) the server listens on."""
        ...

    def interrupt(self) -> None:
        """Set the global interrupt flag."""
        ...
