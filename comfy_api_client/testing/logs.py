"""The server log buffer behind ``/internal/logs`` and the ``logs`` WebSocket message."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from datetime import datetime
from typing import Any

TERMINAL_SIZE = {"cols": 80, "rows": 24}


class LogBuffer:
    """The last 300 log writes; subscribed client ids receive each new entry."""

    def __init__(self, send: Callable[[str, Any, str | None], None]) -> None:
        self._send = send
        self._lock = threading.Lock()
        self._entries: deque[dict[str, str]] = deque(maxlen=300)
        self._subscribers: set[str] = set()

    def write(self, message: str) -> None:
        entry = {"t": datetime.now().isoformat(), "m": message + "\n"}
        with self._lock:
            self._entries.append(entry)
            subscribers = list(self._subscribers)
        for sid in subscribers:
            self._send("logs", {"entries": [entry], "size": None}, sid)

    def entries(self) -> list[dict[str, str]]:
        with self._lock:
            return list(self._entries)

    def text(self) -> str:
        return "".join(f"{e['t']} - {e['m']}" for e in self.entries())

    def subscribe(self, client_id: str, enabled: bool) -> None:
        with self._lock:
            if enabled:
                self._subscribers.add(client_id)
            else:
                self._subscribers.discard(client_id)
