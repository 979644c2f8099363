"""What a server is: its version, its feature flags, and what the client derives from them
(which routes it has, which request to pick where versions differ)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from comfyui_openapi.route_versions import DESCRIBED_VERSIONS, OPERATIONS, ROUTE_SINCE, ROUTE_UNTIL

from ..formats import as_mapping

Version = tuple[int, ...]


def parse_version(text: object) -> Version | None:
    """``"0.33.0"`` -> ``(0, 33, 0)``; suffixes (``-rc1``, ``+git``) are ignored; None when
    there is no version."""
    if not isinstance(text, str):
        return None
    found = re.match(r"\s*v?(\d+(?:\.\d+)*)", text)
    return tuple(int(part) for part in found.group(1).split(".")) if found else None


def first_version() -> str:
    """The oldest server version the spec describes."""
    return DESCRIBED_VERSIONS[0]


def route_of(operation: str) -> str:
    """``"GET /api/assets"`` for ``"list_assets"`` (the operation's name if unknown)."""
    route = OPERATIONS.get(operation)
    return f"{route[0]} {route[1]}" if route is not None else operation


def route_since(operation: str) -> str | None:
    """The first described server version that serves ``operation`` (an endpoint module name,
    e.g. ``"list_assets"``); None for an operation the spec does not mark."""
    route = OPERATIONS.get(operation)
    return ROUTE_SINCE.get(route) if route is not None else None


@dataclass(frozen=True, slots=True)
class ServerInfo:
    """A server's version and features (``/system_stats`` and ``/features``)."""

    #: ``comfyui_version`` as the server reports it ("" when it does not).
    version: str
    #: ``system.os``: ``posix``/``nt`` on 0.3.64, ``linux``/``win32``/``darwin`` on 0.33.
    os: str
    python_version: str
    #: The ``/features`` flags, as sent.
    features: Mapping[str, Any] = field(repr=False)
    #: The whole ``/system_stats`` body, as sent.
    system_stats: Mapping[str, Any] = field(repr=False)

    @classmethod
    def from_bodies(cls, system_stats: object, features: object) -> ServerInfo:
        system = as_mapping(as_mapping(system_stats).get("system"))
        return cls(
            version=str(system.get("comfyui_version") or ""),
            os=str(system.get("os") or ""),
            python_version=str(system.get("python_version") or ""),
            features=dict(as_mapping(features)),
            system_stats=dict(as_mapping(system_stats)),
        )

    @property
    def version_tuple(self) -> Version | None:
        return parse_version(self.version)

    @property
    def is_windows(self) -> bool:
        return self.os in ("nt", "win32")

    def serves(self, operation: str) -> bool:
        """Whether this server has the route of ``operation`` (by the version marks of the
        spec; a server older than every described version is judged as the oldest)."""
        route = OPERATIONS.get(operation)
        if route is None:
            return True
        mine = self.version_tuple or parse_version(DESCRIBED_VERSIONS[0]) or (0,)
        since = parse_version(ROUTE_SINCE.get(route))
        until = parse_version(ROUTE_UNTIL.get(route))
        return (since is None or mine >= since) and (until is None or mine < until)

    @property
    def has_jobs_api(self) -> bool:
        """``/api/jobs`` with its cancel routes: one request cancels a prompt, no race
        between removing it from the queue and interrupting it."""
        return self.serves("cancel_job")

    @property
    def has_assets(self) -> bool:
        """The assets API is on (``--enable-assets``, the default from 0.36)."""
        return self.features.get("assets") is True

    @property
    def applies_node_replacements(self) -> bool:
        """The server replaces deprecated nodes (``/node_replacements``) in every prompt."""
        return self.features.get("node_replacements") is True


class ServerInfoCache:
    """The client's :class:`ServerInfo`, kept until the WebSocket reconnects: the server may
    have restarted meanwhile as another version (other routes, another cancel policy).

    ``reconnects`` is the tracker's count (``ServerState.reconnects``), taken *before* the
    bodies are read, so that a reconnect during the read makes the next call read again.
    """

    def __init__(self) -> None:
        self._info: ServerInfo | None = None
        self._reconnects = 0

    def current(self, reconnects: int) -> ServerInfo | None:
        """The kept info, or None when there is none or the socket reconnected since."""
        return self._info if self._reconnects == reconnects else None

    def keep(self, info: ServerInfo, reconnects: int) -> ServerInfo:
        self._info, self._reconnects = info, reconnects
        return info
