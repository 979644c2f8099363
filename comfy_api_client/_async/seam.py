"""The seam between the client and the API it speaks.

The client and its prompts use the two halves of an API only through these interfaces: what
follows prompts (:class:`AsyncPromptTracker`, ComfyUI's native one is
:class:`~comfy_api_client._async.tracker.AsyncTracker`, driving the I/O-free core) and what
sends requests (:class:`AsyncPromptRequests`, natively
:class:`~comfy_api_client._async.requester.AsyncRequester`). A second API implements both.
This file is the source of ``../_sync/seam.py`` (``scripts/unasync.py``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

from ..calls.files import DownloadRequest
from ..calls.transport import Call
from ..core.results import OutputFile, PromptResult
from ..core.tracker_core import CancelStep, Progress, PromptStatus, ServerState
from ..events import Event
from .backend import Future

T = TypeVar("T")


class AsyncPromptTracker(Protocol):
    """Follows submitted prompts; owns their state."""

    @property
    def client_id(self) -> str:
        """The id prompts are posted under (the current connection's)."""
        ...

    @property
    def following(self) -> bool:
        """Whether submitted prompts are followed (and get futures)."""
        ...

    def status(self, prompt_id: str) -> PromptStatus | None: ...

    def progress(self, prompt_id: str) -> Progress | None: ...

    def server_state(self) -> ServerState: ...

    def register(
        self,
        prompt_id: str,
        prompt: object,
        on_event: Callable[[Event], None] | None,
        want_future: bool,
    ) -> Future[PromptResult] | None:
        """Follow ``prompt_id`` before it is posted; its future, if wanted."""
        ...

    def submitted(self, prompt_id: str, body: dict[str, Any]) -> None: ...

    def submit_failed(self, prompt_id: str) -> None: ...

    def cancel_steps(self, prompt_id: str, jobs_api: bool) -> list[CancelStep]: ...

    def cancel_sent(self, prompt_id: str) -> None: ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


class AsyncPromptRequests(Protocol):
    """Sends the client's requests."""

    @property
    def is_open(self) -> bool: ...

    def open(self) -> None: ...

    def stop(self) -> None:
        """Retry nothing from now on (the client is closing)."""
        ...

    async def close(self) -> None: ...

    async def call(self, call: Call[T]) -> T: ...

    async def probe(self) -> None:
        """One cheap request, to fail early and clearly when the server cannot be reached."""
        ...

    async def submit(self, request: dict[str, Any]) -> dict[str, Any]:
        """Post a prompt request (``build_prompt_request``'s); the answer, whose ``prompt_id``
        (if given) is the id the server knows the prompt by. A submission that failed in
        transit is never queued twice."""
        ...

    async def result(self, prompt_id: str) -> PromptResult:
        """A finished prompt's result (``PromptNotFinishedError`` while it is not finished)."""
        ...

    async def cancel(self, steps: list[CancelStep]) -> None: ...

    async def download_outputs(self, result: PromptResult) -> None: ...

    async def download_file(
        self, file: OutputFile | str, dest: str | os.PathLike[str], overwrite: bool = False
    ) -> Path:
        """Stream an output file to ``dest`` (a file path, or a folder to put it in)."""
        ...

    async def download(
        self, request: DownloadRequest, dest: str | os.PathLike[str], overwrite: bool = False
    ) -> Path: ...
