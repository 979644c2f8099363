"""A submitted prompt, as the asyncio client returns it.

This file is the source of ``../_sync/prompt.py`` (``scripts/unasync.py``).
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from ..calls.native import PromptInfo
from ..core.results import PromptResult
from ..core.tracker_core import Progress, PromptStatus
from ..errors import ComfyError, NotAvailableError
from .backend import Future, new_future, wait_future, wait_watching
from .seam import AsyncPromptTracker

logger = logging.getLogger("comfy_api_client")

_WAITING = (PromptStatus.SUBMITTING, PromptStatus.QUEUED, PromptStatus.RUNNING, None)


class AsyncPromptHost(Protocol):
    """What a prompt asks of the client that submitted it."""

    async def wait_for_result(self, prompt: str, timeout: float | None = None) -> PromptResult: ...

    async def cancel_prompt(self, prompt: str) -> None: ...


class AsyncPrompt:
    """A prompt the server accepted.

    ``future`` completes with its ``PromptResult`` or a typed error (``ExecutionError``,
    ``ExecutionInterrupted``, ``PromptLostError``...). For a prompt the client does not
    follow (``return_future=False``, or ``start_state_tracker=None``; ``tracked`` is False)
    it has already failed with ``NotAvailableError``: ``result()`` polls for it instead.
    """

    def __init__(
        self,
        client: AsyncPromptHost,
        tracker: AsyncPromptTracker,
        info: PromptInfo,
        future: Future[PromptResult] | None,
        workflow: dict[str, Any] | None = None,
    ) -> None:
        self._client = client
        self._tracker = tracker
        self.prompt_id: str = info.prompt_id
        self.number: float = info.number
        #: Outputs the server dropped while accepting the rest (partial acceptance), by node id.
        self.node_errors: dict[str, Any] = info.node_errors
        #: Whether the client follows this prompt; if not, ``future`` has failed already.
        self.tracked: bool = future is not None
        self.future: Future[PromptResult] = (
            future if future is not None else _refused(self.prompt_id)
        )
        #: The API-format workflow as it was sent (node titles for progress displays).
        self.workflow: dict[str, Any] | None = workflow

    @property
    def status(self) -> PromptStatus | None:
        """Where the prompt is now (None when it is not tracked)."""
        return self._tracker.status(self.prompt_id)

    @property
    def progress(self) -> Progress | None:
        """The node running now and its step progress (None when not tracked)."""
        return self._tracker.progress(self.prompt_id)

    async def result(
        self,
        timeout: float | None = None,
        *,
        progress: bool = False,
        cancel_on_abandon: bool = False,
    ) -> PromptResult:
        """Wait for the result (``ComfyTimeoutError`` after ``timeout`` seconds).

        ``progress=True`` shows a progress bar (``tqdm``; a widget and the live preview in a
        notebook; needs the ``notebook`` extra). With ``cancel_on_abandon=True`` a wait that
        ends before the prompt does (timeout, Ctrl-C, the task cancelled) cancels the prompt
        on the server; otherwise it goes on.
        """
        view = _progress_view(self) if progress else None
        try:
            if not self.tracked:
                return await self._client.wait_for_result(self.prompt_id, timeout)
            what = f"prompt {self.prompt_id}"
            if view is None:
                return await wait_future(self.future, timeout, what)
            return await wait_watching(self.future, timeout, what, view.refresh)
        except BaseException:
            if cancel_on_abandon and self.status in _WAITING and not self._settled():
                await self._abandon()
            raise
        finally:
            if view is not None:
                view.close()

    def _settled(self) -> bool:
        return self.tracked and self.future.done()

    async def _abandon(self) -> None:
        logger.info("the wait for prompt %s ended early: cancelling it", self.prompt_id)
        try:
            await self._client.cancel_prompt(self.prompt_id)
        except ComfyError as exc:
            logger.warning("could not cancel abandoned prompt %s: %s", self.prompt_id, exc)

    async def cancel(self) -> None:
        """Remove this prompt if pending (its future is cancelled) or interrupt it if running
        (its future raises ``ExecutionInterrupted``); other prompts are not touched."""
        await self._client.cancel_prompt(self.prompt_id)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.prompt_id} number={self.number} status={self.status}>"

    def _repr_html_(self) -> str:
        """Status, queue position and progress, for notebooks."""
        from ..notebook.display import prompt_html

        return prompt_html(self)


def _refused(prompt_id: str) -> Future[PromptResult]:
    """The ``future`` of a prompt the client does not follow: failed, saying so."""
    refusal: Future[PromptResult] = new_future()
    refusal.set_exception(
        NotAvailableError(
            "prompt.future",
            f"prompt {prompt_id}, which this client does not follow",
            "it was submitted with return_future=False or by a client with "
            "start_state_tracker=None; await prompt.result() polls for its result",
        )
    )
    refusal.exception()  # taken: nothing is logged when it is dropped unread
    return refusal


def _progress_view(prompt: AsyncPrompt) -> Any:
    from ..notebook.progress import ProgressView

    return ProgressView([prompt])
