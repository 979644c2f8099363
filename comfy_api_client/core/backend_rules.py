"""What the two backends (``_async/backend.py``, ``_sync/backend.py``) decide alike, free of
I/O: how many calls run at once, how a watched wait is cut into slices, how a failed
background job is reported."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from ..errors import ComfyTimeoutError

logger = logging.getLogger("comfy_api_client")

#: At most this many at once in ``concurrently`` (everywhere: clients, pools, probes).
AT_ONCE = 8


class WaitSlices:
    """A wait of at most ``timeout`` seconds (None: no end) for ``what``, cut into slices of
    at most ``interval`` seconds, so that the waiter can do something between them."""

    def __init__(self, timeout: float | None, what: str, interval: float) -> None:
        self.timeout, self.what, self.interval = timeout, what, interval
        self.end = None if timeout is None else time.monotonic() + timeout

    def next(self) -> float:
        """Seconds to wait next; ``ComfyTimeoutError`` once the wait is over."""
        if self.end is None:
            return self.interval
        left = self.end - time.monotonic()
        if left <= 0:
            raise ComfyTimeoutError(f"{self.what} did not finish within {self.timeout} s")
        return min(self.interval, left)


def job_failed(name: str, job: Callable[..., Any], stopping: bool) -> None:
    """Log a background job's failure, unless its jobs are stopping (then failing is normal)."""
    if not stopping:
        logger.exception("%s job %s failed", name, getattr(job, "__name__", job))
