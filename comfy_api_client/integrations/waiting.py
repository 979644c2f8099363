"""Waiting for many prompts under one progress bar."""

from __future__ import annotations

import asyncio
import concurrent.futures
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..core.results import PromptResult
from ..errors import ComfyTimeoutError, InvalidArgumentError
from ..notebook.progress import ProgressView

if TYPE_CHECKING:
    from .._async.prompt import AsyncPrompt
    from .._sync.prompt import Prompt


def wait_all(
    prompts: Sequence[Prompt], timeout: float | None = None, *, progress: bool = True
) -> list[PromptResult | BaseException]:
    """Wait for every prompt (blocking client) under one progress bar.

    Returns each prompt's result or its error, in order; ``ComfyTimeoutError`` when they have
    not all finished within ``timeout`` seconds (they go on).
    """
    waiting = _Waiting(prompts, timeout, progress)
    try:
        while waiting.pending():
            concurrent.futures.wait(
                waiting.futures, waiting.next_wait(), return_when=concurrent.futures.ALL_COMPLETED
            )
            waiting.refresh()
    finally:
        waiting.close()
    return waiting.outcomes()


async def async_wait_all(
    prompts: Sequence[AsyncPrompt], timeout: float | None = None, *, progress: bool = True
) -> list[PromptResult | BaseException]:
    """:func:`wait_all` for the asyncio client."""
    waiting = _Waiting(prompts, timeout, progress)
    shielded = {asyncio.shield(f) for f in waiting.futures}
    try:
        while waiting.pending():
            await asyncio.wait(shielded, timeout=waiting.next_wait())
            waiting.refresh()
    finally:
        waiting.close()
    return waiting.outcomes()


class _Waiting:
    """What both waits share: the prompts' futures, the deadline and the progress view."""

    def __init__(
        self,
        prompts: Sequence[Prompt] | Sequence[AsyncPrompt],
        timeout: float | None,
        progress: bool,
    ) -> None:
        if not all(p.tracked for p in prompts):
            raise InvalidArgumentError(
                "prompts", prompts, "every prompt needs a future (a tracker)"
            )
        self.futures: list[Any] = [p.future for p in prompts]
        self.count = len(prompts)
        self.timeout = timeout
        self.deadline = None if timeout is None else time.monotonic() + timeout
        self.view = ProgressView(prompts) if progress else None

    def pending(self) -> bool:
        return not all(f.done() for f in self.futures)

    def next_wait(self) -> float:
        """Seconds the next wait may last (0.1 at most, to refresh the view); raises
        ``ComfyTimeoutError`` once the deadline has passed."""
        left = None if self.deadline is None else self.deadline - time.monotonic()
        if left is not None and left <= 0:
            raise ComfyTimeoutError(f"{self.count} prompts did not finish within {self.timeout} s")
        return 0.1 if left is None else min(0.1, left)

    def refresh(self) -> None:
        if self.view is not None:
            self.view.refresh()

    def close(self) -> None:
        if self.view is not None:
            self.view.close()

    def outcomes(self) -> list[PromptResult | BaseException]:
        return [_outcome(f) for f in self.futures]


def _outcome(future: Any) -> PromptResult | BaseException:
    error = future.exception()
    if error is not None:
        return error
    return future.result()
