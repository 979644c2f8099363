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
    futures = [p.future for p in prompts]
    if any(f is None for f in futures):
        raise InvalidArgumentError("prompts", prompts, "every prompt needs a future (a tracker)")
    view = ProgressView(prompts) if progress else None
    deadline = None if timeout is None else time.monotonic() + timeout
    try:
        while not all(f.done() for f in futures if f is not None):
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                raise ComfyTimeoutError(f"{len(prompts)} prompts did not finish within {timeout} s")
            concurrent.futures.wait(
                [f for f in futures if f is not None],
                0.1 if left is None else min(0.1, left),
                return_when=concurrent.futures.ALL_COMPLETED,
            )
            if view is not None:
                view.refresh()
    finally:
        if view is not None:
            view.close()
    return [_outcome(f) for f in futures if f is not None]


async def async_wait_all(
    prompts: Sequence[AsyncPrompt], timeout: float | None = None, *, progress: bool = True
) -> list[PromptResult | BaseException]:
    """:func:`wait_all` for the asyncio client."""
    futures = [p.future for p in prompts]
    if any(f is None for f in futures):
        raise InvalidArgumentError("prompts", prompts, "every prompt needs a future (a tracker)")
    view = ProgressView(prompts) if progress else None
    deadline = None if timeout is None else time.monotonic() + timeout
    waiting = {asyncio.shield(f) for f in futures if f is not None}
    try:
        while not all(f.done() for f in futures if f is not None):
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                raise ComfyTimeoutError(f"{len(prompts)} prompts did not finish within {timeout} s")
            await asyncio.wait(waiting, timeout=0.1 if left is None else min(0.1, left))
            if view is not None:
                view.refresh()
    finally:
        if view is not None:
            view.close()
    return [_outcome(f) for f in futures if f is not None]


def _outcome(future: Any) -> PromptResult | BaseException:
    error = future.exception()
    if error is not None:
        return error
    return future.result()
