"""What the route handlers see of one server run, so ``routes`` need not import ``app``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from aiohttp import web

from .assets import AssetStore
from .files import ServerFiles
from .hub import Hub
from .logs import LogBuffer
from .nodes import NodeRegistry
from .state import PromptQueue
from .versions import ServerVersion

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
    def version(self) -> ServerVersion: ...

    @property
    def assets(self) -> AssetStore | None:
        """The assets store (0.33 only)."""
        ...

    @property
    def catalog(self) -> dict[str, Any] | None:
        """The ``/object_info`` served instead of the executable nodes' (None: theirs)."""
        ...

    @property
    def address(self) -> tuple[str, int]:
        """(host, port) the server listens on."""
        ...

    def interrupt(self) -> None:
        """Set the global interrupt flag."""
        ...
