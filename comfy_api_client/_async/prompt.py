"""A submitted prompt, as the asyncio client returns it.

This file is the source of ``../_sync/prompt.py`` (``scripts/unasync.py``).
"""

from __future__ import annotations

from typing import Any, Protocol

from ..calls import PromptInfo
from ..protocol import Progress, PromptStatus
from ..results import PromptResult
from .backend import Future, wait_future
from .seam import AsyncPromptTracker


class AsyncPromptHost(Protocol):
    """What a prompt asks of the client that submitted it."""

    async def wait_for_result(self, prompt: str, timeout: float | None = None) -> PromptResult: ...

    async def cancel_prompt(self, prompt: str) -> None: ...


class AsyncPrompt:
    """A prompt the server accepted.

    ``future`` completes with its ``PromptResult`` or a typed error (``ExecutionError``,
    ``ExecutionInterrupted``, ``PromptLostError``...); it is None when the prompt is not
    tracked (``return_future=False`` or no state tracker): use ``client.fetch_results``.
    """

    def __init__(
        self,
        client: AsyncPromptHost,
        tracker: AsyncPromptTracker,
        info: PromptInfo,
        future: Future[Any] | None,
    ) -> None:
        self._client = client
        self._tracker = tracker
        self.prompt_id: str = info.prompt_id
        self.number: float = info.number
        #: Outputs the server dropped while accepting the rest (partial acceptance), by node id.
        self.node_errors: dict[str, Any] = info.node_errors
        self.future: Future[Any] | None = future

    @property
    def status(self) -> PromptStatus | None:
        """Where the prompt is now (None when it is not tracked)."""
        return self._tracker.status(self.prompt_id)

    @property
    def progress(self) -> Progress | None:
        """The node running now and its step progress (None when not tracked)."""
        return self._tracker.progress(self.prompt_id)

    async def result(self, timeout: float | None = None) -> PromptResult:
        """Wait for the result (``ComfyTimeoutError`` after ``timeout`` seconds; the prompt goes on)."""
        if self.future is None:
            return await self._client.wait_for_result(self.prompt_id, timeout)
        result: PromptResult = await wait_future(self.future, timeout, f"prompt {self.prompt_id}")
        return result

    async def cancel(self) -> None:
        """Remove this prompt if pending (its future is cancelled) or interrupt it if running
        (its future raises ``ExecutionInterrupted``); other prompts are not touched."""
        await self._client.cancel_prompt(self.prompt_id)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.prompt_id} number={self.number} status={self.status}>"
