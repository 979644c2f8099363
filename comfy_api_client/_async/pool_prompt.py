"""A prompt of a pool of ComfyUI servers, as the pool returns it.

This file is the source of ``../_sync/pool_prompt.py`` (``scripts/unasync.py``).
"""

from __future__ import annotations

from typing import Any, Protocol

from ..core.pool_core import PoolCallback, PoolPromptView, PoolResult, complete
from ..core.tracker_core import Progress, PromptStatus
from ..errors import ExecutionInterrupted, PromptCancelledError, PromptLostError
from .backend import Future, wait_future
from .prompt import AsyncPrompt


class AsyncPoolHost(Protocol):
    """What a pool prompt asks of its pool."""

    async def cancel_prompt(self, prompt: AsyncPoolPrompt | str) -> None: ...

    def view(self, prompt: AsyncPoolPrompt | str) -> PoolPromptView | None: ...


class AsyncPoolPrompt:
    """A prompt of a pool: like a client's prompt, plus the server that has it.

    ``future`` completes with a :class:`~comfy_api_client.core.pool_core.PoolResult` (a
    ``PromptResult`` with ``server``) or the typed error; a prompt lost to a server that
    died is resubmitted elsewhere under the same ``prompt_id`` first.
    """

    def __init__(self, pool: AsyncPoolHost, view: PoolPromptView, future: Future[Any]) -> None:
        self._pool = pool
        #: The last snapshot read from the pool (the final one once it ended).
        self._seen = view
        self.prompt_id: str = view.prompt_id
        #: The ``on_event`` callback given with the prompt (called with its server's messages).
        self.on_event: PoolCallback | None = view.on_event
        self.future: Future[Any] = future
        #: The client's prompt of the current placement (None while moving, or when followed
        #: by polling).
        self.inner: AsyncPrompt | None = None

    @property
    def record(self) -> PoolPromptView:
        """A snapshot of where the prompt stands (read-only; the pool owns the prompt)."""
        if not self.future.done():
            now = self._pool.view(self)
            if now is not None:
                self._seen = now
        return self._seen

    @property
    def server(self) -> str | None:
        """The server that has the prompt now (that ran it, once finished)."""
        view = self.record
        return view.server or (view.attempts[-1] if view.attempts else None)

    @property
    def attempts(self) -> list[str]:
        """The servers it was sent to (or found on), in order."""
        return list(self.record.attempts)

    def end(self, view: PoolPromptView, result: Any, error: BaseException | None) -> None:
        """The pool ended the prompt (its final snapshot ``view``): complete the future."""
        self._seen = view
        complete(self.future, result, error)

    @property
    def status(self) -> PromptStatus:
        if self.future.done():
            if self.future.cancelled():
                return PromptStatus.CANCELLED
            error = self.future.exception()
            if error is None:
                return PromptStatus.COMPLETED
            if isinstance(error, PromptCancelledError):
                return PromptStatus.CANCELLED
            if isinstance(error, ExecutionInterrupted):
                return PromptStatus.INTERRUPTED
            return PromptStatus.LOST if isinstance(error, PromptLostError) else PromptStatus.FAILED
        inner = self.inner
        found = inner.status if inner is not None else None
        return found if found is not None else PromptStatus.QUEUED

    @property
    def progress(self) -> Progress | None:
        inner = self.inner
        return inner.progress if inner is not None else None

    async def result(self, timeout: float | None = None) -> PoolResult:
        """Wait for the result (``ComfyTimeoutError`` after ``timeout`` seconds)."""
        result: PoolResult = await wait_future(self.future, timeout, f"prompt {self.prompt_id}")
        return result

    async def cancel(self) -> None:
        """Cancel it wherever it is (removed if pending, interrupted if running); it never
        moves again."""
        await self._pool.cancel_prompt(self)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.prompt_id} on {self.server} status={self.status}>"
