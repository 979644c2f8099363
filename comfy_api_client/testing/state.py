"""The prompt queue and history of one server run (thread-safe, like ComfyUI's PromptQueue)."""

from __future__ import annotations

import copy
import heapq
import threading
from collections.abc import Callable
from typing import Any

#: A queue item: (number, prompt_id, prompt, extra_data, outputs_to_execute).
QueueItem = tuple[Any, str, dict[str, Any], dict[str, Any], list[str]]

MAXIMUM_HISTORY_SIZE = 10000
SENSITIVE_EXTRA_DATA_KEYS = ("auth_token_comfy_org", "api_key_comfy_org")


class Stopped(Exception):
    """The server is shutting down: the worker abandons what it is doing."""


class PromptQueue:
    """Pending heap, running items and history; ``on_change`` broadcasts a ``status``."""

    def __init__(self, on_change: Callable[[], None], is_paused: Callable[[], bool]) -> None:
        self._on_change = on_change
        self._is_paused = is_paused
        self.mutex = threading.RLock()
        self._not_empty = threading.Condition(self.mutex)
        self._task_counter = 0
        self.queue: list[QueueItem] = []
        self.running: dict[int, QueueItem] = {}
        self.history: dict[str, dict[str, Any]] = {}
        self.flags: dict[str, Any] = {}
        self.stopping = False
        self._number = 0

    def next_number(self) -> int:
        """The next prompt number (``POST /prompt`` without ``number``); starts at 0."""
        with self.mutex:
            number = self._number
            self._number += 1
            return number

    # -- worker side -------------------------------------------------------------------------

    def put(self, item: QueueItem) -> None:
        with self.mutex:
            heapq.heappush(self.queue, item)
            self._on_change()
            self._not_empty.notify_all()

    def get(self) -> tuple[QueueItem, int] | None:
        """Block until an item may run (not paused); None when flags arrived or stopping."""
        with self._not_empty:
            while not self.stopping and (not self.queue or self._is_paused()):
                if self.flags:
                    return None
                self._not_empty.wait()
            if self.stopping:
                raise Stopped
            item = heapq.heappop(self.queue)
            index = self._task_counter
            self.running[index] = copy.deepcopy(item)
            self._task_counter += 1
            self._on_change()
            return item, index

    def task_done(self, index: int, history_result: dict[str, Any], status: dict[str, Any]) -> None:
        """Move a finished item into the history (without Comfy tokens) and announce it."""
        with self.mutex:
            number, prompt_id, prompt, extra_data, outputs = self.running.pop(index)
            if len(self.history) > MAXIMUM_HISTORY_SIZE:
                self.history.pop(next(iter(self.history)))
            extra = {k: v for k, v in extra_data.items() if k not in SENSITIVE_EXTRA_DATA_KEYS}
            self.history[prompt_id] = {
                "prompt": [number, prompt_id, prompt, extra, outputs],
                "outputs": {},
                "status": status,
            }
            self.history[prompt_id].update(history_result)
            self._on_change()

    def wake(self) -> None:
        """Re-check the wait condition (pause switched, flags set)."""
        with self._not_empty:
            self._not_empty.notify_all()

    def stop(self) -> None:
        with self._not_empty:
            self.stopping = True
            self._not_empty.notify_all()

    # -- HTTP side -----------------------------------------------------------------------------

    def remaining(self) -> int:
        with self.mutex:
            return len(self.queue) + len(self.running)

    def queue_info(self) -> dict[str, Any]:
        return {"exec_info": {"queue_remaining": self.remaining()}}

    def snapshot(self) -> tuple[list[QueueItem], list[QueueItem]]:
        """(running, pending) lists; pending in heap order."""
        with self.mutex:
            return list(self.running.values()), list(self.queue)

    def running_ids(self) -> list[str]:
        with self.mutex:
            return [item[1] for item in self.running.values()]

    def wipe_queue(self) -> None:
        with self.mutex:
            self.queue = []
            self._on_change()

    def delete_queue_item(self, prompt_id: str) -> bool:
        """Remove a pending item; removing the last one also wipes (a second ``status``)."""
        with self.mutex:
            for i, item in enumerate(self.queue):
                if item[1] == prompt_id:
                    if len(self.queue) == 1:
                        self.wipe_queue()
                    else:
                        self.queue.pop(i)
                        heapq.heapify(self.queue)
                    self._on_change()
                    return True
        return False

    def get_history(
        self, prompt_id: str | None = None, max_items: int | None = None, offset: int = -1
    ) -> dict[str, Any]:
        with self.mutex:
            if prompt_id is not None:
                if prompt_id in self.history:
                    return {prompt_id: self.history[prompt_id]}
                return {}
            out: dict[str, Any] = {}
            if offset < 0 and max_items is not None:
                offset = len(self.history) - max_items
            for i, (key, entry) in enumerate(self.history.items()):
                if i >= offset:
                    out[key] = entry
                    if max_items is not None and len(out) >= max_items:
                        break
            return out

    def wipe_history(self) -> None:
        with self.mutex:
            self.history = {}

    def delete_history_item(self, prompt_id: str) -> None:
        with self.mutex:
            self.history.pop(prompt_id, None)

    def set_flag(self, name: str, value: Any) -> None:
        with self._not_empty:
            self.flags[name] = value
            self._not_empty.notify_all()

    def take_flags(self) -> dict[str, Any]:
        with self.mutex:
            flags, self.flags = self.flags, {}
            return flags
