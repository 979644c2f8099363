"""How the blocking pool runs its background work: threads.

The asyncio twin (``../_async/pool_jobs.py``) does the same with tasks; ``pool.py`` uses
only what both offer.
"""

from __future__ import annotations

import concurrent.futures
import logging
import threading
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

logger = logging.getLogger("comfy_api_client")

T = TypeVar("T")

#: Threads of one ``each`` (probes at open, node definitions) at most.
EACH_AT_ONCE = 32
#: Seconds ``stop`` waits for running jobs (each is bounded by the clients' own timeouts).
STOP_WAIT = 10.0


def new_future() -> concurrent.futures.Future[Any]:
    """A future completed by the pool (from any thread)."""
    return concurrent.futures.Future()


class Jobs:
    """The pool's background jobs: started with :meth:`spawn`, all ended by :meth:`stop`."""

    def __init__(self) -> None:
        self._threads: set[threading.Thread] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def spawn(self, job: Callable[..., Any], *args: Any) -> None:
        """Run ``job(*args)`` in a thread of its own (from any thread)."""
        with self._lock:
            if self._stop.is_set():
                return
            thread = threading.Thread(
                target=self._run, args=(job, args), name="comfy-pool-job", daemon=True
            )
            self._threads.add(thread)
        thread.start()

    def _run(self, job: Callable[..., Any], args: tuple[Any, ...]) -> None:
        try:
            job(*args)
        except Exception:
            if not self._stop.is_set():
                logger.exception("pool job %s failed", getattr(job, "__name__", job))
        finally:
            with self._lock:
                self._threads.discard(threading.current_thread())

    def sleep(self, seconds: float) -> None:
        """Wait ``seconds``, or less when the pool stops."""
        self._stop.wait(seconds)

    def each(self, job: Callable[[T], Any], items: Iterable[T]) -> None:
        """Run ``job`` for every item at once (in threads) and wait for all of them."""
        todo = list(items)
        if len(todo) <= 1:
            for item in todo:
                job(item)
            return
        workers = min(len(todo), EACH_AT_ONCE)
        with concurrent.futures.ThreadPoolExecutor(workers, "comfy-pool-each") as executor:
            for future in [executor.submit(job, item) for item in todo]:
                future.result()

    def stop(self) -> None:
        """Stop starting jobs, tell running ones (their sleeps end) and wait for them."""
        self._stop.set()
        with self._lock:
            threads = list(self._threads)
        current = threading.current_thread()
        for thread in threads:
            if thread is not current:
                thread.join(STOP_WAIT / max(len(threads), 1))
