"""How long to wait: between attempts at a request, before a reconnect, a probe or asking
again; and when to stop trying. Plain numbers and rules, no sleeping here."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import ComfyError, RateLimitedError

if TYPE_CHECKING:
    from .options import ClientOptions

#: Seconds between attempts at a request (the last repeats): the clients' and the trackers'.
RETRY_DELAYS = (0.2, 0.5, 1.0, 2.0, 5.0)
#: Seconds between probes of a down pool server, by failed attempt (the last repeats).
PROBE_DELAYS = (0.25, 0.5, 1.0, 2.0, 5.0, 10.0)
#: Seconds before asking again, during a pool's reattach, the servers that could not say
#: whether they hold the prompt; after the last, ``PromptUnconfirmedError``.
REATTACH_DELAYS = (0.25, 0.5, 1.0, 2.0, 4.0)


def capped(delays: Sequence[float], attempt: int) -> float:
    """``delays[attempt]`` (0-based), the last one once they run out."""
    return delays[min(attempt, len(delays) - 1)]


def retry_delay(attempt: int) -> float:
    """Seconds to wait after failed attempt ``attempt`` (0-based) at a request."""
    return capped(RETRY_DELAYS, attempt)


def _never() -> bool:
    return False


@dataclass(frozen=True, slots=True)
class Retry:
    """When a failed request is sent again, and after how long (:meth:`delay`)."""

    #: Tries in all; None: until it succeeds, ``gives_up`` or ``stopped``.
    attempts: int | None = None
    #: The errors worth another try (any other is raised at once).
    retried: tuple[type[ComfyError], ...] = (ComfyError,)
    #: Whether an error is final after failed attempt ``n`` (0-based).
    gives_up: Callable[[ComfyError, int], bool] | None = None
    #: Whether the client is closing: nothing is tried again.
    stopped: Callable[[], bool] = _never
    #: Wait as long as a 429's ``Retry-After`` asks, up to this many seconds (longer: give up).
    max_asked_wait: float | None = None
    #: The level failed attempts are logged at.
    level: int = logging.DEBUG

    def delay(self, error: ComfyError, attempt: int) -> float | None:
        """Seconds to wait after failed attempt ``attempt`` (0-based) ended with ``error``
        before trying again; None: give up (raise ``error``)."""
        if self.stopped() or not isinstance(error, self.retried):
            return None
        if self.attempts is not None and attempt + 1 >= self.attempts:
            return None
        if self.gives_up is not None and self.gives_up(error, attempt):
            return None
        wait = retry_delay(attempt)
        if self.max_asked_wait is not None and isinstance(error, RateLimitedError):
            wait = wait if error.retry_after is None else error.retry_after
            if wait > self.max_asked_wait:
                return None
        return wait


class TrackerPlan:
    """How long the tracker waits: between attempts at a request, before a reconnect."""

    def __init__(self, options: ClientOptions) -> None:
        self._options = options

    @staticmethod
    def retry_delay(attempt: int) -> float:
        """Seconds to wait after failed attempt ``attempt`` (0-based), capped."""
        return retry_delay(attempt)

    def reconnect_delay(self, attempt: int) -> float:
        """Seconds to wait before reconnect attempt ``attempt`` (0-based), capped."""
        return capped(self._options.reconnect_delays, attempt)
