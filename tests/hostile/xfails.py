"""Cases that fail today because of a defect being fixed on another branch.

Each mark is strict: when the fix lands the case passes, pytest reports XPASS(strict) as a
failure, and the entry is to be dropped. Keys are (client kind, route or attack, attack),
``"*"`` matching anything.
"""

from __future__ import annotations

from typing import Any

import pytest

#: Defect 5: the ``websockets`` library logs the handshake headers at DEBUG (the asyncio
#: client's ``Authorization`` and ``X-Api-Key``). While True, the log capture of every case sets
#: the ``websockets`` records aside and only ``test_no_secret_in_websocket_handshake_log``
#: checks them (marked xfail for the asyncio client): set it to False with that mark's removal.
WEBSOCKETS_HANDSHAKE_LEAKS = False


#: Every defect this suite found (the issue's and nine new ones, N1-N9) is fixed: the tables
#: below are empty. A case that fails for a known, not yet fixed reason gets an entry here.

#: (kind, route, attack) -> defect, for the native HTTP matrix.
NATIVE: dict[tuple[str, str, str], str] = {}

#: (kind, attack, "") -> defect, for the WebSocket attacks.
WEBSOCKET: dict[tuple[str, str, str], str] = {}

#: (kind, "history" or "queue", attack) -> defect, for the tracker's own requests.
TRACKER: dict[tuple[str, str, str], str] = {}

#: (kind, call, "") -> defect, for the huge answers of ``test_memory``.
MEMORY: dict[tuple[str, str, str], str] = {}

#: (kind, "client" or "pool", address form) -> defect, for ``test_userinfo``.
USERINFO: dict[tuple[str, str, str], str] = {}

#: (kind, "close", attack) -> defect, for ``test_close``.
CLOSE: dict[tuple[str, str, str], str] = {}

#: (kind, route, attack) -> defect, for Comfy API v2.
V2: dict[tuple[str, str, str], str] = {}


def reason(table: dict[tuple[str, str, str], str], kind: str, a: str, b: str = "") -> str | None:
    for key in (
        (kind, a, b),
        ("*", a, b),
        (kind, a, "*"),
        ("*", a, "*"),
        (kind, "*", b),
        ("*", "*", b),
    ):
        if key in table:
            return table[key]
    return None


def marks(table: dict[tuple[str, str, str], str], kind: str, a: str, b: str = "") -> list[Any]:
    why = reason(table, kind, a, b)
    return [pytest.mark.xfail(strict=True, reason=f"defect {why}")] if why else []


def cases(
    table: dict[tuple[str, str, str], str], pairs: list[tuple[str, str]], *values: Any
) -> list[Any]:
    """``pytest.param(kind, *value)`` for both kinds and every (a, b) pair, marked from
    ``table``; ``values`` are the objects the pairs stand for (default: the pair itself)."""
    out = []
    for kind in ("sync", "async"):
        for i, (a, b) in enumerate(pairs):
            value = values[i] if values else (a, b)
            args = value if isinstance(value, tuple) else (value,)
            name = f"{kind}-{a}-{b}" if b else f"{kind}-{a}"
            out.append(pytest.param(kind, *args, id=name, marks=marks(table, kind, a, b)))
    return out
